"""Date mentions: the anchored scan finds exactly what scanning every position finds."""

from __future__ import annotations

import random

from eventwire.events.dates import _PATTERNS, _matches, find_dates

# pieces that make dates, near-dates and traps: a year run into a date, a day before "of",
# prefixes separated by odd spaces, months and weekdays inside other words
PIECES = (
    "on", "On", "last", "Last", "this", "next", "Next", " ", "  ", "\n", "\t", "\u00a0", "of", "of  ",
    "12", "1", "31st", "2nd", "3rd", "4th", "9", "2020", "2021", "-", "01", "12-", "2020-01-01", "0199-01-01",
    "Monday", "Tuesday", "Sunday", "March", "Mar", "Sept", "Sep", "June", "Jun", "May", "may", "Dec", "December",
    ".", ",", ",  ", "today", "Today", "yesterday", "last night", "this morning", "tomorrow", "Tonight",
    "morning", "night", "x", "a", "_", "é",
)  # fmt: skip


def _every_position(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_anchored_scan_matches_a_full_scan():
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        for kind, pattern in _PATTERNS:
            got = [(m.span(), m.groups()) for m in _matches(kind, pattern, text)]
            assert got == _every_position(pattern, text), (kind, text)


def test_dates_in_a_sentence():
    text = "On Monday, 12th of  March 2021, and 2020-01-01 (not 0199-01-019) talks began; tomorrow too."
    found = [(d.kind, d.text) for d in find_dates(text)]
    assert found == [("weekday", "On Monday"), ("day_month", "12th of  March 2021"), ("iso", "2020-01-01"),
                     ("relday", "tomorrow")]  # fmt: skip
