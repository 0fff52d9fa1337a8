"""The web view's only way into the store: read-only, every query capped by rows and time.

Each request opens its own read-only `Corpus` (SQLite connections belong to one thread,
and opening one costs well under a millisecond) and closes it when done. A progress
handler interrupts any statement that runs past the request's time budget.

`articles_per_day` and `top_speakers` are plain SQL over the store's tables until the
store offers them as `Corpus` methods.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..store import Corpus

#: SQLite virtual-machine steps between two looks at the clock.
_PROGRESS_STEPS = 2_000


class QueryTimeout(Exception):
    """A query ran past the time budget of one request."""


@dataclass(frozen=True)
class Limits:
    """Caps on what one request may read. Defaults suit a laptop and a corpus of 100k articles."""

    seconds: float = 2.0  # wall-clock budget for all SQL of one request
    search_hits: int = 50  # per kind (articles, quotes)
    speaker_quotes: int = 1_000
    top_speakers: int = 15
    days: int = 20_000  # distinct publication days read for the overview chart
    query_chars: int = 500  # longest search query accepted


class Reader:
    """Opens the corpus at `path` read-only, once per request."""

    def __init__(self, path: str, limits: Limits = Limits()):
        self.path = path
        self.limits = limits
        Corpus(path, readonly=True).close()  # fail at start-up, not on the first request

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        corpus = Corpus(self.path, readonly=True)
        deadline = time.monotonic() + self.limits.seconds
        # The store has no public hook for this yet; see the module docstring.
        conn: sqlite3.Connection = corpus._conn
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS)
        try:
            yield corpus
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(f"the query took longer than {self.limits.seconds:g} s and was stopped") from None
            raise
        finally:
            corpus.close()


def articles_per_day(corpus: Corpus, limit: int) -> list[tuple[str, int]]:
    """(ISO date, articles published that day), oldest first; articles without a date left out."""
    sql = (
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles WHERE published IS NOT NULL "
        "GROUP BY day ORDER BY day LIMIT ?"
    )
    return [(day, n) for day, n in corpus._conn.execute(sql, (limit,))]


def top_speakers(corpus: Corpus, limit: int) -> list[tuple[str, int]]:
    """(name, quotes) of the most quoted speakers; one person counts once whatever name form was used."""
    sql = (
        "SELECT coalesce(p.name, q.speaker_name) AS name, count(*) AS n FROM quotes q "
        "LEFT JOIN people p ON p.id = q.person_id WHERE q.speaker_name IS NOT NULL "
        "GROUP BY coalesce('p' || q.person_id, 's' || lower(q.speaker_name)) ORDER BY n DESC, name LIMIT ?"
    )
    return [(name, n) for name, n in corpus._conn.execute(sql, (limit,))]
