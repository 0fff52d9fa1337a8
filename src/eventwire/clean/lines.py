"""Splitting raw text into lines that remember their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# Characters that show nothing: kept out of the text like white space, but never turned into a space.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_EDGE = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v" + INVISIBLE


@dataclass
class Line:
    index: int
    start: int  # raw offset of the line's first character
    end: int  # raw offset just before its line break
    content_start: int  # first character that is not white space
    content_end: int  # just after the last one
    urls: list[tuple[int, int]] = field(default_factory=list)  # raw spans of URL pieces on this line
    kind: str = "body"  # body | blank | url | boilerplate kinds | title | consumed

    def content(self, raw: str) -> str:
        return raw[self.content_start:self.content_end]

    @property
    def blank(self) -> bool:
        return self.content_start >= self.content_end

    @property
    def width(self) -> int:
        """Columns the line fills, counting leading indentation."""
        return self.content_end - self.start


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    for match in _LINE.finditer(raw):
        start, stop = match.span()
        if start == stop:
            break
        end = stop
        while end > start and raw[end - 1] in "\r\n":
            end -= 1
        cs, ce = start, end
        while cs < ce and raw[cs] in _EDGE:
            cs += 1
        while ce > cs and raw[ce - 1] in _EDGE:
            ce -= 1
        lines.append(Line(len(lines), start, end, cs, ce))
    return lines


def fold_spaces(text: str) -> str:
    return " ".join(text.split())
