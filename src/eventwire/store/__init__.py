"""The embedded corpus store: SQLite in WAL mode, one file, no server.

    from eventwire.store import Corpus
    with Corpus("eventwire.db") as corpus:
        report = corpus.ingest(["articles/"])
        corpus.search("trawler NEAR(detained)")
        corpus.quotes(speaker="Sergei Lavrov")
        corpus.dyad_series("RUS", "NOR", freq="week", level="country")

Open with ``readonly=True`` to read a corpus another process may be writing.
"""

from __future__ import annotations

from .corpus import (
    DEFAULT_DB,
    ActorSummary,
    Corpus,
    DuplicateGroup,
    DuplicateMember,
    Failure,
    IngestProgress,
    IngestReport,
    Person,
    QuoteHit,
    SearchHit,
    SearchSyntaxError,
    Stats,
    StoreError,
)
from . import analytics  # read-only queries for views: time series, dyads, the actor network, map points, faceted search
from .events import EventCluster, Mention, SeriesPoint
from .export import GDELT_COLUMNS, TABLES, ExportReport
from .migrations import LATEST_VERSION
from .review import ReviewReport, read_review

__all__ = [
    "DEFAULT_DB",
    "LATEST_VERSION",
    "ActorSummary",
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
    "Person",
    "QuoteHit",
    "ReviewReport",
    "SearchHit",
    "SearchSyntaxError",
    "SeriesPoint",
    "Stats",
    "StoreError",
    "TABLES",
    "analytics",
    "read_review",
]
