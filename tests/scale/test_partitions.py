"""The partition logic, run in this process (no cluster): same records as `process_paths`, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire
from eventwire.scale import list_units, load_parts_into_store, partition_units, process_on_dask, read_part_records
from eventwire.scale.parts import part_paths
from eventwire.scale.units import ErrorUnit, FileUnit, LineRef, LinesUnit
from eventwire.settings import Settings
from eventwire.store import Corpus

from .corpus_gen import write_folder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def inputs(tmp_path):
    return [str(write_folder(tmp_path / "in", n=12)), str(tmp_path / "missing.txt")]


#: The partition logic does not depend on the stages: cleaning alone keeps these fast.
CLEAN = Settings(stages=("clean",))


def baseline(paths, settings=CLEAN):
    return [r.to_dict() for r in eventwire.process_paths(paths, settings)]


def test_listing_splits_a_feed_into_lines_and_keeps_errors(inputs):
    units = list(list_units(inputs))
    lines = [u for u in units if isinstance(u, LineRef)]
    assert [type(u) for u in units].count(FileUnit) == 13  # 12 articles and the empty file
    assert len(lines) == 11  # every non-blank line of the feed, bad ones included
    assert len({u.fingerprint for u in lines}) == 1
    assert isinstance(units[-1], ErrorUnit) and units[-1].code == "not-found"
    numbers = [u.number for u in lines]
    assert numbers == sorted(numbers) and numbers[-1] > len(lines)  # blank lines were counted, not listed


def test_neighbouring_lines_become_one_run_per_partition(inputs):
    groups = list(partition_units(list_units(inputs), 4))
    assert sum(len(g) for g in groups) < sum(1 for _ in list_units(inputs))
    runs = [u for g in groups for u in g if isinstance(u, LinesUnit)]
    assert len(runs) >= 3  # the feed is spread over several partitions
    assert all(r.first <= r.last for r in runs)


@pytest.mark.parametrize("size", [1, 4, 1000])
def test_records_equal_a_single_process_run(inputs, tmp_path, size):
    report = process_on_dask(inputs, tmp_path / "parts", CLEAN, partition_size=size)
    got = [record for record, _ in read_part_records(tmp_path / "parts")]
    expected = baseline(inputs)
    assert got == expected  # same records, same order, errors in place
    assert report.documents == len(expected) and report.errors == sum("error" in r for r in expected) >= 4


def test_examples_equal_a_single_process_run(tmp_path):
    paths = [str(REPO / "examples")]
    process_on_dask(paths, tmp_path / "parts", CLEAN, partition_size=7)
    assert [r for r, _ in read_part_records(tmp_path / "parts")] == baseline(paths)


def test_rerun_skips_finished_parts_and_redoes_missing_ones(inputs, tmp_path):
    out = tmp_path / "parts"
    first = process_on_dask(inputs, out, CLEAN, partition_size=5)
    assert first.written == first.partitions > 2 and first.skipped == 0
    before = {p: p.stat().st_mtime_ns for p in part_paths(out)}
    lost = part_paths(out)[1]
    lost.unlink()  # as if the run had died before this part
    second = process_on_dask(inputs, out, CLEAN, partition_size=5)
    assert (second.written, second.skipped) == (1, first.partitions - 1)
    assert all(p.stat().st_mtime_ns == t for p, t in before.items() if p != lost)
    assert [r for r, _ in read_part_records(out)] == baseline(inputs)
    assert not list(out.glob(".*.tmp"))  # no temporary file left behind


def test_other_settings_make_other_parts(inputs, tmp_path):
    out = tmp_path / "parts"
    process_on_dask(inputs, out, CLEAN, partition_size=5)
    changed = Settings(stages=("clean",), keep_raw=False)
    report = process_on_dask(inputs, out, changed, partition_size=5)
    assert report.skipped == 0
    records = [r for r, _ in read_part_records(out)]
    assert records == baseline(inputs, changed)  # the manifest names this run's parts only


def test_parts_have_typed_columns(inputs, tmp_path):
    import pyarrow.parquet as pq

    process_on_dask(inputs, tmp_path / "parts", CLEAN, partition_size=100)
    [part] = part_paths(tmp_path / "parts")
    table = pq.read_table(part)
    assert table.column_names[:2] == ["position", "id"]
    rows = table.to_pylist()
    feed = [r for r in rows if r["path"].endswith("feed.jsonl")]
    assert {r["code"] for r in feed} >= {None, "invalid-json", "missing-text"}
    assert [r["url"] for r in feed if r["id"] == "gen-12"] == ["https://north.example/news/12"]
    assert json.loads(table.schema.metadata[b"eventwire"])["stages"] == ["clean"]


def test_load_into_store_is_idempotent(inputs, tmp_path):
    process_on_dask(inputs, tmp_path / "parts", CLEAN, partition_size=5)
    expected = baseline(inputs)
    with Corpus(tmp_path / "news.db") as corpus:
        first = load_parts_into_store(tmp_path / "parts", corpus)
        again = load_parts_into_store(tmp_path / "parts", corpus)
        assert first.added == sum("text" in r for r in expected) and first.failed == sum("error" in r for r in expected)
        assert again.added == 0 and again.already_stored == first.added
        assert sorted(corpus.ids()) == sorted(r["id"] for r in expected if "text" in r)
        assert len(corpus.failures()) == first.failed
        stored = corpus.get(expected[0]["id"])
        assert stored["text"] == expected[0]["text"]
        assert corpus.integrity_check() == "ok"


def test_standard_input_is_refused(tmp_path):
    with pytest.raises(ValueError, match="standard input"):
        process_on_dask(["-"], tmp_path)
