"""A short run of the load test (benchmarks/web/run.py): 50 clients on loopback against `eventwire serve`.

It checks that the server answers every request under concurrency; speed is the benchmark's
business (benchmarks/results/web.md), so no latency is asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_fifty_clients_get_answers(db_path, tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "web" / "run.py"), "--db", db_path, "--clients", "50", "--seconds", "3",
         "--results-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "web.json").read_text())["load"]
    assert report["clients"] == 50 and report["threads_still_running"] == 0
    assert report["requests"] >= 50
    # Generous: a handful of failures in a loaded CI box would be noise, more would be a fault.
    assert report["errors"] <= max(1, report["requests"] // 100), report["error_examples"]
    assert {"overview", "search", "article", "dyad", "network", "map"} <= set(report["by_kind"])
    assert (tmp_path / "web.md").read_text().startswith("Web view load test")
