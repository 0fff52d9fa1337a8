from __future__ import annotations

import sqlite3

import pytest

from eventwire.store import LATEST_VERSION, Corpus, StoreError
from eventwire.store.migrations import MIGRATIONS, Migration, current_version, migrate


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def test_an_empty_file_gets_the_whole_schema_in_wal_mode(tmp_path):
    db = tmp_path / "new.db"
    with Corpus(db) as corpus:
        assert corpus.schema_version == LATEST_VERSION
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "links", "warnings", "entities", "quotes", "events", "actors", "places", "people", "failures",
            "duplicate_groups", "articles_fts", "quotes_fts", "schema_migrations"} <= _tables(conn)
    assert [v for (v,) in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == [m.version for m in MIGRATIONS]


def test_reopening_applies_nothing_and_keeps_the_data(tmp_path):
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        corpus._conn.execute("INSERT INTO failures(path, code, message, fingerprint) VALUES ('a', 'not-found', 'gone', 'f1')")
    with Corpus(db) as corpus:
        assert [f.path for f in corpus.failures()] == ["a"]
        conn = sqlite3.connect(db, isolation_level=None)
        assert migrate(conn) == []


def test_an_older_database_is_migrated_forward(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    assert migrate(conn, MIGRATIONS) == [m.version for m in MIGRATIONS]
    later = Migration(LATEST_VERSION + 1, "add a column", lambda c: c.execute("ALTER TABLE articles ADD COLUMN reviewed INTEGER"))
    assert migrate(conn, (*MIGRATIONS, later)) == [LATEST_VERSION + 1]
    assert current_version(conn) == LATEST_VERSION + 1
    assert "reviewed" in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}


def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path):
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(conn)

    def broken(c):
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(conn, (*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", broken)))
    assert current_version(conn) == LATEST_VERSION
    assert "half_done" not in _tables(conn)


def test_a_database_from_a_newer_eventwire_is_refused(tmp_path):
    db = tmp_path / "future.db"
    Corpus(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO schema_migrations(version, name) VALUES (?, 'from the future')", (LATEST_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreError, match="newer eventwire"):
        Corpus(db)
    with pytest.raises(StoreError, match="newer eventwire"):
        Corpus(db, readonly=True)


def test_read_only_will_not_migrate(tmp_path):
    db = tmp_path / "blank.db"
    sqlite3.connect(db).execute("CREATE TABLE unrelated (x)")
    with pytest.raises(StoreError, match="migrate"):
        Corpus(db, readonly=True)


def test_version_2_people_keep_their_ids_and_links_through_version_3(tmp_path):
    db = tmp_path / "v2.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    assert migrate(conn, MIGRATIONS[:2]) == [1, 2]
    conn.execute("INSERT INTO articles(id, schema_version, content_hash, text, metadata, removals, source_map) VALUES ('a', '1.0', 'h', 'Lavrov spoke.', '{}', '[]', '[]')")
    conn.execute("INSERT INTO people(id, key, surname, name) VALUES (7, 'sergei lavrov', 'lavrov', 'Sergei Lavrov')")
    conn.execute("INSERT INTO quotes(article_rowid, idx, text, start, \"end\", kind, person_id) VALUES (1, 0, 'spoke', 7, 12, 'direct', 7)")
    conn.close()
    with Corpus(db) as corpus:
        assert corpus.schema_version >= 3
        assert [(p.id, p.key, p.actor_code, p.quotes) for p in corpus.people()] == [(7, "sergei lavrov", None, 1)]
        assert corpus._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # switched back on after the rebuild
        assert corpus._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert corpus.integrity_check() == "ok"
        # (name, code) is the identity now: the same name with another code is another person.
        corpus._conn.execute("INSERT INTO people(key, surname, name, actor_code) VALUES ('sergei lavrov', 'lavrov', 'S. Lavrov', 'RUSGOV')")
        with pytest.raises(sqlite3.IntegrityError):
            corpus._conn.execute("INSERT INTO people(key, surname, name, actor_code) VALUES ('sergei lavrov', 'lavrov', 'x', 'RUSGOV')")
