"""A 50 MB paste goes through reading and cleaning without raising or hanging (and stays linear in time).

The NLP stages' chunking of long texts is tested in tests/nlp (spaCy at ~3,000 words/s would take
the better part of an hour on 50 MB)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_fifty_megabyte_file(tmp_path):
    article = (FIXTURES / "atlantic_courier.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as out:
        written = 0
        while written < 50_000_000:
            out.write(article + "\n\n")
            written += len(article) + 2
    result = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "process", str(big), "--stages", "clean", "--no-raw", "-o", str(tmp_path / "out.jsonl")],
        capture_output=True, text=True, timeout=540,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert len(record["paragraphs"]) > 100_000
    assert record["raw"] is None
