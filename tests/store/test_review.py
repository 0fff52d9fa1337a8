"""Review samples out, marks back in, precision with its interval."""

from __future__ import annotations

import csv
import io

import pytest

from eventwire.errors import UsageError
from eventwire.store import read_review
from eventwire.store.review import Mark, precision, stratified_interval, wilson

from .eventdata import event_article


@pytest.fixture
def evented(corpus):
    corpus.add(event_article("a1", "nrk.no", "2026-03-02", ["accuse", "talks"], dates={1: "2026-03-10"}))
    corpus.add(event_article("a2", "nrk.no", "2026-03-02T18:00:00+01:00", ["accuse", "accuse"]))
    corpus.add(event_article("a3", "barentsobserver.com", "2026-03-02", ["accuse", "detain"], located=True))
    corpus.add(event_article("a4", None, "2026-03-24", ["talks"]))
    return corpus


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_sample_stratified_by_outlet_reaches_every_outlet_and_repeats(evented, tmp_path):
    out = tmp_path / "review.csv"
    assert evented.review_sample(3, seed=7, out=out, stratify="outlet") == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(r["correct?"] == "" for r in rows)
    assert {r["outlet"] for r in rows} == {"nrk.no", "barentsobserver.com", ""}  # every outlet, even with 3 rows
    assert {r["stratum"]: int(r["stratum_size"]) for r in rows} == {"nrk.no": 4, "barentsobserver.com": 2, "": 1}
    for r in rows:
        assert r["evidence"] in r["sentence"]
    again = io.StringIO()
    evented.review_sample(3, seed=7, out=again, stratify="outlet")
    assert again.getvalue() == out.read_text(encoding="utf-8")


def test_a_sample_stratified_by_root_code_reaches_every_root(evented):
    out = io.StringIO()
    assert evented.review_sample(3, seed=1, out=out, stratify="root") == 3
    rows = _rows(out.getvalue())
    assert {r["root"] for r in rows} == {"11", "03", "17"}
    assert all(r["stratum"] == r["root"] and r["stratum_by"] == "root" for r in rows)


def test_a_simple_sample_and_its_limits(evented):
    everything = io.StringIO()
    assert evented.review_sample(100, seed=1, out=everything) == 7
    assert {r["stratum_by"] for r in _rows(everything.getvalue())} == {""}
    assert evented.review_sample(2, seed=1, out=io.StringIO(), kind="quotes") == 0
    with pytest.raises(UsageError):
        evented.review_sample(2, seed=1, out=io.StringIO(), kind="quotes", stratify="root")
    with pytest.raises(UsageError):
        evented.review_sample(2, seed=1, out=io.StringIO(), kind="places")


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    low, high = wilson(10, 10)
    assert high == 1.0 and round(low, 4) == 0.7225  # never outside [0, 1], unlike the normal interval
    assert wilson(0, 0) == (None, None)


def test_marks_read_back_as_precision_with_a_wilson_interval(evented):
    out = io.StringIO()
    evented.review_sample(7, seed=3, out=out)
    rows = _rows(out.getvalue())
    marks = ["y", "Yes", "n", "", "?", "1", "✓"]
    for row, mark in zip(rows, marks):
        row["correct?"] = mark
    marked = io.StringIO()
    writer = csv.DictWriter(marked, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    report = read_review(io.StringIO(marked.getvalue()))
    assert (report.kind, report.rows, report.marked, report.correct, report.wrong, report.unmarked, report.unsure) == ("event", 7, 5, 4, 1, 1, 1)
    assert report.precision == pytest.approx(0.8)
    assert (report.low, report.high) == pytest.approx(wilson(4, 5))
    assert "Wilson" in report.method and report.strata == []


def test_a_stratified_sample_is_weighted_by_stratum_size():
    # 90 items in a big stratum, all correct in the sample; 10 in a small one, all wrong.
    marks = [Mark(str(i), "big", 90, True) for i in range(5)] + [Mark(str(i), "small", 10, False) for i in range(5, 10)]
    report = precision("event", marks, stratified_by="outlet")
    assert report.unweighted_precision == pytest.approx(0.5)
    assert report.precision == pytest.approx(0.9)  # 0.9 * 1 + 0.1 * 0
    assert [(s.stratum, s.marked, s.precision) for s in report.strata] == [("big", 5, 1.0), ("small", 5, 0.0)]
    assert report.low <= report.precision <= report.high
    assert "Jeffreys" in report.method


def test_the_stratified_interval_is_never_empty_and_repeats_with_its_seed():
    mixed = [(50, [True, False, True, True, False, True]), (50, [True, True, False, True])]
    low, high = stratified_interval(mixed, seed=0)
    assert 0.2 < low < 0.5 * 4 / 6 + 0.5 * 3 / 4 < high < 1.0
    assert stratified_interval(mixed, seed=0) == (low, high)
    # One item per stratum, each all right or all wrong: a bootstrap would give a zero-width interval here.
    singles = [(20, [True]), (30, [False]), (50, [True])]
    low, high = stratified_interval(singles)
    assert high - low > 0.3 and low < 0.7 < high


def test_marks_that_are_not_understood_are_a_usage_error_naming_the_line(evented):
    out = io.StringIO()
    evented.review_sample(2, seed=3, out=out)
    text = out.getvalue().splitlines()
    header, first = text[0], text[1]
    bad = header + "\n" + first[: first.rindex(",,")] + ",maybe,\n"
    with pytest.raises(UsageError, match="line 2"):
        read_review(io.StringIO(bad))
    with pytest.raises(UsageError, match="not a review file"):
        read_review(io.StringIO("a,b\n1,2\n"))
