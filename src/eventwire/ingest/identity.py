"""Article identity: the raw bytes plus where they came from.

Two copies of the same wire story from two files keep two ids; grouping copies
is the job of ``content_hash`` (and, later, near-duplicate detection).

A file path in the locator is normalised first (``./examples/a.txt``,
``examples//a.txt`` and ``examples/a.txt`` are one place), so naming the same
folder two ways does not store the same article twice. A relative and an absolute
path to one file remain two locators: the id must not depend on the directory it
was computed in.
"""

from __future__ import annotations

import hashlib
import os
import re

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def document_id(data: bytes, locator: str | None) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\x00")
    digest.update(normalise_locator(locator).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


def normalise_locator(locator: str | None) -> str:
    """A URL as given; a path (possibly with a ``#line`` suffix) with ``.``, ``..`` and doubled separators resolved."""
    if not locator or _URL.match(locator):
        return locator or ""
    return os.path.normpath(locator)
