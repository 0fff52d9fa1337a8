"""The per-document time limit where Dask runs tasks: in threads other than the main one."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import eventwire
from eventwire.errors import DocumentFailed
from eventwire.limits import time_limit
from eventwire.settings import Settings

from .corpus_gen import article_text


def _in_a_thread(work):
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever happened
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return outcome


def _busy(seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass
    return "ran on"


def test_a_runaway_document_is_stopped_in_a_thread_that_is_not_main():
    started = time.monotonic()

    def work():
        with time_limit(0.2):
            return _busy(10)

    outcome = _in_a_thread(work)
    assert isinstance(outcome.get("error"), DocumentFailed) and outcome["error"].code == "timeout"
    assert "0.2 s" in outcome["error"].message
    assert time.monotonic() - started < 5


def test_a_limit_not_reached_leaves_nothing_behind():
    def work():
        for _ in range(50):
            with time_limit(0.05):
                pass
        return _busy(0.3)  # well past every timer: none of them may fire now

    assert _in_a_thread(work) == {"value": "ran on"}


def test_cleaning_in_a_worker_thread_turns_a_slow_document_into_a_timeout_record(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(article_text(i) for i in range(400)), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(article_text(1), encoding="utf-8")
    with ThreadPoolExecutor(max_workers=1) as pool:  # as a Dask worker runs its tasks
        tight = pool.submit(lambda: list(eventwire.process_paths([str(big)], Settings(stages=("clean",), timeout=0.001)))).result()
        relaxed = pool.submit(lambda: list(eventwire.process_paths([str(small)], Settings(stages=("clean",), timeout=60)))).result()
    assert [getattr(r, "code", None) for r in tight] == ["timeout"]
    assert isinstance(relaxed[0], eventwire.Article)


def test_the_timeout_comes_again_when_a_library_swallows_it():
    swallowed = []

    def work():
        with time_limit(0.1):
            try:
                _busy(10)
            except Exception as exc:  # noqa: BLE001 - what a careless library does
                swallowed.append(exc)
            return _busy(10)

    outcome = _in_a_thread(work)
    assert len(swallowed) == 1 and isinstance(outcome.get("error"), DocumentFailed)
