"""The GeoCorpora reader and the places scorer, on a tiny TSV of our own in the same layout
(Latin-1, rows ended by CR LF, a quoted tweet with a line feed inside, an HTML escape).
A run on the real file is skipped when ../shared/eval is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.places import evaluate_places, format_table, haversine_km, match_spans, read_geocorpora
from eventwire.places.gazetteer import Gazetteer
from tests.places.test_extract import SmallWorld

HEADER = ("feature_id\ttweet_id_str\ttweet_text\ttweet_created_at\ttweet_user_location\ttweet_user_timezone\t"
          "tweet_coordinates_latitude\ttweet_coordinates_longitude\ttweet_placeid\tchar_position\ttext\tgeoNameId\t"
          "toponym\tcountry_code\tlongitude\tlatitude\tsurrogate_geojson\tuncertain_semantics\tvague\t"
          "overlapping_ambiguous\tnon_overlapping_ambiguous\tnot_in_geonames")


def _row(i, tid, text, pos="", surface="", gid="", lon="", lat=""):
    cells = [str(i), tid, text, "", "", "", "", "", "", str(pos), surface, str(gid), surface, "", str(lon), str(lat),
             "", "", "", "", "", ""]
    return "\t".join(cells)


def write_gold(path: Path) -> Path:
    t1 = "Fire in Kharkiv, Ukraine tonight"
    t2 = '"Protest in Portland &amp; Maine\ntoday ""big"""'  # quoted, escaped; offsets on the unescaped form
    t3 = "Nothing to see here"
    t4 = "Kyiv caf\xe9 reopens in Kyiv"  # Latin-1 byte; the second Kyiv's offset is off by one
    rows = [
        HEADER,
        _row(1, "1", t1, 8, "Kharkiv", 13, 36.25, 50.0),
        _row(2, "1", t1, 17, "Ukraine", 2, 32.0, 49.0),
        _row(3, "2", t2, 11, "Portland", 18, -70.26, 43.66),
        _row(4, "2", t2, 22, "Maine", 19, -69.0, 45.0),
        _row(5, "3", t3),
        _row(6, "4", t4, 0, "Kyiv", 12, 30.52, 50.45),
        _row(7, "4", t4, 22, "Kyiv", 12, 30.52, 50.45),
        _row(8, "4", t4, 0, "Atlantis", "", "", ""),  # nowhere in the tweet: left out
    ]
    path.write_bytes("\r\n".join(rows).encode("latin-1") + b"\r\n")
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return Gazetteer.load(tmp_path_factory.mktemp("eval-world"), source=SmallWorld())


def test_reader_finds_every_toponym_at_its_surface(tmp_path):
    tweets, skipped = read_geocorpora(write_gold(tmp_path / "gold.tsv"))
    assert [t.id for t in tweets] == ["1", "2", "3", "4"] and skipped == 1
    for t in tweets:
        for g in t.toponyms:
            assert t.text[g.start:g.end] == g.text
    assert tweets[1].text.startswith("Protest in Portland & Maine\n")
    assert [g.text for g in tweets[1].toponyms] == ["Portland", "Maine"]
    assert [g.start for g in tweets[3].toponyms] == [0, 21]  # moved to the nearest occurrence
    assert tweets[2].toponyms == []


def test_scores_and_baselines(tmp_path, world):
    from eventwire.nlp import load_pipeline

    report = evaluate_places(write_gold(tmp_path / "gold.tsv"), gazetteer=world, nlp=load_pipeline())
    res = report["resolution"]
    assert res["eventwire"]["toponyms"] == 6
    # the hierarchy puts Portland in Maine; the population-only baseline picks Oregon
    assert res["eventwire"]["acc@161"] == 1.0 and res["eventwire"]["exact_id"] == 1.0
    assert res["baseline"]["exact_id"] == pytest.approx(5 / 6, abs=1e-3)
    assert res["eventwire"]["median_km"] == 0.0
    rec = report["recognition"]
    assert rec["eventwire"]["gold"] == 6 and 0 < rec["eventwire"]["f1"] <= 1
    table = format_table(report)
    assert "acc@161" in table and "baseline" in table
    limited = evaluate_places(tmp_path / "gold.tsv", limit=1, gazetteer=world, recognition=False)
    assert limited["tweets"] == 1 and "recognition" not in limited


def test_span_matching_is_one_to_one():
    assert match_spans([(0, 5), (10, 15)], [(3, 12)]) == 1
    assert match_spans([(0, 5)], [(0, 2), (2, 5)]) == 1
    assert match_spans([], [(0, 1)]) == 0


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert 110 < haversine_km(0, 0, 1, 0) < 112


GEOCORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "actors-geo" / "geocorpora"


@pytest.mark.skipif(not GEOCORPORA.is_dir(), reason="../shared/eval is absent")
def test_real_file_reads_cleanly():
    [path] = sorted(GEOCORPORA.glob("*.tsv"))
    tweets, skipped = read_geocorpora(path)
    assert len(tweets) > 6000 and skipped < 20
    assert all(t.text[g.start:g.end] == g.text for t in tweets for g in t.toponyms)


def test_our_examples_gold_reads_cleanly():
    from eventwire.evaluate.places import read_gold
    from tests.conftest import REPO

    docs, skipped, kind = read_gold(REPO / "examples" / "gold" / "places.tsv")
    assert kind == "eventwire" and skipped == 0 and len(docs) == 4
    toponyms = [g for d in docs for g in d.toponyms]
    assert len(toponyms) >= 70
    for d in docs:
        for g in d.toponyms:
            assert d.text[g.start:g.end] == g.text  # offsets into the cleaned text hold
    assert {g.text for g in toponyms if g.metonymic} >= {"Moscow", "Oslo", "Kremlin", "Washington"}
    assert not [g for g in toponyms if g.metonymic and g.start == 0]  # datelines are places
