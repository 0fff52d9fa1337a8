"""Read-only questions across the corpus that views and reports ask: counts over time, top
speakers and dyads, the actor network, dyad timelines and events, map points, faceted search.

Every function takes a `Corpus` or an open `sqlite3.Connection` and only reads. They are
plain SQL over the store's tables; callers that serve people (the web view) wrap a
request in `time_limit` so no query runs away.

Actors are keyed at one of two levels:
- ``"actor"``: the CAMEO code as stored (``NORGOV``, ``IGOWSTNAT``, ``GOV``);
- ``"country"``: the country part of the code (``NORGOV`` -> ``NOR``), an IGO's whole code
  (``IGOWSTNAT`` stays apart from ``IGOUNO``), and no key at all for codes that name only a
  sector (``GOV``, ``MED``): "some government" is no node of a network between countries.
Unresolved actors (no code) never take part in dyads, networks or timelines.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .events import FREQUENCIES, SeriesPoint, period_start

LEVELS = ("actor", "country")
#: SQLite virtual-machine steps between two looks at the clock.
_PROGRESS_STEPS = 2_000


class QueryTimeout(Exception):
    """A query ran past the time given to `time_limit`."""


def connection(source: Any) -> sqlite3.Connection:
    """The SQLite connection behind a `Corpus`, or `source` itself when it is one."""
    if isinstance(source, sqlite3.Connection):
        return source
    return source._conn  # the store's own package: Corpus keeps its connection private to callers outside it


@contextmanager
def time_limit(source: Any, seconds: float) -> Iterator[None]:
    """Stop any statement on `source` still running `seconds` after entering; raises QueryTimeout."""
    conn = connection(source)
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise QueryTimeout(f"the query took longer than {seconds:g} s and was stopped") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


# -- articles and speakers ---------------------------------------------------------------


def articles_per_day(source: Any, limit: int = 20_000) -> list[tuple[str, int]]:
    """(ISO date, articles published that day), oldest first; articles without a date left out."""
    sql = (
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles WHERE published IS NOT NULL "
        "GROUP BY day ORDER BY day LIMIT ?"
    )
    return [(day, n) for day, n in connection(source).execute(sql, (limit,))]


def top_speakers(source: Any, limit: int) -> list[tuple[str, int]]:
    """(name, quotes) of the most quoted speakers; one person counts once whatever name form was used."""
    sql = (
        "SELECT coalesce(p.name, q.speaker_name) AS name, count(*) AS n FROM quotes q "
        "LEFT JOIN people p ON p.id = q.person_id WHERE q.speaker_name IS NOT NULL "
        "GROUP BY coalesce('p' || q.person_id, 's' || lower(q.speaker_name)) ORDER BY n DESC, name LIMIT ?"
    )
    return [(name, n) for name, n in connection(source).execute(sql, (limit,))]


# -- actor keys --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO-3 code -> the name a reader knows: the actor tables' first short form ("Russia"), else ISO's."""
    import pycountry

    from ..actors.tables import country_entries

    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    short: dict[str, str] = {}
    for entry in country_entries():
        if entry.kind == "short" and entry.code in names:
            short.setdefault(entry.code, entry.alias)
    return {**names, **short}


@lru_cache(maxsize=1)
def _igo_names() -> dict[str, str]:
    from ..actors.tables import igo_entries

    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for entry in igo_entries():  # the first alias of each code is its table row's name
        names.setdefault(entry.code, entry.alias)
        if entry.cased and "." not in entry.alias:
            acronyms.setdefault(entry.code, entry.alias)  # "NATO", "EU": what headlines call them
    return {**names, **acronyms}


def actor_key(code: str | None, level: str = "country") -> str | None:
    """The node an actor code belongs to at `level`; None when it has none (see the module doc)."""
    if level not in LEVELS:
        raise ValueError(f"unknown actor level {level!r}: use {' or '.join(LEVELS)}")
    if not code:
        return None
    code = code.upper()
    if level == "actor":
        return code
    if code.startswith("IGO"):
        return code
    return code[:3] if code[:3] in _country_names() else None


def actor_label(key: str) -> str:
    """A readable name for an actor key: "Norway", "Norway · GOV", "NATO", or the code itself."""
    countries, igos = _country_names(), _igo_names()
    if key in countries:
        return countries[key]
    if key in igos:
        return igos[key]
    if key[:3] in countries and len(key) > 3:
        return f"{countries[key[:3]]} · {key[3:]}"
    for cut in range(len(key) - 1, 3, -1):  # IGOWSTNATMIL: NATO's military
        if key[:cut] in igos:
            return f"{igos[key[:cut]]} · {key[cut:]}"
    return key


def actor_codes(source: Any, key: str, level: str = "country") -> list[str]:
    """Every stored actor code that belongs to `key` at `level`, sorted."""
    codes = [c for (c,) in connection(source).execute("SELECT DISTINCT code FROM actors WHERE code IS NOT NULL")]
    return sorted(c for c in codes if actor_key(c, level) == key.upper())


# -- dyads and the network -----------------------------------------------------------------

# One row per event *cluster* between two coded actors, the way the store's `event_clusters`
# view counts them (day, source code, target code, CAMEO code), without building the
# per-cluster mention lists the view carries.
# The coded clusters, from the tally the store keeps as events arrive (migration 4).
_CODED_CLUSTERS = """
SELECT nullif(day, '') AS date, source_code, target_code, code, goldstein, quad_class, mentions
FROM event_tally
WHERE 1 = 1 {where}
"""


def _date_filter(since: str | None, until: str | None, column: str) -> tuple[str, list[Any]]:
    where, args = "", []
    if since:
        where += f" AND {column} >= ?"
        args.append(since[:10])
    if until:
        where += f" AND {column} <= ?"
        args.append(until[:10])
    return where, args


def _clusters(source: Any, since: str | None, until: str | None, codes: tuple[Sequence[str], Sequence[str]] | None = None):
    """(date, source code, target code, CAMEO code, goldstein, quad class, mentions) of coded clusters."""
    where, args = _date_filter(since, until, "nullif(day, '')")
    if codes is not None:
        a, b = codes
        marks_a, marks_b = ", ".join("?" * len(a)), ", ".join("?" * len(b))
        where += (f" AND ((source_code IN ({marks_a}) AND target_code IN ({marks_b}))"
                  f" OR (source_code IN ({marks_b}) AND target_code IN ({marks_a})))")
        args += [*a, *b, *b, *a]
    return connection(source).execute(_CODED_CLUSTERS.format(where=where), args)


@dataclass
class Tally:
    """Events (clusters), mentions and the Goldstein sum over the clusters that have a value."""

    events: int = 0
    mentions: int = 0
    goldstein_sum: float = 0.0
    scored: int = 0

    def add(self, mentions: int, goldstein: float | None) -> None:
        self.events += 1
        self.mentions += mentions
        if goldstein is not None:
            self.goldstein_sum += goldstein
            self.scored += 1

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.scored, 2) if self.scored else None


@dataclass
class Dyad:
    """Two actors and what passed between them, both ways."""

    a: str
    b: str
    a_label: str
    b_label: str
    a_to_b: int  # events
    b_to_a: int
    events: int
    mentions: int
    goldstein_mean: float | None


@dataclass
class NetworkEdge:
    source: str
    target: str
    events: int
    mentions: int
    goldstein_mean: float | None


@dataclass
class NetworkNode:
    key: str
    label: str
    events: int  # events it took part in, either side
    goldstein_mean: float | None


@dataclass
class Network:
    level: str
    since: str | None
    until: str | None
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    events_shown: int
    events_left_out: int  # self-interactions, keyless codes (country level) and nodes past the cap


def _directed_tallies(rows: Iterable[sqlite3.Row], level: str) -> tuple[dict[tuple[str, str], Tally], int]:
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    left_out = 0
    for _date, source_code, target_code, _code, goldstein, _quad, mentions in rows:
        a, b = actor_key(source_code, level), actor_key(target_code, level)
        if a is None or b is None or a == b:
            left_out += 1
            continue
        tallies[(a, b)].add(mentions, goldstein)
    return tallies, left_out


def top_dyads(source: Any, limit: int = 10, level: str = "country", since: str | None = None, until: str | None = None) -> list[Dyad]:
    """The pairs of actors with the most events between them (either way), most first."""
    tallies, _ = _directed_tallies(_clusters(source, since, until), level)
    pairs: dict[tuple[str, str], tuple[Tally, Tally]] = {}
    for (a, b), tally in tallies.items():
        x, y = sorted((a, b))
        forward, backward = pairs.setdefault((x, y), (Tally(), Tally()))
        merged = forward if (a, b) == (x, y) else backward
        merged.events += tally.events
        merged.mentions += tally.mentions
        merged.goldstein_sum += tally.goldstein_sum
        merged.scored += tally.scored
    out = []
    for (x, y), (forward, backward) in pairs.items():
        both = Tally(forward.events + backward.events, forward.mentions + backward.mentions,
                     forward.goldstein_sum + backward.goldstein_sum, forward.scored + backward.scored)
        # The pair reads in its busier direction first.
        a, b, ab, ba = (x, y, forward.events, backward.events) if forward.events >= backward.events else (y, x, backward.events, forward.events)
        out.append(Dyad(a, b, actor_label(a), actor_label(b), ab, ba, both.events, both.mentions, both.goldstein_mean))
    out.sort(key=lambda d: (-d.events, -d.mentions, d.a, d.b))
    return out[:limit]


def actor_network(source: Any, level: str = "country", since: str | None = None, until: str | None = None, max_nodes: int = 40) -> Network:
    """Actors as nodes, directed interactions as edges (events, mentions, mean Goldstein).

    Only the `max_nodes` busiest actors are kept, with the edges between them.
    """
    tallies, left_out = _directed_tallies(_clusters(source, since, until), level)
    volume: Counter[str] = Counter()
    node_tally: dict[str, Tally] = defaultdict(Tally)
    for (a, b), t in tallies.items():
        for key in (a, b):
            volume[key] += t.events
            node = node_tally[key]
            node.events += t.events
            node.mentions += t.mentions
            node.goldstein_sum += t.goldstein_sum
            node.scored += t.scored
    kept = {key for key, _ in sorted(volume.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes]}
    edges = []
    shown = 0
    for (a, b), t in sorted(tallies.items()):
        if a in kept and b in kept:
            edges.append(NetworkEdge(a, b, t.events, t.mentions, t.goldstein_mean))
            shown += t.events
        else:
            left_out += t.events
    nodes = [NetworkNode(k, actor_label(k), node_tally[k].events, node_tally[k].goldstein_mean)
             for k in sorted(kept, key=lambda k: (-volume[k], k))]
    return Network(level, since, until, nodes, edges, shown, left_out)


# -- one dyad --------------------------------------------------------------------------------


@dataclass
class DyadMention:
    """One sentence supporting an event: where it is, what it says, how it was coded."""

    article_id: str
    event_index: int  # the event's position in the article's `events`
    title: str | None
    outlet: str | None
    published: str | None
    sentence: str
    evidence: tuple[int, int]  # offsets of the evidence inside `sentence`
    rule: str
    modality: str
    confidence: float
    source_text: str
    source_resolved_by: str
    target_text: str
    target_resolved_by: str


@dataclass
class DyadEvent:
    """One event (cluster) between the two actors, with its supporting mentions."""

    date: str | None
    source_code: str
    target_code: str
    direction: str  # "a->b" or "b->a"
    code: str
    goldstein: float | None
    quad_class: int | None
    mentions: list[DyadMention] = field(default_factory=list)


_DYAD_MENTIONS = """
SELECT substr(coalesce(e.date, a.published), 1, 10) AS date, s.code AS source_code, t.code AS target_code,
       e.code, e.goldstein, e.quad_class, a.id AS article_id, e.idx, a.title,
       coalesce(a.outlet_name, a.outlet_domain) AS outlet, a.published,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.evidence_start - e.sentence_start AS ev_start, e.evidence_end - e.sentence_start AS ev_end,
       e.rule, e.modality, e.confidence, s.text AS source_text, s.resolved_by AS source_by,
       t.text AS target_text, t.resolved_by AS target_by
FROM events e
JOIN articles a ON a.rowid = e.article_rowid
JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source'
JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target'
WHERE ((s.code IN ({a}) AND t.code IN ({b})) OR (s.code IN ({b}) AND t.code IN ({a}))) {where}
ORDER BY date IS NULL, date, s.code, t.code, e.code, a.rowid, e.idx
LIMIT ?
"""


def dyad_events(source: Any, a: str, b: str, level: str = "country", since: str | None = None, until: str | None = None,
                limit: int = 500) -> tuple[list[DyadEvent], bool]:
    """Events between `a` and `b` both ways, oldest first, each with its mentions; and whether `limit` mentions cut the list."""
    codes_a, codes_b = actor_codes(source, a, level), actor_codes(source, b, level)
    if not codes_a or not codes_b:
        return [], False
    where, args = _date_filter(since, until, "substr(coalesce(e.date, a.published), 1, 10)")
    sql = _DYAD_MENTIONS.format(a=", ".join("?" * len(codes_a)), b=", ".join("?" * len(codes_b)), where=where)
    rows = connection(source).execute(sql, [*codes_a, *codes_b, *codes_b, *codes_a, *args, limit + 1]).fetchall()
    truncated = len(rows) > limit
    events: dict[tuple, DyadEvent] = {}
    set_a = set(codes_a)
    for row in rows[:limit]:
        key = (row[0], row[1], row[2], row[3])
        event = events.get(key)
        if event is None:
            event = events[key] = DyadEvent(row[0], row[1], row[2], "a->b" if row[1] in set_a else "b->a", row[3], row[4], row[5])
        event.mentions.append(DyadMention(
            row["article_id"], row["idx"], row["title"], row["outlet"], row["published"], row["sentence"],
            (row["ev_start"], row["ev_end"]), row["rule"], row["modality"], row["confidence"],
            row["source_text"], row["source_by"], row["target_text"], row["target_by"],
        ))
    return list(events.values()), truncated


def _next_period(start: date, freq: str) -> date:
    return period_start(start + timedelta(days={"day": 1, "week": 7, "month": 31, "year": 366}[freq]), freq)


def dyad_timeline(source: Any, a: str, b: str, level: str = "country", freq: str = "week",
                  since: str | None = None, until: str | None = None) -> dict[str, list[SeriesPoint]]:
    """Per period, each direction ("a->b", "b->a"): events, mentions, mean Goldstein, quad-class counts.

    Counted as the store's `dyad_series` counts (clusters); both directions share one range
    of periods with every empty period present, so they line up on one time axis.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    codes_a, codes_b = actor_codes(source, a, level), actor_codes(source, b, level)
    if not codes_a or not codes_b:
        return {"a->b": [], "b->a": []}
    set_a = set(codes_a)
    buckets: dict[str, dict[date, list]] = {"a->b": {}, "b->a": {}}
    for day, source_code, _target, _code, goldstein, quad, mentions in _clusters(source, since, until, (codes_a, codes_b)):
        try:
            start = period_start(date.fromisoformat(day), freq)
        except (TypeError, ValueError):
            continue  # no date, or a partial one
        bucket = buckets["a->b" if source_code in set_a else "b->a"].setdefault(start, [0, 0, 0.0, 0, [0, 0, 0, 0]])
        bucket[0] += 1
        bucket[1] += mentions
        if goldstein is not None:
            bucket[2] += goldstein
            bucket[3] += 1
        if quad in (1, 2, 3, 4):
            bucket[4][quad - 1] += 1
    starts = [s for side in buckets.values() for s in side]
    if not starts:
        return {"a->b": [], "b->a": []}
    out: dict[str, list[SeriesPoint]] = {}
    for direction, side in buckets.items():
        points, current = [], min(starts)
        while current <= max(starts):
            events, mentions, total, scored, quads = side.get(current, [0, 0, 0.0, 0, [0, 0, 0, 0]])
            points.append(SeriesPoint(current.isoformat(), events, mentions, total / scored if scored else None, tuple(quads)))
            current = _next_period(current, freq)
        out[direction] = points
    return out


# -- the map ---------------------------------------------------------------------------------


@dataclass
class MapPoint:
    kind: str  # "place" (named in the text) or "event" (where an event happened)
    name: str
    lat: float
    lon: float
    place_kind: str | None  # city, country, region, sea ...
    country: str | None
    mentions: int
    articles: int
    example_article: str  # one article that names it


def map_points(source: Any, since: str | None = None, until: str | None = None, limit: int = 2_000) -> tuple[list[MapPoint], int]:
    """Places with coordinates named in the text, and event locations, most mentioned first;
    and how many metonymic mentions ("Moscow said") were left out.

    A place counts once per coordinate, under the name most articles wrote.
    """
    conn = connection(source)
    where, args = _date_filter(since, until, "substr(a.published, 1, 10)")
    place_rows = conn.execute(
        "SELECT p.name, p.lat, p.lon, p.kind, p.country, count(*) AS mentions, count(DISTINCT p.article_rowid) AS articles, "
        "min(a.id) AS example FROM places p JOIN articles a ON a.rowid = p.article_rowid "
        f"WHERE NOT p.metonymic AND p.lat IS NOT NULL AND p.lon IS NOT NULL {where} "
        "GROUP BY round(p.lat, 3), round(p.lon, 3), p.name ORDER BY mentions DESC LIMIT ?",
        [*args, limit * 4],
    ).fetchall()
    metonymic = conn.execute(
        f"SELECT count(*) FROM places p JOIN articles a ON a.rowid = p.article_rowid WHERE p.metonymic {where}", args
    ).fetchone()[0]
    event_rows = conn.execute(
        "SELECT json_extract(e.location, '$.name'), json_extract(e.location, '$.lat') AS lat, json_extract(e.location, '$.lon') AS lon, "
        "json_extract(e.location, '$.kind'), json_extract(e.location, '$.country'), count(*), count(DISTINCT e.article_rowid), min(a.id) "
        "FROM events e JOIN articles a ON a.rowid = e.article_rowid "
        f"WHERE e.location IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL "
        f"AND coalesce(json_extract(e.location, '$.metonymic'), 0) = 0 {where} "
        "GROUP BY round(lat, 3), round(lon, 3) ORDER BY count(*) DESC LIMIT ?",
        [*args, limit],
    ).fetchall()
    return _merge_points("place", place_rows, limit) + _merge_points("event", event_rows, limit), metonymic


def _merge_points(kind: str, rows: Sequence[Sequence[Any]], limit: int) -> list[MapPoint]:
    merged: dict[tuple[float, float], MapPoint] = {}
    best: dict[tuple[float, float], int] = {}
    for name, lat, lon, place_kind, country, mentions, articles, example in rows:
        key = (round(float(lat), 3), round(float(lon), 3))
        point = merged.get(key)
        if point is None:
            merged[key] = MapPoint(kind, name or "?", float(lat), float(lon), place_kind, country, mentions, articles, example)
            best[key] = mentions
            continue
        point.mentions += mentions
        point.articles += articles  # an upper bound when two spellings share an article
        if mentions > best[key]:
            point.name, best[key] = name or point.name, mentions
    return sorted(merged.values(), key=lambda p: (-p.mentions, p.name))[:limit]


# -- faceted search --------------------------------------------------------------------------


@dataclass
class FacetedHit:
    kind: str  # "article" or "quote"
    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    score: float
    speaker: str | None
    duplicates: list[str] = field(default_factory=list)  # ids of near-duplicate articles folded into this hit


@dataclass
class FacetedSearch:
    hits: list[FacetedHit]
    facets: dict[str, list[tuple[str, int]]]  # outlet, date, speaker, actor -> (value, matches)
    matches: int  # articles and quotes that matched, up to the facet cap
    capped: bool  # facets were counted over the first `facet_rows` matches only
    collapsed: int  # hits folded into a near-duplicate shown above them


def _fts_match(query: str, plain: bool) -> str:
    # The same quoting as Corpus.search(plain=True): every word a literal string.
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split()) if plain else query


def faceted_search(corpus: Any, query: str, *, kinds: Sequence[str] = ("article", "quote"), plain: bool = False,
                   outlet: str | None = None, since: str | None = None, until: str | None = None,
                   speaker: str | None = None, actor: str | None = None, level: str = "country",
                   collapse: bool = True, limit: int = 50, facet_rows: int = 5_000,
                   marks: tuple[str, str] = ("[", "]")) -> FacetedSearch:
    """Full-text search narrowed by outlet, publication dates, speaker and actor, with the count of
    matches for each value of those four facets, near-duplicate articles folded into one hit.

    `corpus` must be a Corpus: a query FTS5 cannot parse raises its SearchSyntaxError, with its message.
    Facets count at most `facet_rows` matches per kind (`capped` says when that cut them).
    """
    conn = connection(corpus)
    match = _fts_match(query, plain)
    filters, args = _search_filters(conn, outlet, since, until, speaker, actor, level)
    open_mark, close_mark = marks
    hits: list[FacetedHit] = []
    facet_rowids: dict[str, list[int]] = {}
    capped = False
    try:
        if "article" in kinds:
            rows = conn.execute(
                "SELECT a.id, a.title, a.published, coalesce(a.outlet_name, a.outlet_domain), "
                "snippet(articles_fts, -1, ?, ?, '…', 16), bm25(articles_fts, 4.0, 1.0) AS score, NULL, g.group_id "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "LEFT JOIN duplicate_groups g ON g.article_rowid = a.rowid "
                f"WHERE articles_fts MATCH ? {filters['article']} ORDER BY score LIMIT ?",
                [open_mark, close_mark, match, *args["article"], limit * 3],
            ).fetchall()
            hits += _collapse(rows, "article", collapse)
            ids = [r for (r,) in conn.execute(
                f"SELECT a.rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? {filters['article']} LIMIT ?",
                [match, *args["article"], facet_rows + 1])]
            capped |= len(ids) > facet_rows
            facet_rowids["article"] = ids[:facet_rows]
        if "quote" in kinds:
            rows = conn.execute(
                "SELECT a.id, a.title, a.published, coalesce(a.outlet_name, a.outlet_domain), "
                "snippet(quotes_fts, 0, ?, ?, '…', 16), bm25(quotes_fts) AS score, coalesce(p.name, q.speaker_name), g.group_id, q.text "
                "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.rowid = q.article_rowid "
                "LEFT JOIN people p ON p.id = q.person_id LEFT JOIN duplicate_groups g ON g.article_rowid = a.rowid "
                f"WHERE quotes_fts MATCH ? {filters['quote']} ORDER BY score LIMIT ?",
                [open_mark, close_mark, match, *args["quote"], limit * 3],
            ).fetchall()
            hits += _collapse(rows, "quote", collapse)
            ids = [r for (r,) in conn.execute(
                "SELECT q.rowid FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.rowid = q.article_rowid "
                f"LEFT JOIN people p ON p.id = q.person_id WHERE quotes_fts MATCH ? {filters['quote']} LIMIT ?",
                [match, *args["quote"], facet_rows + 1])]
            capped |= len(ids) > facet_rows
            facet_rowids["quote"] = ids[:facet_rows]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
        corpus.search(query, limit=1, kinds=tuple(kinds), plain=plain)  # raises SearchSyntaxError with the store's explanation
        raise
    collapsed = sum(len(h.duplicates) for h in hits)
    hits.sort(key=lambda h: h.score)
    facets = _facets(conn, facet_rowids.get("article", []), facet_rowids.get("quote", []), level)
    matches = sum(len(v) for v in facet_rowids.values())
    return FacetedSearch(hits[:limit], facets, matches, capped, collapsed)


def _search_filters(conn: sqlite3.Connection, outlet, since, until, speaker, actor, level) -> tuple[dict[str, str], dict[str, list]]:
    where = {"article": "", "quote": ""}
    args: dict[str, list] = {"article": [], "quote": []}

    def both(sql: str, *values: Any) -> None:
        for kind in where:
            where[kind] += sql
            args[kind] += list(values)

    if outlet:
        both(" AND coalesce(a.outlet_name, a.outlet_domain) = ?", outlet)
    if since:
        both(" AND substr(a.published, 1, 10) >= ?", since[:10])
    if until:
        both(" AND substr(a.published, 1, 10) <= ?", until[:10])
    if speaker:
        where["quote"] += " AND lower(coalesce(p.name, q.speaker_name)) = lower(?)"
        args["quote"].append(speaker)
        where["article"] += (" AND a.rowid IN (SELECT q2.article_rowid FROM quotes q2 LEFT JOIN people p2 ON p2.id = q2.person_id "
                             "WHERE lower(coalesce(p2.name, q2.speaker_name)) = lower(?))")
        args["article"].append(speaker)
    if actor:
        codes = actor_codes(conn, actor, level) or [actor.upper()]
        marks = ", ".join("?" * len(codes))
        both(f" AND a.rowid IN (SELECT e2.article_rowid FROM events e2 JOIN actors x ON x.event_rowid = e2.rowid WHERE x.code IN ({marks}))", *codes)
    return where, args


def _collapse(rows: Sequence[sqlite3.Row], kind: str, collapse: bool) -> list[FacetedHit]:
    """Rows best first; with `collapse`, a hit from an article in a near-duplicate group already
    shown (the same quote text, for quotes) is folded into the first one."""
    out: list[FacetedHit] = []
    seen: dict[tuple, FacetedHit] = {}
    for row in rows:
        group = row[7]
        key = None
        if collapse and group is not None:
            key = (group,) if kind == "article" else (group, " ".join(str(row[8]).lower().split()))
        if key is not None and key in seen:
            if row[0] not in seen[key].duplicates and row[0] != seen[key].article_id:
                seen[key].duplicates.append(row[0])
            continue
        hit = FacetedHit(kind, row[0], row[1], row[2], row[3], row[4], row[5], row[6])
        out.append(hit)
        if key is not None:
            seen[key] = hit
    return out


def _facets(conn: sqlite3.Connection, article_rowids: list[int], quote_rowids: list[int], level: str, top: int = 12) -> dict[str, list[tuple[str, int]]]:
    """How many of the matches each facet value would keep: the same counts a filter on it gives.

    A match is an article or a quote. Outlet and date are its article's; the speaker of a quote
    is its own, an article counts for every speaker it quotes; actors are those of its article's events.
    """
    outlets: Counter[str] = Counter()
    days: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    matches_in: Counter[int] = Counter(article_rowids)  # article rowid -> matches it holds
    for chunk in _chunks(quote_rowids):
        for article_rowid, name in conn.execute(
            "SELECT q.article_rowid, coalesce(p.name, q.speaker_name) FROM quotes q LEFT JOIN people p ON p.id = q.person_id "
            f"WHERE q.rowid IN ({', '.join('?' * len(chunk))})", chunk,
        ):
            matches_in[article_rowid] += 1
            if name:
                speakers[name] += 1
    for chunk in _chunks(sorted(set(article_rowids))):
        for (name,) in conn.execute(
            "SELECT coalesce(p.name, q.speaker_name) AS name FROM quotes q LEFT JOIN people p ON p.id = q.person_id "
            f"WHERE q.article_rowid IN ({', '.join('?' * len(chunk))}) AND q.speaker_name IS NOT NULL "
            "GROUP BY q.article_rowid, lower(name)", chunk,
        ):
            speakers[name] += 1
    for chunk in _chunks(sorted(matches_in)):
        marks = ", ".join("?" * len(chunk))
        for rowid, outlet, day in conn.execute(
            f"SELECT rowid, coalesce(outlet_name, outlet_domain), substr(published, 1, 10) FROM articles WHERE rowid IN ({marks})", chunk
        ):
            outlets[outlet or "unknown outlet"] += matches_in[rowid]
            if day:
                days[day] += matches_in[rowid]
        keys_of: dict[int, set[str]] = defaultdict(set)
        for rowid, code in conn.execute(
            f"SELECT DISTINCT e.article_rowid, x.code FROM events e JOIN actors x ON x.event_rowid = e.rowid "
            f"WHERE e.article_rowid IN ({marks}) AND x.code IS NOT NULL", chunk,
        ):
            key = actor_key(code, level)
            if key is not None:
                keys_of[rowid].add(key)
        for rowid, keys in keys_of.items():
            for key in keys:
                actors[key] += matches_in[rowid]
    return {
        "outlet": outlets.most_common(top),
        "date": _date_facet(days),
        "speaker": speakers.most_common(top),
        "actor": actors.most_common(top),
    }


def _date_facet(days: Counter[str]) -> list[tuple[str, int]]:
    """Match counts by day, or by month when they spread over more than a month's worth of days."""
    if len(days) > 31:
        months: Counter[str] = Counter()
        for day, n in days.items():
            months[day[:7]] += n
        return sorted(months.items())
    return sorted(days.items())


def _chunks(items: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])
