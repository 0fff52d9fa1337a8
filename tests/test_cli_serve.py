"""`eventwire serve` serves the store over loopback, read-only, and refuses foreign Host headers."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from eventwire.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_without_a_database_is_a_usage_error(tmp_path):
    assert main(["serve", "--db", str(tmp_path / "absent.db")]) == 2


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_serve_answers_on_loopback(tmp_path):
    (tmp_path / "a.txt").write_text("Officials in Lisbon said the trawler would stay in port.\n")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"]) == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", db, "--port", str(port)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.5)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=5)
        assert info.value.code == 400
    finally:
        server.terminate()
        server.wait(timeout=30)
