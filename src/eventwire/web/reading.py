"""The web view's only way into the store: read-only, every query capped by rows and time.

Each request opens its own read-only `Corpus` (SQLite connections belong to one thread,
and opening one costs well under a millisecond) and closes it when done. The store's
`analytics.time_limit` interrupts any statement that runs past the request's time budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..store import Corpus
from ..store.analytics import QueryTimeout, time_limit

__all__ = ["Limits", "QueryTimeout", "Reader"]


@dataclass(frozen=True)
class Limits:
    """Caps on what one request may read. Defaults suit a laptop and a corpus of 100k articles."""

    seconds: float = 2.0  # wall-clock budget for all SQL of one request
    search_hits: int = 50  # per kind (articles, quotes)
    facet_rows: int = 5_000  # matches counted for the search facets, per kind
    speaker_quotes: int = 1_000
    top_speakers: int = 15
    top_dyads: int = 12
    days: int = 20_000  # distinct publication days read for the overview chart
    query_chars: int = 500  # longest search query accepted
    dyad_mentions: int = 500  # event mentions listed on a dyad page
    network_nodes: int = 40
    map_points: int = 1_000


class Reader:
    """Opens the corpus at `path` read-only, once per request."""

    def __init__(self, path: str, limits: Limits = Limits()):
        self.path = path
        self.limits = limits
        Corpus(path, readonly=True).close()  # fail at start-up, not on the first request

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        corpus = Corpus(self.path, readonly=True)
        try:
            with time_limit(corpus, self.limits.seconds):
                yield corpus
        finally:
            corpus.close()
