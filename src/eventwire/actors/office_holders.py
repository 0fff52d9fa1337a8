"""Named office holders, dated: the package tables and the generator of the Phoenix-derived one.

Two tables ship in ``eventwire/data``, both in the office-holder format (see
``eventwire.actors.tables``)::

    name <TAB> aliases <TAB> code <TAB> role <TAB> valid_from <TAB> valid_until <TAB> source <TAB> note

- ``office_holders_phoenix.tsv``: up to 2014, derived from the Phoenix country actors
  dictionary of PETRARCH-2 (``Phoenix.Countries.actors.txt``, MIT, Open Event Data Alliance,
  itself generated from CountryInfo.txt, Philip A. Schrodt, CC BY-SA 3.0). Because the leader
  and minister names may be CC BY-SA-derived, that file is distributed under CC BY-SA 3.0, as
  its header says, and is kept apart from eventwire's MIT tables. Regenerate it with
  ``python -m eventwire.actors.office_holders PHOENIX_COUNTRIES_FILE OUT.tsv``.
- ``office_holders_recent.tsv``: eventwire's own table of heads of state and government and
  foreign and defence ministers from 2015 (G20 members with the EU and the African Union,
  Russia, Ukraine, Belarus), and of the heads of the major international organisations that
  ``actor_igos.tsv`` codes (UN, UNHCR, IAEA, WHO, IMF, World Bank, WTO, OSCE, Arab League,
  ASEAN, OPEC, Council of Europe, ECB, NATO; the ICC's prosecutor), coded as that table codes
  the organisation; written from public records, each row names the kind of record in
  ``source``. Holders in office on 2015-01-01 start on their real first day. Defence
  ministers are country + MIL, as ``actor_agents.tsv`` codes "defence minister"; Phoenix codes
  them ~GOVMIL, and its rows keep that.

What the Phoenix table keeps: persons (not countries, organisations or assemblies) with at
least one dated code whose sector is ``GOV``, ``MIL``, ``GOVMIL``, ``GOVLEG`` or ``GOVJUD`` on a
three-letter country (territory codes such as ``GBRVGBGOV`` are left out). Overlapping ranges
of one code are merged. Single-word aliases ("Kim", "Singh") shared by two or more persons are
dropped. Codes that Phoenix leaves open (``>D``) end on 2014-12-31: the dictionary was
generated in January 2014 and its latest dates are from early 2015, so an open end means "in
office when last checked", not "in office in 2015". Some are stale even so: Abdullah Gul,
president of Turkey to August 2014, and Jens Stoltenberg, prime minister of Norway to October
2013, are open there and count until 2014-12-31.

Out of office: Phoenix's ``ELI`` ranges (before and after office) and its undated ``ELI``
fallback are not kept as rows; resolution derives them (``resolve._former``), as Phoenix codes
people out of office:

- after their last office, a person with a national office in the tables is the country of
  their latest national office + ELI, even when an organisation's office came after it
  ("Barack Obama" in 2018: USAELI; Jens Stoltenberg between NATO and his appointment as
  Norway's finance minister: NORELI). Phoenix's country dictionary does the same: the people
  it lists are country + ELI outside their dated codes, an organisation's codes included
  (Mohamed ElBaradei after the IAEA: EGYELI);
- a person whose rows name only organisations (Ban Ki-moon after 2016: the tables do not keep
  his South Korean ministry) is plain ``ELI``, no country, as Phoenix's international
  dictionary codes former heads of organisations (Kofi Annan, Boutros Boutros-Ghali, Dag
  Hammarskjold: the dated IGOUNO range, then ``[ELI]``). A national office is the only sign
  of a person's country that the tables hold. Not the organisation's code: that would have
  them still act for it; not unresolved: the tables know who the person is and that they
  left, and resolution going on would code "former UN Secretary-General Ban Ki-moon" as the
  UN itself;
- the person's rows are all rows that share their name or an alias of two or more words
  (``person_keys``), so "Stoltenberg", an alias of the recent table only, finds his national
  rows in the Phoenix table under "Jens Stoltenberg".

Before their first office a person gets no code from these tables and resolution goes on. A
mention without a date takes the latest row of the person (``resolve._people``).

``cross_check`` lists where the two tables disagree in the years they overlap (2013-2014).
``coverage_gaps`` lists the stretches from 2015 on where a member of ``REQUIRED_OFFICES`` (the
G20 with the EU and the African Union, Russia, Ukraine, Belarus) has no head of state or
government, foreign or defence minister in the recent table.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from functools import lru_cache
from pathlib import Path

from eventwire.actors.petrarch import DatedCode, PetrarchActor, read_petrarch_actors
from eventwire.actors.tables import UserActor, normalise, read_office_holders

PACKAGE_TABLES = ("office_holders_phoenix.tsv", "office_holders_recent.tsv")
PHOENIX_SOURCE = "Phoenix.Countries.actors.txt"
PHOENIX_HORIZON = dt.date(2014, 12, 31)
CAPPED_NOTE = "open-ended in Phoenix"  # in the note of a row whose end is the horizon, not a known end
_KEEP_CODE_RE = re.compile(r"^[A-Z]{3}(?:GOV|MIL|GOVMIL|GOVLEG|GOVJUD)$")

# Words that mark a name as an organisation, body or place rather than a person.
_NOT_PERSON = {
    "ADMINISTRATION", "ARMY", "ASSEMBLY", "AUTHORITY", "BOARD", "BRIGADE", "BRIGADES", "BUREAU",
    "CABINET", "CHAMBER", "COALITION", "COMMAND", "COMMISSION", "COMMITTEE", "CONGRESS", "COUNCIL",
    "COURT", "DEPARTMENT", "DUMA", "FORCE", "FORCES", "FRONT", "GOVERNMENT", "GUARD", "HOUSE",
    "JUNTA", "KINGDOM", "LEAGUE", "MINISTRY", "MOVEMENT", "NAVY", "OFFICE", "PARLIAMENT", "PARTY",
    "POLICE", "PRESIDENCY", "REGIME", "REPUBLIC", "SECRETARIAT", "SENATE", "SERVICE", "SOVIET",
    "STATE", "TRIBUNAL", "UNION", "EMPIRE", "FEDERATION", "MILITARY", "TALIBAN", "VOLKSKAMMER", "POLITBURO", "JAYSH",
}  # fmt: skip

# Code lines that the reader cannot read, repaired by hand (line in the file -> code).
_REPAIRS = {
    18010: (DatedCode("GBRGOV", start=dt.date(2010, 5, 11)), "date repaired: Phoenix has >201005011"),
    31715: (DatedCode("MNEGOV", start=dt.date(2012, 12, 4)), "date repaired: Phoenix has 20121204 (no >)"),
    51384: (DatedCode("USAGOV", start=dt.date(1982, 1, 1)), "date repaired: Phoenix has 19820101 (no >)"),
}


def _title(phrase: str) -> str:
    """ "VLADIMIR V. PUTIN" -> "Vladimir V. Putin"; "AL-ASSAD" -> "Al-Assad"."""
    low = phrase.lower()
    out = re.sub(r"(^|[\s\-(/])([a-z])", lambda m: m.group(1) + m.group(2).upper(), low)
    out = re.sub(r"\b(Mc|O')([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out


def _groups(actors: list[PetrarchActor]) -> list[list[PetrarchActor]]:
    """Name lines that inherited the codes of the block that follows belong to that block."""
    groups, run = [], []
    for actor in actors:
        run.append(actor)
        if not actor.inherited:
            groups.append(run)
            run = []
    if run:
        groups.append(run)
    return groups


def _is_person(group: list[PetrarchActor], raw_lines: list[str]) -> bool:
    """CountryInfo's leader entries are persons; other entries are unless the first name reads
    as a body, an organisation or a place ("KOSOVO_ASSEMBLY", "VOLKSKAMMER")."""
    if any("countryinfo" in raw_lines[actor.line - 1].casefold() for actor in group):
        return True
    words = group[0].name.replace("-", " ").split()
    return not (set(words) & _NOT_PERSON or " OF THE " in f" {group[0].name} ")


def _merge(codes: list[DatedCode]) -> list[tuple[dt.date | None, dt.date, bool]]:
    """(start, end, capped) for one code: overlapping or adjacent ranges merged, open ends
    capped at the horizon (``capped`` says so), ranges after the horizon dropped."""
    lo = dt.date.min
    merged: list[list] = []
    for c in sorted(codes, key=lambda c: (c.start or lo, c.end or PHOENIX_HORIZON)):
        start, end, capped = c.start or lo, min(c.end or PHOENIX_HORIZON, PHOENIX_HORIZON), c.end is None
        if start > end:
            continue
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            if end > merged[-1][1] or (end == merged[-1][1] and capped):
                merged[-1][1], merged[-1][2] = end, capped
            continue
        merged.append([start, end, capped])
    return [(None if s == lo else s, e, cap) for s, e, cap in merged]


def phoenix_rows(path: str | Path) -> list[dict[str, str]]:
    """Office-holder rows from a Phoenix country actors dictionary (see the module doc)."""
    path = Path(path)
    raw_lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    dictionary = read_petrarch_actors(path)
    repairs: dict[int, tuple[DatedCode, str]] = {}
    for failure in dictionary.failures:
        if failure.line in _REPAIRS:
            repairs[failure.line] = _REPAIRS[failure.line]
    # the actor that owns each repaired line: the last actor starting before it
    by_line = sorted(dictionary.actors, key=lambda a: a.line)
    extra: dict[int, list[tuple[DatedCode, str]]] = {}
    for line, fix in repairs.items():
        owner = max((a for a in by_line if a.line < line), key=lambda a: a.line)
        extra.setdefault(id(owner), []).append(fix)

    people = []
    for group in _groups(dictionary.actors):
        head = group[-1]
        fixes = extra.get(id(head), [])
        codes = list(head.codes) + [fix for fix, _ in fixes]
        kept = [c for c in codes if c.dated and _KEEP_CODE_RE.match(c.code)]
        if not kept or not _is_person(group, raw_lines):
            continue
        phrases = [p for actor in group for p in actor.phrases]
        people.append((group[0].name, phrases, kept, fixes))

    # single-word aliases shared by two or more persons are ambiguous
    owners: dict[str, set[int]] = {}
    for number, (_, phrases, *_rest) in enumerate(people):
        for phrase in phrases:
            key = normalise(phrase)
            if " " not in key:
                owners.setdefault(key, set()).add(number)
    ambiguous = {k for k, v in owners.items() if len(v) > 1}

    rows = []
    for name, phrases, kept, fixes in people:
        aliases, seen = [], set()
        for phrase in phrases:
            key = normalise(phrase)
            if not key or key in seen or (key in ambiguous and phrase != name):
                continue
            seen.add(key)
            aliases.append(_title(phrase))
        by_code: dict[str, list[DatedCode]] = {}
        for c in kept:
            by_code.setdefault(c.code, []).append(c)
        for code, same in by_code.items():
            for start, end, cap in _merge(same):
                lo = start or dt.date.min
                note = [n for fix, n in fixes if fix.code == code and lo <= (fix.start or lo) <= end]
                if cap:
                    note.append(f"{CAPPED_NOTE}; capped at {PHOENIX_HORIZON}")
                rows.append({
                    "name": _title(name), "aliases": "|".join(aliases) if len(aliases) > 1 else "",
                    "code": code, "role": "",
                    "valid_from": start.isoformat() if start else "", "valid_until": end.isoformat(),
                    "source": PHOENIX_SOURCE, "note": "; ".join(note),
                })  # fmt: skip
    return rows


PHOENIX_HEADER = """\
# office_holders_phoenix.tsv: named office holders up to 2015, dated.
# Derived by eventwire (python -m eventwire.actors.office_holders) from Phoenix.Countries.actors.txt
# of PETRARCH-2 (github.com/openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf),
# Copyright (c) 2014 Open Event Data Alliance, MIT licence; that dictionary was generated from
# CountryInfo.140130.txt, Copyright (c) 2012 Philip A. Schrodt, licensed under Creative Commons
# Attribution-ShareAlike 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).
# LICENCE OF THIS FILE: CC BY-SA 3.0 (it is not covered by eventwire's MIT licence).
# Changes: persons only; dated codes with sector GOV, MIL, GOVMIL, GOVLEG or GOVJUD only (ELI and
# other sectors dropped); overlapping ranges merged; open ends capped at 2014-12-31; names
# title-cased; ambiguous one-word aliases dropped; three malformed dates repaired (see note).
# aliases: empty when the name is the only one; source: the Phoenix file the row comes from.
"""

COLUMNS = ("name", "aliases", "code", "role", "valid_from", "valid_until", "source", "note")


def write_rows(rows: list[dict[str, str]], out: str | Path, header: str = PHOENIX_HEADER) -> None:
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            cells = [" ".join(str(row.get(c, "")).split()) for c in COLUMNS]  # no tabs or newlines
            fh.write("\t".join(cells) + "\n")


def person_keys(person: UserActor) -> set[str]:
    """The normalised name and the aliases of two or more words: what identifies a person
    across the two tables (one-word aliases are too ambiguous)."""
    keys = {normalise(person.name)}
    keys.update(k for k in (normalise(a) for a in person.aliases) if " " in k)
    return keys


def cross_check(phoenix: list[UserActor], recent: list[UserActor],
                start: dt.date = dt.date(2013, 1, 1), end: dt.date = PHOENIX_HORIZON) -> list[str]:
    """Where the two tables disagree on the first day of each month from ``start`` to ``end``
    : a different code, or one table has the person in office and the
    other not; and recent holders in office then whom Phoenix does not know."""
    days = [dt.date(y, m, 1) for y in range(start.year, end.year + 1) for m in range(1, 13)
            if start <= dt.date(y, m, 1) <= end]  # fmt: skip
    out: list[str] = []
    by_person: dict[str, list[UserActor]] = {}
    for row in recent:
        by_person.setdefault(row.name, []).append(row)
    for name, rows in by_person.items():
        keys = set().union(*(person_keys(r) for r in rows))
        phx = [p for p in phoenix if person_keys(p) & keys]
        if not any(r.valid_on(d) for r in rows for d in days):
            continue
        if not phx:
            out.append(f"{name}: in office in {start.year}-{end.year} (recent table), not in Phoenix")
            continue
        diffs = []
        for d in days:
            a = sorted({r.code for r in rows if r.valid_on(d)})
            b = sorted({p.code for p in phx if p.valid_on(d)})
            if a != b:
                diffs.append((d, a, b))
        if diffs:
            first, last = diffs[0][0], diffs[-1][0]
            kinds = sorted({f"recent {a or 'none'} vs Phoenix {b or 'none'}" for _, a, b in diffs})
            out.append(f"{name}: {first:%Y-%m} to {last:%Y-%m} ({len(diffs)} months): {'; '.join(kinds)}")
    return out


# What office_holders_recent.tsv must cover from 2015 on: the G20 (19 countries, the EU and the
# African Union), Russia, Ukraine and Belarus. The EU has a defence commissioner only from
# 2024-12-01 and the AU neither a foreign nor a defence office, so they need less.
G20_COUNTRIES = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
                 "SAU", "ZAF", "TUR", "GBR", "USA")  # fmt: skip
OFFICES = ("head", "foreign", "defence")
REQUIRED_OFFICES: dict[str, tuple[str, ...]] = {
    **{c: OFFICES for c in (*G20_COUNTRIES, "UKR", "BLR")},
    "IGOEUREEC": ("head", "foreign"),
    "IGOAFR": ("head",),
}
_OFFICE_RES = {
    "head": re.compile(r"(?<!Deputy )\b(?:President|Prime Minister|Chancellor|Premier|King|Queen|Emperor)\b"
                       r"|Chairperson of the African Union Commission"),
    "foreign": re.compile(r"Foreign|External Affairs|International Relations|^Secretary of State$|High Representative"),
    "defence": re.compile(r"Defen[cs]e|Armed Forces"),
}


def offices_of(role: str) -> set[str]:
    """Which of ``OFFICES`` a role of the recent table is ("Minister of Defence of Brazil" ->
    {"defence"}); Security Council, envoy and chief-of-staff rows are none of them."""
    if re.search(r"Security Council|Envoy|General Staff|Commander", role):
        return set()
    return {kind for kind, rx in _OFFICE_RES.items() if rx.search(role)}


def _member_code(code: str, member: str) -> bool:
    return code == member if member.startswith("IGO") else code.startswith(member)


def coverage_gaps(rows: list[UserActor], start: dt.date, end: dt.date,
                  required: dict[str, tuple[str, ...]] = REQUIRED_OFFICES) -> dict[tuple[str, str], list[tuple[dt.date, dt.date]]]:
    """(member, office) -> the stretches of days from ``start`` to ``end`` on which no row of
    ``rows`` holds that office for that member (a country code, any of its sectors; or an IGO
    code, exactly: the ECB's IGOEUREECBUS is not the EU's IGOEUREEC), for every member and
    office of ``required``; members and offices without a gap are left out."""
    one = dt.timedelta(days=1)
    out: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for member, offices in required.items():
        for office in offices:
            held = sorted((r.start or dt.date.min, r.end or dt.date.max) for r in rows
                          if _member_code(r.code, member) and office in offices_of(r.role))  # fmt: skip
            gaps, day = [], start
            for a, b in held:
                if a > day and day <= end:
                    gaps.append((day, min(a - one, end)))
                if b >= day:
                    day = b + one if b < dt.date.max else dt.date.max
            if day <= end:
                gaps.append((day, end))
            if gaps:
                out[(member, office)] = gaps
    return out


@lru_cache(maxsize=1)
def package_office_holders() -> tuple[UserActor, ...]:
    """The office holders shipped with eventwire (both tables), read once."""
    from importlib import resources

    out: list[UserActor] = []
    for name in PACKAGE_TABLES:
        with resources.as_file(resources.files("eventwire").joinpath("data", name)) as path:
            out.extend(read_office_holders(path))
    return tuple(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m eventwire.actors.office_holders Phoenix.Countries.actors.txt OUT.tsv",
              file=sys.stderr)  # fmt: skip
        return 2
    rows = phoenix_rows(argv[0])
    write_rows(rows, argv[1])
    print(f"{len(rows)} rows, {len({r['name'] for r in rows})} persons -> {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
