"""Events across articles: clusters and dyad series over constructed events."""

from __future__ import annotations

import pytest

from eventwire.errors import UsageError
from eventwire.store import Mention

from .eventdata import event_article


@pytest.fixture
def evented(corpus):
    # The same accusation on 2026-03-02 in three articles from two outlets (one article says it twice),
    # talks a week later, and a detention going the other way.
    corpus.add(event_article("a1", "nrk.no", "2026-03-02", ["accuse", "talks"], dates={1: "2026-03-10"}))
    corpus.add(event_article("a2", "nrk.no", "2026-03-02T18:00:00+01:00", ["accuse", "accuse"]))
    corpus.add(event_article("a3", "barentsobserver.com", "2026-03-02", ["accuse", "detain"], located=True))
    corpus.add(event_article("a4", None, "2026-03-24", ["talks"]))
    return corpus


def test_mentions_of_the_same_day_dyad_and_code_are_one_event(evented):
    clusters = evented.event_clusters()
    keys = [(c.date, c.source_code, c.target_code, c.code) for c in clusters]
    assert keys == [
        ("2026-03-02", "NORGOV", "RUS", "112"),
        ("2026-03-02", "RUSMIL", "NOR", "173"),
        ("2026-03-10", "NORGOV", "RUS", "036"),
        ("2026-03-24", "NORGOV", "RUS", "036"),
    ]
    accuse = clusters[0]
    assert (accuse.num_mentions, accuse.num_articles, accuse.num_sources) == (4, 3, 2)
    assert accuse.goldstein == -2.0 and accuse.quad_class == 3 and accuse.root == "11"
    assert accuse.is_root_event
    assert accuse.url == "https://nrk.no/a1"
    sentence_2 = len("Norway's government accused Russia of overfishing in the Barents Sea.") + 2
    assert [(m.article_id, m.event_index, m.sentence[0]) for m in accuse.mentions] == [("a1", 0, 0), ("a2", 0, 0), ("a2", 1, sentence_2), ("a3", 0, 0)]
    # Every supporting sentence is where the mention says.
    for m in accuse.mentions:
        text = evented.get(m.article_id)["text"]
        assert text[m.sentence[0] : m.sentence[1]].startswith("Norway's government accused")
    # The event's own date wins over the article's; the second talks are a different day, so a different event.
    assert clusters[2].mentions == [Mention("a1", 1, clusters[2].mentions[0].sentence, clusters[2].mentions[0].evidence)]
    assert not clusters[2].is_root_event  # the talks were the article's second paragraph
    assert clusters[3].num_sources == 1  # no outlet: the article is its own source
    assert clusters[1].location["name"] == "Vardø"


def test_a_cluster_keeps_its_id_as_mentions_arrive(evented):
    before = {c.code: c.cluster_id for c in evented.event_clusters(root="11")}
    evented.add(event_article("a5", "vg.no", "2026-03-02", ["accuse"]))
    [after] = evented.event_clusters(root="11")
    assert after.cluster_id == before["112"]
    assert (after.num_mentions, after.num_sources) == (5, 3)


def test_clusters_filter_by_actor_country_root_and_date(evented):
    assert {c.code for c in evented.event_clusters(source="NORGOV")} == {"112", "036"}
    assert evented.event_clusters(source="NOR") == []  # actor level: NOR is not NORGOV
    assert {c.code for c in evented.event_clusters(source="NOR", level="country")} == {"112", "036"}
    assert {c.code for c in evented.event_clusters(target="nor")} == {"173"}
    assert [c.date for c in evented.event_clusters(root="03", since="2026-03-11")] == ["2026-03-24"]
    assert [c.date for c in evented.event_clusters(until="2026-03-02")] == ["2026-03-02", "2026-03-02"]
    with pytest.raises(UsageError):
        evented.event_clusters(level="planet")


def test_dyad_series_by_week_has_every_week_with_counts_goldstein_and_quads(evented):
    series = evented.dyad_series("NORGOV", "RUS", freq="week")
    assert [p.period for p in series] == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"]  # Mondays, the empty week kept
    first, second, empty, fourth = series
    assert (first.events, first.mentions, first.goldstein_mean, first.quad_counts) == (1, 4, -2.0, (0, 0, 1, 0))
    assert (second.events, second.mentions, second.goldstein_mean, second.quad_counts) == (1, 1, 4.0, (1, 0, 0, 0))
    assert (empty.events, empty.mentions, empty.goldstein_mean, empty.quad_counts) == (0, 0, None, (0, 0, 0, 0))
    assert fourth.events == 1


def test_dyad_series_by_day_month_and_country(evented):
    assert [(p.period, p.events) for p in evented.dyad_series("NOR", "RUS", freq="month", level="country")] == [("2026-03-01", 3)]
    daily = evented.dyad_series("NORGOV", "RUS", freq="day")
    assert len(daily) == 23 and daily[0].period == "2026-03-02" and daily[-1].period == "2026-03-24"
    both = evented.dyad_series(None, None, freq="month")
    assert both[0].events == 4 and both[0].goldstein_mean == pytest.approx((-2.0 - 5.0 + 4.0 + 4.0) / 4)
    assert evented.dyad_series("USA", "CHN") == []
    with pytest.raises(UsageError):
        evented.dyad_series("NORGOV", "RUS", freq="fortnight")


_TALLY = "SELECT nullif(day, ''), source_code, target_code, code, goldstein, quad_class, mentions FROM event_tally ORDER BY 1, 2, 3, 4"
_CODED_VIEW = (
    "SELECT date, source_code, target_code, code, goldstein, quad_class, num_mentions FROM event_clusters "
    "WHERE source_code IS NOT NULL AND target_code IS NOT NULL ORDER BY 1, 2, 3, 4"
)


def test_the_tally_kept_while_storing_equals_the_clusters_computed_afresh(evented):
    conn = evented._conn
    tally = [tuple(row) for row in conn.execute(_TALLY)]
    assert tally == [tuple(row) for row in conn.execute(_CODED_VIEW)]
    assert ("2026-03-02", "NORGOV", "RUS", "112", -2.0, 3, 4) in tally


def test_migration_4_tallies_the_events_stored_before_it(tmp_path):
    import sqlite3

    from eventwire.store import Corpus
    from eventwire.store.migrations import MIGRATIONS, migrate

    db = tmp_path / "v3.db"
    with Corpus(db) as corpus:
        corpus.add(event_article("a1", "nrk.no", "2026-03-02", ["accuse", "talks"], dates={1: "2026-03-10"}))
        corpus.add(event_article("a2", "nrk.no", "2026-03-02", ["accuse"]))
        expected = [tuple(row) for row in corpus._conn.execute(_CODED_VIEW)]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER event_tally_count")
    conn.execute("DROP TABLE event_tally")
    conn.execute("DELETE FROM schema_migrations WHERE version >= 4")
    assert migrate(conn, MIGRATIONS) == [4]
    assert conn.execute(_TALLY).fetchall() == expected and len(expected) == 2
    conn.close()
