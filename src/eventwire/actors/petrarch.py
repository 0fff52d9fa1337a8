"""Readers for PETRARCH/TABARI-format actor and agent dictionaries.

Actor dictionaries (``Phoenix.Countries.actors.txt`` and the like)::

    KREMLIN_ [RUSGOV]              # a name with its code on the same line
    VLADIMIR_PUTIN_                # a name ...
    +PUTIN_                        # ... its synonyms ...
        [RUSELI 700101-990809]     # ... and its codes, one a line, maybe dated
        [RUSGOV >080508]
        [RUSELI]                   # undated: the code outside every dated range

Words are joined by ``_`` (a trailing ``_`` marks the end of a phrase); ``#`` starts a comment
and ``<!-- ... -->`` comments may span lines. Dates are ``YYYYMMDD`` or ``YYMMDD`` (years 00-30
are 20YY, the rest 19YY); ``>D`` means from D on, ``<D`` until D, ``D1-D2`` the range.

A name line that is followed by another name line before any code line (PETRARCH would
leave it without a code) shares the codes of the block that follows; ``inherited`` marks it.

Agent dictionaries (``Phoenix.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # a substitution set
    CONGRESS!PERSON! [~LEG]                         # expands to CONGRESSMAN, CONGRESSMEN, ...
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]  # an explicit plural; {} for none
    HUMAN_RIGHTS_BODY [NGO~]                        # ~ after the code: it goes before the actor's

The null code ``[---]`` (no actor) is read as the code ``"---"``.

Regular plurals (+S, Y -> IES, SS -> SSES) are generated as PETRARCH does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

_CODE_RE = re.compile(r"^(?:[A-Z0-9~]+(?:/[A-Z0-9]+)*|---)$")  # "---": PETRARCH's null code; "A/B": a compound actor
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: dt.date | None = None  # inclusive
    end: dt.date | None = None  # inclusive

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class PetrarchActor:
    name: str  # words joined by spaces, as written (upper case in Phoenix)
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    line: int = 0
    inherited: bool = False  # took its codes from the block that follows (see module doc)
    gapped: list[str] = field(default_factory=list)  # phrases written with a blank connector (see ``_gapped``)

    @property
    def phrases(self) -> list[str]:
        return [self.name, *self.synonyms]

    def code_on(self, day: dt.date | None) -> str | None:
        """The code valid on ``day``: a dated code covering it, else the undated one.
        Without a date, the undated code, else the latest-starting dated one."""
        undated = [c for c in self.codes if not c.dated]
        if day is not None:
            for c in self.codes:
                if c.dated and c.covers(day):
                    return c.code
            return undated[0].code if undated else None
        if undated:
            return undated[0].code
        dated = sorted(self.codes, key=lambda c: c.start or dt.date.min)
        return dated[-1].code if dated else None

    def segments(self) -> list[tuple[dt.date | None, dt.date | None, str]]:
        """The codes as consecutive, non-overlapping date ranges (start, end, code), both
        inclusive, None for open: what ``code_on`` gives on each day, so that a dated code
        listed first wins where ranges overlap and the undated code holds outside them."""
        one = dt.timedelta(days=1)
        cuts = sorted({c.start for c in self.codes if c.start} | {c.end + one for c in self.codes if c.end})
        if not cuts:
            code = self.code_on(dt.date(2000, 1, 1)) if self.codes else None
            return [(None, None, code)] if code else []
        bounds = [(None, cuts[0] - one)] + [(a, b - one) for a, b in itertools.pairwise(cuts)] + [(cuts[-1], None)]
        out: list[list] = []
        for start, end in bounds:
            code = self.code_on(start if start is not None else end)
            if out and out[-1][2] == code:
                out[-1][1] = end
            else:
                out.append([start, end, code])
        return [(a, b, c) for a, b, c in out if c]


@dataclass
class PetrarchAgent:
    phrase: str  # words joined by spaces
    code: str  # the sector code without "~": "GOV", "GOVFRM", "NGO"
    prefix: bool = False  # True for "NGO~": the code goes before the actor's code
    plural: bool = False  # a generated or listed plural form
    line: int = 0


@dataclass
class ParseFailure:
    line: int
    text: str
    reason: str


@dataclass
class PetrarchDictionary:
    path: str
    actors: list[PetrarchActor] = field(default_factory=list)
    agents: list[PetrarchAgent] = field(default_factory=list)
    failures: list[ParseFailure] = field(default_factory=list)

    def stats(self) -> dict[str, int]:
        return {
            "actors": len(self.actors),
            "synonyms": sum(len(a.synonyms) for a in self.actors),
            "phrases": sum(len(a.phrases) for a in self.actors),
            "codes": sum(len(a.codes) for a in self.actors),
            "dated_codes": sum(1 for a in self.actors for c in a.codes if c.dated),
            "uncoded": sum(1 for a in self.actors if not a.codes),
            "inherited": sum(1 for a in self.actors if a.inherited),
            "agents": len(self.agents),
            "failures": len(self.failures),
        }


def parse_date(text: str) -> dt.date:
    """A PETRARCH date: YYYYMMDD, or YYMMDD where 00-30 means 20YY. Raises ValueError."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r}")
    if len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    else:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    return dt.date(year, int(rest[:2]), int(rest[2:4]))


def parse_code(inner: str) -> DatedCode:
    """The inside of ``[...]``: ``CODE``, ``CODE >D``, ``CODE <D`` or ``CODE D1-D2``. Spaces
    inside the date part ("> 140608", "19950601 - 19990815") and lower-case codes ("pse") are
    read as PETRARCH reads them; ``A/B`` is a compound code (two actors named together)."""
    parts = inner.split()
    if not parts:
        raise ValueError(f"bad code {inner!r}")
    code = parts[0].upper()
    if not _CODE_RE.match(code):
        raise ValueError(f"bad code {inner!r}")
    if len(parts) == 1:
        return DatedCode(code)
    when = "".join(parts[1:])
    if when.startswith(">"):
        return DatedCode(code, start=parse_date(when[1:]))
    if when.startswith("<"):
        return DatedCode(code, end=parse_date(when[1:]))
    if "-" in when:
        a, _, b = when.partition("-")
        start, end = parse_date(a), parse_date(b)
        return DatedCode(code, start=start, end=end)
    raise ValueError(f"bad date range {when!r}")


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _gapped(text: str) -> bool:
    """A phrase whose words are joined by a blank, not "_": PETRARCH's connector that lets
    other words come between them ("ITHILEN TELEVISION" matches "Ithilen state-run television")."""
    return bool(re.search(r"[^\s_]\s+[^\s_]", text.strip()))


def dictionary_lines(path: str | Path, *, semicolon_comments: bool = False):
    """(line number, content) of a PETRARCH dictionary with ``<!-- -->`` and ``#`` comments
    removed (and the legacy TABARI ``;`` comments when asked), skipping empty lines."""
    in_comment = False
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if in_comment:
                if "-->" not in line:
                    continue
                line = line.split("-->", 1)[1]
                in_comment = False
            while "<!--" in line:
                before, _, after = line.partition("<!--")
                if "-->" in after:
                    line = before + after.split("-->", 1)[1]
                else:
                    line, in_comment = before, True
            line = line.split("#", 1)[0]
            if semicolon_comments:
                line = line.split(";", 1)[0]
            if line.strip():
                yield number, line


_lines = dictionary_lines


def read_petrarch_actors(path: str | Path) -> PetrarchDictionary:
    """Read a PETRARCH actor dictionary. Lines that cannot be read are kept in ``failures``."""
    result = PetrarchDictionary(str(path))
    pending: list[PetrarchActor] = []  # name lines waiting for their code lines
    current: PetrarchActor | None = None
    coded_block = False  # the current entry has received code lines

    def flush_pending(codes: list[DatedCode]) -> None:
        for actor in pending:
            actor.codes = list(codes)
            actor.inherited = True

    for number, line in _lines(path):
        stripped = line.strip()
        if stripped.startswith("["):
            if current is None:
                result.failures.append(ParseFailure(number, stripped, "code line before any name"))
                continue
            codes = []
            rest = _BRACKET_RE.sub("", stripped).strip()
            for inner in _BRACKET_RE.findall(stripped):
                try:
                    codes.append(parse_code(inner))
                except ValueError as exc:
                    result.failures.append(ParseFailure(number, stripped, str(exc)))
            if rest:
                result.failures.append(ParseFailure(number, stripped, "text outside brackets"))
            current.codes.extend(codes)
            coded_block = True
            if pending:
                flush_pending(current.codes)
            continue
        if stripped.startswith("+"):
            if current is None:
                result.failures.append(ParseFailure(number, stripped, "synonym before any name"))
                continue
            name_part = _BRACKET_RE.sub("", stripped[1:])
            phrase = _phrase(name_part)
            if phrase:
                current.synonyms.append(phrase)
                if _gapped(name_part):
                    current.gapped.append(phrase)
            for inner in _BRACKET_RE.findall(stripped):  # rare: a code on a synonym line
                try:
                    current.codes.append(parse_code(inner))
                    coded_block = True
                except ValueError as exc:
                    result.failures.append(ParseFailure(number, stripped, str(exc)))
            continue
        # a new name
        if current is not None and not current.codes and not coded_block:
            pending.append(current)
        else:
            pending = []
        if current is not None and current.codes and pending:
            flush_pending(current.codes)
            pending = []
        if "[" in stripped and "]" not in stripped:
            result.failures.append(ParseFailure(number, stripped, "unclosed bracket"))
        name_part = _BRACKET_RE.sub("", stripped).split("[", 1)[0]
        phrase = _phrase(name_part)
        if not phrase:
            result.failures.append(ParseFailure(number, stripped, "empty name"))
            current = None
            continue
        current = PetrarchActor(phrase, line=number, gapped=[phrase] if _gapped(name_part) else [])
        coded_block = False
        for inner in _BRACKET_RE.findall(stripped):
            try:
                current.codes.append(parse_code(inner))
                coded_block = True
            except ValueError as exc:
                result.failures.append(ParseFailure(number, stripped, str(exc)))
        result.actors.append(current)
    if current is not None and not current.codes:
        pending.append(current)
    for actor in pending:  # name lines at the end that no code ever followed
        actor.inherited = False
    return result


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith("SS"):
        return word + "ES"
    return word + "S"


def read_petrarch_agents(path: str | Path) -> PetrarchDictionary:
    """Read a PETRARCH agent dictionary (substitution sets, plurals, ``~CODE``/``CODE~``)."""
    result = PetrarchDictionary(str(path))
    subs: dict[str, list[str]] = {}
    for number, line in _lines(path):
        stripped = line.strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", stripped)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        brackets = _BRACKET_RE.findall(stripped)
        if len(brackets) != 1:
            result.failures.append(ParseFailure(number, stripped, "expected one [code]"))
            continue
        inner = brackets[0].strip()
        prefix = inner.endswith("~") and not inner.startswith("~")
        code = inner.strip("~")
        if "~" not in inner or not code or not _CODE_RE.match(code):
            result.failures.append(ParseFailure(number, stripped, f"bad agent code {inner!r}"))
            continue
        body = stripped[: stripped.index("[")]
        plural_forms: list[str] | None = None
        pm = re.search(r"\{([^{}]*)\}", body)
        if pm:
            plural_forms = [_phrase(p) for p in pm.group(1).split(",") if _phrase(p)]
            body = body[: pm.start()] + body[pm.end() :]
        elif "{" in body or "}" in body:
            result.failures.append(ParseFailure(number, stripped, "unbalanced braces"))
            continue
        phrase = _phrase(body)
        if not phrase:
            result.failures.append(ParseFailure(number, stripped, "empty phrase"))
            continue
        markers = re.findall(r"![A-Z]+!", phrase)
        if markers:
            forms = [phrase]
            for marker in dict.fromkeys(markers):
                if marker not in subs:
                    result.failures.append(ParseFailure(number, stripped, f"unknown marker {marker}"))
                    forms = []
                    break
                forms = [f.replace(marker, w) for f in forms for w in subs[marker]]
            for form in forms:  # substitution sets carry their own plurals
                result.agents.append(PetrarchAgent(_phrase(form), code, prefix, False, number))
            continue
        result.agents.append(PetrarchAgent(phrase, code, prefix, False, number))
        if plural_forms is None:
            words = phrase.split()
            plural_forms = [" ".join([*words[:-1], _plural(words[-1])])]
        for form in plural_forms:
            result.agents.append(PetrarchAgent(form, code, prefix, True, number))
    return result


# -- PETRARCH dictionaries as actor tables -------------------------------------------------------
_USABLE_CODE_RE = re.compile(r"^[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*$")


def petrarch_tables(actor_dicts: list[PetrarchDictionary], agent_dicts: list[PetrarchDictionary]):
    """``ActorTables`` built from PETRARCH dictionaries only (for ``--dictionaries``), in place
    of eventwire's own tables, resolved with PETRARCH's conventions (``conventions="petrarch"``,
    see ``eventwire.actors.resolve``):

    - an actor with one undated three-letter code (a country, or a made-up one such as
      ``ARN``), or a compound of such codes (``[FRO/BIL/SAM]``: one name for several actors),
      is a name that can own a role ("Arnor's foreign minister" -> ARN + GOVFRM); ``IGO...``
      codes are organisations;
    - every other actor (dated codes, longer codes such as ``USAGOV``) is a person or body,
      one row per stretch of dates on which ``PetrarchActor.code_on`` gives one code (a dated
      code listed first wins where ranges overlap; the undated code holds outside them);
    - a phrase written with a blank connector ("ITHILEN TELEVISION", not "ITHILEN_TELEVISION")
      also matches with up to ``GapIndex.MAX_GAP`` words between its words;
    - agents are sector words; ``[~GOV]`` goes after the actor's code, ``[NGO~]`` before it
      (``prefix``);
    - the null code ``---`` and codes that are no actor code (``+++``) are left out.
    Upper-case dictionary phrases match in any case."""
    from eventwire.actors.tables import ActorTables, NameEntry, UserActor

    countries: list[NameEntry] = []
    igos: list[NameEntry] = []
    people: list[UserActor] = []
    gapped: list[UserActor] = []  # phrases with blank connectors, matched with words between
    for dictionary in actor_dicts:
        for actor in dictionary.actors:
            codes = [c for c in actor.codes if _USABLE_CODE_RE.match(c.code) or c.code == "---"]
            if not any(c.code != "---" for c in codes):
                continue
            phrases = list(dict.fromkeys(p for p in actor.phrases if p))
            where = f"{Path(dictionary.path).name}:{actor.line}"
            if actor.gapped:
                for start, end, code in PetrarchActor(actor.name, [], codes).segments():
                    if code != "---":
                        gapped.append(UserActor(actor.name, tuple(actor.gapped), code, "", start, end, "", where, where))
            if len(codes) == 1 and not codes[0].dated:
                code = codes[0].code
                if all(len(part) == 3 for part in code.split("/")):
                    countries.extend(NameEntry(phrase, code, "country", None, False) for phrase in phrases)
                    continue
                if code.startswith("IGO"):
                    igos.extend(NameEntry(phrase, code, "igo", None, False) for phrase in phrases)
                    continue
            for start, end, code in PetrarchActor(actor.name, [], codes).segments():
                if code != "---":
                    people.append(UserActor(actor.name, tuple(phrases), code, "", start, end, "", where, where))
    agents: list[NameEntry] = []
    for dictionary in agent_dicts:
        for agent in dictionary.agents:
            if _USABLE_CODE_RE.match(agent.code):
                agents.append(NameEntry(agent.phrase, agent.code, "agent", agent.code, False, agent.prefix))
    return ActorTables(tuple(countries), tuple(igos), tuple(agents), tuple(people), (), conventions="petrarch",
                       gapped_people=tuple(gapped))  # fmt: skip
