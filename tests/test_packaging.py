"""The built wheel carries everything it needs: install it in a clean venv and run it from elsewhere."""

import json
import subprocess
import sys
import venv

import pytest

from tests.conftest import FIXTURES, REPO


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = list(dist.glob("eventwire-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", "-c", str(REPO / "constraints.txt"), str(wheel)], check=True, capture_output=True, timeout=600)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "story.txt").write_bytes((FIXTURES / "atlantic_courier.txt").read_bytes())
    result = subprocess.run(
        [str(env_dir / "bin" / "eventwire"), "process", "story.txt"], cwd=outside, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["outlet"]["name"] == "Atlantic Courier"
    assert len(record["paragraphs"]) == 8
    assert {w["code"] for w in record["warnings"]} >= {"link-dated-after-article", "url-repaired"}
