"""The PLV scorer's arithmetic on tiny synthetic files written here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.evaluate.events import (
    classification_scores, evaluate_plv, format_table, read_cameo_verbs, read_plv, strip_markup,
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
