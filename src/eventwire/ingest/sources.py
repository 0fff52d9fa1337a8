"""Turn the paths a user names into a stream of readable sources.

Directories are walked recursively in sorted order. FIFOs, sockets and device
files met during a walk are skipped (reading them could block forever), and a
directory reached twice through symlinks is walked once.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..model import DocumentError

#: File endings a directory walk picks up; other files in a folder are skipped.
WALKED_EXTENSIONS = (".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".pdf", ".gz")


@dataclass
class Source:
    """One file (or standard input) to read."""

    path: str  # "-" for standard input

    def open(self) -> BinaryIO:
        if self.path == "-":
            return sys.stdin.buffer
        return open(self.path, "rb")

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


def iter_sources(paths: Iterable[str]) -> Iterator[Source | DocumentError]:
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield Source("-")
            continue
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield DocumentError(f"{path}: no such file or directory", "not-found", path=path)
            continue
        except OSError as exc:
            yield DocumentError(f"{path}: cannot be read ({exc.strerror})", "unreadable", path=path)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path)
        else:
            # A path named explicitly is read even if it is a pipe: `process <(cat a.txt)`.
            yield Source(path)


def _walk(top: str) -> Iterator[Source | DocumentError]:
    seen_dirs: set[tuple[int, int]] = set()

    def walk(directory: str) -> Iterator[Source | DocumentError]:
        try:
            st = os.stat(directory)
        except OSError as exc:
            yield DocumentError(f"{directory}: cannot be read ({exc.strerror})", "unreadable", path=directory)
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return  # a symlink loop, or the same folder linked twice
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield DocumentError(f"{directory}: cannot be listed ({exc.strerror})", "unreadable", path=directory)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                mode = os.stat(entry.path).st_mode
            except OSError:
                continue  # a dangling symlink
            if stat.S_ISDIR(mode):
                yield from walk(entry.path)
            elif stat.S_ISREG(mode) and entry.name.lower().endswith(WALKED_EXTENSIONS):
                yield Source(entry.path)

    yield from walk(top)
