"""A run killed with SIGKILL mid-ingest is finished by the next run: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from eventwire.ingest.identity import document_id
from eventwire.store import Corpus

from .conftest import CLEAN, generated_article

ARTICLES = 200
KILL_AFTER = 25  # committed articles seen before the kill

_INGEST = (
    "import sys; from eventwire.settings import Settings; from eventwire.store import Corpus; "
    "Corpus(sys.argv[1]).ingest([sys.argv[2]], Settings(stages=('clean',)))"
)


def _committed(db: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created, or not migrated, yet


def test_resume_after_sigkill(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:04}.txt").write_text(generated_article(n), encoding="utf-8")
    for name in ("empty-1.txt", "empty-2.txt"):
        (folder / name).write_text("\n\n", encoding="utf-8")
    expected_ids = {document_id(p.read_bytes(), str(p)) for p in folder.glob("0*.txt")}
    db = str(tmp_path / "corpus.db")

    child = subprocess.Popen([sys.executable, "-c", _INGEST, db, str(folder)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _committed(db) < KILL_AFTER:
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline, "the ingest never committed anything"
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    before = _committed(db)
    assert KILL_AFTER <= before < ARTICLES, "the run finished before the kill: nothing was tested"

    with Corpus(db) as corpus:
        assert corpus.integrity_check() == "ok"  # straight after the kill, before any repair
        report = corpus.ingest([str(folder)], CLEAN)
        assert report.added == ARTICLES - before
        assert set(corpus.ids()) == expected_ids
        assert [f.code for f in corpus.failures()] == ["empty-input", "empty-input"]
        stats = corpus.stats()
        assert (stats.articles, stats.failures) == (ARTICLES, 2)
        conn = corpus._conn
        assert conn.execute("SELECT count(*) FROM articles a LEFT JOIN minhashes m ON m.article_rowid = a.rowid WHERE m.article_rowid IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == ARTICLES
        assert corpus.integrity_check() == "ok"

        again = corpus.ingest([str(folder)], CLEAN)
        assert (again.added, again.skipped_sources) == (0, ARTICLES + 2)
