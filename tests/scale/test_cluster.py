"""The same runs on a real two-process LocalCluster (slow: the cluster alone costs 7-8 s to start)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

import eventwire
from eventwire.scale import load_parts_into_store, process_on_dask, read_part_records
from eventwire.scale.parts import part_paths
from eventwire.scale.worker import worker_state
from eventwire.settings import Settings
from eventwire.store import Corpus

from .corpus_gen import article_text, write_folder

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
CLEAN = Settings(stages=("clean",))


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
    expected = [r.to_dict() for r in eventwire.process_paths(paths, CLEAN)]
    report = process_on_dask(paths, tmp_path / "parts", CLEAN, client=client, partition_size=10)
    assert report.partitions >= 8 and report.written == report.partitions
    got = _records(tmp_path / "parts")
    assert got == expected  # same ids, texts and error records, in input order
    assert report.errors == sum("error" in r for r in expected) >= 4

    again = process_on_dask(paths, tmp_path / "parts", CLEAN, client=client, partition_size=10)
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


def test_the_time_limit_holds_on_the_workers(client, tmp_path):
    # Before the watchdog, a worker's thread ran every document without a limit: no timeouts here.
    folder = write_folder(tmp_path / "generated", n=6)
    big = folder / "big.txt"
    big.write_text("\n\n".join(article_text(i) for i in range(400)), encoding="utf-8")
    tight = Settings(stages=("clean",), timeout=0.001)
    process_on_dask([str(big)], tmp_path / "tight", tight, client=client, partition_size=1)
    assert [r.get("code") for r in _records(tmp_path / "tight")] == ["timeout"]
    process_on_dask([str(big)], tmp_path / "relaxed", CLEAN, client=client, partition_size=1)
    assert "text" in _records(tmp_path / "relaxed")[0]


@pytest.mark.timeout(600)
def test_a_worker_killed_mid_run_leaves_every_document_exactly_once(tmp_path):
    distributed = pytest.importorskip("distributed")
    paths = [str(write_folder(tmp_path / "generated", n=600))]
    expected = [r.to_dict() for r in eventwire.process_paths(paths, CLEAN)]
    out = tmp_path / "parts"
    outcome: dict = {}
    # A cluster of its own: the kill must not disturb the other tests' workers.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            def run() -> None:
                try:
                    outcome["report"] = process_on_dask(paths, out, CLEAN, client=client, partition_size=8)
                except BaseException as exc:  # noqa: BLE001 - reported by the assertions below
                    outcome["error"] = exc

            driver = threading.Thread(target=run)
            driver.start()
            deadline = time.monotonic() + 120
            while len(part_paths(out)) < 3:
                assert driver.is_alive() and time.monotonic() < deadline, outcome
                time.sleep(0.02)
            victim_address, victim_pid = sorted(client.run(os.getpid).items())[0]
            os.kill(victim_pid, signal.SIGKILL)
            done_at_kill = len(part_paths(out))
            driver.join(300)
            assert not driver.is_alive() and "error" not in outcome, outcome
            report = outcome["report"]
            assert done_at_kill < report.partitions, "the run ended before the kill: nothing was tested"
            assert victim_pid not in client.run(os.getpid).values()  # the nanny started a new worker process
    got = _records(out)
    assert Counter(r["id"] if "id" in r else (r.get("path"), r.get("index"), r["code"]) for r in got).most_common(1)[0][1] == 1
    assert got == expected  # every document once, in input order, nothing lost
    with Corpus(tmp_path / "store.db") as corpus:
        loaded = load_parts_into_store(out, corpus)
        assert loaded.added == sum("text" in r for r in expected) == len(corpus.ids()) == len(set(corpus.ids()))
        assert corpus.integrity_check() == "ok"
