"""The gazetteer: every place name the data packages know, looked up in microseconds.

``Gazetteer.load()`` opens the index from the user cache directory, building it first when
it is missing or was built from other package versions (about 20 s, once). The index is a
SQLite file: a ``place`` table (one row per place, numbered by descending weight) and a
``name`` table mapping each normalised name (``eventwire.places.names.normalise``) to its
places. Because places are numbered by weight, a name's candidates come back already in
the order news most likely means them, with no sort at query time, and nothing but
SQLite's small page cache is held in memory.

Where the index lives: ``$EVENTWIRE_CACHE_DIR`` if set, else platformdirs'
``user_cache_dir("eventwire")``. The file name carries a hash of the package versions and of
our two data tables, so upgrading either builds a fresh index. It is written to a temporary
file in the same directory and moved into place with ``os.replace``, so a reader never
sees half an index. A lock file keeps a second process from repeating a build already
under way; if the lock is held too long the second process builds anyway, which is still
safe because the replace is atomic. When the directory cannot be written the index is
built in memory for this process only.

Disputed territories
--------------------
Places listed in ``data/disputed_places.tsv`` (Crimea and Sevastopol, and every place
inside them) have two codings. ``disputed="un"``, the default, gives the country the UN
General Assembly recognises (Crimea -> UKR, resolution 68/262), which is also how GeoNames
codes them. ``disputed="de-facto"`` gives the country in control (Crimea -> RUS). Either
way ``Candidate.other_country`` holds the other coding, so nothing is hidden.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.model import Place
from eventwire.places.names import normalise
from eventwire.places.sources import (
    ALIAS,
    ALTERNATE,
    NAME,
    Entry,
    package_entries,
    package_versions,
    tables_hash,
)

Disputed = Literal["un", "de-facto"]
INDEX_FORMAT = "7"
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
#: Seconds a process waits for another one's build before building itself.
LOCK_WAIT = 120.0
#: A lock file older than this is left over from a crashed build.
LOCK_STALE = 300.0
_HOW = {NAME: "name", ALIAS: "alias", ALTERNATE: "alternate"}

#: Builds done by this process (tests check that a second load reuses the cache).
builds = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may mean. ``matched`` says how the name belongs to it:
    its own ``name``, a curated ``alias``, or a GeoNames ``alternate`` name."""

    name: str
    kind: str  # country, admin1, city, region, sea
    country: str | None  # ISO 3166-1 alpha-3, coded by the gazetteer's ``disputed`` option
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    weight: float
    matched: str = "name"
    admin1_code: str | None = None
    other_country: str | None = None  # the other coding of a disputed place

    def to_place(self, start: int, end: int, text: str | None = None) -> Place:
        """The record form, for a mention at ``start:end``."""
        return Place(name=text if text is not None else self.name, start=start, end=end,
                     geonames_id=self.geonames_id, country=self.country, admin1=self.admin1,
                     lat=self.lat, lon=self.lon, kind=self.kind)


class Source:
    """Where the index's places come from. Tests substitute a few hand-made entries."""

    def key(self) -> str:
        """Changes whenever ``entries()`` would."""
        return json.dumps({"packages": package_versions(), "tables": tables_hash()}, sort_keys=True)

    def entries(self) -> list[Entry]:
        return package_entries()


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("eventwire"))


_COLUMNS = "p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, p.geonames_id, p.weight, n.how, p.admin1_code, p.de_facto"


class Gazetteer:
    """Place names to candidate places. Build or open one with ``Gazetteer.load()``."""

    def __init__(self, connection: sqlite3.Connection, *, path: Path | None, disputed: Disputed = "un"):
        if disputed not in ("un", "de-facto"):
            raise ValueError(f"disputed must be 'un' or 'de-facto', not {disputed!r}")
        self._db = connection
        self.path = path  # None: built in memory
        self.disputed = disputed
        self._countries = self._country_candidates()

    def _country_candidates(self) -> dict[str, Candidate]:
        """Each country code's country place, as found under one of its names (NAME)."""
        # The plain join scans the whole name table (about half a second at every start-up, as the
        # name table has no index on `place`). Countries are few: look each one up under its own
        # name's key instead, and use the join only when the index is not shaped that way.
        fast = self._country_candidates_by_own_name()
        if fast is not None:
            return fast
        countries: dict[str, Candidate] = {}
        query = f"SELECT {_COLUMNS} FROM place p JOIN name n ON n.place = p.id WHERE n.how = 0 AND p.kind = 'country'"
        for row in self._db.execute(query):
            c = self._candidate(row)
            if c.country:
                countries.setdefault(c.country, c)
        return countries

    def _country_candidates_by_own_name(self) -> dict[str, Candidate] | None:
        """The same as the join, or None if it could differ: only when every country place has its
        own name as a NAME and no two share a code is the choice among them free of the join's order."""
        countries: dict[str, Candidate] = {}
        own_name = f"SELECT {_COLUMNS} FROM place p JOIN name n ON n.place = p.id WHERE n.key = ? AND n.place = ? AND n.how = 0"
        for place_id, name, country in self._db.execute("SELECT id, name, country FROM place WHERE kind = 'country'").fetchall():
            row = self._db.execute(own_name, (normalise(name), place_id)).fetchone()
            if row is None:
                return None
            c = self._candidate(row)
            if c.country:
                if c.country in countries:
                    return None
                countries[c.country] = c
        return countries

    # ----- building and opening ------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | os.PathLike | None = None, *, disputed: Disputed = "un",
             source: Source | None = None) -> Gazetteer:
        """The index for the installed data packages: reused from the cache, else built.

        ``directory`` overrides the cache directory; ``source`` the data (for tests).
        """
        source = source or Source()
        directory = Path(directory) if directory is not None else cache_dir()
        digest = hashlib.sha256((INDEX_FORMAT + source.key()).encode()).hexdigest()[:16]
        path = directory / f"gazetteer-{digest}.sqlite"
        opened = _open(path, digest)
        if opened is not None:
            return cls(opened, path=path, disputed=disputed)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            _build_file(path, digest, source.entries)
        except OSError:
            return cls(_build(sqlite3.connect(":memory:", check_same_thread=False), digest, source.entries()),
                       path=None, disputed=disputed)
        opened = _open(path, digest)
        if opened is None:  # written but unreadable: a broken disk is no reason to fail
            return cls(_build(sqlite3.connect(":memory:", check_same_thread=False), digest, source.entries()),
                       path=None, disputed=disputed)
        return cls(opened, path=path, disputed=disputed)

    # ----- queries -------------------------------------------------------------------------

    def lookup(self, name: str, limit: int | None = 25) -> list[Candidate]:
        """Places called ``name``, most likely first: places whose own name or curated alias
        it is, by weight (countries, regions, then population, with capitals raised), then
        places that merely have it among GeoNames' alternate names ("Victoria" is a name of
        Hong Kong there). ``limit=None`` returns them all."""
        key = normalise(name)
        if not key:
            return []
        query = f"SELECT {_COLUMNS} FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? ORDER BY n.how = 2, n.place"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        return [self._candidate(row) for row in self._db.execute(query, (key,))]

    def lookup_first_words(self, name: str, kinds: Sequence[str] = ("country", "admin1", "region"),
                           limit: int = 5) -> list[Candidate]:
        """Places of these kinds whose own name or curated alias begins with ``name`` and a
        further word: "Himachal" -> Himachal Pradesh, "Andaman" -> Andaman and Nicobar
        Islands. For resolving a short form already taken as a place, never for recognition."""
        key = normalise(name)
        if not key:
            return []
        marks = ",".join("?" * len(kinds))
        query = (f"SELECT {_COLUMNS} FROM name n JOIN place p ON p.id = n.place "
                 f"WHERE n.key >= ? AND n.key < ? AND n.how < 2 AND p.kind IN ({marks}) ORDER BY n.place LIMIT {int(limit)}")
        return [self._candidate(row) for row in self._db.execute(query, (key + " ", key + "!", *kinds))]

    def lookup_prefix(self, prefix: str, limit: int = 5) -> list[Candidate]:
        """Places whose own name or curated alias begins with ``prefix`` (as normalised), most
        weight first: "Missou" -> Missouri, "Papua New Gu" -> Papua New Guinea. For a name cut
        off in the text ("Missou…"), never for recognition."""
        key = normalise(prefix)
        if not key:
            return []
        query = (f"SELECT {_COLUMNS} FROM name n JOIN place p ON p.id = n.place "
                 f"WHERE n.key >= ? AND n.key < ? AND n.how < 2 ORDER BY n.place LIMIT {int(limit)}")
        return [self._candidate(row) for row in self._db.execute(query, (key, key + "\uffff"))]

    def nearest_town(self, lat: float, lon: float, country: str, min_population: int = 0) -> Candidate | None:
        """The town of ``country`` (ISO-3) with at least ``min_population`` people nearest the
        point: where "the border with Ukraine" is on Russia's side. A scan of the country's
        towns (no spatial index): milliseconds, for the few border events an article has."""
        query = (f"SELECT {_COLUMNS.replace('n.how', '0')} FROM place p "
                 "WHERE p.country = ? AND p.kind = 'city' AND p.population >= ?")
        rows = [self._candidate(r) for r in self._db.execute(query, (country.upper(), int(min_population)))]
        scale = math.cos(math.radians(lat))
        return min(rows, key=lambda c: (c.lat - lat) ** 2 + ((c.lon - lon) * scale) ** 2, default=None)

    def country(self, iso3: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3.upper())

    def resolve(self, name: str, context_countries: Iterable[str] = (), prefer_country: str | None = None) -> Candidate | None:
        """The one place ``name`` most likely means, or None. Module-level ``resolve`` explains the priors."""
        return resolve(self, name, context_countries, prefer_country)

    def stats(self) -> dict[str, int]:
        places = self._db.execute("SELECT count(*) FROM place").fetchone()[0]
        names = self._db.execute("SELECT count(*) FROM name").fetchone()[0]
        return {"places": places, "names": names}

    def close(self) -> None:
        self._db.close()

    def _candidate(self, row: tuple) -> Candidate:
        name, kind, country, admin1, lat, lon, population, gid, weight, how, code, de_facto = row
        other = None
        if de_facto:
            other = country
            if self.disputed == "de-facto":
                country, other = de_facto, country
            else:
                other = de_facto
        return Candidate(name, kind, country, admin1, lat, lon, population, gid, weight, _HOW[how], code, other)


# ----- resolution ----------------------------------------------------------------------------

#: Score added (on a log10-of-weight scale) when a candidate lies in a country the article
#: names elsewhere: a place in a named country beats one with 30 times its weight elsewhere.
CONTEXT_BONUS = 1.5
#: The outlet's country is a weaker hint than the article's own words.
PREFER_BONUS = 0.5


def resolve(gazetteer: Gazetteer, name: str, context_countries: Iterable[str] = (),
            prefer_country: str | None = None) -> Candidate | None:
    """The one place ``name`` most likely means.

    * "Kharkiv, Ukraine" / "Portland, Maine": the part after the comma narrows the first
      part to places in that country or subdivision (when any is there).
    * Otherwise candidates are scored by log10 of their weight (population, with countries,
      regions and capitals raised), plus ``CONTEXT_BONUS`` when they lie in one of
      ``context_countries`` (ISO-3 codes of the article's other places) and
      ``PREFER_BONUS`` in ``prefer_country`` (e.g. the outlet's country).
    """
    head, _, tail = name.partition(",")
    candidates = gazetteer.lookup(head, limit=None)
    if not candidates:
        return None if not tail else gazetteer.resolve(tail)
    if tail.strip():
        within = _within(gazetteer, candidates, tail)
        if within:
            candidates = within
    context = {c.upper() for c in context_countries}
    prefer = prefer_country.upper() if prefer_country else None
    # Countries and regions are never displaced by the context bonus: no article naming
    # the US turns "Georgia" into a state when a country of that name exists.
    def score(c: Candidate) -> float:
        s = _log_weight(c.weight)
        if c.kind in ("country", "region", "sea"):
            return s + CONTEXT_BONUS + PREFER_BONUS
        if c.country in context or c.other_country in context:
            s += CONTEXT_BONUS
        if prefer and c.country == prefer:
            s += PREFER_BONUS
        return s

    return max(candidates, key=score)


def _within(gazetteer: Gazetteer, candidates: Sequence[Candidate], tail: str) -> list[Candidate]:
    parents = gazetteer.lookup(tail, limit=None)
    countries = {p.country for p in parents if p.kind == "country"}
    admin1s = {p.admin1_code for p in parents if p.kind == "admin1"}
    return [c for c in candidates
            if c.kind not in ("country", "region", "sea")
            and (c.admin1_code in admin1s or c.country in countries)]


def _log_weight(weight: float) -> float:
    return math.log10(weight + 10.0)


# ----- the index file ------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT, admin1_code TEXT,
    lat REAL, lon REAL, population INTEGER, geonames_id INTEGER, weight REAL, de_facto TEXT);
CREATE TABLE name (key TEXT, place INTEGER, how INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""
# Made after the rows are in (faster than keeping it up to date row by row).
_INDEXES = "CREATE INDEX place_country ON place (country, kind, population);"


def _open(path: Path, digest: str) -> sqlite3.Connection | None:
    """A read-only connection to a complete index at ``path``, or None."""
    if not path.exists():
        return None
    try:
        # immutable: the file is never written after it is moved into place, so SQLite
        # can skip locking, and a later os.replace leaves this connection's file intact.
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        row = db.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone()
        if row and row[0] == digest:
            return db
        db.close()
    except sqlite3.DatabaseError:
        pass
    return None


def _build(db: sqlite3.Connection, digest: str, entries: Iterable[Entry]) -> sqlite3.Connection:
    global builds
    builds += 1
    ordered = sorted(entries, key=lambda e: (-e.weight, e.name, e.geonames_id or 0))
    db.executescript(_SCHEMA)
    db.executemany(
        "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        ((i, e.name, e.kind, e.country, e.admin1, e.admin1_code, e.lat, e.lon, e.population,
          e.geonames_id, e.weight, e.de_facto) for i, e in enumerate(ordered)),
    )
    names = sorted((key, i, how) for i, e in enumerate(ordered) for key, how in e.names.items())
    db.executemany("INSERT INTO name VALUES (?,?,?)", names)
    db.executescript(_INDEXES)
    # Written last: a file without it is not a finished index.
    db.executemany("INSERT INTO meta VALUES (?,?)", [("digest", digest), ("built", time.strftime("%Y-%m-%dT%H:%M:%S"))])
    db.commit()
    return db


def _build_file(path: Path, digest: str, entries: Callable[[], list[Entry]]) -> None:
    """Build the index into ``path`` unless another process does so first."""
    lock = path.with_suffix(".lock")
    held = _acquire(lock, path, digest)
    try:
        if _ready(path, digest):
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem + ".", suffix=".tmp")
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            _build(db, digest, entries()).close()
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    finally:
        if held:
            try:
                os.unlink(lock)
            except OSError:
                pass


def _ready(path: Path, digest: str) -> bool:
    db = _open(path, digest)
    if db is None:
        return False
    db.close()
    return True


def _acquire(lock: Path, path: Path, digest: str) -> bool:
    """True when this process holds the lock; False when it gave up waiting (or the other
    process finished, which the caller sees through ``_ready``)."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            return True
        except FileExistsError:
            pass
        if _ready(path, digest):
            return False
        try:
            if time.time() - lock.stat().st_mtime > LOCK_STALE:
                lock.unlink()
                continue
        except OSError:
            continue
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
