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

A role marked as past ("former", "ex-") is an elite, CAMEO's ``ELI``, as TABARI and PETRARCH
convert it: "former Russian defence minister" is RUSELI (unless the person named has a row
valid on the date: "former NATO official Sofie Krogh" is what she is now). A named office
holder out of office after their last row is the country of their latest national row + ELI
("Barack Obama" in 2018: USAELI), as Phoenix codes leaders after office, or plain ELI when
their rows name only organisations (Ban Ki-moon in 2018); the decision and its grounds are in
``eventwire.actors.office_holders``. Before their first row they get no code from the tables.

With tables read from PETRARCH dictionaries (``conventions == "petrarch"``), codes combine
as PETRARCH combines them: the actor (a person or body of the dictionaries, else a country or
organisation, also one named in an "in", "from" or "of" phrase: "Soldiers from Gondor") takes
every agent of the mention in order, each agent code appended unless the code holds it
already ("White House security officials" stays USAGOV), prefix agents (``[NGO~]``) before
it ("MSF Arnor diplomat": NGO + ARN + GOV); with "former", the agents give ELI instead. A
compound code (``[FRO/BIL/SAM]``) gives one code per member (``ActorCode.members``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventwire.actors.office_holders import CAPPED_NOTE, person_keys
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
_FORMER = frozenset({"former", "ex", "retired", "erstwhile"})  # out of the role now: ELI ("then", "outgoing" are not)
_EX_RE = re.compile(r"\b(ex)-(?=[^\W\d_])", re.IGNORECASE)  # "ex-president": "ex president"


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
    members: tuple[str, ...] = ()  # several actors named as one (a compound code): every code, ``code`` first


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


def _same_person(tables: ActorTables, rows: list[UserActor]) -> list[UserActor]:
    """``rows`` and the other office-holder rows of the same persons: those that share a name
    or an alias of two or more words (``person_keys``). The two tables name one person
    differently ("Stoltenberg" is an alias of the recent table only; the Phoenix rows of his
    national offices are under "Jens Stoltenberg")."""
    index = tables.index("office_holders")
    out = list(rows)
    for key in sorted(set().union(*(person_keys(p) for p in rows)) if rows else ()):
        norm, raw = split_words(key)
        for start, end, found in index.find(norm, raw):
            if (start, end) == (0, len(norm)):
                out.extend(p for p in found if p not in out)
    return out


def _people(tables: ActorTables, which: str, norm, raw, day):
    hits = tables.index(which).find(norm, raw)
    for start, end, people in hits:
        if which == "office_holders" and day is not None and not any(p.valid_on(day) for p in people):
            people = _same_person(tables, people)
        valid = [p for p in people if p.valid_on(day)]
        if not valid and day is None:
            valid = sorted(people, key=lambda p: p.start or dt.date.min)[-1:]
        if valid:
            # several rows valid on the day: the one that started last
            best = max(valid, key=lambda p: p.start or dt.date.min)
            return best, " ".join(raw[start:end]), [p for p in people if p not in valid]
        return None, " ".join(raw[start:end]), people
    return None, None, []


def _owner_code(entry: NameEntry) -> str:
    """A country's code, or for a region with a CAMEO code of its own (Phoenix's Gaza,
    PSEGZA) the country's code and the region's."""
    return entry.code + entry.sector if entry.kind == "region" and entry.sector else entry.code


def _role_in_text(owners, agents, raw, steps: list[str]) -> ActorCode:
    start, end, entries = owners[0]
    entry = _pick(entries)
    a_start, a_end, a_entries = _head_agent(agents)
    sector = a_entries[0].sector
    # "Kremlin spokesman": a seat's country, the sector from the role
    code = _combine(_owner_code(entry), sector, entry.kind)
    matched = f"{' '.join(raw[start:end])} + {' '.join(raw[a_start:a_end])}"
    steps.append(f"role in text: {matched} -> {code}")
    return ActorCode(code, "role-in-text", entry.code, entry.code, sector, False, matched, tuple(steps))


def _former(people, day: dt.date | None):
    """Of a person with no row valid on ``day`` whose last office ended before it, the last
    row that names a country (not an organisation): its country + ELI is the person as a
    former office holder (Trump in 2022; Stoltenberg after NATO: his last national office);
    without one, the last row (an organisation's): plain ELI (Ban Ki-moon after the UN).
    None before the person's first office, and None when the last office's end is only where
    Phoenix stopped looking (``CAPPED_NOTE``: Netanyahu after 2014 is not known to be out)."""
    if day is None:
        return None
    ended = [p for p in people if p.end is not None and p.end < day]
    if not ended or CAPPED_NOTE in max(ended, key=lambda p: p.end).notes:
        return None
    national = [p for p in ended if not _is_organisation(p.code)]
    return max(national or ended, key=lambda p: p.end)


def _is_organisation(code: str) -> bool:
    return code.startswith(("IGO", "NGO"))


def _holds(code: str, sector: str) -> bool:
    """``sector`` is one of the three-letter parts of ``code`` (USAGOV holds GOV; ARNGOV
    does not hold NGO)."""
    return any(code.startswith(sector, i) for i in range(0, len(code), 3))


def _compose(base: str | None, agents, past: bool) -> tuple[str, ...]:
    """PETRARCH's combination: prefix agents, the actor's code (each member of a compound),
    then each agent code not already in it; "former" turns the agents into ELI."""
    prefixes = [e.sector for e in agents if e.prefix]
    suffixes = [e.sector for e in agents if not e.prefix]
    if past and agents:
        prefixes, suffixes = [], ["ELI"]
    if len(suffixes) > 1 and "PPL" in suffixes:
        suffixes = [x for x in suffixes if x != "PPL"]  # the general "people" gives way
    out = []
    for member in (base.split("/") if base else [""]):
        code = member
        for sector in suffixes:
            if not _holds(code, sector):
                code += sector
        for sector in reversed(prefixes):
            if not code.startswith(sector):
                code = sector + code
        if code and code not in out:
            out.append(code)
    return tuple(out)


def resolve_actor(text: str, date=None, role: str | None = None, tables: ActorTables | None = None) -> ActorCode | None:
    """The CAMEO actor code of a mention, or None. ``role`` is an office title found
    elsewhere for the same person (an appositive); ``date`` the article date (ISO string,
    date or datetime) used for dated rows."""
    tables = tables or default_tables()
    day = _as_date(date)
    steps: list[str] = []
    full = text if not role else f"{role} {text}"
    full = _EX_RE.sub(r"\1 ", full)
    norm, raw = split_words(full)
    if not norm:
        return None
    former = any(w in _FORMER for w in norm)
    if tables.conventions == "petrarch":
        return _resolve_petrarch(tables, norm, raw, day, steps, former)

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
        return _role_in_text(owners, agents, raw, steps)
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
            last = _former(invalid, day) if which == "office_holders" else None
            if last is not None:
                country = None if _is_organisation(last.code) else last.code[:3]  # no country known: plain ELI
                code = (country or "") + "ELI"
                steps.append(f"out of office since {last.end} ({last.role or last.code}) [{last.where or last.source}]: "
                             f"a former office holder -> {code}")  # fmt: skip
                return ActorCode(code, "office-holders", last.name, country, "ELI", False, matched, tuple(steps),
                                 f"former {last.role}" if last.role else None)  # fmt: skip

    if owners and agents and not former:  # "outgoing", "then": still the role, no person to say more
        return _role_in_text(owners, agents, raw, steps)

    # a past role with its country or organisation: an elite of it ("former Russian defence minister")
    if former and owners and agents and _pick(owners[0][2]).kind not in ("igo", "group"):
        start, end, entries = owners[0]
        entry = _pick(entries)
        a_start, a_end, _ = _head_agent(agents)
        code = _owner_code(entry) + "ELI"
        matched = f"{' '.join(raw[start:end])} + former {' '.join(raw[a_start:a_end])}"
        steps.append(f"past role in text: {matched} -> {code}")
        return ActorCode(code, "role-in-text", entry.code, entry.code, "ELI", False, matched, tuple(steps))

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
        code = _owner_code(entry)
        steps.append(f"{kind}: {matched!r} -> {code}")
        return ActorCode(code, kind, entry.code, entry.code, None, False, matched, tuple(steps))

    # 6. a sector word alone
    if agents:
        a_start, a_end, a_entries = _head_agent(agents)
        sector = a_entries[0].sector
        matched = " ".join(raw[a_start:a_end])
        steps.append(f"agent: {matched!r} -> {sector}")
        return ActorCode(sector, "agent", None, None, sector, False, matched, tuple(steps))
    return None


def _resolve_petrarch(tables: ActorTables, norm, raw, day, steps: list[str], former: bool) -> ActorCode | None:
    """Resolution with PETRARCH's conventions (see the module doc)."""
    owners, located, skipped = [], [], []
    last = None  # the list the previous name went to, for names coordinated with it
    for start, end, entries in tables.index("places").find(norm, raw):
        previous = norm[start - 1] if start else ""
        if last and set(norm[last[-1][1]:start]) <= _COORDINATORS:
            pass  # "in Fornost and Gondor", "with Fornost and Gondor": as the name before it
        elif previous in ("in", "from"):
            last = located
        elif previous in _NOT_OWNER:
            last = skipped
        else:
            last = owners
        if last is skipped:
            steps.append(f"skip {' '.join(raw[start:end])!r}: after {previous!r}")
        last.append((start, end, entries))
    person, person_span = None, None
    for which in ("user_actors", "office_holders", "gapped_people"):
        for start, end, people in tables.index(which).find(norm, raw):
            valid = [p for p in people if p.valid_on(day)]
            if not valid and day is None:
                valid = sorted(people, key=lambda p: p.start or dt.date.min)[-1:]
            if not valid:
                steps.append(f"{which}: {' '.join(raw[start:end])!r} has no code on {day}")
                continue
            # the first actor of the mention, the longest phrase where two start together
            if person_span is None or (start, -end) < (person_span[0], -person_span[1]):
                person, person_span = max(valid, key=lambda p: p.start or dt.date.min), (start, end)
            break
    spans = [(s, e) for s, e, _ in owners + located] + ([person_span] if person_span else [])
    agents = [(s, e, es) for s, e, es in tables.index("agents").find(norm, raw)
              if not any(a <= s and e <= b for a, b in spans)]  # fmt: skip
    agent_entries = [es[0] for _, _, es in agents]
    agent_words = " + ".join(" ".join(raw[s:e]) for s, e, _ in agents)
    first_owner = min(owners or located, default=None)  # (start, end, entries), the first in the text
    if first_owner is not None and person is not None and first_owner[0] < person_span[0]:
        person = None  # "the population of Gondor of the Prince of X": the first actor named is the one
    if person is not None:
        base, name, source = person.code, person.name, "user-actors"
        matched = " ".join(raw[person_span[0]:person_span[1]])
        steps.append(f"dictionary actor {matched!r} -> {person.code} on {day} [{person.where or person.source}]")
    elif first_owner is not None:
        start, end, entries = first_owner
        entry = _pick(entries)
        base, name = entry.code, entry.code
        source = "role-in-text" if agents else entry.kind
        matched = " ".join(raw[start:end])
        steps.append(f"{entry.kind}: {matched!r} -> {entry.code}" + ("" if owners else " (named in an 'in'/'from' phrase)"))
        joined = _coordinated_run(owners or located, norm)
        if len(joined) > 1:  # "lawmakers in Fornost and Gondor": each of them
            base = "/".join(dict.fromkeys(_pick(es).code for _, _, es in joined))
            steps.append(f"coordinated: {', '.join(' '.join(raw[s:e]) for s, e, _ in joined)} -> {base}")
    elif agents:
        base, name, source, matched = None, None, "agent", ""
    else:
        return None
    codes = _compose(base, agent_entries, former)
    if not codes:
        return None
    if agents:
        matched = f"{matched} + {agent_words}" if matched else agent_words
        steps.append(f"agents {agent_words!r}" + (" marked as former: ELI" if former else "") + f" -> {', '.join(codes)}")
    sector = "ELI" if former and agents else "".join(e.sector for e in agent_entries if not e.prefix) or None
    country = base.split("/")[0][:3] if base else None
    return ActorCode(codes[0], source, name, country, sector, False, matched, tuple(steps), None,
                     codes if len(codes) > 1 else ())  # fmt: skip


_COORDINATORS = frozenset({"and", "or", "the"})


def _coordinated_run(found, norm: list[str]):
    """The names of ``found`` (spans in text order) that follow the first one joined only by
    "and", "or" (and commas, which ``split_words`` drops): "Fornost and Gondor"."""
    run = [found[0]]
    for item in found[1:]:
        if not set(norm[run[-1][1]:item[0]]) <= _COORDINATORS:
            break  # (names side by side count: the commas between them are not among the words)
        run.append(item)
    return run


def _leading_article(norm: list[str]) -> int:
    return 1 if norm and norm[0] == "the" else 0


_KIND_RANK = {"igo": 0, "group": 0, "country": 1, "short": 1, "other": 1, "region": 1, "demonym": 2, "seat": 3, "capital": 4}


def _pick(entries: list[NameEntry]) -> NameEntry:
    return min(entries, key=lambda e: _KIND_RANK.get(e.kind, 9))


__all__ = ["ActorCode", "UserActor", "resolve_actor"]
