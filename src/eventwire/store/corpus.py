"""The corpus: every record of many articles in one SQLite file, queryable.

Writes go one record per transaction, so a run killed at any moment leaves only
whole records behind, and a re-run stores the rest: records already stored are
recognised by id (or, for whole input files, by fingerprint before reading).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from ..errors import UsageError
from ..ingest import read_documents
from ..ingest.sources import iter_sources
from ..model import Article, Document, DocumentError
from ..pipeline import NLP_STAGES, actor_tables, process_all
from ..settings import DEFAULT_SETTINGS, Settings
from . import dedupe, records
from . import events as _events
from . import export as _export
from . import review as _review
from .events import EventCluster, SeriesPoint
from .export import ExportReport
from .migrations import LATEST_VERSION, current_version, migrate
from .people import PERSONAL_SOURCES, person_code, person_key, written_as_name
from .sources import failure_fingerprint, source_fingerprint

DEFAULT_DB = "eventwire.db"
#: Matches ranked per search at most (the most recently stored); see `Corpus.search`.
RANK_WINDOW = 20_000
#: How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 10_000
#: An ingest commits after this many results, or at the next result once the oldest uncommitted one has waited this long.
COMMIT_EVERY = 16
COMMIT_SECONDS = 2.0


class StoreError(UsageError):
    """The store cannot do what was asked (read-only, newer schema, missing file)."""


class SearchSyntaxError(UsageError):
    """A search query that FTS5 cannot parse."""


@dataclass
class IngestReport:
    added: int = 0
    already_stored: int = 0  # documents whose id was in the store already
    skipped_sources: int = 0  # input files finished by an earlier run, skipped unread
    failed: int = 0
    near_duplicates: int = 0  # added articles that joined a duplicate group
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.already_stored + self.failed


@dataclass
class IngestProgress:
    """What the progress hook sees after each stored document or skipped file."""

    sources_done: int
    sources_total: int
    path: str | None
    report: IngestReport


ProgressHook = Callable[[IngestProgress], None]


@dataclass
class Failure:
    path: str | None
    index: int | None
    code: str
    message: str
    fingerprint: str
    attempts: int
    failed_at: str


@dataclass
class DuplicateMember:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    content_hash: str
    path: str | None


@dataclass
class DuplicateGroup:
    group_id: str  # the id of the group's first stored article
    members: list[DuplicateMember]


@dataclass
class SearchHit:
    kind: str  # "article" or "quote"
    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    score: float  # bm25: lower is a better match
    speaker: str | None = None


@dataclass
class QuoteHit:
    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    text: str
    kind: str
    start: int
    end: int
    speaker: str | None
    speaker_type: str | None
    person: str | None  # the corpus-level identity: its bare-name key ...
    person_code: str | None = None  # ... and its actor code, where one is known
    role: str | None = None  # the title the article gave the speaker ("Foreign Minister")
    copies: int = 1  # with copies folded: how many copies of the article carry this quote (this one the earliest)


@dataclass
class Stats:
    articles: int
    failures: int
    links: int
    warnings: dict[str, int]
    quotes: int
    entities: int
    events: int
    actors: int
    places: int
    people: int
    outlets: int
    exact_duplicate_articles: int  # articles sharing their content_hash with another
    duplicate_groups: int
    first_published: str | None
    last_published: str | None
    schema_version: int


@dataclass
class Person:
    """A corpus-level identity: a bare name plus an actor code (None while none is known)."""

    id: int
    key: str  # the normalised bare name, e.g. "sergei lavrov"
    name: str  # as first written
    actor_code: str | None
    quotes: int  # quotes attributed to this person
    mentions: int  # articles whose entities name this person
    events: int  # event actors that are this person


@dataclass
class ActorSummary:
    code: str
    name: str | None  # the name most often written for it
    as_source: int  # event mentions with this actor as the source
    as_target: int
    articles: int
    people: list[Person] = field(default_factory=list)  # people linked to this code


@dataclass
class _Pending:
    """Where a document handed to the pipeline came from; results come back in the same order."""

    fingerprint: str | None
    path: str | None
    last_of_source: bool
    documents_in_source: int = 0
    replaces_failure: int | None = None
    stored: bool = False  # set once its result is committed
    closes_source: bool = True


@dataclass
class _Run:
    report: IngestReport
    progress: ProgressHook | None
    sources_total: int
    sources_done: int = 0
    pending: deque = field(default_factory=deque)

    def tick(self, path: str | None) -> None:
        if self.progress is not None:
            self.progress(IngestProgress(self.sources_done, self.sources_total, path, self.report))


class Corpus:
    """One corpus database. ``Corpus(path)`` creates or migrates it; ``readonly=True`` never writes."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, readonly: bool = False):
        self.path = os.fspath(path)
        self.readonly = readonly
        self._near: dedupe.NearDuplicateIndex | None = None
        #: The actor tables that give people their codes: eventwire's own, plus a user-actors file's people (`use_actors`).
        self._people_tables = None
        self._people_codes: dict[tuple, str] = {}  # (name, role, date) -> code under those tables
        self._conn = self._open_readonly() if readonly else self._open_writable()
        self._conn.row_factory = sqlite3.Row

    # -- opening -----------------------------------------------------------------

    def _open_writable(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to WAL mode (got {mode}); is it on a network file system?")
            # NORMAL in WAL mode survives a killed process; only a power cut may lose the last commits.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._check_version(conn)
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: not a usable eventwire database ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_readonly(self) -> sqlite3.Connection:
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database")
        uri = f"file:{url_quote(os.path.abspath(self.path))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA query_only = ON")
            self._check_version(conn)
            if current_version(conn) < LATEST_VERSION:
                raise StoreError(f"{self.path}: schema version {current_version(conn)} is older than {LATEST_VERSION}; open it once for writing to migrate it")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: not a usable eventwire database ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_version(self, conn: sqlite3.Connection) -> None:
        found = current_version(conn)
        if found > LATEST_VERSION:
            raise StoreError(f"{self.path}: written by a newer eventwire (schema version {found}, this one knows {LATEST_VERSION}); upgrade eventwire")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self._conn)

    def integrity_check(self) -> str:
        """SQLite's own check of the file and indexes, plus FTS5's check of both text indexes: "ok" or the problems."""
        problems = [row[0] for row in self._conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        if not self.readonly:
            for table in ("articles_fts", "quotes_fts"):
                try:
                    self._conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                except sqlite3.DatabaseError as exc:
                    problems.append(f"{table}: {exc}")
        return "ok" if not problems else "\n".join(problems)

    # -- writing -----------------------------------------------------------------

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    def use_actors(self, actors_file: str | None) -> None:
        """Code the people of the records stored from now on with a user-actors file too
        (``--actors``: its dated people are known by name, like the packaged office holders)."""
        self._people_tables = actor_tables(actors_file)
        self._people_codes: dict[tuple, str] = {}

    def ingest(self, paths: Iterable[str] | str, settings: Settings = DEFAULT_SETTINGS, progress: ProgressHook | None = None) -> IngestReport:
        """Process every document under `paths` and store it; return what happened.

        Safe to repeat and to resume after a crash: what is stored stays, nothing is stored twice.
        """
        self._writable()
        self.use_actors(settings.actors)
        started = time.perf_counter()
        sources = list(iter_sources([paths] if isinstance(paths, str) else paths))
        run = _Run(IngestReport(), progress, len(sources))
        self._store_results(process_all(_loading_models_first(self._documents(sources, settings, run), settings), settings), run)
        run.report.seconds = time.perf_counter() - started
        return run.report

    def retry_failures(self, settings: Settings = DEFAULT_SETTINGS, progress: ProgressHook | None = None) -> IngestReport:
        """Process every failed input again; a success replaces its failure row with the article."""
        self._writable()
        self.use_actors(settings.actors)
        started = time.perf_counter()
        failures = [(row["rowid"], row) for row in self._conn.execute("SELECT rowid, * FROM failures ORDER BY rowid")]
        retriable = [(rowid, f) for rowid, f in failures if f["path"] not in (None, "-")]
        run = _Run(IngestReport(), progress, len(retriable))
        self._store_results(process_all(_loading_models_first(self._retried_documents(retriable, settings, run), settings), settings), run)
        run.report.seconds = time.perf_counter() - started
        return run.report

    def add(self, article: Article | dict[str, Any], source: str | None = None) -> bool:
        """Store one record (an `Article` or its JSON form); False if its id was stored already."""
        self._writable()
        record = article.to_dict() if isinstance(article, Article) else article
        with self._transaction():
            rowid, minhash = self._insert_article(record, source)
        if rowid is not None:
            self._near_index().add(rowid, minhash)
        return rowid is not None

    def add_failure(self, error: DocumentError | dict[str, Any], source: str | None = None) -> bool:
        """Store one input that failed (a `DocumentError` or its JSON form); False if that failure is stored already.

        `source` is the fingerprint of the input file (`eventwire.store.sources.source_fingerprint`):
        with it a later run, or `retry_failures`, recognises the same input. A failure stored
        already is left exactly as it was (its attempts are not counted up), so loading the
        same results twice changes nothing.
        """
        self._writable()
        if isinstance(error, dict):
            error = DocumentError(error["error"], error["code"], error.get("path"), error.get("index"))
        fingerprint = failure_fingerprint(error, source)
        with self._transaction():
            if self._conn.execute("SELECT 1 FROM failures WHERE fingerprint = ?", (fingerprint,)).fetchone():
                return False
            self._upsert_failure(error, fingerprint)
        return True

    def _documents(self, sources: list, settings: Settings, run: _Run) -> Iterator[Document | DocumentError]:
        """The documents still to store, each announced in `run.pending` as it is handed over."""
        for source in sources:
            if isinstance(source, DocumentError):
                run.pending.append(_Pending(None, source.path, True))
                yield source
                continue
            fingerprint = source_fingerprint(source.path)
            if fingerprint is not None and self._source_done(fingerprint):
                run.report.skipped_sources += 1
                run.sources_done += 1
                run.tick(source.path)
                continue
            total, last_pending = 0, None
            for document, last in _with_last(read_documents([source.path], settings)):
                total += 1
                if isinstance(document, Document) and self._has_article(document.id):
                    run.report.already_stored += 1
                    continue
                last_pending = _Pending(fingerprint, source.path, last, total)
                run.pending.append(last_pending)
                yield document
            if last_pending is not None and last_pending.last_of_source:
                continue  # closed when its last document is committed
            if last_pending is None or last_pending.stored:
                self._mark_source(fingerprint, source.path, total)
                run.sources_done += 1
                run.tick(source.path)
            else:
                # The source ended on documents stored earlier: close it with its last new one.
                last_pending.last_of_source, last_pending.documents_in_source = True, total

    def _retried_documents(self, failures: list, settings: Settings, run: _Run) -> Iterator[Document | DocumentError]:
        for rowid, failure in failures:
            path, index = failure["path"], failure["idx"]
            fingerprint = source_fingerprint(path)
            wanted = [
                d for d in read_documents([path], settings)
                if index is None or (d.index if isinstance(d, DocumentError) else d.input.index) == index
            ]
            if not wanted:  # the line is gone from the file: nothing left to retry
                with self._transaction():
                    self._conn.execute("DELETE FROM failures WHERE rowid = ?", (rowid,))
                run.sources_done += 1
                continue
            for i, document in enumerate(wanted):
                # A retry never closes a source: the file may have grown since, with lines not yet stored.
                pending = _Pending(fingerprint, path, i == len(wanted) - 1, replaces_failure=rowid if i == 0 else None, closes_source=False)
                run.pending.append(pending)
                yield document

    def _store_results(self, results: Iterable[Article | DocumentError], run: _Run) -> None:
        """Store results in groups, one transaction each: a commit per article cost about a fifth of
        the store's time. A group is written once it is complete, so the write lock is held only
        while writing (never while the pipeline works on the next batch), and a kill loses at most
        the group being written, which the next run redoes (the transaction is all or nothing)."""
        group: list[tuple[_Pending, Article | DocumentError]] = []
        opened = 0.0
        for result in results:
            if not group:
                opened = time.perf_counter()
            group.append((run.pending.popleft(), result))
            if len(group) >= COMMIT_EVERY or time.perf_counter() - opened >= COMMIT_SECONDS:
                self._store_group(group, run)
                group = []
        if group:
            self._store_group(group, run)

    def _store_group(self, group: list[tuple[_Pending, Article | DocumentError]], run: _Run) -> None:
        near = self._near_index()
        with self._transaction():
            for pending, result in group:
                if isinstance(result, DocumentError):
                    fingerprint = failure_fingerprint(result, pending.fingerprint)
                    self._upsert_failure(result, fingerprint)
                    if pending.replaces_failure is not None:  # the input changed since it failed
                        self._conn.execute("DELETE FROM failures WHERE rowid = ? AND fingerprint != ?", (pending.replaces_failure, fingerprint))
                    run.report.failed += 1
                else:
                    if pending.replaces_failure is not None:
                        self._conn.execute("DELETE FROM failures WHERE rowid = ?", (pending.replaces_failure,))
                    rowid, minhash = self._insert_article(result.to_dict(), pending.fingerprint)
                    if rowid is None:
                        run.report.already_stored += 1
                    else:
                        run.report.added += 1
                        # at once, so that the next article of the group can be found a copy of this one;
                        # if the group rolls back, candidates are checked against the stored signatures anyway
                        near.add(rowid, minhash)
                        if self._conn.execute("SELECT 1 FROM duplicate_groups WHERE article_rowid = ?", (rowid,)).fetchone():
                            run.report.near_duplicates += 1
                if pending.last_of_source and pending.closes_source:
                    self._mark_source(pending.fingerprint, pending.path, pending.documents_in_source)
        for pending, _result in group:
            pending.stored = True
            run.sources_done += pending.last_of_source
            run.tick(pending.path)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _has_article(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _source_done(self, fingerprint: str) -> bool:
        return self._conn.execute("SELECT 1 FROM sources WHERE fingerprint = ?", (fingerprint,)).fetchone() is not None

    def _mark_source(self, fingerprint: str | None, path: str | None, documents: int) -> None:
        if fingerprint is None:
            return
        sql = "INSERT OR IGNORE INTO sources(fingerprint, path, documents) VALUES (?, ?, ?)"
        if self._conn.in_transaction:
            self._conn.execute(sql, (fingerprint, path, documents))
        else:
            with self._transaction():
                self._conn.execute(sql, (fingerprint, path, documents))

    def _upsert_failure(self, error: DocumentError, fingerprint: str) -> None:
        self._conn.execute(
            "INSERT INTO failures(path, idx, code, message, fingerprint) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(fingerprint) DO UPDATE SET code = excluded.code, message = excluded.message, "
            "attempts = attempts + 1, failed_at = excluded.failed_at",
            (error.path, error.index, error.code, error.error, fingerprint),
        )

    def _insert_article(self, record: dict[str, Any], source: str | None) -> tuple[int | None, Any]:
        """Insert one record and everything hanging off it; (None, None) if its id is stored already.

        Must run inside a transaction.
        """
        row = records.article_row(record)
        row["source_fingerprint"] = source
        columns = ", ".join(row)
        cursor = self._conn.execute(f"INSERT OR IGNORE INTO articles({columns}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        # A record that now succeeds settles any failure stored for the same input location.
        self._conn.execute("DELETE FROM failures WHERE path IS ? AND idx IS ?", (record["input"]["path"], record["input"]["index"]))
        if cursor.rowcount == 0:
            return None, None
        rowid = cursor.lastrowid
        conn = self._conn
        conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(rowid, *r) for r in records.link_rows(record)])
        conn.executemany("INSERT INTO warnings VALUES (?, ?, ?, ?)", [(rowid, *r) for r in records.warning_rows(record)])
        people = self._people_of_entities(record)
        published = record["published"]
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rowid, *r, people.get(r[0])) for r in records.entity_rows(record)],
        )
        entity_names = {e["id"]: e["name"] for e in record["entities"]}
        conn.executemany(
            "INSERT INTO quotes(article_rowid, idx, text, start, \"end\", kind, cue, speaker_name, speaker_role, speaker_type, "
            "speaker_entity_id, speaker_mention, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rowid, *values, self._speaker_person(quote["speaker"], entity_names, people, published))
             for quote, values in zip(record["quotes"], records.quote_rows(record))],
        )
        for index, event in enumerate(record["events"]):
            event_rowid = conn.execute(
                "INSERT INTO events(article_rowid, idx, code, root, goldstein, quad_class, plover_type, plover_mode, date, sentence_start, "
                "sentence_end, evidence_start, evidence_end, evidence_text, modality, confidence, rule, location, location_basis) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rowid, *records.event_row(index, event)),
            ).lastrowid
            for role in ("source", "target"):
                if event[role] is not None:
                    conn.execute(
                        "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (event_rowid, *records.actor_row(role, event[role]), self._actor_person(event[role], people)),
                    )
        conn.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(rowid, *r) for r in records.place_rows(record)])
        minhash = dedupe.signature(record["text"])
        conn.execute("INSERT INTO minhashes VALUES (?, ?, ?)", (rowid, dedupe.SCHEME, dedupe.to_blob(minhash)))
        self._group_near_duplicates(rowid, minhash)
        return rowid, minhash

    # -- people --------------------------------------------------------------------

    def _people_of_entities(self, record: dict[str, Any]) -> dict[str, int]:
        """Person entity id -> corpus person id.

        The actor code is the actor tables' for the name on the article's date (a dated office),
        else the one the article's events most often give the entity from its own words ("the
        Finnish president"); a code guessed from the surrounding country is no identity.
        """
        written: dict[str, Counter] = {}
        for event in record["events"]:
            for role in ("source", "target"):
                actor = event[role]
                if actor and actor["entity_id"] and actor["code"] and actor["source"] in PERSONAL_SOURCES:
                    written.setdefault(actor["entity_id"], Counter())[actor["code"]] += 1
        people = {}
        for entity in record["entities"]:
            if entity["type"] != "person":
                continue
            code = self._person_code(entity["name"], entity["role"], record["published"])
            if not code and entity["id"] in written:
                code = written[entity["id"]].most_common(1)[0][0]
            if (pid := self._person_id(entity["name"], code)) is not None:
                people[entity["id"]] = pid
        return people

    def _speaker_person(self, speaker: dict | None, entity_names: dict[str, str], people: dict[str, int], published: str | None) -> int | None:
        if not speaker or speaker["type"] != "person":
            return None
        if speaker["entity_id"] in people:
            return people[speaker["entity_id"]]
        name = entity_names.get(speaker["entity_id"]) or speaker["name"]
        return self._person_id(name, self._person_code(name, speaker["role"], published))

    def _person_code(self, name: str | None, role: str | None, published: str | None) -> str:
        if self._people_tables is None:
            return person_code(name, role, published)  # cached for the packaged tables
        key = (name, role, published)
        if key not in self._people_codes:
            self._people_codes[key] = person_code(name, role, published, self._people_tables)
        return self._people_codes[key]

    def _actor_person(self, actor: dict[str, Any], people: dict[str, int]) -> int | None:
        if actor["entity_id"] in people:
            return people[actor["entity_id"]]
        if actor["source"] == "office-holders" and actor["code"]:  # a named office holder is a person even without an entity
            return self._person_id(actor["text"], actor["code"])
        return None

    def _person_id(self, name: str | None, code: str = "") -> int | None:
        """The corpus identity of a person named `name` with actor code `code` ("" if unknown), created if new.

        Identity is the bare name plus the actor code, so two namesakes with different codes stay
        apart. A name without a code joins the one identity of that name, whatever its code; an
        identity first seen without a code takes the first code it meets. A bare surname joins the
        one full name that has it (with the same code, or none yet); with none or several it stays on its own.
        """
        key = person_key(name) if written_as_name(name) else None
        if key is None:
            return None
        conn = self._conn
        if key.bare:
            full = conn.execute("SELECT id, actor_code FROM people WHERE surname = ? AND key != surname", (key.surname,)).fetchall()
            if code:
                full = [r for r in full if r[1] == code] or [r for r in full if r[1] == ""]
            if len(full) == 1:
                return self._with_code(full[0], code)
        same_name = conn.execute("SELECT id, actor_code FROM people WHERE key = ?", (key.key,)).fetchall()
        if code:
            for row in same_name:
                if row[1] == code:
                    return row[0]
            if len(same_name) == 1 and same_name[0][1] == "":
                return self._with_code(same_name[0], code)
        elif len(same_name) == 1:
            return same_name[0][0]
        elif same_name:
            uncoded = [r for r in same_name if r[1] == ""]
            if uncoded:
                return uncoded[0][0]
        conn.execute("INSERT INTO people(key, surname, name, actor_code) VALUES (?, ?, ?, ?)", (key.key, key.surname, name, code))
        person = conn.execute("SELECT id FROM people WHERE key = ? AND actor_code = ?", (key.key, code)).fetchone()[0]
        if not key.bare:
            self._absorb_bare_surname(person, key.surname, code)
        return person

    def _absorb_bare_surname(self, person: int, surname: str, code: str) -> None:
        """A new full name takes over the bare surname seen before it ("Lavrov" in an earlier article).

        Only while it is the one full name of that surname that fits the code: with two
        candidates the bare mentions stay on their own, as they would had they come later.
        """
        conn = self._conn
        codes = (code, "") if code else ("",)
        marks = ", ".join("?" * len(codes))
        rivals = conn.execute(
            f"SELECT 1 FROM people WHERE surname = ? AND key != surname AND id != ? AND (actor_code IN ({marks}) OR ? = '') LIMIT 1",
            (surname, person, *codes, code),
        ).fetchone()
        if rivals:
            return
        for (bare,) in conn.execute(f"SELECT id FROM people WHERE key = ? AND actor_code IN ({marks})", (surname, *codes)).fetchall():
            for table in ("quotes", "entities", "actors"):
                conn.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?", (person, bare))
            conn.execute("DELETE FROM people WHERE id = ?", (bare,))

    def _with_code(self, row: Any, code: str) -> int:
        if code and row[1] == "":
            self._conn.execute("UPDATE people SET actor_code = ? WHERE id = ?", (code, row[0]))
        return row[0]

    # -- near-duplicates -------------------------------------------------------------

    def _near_index(self) -> dedupe.NearDuplicateIndex:
        if self._near is None:
            index = dedupe.NearDuplicateIndex()
            for rowid, blob in self._conn.execute("SELECT article_rowid, signature FROM minhashes WHERE scheme = ?", (dedupe.SCHEME,)):
                index.add(rowid, dedupe.from_blob(blob))
            self._near = index
        return self._near

    def _group_near_duplicates(self, rowid: int, minhash: Any) -> None:
        near = self._near_index()
        matches = []
        for candidate in near.candidates(minhash):
            blob = self._conn.execute("SELECT signature FROM minhashes WHERE article_rowid = ?", (candidate,)).fetchone()
            if blob is not None and minhash.jaccard(dedupe.from_blob(blob[0])) >= near.threshold:
                matches.append(candidate)
        if not matches:
            return
        marks = ", ".join("?" * len(matches))
        groups = [g for (g,) in self._conn.execute(f"SELECT DISTINCT group_id FROM duplicate_groups WHERE article_rowid IN ({marks})", matches)]
        # The earliest member names the group, so a group's id never changes as copies arrive.
        target = min([*groups, *matches])
        if groups:
            self._conn.execute(f"UPDATE duplicate_groups SET group_id = ? WHERE group_id IN ({', '.join('?' * len(groups))})", (target, *groups))
        self._conn.executemany("INSERT OR REPLACE INTO duplicate_groups VALUES (?, ?)", [(m, target) for m in [*matches, rowid]])

    # -- reading -------------------------------------------------------------------

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of one article, exactly as `Article.to_dict()` gave it."""
        article = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if article is None:
            return None
        rowid = article["rowid"]

        def rows(sql: str, *args: Any) -> list:
            return self._conn.execute(sql, (rowid, *args)).fetchall()

        events = [
            (event, self._conn.execute("SELECT * FROM actors WHERE event_rowid = ?", (event["rowid"],)).fetchall())
            for event in rows("SELECT rowid, * FROM events WHERE article_rowid = ? ORDER BY idx")
        ]
        return records.assemble(
            article,
            rows("SELECT * FROM links WHERE article_rowid = ? ORDER BY idx"),
            rows("SELECT * FROM warnings WHERE article_rowid = ? ORDER BY idx"),
            rows("SELECT * FROM entities WHERE article_rowid = ? ORDER BY rowid"),
            rows("SELECT * FROM quotes WHERE article_rowid = ? ORDER BY idx"),
            events,
            rows("SELECT * FROM places WHERE article_rowid = ? ORDER BY idx"),
        )

    def ids(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT id FROM articles ORDER BY rowid")]

    def failures(self) -> list[Failure]:
        return [
            Failure(r["path"], r["idx"], r["code"], r["message"], r["fingerprint"], r["attempts"], r["failed_at"])
            for r in self._conn.execute("SELECT * FROM failures ORDER BY path, idx")
        ]

    def duplicates(self) -> list[DuplicateGroup]:
        """Groups of near-duplicate articles (two or more members each), oldest group first."""
        groups: dict[int, list] = {}
        query = (
            "SELECT g.group_id, a.id, a.title, a.outlet_name, a.published, a.content_hash, a.input_path "
            "FROM duplicate_groups g JOIN articles a ON a.rowid = g.article_rowid ORDER BY g.group_id, a.rowid"
        )
        for row in self._conn.execute(query):
            groups.setdefault(row[0], []).append(DuplicateMember(*tuple(row)[1:]))
        return [DuplicateGroup(members[0].article_id, members) for members in groups.values()]

    def search(self, query: str, limit: int = 20, kinds: tuple[str, ...] = ("article", "quote"), plain: bool = False,
               marks: tuple[str, str] = ("[", "]"), rank_window: int | None = RANK_WINDOW) -> list[SearchHit]:
        """Full-text search, best matches (BM25) first; `query` is FTS5 syntax unless `plain`, which matches its words literally.

        A query matching more than `rank_window` articles (or quotes) is ranked among the
        `rank_window` most recently stored of them: ranking costs about a microsecond per
        match, and a word in most of a large corpus would otherwise cost a tenth of a second
        and more. None ranks every match. Raises SearchSyntaxError for a query FTS5 cannot parse.
        """
        if not query.strip():
            raise SearchSyntaxError("the search query is empty")
        match = _plain_query(query) if plain else query
        unknown = set(kinds) - {"article", "quote"}
        if unknown:
            raise UsageError(f"unknown search kind(s) {sorted(unknown)}: use article and/or quote")
        hits: list[SearchHit] = []
        open_mark, close_mark = marks
        try:
            if "article" in kinds:
                hits += [
                    SearchHit("article", *tuple(row))
                    for row in self._ranked(
                        "articles_fts", match, limit, rank_window, "bm25(articles_fts, 4.0, 1.0)", "snippet(articles_fts, -1, ?, ?, '…', 16)",
                        (open_mark, close_mark),
                        "SELECT a.id, a.title, a.published, a.outlet_name, x.snippet, x.score FROM top x JOIN articles a ON a.rowid = x.rowid",
                    )
                ]
            if "quote" in kinds:
                hits += [
                    SearchHit("quote", *tuple(row))
                    for row in self._ranked(
                        "quotes_fts", match, limit, rank_window, "bm25(quotes_fts)", "snippet(quotes_fts, 0, ?, ?, '…', 16)",
                        (open_mark, close_mark),
                        "SELECT a.id, a.title, a.published, a.outlet_name, x.snippet, x.score, q.speaker_name FROM top x "
                        "JOIN quotes q ON q.rowid = x.rowid JOIN articles a ON a.rowid = q.article_rowid",
                    )
                ]
        except sqlite3.OperationalError as exc:
            raise SearchSyntaxError(_explain_fts_error(query, exc)) from None
        return sorted(hits, key=lambda h: h.score)[:limit]

    def _ranked(self, table: str, match: str, limit: int, window: int | None, score: str, snippet: str, marks: tuple, select: str) -> list:
        """The `limit` best matches in `table` with their snippets, shaped by `select` over ``top(rowid, score, snippet)``.

        Two passes over the matches, newest first and at most `window` of them: the first scores
        them and keeps the best rowids; the second makes snippets for those rows only. SQLite
        computes a row's columns before it sorts, so one pass would make a snippet (re-reading and
        re-tokenising the text) for every match; and asking FTS5 for the few best rows one by one
        afterwards re-reads a common word's whole posting list each time.
        """
        scope = f"FROM {table} WHERE {table} MATCH ?"
        newest = "ORDER BY rowid DESC LIMIT ?"
        bound = window or -1  # -1: no limit
        scored = self._conn.execute(f"SELECT rowid, s FROM (SELECT rowid, {score} AS s {scope} {newest}) ORDER BY s LIMIT ?", (match, bound, limit)).fetchall()
        if not scored:
            return []
        ids = json.dumps([rowid for rowid, _ in scored])
        snippets = dict(self._conn.execute(
            f"SELECT rowid, sn FROM (SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?)) THEN {snippet} END AS sn "
            f"{scope} AND rowid >= ? {newest}) WHERE sn IS NOT NULL",
            (ids, *marks, match, min(rowid for rowid, _ in scored), bound),
        ))
        values = ", ".join("(?, ?, ?)" for _ in scored)
        args = [v for rowid, s in scored for v in (rowid, s, snippets.get(rowid, ""))]
        return self._conn.execute(f"WITH top(rowid, score, snippet) AS (VALUES {values}) " + select + " ORDER BY x.score", args).fetchall()

    def quotes(self, speaker: str | None = None, since: str | None = None, until: str | None = None, limit: int | None = None,
               code: str | None = None, fold_copies: bool = False) -> list[QuoteHit]:
        """Quotes, oldest article first; `speaker` matches the person whatever form of the name an article used.

        `code` keeps the speakers linked to that actor code (or code prefix), which tells namesakes apart.

        `since` and `until` are ISO dates compared with the article's publication date, both inclusive.

        `fold_copies` lists a quote once for all copies of an article (exact copies and the
        near-duplicates grouped at ingest, such as one wire story in several outlets): the hit is
        the earliest copy, and `copies` says how many carry the same words.
        """
        where, args = [], []
        if speaker:
            clauses = ["lower(q.speaker_name) = lower(?)"]
            args.append(speaker.strip())
            if person_key(speaker) is not None:
                clause, name_args = _person_match(speaker)
                clauses.append(f"q.person_id IN ({clause})")
                args += name_args
            where.append("(" + " OR ".join(clauses) + ")")
        if code:
            where.append("q.person_id IN (SELECT id FROM people WHERE actor_code GLOB ?)")
            args.append(_code_prefix(code))
        if since:
            where.append("substr(a.published, 1, 10) >= ?")
            args.append(since)
        if until:
            where.append("substr(a.published, 1, 10) <= ?")
            args.append(until[:10])
        columns = (
            "a.id, a.title, a.published, a.outlet_name, q.text, q.kind, q.start, q.\"end\", q.speaker_name, q.speaker_type, p.key, "
            "nullif(p.actor_code, ''), q.speaker_role"
        )
        joins = "FROM quotes q JOIN articles a ON a.rowid = q.article_rowid LEFT JOIN people p ON p.id = q.person_id"
        condition = " WHERE " + " AND ".join(where) if where else ""
        order = " ORDER BY a.published IS NULL, a.published, a.rowid, q.idx"
        if fold_copies:
            # One row per (copy group, quote words): the earliest copy, with the number of copies.
            copy = (
                "coalesce((SELECT 'g' || g.group_id FROM duplicate_groups g WHERE g.article_rowid = a.rowid), 'h' || a.content_hash), "
                "lower(q.text)"
            )
            sql = (
                f"SELECT * FROM (SELECT {columns}, count(*) OVER copies AS copies, "
                "row_number() OVER (PARTITION BY " + copy + " ORDER BY a.published IS NULL, a.published, a.rowid) AS nth, "
                "a.rowid AS article_rowid, q.idx AS quote_idx, a.published IS NULL AS undated, a.published AS published_at "
                f"{joins}{condition} WINDOW copies AS (PARTITION BY {copy})) WHERE nth = 1"
                " ORDER BY undated, published_at, article_rowid, quote_idx"
            )
        else:
            sql = f"SELECT {columns}, 1 {joins}{condition}{order}"
        sql += " LIMIT ?" if limit is not None else ""
        if limit is not None:
            args.append(limit)
        return [QuoteHit(*tuple(row)[:14]) for row in self._conn.execute(sql, args)]

    def stats(self) -> Stats:
        def one(sql: str) -> Any:
            return self._conn.execute(sql).fetchone()[0]

        first, last = self._conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return Stats(
            articles=one("SELECT count(*) FROM articles"),
            failures=one("SELECT count(*) FROM failures"),
            links=one("SELECT count(*) FROM links"),
            warnings={code: n for code, n in self._conn.execute("SELECT code, count(*) FROM warnings GROUP BY code ORDER BY count(*) DESC, code")},
            quotes=one("SELECT count(*) FROM quotes"),
            entities=one("SELECT count(*) FROM entities"),
            events=one("SELECT count(*) FROM events"),
            actors=one("SELECT count(*) FROM actors"),
            places=one("SELECT count(*) FROM places"),
            people=one("SELECT count(*) FROM people"),
            outlets=one("SELECT count(DISTINCT coalesce(outlet_domain, outlet_name)) FROM articles"),
            exact_duplicate_articles=one(
                "SELECT count(*) FROM articles WHERE content_hash IN (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)"
            ),
            duplicate_groups=one("SELECT count(DISTINCT group_id) FROM duplicate_groups"),
            first_published=first,
            last_published=last,
            schema_version=self.schema_version,
        )


    # -- events across articles -------------------------------------------------------

    def event_clusters(self, source: str | None = None, target: str | None = None, root: str | None = None,
                       since: str | None = None, until: str | None = None, level: str = "actor") -> list[EventCluster]:
        """Events the GDELT way: one per (date, source code, target code, CAMEO code), oldest first.

        Each carries its mention, source (outlet) and article counts and every supporting
        sentence. `level="country"` matches `source`/`target` on the country part of the code.
        """
        sql, args = _events.cluster_query(source, target, root, since, until, level)
        return list(_events.iter_clusters(self._conn, sql, args))

    def dyad_series(self, source: str | None, target: str | None, freq: str = "week", level: str = "actor",
                    root: str | None = None, since: str | None = None, until: str | None = None) -> list[SeriesPoint]:
        """Events from `source` to `target` per day, week (from Monday), month or year, every period in range present."""
        return _events.dyad_series(self._conn, source, target, freq, level, root, since, until)

    # -- exports and review -------------------------------------------------------------

    def export(self, out: str | os.PathLike | Any, format: str, table: str | None = None, *,
               header: bool | None = None, chunk_size: int = _export.CHUNK_SIZE, partition: str = "auto") -> ExportReport:
        """Write the corpus as jsonl, csv, parquet or gdelt to a path or an open stream; see `eventwire.store.export`.

        `partition` ("auto", "month", "none") splits a Parquet export into monthly files; "auto"
        does so for corpora of `eventwire.store.export.PARTITION_ARTICLES` articles or more.
        """
        return _export.export(self._conn, out, format, table, header=header, chunk_size=chunk_size, partition=partition)

    def records(self, chunk_size: int = _export.CHUNK_SIZE) -> Iterator[dict[str, Any]]:
        """Every stored record as `Article.to_dict()` gave it, oldest first, streamed in chunks."""
        return _export.iter_records(self._conn, chunk_size)

    def review_sample(self, n: int, seed: int, out: str | os.PathLike | Any, kind: str = "event", stratify: str | None = None) -> int:
        """Write `n` events or quotes to a CSV with a blank "correct?" column for a person to mark; returns rows written.

        `stratify` ("root" or "outlet" for events; "outlet", "kind" or "speaker_type" for quotes)
        draws every stratum at least once; see `eventwire.store.review` for how the marks are read back.
        """
        def write(f: Any) -> int:
            with _export._snapshot(self._conn):
                return _review.write_sample(self._conn, f, n, seed, kind, stratify)

        if isinstance(out, (str, os.PathLike)):
            return _export._write_atomic(Path(out), ExportReport("review"), write, text=True)
        return write(out)

    # -- actors and people ------------------------------------------------------------------

    def people(self, name: str | None = None, code: str | None = None, limit: int | None = None) -> list[Person]:
        """Corpus-level people (bare name plus actor code), most quoted and mentioned first.

        `name` matches any form of the name ("Lavrov" finds "Sergei Lavrov"); `code` an actor code or its prefix.
        """
        where, args = [], []
        if name:
            clause, name_args = _person_match(name)
            where.append(f"p.id IN ({clause})")
            args += name_args
        if code:
            where.append("p.actor_code GLOB ?")
            args.append(_code_prefix(code))
        sql = (
            "SELECT p.id, p.key, p.name, p.actor_code, "
            "(SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quoted, "
            "(SELECT count(*) FROM entities e WHERE e.person_id = p.id) AS named, "
            "(SELECT count(*) FROM actors a WHERE a.person_id = p.id) AS acting "
            "FROM people p" + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY quoted + named + acting DESC, p.key, p.actor_code" + (" LIMIT ?" if limit else "")
        )
        rows = self._conn.execute(sql, [*args, limit] if limit else args).fetchall()
        return [Person(r[0], r[1], r[2], r[3] or None, r[4], r[5], r[6]) for r in rows]

    def actors(self, code: str | None = None, limit: int | None = None) -> list[ActorSummary]:
        """Actor codes in events or on people, most active first, each with the people linked to it.

        `code` is a code or its prefix ("NOR" gives NOR, NORGOV, NORMIL, ...).
        """
        pattern = _code_prefix(code) if code else "*"
        summaries: dict[str, ActorSummary] = {}
        for row in self._conn.execute(
            "SELECT a.code, sum(a.role = 'source'), sum(a.role = 'target'), count(DISTINCT e.article_rowid) "
            "FROM actors a JOIN events e ON e.rowid = a.event_rowid WHERE a.code GLOB ? GROUP BY a.code",
            (pattern,),
        ):
            summaries[row[0]] = ActorSummary(row[0], None, row[1], row[2], row[3])
        # The name most often written for the code stands for it ("Norway's government" for NORGOV).
        for code_, text, _ in self._conn.execute(
            "SELECT code, coalesce(name, text), count(*) AS n FROM actors WHERE code GLOB ? GROUP BY code, 2 ORDER BY code, n DESC, 2",
            (pattern,),
        ):
            if summaries[code_].name is None:
                summaries[code_].name = text
        for person in self.people(code=code) if code else self.people():
            if not person.actor_code:
                continue
            summary = summaries.setdefault(person.actor_code, ActorSummary(person.actor_code, None, 0, 0, 0))
            summary.people.append(person)
        ordered = sorted(summaries.values(), key=lambda a: (-(a.as_source + a.as_target), -len(a.people), a.code))
        return ordered[:limit] if limit else ordered


def _loading_models_first(documents: Iterable[Document | DocumentError], settings: Settings) -> Iterator[Document | DocumentError]:
    """`documents`, with the models the run needs loaded before the first one is handed on.

    py3langid's model loads in a thread while this one loads spaCy's: most of the former is
    LZMA decompression outside the GIL, so on two cores the two overlap (about 0.4 s less
    start-up). Nothing is loaded when nothing is left to process (a re-run of a finished corpus).
    """
    loaded = False
    for document in documents:
        if not loaded:
            loaded = True
            _load_models(settings)
        yield document


def _load_models(settings: Settings) -> None:
    from ..clean import load_language_model

    def load_language_model_quietly() -> None:
        try:
            load_language_model()
        except Exception:  # noqa: BLE001 - the first article's language detection meets the same error, where it is reported
            pass
        from . import dedupe

        dedupe.signature("")  # imports datasketch (and SciPy) and draws the permutations while spaCy loads

    threading.Thread(target=load_language_model_quietly, name="eventwire-load-langid").start()
    if any(stage in NLP_STAGES for stage in settings.stages):
        from ..nlp import load_pipeline

        load_pipeline(settings.model)


def _with_last(items: Iterable[Any]) -> Iterator[tuple[Any, bool]]:
    """Each item with whether it is the last one (the end of a source closes it in the store)."""
    iterator = iter(items)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, False
        previous = item
    yield previous, True


def _plain_query(text: str) -> str:
    """Every word of `text` as a literal FTS5 string, all required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def _explain_fts_error(query: str, exc: sqlite3.OperationalError) -> str:
    detail = str(exc).removeprefix("fts5: ")
    if detail.startswith("no such column: "):
        # FTS5 reads "word:" and "-word" as column filters, which surprises everyone who types "cease-fire".
        detail = f"{detail.removeprefix('no such column: ')!r} was read as a column name (a '-' or ':' outside double quotes names a column)"
    return (
        f"cannot search for {query!r}: {detail}. Search syntax: words (all must match), \"an exact phrase\", "
        "OR, NOT, prefix*, NEAR(a b, 5); put words with hyphens, colons or quotes inside double quotes, "
        "or search the words literally (plain=True, --plain)."
    )


def _person_match(name: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the people `name` may mean, whatever form of the name an article used.

    A full name finds itself and its bare surname; a bare surname finds every full name that ends in it.
    """
    key = person_key(name)
    if key is None:
        return "SELECT NULL WHERE 0", []
    return "SELECT id FROM people WHERE key = ? OR key = ? OR (? AND surname = ?)", [key.key, key.surname, key.bare, key.surname]


def _code_prefix(code: str) -> str:
    """A GLOB pattern for an actor code and every longer code under it (NOR: NOR, NORGOV, ...)."""
    return "".join(ch for ch in code.upper() if ch.isalnum()) + "*"
