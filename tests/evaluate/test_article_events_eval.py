"""``eventwire eval events --gold DIR``: events scored on whole articles of our own, beside the
verb-lookup baseline of the same run."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import main
from eventwire.evaluate.article_events import evaluate_article_events, read_article_gold

ARTICLE = """Ferry row deepens
By Ines Calderón

LISBON, June 3 (Atlantic Desk) - Portugal on Tuesday accused Morocco of
blocking a ferry route across the Strait of Gibraltar, and summoned the
Moroccan ambassador.

Morocco rejected the accusation.
"""


@pytest.fixture
def gold_dir(tmp_path):
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    events = [{"source": "PRT", "target": "MAR", "root": "11", "note": "accused Morocco"},
              {"source": "MAR", "target": "PRT", "root": "12", "note": "rejected the accusation"},
              {"source": "PRT", "target": "MAR", "root": "16", "note": "a row the gold says happened and no coder finds"}]  # fmt: skip
    (gold / "ferry.json").write_text(json.dumps({"input": "ferry.txt", "events": events}), encoding="utf-8")
    (gold / "cleaning-only.json").write_text(json.dumps({"input": "ferry.txt", "paragraphs": []}), encoding="utf-8")
    return gold


def test_gold_files_without_events_are_skipped(gold_dir):
    [(path, triples)] = read_article_gold(gold_dir)
    assert path.name == "ferry.txt" and ("PRT", "MAR", "11") in triples and len(triples) == 3


def test_scores_the_coder_beside_the_baseline(gold_dir):
    report = evaluate_article_events(gold_dir)
    ours = report["root_country"]
    assert report["documents"] == 1 and ours["gold"] == 3
    assert ours["tp"] >= 1 and ours["predicted"] >= 1  # at least the accusation
    assert ("PRT", "MAR", "16") in report["per_document"][0]["missed"]
    baseline = report["baselines"]["verb_lookup"]["root_country"]
    assert baseline["gold"] == 3 and baseline["predicted"] >= 1  # simple sentences: the lookup finds the accusation too


def test_cli_takes_a_gold_folder(gold_dir, capsys):
    assert main(["eval", "events", "--gold", str(gold_dir), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"] == "article-events" and "verb_lookup" in report["baselines"]
    assert main(["eval", "events", "--gold", str(gold_dir), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "- ferry.txt: tp" in out and "PRT/MAR/16" in out.split("missed:")[1]


def test_cli_refuses_a_folder_without_event_gold(tmp_path, capsys):
    assert main(["eval", "events", "--gold", str(tmp_path)]) != 0
    assert "no gold file with `events`" in capsys.readouterr().err
