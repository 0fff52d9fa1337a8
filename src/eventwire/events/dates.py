"""Event dates: the article date, or an explicit date in the sentence resolved against it.

Explicit dates understood (case-insensitive, in English):

- "yesterday", "today", "tonight", "tomorrow", "last night", "this morning";
- a weekday, bare or after "on", "last", "this", "next", optionally followed by "morning",
  "afternoon", "evening" or "night" ("on Wednesday", "Tuesday night");
- a month and a day, with or without a year ("Jan. 28", "28 January 2022", "March 3rd");
- an ISO date ("2022-01-26").

Months and weekdays must be capitalised ("may 5" is a modal and a number). A weekday is the nearest such day on or before the article date ("on Friday" in an article of
Friday is that day), unless it says "next" or the event is intended ("will meet on Tuesday"):
then the nearest after it. A month and day without a year take the year that puts them nearest
the article date, before it unless the event is intended. Vague spans ("last week", "in the
coming days") keep the article date. Without an article date only a full date (with its year)
resolves.

Of several dates in a sentence, the one inside the predicate's own phrase wins, then the one
nearest to the predicate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
# Case-sensitive on purpose: a month or weekday is written with a capital ("may 5" is a modal
# and a number), and case-sensitive patterns scan a long article several times faster.
_MONTH_RE = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
             r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")  # fmt: skip
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:,?\s+(\d{4}))?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY_NAMES = "|".join(w.capitalize() for w in WEEKDAYS)

_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_day", re.compile(r"\b" + _MONTH_RE + r"\s+" + _DAY_RE + r"\b" + _YEAR_RE)),
    ("day_month", re.compile(r"\b" + _DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE + r"\b" + _YEAR_RE)),
    ("relday", re.compile(r"\b([Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast night|[Tt]his morning)\b")),
    ("weekday", re.compile(r"\b(?:([Oo]n|[Ll]ast|[Tt]his|[Nn]ext)\s+)?(" + _WEEKDAY_NAMES + r")\b" + _PART)),
]
# Where a match can begin, for a scan that tries each pattern only near the words it needs
# (a month, a weekday, a digit run) instead of at every word boundary of the article: a
# pattern opening with "\b" gets none of the regex engine's fast first-character search, and
# scanning every position was most of the time spent on dates. Each anchor is a stretch
# every match contains; ``_reach`` gives the earliest start a match holding it can have.
_MONTH_ANCHOR = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_WEEKDAY_ANCHOR = re.compile(_WEEKDAY_NAMES)
_ISO_ANCHOR = re.compile(r"\d{4}-\d{2}-\d{2}")
_REL_WORDS = ("esterday", "oday", "onight", "omorrow", "ast night", "his morning")
_REL_DAYS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0, "tomorrow": 1}


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text
    end: int
    text: str
    kind: str  # iso, month_day, day_month, relday, weekday
    groups: tuple


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Explicit date expressions in ``text`` (offsets shifted by ``offset``), left to right,
    not overlapping (earlier patterns win)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in _matches(kind, pattern, text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start() + offset, m.end() + offset, m.group(0), kind, m.groups()))
    return sorted(found, key=lambda d: d.start)


def _matches(kind: str, pattern: re.Pattern, text: str) -> list[re.Match]:
    """``pattern.finditer(text)``, found faster: trying the pattern only from the positions
    near an anchor its matches contain (the same matches: the positions skipped cannot start one)."""
    if kind == "relday":
        return list(pattern.finditer(text)) if any(w in text for w in _REL_WORDS) else []
    anchor = {"iso": _ISO_ANCHOR, "weekday": _WEEKDAY_ANCHOR}.get(kind, _MONTH_ANCHOR)
    out = []
    pos = 0
    at = anchor.search(text)
    while at is not None:
        n = at.start()
        for start in range(max(pos, _reach(kind, text, n)), n + 1):
            m = pattern.match(text, start)
            if m is not None:
                out.append(m)
                pos = m.end()
                break
        at = anchor.search(text, max(n + 1, pos))
    return out


def _reach(kind: str, text: str, n: int) -> int:
    """The earliest position a match of ``kind`` whose anchor is at ``n`` can start at: the
    anchor itself, or before it a word of up to four characters ("last", "12th") and the
    spaces after it (for a day, also "of" and its spaces: "12th of March")."""
    if kind in ("iso", "month_day"):
        return n
    start = _before_spaces(text, n)
    if kind == "day_month" and text[max(0, start - 2):start] == "of":
        start = _before_spaces(text, start - 2)
    return max(0, start - 4)


def _before_spaces(text: str, n: int) -> int:
    while n > 0 and text[n - 1].isspace():
        n -= 1
    return n


def _month(name: str) -> int:
    key = name.casefold().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def _nearest_year(month: int, day: int, ref: dt.date, future: bool) -> dt.date | None:
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    side = [d for d in options if (d >= ref if future else d <= ref)]
    pool = side or options
    return min(pool, key=lambda d: abs((d - ref).days))


def resolve(mention: DateMention, ref: dt.date | None, future: bool = False) -> dt.date | None:
    """The day a mention names, given the article date ``ref``; None when it cannot say."""
    g = mention.groups
    try:
        if mention.kind == "iso":
            return dt.date(int(g[0]), int(g[1]), int(g[2]))
        if mention.kind in ("month_day", "day_month"):
            month_name, day = (g[0], int(g[1])) if mention.kind == "month_day" else (g[1], int(g[0]))
            month = _month(month_name)
            if g[2]:
                return dt.date(int(g[2]), month, day)
            return _nearest_year(month, day, ref, future) if ref else None
    except ValueError:
        return None
    if ref is None:
        return None
    if mention.kind == "relday":
        return ref + dt.timedelta(days=_REL_DAYS[g[0].casefold()])
    if mention.kind == "weekday":
        target = WEEKDAYS.index(g[1].casefold())
        word = (g[0] or "").casefold()
        if word == "next" or (future and word != "last"):
            ahead = (target - ref.weekday()) % 7
            return ref + dt.timedelta(days=ahead or (7 if word == "next" else 0))
        back = (ref.weekday() - target) % 7
        if word == "last" and back == 0:
            back = 7
        return ref - dt.timedelta(days=back)
    return None


def as_date(value) -> dt.date | None:
    """A date from a date, datetime or ISO string; None for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def sentence_date(sentence: str, day: dt.date | None) -> dt.date | None:
    """The first explicit date of a sentence resolved against ``day``, else ``day``."""
    for mention in find_dates(sentence):
        resolved = resolve(mention, day)
        if resolved is not None:
            return resolved
    return day


__all__ = ["DateMention", "as_date", "find_dates", "resolve", "sentence_date"]
