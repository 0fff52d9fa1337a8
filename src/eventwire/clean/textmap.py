"""Building the cleaned text while remembering where every piece came from in the raw input."""

from __future__ import annotations


class TextBuilder:
    """Appends pieces of output text, each tied to a stretch of the raw input.

    ``source_map`` holds ``[text_start, text_end, raw_start, raw_end]`` segments
    in text order. Where a segment's two lengths are equal, offsets inside it map
    one to one; where they differ (a hyphen and line break removed, a run of
    spaces folded) the whole text stretch stands for the whole raw stretch.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.source_map: list[list[int]] = []

    def __len__(self) -> int:
        return self._length

    def copy(self, raw: str, start: int, end: int) -> None:
        """Append raw[start:end] unchanged."""
        self.put(raw[start:end], start, end)

    def put(self, text: str, raw_start: int, raw_end: int) -> None:
        """Append `text`, which stands for raw[raw_start:raw_end]."""
        t0 = self._length
        self._parts.append(text)
        self._length += len(text)
        segment = [t0, self._length, raw_start, raw_end]
        if self.source_map:
            last = self.source_map[-1]
            linear = (last[1] - last[0] == last[3] - last[2]) and (len(text) == raw_end - raw_start)
            if linear and last[1] == t0 and last[3] == raw_start:
                last[1], last[3] = self._length, raw_end
                return
        self.source_map.append(segment)

    def text(self) -> str:
        return "".join(self._parts)


def text_to_raw(source_map: list[list[int]] | list[tuple[int, int, int, int]], offset: int) -> int:
    """The raw offset that a text offset came from (start of the segment if not one to one)."""
    import bisect

    starts = [seg[0] for seg in source_map]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return 0
    t0, t1, r0, r1 = source_map[i]
    if offset >= t1:
        return r1
    if t1 - t0 == r1 - r0:
        return r0 + (offset - t0)
    return r0
