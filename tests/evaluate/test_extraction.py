"""The extraction scorer's arithmetic on tiny inputs written here, and the `eval extraction` command."""

import gzip
import json
import os
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.evaluate.extraction import (
    body_counts,
    boundary_counts,
    detect_dataset,
    evaluate_extraction,
    ngrams,
    prf,
    same_authors,
    same_date,
    same_title,
    tokens,
)
from tests.conftest import FIXTURES, REPO


def test_tokens_are_lower_cased_word_runs():
    assert tokens("Oslo's “talks” — re-opened, 2026!") == ["oslo", "s", "talks", "re", "opened", "2026"]


def test_four_grams_are_a_multiset():
    assert ngrams(tokens("a b c d e")) == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert ngrams(tokens("x y z w x y z w")) [("x", "y", "z", "w")] == 2
    assert ngrams(["only", "two"]) == {("only", "two"): 1}
    assert ngrams([]) == {}


def test_a_perfect_body_scores_one_however_it_is_split():
    gold = ["The talks resumed on Monday in Helsinki.", "Both sides called them useful."]
    assert body_counts([" ".join(gold)], gold) == (9, 9, 9)
    assert prf(*body_counts(gold, gold))["f1"] == 1.0


def test_extra_and_missing_text_lower_precision_and_recall():
    gold = ["one two three four five six"]  # 3 four-grams
    predicted = ["one two three four five six seven eight"]  # 5 four-grams, 3 of them gold
    shared, n_pred, n_gold = body_counts(predicted, gold)
    assert (shared, n_pred, n_gold) == (3, 5, 3)
    scores = prf(shared, n_pred, n_gold)
    assert scores["precision"] == pytest.approx(0.6) and scores["recall"] == 1.0
    assert scores["f1"] == pytest.approx(0.75) and scores["f1"] < 1
    assert body_counts(["one two three"], gold) == (0, 1, 3)  # too short to share a 4-gram
    assert prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 0, 0)["f1"] == 1.0


def test_paragraph_boundaries_are_compared_inside_shared_text():
    gold = ["a b c", "d e f", "g h i"]  # boundaries before d and before g
    assert boundary_counts(gold, gold) == (2, 2, 2)
    assert boundary_counts(["a b c d e f g h i"], gold) == (0, 0, 2)  # one paragraph: recall 0
    assert boundary_counts(["a b", "c", "d e f", "g h i"], gold) == (2, 3, 2)  # one boundary too many
    # extra text between two gold paragraphs: its boundaries are not counted, the gold one still is
    assert boundary_counts(["a b c", "ADVERT HERE", "d e f g h i"], gold) == (1, 1, 2)
    # a paragraph missing altogether leaves its boundaries out of both counts
    assert boundary_counts(["a b c", "g h i"], gold) == (0, 0, 0)


def test_metadata_matching():
    assert same_title("Ice closes  harbour!", "ice closes harbour")
    assert not same_title("Ice closes harbour | Barents Wire", "Ice closes harbour")
    assert same_authors(["Kari Vik", "oleg marchenko"], ["Oleg Marchenko", "Kari Vik"])
    assert same_authors(["Kari Vik and Oleg Marchenko"], ["Oleg Marchenko", "Kari Vik"])
    assert not same_authors(["Kari Vik"], ["Oleg Marchenko", "Kari Vik"])
    assert same_authors([], []) and not same_authors(["Barents Wire"], [])
    assert same_date("2026-03-03T07:15:00+01:00", "2026-03-03") and not same_date("2026-03-05", "2026-03-03")
    assert same_date(None, None) and not same_date("2026-03-05", None) and not same_date(None, "2026-03-03")


ARTICLE = (FIXTURES / "html" / "harbour-ice-article.html").read_bytes()
STORY = [
    "KIRKENES, March 3 (Barents Wire) - Drift ice kept the harbour in Kirkenes closed for a third day on Tuesday, "
    "stranding a dozen fishing boats at the quay and forcing the coastal ferry to turn back to Vardø.",
    "The harbour master, Tor Egil Mathisen, said a northerly wind had pushed sea ice from the Varanger fjord into the "
    "inner basin, where it had frozen together overnight. \"We have not seen ice like this in March for fifteen years,\" he said.",
    "The coastal administration's ice report showed a solid cover of up to 40 centimetres between the harbour and the fjord mouth on Tuesday morning.",
    "Skippers said the closure had cost them the best days of the cod season. Frank Isaksen, whose boat has been tied up since Sunday, "
    "said buyers in Båtsfjord were paying more than in February. \"Every day at the quay is money left in the sea,\" he said.",
    "An icebreaker from the coast guard is due on Wednesday, the municipality said in a statement on its website.",
]


def _fundus_set(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "html" / "Barents_0.html.gz").write_bytes(gzip.compress(ARTICLE))
    truth = {"Barents_0.html.gz": {"body": STORY, "url": "https://www.barentswire.example/x", "crawl_date": "2026-03-03 08:00:00"}}
    (root / "ground_truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def _wcxb_set(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "ground-truth").mkdir()
    (root / "html" / "1.html.gz").write_bytes(gzip.compress(ARTICLE))
    truth = {"title": "Ice closes Kirkenes harbour for a third day", "author": "Ingrid Solbakk", "publish_date": "2026-03-03", "main_content": "\n\n".join(STORY)}
    (root / "ground-truth" / "1.json").write_text(json.dumps({"file_id": "1", "url": "https://x.example", "ground_truth": truth}), encoding="utf-8")
    return root


def test_a_synthetic_fundus_set_end_to_end(tmp_path):
    gold = _fundus_set(tmp_path / "fundus")
    assert detect_dataset(gold) == "fundus"
    report = evaluate_extraction(gold)
    ours = report["systems"]["eventwire"]
    assert report["pages"] == 1 and set(report["systems"]) == {"eventwire", "trafilatura"}
    assert ours["body"]["micro"]["f1"] == 1.0 and ours["paragraph_boundaries"]["micro"]["f1"] == 1.0
    # bare trafilatura keeps the headline and the "Read more" teaser in the body
    assert report["systems"]["trafilatura"]["body"]["micro"]["precision"] < 1.0
    assert ours["pages_per_second"] > 0 and ours["failed"] == 0


def test_a_synthetic_wcxb_set_end_to_end(tmp_path):
    gold = _wcxb_set(tmp_path / "wcxb")
    assert detect_dataset(gold) == "wcxb"
    ours = evaluate_extraction(gold)["systems"]["eventwire"]
    assert (ours["title_accuracy"], ours["author_accuracy"], ours["date_accuracy"]) == (1.0, 1.0, 1.0)
    assert "paragraph_boundaries" not in ours


def test_cli_refuses_a_folder_that_is_no_set(tmp_path, capsys):
    assert main(["eval", "extraction", "--gold", str(tmp_path)]) == 2
    assert "neither a Fundus set" in capsys.readouterr().err


def _shared_eval() -> Path | None:
    env = os.environ.get("EVENTWIRE_EVAL")
    path = Path(env) if env else REPO.parent / "shared" / "eval"
    return path if (path / "extraction").is_dir() else None


@pytest.mark.parametrize("name", ["fundus-evaluation-news80", "wcxb-articles-test"])
def test_cli_on_the_shared_sets(name, capsys):
    root = _shared_eval()
    if root is None or not (root / "extraction" / name).is_dir():
        pytest.skip("the shared evaluation sets are not here (set EVENTWIRE_EVAL)")
    assert main(["eval", "extraction", "--gold", str(root / "extraction" / name), "--limit", "2", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pages"] == 2 and report["systems"]["eventwire"]["body"]["micro"]["f1"] > 0.5
