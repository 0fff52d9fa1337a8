"""Dates written out in article text ("Published: March 4, 2026 10:15 GMT")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:(?:,|\s+at|\s*[-–|/])?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d\d:?\d\d)?)?\s*",
    re.IGNORECASE,
)


def parse_text_date(text: str) -> str | None:
    """An ISO date for a string that is wholly a date (with an optional time); else None.

    Only the date is kept: times in pasted text rarely carry a reliable zone.
    """
    text = text.strip().rstrip(".")
    if not text or len(text) > 60 or not _DATE_ONLY.fullmatch(text):
        return None
    from dateutil import parser

    try:
        parsed = parser.parse(text, default=dt.datetime(1900, 1, 1), fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError):
        # Zone names dateutil does not know ("CET") make it fail; retry on the date alone.
        match = re.match(r"(.*?\d{4}(?:-\d\d-\d\d)?)", text)
        if not match:
            return None
        try:
            parsed = parser.parse(match.group(1), default=dt.datetime(1900, 1, 1), ignoretz=True)
        except (ValueError, OverflowError):
            return None
    if parsed.year == 1900:
        return None
    return parsed.date().isoformat()


def normalise_given_date(value: str) -> str | None:
    """The date given with the input, as an ISO string (kept as written if already ISO)."""
    value = value.strip()
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value
    except ValueError:
        pass
    try:
        dt.date.fromisoformat(value)
        return value
    except ValueError:
        pass
    return parse_text_date(value)
