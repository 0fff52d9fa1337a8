"""Quoted stretches found from the quote marks alone, paragraph by paragraph.

Only double marks delimit quotes: single marks double as apostrophes far too often
in news text to be trusted, and inside a double quote they only mark nesting.
A paragraph is the unit because a quote never legitimately spans two of them: a
quote that runs over several paragraphs reopens each one, so every paragraph's
part becomes its own stretch and no unbalanced mark can swallow the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
#: Doubled single marks stand for double ones in some feeds ('‘‘Yes,’’ she said'): one mark each.
MARK_RE = re.compile(r'["“”„«»]|‘‘|’’')
#: Nesting deeper than this is treated as broken marks rather than followed.
MAX_DEPTH = 4


@dataclass
class Quoted:
    start: int  # at the opening mark (or the paragraph start when the mark is missing)
    end: int  # just after the closing mark (or the paragraph end when it is missing)
    opened: bool  # False when the opening mark was missing
    closed: bool  # False when the closing mark was missing


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at i, judged from its neighbours."""
    ch = text[i]
    if text.startswith("‘‘", i):
        return "open"
    if text.startswith("’’", i):
        return "close"
    if ch in OPENERS and ch != "“":
        return "open"
    if ch in CLOSERS and ch != "”":
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    space_before = before.isspace() or before in "([{—–-:"
    space_after = after.isspace() or after in ".,;:!?)]}—–-"
    if ch == "”" and not (space_before and not space_after):
        return "close"  # a curly closer is trusted unless it plainly opens a word
    if ch == "“" and space_after and not space_before:
        return "close"  # German style „…“ closes with the English opener
    if space_before and not space_after or ch == "“":
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def find_quoted(text: str) -> list[Quoted]:
    """Every top-level quoted stretch, in order, one per paragraph part."""
    found: list[Quoted] = []
    for p_start, p_end in paragraph_spans(text):
        marks = [(m.start(), m.end()) for m in MARK_RE.finditer(text, p_start, p_end)]
        if marks:
            found.extend(_pair_marks(text, marks, p_start, p_end))
    return found


def _pair_marks(text: str, marks: list[tuple[int, int]], p_start: int, p_end: int) -> list[Quoted]:
    out: list[Quoted] = []
    open_at: int | None = None
    depth = 0
    for i, mark_end in marks:
        role = _role(text, i)
        if open_at is None:
            if role == "close" and not out:
                # The opener was lost (a reopened paragraph, a bad paste): quote from the paragraph start.
                out.append(Quoted(p_start, mark_end, opened=False, closed=True))
            elif role != "close":
                open_at, depth = i, 1
            continue
        if role == "open" and depth < MAX_DEPTH:
            depth += 1
        elif role != "open":
            depth -= 1
            if depth == 0:
                out.append(Quoted(open_at, mark_end, opened=True, closed=True))
                open_at = None
    if open_at is not None:
        out.append(Quoted(open_at, p_end, opened=True, closed=False))
    return out
