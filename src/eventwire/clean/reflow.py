"""Deciding where paragraphs end in hard-wrapped text, and undoing line-end hyphenation.

The central test: a greedy line wrapper (a browser, an editor, `textwrap`) only
breaks a line when the next word would not fit. So if the next line's first word
would have fitted on the current line, the break was the author's: a paragraph
end. The wrap width is estimated from the document itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Opening characters that start a new paragraph in news copy.
_OPENERS = "\"“‘'«„(["
_TERMINAL = ".!?:…\"”’'»)]"
_HYPHENATED_END = re.compile(r"([A-Za-z\u00c0-\u024f]+)-$")
_LEADING_WORD = re.compile(r"([a-z\u00df-\u024f]+)")
#: Share of the wrap width that must stay free on a line without a sentence end for it to end a paragraph.
UNPUNCTUATED_BREAK_ROOM = 0.10
#: Zipf frequency (wordfreq) from which a joined word counts as common English.
COMMON_WORD_ZIPF = 3.5
#: Zipf frequency from which each half of a split word counts as a word in its own right.
PART_WORD_ZIPF = 3.0


def estimate_width(widths: list[int]) -> int:
    """The wrap width: the longest line, ignoring a few over-long outliers."""
    if not widths:
        return 0
    ordered = sorted(widths)
    top = ordered[-1]
    # A line far longer than the rest holds an unbreakable token (a URL, a long name).
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    if len(ordered) >= 5 and top > p90 * 1.25:
        return max(w for w in ordered if w <= p90 * 1.25)
    return top


def is_unwrapped(widths: list[int], threshold: int) -> bool:
    """True if lines are too long to be hard-wrapped: one line is one paragraph."""
    if not widths:
        return False
    ordered = sorted(widths)
    return ordered[int(0.9 * (len(ordered) - 1))] > threshold


def first_word_length(line_text: str) -> int:
    return len(line_text.split(maxsplit=1)[0]) if line_text.strip() else 0


def ends_terminal(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def starts_new(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in _OPENERS or text[0] in "-–—•*")


def is_paragraph_break(prev_width: int, prev_text: str, next_text: str, width: int, separated: bool, blank_separated: bool) -> bool:
    """Does a paragraph end between two adjacent body lines?

    `separated` says a removed line (boilerplate, a bare URL) stood between them.
    `blank_separated` says the document marks paragraphs with blank lines, so a
    break inside a block needs stronger evidence: pastes from a browser are
    wrapped by pixel width, not characters, and a proper noun that would have
    "fitted" by count says nothing there.
    """
    if _HYPHENATED_END.search(prev_text):
        return False  # a word or compound broken at the line end goes on
    next_word = first_word_length(next_text)
    if not blank_separated:
        # No blank lines to go by. A sentence end with room for the next word is a break;
        # without a sentence end (headings, datelines, list items) the room must be ample,
        # since pastes from proportional fonts leave a few columns free on ordinary lines.
        room = width - (prev_width + 1 + next_word)
        if (room >= 0 and ends_terminal(prev_text)) or room >= UNPUNCTUATED_BREAK_ROOM * width:
            return True
        if separated and starts_new(next_text):
            return True
        # The last line of a paragraph can be full by chance. A sentence end followed by an
        # opening quote mark is then the likelier reading: news paragraphs open with quotes.
        return ends_terminal(prev_text) and bool(next_text) and next_text[0] in "\"“«„" and prev_text[-1] in ".!?\"”»"
    if not ends_terminal(prev_text):
        return False
    margin = int(0.12 * width)
    return (prev_width + 1 + next_word <= width - margin or separated) and starts_new(next_text)


def hyphen_join(prev_text: str, next_text: str, document_words: set[str]) -> str:
    """How to join a line ending in a hyphen: 'drop' the hyphen, 'keep' it, or 'none' (not a hyphen join).

    A word split by a typesetter ("negoti-" / "ations") loses its hyphen; a compound
    broken at its own hyphen ("cease-" / "fire") keeps it. The document itself is
    asked first, then word frequencies.
    """
    tail = _HYPHENATED_END.search(prev_text)
    if not tail or not next_text or not next_text[0].isalpha():
        return "none"
    before = prev_text[: -len(tail.group(0))]
    if before.endswith("-"):
        return "keep"  # "back-to-" / "back": the last hyphen of a multi-part compound
    if not next_text[0].islower():
        return "keep"  # "mid-" / "March", "Franco-" / "German": a compound
    head = _LEADING_WORD.match(next_text)
    if not head:
        return "keep"
    first, second = tail.group(1), head.group(1)
    joined = (first + second).lower()
    compound = f"{first}-{second}".lower()
    if compound in document_words:
        return "keep"
    if joined in document_words:
        return "drop"
    joined_z = _zipf(joined)
    if joined_z >= COMMON_WORD_ZIPF:
        return "drop"
    if _zipf(first.lower()) >= PART_WORD_ZIPF and _zipf(second) >= PART_WORD_ZIPF:
        return "keep"
    return "drop"


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
