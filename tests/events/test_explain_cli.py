"""`eventwire explain FILE`: the same events as `process`, each with its audit trail."""

from __future__ import annotations

import json

from eventwire.cli import main
from tests.conftest import REPO

ARTICLE = """Norway and Russia trade blame over trawler

OSLO, March 20 (Test Wire) - Norway on Wednesday accused Russia of detaining a Norwegian trawler in international waters.

Foreign Minister Eirik Tangen said Moscow would not compromise, but the two sides are set to meet in Helsinki next week.
"""


def test_explain_text_and_json_agree_with_process(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["explain", str(path), "--date", "2026-03-20", "--format", "json"]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    events = doc["events"]
    assert events, "the article has events"
    for item in events:
        e, x = item["event"], item["explanation"]
        assert x["rule"] == e["rule"] and x["code"] == e["code"] and x["modality"] == e["modality"]
        assert x["sentence"].strip() and x["source"]["found_by"] and x["source"]["resolution"]
        assert ARTICLE[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"] or doc["path"]
    accuse = [i for i in events if i["event"]["root"] == "11"]
    assert accuse and accuse[0]["event"]["date"] == "2026-03-18"  # "on Wednesday" before Friday 20 March
    meet = [i for i in events if i["event"]["code"] == "036"]
    assert meet and meet[0]["explanation"]["modality"] == "intended"

    assert main(["process", str(path), "--date", "2026-03-20", "--stages", "clean,quotes,events"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [(e["code"], e["rule"]) for e in record["events"]] == [(i["event"]["code"], i["event"]["rule"]) for i in events]

    assert main(["explain", str(path), "--date", "2026-03-20"]) == 0
    text = capsys.readouterr().out
    assert "rule " in text and "modality " in text and "found " in text and "table " in text


def test_explain_example_article(capsys):
    path = REPO / "examples" / "07_nato-sends-four-frigates.txt"
    assert main(["explain", str(path), "--format", "json"]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    assert any(i["event"]["source"]["code"] == "IGOWSTNAT" for i in doc["events"])


def test_explain_takes_the_users_actors_as_process_does(tmp_path, capsys):
    article = tmp_path / "envoy.txt"
    article.write_text("OSLO, May 2 (Test Wire) - Halvard Moe on Tuesday accused Russia of stalling the talks.\n", encoding="utf-8")
    actors = tmp_path / "people.tsv"
    actors.write_text("name\taliases\tcode\trole\tstart\tend\tnotes\n"
                      "Halvard Moe\tMoe\tNORMIL\tChief of Defence of Norway\t2026-01-01\t\tFictional.\n", encoding="utf-8")  # fmt: skip
    assert main(["explain", str(article), "--date", "2026-05-02", "--format", "json"]) == 0
    [without] = json.loads(capsys.readouterr().out)
    assert main(["explain", str(article), "--date", "2026-05-02", "--format", "json", "--actors", str(actors)]) == 0
    [with_people] = json.loads(capsys.readouterr().out)
    sources = {i["event"]["source"]["code"] for i in with_people["events"]}
    assert "NORMIL" in sources and "NORMIL" not in {i["event"]["source"]["code"] for i in without["events"]}
    assert main(["explain", str(article), "--actors", str(tmp_path / "missing.tsv")]) == 2
