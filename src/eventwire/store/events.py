"""Events across articles: GDELT-style clusters, dyad time series, review samples.

The `event_mentions` and `event_clusters` views (migration 2) do the grouping; this
module filters them and shapes the rows. A *mention* is one event extracted from one
sentence; an *event* (cluster) is every mention of the same (day, source actor,
target actor, CAMEO code), counted the way GDELT counts: mentions, distinct sources
(outlets) and distinct articles.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO, Any

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


def cluster_query(
    source: str | None = None,
    target: str | None = None,
    root: str | None = None,
    since: str | None = None,
    until: str | None = None,
    level: str = "actor",
) -> tuple[str, list[Any]]:
    """SQL over `event_clusters` with the filters applied, oldest first."""
    if level not in LEVELS:
        raise UsageError(f"unknown actor level {level!r}: use {' or '.join(LEVELS)}")
    where, args = [], []
    for column, code in (("source_code", source), ("target_code", target)):
        if code is None:
            continue
        if level == "country":
            # CAMEO actor codes start with the three-letter country: NORGOV is Norway's government.
            where.append(f"substr({column}, 1, 3) = ?")
            args.append(code[:3].upper())
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
    sql = "SELECT * FROM event_clusters" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY date IS NULL, date, cluster_id"
    return sql, args


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
    sql, args = cluster_query(source, target, root, since, until, level)
    buckets: dict[date, list] = {}
    # Only the few columns needed, so the per-cluster mention lists are never built.
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


# -- review ----------------------------------------------------------------------

REVIEW_KINDS = ("event", "quote")
#: The column a reviewer fills in: y or n.
REVIEW_MARK = "correct?"

_REVIEW_ROWS = {
    "event": (
        "SELECT e.rowid AS item, a.id AS article_id, coalesce(a.outlet_domain, a.outlet_name, '') AS outlet, a.published, a.url, "
        "e.idx, e.code, e.root, s.code AS source_code, coalesce(s.name, s.text) AS source, t.code AS target_code, "
        "coalesce(t.name, t.text) AS target, e.evidence_text AS evidence, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
        "FROM events e JOIN articles a ON a.rowid = e.article_rowid "
        "LEFT JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source' LEFT JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target' "
        "WHERE e.rowid IN ({ids}) ORDER BY e.rowid"
    ),
    "quote": (
        "SELECT q.rowid AS item, a.id AS article_id, coalesce(a.outlet_domain, a.outlet_name, '') AS outlet, a.published, a.url, "
        "q.idx, q.kind, q.speaker_name AS speaker, q.speaker_type, q.text AS quote "
        "FROM quotes q JOIN articles a ON a.rowid = q.article_rowid WHERE q.rowid IN ({ids}) ORDER BY q.rowid"
    ),
}
_REVIEW_POPULATION = {
    "event": "SELECT e.rowid, coalesce(a.outlet_domain, a.outlet_name, '') FROM events e JOIN articles a ON a.rowid = e.article_rowid ORDER BY e.rowid",
    "quote": "SELECT q.rowid, coalesce(a.outlet_domain, a.outlet_name, '') FROM quotes q JOIN articles a ON a.rowid = q.article_rowid ORDER BY q.rowid",
}


def stratified_sample(population: list[tuple[int, str]], n: int, seed: int) -> list[int]:
    """`n` items spread over strata in proportion to their size, every stratum at least once while `n` allows.

    Proportional allocation alone would leave small outlets out of a small sample, and
    a precision figure that never looked at them says nothing about them.
    """
    strata: dict[str, list[int]] = {}
    for item, stratum in population:
        strata.setdefault(stratum, []).append(item)
    rng = random.Random(seed)
    n = min(n, len(population))
    if n <= 0:
        return []
    names = sorted(strata)
    rng.shuffle(names)
    take = dict.fromkeys(names, 0)
    for name in names[:n]:
        take[name] = 1
    left = n - sum(take.values())
    # Largest-remainder allocation of what is left, capped by each stratum's size.
    while left > 0:
        room = {s: len(strata[s]) - take[s] for s in names if len(strata[s]) > take[s]}
        total = sum(room.values())
        shares = {s: left * r / total for s, r in room.items()}
        given = {s: min(int(v), room[s]) for s, v in shares.items()}
        if not any(given.values()):
            for s in sorted(room, key=lambda s: shares[s] - int(shares[s]), reverse=True)[:left]:
                given[s] = 1
        for s, g in given.items():
            take[s] += g
            left -= g
    chosen = [item for name in names for item in rng.sample(strata[name], take[name])]
    return sorted(chosen)


def write_review_sample(conn: sqlite3.Connection, out: IO[str], n: int, seed: int, kind: str = "event") -> int:
    if kind not in REVIEW_KINDS:
        raise UsageError(f"unknown review kind {kind!r}: use {' or '.join(REVIEW_KINDS)}")
    chosen = stratified_sample(list(conn.execute(_REVIEW_POPULATION[kind])), n, seed)
    writer = csv.writer(out, lineterminator="\n")
    cursor = conn.execute(_REVIEW_ROWS[kind].format(ids=", ".join("?" * len(chosen))), chosen) if chosen else None
    columns = [d[0] for d in cursor.description] if cursor else _review_columns(conn, kind)
    writer.writerow([f"{kind}_item" if c == "item" else c for c in columns] + [REVIEW_MARK, "note"])
    written = 0
    for row in cursor or []:
        writer.writerow([("" if v is None else v) for v in row] + ["", ""])
        written += 1
    return written


def _review_columns(conn: sqlite3.Connection, kind: str) -> list[str]:
    return [d[0] for d in conn.execute(_REVIEW_ROWS[kind].format(ids="NULL")).description]
