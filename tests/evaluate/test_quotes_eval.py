"""The quote scorer's arithmetic on tiny gold written here, format detection, and `eval quotes`.

The extractor under test is replaced by a stub in the CLI tests, so these tests check the
scorer and the wiring, not the extractor's quality (the benchmark does that).
"""

import json
import os
import re
import sys
import types
from collections import Counter
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.evaluate.quotes import (
    GoldAttribution,
    GoldQuote,
    Predicted,
    attribution_counts,
    bootstrap,
    detect_format,
    get,
    load_gold,
    normalise_name,
    quote_counts,
    quote_summary,
    same_speaker,
)
from eventwire.model import Quote, Span, Speaker
from tests.conftest import REPO

EVAL = Path(os.environ.get("EVENTWIRE_EVAL") or REPO.parent / "shared" / "eval")
GGT = EVAL / "quotes" / "ggt-dev.jsonl"


def _summary(gold, predicted):
    return quote_summary(quote_counts(gold, predicted))


def test_a_perfect_prediction_scores_one_everywhere():
    gold = [GoldQuote(0, 20, "Marit Haugland", "full_name", True), GoldQuote(30, 60, "Marit Haugland", "pronoun", False)]
    predicted = [Predicted(0, 20, "Marit Haugland"), Predicted(30, 60, "marit haugland")]
    s = _summary(gold, predicted)
    for key in ("overlap_0.3", "overlap_0.8", "jaccard_0.5"):
        assert s["quote"][key] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert s["speaker_accuracy"] == 1.0 and s["end_to_end"]["f1"] == 1.0
    assert s["by_mention_type"]["pronoun"] == {"gold": 1, "recall": 1.0, "speaker_accuracy": 1.0, "end_to_end_recall": 1.0}
    assert s["by_kind"]["direct"]["gold"] == 1 and s["by_kind"]["indirect"]["recall"] == 1.0


def test_an_over_long_prediction_passes_overlap_but_fails_jaccard():
    gold = [GoldQuote(100, 140, "Ståle Rognerud", "full_name", True)]
    predicted = [Predicted(90, 300, "Ståle Rognerud")]  # covers the gold span and 170 characters more
    s = _summary(gold, predicted)
    assert s["quote"]["overlap_0.3"]["f1"] == 1.0 and s["quote"]["overlap_0.8"]["f1"] == 1.0
    assert s["quote"]["jaccard_0.5"]["f1"] == 0.0


def test_a_short_prediction_passes_overlap_0_3_only():
    gold = [GoldQuote(0, 100, "Sofie Krogh")]
    s = _summary(gold, [Predicted(0, 50, "Sofie Krogh")])
    assert s["quote"]["overlap_0.3"]["recall"] == 1.0
    assert s["quote"]["overlap_0.8"]["recall"] == 0.0 and s["quote"]["jaccard_0.5"]["recall"] == 1.0


def test_each_gold_quote_matches_one_prediction_and_the_best_wins():
    gold = [GoldQuote(0, 100, "A B")]
    predicted = [Predicted(0, 40, "Wrong Person"), Predicted(0, 90, "A B")]
    s = _summary(gold, predicted)
    assert s["quote"]["overlap_0.3"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}
    assert s["speaker_accuracy"] == 1.0  # the better-overlapping prediction was the one matched


def test_a_wrong_speaker_fails_end_to_end_but_not_the_quote():
    gold = [GoldQuote(0, 50, "Halvard Nygaard", "pronoun", True), GoldQuote(60, 90, "Halvard Nygaard", "partial_name", True)]
    predicted = [Predicted(0, 50, "Ståle Rognerud"), Predicted(60, 90, None)]
    s = _summary(gold, predicted)
    assert s["quote"]["overlap_0.3"]["f1"] == 1.0
    assert s["speaker_accuracy"] == 0.0 and s["end_to_end"]["f1"] == 0.0
    assert s["by_mention_type"]["pronoun"]["recall"] == 1.0 and s["by_mention_type"]["pronoun"]["speaker_accuracy"] == 0.0


def test_titles_case_and_articles_do_not_count_in_speaker_names():
    assert normalise_name("Prime Minister Marit Haugland") == "marit haugland"
    assert normalise_name("Foreign Minister Sergei Lavrov") == "sergei lavrov"
    assert normalise_name("Mr. McEwan") == "mcewan"
    assert normalise_name("Dr Ana  Ruiz Jr.") == "ana ruiz"
    assert normalise_name("The Norwegian armed forces") == "norwegian armed forces"
    assert normalise_name("the minister") == "minister"  # a title alone is kept: nothing else is left
    assert normalise_name("Stephen King") == "stephen king"  # a title word at the end is a name
    assert same_speaker("President Aino Kettunen", "Aino Kettunen")
    assert same_speaker("MARIT HAUGLAND", "Marit Haugland")
    assert not same_speaker("Haugland", "Marit Haugland")  # a person is named in full
    assert not same_speaker(None, "Marit Haugland") and not same_speaker("", "")


def test_bootstrap_interval_brackets_the_point_estimate():
    rng_docs = []
    for i in range(30):  # documents with varying recall, so the interval has width
        gold = [GoldQuote(k * 100, k * 100 + 50, "X Y") for k in range(4)]
        predicted = [Predicted(k * 100, k * 100 + 50, "X Y" if k % 2 else "Z") for k in range(i % 4 + 1)]
        rng_docs.append(quote_counts(gold, predicted))
    point = quote_summary(sum(rng_docs, Counter()))
    keys = ("quote.overlap_0.3.f1", "quote.overlap_0.3.recall", "speaker_accuracy", "end_to_end.f1")
    ci = bootstrap(rng_docs, quote_summary, keys, samples=300, seed=1)
    for key in keys:
        low, high = ci[key]
        assert low <= get(point, key) <= high, key
        assert low < high
    assert bootstrap(rng_docs, quote_summary, keys, samples=300, seed=1) == ci  # seeded
    assert bootstrap(rng_docs, quote_summary, keys, samples=0) == {}


def test_polnear_roles_exact_and_overlap():
    text = 'Officials said “the talks are over,” and the minister said: "We wait."'
    cue1, cue2 = (10, 14), (54, 58)
    assert text[cue2[0]:cue2[1]] == "said" and text[41:53] == "the minister" and text[60:70] == '"We wait."'
    gold = [
        GoldAttribution([(0, 9)], [cue1], [(15, 36)]),
        GoldAttribution([(41, 53)], [cue2], [(60, 70)]),
    ]
    predicted = [
        Predicted(14, 36, "officials", cue1, (0, 9)),  # every role exact: white space, marks and commas are trimmed
        Predicted(61, 63, "minister", cue2, (45, 53)),  # content ("We") and source ("minister") overlap only
    ]
    c = attribution_counts(text, gold, predicted)
    assert (c["all:content:exact"], c["all:content:overlap"], c["all:content:gold"], c["all:content:pred"]) == (1, 2, 2, 2)
    assert (c["all:source:exact"], c["all:source:overlap"]) == (1, 2)
    assert c["all:cue:exact"] == 2
    assert c["quote_like:content:gold"] == 2 and c["quote_like:content:pred"] == 1  # "We wait" lost its marks


def test_quotes_split_around_one_cue_are_one_attribution():
    text = '"We stay," she said, "and we talk."'
    gold = [GoldAttribution([(11, 14)], [(15, 19)], [(0, 9), (21, 35)])]
    predicted = [Predicted(0, 9, None, (15, 19), (11, 14)), Predicted(21, 35, None, (15, 19), (11, 14))]
    c = attribution_counts(text, gold, predicted)
    assert c["all:content:exact"] == 1 and c["all:content:pred"] == 1


# -- formats -----------------------------------------------------------------------------


def _write_lines(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_formats_are_detected_by_content(tmp_path):
    ggt = _write_lines(tmp_path / "mine.jsonl", [{"text": "abc", "quotes": [{"quote_span": [0, 2], "speaker_entity": "A"}, {"quote_span": None}]}])
    polnear = _write_lines(tmp_path / "other.jsonl", [{"text": "abc", "attributions": [{"source": None, "cue": {"spans": [[0, 1]], "text": "a"}, "content": {"spans": [[1, 3]], "text": "bc"}}]}])
    assert detect_format(ggt) == "ggt" and detect_format(polnear) == "polnear"
    assert detect_format(REPO / "examples" / "gold") == "eventwire"
    kind, docs = load_gold(ggt)
    assert kind == "ggt" and len(docs[0].quotes) == 1 and docs[0].skipped == 1
    assert docs[0].quotes[0].mention_type == "other"
    kind, docs = load_gold(polnear)
    assert docs[0].attributions[0].source == [] and docs[0].attributions[0].content == [(1, 3)]
    (tmp_path / "x.json").write_text(json.dumps({"paragraphs": ["a"]}), encoding="utf-8")
    for bad in (tmp_path / "x.json", tmp_path / "missing.jsonl", tmp_path):
        with pytest.raises(ValueError):
            detect_format(bad)


def test_example_gold_quotes_point_at_their_text():
    kind, docs = load_gold(REPO / "examples" / "gold")
    assert kind == "eventwire" and len(docs) >= 3
    for path in sorted((REPO / "examples" / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(data["paragraphs"])
        for q in data.get("quotes", []):
            s, e = q["quote_span"]
            assert text[s:e] == q["quote"], path.name
            if q.get("cue_span"):
                assert text[slice(*q["cue_span"])] == q["cue"], path.name
            if q.get("speaker_span"):
                assert text[slice(*q["speaker_span"])] == q["speaker_mention"], path.name
            assert q["speaker_mention_type"] in {"full_name", "partial_name", "pronoun", "nominal_role", "no_speaker_mention", "other"}


# -- the command -------------------------------------------------------------------------


def _stub_extract_quotes(text, doc):
    """Every double-quoted stretch, attributed to the next person entity in the text."""
    quotes = []
    for m in re.finditer(r"[“\"][^”\"]{5,}[”\"]", text):
        after = [e for e in doc.ents if e.label_ == "PERSON" and e.start_char >= m.end()]
        speaker = None
        if after:
            e = after[0]
            speaker = Speaker(None, e.text, None, "person", Span(e.start_char, e.end_char, e.text))
        quotes.append(Quote(m.group(), m.start(), m.end(), "direct", None, speaker))
    return [], quotes


@pytest.fixture
def stub_extractor(monkeypatch):
    module = types.ModuleType("eventwire.quotes")
    module.extract_quotes = _stub_extract_quotes
    monkeypatch.setitem(sys.modules, "eventwire.quotes", module)


def test_eval_quotes_on_our_examples(stub_extractor, capsys):
    assert main(["eval", "quotes", "--gold", str(REPO / "examples" / "gold"), "--format", "json", "--bootstrap", "50"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dataset"] == "eventwire" and report["documents"] == 3 and report["gold_quotes"] >= 40
    assert 0 < report["quote"]["overlap_0.3"]["recall"] < 1  # the stub finds direct quotes only
    assert report["by_kind"]["direct"]["recall"] > 0.8
    assert set(report["ci"]) >= {"quote.overlap_0.3.f1", "speaker_accuracy", "end_to_end.f1"}
    textacy = report["baselines"]["textacy"]
    assert "skipped" in textacy or "quote" in textacy
    assert main(["eval", "quotes", "--gold", str(REPO / "examples" / "gold"), "--bootstrap", "0"]) == 0
    assert "quote F1 @overlap 0.3" in capsys.readouterr().out


def test_eval_quotes_usage_errors(tmp_path, capsys):
    assert main(["eval", "quotes", "--gold", str(tmp_path / "none.jsonl")]) == 2
    assert main(["eval", "quotes", "--gold", str(REPO / "examples" / "gold"), "--limit", "0"]) == 2


@pytest.mark.skipif(not GGT.is_file(), reason="eval data absent (set EVENTWIRE_EVAL)")
def test_eval_quotes_on_the_ggt_set(stub_extractor, capsys):
    assert main(["eval", "quotes", "--gold", str(GGT), "--limit", "2", "--bootstrap", "20", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dataset"] == "ggt" and report["documents"] == 2 and report["gold_quotes"] > 0
    assert sum(v["gold"] for v in report["by_mention_type"].values()) == report["gold_quotes"]
