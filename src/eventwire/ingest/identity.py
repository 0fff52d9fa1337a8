"""Article identity: the raw bytes plus where they came from.

Two copies of the same wire story from two files keep two ids; grouping copies
is the job of ``content_hash`` (and, later, near-duplicate detection).
"""

from __future__ import annotations

import hashlib


def document_id(data: bytes, locator: str | None) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\x00")
    digest.update((locator or "").encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]
