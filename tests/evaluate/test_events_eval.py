"""The PLV scorer's arithmetic on tiny synthetic files written here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.evaluate.events import (
    classification_scores,
    evaluate_plv,
    format_table,
    read_cameo_verbs,
    read_plv,
    strip_markup,
)  # fmt: skip


def test_strip_markup_keeps_offsets():
    text, spans = strip_markup("<s>Atlantis</s> criticised <t>Borduria</t> again.")
    assert text == "Atlantis criticised Borduria again."
    assert text[slice(*spans["s"])] == "Atlantis" and text[slice(*spans["t"])] == "Borduria"


def test_classification_scores():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "NONE"]
    s = classification_scores(gold, pred)
    assert s["accuracy"] == 0.5
    # A: P 1 R .5 F .667; B: P .5 R 1 F .667; C: 0
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-3)


def _write(tmp_path: Path) -> Path:
    rows = [
        ("1", "<s>Atlantis</s> rejected <t>Borduria</t>'s proposal.", "REJECT"),
        ("2", "<s>Atlantis</s> praised <t>Borduria</t> warmly.", "SUPPORT"),
        ("3", "<s>The committee</s> met <t>the envoy</t> in the capital.", "CONSULT"),
        ("4", "<s>Atlantis</s> looked at <t>Borduria</t>.", "REJECT"),
    ]
    path = tmp_path / "plv.tsv"
    lines = ["\tsentence_id\tmarked_sentence\tgold_root"]
    lines += [f"{i}\t{sid}\t{m}\t{g}" for i, (sid, m, g) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "CAMEO.2.0.txt").write_text(
        "####### VERB PATTERNS #######\n---  PRAISE   [051]  ---\nLAUD\n---  REJECT   [120]  ---\n+TURN_DOWN\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_plv_synthetic(tmp_path):
    path = _write(tmp_path)
    assert [r["gold"] for r in read_plv(path)] == ["REJECT", "SUPPORT", "CONSULT", "REJECT"]
    assert read_cameo_verbs(tmp_path / "CAMEO.2.0.txt") == {"praise": "051", "laud": "051", "reject": "120"}
    report = evaluate_plv(path)
    assert report["accuracy"] == 0.75  # the last sentence has no coded verb
    assert report["baselines"]["majority"]["accuracy"] == 0.5
    assert report["baselines"]["cameo_verb_lookup"]["accuracy"] == 0.75  # praise, reject, majority x2
    assert "eventwire" in format_table(report)


@pytest.mark.skipif(not os.environ.get("EVENTWIRE_EVAL"), reason="EVENTWIRE_EVAL not set")
def test_plv_smoke():
    path = Path(os.environ["EVENTWIRE_EVAL"]) / "events" / "PLV_train.tsv"
    if not path.exists():
        pytest.skip("PLV_train.tsv absent")
    report = evaluate_plv(path, limit=50)
    assert 0 <= report["accuracy"] <= 1 and "baselines" in report


GSR_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
# a comment line with <EventCoding...> in it, as the real file has
<Sentences>
<Sentence category="TEST" date="20220120" id="T1" evaluate="true"/>
<EventCoding eventcode="120" sourcecode="USA" targetcode="RUS" />
<Text>
The United States rejected Russia's demand.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse>
</Sentence>
<Sentence category="TEST" date="20220120" id="T2" evaluate="true"/>
<EventCoding eventcode="051" sourcecode="FRA" targetcode="DEU" />
<Text>
France looked at Germany.
</Text>
</Sentence>
<Sentence category="TEST" date="20220120" id="T3" evaluate="true">
<EventCoding noevents="True" />
<Text>
The weather in Paris was mild on Thursday.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_petr_gsr_synthetic(tmp_path):
    from eventwire.evaluate.events import evaluate_petr_gsr, read_petr_gsr, score_triples

    path = tmp_path / "gsr.xml"
    path.write_text(GSR_XML, encoding="utf-8")
    rows = read_petr_gsr(path)
    assert [r["id"] for r in rows] == ["T1", "T2", "T3"]
    assert rows[0]["gold"] == [("USA", "RUS", "120")] and rows[0]["date"] == "2022-01-20"
    assert rows[2]["no_event"] and not rows[2]["gold"]
    report = evaluate_petr_gsr(path)
    assert report["root"]["tp"] == 1 and report["root"]["gold"] == 2
    assert report["root"]["recall"] == 0.5 and report["root"]["precision"] == 1.0
    assert report["no_event"] == {"sentences": 1, "silent": 1, "rate": 1.0}
    table = format_table(report)
    assert "PETRARCH GSR" in table and "no-event" in table
    assert evaluate_plv(path)["format"] == "petrarch-gsr"  # the CLI's entry point dispatches on .xml
    # arithmetic: root level ignores the leaf digits, country level the sector
    s = score_triples([[("USAGOV", "RUS", "1124")]], [[("USA", "RUS", "112")]])
    assert s["root"]["tp"] == 0 and s["root_country"]["tp"] == 1 and s["leaf_country"]["tp"] == 0


EMPTY_TEXT_XML = """<Sentences>
<Sentence date="20150101" id="P1" category="OTHER" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="ATLREB" targetcode="BOR" />
<Text>
</Text>
<Parse>
1\tAtlantean\tAtlantean\tADJ\tJJ\t_\t2\tamod\t_\t_
2\trebels\trebel\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\tshelled\tshell\tVERB\tVBD\t_\t0\troot\t_\t_
4\tBorduria\tBorduria\tPROPN\tNNP\t_\t3\tdobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
</Parse>
</Sentence>
</Sentences>
"""


def test_petr_gsr_record_with_empty_text_reads_its_parse(tmp_path):
    from eventwire.evaluate.events import read_petr_gsr

    path = tmp_path / "gsr.xml"
    path.write_text(EMPTY_TEXT_XML, encoding="utf-8")
    [row] = read_petr_gsr(path)
    assert row["text"] == "Atlantean rebels shelled Borduria ."
    assert row["gold"] == [("ATLREB", "BOR", "190")]


# -- PETRARCH unit-test records with their own dictionaries ----------------------------------------
UNIT_XML = """<Validation>
<!-- a comment with <Sentence id="X"> in it -->
<Environment>
    <Verbfile>toy.verbs.txt</Verbfile>
    <Actorfile>toy.actors.txt</Actorfile>
    <Agentfile>toy.agents.txt</Agentfile>
    <Discardfile>toy.discards.txt</Discardfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="U-1" category="DEMO">
<EventCoding sourcecode="ATL" targetcode="BOR" eventcode="X12"></EventCoding>
<Text>Atlantis recalled the ambassador from Borduria.</Text>
</Sentence>
<Sentence date="19950101" id="U-2" category="DEMO">
<EventCoding sourcecode="ATL" targetcode="BOR" eventcode="042"></EventCoding>
<EventCoding sourcecode="BOR" targetcode="ATL" eventcode="043"></EventCoding>
<Text>Atlantis visited Borduria on Monday.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="U-3" category="ERROR">
<EventCoding error="sentencediscard"></EventCoding>
<Text>Atlantis recalled the ambassador after the football match.</Text>
</Sentence>
<Sentence date="19950101" id="U-4" category="AGENT">
<EventCoding sourcecode="ATLGOVFRM" targetcode="BOR" eventcode="X12"></EventCoding>
<Text>The Atlantean foreign minister recalled the ambassador from Borduria.</Text>
</Sentence>
</Sentences>
</Validation>
"""
TOY_VERBS = "--- RECALL [---] ---\nRECALL\n- * AMBASSADOR [X12]\n\n--- VISIT [042:043] ---\nVISIT\n"
TOY_ACTORS = "ATLANTIS_ [ATL]\n+ATLANTEAN_\nBORDURIA [BOR]\n"
TOY_AGENTS = "FOREIGN_MINISTER [~GOVFRM]\n"


def test_unit_test_records_with_their_dictionaries(tmp_path):
    from eventwire.evaluate.events import evaluate_petr_gsr, read_environment, read_petr_gsr

    for name, text in (("records.xml", UNIT_XML), ("toy.verbs.txt", TOY_VERBS), ("toy.actors.txt", TOY_ACTORS),
                       ("toy.agents.txt", TOY_AGENTS), ("toy.discards.txt", "FOOTBALL\n"),
                       ("CAMEO.other.txt", TOY_VERBS.replace("X12", "160"))):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "records.xml"
    assert read_environment(path) == {"verbs": "toy.verbs.txt", "actors": "toy.actors.txt", "agents": "toy.agents.txt",
                                      "discards": "toy.discards.txt"}  # fmt: skip
    rows = read_petr_gsr(path, require_dyad=True)
    assert [r["require_dyad"] for r in rows] == [True, True, False, False]
    assert [r["require_dyad"] for r in read_petr_gsr(path)] == [None, None, False, False]
    assert rows[2]["no_event"] and rows[2]["error"] == "sentencediscard"
    report = evaluate_petr_gsr(path, dictionaries=tmp_path)  # the <Environment> picks toy.verbs.txt
    assert report["format"] == "petrarch-unittest"
    assert report["dictionaries"]["files"]["verbs"] == ["toy.verbs.txt"]
    by_id = {r["id"]: {tuple(t) for t in r["predicted"]} for r in report["records"]}
    assert by_id["U-1"] == {("ATL", "BOR", "X12")}  # the toy code as written, not a CAMEO code
    assert by_id["U-2"] == {("ATL", "BOR", "042"), ("BOR", "ATL", "043")}  # paired codes
    assert by_id["U-3"] == set()  # discarded sentence
    assert by_id["U-4"] == {("ATLGOVFRM", "BOR", "X12")}
    assert report["found"] == 1.0 and report["extra"] == 0.0 and report["element_score"]["score"] == 1.0
    assert report["no_event"]["silent"] == 1
    assert "verb_lookup" in report["baselines"]
    assert "PETRARCH unit tests" in format_table(report)
    without = evaluate_petr_gsr(path)
    assert "note" in without and without["found"] < 1.0


def test_petr_scores():
    from eventwire.evaluate.events import actor_accuracy, element_score, quad_of, root_confusion, score_triples

    gold = [[("ATL", "BOR", "042"), ("BOR", "ATL", "043")], [("ATLGOV", "BOR", "1123")]]
    pred = [[("ATL", "BOR", "042")], [("ATL", "BOR", "112"), ("BOR", "ATL", "190")]]
    s = score_triples(gold, pred)
    assert s["leaf"]["tp"] == 1 and s["root"]["tp"] == 1 and s["root_country"]["tp"] == 2
    assert s["quad"]["tp"] == 1 and s["quad_country"]["tp"] == 2 and quad_of("903") == "?" and quad_of("1123") == "3"
    es = element_score(gold, pred)
    # 042 matched fully (3); 043 unaligned (0); 1123 aligned with ATL BOR 112: target only (1)
    assert es["score"] == round(4 / 9, 4) and es["code"] == round(1 / 3, 4)
    aa = actor_accuracy(gold, pred)
    assert aa["pairs"] == 2 and aa["full"] == 0.75 and aa["country"] == 1.0
    conf = root_confusion(gold, pred)
    assert conf == {"04": {"04": 1, "NONE": 1}, "11": {"11": 1}, "NONE": {"19": 1}}


UNIT = Path(os.environ.get("EVENTWIRE_EVAL", Path(__file__).resolve().parents[3] / "shared" / "eval")) / "events"


@pytest.mark.slow
@pytest.mark.skipif(not (UNIT / "PETR.UnitTest.records.xml").is_file(), reason="the PETRARCH unit tests are not on this machine")
def test_petrarch_unit_test_floor():
    """PETRARCH-2's unit tests with their own toy dictionaries: the floors in benchmarks/floors.json."""
    import json

    from eventwire.evaluate.events import evaluate_petr_gsr

    floors = json.loads((Path(__file__).resolve().parents[2] / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
    report = evaluate_petr_gsr(UNIT / "PETR.UnitTest.records.xml", dictionaries=UNIT)
    assert report["sentences"] == 284 and report["leaf"]["gold"] == 359
    for key, floor in floors["events_petr_unittest"].items():
        if key in ("command", "_note"):
            continue
        value = report
        for part in key.split("."):
            value = value[part]
        if key == "extra":
            assert value <= floor + 1e-9, f"{key} rose to {value} (ceiling {floor})"
        else:
            assert value >= floor - 1e-9, f"{key} fell to {value} (floor {floor})"


def test_petr_gsr_lists_the_records_it_misses(tmp_path):
    from eventwire.evaluate.events import evaluate_petr_gsr

    path = tmp_path / "gsr.xml"
    path.write_text(GSR_XML, encoding="utf-8")
    report = evaluate_petr_gsr(path)
    # T1 is coded right, T3 stays silent; T2 ("looked at") is no event: its gold triple is missed
    assert [m["id"] for m in report["misses"]] == ["T2"]
    assert report["misses"][0]["missed"] == [("FRA", "DEU", "05")] and report["misses"][0]["extra"] == []
    assert "T2: France looked at Germany." in format_table(report, misses=True)
    assert "T2:" not in format_table(report)
