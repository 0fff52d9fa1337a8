"""Accuracy floors: no change may silently lower a measured figure on the examples' own gold."""

import json
import os
import re
from pathlib import Path

import pytest

from eventwire.evaluate.cleaning import evaluate_cleaning
from tests.conftest import REPO

FLOORS = json.loads((REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))


def _get(report: dict, dotted: str) -> float:
    value = report
    for key in dotted.split("."):
        value = value[key]
    return value


@pytest.fixture(scope="module")
def cleaning_report():
    return evaluate_cleaning(REPO / "examples" / "gold")


def test_no_example_fails(cleaning_report):
    assert cleaning_report["documents"] >= 12
    assert cleaning_report["failures"] == []


@pytest.mark.parametrize("metric", [k for k in FLOORS["cleaning"] if k != "command"])
def test_cleaning_floor(cleaning_report, metric):
    measured = _get(cleaning_report["systems"]["eventwire"], metric)
    assert measured >= FLOORS["cleaning"][metric] - 1e-9, f"{metric} fell to {measured} (floor {FLOORS['cleaning'][metric]})"


def test_eventwire_beats_the_naive_baseline(cleaning_report):
    ours, naive = cleaning_report["systems"]["eventwire"], cleaning_report["systems"]["naive"]
    assert ours["paragraphs"]["recall"] > naive["paragraphs"]["recall"]
    assert ours["links"]["f1"] > naive["links"]["f1"]


@pytest.fixture(scope="module")
def benchmark_own(tmp_path_factory):
    """The cleaning benchmark on our own examples only (no ../shared in CI)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("bench") / "cleaning.json"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "cleaning" / "run.py"), "--eval-dir", str(out.parent / "absent"), "--out", str(out)],
        check=True, capture_output=True, timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))["results"]["eventwire"]["by_variant"]


@pytest.mark.parametrize("key", [k for k in FLOORS.get("cleaning_benchmark_own", {}) if k != "command"])
def test_cleaning_benchmark_floor(benchmark_own, key):
    variant, metric = key.split(".")
    floor = FLOORS["cleaning_benchmark_own"][key]
    measured = benchmark_own[variant][metric]
    if metric == "body_lines_dropped":
        assert measured <= floor + 1e-9, f"{key} rose to {measured} (ceiling {floor})"
    else:
        assert measured >= floor - 1e-9, f"{key} fell to {measured} (floor {floor})"


@pytest.fixture(scope="module")
def quotes_report():
    from eventwire.evaluate.quotes import evaluate_quotes

    return evaluate_quotes(REPO / "examples" / "gold", samples=0, systems=("eventwire",))


@pytest.mark.parametrize("metric", [k for k in FLOORS.get("quotes_examples", {}) if k != "command"])
def test_quotes_floor(quotes_report, metric):
    floor = FLOORS["quotes_examples"][metric]
    # Keys are dotted paths, but the overlap names themselves hold a dot ("overlap_0.3").
    value = quotes_report
    for part in re.findall(r"overlap_0\.\d|jaccard_0\.\d|[a-z_0-9]+", metric):
        value = value[part]
    assert value >= floor - 1e-9, f"{metric} fell to {value} (floor {floor})"


GGT_DEV = Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval")) / "quotes" / "ggt-dev.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not GGT_DEV.is_file(), reason="the GGT dev set is not on this machine")
@pytest.mark.parametrize("metric", [k for k in FLOORS.get("quotes_ggt_dev", {}) if k != "command"])
def test_quotes_ggt_dev_floor(ggt_report, metric):
    floor = FLOORS["quotes_ggt_dev"][metric]
    value = ggt_report
    for part in re.findall(r"overlap_0\.\d|jaccard_0\.\d|[a-z_0-9]+", metric):
        value = value[part]
    assert value >= floor - 1e-9, f"{metric} fell to {value} (floor {floor})"


@pytest.fixture(scope="module")
def ggt_report():
    from eventwire.evaluate.quotes import evaluate_quotes

    return evaluate_quotes(GGT_DEV, samples=0, systems=("eventwire",))


PLV = Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval")) / "events" / "PLV_train.tsv"


@pytest.mark.slow
@pytest.mark.skipif(not PLV.is_file(), reason="the PLV set is not on this machine")
def test_events_plv_floor():
    from eventwire.evaluate.events import evaluate_plv

    report = evaluate_plv(PLV)
    for metric in ("accuracy", "macro_f1"):
        assert report[metric] >= FLOORS["events_plv"][metric] - 1e-9, f"{metric} fell to {report[metric]}"
    assert report["accuracy"] > report["baselines"]["cameo_verb_lookup"]["accuracy"]


@pytest.fixture(scope="module")
def events_examples_report():
    import importlib.util

    spec = importlib.util.spec_from_file_location("events_examples", REPO / "benchmarks" / "events" / "examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate_examples(REPO / "examples" / "gold")


@pytest.mark.parametrize("metric", [k for k in FLOORS.get("events_examples", {}) if k != "command"])
def test_events_examples_floor(events_examples_report, metric):
    """Events on our own four annotated examples (gold `events` in examples/gold/*.json)."""
    value = _get(events_examples_report, metric)
    assert value >= FLOORS["events_examples"][metric] - 1e-9, f"{metric} fell to {value}"


PLOVER_OWN = REPO / "examples" / "gold" / "plover_dyads.tsv"
CAMEO_VERBS = Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval")) / "events" / "CAMEO.2.0.txt"


@pytest.fixture(scope="module")
def plover_own_report():
    """Our own PLV-format dyad set; the verb-lookup baseline only where PETRARCH's dictionary is on this machine."""
    from eventwire.evaluate.events import evaluate_plv

    return evaluate_plv(PLOVER_OWN, dictionary=CAMEO_VERBS if CAMEO_VERBS.is_file() else None)


@pytest.mark.parametrize("metric", [k for k in FLOORS.get("events_plover_own", {}) if k != "command"])
def test_events_plover_own_floor(plover_own_report, metric):
    value = _get(plover_own_report, metric)
    assert value >= FLOORS["events_plover_own"][metric] - 1e-9, f"{metric} fell to {value}"


def test_events_plover_own_beats_its_baselines(plover_own_report):
    assert plover_own_report["sentences"] == 150 and len(plover_own_report["per_label"]) == 15
    baselines = plover_own_report["baselines"]
    assert plover_own_report["accuracy"] > baselines["majority"]["accuracy"]
    assert plover_own_report["accuracy"] > baselines["lexicon_verb_lookup"]["accuracy"]  # no parse, our own verbs
    if "accuracy" in baselines["cameo_verb_lookup"]:
        assert plover_own_report["accuracy"] > baselines["cameo_verb_lookup"]["accuracy"]
        assert plover_own_report["macro_f1"] > baselines["cameo_verb_lookup"]["macro_f1"]


GSR = Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval")) / "events" / "PETR2_GSR_validation.xml"


@pytest.mark.slow
@pytest.mark.skipif(not GSR.is_file(), reason="the PETRARCH-2 GSR set is not on this machine")
def test_events_gsr_floor():
    from eventwire.evaluate.events import evaluate_petr_gsr

    report = evaluate_petr_gsr(GSR)
    for key, floor in FLOORS["events_gsr"].items():
        if key == "command":
            continue
        group, metric = key.split(".")
        assert report[group][metric] >= floor - 1e-9, f"{key} fell to {report[group][metric]} (floor {floor})"


# ----- places ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def places_report():
    from eventwire.evaluate.places import evaluate_places

    return evaluate_places(REPO / "examples" / "gold" / "places.tsv")


@pytest.mark.slow
@pytest.mark.parametrize("metric", [k for k in FLOORS.get("places_examples", {}) if k != "command"])
def test_places_examples_floor(places_report, metric):
    floor = FLOORS["places_examples"][metric]
    value = _get(places_report, metric)
    assert value >= floor - 1e-9, f"{metric} fell to {value} (floor {floor})"


@pytest.mark.slow
def test_places_beat_their_baselines_on_our_examples(places_report):
    assert places_report["gold_toponyms"] >= 70 and places_report["gold_skipped"] == 0
    for measure in ("recognition", "metonymy"):
        assert places_report[measure]["eventwire"]["f1"] > places_report[measure]["baseline"]["f1"], measure


GEOCORPORA = (Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval"))
              / "actors-geo" / "geocorpora" / "geocorpora_1544784178012.tsv")


@pytest.mark.skipif(not GEOCORPORA.is_file(), reason="GeoCorpora is not on this machine")
def test_places_geocorpora_resolution_floor():
    """Resolution given gold toponyms: no spaCy, under a second."""
    from eventwire.evaluate.places import evaluate_places

    report = evaluate_places(GEOCORPORA, recognition=False)
    for key, floor in FLOORS["places_geocorpora"].items():
        if key.startswith("resolution."):
            assert _get(report, key) >= floor - 1e-9, f"{key} fell to {_get(report, key)} (floor {floor})"
    res = report["resolution"]
    assert res["eventwire"]["acc@161"] > res["baseline"]["acc@161"]


@pytest.mark.slow
@pytest.mark.skipif(not GEOCORPORA.is_file(), reason="GeoCorpora is not on this machine")
def test_places_geocorpora_recognition_floor():
    from eventwire.evaluate.places import evaluate_places

    report = evaluate_places(GEOCORPORA)
    for key, floor in FLOORS["places_geocorpora"].items():
        if key.startswith("recognition."):
            assert _get(report, key) >= floor - 1e-9, f"{key} fell to {_get(report, key)} (floor {floor})"
