"""The same runs on a real two-process LocalCluster (slow: the cluster alone costs 7-8 s to start)."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire
from eventwire.scale import process_on_dask, read_part_records
from eventwire.scale.worker import worker_state
from eventwire.settings import Settings

from .corpus_gen import write_folder

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    # Loopback only (the tests allow no other host); processes, so each worker has its own caches.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def _records(out):
    return [record for record, _ in read_part_records(out)]


def test_cluster_run_equals_process_paths(client, tmp_path):
    paths = [str(REPO / "examples"), str(write_folder(tmp_path / "generated", n=50)), str(tmp_path / "missing.txt")]
    expected = [r.to_dict() for r in eventwire.process_paths(paths)]
    report = process_on_dask(paths, tmp_path / "parts", client=client, partition_size=10)
    assert report.partitions >= 8 and report.written == report.partitions
    got = _records(tmp_path / "parts")
    assert got == expected  # same ids, texts and error records, in input order
    assert report.errors == sum("error" in r for r in expected) >= 4

    again = process_on_dask(paths, tmp_path / "parts", client=client, partition_size=10)
    assert (again.written, again.skipped) == (0, report.partitions)
    assert _records(tmp_path / "parts") == expected


def test_nlp_stage_on_cluster_loads_the_pipeline_once_per_worker(client, tmp_path):
    settings = Settings(stages=("clean", "quotes"))
    paths = [str(REPO / "examples" / "feed.jsonl"), *map(str, sorted((REPO / "examples").glob("0*.txt")))]
    report = process_on_dask(paths, tmp_path / "parts", settings, client=client, partition_size=2)
    assert report.partitions >= 5
    got = _records(tmp_path / "parts")
    expected = [r.to_dict() for r in eventwire.process_paths(paths, settings)]
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    assert [r["quotes"] for r in got] == [r["quotes"] for r in expected]
    states = client.run(worker_state)
    assert sum(s["pipeline_loads"] for s in states.values()) <= len(states)  # once per process, not per task
    assert sum(s["pipeline_hits"] for s in states.values()) >= report.partitions - len(states)
