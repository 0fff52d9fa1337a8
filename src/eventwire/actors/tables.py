"""Actor tables: countries, names standing for countries, IGOs, sector agents, dated people.

Package data (``eventwire/data``): ``actor_country_names.tsv``, ``actor_igos.tsv``,
``actor_agents.tsv``. Country names and codes also come from pycountry (ISO 3166).
People come from files in the user-actors format (``examples/actors.tsv``)::

    name <TAB> aliases <TAB> code <TAB> role <TAB> start <TAB> end <TAB> notes

with ``|``-separated aliases and ISO dates (empty = open). An office-holder table has the
same columns plus ``source``; there ``role`` and ``notes`` are optional, and the columns may be
called ``valid_from``, ``valid_until`` and ``note`` (the package tables
``office_holders_phoenix.tsv`` and ``office_holders_recent.tsv`` use those names; see
``eventwire.actors.office_holders``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventwire.clean.resources import read_table

USER_ACTOR_COLUMNS = ("name", "aliases", "code", "role", "start", "end", "notes")
OFFICE_HOLDER_COLUMNS = ("name", "aliases", "code", "start", "end", "source")
_COLUMN_SYNONYMS = {"valid_from": "start", "valid_until": "end", "note": "notes"}
_ACTOR_CODE_RE = re.compile(r"^[A-Z0-9]{3,}$")


@lru_cache(maxsize=65536)  # names and words recur: every table load and every actor lookup splits them again
def normalise(text: str) -> str:
    """Lower case, accents removed, full stops and possessive 's dropped, spaces single."""
    if not text.isascii():  # ASCII has nothing to decompose; the per-character pass was most of the cost
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace(".", "").replace("_", " ")  # "Dol_Amroth": PETRARCH's connector
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w'&-]+", " ", text)
    return " ".join(text.casefold().split())


_WORD_RE = re.compile(r"(?:[^\W_]|[.'’&-])+")  # "_" joins words in PETRARCH phrases: a separator here


def split_words(text: str) -> tuple[list[str], list[str]]:
    """Normalised words and the surface tokens they come from, aligned."""
    norm, raw = [], []
    for m in _WORD_RE.finditer(text):
        surface = m.group().strip(".'’-") if not re.search(r"\w\.\w", m.group()) else m.group()
        word = normalise(surface)
        if word:
            norm.append(word)
            raw.append(surface)
    return norm, raw


def tokens(text: str) -> tuple[str, ...]:
    return tuple(split_words(text)[0])


def is_cased_alias(alias: str) -> bool:
    """Short all-capital aliases ("US", "UN", "EU", "AP") must be written in capitals."""
    bare = alias.replace(".", "").replace("-", "")
    return bare.isupper() and len(bare) <= 4


@dataclass(frozen=True)
class NameEntry:
    """One surface form that stands for an actor."""

    alias: str
    code: str  # country (ISO-3), IGO code, or sector code for agents
    kind: str  # country, short, demonym, capital, seat, other, igo, agent
    sector: str | None = None  # the sector a country name adds (capitals: GOV)
    cased: bool = False
    prefix: bool = False  # an agent whose code goes before the actor's (PETRARCH's ``[NGO~]``)


@dataclass(frozen=True)
class UserActor:
    name: str
    aliases: tuple[str, ...]
    code: str
    role: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    notes: str = ""
    source: str = ""
    where: str = ""  # the table and line it was read from, for `eventwire explain`

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _date(value: str, where: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{where}: bad date {value!r} (use YYYY-MM-DD)") from None


def read_user_actors(path: str | Path, *, require_source: bool = False) -> list[UserActor]:
    """Read a user-actors file (the format of ``examples/actors.tsv``). Raises ``ValueError``
    with the file and line for a missing column, an empty name or code, or a bad date."""
    path = Path(path)
    rows: list[UserActor] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        kept = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    lines = [line for _, line in kept]
    file_line = [n for n, _ in kept]  # the file's own line number of each kept line
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames:
        reader.fieldnames = [_COLUMN_SYNONYMS.get(c.strip(), c.strip()) for c in reader.fieldnames]
    required = OFFICE_HOLDER_COLUMNS if require_source else USER_ACTOR_COLUMNS[:6]
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        expected = list(OFFICE_HOLDER_COLUMNS) if require_source else list(USER_ACTOR_COLUMNS)
        raise ValueError(f"{path}: missing columns {missing}; expected {expected}")
    for index, row in enumerate(reader, 1):
        number = file_line[index] if index < len(file_line) else index + 1
        where = f"{path}:{number}"
        name = (row.get("name") or "").strip()
        code = (row.get("code") or "").strip()
        if not name or not code:
            raise ValueError(f"{where}: name and code are required")
        if not _ACTOR_CODE_RE.match(code):
            raise ValueError(f"{where}: bad actor code {code!r}")
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        if name not in aliases:
            aliases.insert(0, name)
        start, end = _date(row.get("start") or "", where), _date(row.get("end") or "", where)
        if start and end and end < start:
            raise ValueError(f"{where}: end {end} is before start {start}")
        source = (row.get("source") or "").strip()
        if require_source and not source:
            raise ValueError(f"{where}: source is required")
        rows.append(
            UserActor(name, tuple(aliases), code, (row.get("role") or "").strip(), start, end,
                      (row.get("notes") or "").strip(), source or str(path.name), f"{path.name}:{number}")
        )  # fmt: skip
    return rows


def read_office_holders(path: str | Path) -> list[UserActor]:
    """An office-holder table: name, aliases, code, start (or valid_from), end (or
    valid_until) and a required, non-empty ``source``; role and notes (or note) optional."""
    return read_user_actors(path, require_source=True)


@lru_cache(maxsize=1)
def country_entries() -> tuple[NameEntry, ...]:
    """ISO 3166 names from pycountry, then eventwire's own short forms, demonyms, capitals,
    then the US states (ISO 3166-2, from pycountry)."""
    import pycountry

    out: list[NameEntry] = []
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                out.append(NameEntry(value, country.alpha_3, "country"))
    for row in read_table("actor_country_names.tsv"):
        sector = None if row["sector"] == "-" else row["sector"]
        out.append(NameEntry(row["name"], row["country"], row["kind"], sector, is_cased_alias(row["name"])))
    taken = {normalise(e.alias) for e in out}
    for state in pycountry.subdivisions.get(country_code="US"):
        # a US state stands for the country, as an actor ("Texas sued") and as the place of
        # an event ("exercises in Alaska"); not a name that is a country's or a capital's
        # (Georgia, Washington), nor New York, more often the city (the UN's seat, its
        # newspapers). Only the US: elsewhere provinces share names too often
        if state.type == "State" and normalise(state.name) not in taken | {"new york"}:
            out.append(NameEntry(state.name, "USA", "region"))
    return tuple(out)


@lru_cache(maxsize=1)
def igo_entries() -> tuple[NameEntry, ...]:
    """International organisations (``actor_igos.tsv``) and non-state armed groups
    (``actor_groups.tsv``, kind "group": their code already names their sector)."""
    out: list[NameEntry] = []
    for table, kind in (("actor_igos.tsv", "igo"), ("actor_groups.tsv", "group")):
        for row in read_table(table):
            for alias in [row["name"], *[a for a in row["aliases"].split("|") if a]]:
                out.append(NameEntry(alias, row["code"], kind, None, is_cased_alias(alias)))
    return tuple(out)


def _plural(term: str) -> str:
    if re.search(r"[^aeiou]y$", term):
        return term[:-1] + "ies"
    if term.endswith(("s", "sh", "ch", "x")):
        return term + "es"
    return term + "s"


@lru_cache(maxsize=1)
def agent_entries() -> tuple[NameEntry, ...]:
    out: list[NameEntry] = []
    for row in read_table("actor_agents.tsv"):
        term, plural, sector = row["term"], row["plural"], row["sector"]
        kind = "agent-generic" if row.get("generic", "-").strip() == "yes" else "agent"
        cased = is_cased_alias(term)
        out.append(NameEntry(term, sector, kind, sector, cased))
        if plural != "-":
            out.append(NameEntry(plural, sector, kind, sector, cased))
        elif not cased and not term[:1].isupper() and not term.endswith("s"):
            out.append(NameEntry(_plural(term), sector, kind, sector, cased))
    return tuple(out)


class PhraseIndex:
    """Longest-match lookup of token phrases in a text."""

    def __init__(self, entries):
        self._by_phrase: dict[tuple[str, ...], list] = {}
        self.max_len = 1
        for entry, alias in entries:
            key = tokens(alias)
            if not key:
                continue
            self._by_phrase.setdefault(key, []).append(entry)
            self.max_len = max(self.max_len, len(key))

    def find(self, words: list[str], raw: list[str]):
        """(start, end, entries) for each longest match, left to right, not overlapping.
        ``raw`` holds the surface tokens, to check aliases that must be capitalised."""
        i, out = 0, []
        while i < len(words):
            for n in range(min(self.max_len, len(words) - i), 0, -1):
                hits = self._by_phrase.get(tuple(words[i : i + n]))
                if hits:
                    surface = " ".join(raw[i : i + n])
                    ok = [e for e in hits if not _needs_caps(e) or surface.replace(".", "").replace("-", "").replace(" ", "").isupper()]
                    if ok:
                        out.append((i, i + n, ok))
                        i += n
                        break
            else:
                i += 1
        return out


class GapIndex:
    """Phrases whose words may have other words between them (PETRARCH's blank connector):
    "ithilen television" in "Ithilen state-run television". Hand-written because the phrase
    index matches consecutive words only; used for the few such phrases of a dictionary."""

    MAX_GAP = 3  # words allowed between two words of a phrase: within one mention, not across clauses

    def __init__(self, entries):
        self._by_first: dict[str, list[tuple[tuple[str, ...], list]]] = {}
        grouped: dict[tuple[str, ...], list] = {}
        for entry, alias in entries:
            key = tokens(alias)
            if len(key) > 1:
                grouped.setdefault(key, []).append(entry)
        for key, found in grouped.items():
            self._by_first.setdefault(key[0], []).append((key, found))

    def find(self, words: list[str], raw: list[str]):
        """(start, end, entries) of the first phrase found, as ``PhraseIndex.find`` gives them."""
        for i, word in enumerate(words):
            for key, found in self._by_first.get(word, ()):
                at = i + 1
                for part in key[1:]:
                    window = words[at : at + self.MAX_GAP + 1]
                    if part not in window:
                        break
                    at += window.index(part) + 1
                else:
                    return [(i, at, found)]
        return []


def _needs_caps(entry) -> bool:
    return bool(getattr(entry, "cased", False))


@dataclass
class ActorTables:
    """Everything ``resolve_actor`` consults. Build with ``ActorTables.default()`` and add
    user actors or office holders with ``with_people``."""

    countries: tuple[NameEntry, ...] = ()
    igos: tuple[NameEntry, ...] = ()
    agents: tuple[NameEntry, ...] = ()
    user_actors: tuple[UserActor, ...] = ()
    office_holders: tuple[UserActor, ...] = ()
    conventions: str = "eventwire"  # or "petrarch": how codes combine (see eventwire.actors.resolve)
    gapped_people: tuple[UserActor, ...] = ()  # PETRARCH phrases that allow words between their words
    _indexes: dict = field(default_factory=dict, repr=False)

    @classmethod
    def default(cls, user_actors=(), office_holders=(), *, package_office_holders: bool = True) -> ActorTables:
        """The package tables, with the named office holders shipped with eventwire
        (``office_holders_phoenix.tsv``, up to 2015, and ``office_holders_recent.tsv``) ahead of
        ``office_holders``; ``package_office_holders=False`` leaves them out."""
        people = tuple(office_holders)
        if package_office_holders:
            from eventwire.actors.office_holders import (
                package_office_holders as shipped,
            )

            people = shipped() + people
        return cls(country_entries(), igo_entries(), agent_entries(), tuple(user_actors), people)

    def with_people(self, user_actors=(), office_holders=()) -> ActorTables:
        return ActorTables(self.countries, self.igos, self.agents, self.user_actors + tuple(user_actors),
                           self.office_holders + tuple(office_holders), self.conventions, self.gapped_people)  # fmt: skip

    def index(self, name: str) -> PhraseIndex:
        if name not in self._indexes:
            if name == "gapped_people":
                self._indexes[name] = GapIndex([(p, a) for p in self.gapped_people for a in p.aliases])
                return self._indexes[name]
            if name in ("user_actors", "office_holders"):
                people = getattr(self, name)
                pairs = [(p, a) for p in people for a in p.aliases]
            elif name == "places":  # countries and IGOs together, longest match across both
                pairs = [(e, e.alias) for e in (*self.countries, *self.igos)]
            else:
                pairs = [(e, e.alias) for e in getattr(self, name)]
            self._indexes[name] = PhraseIndex(pairs)
        return self._indexes[name]


@lru_cache(maxsize=1)
def default_tables() -> ActorTables:
    return ActorTables.default()
