"""Events across articles: GDELT-style clusters and dyad time series.

The `event_mentions` and `event_clusters` views (migration 2) define the grouping; this
module filters the mentions before grouping them the same way (so a query for one dyad
reads that dyad's mentions through the actor-code index, not every event), and shapes the rows. A *mention* is one event extracted from one
sentence; an *event* (cluster) is every mention of the same (day, source actor,
target actor, CAMEO code), counted the way GDELT counts: mentions, distinct sources
(outlets) and distinct articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..errors import UsageError

FREQUENCIES = ("day", "week", "month", "year")
LEVELS = ("actor", "country")


@dataclass(frozen=True)
class Mention:
    """One supporting sentence of an event: where to read it."""

    article_id: str
    event_index: int  # the event's position in the article's `events`
    sentence: tuple[int, int]
    evidence: tuple[int, int]


@dataclass
class EventCluster:
    cluster_id: int  # the rowid of its first stored mention: stable as more mentions arrive
    date: str | None
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    code: str
    root: str
    goldstein: float | None
    quad_class: int | None
    num_mentions: int
    num_sources: int
    num_articles: int
    is_root_event: bool  # some mention is in its article's first paragraph (GDELT's IsRootEvent)
    location: dict[str, Any] | None  # the first mention's place, as in the record
    url: str | None  # the first mention's article
    first_added: str  # when the first mention was stored
    mentions: list[Mention]


@dataclass(frozen=True)
class SeriesPoint:
    period: str  # the first day of the period, ISO
    events: int  # clusters
    mentions: int
    goldstein_mean: float | None  # over events (clusters), as GDELT users average GoldsteinScale
    quad_counts: tuple[int, int, int, int]  # events in quad classes 1..4


# The body of the `event_clusters` view (migration 2), with room for a WHERE on the mentions.
# Every filter below is on a column that is the same for all mentions of a cluster (its
# key, or determined by it: the code's root, the actor code behind the actor key), so
# filtering mentions first selects exactly the clusters the view would, whole.
_CLUSTERS = """
SELECT
    min(event_rowid) AS cluster_id,
    date, source_key, target_key, code,
    source_code, source_name, target_code, target_name, root,
    avg(goldstein) AS goldstein,
    quad_class,
    count(*) AS num_mentions,
    count(DISTINCT outlet_key) AS num_sources,
    count(DISTINCT article_rowid) AS num_articles,
    sum(in_lead) > 0 AS is_root_event,
    location,
    url,
    ingested_at AS first_added,
    json_group_array(json_array(article_rowid, article_id, idx, sentence_start, sentence_end, evidence_start, evidence_end)) AS mentions
FROM event_mentions
{where}
GROUP BY date, source_key, target_key, code
"""


def cluster_query(
    source: str | None = None,
    target: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    level: str = "actor",
    counts_only: bool = False,
) -> tuple[str, list[Any]]:
    """SQL for the event clusters (as the `event_clusters` view has them) with the filters applied, oldest first.

    `counts_only` selects just date, goldstein, quad_class and num_mentions: what a time series needs,
    without building every cluster's list of mentions.
    """
    if level not in LEVELS:
        raise UsageError(f"unknown actor level {level!r}: use {' or '.join(LEVELS)}")
    where, args = [], []
    for column, code in (("source_code", source), ("target_code", target)):
        if code is None:
            continue
        if level == "country":
            # CAMEO actor codes start with the three-letter country: NORGOV is Norway's government.
            # A range rather than a pattern: SQLite then reads the actor-code index, not every event.
            prefix = "".join(ch for ch in code[:3].upper() if ch.isalnum()) or "?"
            where.append(f"{column} >= ? AND {column} < ?")
            args += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        else:
            where.append(f"{column} = ?")
            args.append(code.upper())
    if root is not None:
        where.append("root = ?")
        args.append(root.zfill(2))
    if since:
        where.append("date >= ?")
        args.append(since[:10])
    if until:
        where.append("date <= ?")
        args.append(until[:10])
    filters = "WHERE " + " AND ".join(where) if where else ""
    if counts_only:
        sql = ("SELECT date, avg(goldstein) AS goldstein, quad_class, count(*) AS num_mentions FROM event_mentions "
               f"{filters} GROUP BY date, source_key, target_key, code")
        return sql, args
    return _CLUSTERS.format(where=filters) + "ORDER BY date IS NULL, date, cluster_id", args


def iter_clusters(conn: sqlite3.Connection, sql: str, args: list[Any], chunk_size: int = 1000) -> Iterator[EventCluster]:
    cursor = conn.execute(sql, args)
    while rows := cursor.fetchmany(chunk_size):
        yield from (_cluster(row) for row in rows)


def _cluster(row: sqlite3.Row) -> EventCluster:
    # Storage order (article rowid, then position), since SQLite does not promise the group's order.
    mentions = [Mention(m[1], m[2], (m[3], m[4]), (m[5], m[6])) for m in sorted(json.loads(row["mentions"]), key=lambda m: (m[0], m[2]))]
    return EventCluster(
        cluster_id=row["cluster_id"],
        date=row["date"],
        source_code=row["source_code"],
        source_name=row["source_name"],
        target_code=row["target_code"],
        target_name=row["target_name"],
        code=row["code"],
        root=row["root"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        num_mentions=row["num_mentions"],
        num_sources=row["num_sources"],
        num_articles=row["num_articles"],
        is_root_event=bool(row["is_root_event"]),
        location=None if row["location"] is None else json.loads(row["location"]),
        url=row["url"],
        first_added=row["first_added"],
        mentions=mentions,
    )


def period_start(day: date, freq: str) -> date:
    if freq == "day":
        return day
    if freq == "week":  # ISO weeks, Monday first
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next_period(start: date, freq: str) -> date:
    if freq == "day":
        return start + timedelta(days=1)
    if freq == "week":
        return start + timedelta(days=7)
    if freq == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def dyad_series(conn: sqlite3.Connection, source: str | None, target: str | None, freq: str = "week", level: str = "actor",
                root: str | None = None, since: str | None = None, until: str | None = None) -> list[SeriesPoint]:
    """Per period: events, mentions, mean Goldstein and quad-class counts; empty periods in between are zeros.

    A series with holes reads as "no data" to most plotting and modelling code, where
    what the corpus says is "no events": so every period from first to last is present.
    """
    if freq not in FREQUENCIES:
        raise UsageError(f"unknown frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    sql, args = cluster_query(source, target, root, since, until, level, counts_only=True)
    buckets: dict[date, list] = {}
    for day, goldstein, quad, mentions in conn.execute(f"SELECT date, goldstein, quad_class, num_mentions FROM ({sql}) WHERE date IS NOT NULL", args):
        try:
            start = period_start(date.fromisoformat(day), freq)
        except ValueError:
            continue  # a partial date ("2024-05") cannot be put in a day or week
        b = buckets.setdefault(start, [0, 0, 0.0, 0, [0, 0, 0, 0]])
        b[0] += 1
        b[1] += mentions
        if goldstein is not None:
            b[2] += goldstein
            b[3] += 1
        if quad in (1, 2, 3, 4):
            b[4][quad - 1] += 1
    if not buckets:
        return []
    points = []
    current, last = min(buckets), max(buckets)
    while current <= last:
        events, mentions, total, scored, quads = buckets.get(current, [0, 0, 0.0, 0, [0, 0, 0, 0]])
        points.append(SeriesPoint(current.isoformat(), events, mentions, total / scored if scored else None, tuple(quads)))
        current = _next_period(current, freq)
    return points
