"""Resolve an actor mention ("Russian troops", "the Kremlin", "U.S. Ambassador to Moscow John
Sullivan", "Sofie Krogh") to a CAMEO actor code, dated by the article date.

The order, first hit wins, except that a role written in the text beats the tables:

1. the role given in the text: a country or IGO that modifies a sector word ("U.S.
   Ambassador", "Russian navy", "NATO troops") gives country + sector, unless the role is
   marked as past ("former", "ex-");
2. user actors, valid on the date;
3. office holders, valid on the date;
4. an IGO or country name alone ("NATO", "Russia", "the Russians");
5. a capital or seat of government alone ("Moscow", "the Kremlin"): country + GOV, flagged
   ``metonymic`` so the places stage keeps it off the map;
6. a sector word alone ("protesters", "Reuters"): the sector code, no country.

Countries that follow "to", "in", "at", "from", "against" or "with" are where the actor is
posted or what it acts on ("Ambassador to Moscow"), not who it is, and are skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eventwire.actors.tables import (
    ActorTables,
    NameEntry,
    UserActor,
    default_tables,
    split_words,
)

_NOT_OWNER = {"to", "in", "at", "from", "against", "with", "toward", "towards", "into", "on", "over"}
_SEATED = frozenset({"JUD", "LEG", "GOV", "COP"})  # bodies whose seat names their country
_ORIGIN = frozenset({"OPP", "REF", "CVL", "LAB", "EDU", "MED", "BUS", "HRI"})  # people "from X" are X's
_PAST = {"former", "ex", "ex-", "retired", "then", "erstwhile", "outgoing"}


@dataclass(frozen=True)
class ActorCode:
    code: str
    source: str  # role-in-text, user-actors, office-holders, igo, country, demonym, capital, seat, agent
    name: str | None = None  # canonical name (a person's, an organisation's, a country's code)
    country: str | None = None  # ISO-3, or the IGO code
    sector: str | None = None
    metonymic: bool = False
    matched: str = ""  # the words of the mention that decided it
    steps: tuple[str, ...] = field(default=())  # what was tried, for `eventwire explain`
    role: str | None = None  # a person's office, as the table gives it ("Minister of Foreign Affairs")


def _as_date(date) -> dt.date | None:
    if date is None or date == "":
        return None
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    return dt.date.fromisoformat(str(date)[:10])


def _head_agent(agents):
    """Of several role words in a mention, the one nearest the head ("government forces" ->
    forces), unless that one says little by itself ("defence ministry spokesman", "rebel
    commander": the more specific word)."""
    specific = [a for a in agents if a[2][0].kind != "agent-generic"]
    return (specific or agents)[-1]


def _combine(owner: str, sector: str | None, kind: str = "") -> str:
    if not sector or kind == "group":
        return owner
    if owner.startswith(("IGO", "NGO")) and sector == "GOV":
        return owner  # an IGO's officials are the IGO
    return owner + sector


def _people(tables: ActorTables, which: str, norm, raw, day):
    hits = tables.index(which).find(norm, raw)
    for start, end, people in hits:
        valid = [p for p in people if p.valid_on(day)]
        if not valid and day is None:
            valid = sorted(people, key=lambda p: p.start or dt.date.min)[-1:]
        if valid:
            # several rows valid on the day: the one that started last
            best = max(valid, key=lambda p: p.start or dt.date.min)
            return best, " ".join(raw[start:end]), [p for p in people if p not in valid]
        return None, " ".join(raw[start:end]), people
    return None, None, []


def resolve_actor(text: str, date=None, role: str | None = None, tables: ActorTables | None = None) -> ActorCode | None:
    """The CAMEO actor code of a mention, or None. ``role`` is an office title found
    elsewhere for the same person (an appositive); ``date`` the article date (ISO string,
    date or datetime) used for dated rows."""
    tables = tables or default_tables()
    day = _as_date(date)
    steps: list[str] = []
    full = text if not role else f"{role} {text}"
    norm, raw = split_words(full)
    if not norm:
        return None

    # 1. the role given in the text
    owners = []
    located = []  # "a court in Guyana": where an institution sits is whose it is
    for start, end, entries in tables.index("places").find(norm, raw):
        previous = norm[start - 1] if start else ""
        if previous in _NOT_OWNER:
            steps.append(f"skip {' '.join(raw[start:end])!r}: after {previous!r}")
            if previous in ("in", "from"):
                located.append((start, end, entries, previous))
            continue
        owners.append((start, end, entries))
    agents = tables.index("agents").find(norm, raw)
    if owners:  # a sector word inside a place name ("West Bank") is part of the name
        spans = [(s, e) for s, e, _ in owners]
        agents = [a for a in agents if not any(s <= a[0] and a[1] <= e for s, e in spans)]
    if not owners and located and agents:
        sector = _head_agent(agents)[2][0].sector
        start, end, entries, prep = located[0]
        if (prep == "in" and sector in _SEATED) or (prep == "from" and sector in _ORIGIN):
            owners = [(start, end, entries)]
            where = "sits" if prep == "in" else "come from"
            steps.append(f"{' '.join(raw[start:end])!r} is where the {sector} {where}")
    past = any(w in _PAST for w in norm) or "ex-" in full.casefold()
    groups = [o for o in owners if any(e.kind in ("group", "igo") for e in o[2])]
    if groups and owners[0] not in groups:
        owners = groups + [o for o in owners if o not in groups]
        steps.append(f"{' '.join(raw[owners[0][0]:owners[0][1]])!r}: an organisation named in the mention comes first")
    if owners and agents and not past:
        start, end, entries = owners[0]
        entry = _pick(entries)
        a_start, a_end, a_entries = _head_agent(agents)
        sector = a_entries[0].sector
        owner = entry.code
        if entry.kind in ("capital", "seat") and entry.sector:
            owner = entry.code  # "Kremlin spokesman": the country, sector from the role
        code = _combine(owner, sector, entry.kind)
        matched = f"{' '.join(raw[start:end])} + {' '.join(raw[a_start:a_end])}"
        steps.append(f"role in text: {matched} -> {code}")
        return ActorCode(code, "role-in-text", entry.code, entry.code, sector, False, matched, tuple(steps))
    if past and owners and agents:
        steps.append("role in text marked as past: tables decide")

    # 2, 3. people, dated
    for which in ("user_actors", "office_holders"):
        person, matched, invalid = _people(tables, which, norm, raw, day)
        if person is not None:
            office = f"{person.start or '…'} to {person.end or 'open'}"
            steps.append(f"{which}: {matched!r} -> {person.name} ({person.role}) {person.code}, in office {office} on {day}"
                         f" [{person.where or person.source}]")  # fmt: skip
            country = person.code[:3]
            return ActorCode(person.code, which.replace("_", "-"), person.name, country, None, False, matched,
                             tuple(steps), person.role or None)  # fmt: skip
        if matched:
            steps.append(f"{which}: {matched!r} has no row valid on {day}: {[p.code for p in invalid]}")

    # 4, 5. an organisation, country or seat alone
    if owners:
        start, end, entries = owners[0]
        entry = _pick(entries)
        matched = " ".join(raw[start:end])
        if entry.kind in ("igo", "group"):
            steps.append(f"{entry.kind}: {matched!r} -> {entry.code}")
            return ActorCode(entry.code, entry.kind, entry.alias, entry.code, None, False, matched, tuple(steps))
        if entry.kind in ("capital", "seat"):
            code = _combine(entry.code, entry.sector)
            metonymic = end - start == len(norm) - _leading_article(norm)
            steps.append(f"{entry.kind}: {matched!r} -> {code}" + (" (metonymic)" if metonymic else ""))
            return ActorCode(code, entry.kind, entry.code, entry.code, entry.sector, metonymic, matched, tuple(steps))
        kind = "demonym" if entry.kind == "demonym" else "country"
        steps.append(f"{kind}: {matched!r} -> {entry.code}")
        return ActorCode(entry.code, kind, entry.code, entry.code, None, False, matched, tuple(steps))

    # 6. a sector word alone
    if agents:
        a_start, a_end, a_entries = _head_agent(agents)
        sector = a_entries[0].sector
        matched = " ".join(raw[a_start:a_end])
        steps.append(f"agent: {matched!r} -> {sector}")
        return ActorCode(sector, "agent", None, None, sector, False, matched, tuple(steps))
    return None


def _leading_article(norm: list[str]) -> int:
    return 1 if norm and norm[0] == "the" else 0


_KIND_RANK = {"igo": 0, "group": 0, "country": 1, "short": 1, "other": 1, "demonym": 2, "seat": 3, "capital": 4}


def _pick(entries: list[NameEntry]) -> NameEntry:
    return min(entries, key=lambda e: _KIND_RANK.get(e.kind, 9))


__all__ = ["ActorCode", "UserActor", "resolve_actor"]
