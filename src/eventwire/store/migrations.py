"""Versioned schema migrations for the corpus database.

Each migration is applied once, in order, inside one transaction together with
its row in ``schema_migrations``, so a crash mid-migration leaves the previous
version intact. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]
    #: The migration rebuilds a table that others reference: foreign keys are switched off
    #: while it runs (SQLite ignores that switch inside a transaction) and checked before commit.
    rebuilds_tables: bool = False


# Article-level values that a query filters or sorts on get their own column; the
# rest of the record (and what later stages may still reshape) is kept as JSON so
# that the stored record can be handed back exactly as `Article.to_dict()` made it.
_INITIAL = """
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    schema_version TEXT NOT NULL,
    title TEXT,
    url TEXT,
    canonical_url TEXT,
    outlet_domain TEXT,
    outlet_name TEXT,
    published TEXT,
    language TEXT,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    input_path TEXT,
    input_index INTEGER,
    source_fingerprint TEXT,     -- the input file this record came from (see `sources`)
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    metadata TEXT NOT NULL,      -- JSON: *_source fields, authors, paragraphs, input, provenance
    removals TEXT NOT NULL,      -- JSON list
    source_map TEXT NOT NULL,    -- JSON list of [text_start, text_end, raw_start, raw_end]
    raw TEXT
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet_domain);
CREATE INDEX articles_source ON articles(source_fingerprint);

CREATE TABLE links (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    context TEXT NOT NULL,
    repaired INTEGER NOT NULL,
    count INTEGER NOT NULL,
    raw_start INTEGER,
    raw_end INTEGER,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX links_url ON links(url);

CREATE TABLE warnings (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX warnings_code ON warnings(code);

-- Corpus-level identities of people, keyed by a normalised bare name.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    actor_code TEXT
);
CREATE INDEX people_surname ON people(surname);

CREATE TABLE entities (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    role TEXT,
    mentions TEXT NOT NULL,      -- JSON list of spans
    person_id INTEGER REFERENCES people(id),
    PRIMARY KEY (article_rowid, entity_id)
);

CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,                    -- JSON span
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_type TEXT,
    speaker_entity_id TEXT,
    speaker_mention TEXT,        -- JSON span
    person_id INTEGER REFERENCES people(id),
    UNIQUE (article_rowid, idx)
);
CREATE INDEX quotes_person ON quotes(person_id);

CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    goldstein REAL,
    quad_class INTEGER,
    plover_type TEXT,
    plover_mode TEXT,
    date TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL,
    modality TEXT NOT NULL,
    confidence REAL NOT NULL,
    rule TEXT NOT NULL,
    location TEXT,               -- JSON place
    location_basis TEXT NOT NULL,
    UNIQUE (article_rowid, idx)
);
CREATE INDEX events_root_date ON events(root, date);

CREATE TABLE actors (
    event_rowid INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    code TEXT,
    name TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    entity_id TEXT,
    resolved_by TEXT NOT NULL,
    person_id INTEGER REFERENCES people(id),
    PRIMARY KEY (event_rowid, role)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    geonames_id INTEGER,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    kind TEXT,
    metonymic INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX places_country ON places(country);

-- One row per input that failed; the fingerprint (bytes + locator) tells whether a
-- later run is looking at the same input, so a re-run neither repeats nor duplicates it.
CREATE TABLE failures (
    rowid INTEGER PRIMARY KEY,
    path TEXT,
    idx INTEGER,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 1,
    failed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX failures_location ON failures(path, idx);

-- MinHash signatures persist so that a later ingest can compare against every
-- article already stored without re-reading their text.
CREATE TABLE minhashes (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    scheme TEXT NOT NULL,        -- signatures from different hashing schemes never compare
    signature BLOB NOT NULL
);

-- Input files read to the end, by fingerprint: a re-run skips them without reading them again.
CREATE TABLE sources (
    fingerprint TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    documents INTEGER NOT NULL,
    completed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Articles with at least one near-duplicate; group_id is the rowid of the group's
-- first stored member, so groups are stable as copies arrive.
CREATE TABLE duplicate_groups (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    group_id INTEGER NOT NULL
);
CREATE INDEX duplicate_groups_group ON duplicate_groups(group_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.rowid, new.text, coalesce(new.speaker_name, ''));
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.rowid, old.text, coalesce(old.speaker_name, ''));
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.rowid, old.text, coalesce(old.speaker_name, ''));
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.rowid, new.text, coalesce(new.speaker_name, ''));
END;
"""


# Events the GDELT way: every extracted event is a *mention*; mentions that agree on
# (day, source, target, CAMEO code) are one *event*. Views rather than tables, so the
# clusters can never drift from the mentions they summarise, and R or the sqlite3 shell
# can query them without eventwire.
_EVENT_VIEWS = """
CREATE VIEW event_mentions AS
SELECT
    e.rowid AS event_rowid,
    e.article_rowid,
    a.id AS article_id,
    e.idx,
    -- An event without its own date happened, as far as we know, when the article says so.
    substr(coalesce(e.date, a.published), 1, 10) AS date,
    s.code AS source_code,
    coalesce(s.name, s.text) AS source_name,
    t.code AS target_code,
    coalesce(t.name, t.text) AS target_name,
    -- Unresolved actors have no code; keying them on their name keeps two different
    -- unresolved actors from collapsing into one event.
    coalesce(s.code, '~' || lower(coalesce(s.name, s.text)), '') AS source_key,
    coalesce(t.code, '~' || lower(coalesce(t.name, t.text)), '') AS target_key,
    e.code,
    e.root,
    e.goldstein,
    e.quad_class,
    e.sentence_start,
    e.sentence_end,
    e.evidence_start,
    e.evidence_end,
    e.modality,
    e.location,
    -- An article without a known outlet is its own source, so it is never merged with another.
    coalesce(a.outlet_domain, a.outlet_name, 'article:' || a.id) AS outlet_key,
    coalesce(a.url, a.canonical_url) AS url,
    a.ingested_at,
    e.sentence_start < coalesce(json_extract(a.metadata, '$.paragraphs[0][1]'), 0) AS in_lead
FROM events e
JOIN articles a ON a.rowid = e.article_rowid
LEFT JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source'
LEFT JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target';

-- Exactly one min() aggregate, so SQLite takes the bare columns (names, url, location, ...)
-- from the cluster's first stored mention: the cluster is described as first seen, as GDELT does.
CREATE VIEW event_clusters AS
SELECT
    min(event_rowid) AS cluster_id,
    date, source_key, target_key, code,
    source_code, source_name, target_code, target_name, root,
    avg(goldstein) AS goldstein,
    quad_class,
    count(*) AS num_mentions,
    count(DISTINCT outlet_key) AS num_sources,
    count(DISTINCT article_rowid) AS num_articles,
    sum(in_lead) > 0 AS is_root_event,
    location,
    url,
    ingested_at AS first_added,
    json_group_array(json_array(article_rowid, article_id, idx, sentence_start, sentence_end, evidence_start, evidence_end)) AS mentions
FROM event_mentions
GROUP BY date, source_key, target_key, code;
"""


# People become (bare name, actor code) identities: two namesakes with different codes are
# two people, and a name seen without a code joins the coded identity once one is known.
# SQLite cannot change a UNIQUE constraint in place, so the table is rebuilt with its ids
# kept (entities, quotes and actors point at them). '' stands for "no code yet" because
# NULLs never collide in a UNIQUE index.
_PEOPLE_WITH_CODES = """
CREATE TABLE people_new (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    actor_code TEXT NOT NULL DEFAULT '',
    UNIQUE (key, actor_code)
);
INSERT INTO people_new(id, key, surname, name, actor_code) SELECT id, key, surname, name, coalesce(actor_code, '') FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_surname ON people(surname);
CREATE INDEX people_actor_code ON people(actor_code);
CREATE INDEX entities_person ON entities(person_id);
CREATE INDEX actors_person ON actors(person_id);
-- `quotes --speaker` also matches the name as written, whatever its case.
CREATE INDEX quotes_speaker_name ON quotes(lower(speaker_name));
"""


_EVENT_TALLY = """
-- The coded event clusters (day, source code, target code, CAMEO code) with their mention
-- counts, kept up to date by a trigger as actors are stored. The web view's overview, network
-- and dyad charts read these few rows instead of joining every event with its article and
-- both actors on each request (about a second at 100,000 articles).
CREATE TABLE event_tally (
    day TEXT NOT NULL,            -- '' when neither the event nor its article has a date
    source_code TEXT NOT NULL,
    target_code TEXT NOT NULL,
    code TEXT NOT NULL,
    goldstein REAL,
    quad_class INTEGER,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (day, source_code, target_code, code)
) WITHOUT ROWID;
CREATE INDEX event_tally_pair ON event_tally(source_code, target_code);

INSERT INTO event_tally(day, source_code, target_code, code, goldstein, quad_class, mentions)
SELECT coalesce(substr(coalesce(e.date, a.published), 1, 10), ''), s.code, t.code, e.code,
       avg(e.goldstein), min(e.quad_class), count(*)
FROM events e
JOIN articles a ON a.rowid = e.article_rowid
JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source'
JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target'
WHERE s.code IS NOT NULL AND t.code IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- An event counts once both of its actors are stored with codes: at the second of the two.
CREATE TRIGGER event_tally_count AFTER INSERT ON actors
WHEN new.code IS NOT NULL
 AND EXISTS (SELECT 1 FROM actors o WHERE o.event_rowid = new.event_rowid AND o.role != new.role AND o.code IS NOT NULL)
BEGIN
    INSERT INTO event_tally(day, source_code, target_code, code, goldstein, quad_class, mentions)
    SELECT coalesce(substr(coalesce(e.date, a.published), 1, 10), ''), s.code, t.code, e.code, e.goldstein, e.quad_class, 1
    FROM events e
    JOIN articles a ON a.rowid = e.article_rowid
    JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source'
    JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target'
    WHERE e.rowid = new.event_rowid
    ON CONFLICT(day, source_code, target_code, code) DO UPDATE SET mentions = mentions + 1;
END;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # executescript() would COMMIT first and break the one-transaction guarantee.
        for statement in _statements(sql):
            conn.execute(statement)

    return apply


def _statements(sql: str) -> list[str]:
    """Split a script on statement ends, keeping trigger bodies (which hold ';') whole."""
    out: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not pending.strip():
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:80]}")
    return out


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _script(_INITIAL)),
    Migration(2, "event mention and cluster views", _script(_EVENT_VIEWS)),
    Migration(3, "people keyed by name and actor code", _script(_PEOPLE_WITH_CODES), rebuilds_tables=True),
    Migration(4, "coded event clusters tallied as events are stored", _script(_EVENT_TALLY)),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Bring the database up to the latest version; returns the versions applied.

    The connection must be in autocommit mode (``isolation_level=None``): each
    migration opens its own ``BEGIN IMMEDIATE`` so that two processes opening an old
    database at once do not both apply it.
    """
    applied: list[int] = []
    for migration in migrations:
        foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
        if migration.rebuilds_tables:
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            if _apply_once(conn, migration):
                applied.append(migration.version)
        finally:
            conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return applied


def _apply_once(conn: sqlite3.Connection, migration: Migration) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        if current_version(conn) >= migration.version:
            conn.execute("COMMIT")
            return False
        migration.apply(conn)
        if migration.rebuilds_tables:
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"migration {migration.version} would break {len(broken)} foreign key(s), first: {tuple(broken[0])}")
        conn.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", (migration.version, migration.name))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True
