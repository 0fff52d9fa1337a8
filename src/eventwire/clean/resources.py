"""Loading the package's data tables (TSV files under ``eventwire/data``)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    return resources.files("eventwire").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def data_hash(name: str) -> str:
    """A short hash of a data table, for provenance."""
    return hashlib.sha256(data_text(name).encode("utf-8")).hexdigest()[:12]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; `#` lines are comments."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{name}: expected {len(header)} tab-separated fields, got {len(cells)}: {line!r}")
        rows.append(dict(zip(header, cells)))
    return rows
