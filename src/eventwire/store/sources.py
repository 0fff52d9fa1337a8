"""Fingerprints of inputs, so a re-run can tell an input it has already finished.

A fingerprint hashes the file's bytes together with its path, the way
`ingest.identity.document_id` does: the same file at the same path gives the
same fingerprint, and an edited file a new one. The file is hashed in chunks so
a large JSON Lines feed is never held in memory for it.
"""

from __future__ import annotations

import hashlib
import os
import stat

from ..ingest.identity import document_id
from ..model import DocumentError

_CHUNK = 1 << 20


def source_fingerprint(path: str) -> str | None:
    """The fingerprint of a regular file, or None for standard input, pipes and unreadable paths.

    Pipes are never read here: reading would consume what the reader needs.
    """
    if path == "-":
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return document_id(digest.digest(), path)


def failure_fingerprint(error: DocumentError, source: str | None) -> str:
    """One key per failing input: its source's fingerprint, and the line for multi-document inputs.

    Without a readable source (a missing path, standard input), the path and the
    error itself stand in, so the same failure seen twice is still one row.
    """
    if source is None:
        locator = f"{error.path or '<stdin>'}#{error.index or ''}#{error.code}"
        return document_id(error.error.encode("utf-8", "surrogatepass"), locator)
    if error.index is None:
        return source
    return document_id(source.encode("ascii"), f"#{error.index}")
