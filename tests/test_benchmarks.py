"""The benchmark's scorer must be able to fail: its self-test checks an oracle scores 1 and weak cleaners do not."""

import subprocess
import sys

from tests.conftest import REPO


def test_cleaning_benchmark_self_test():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "cleaning" / "run.py"), "--self-test"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
