"""The embedded corpus store: SQLite in WAL mode, one file, no server.

    from eventwire.store import Corpus
    with Corpus("eventwire.db") as corpus:
        report = corpus.ingest(["articles/"])
        corpus.search("trawler NEAR(detained)")
        corpus.quotes(speaker="Sergei Lavrov")

Open with ``readonly=True`` to read a corpus another process may be writing.
"""

from __future__ import annotations

from .corpus import (
    DEFAULT_DB,
    Corpus,
    DuplicateGroup,
    DuplicateMember,
    Failure,
    IngestProgress,
    IngestReport,
    QuoteHit,
    SearchHit,
    SearchSyntaxError,
    Stats,
    StoreError,
)
from .events import EventCluster, Mention, SeriesPoint
from .export import GDELT_COLUMNS, TABLES, ExportReport
from .migrations import LATEST_VERSION

__all__ = [
    "DEFAULT_DB",
    "LATEST_VERSION",
    "Corpus",
    "DuplicateGroup",
    "DuplicateMember",
    "EventCluster",
    "ExportReport",
    "Failure",
    "GDELT_COLUMNS",
    "IngestProgress",
    "IngestReport",
    "Mention",
    "QuoteHit",
    "SearchHit",
    "SearchSyntaxError",
    "SeriesPoint",
    "Stats",
    "StoreError",
    "TABLES",
]
