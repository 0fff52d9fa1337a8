"""eventwire.store.analytics, the read-only queries behind the web view, on the example corpus.

(It lives beside the web tests because the web view is its first reader and shares their corpus.)
"""

from __future__ import annotations

import sqlite3

import pytest

from eventwire.store import Corpus, analytics


@pytest.fixture(scope="module")
def corpus(db_path):
    with Corpus(db_path, readonly=True) as c:
        yield c


def test_actor_keys_and_labels():
    assert analytics.actor_key("NORGOV", "country") == "NOR"
    assert analytics.actor_key("NORGOV", "actor") == "NORGOV"
    assert analytics.actor_key("IGOWSTNAT", "country") == "IGOWSTNAT"  # IGOs stay apart, not one "IGO"
    assert analytics.actor_key("GOV", "country") is None  # a sector with no country is no country node
    assert analytics.actor_key(None, "actor") is None
    with pytest.raises(ValueError):
        analytics.actor_key("NOR", "planet")
    assert analytics.actor_label("RUS") == "Russia"
    assert analytics.actor_label("NORGOV") == "Norway · GOV"
    assert analytics.actor_label("IGOWSTNAT") == "NATO"
    assert analytics.actor_label("IGOWSTNATMIL") == "NATO · MIL"
    assert analytics.actor_label("XYZQ") == "XYZQ"


def test_functions_take_a_connection_as_well_as_a_corpus(corpus, db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert analytics.articles_per_day(conn) == analytics.articles_per_day(corpus)
        assert analytics.top_speakers(conn, 5) == analytics.top_speakers(corpus, 5)
    finally:
        conn.close()
    assert sum(n for _, n in analytics.articles_per_day(corpus)) == corpus.stats().articles


def test_dyad_timeline_counts_as_the_store_series_does(corpus):
    """At the actor level with one code each way, the timeline is the store's own dyad_series."""
    dyad = next(d for d in analytics.top_dyads(corpus, 20, level="actor") if d.a_to_b)
    series = analytics.dyad_timeline(corpus, dyad.a, dyad.b, level="actor", freq="day")
    store = corpus.dyad_series(dyad.a, dyad.b, freq="day")
    trimmed = [p for p in series["a->b"] if p.period >= store[0].period][: len(store)]
    assert trimmed == store
    assert sum(p.events for p in series["a->b"]) == dyad.a_to_b
    assert sum(p.events for p in series["b->a"]) == dyad.b_to_a
    # Both directions share one axis of consecutive periods.
    assert [p.period for p in series["a->b"]] == [p.period for p in series["b->a"]]


def test_top_dyads_match_their_event_lists_and_the_network(corpus):
    dyads = analytics.top_dyads(corpus, 5)
    assert dyads and dyads[0].events >= dyads[-1].events > 0
    network = analytics.actor_network(corpus)
    edge = {(e.source, e.target): e.events for e in network.edges}
    for d in dyads:
        assert d.a != d.b
        events, truncated = analytics.dyad_events(corpus, d.a, d.b)
        assert not truncated
        assert sum(e.direction == "a->b" for e in events) == d.a_to_b
        assert sum(e.direction == "b->a" for e in events) == d.b_to_a
        for e in events:
            for m in e.mentions:
                start, end = m.evidence
                assert 0 <= start < end <= len(m.sentence)  # the evidence lies inside the sentence shown
                assert m.rule and m.modality and m.source_resolved_by and m.target_resolved_by
        assert edge.get((d.a, d.b), 0) == d.a_to_b and edge.get((d.b, d.a), 0) == d.b_to_a


def test_network_nodes_edges_and_caps(corpus):
    full = analytics.actor_network(corpus, level="country")
    keys = {n.key for n in full.nodes}
    assert {"NOR", "RUS"} <= keys
    assert all(e.source in keys and e.target in keys and e.source != e.target for e in full.edges)
    assert sum(e.events for e in full.edges) == full.events_shown
    assert all(n.events == sum(e.events for e in full.edges if n.key in (e.source, e.target)) for n in full.nodes)
    small = analytics.actor_network(corpus, level="country", max_nodes=2)
    assert len(small.nodes) == 2
    assert small.events_shown + small.events_left_out == full.events_shown + full.events_left_out
    by_code = analytics.actor_network(corpus, level="actor")
    assert len(by_code.nodes) > len(full.nodes)
    # A date range narrows it; one past the corpus empties it.
    assert analytics.actor_network(corpus, since="2030-01-01").edges == []
    first_week = analytics.actor_network(corpus, until="2026-03-08")
    assert 0 < first_week.events_shown < full.events_shown


def test_map_points_leave_metonymic_places_out(corpus):
    points, metonymic = analytics.map_points(corpus)
    assert points and metonymic > 0
    names = {p.name for p in points if p.kind == "place"}
    assert {"Kirkenes", "Murmansk"} <= names
    # Every counted mention is a non-metonymic one with coordinates.
    total = corpus.stats().places
    assert sum(p.mentions for p in points if p.kind == "place") + metonymic <= total
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in points)


def test_facet_counts_are_what_the_filter_keeps(corpus):
    result = analytics.faceted_search(corpus, "talks", collapse=False, limit=1000)
    assert result.matches == len(result.hits) and not result.capped
    for facet in ("outlet", "speaker", "actor", "date"):
        assert result.facets[facet], facet
    outlet, n = result.facets["outlet"][0]
    assert len(analytics.faceted_search(corpus, "talks", outlet=outlet, collapse=False, limit=1000).hits) == n
    speaker, n = result.facets["speaker"][0]
    assert len(analytics.faceted_search(corpus, "talks", speaker=speaker, collapse=False, limit=1000).hits) == n
    actor, n = result.facets["actor"][0]
    assert len(analytics.faceted_search(corpus, "talks", actor=actor, collapse=False, limit=1000).hits) == n
    day, n = result.facets["date"][0]
    assert len(analytics.faceted_search(corpus, "talks", since=day, until=day, collapse=False, limit=1000).hits) == n


def test_near_duplicates_fold_into_one_hit(corpus):
    groups = corpus.duplicates()
    assert groups
    title = groups[0].members[0].title
    word = max(title.split(), key=len)
    folded = analytics.faceted_search(corpus, word, kinds=("article",), limit=1000)
    every = analytics.faceted_search(corpus, word, kinds=("article",), collapse=False, limit=1000)
    assert len(folded.hits) + folded.collapsed == len(every.hits)
    assert folded.collapsed > 0
    shown = next(h for h in folded.hits if h.duplicates)
    assert shown.article_id not in shown.duplicates
    ids = {m.article_id for g in groups for m in g.members if shown.article_id in {x.article_id for x in g.members}}
    assert set(shown.duplicates) <= ids


def test_time_limit_stops_a_runaway_query(corpus):
    with pytest.raises(analytics.QueryTimeout), analytics.time_limit(corpus, 0.0):
        analytics.connection(corpus).execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*) FROM n"
        ).fetchone()
    # The handler is gone afterwards: the same connection runs queries again.
    assert analytics.articles_per_day(corpus)
