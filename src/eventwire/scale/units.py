"""What a partition holds: whole files, runs of JSON Lines lines, and errors met while listing.

Plain data only, so a task pickles small and the same on every worker.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileUnit:
    """A file read whole by the ordinary readers (one document, or a gzip feed's many)."""

    path: str
    size: int = -1
    mtime_ns: int = -1


@dataclass(frozen=True)
class LineRef:
    """One non-blank line of a plain JSON Lines file: where it starts and its 1-based number."""

    path: str
    offset: int
    number: int
    fingerprint: str | None = None


@dataclass(frozen=True)
class LinesUnit:
    """Consecutive lines ``first..last`` of one JSON Lines file, starting at byte `offset`."""

    path: str
    offset: int
    first: int
    last: int
    fingerprint: str | None = None


@dataclass(frozen=True)
class ErrorUnit:
    """A path that failed while listing (missing, unreadable folder): its error record as is."""

    error: str
    code: str
    path: str | None = None
    index: int | None = None


Unit = FileUnit | LinesUnit | ErrorUnit


@dataclass(frozen=True)
class PartitionTask:
    index: int
    units: tuple[Unit, ...]
    out_path: str
    key: str
