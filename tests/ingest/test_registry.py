import time

from eventwire import ingest
from eventwire.ingest import read_documents
from eventwire.model import Document, DocumentError
from eventwire.settings import Settings


def test_a_reader_bug_costs_one_document_not_the_batch(tmp_path, monkeypatch):
    def broken_reader(stream, source, settings):
        raise KeyError("layout")
        yield

    monkeypatch.setitem(ingest.READERS, "jsonl", broken_reader)
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "b.txt").write_text("Officials met on Monday.\n")
    records = list(read_documents([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")]))
    assert isinstance(records[0], DocumentError) and records[0].code == "internal-error"
    assert isinstance(records[1], Document)


def test_reading_counts_against_the_time_limit(tmp_path, monkeypatch):
    def slow_reader(stream, source, settings):
        time.sleep(5)
        yield

    monkeypatch.setitem(ingest.READERS, "text", slow_reader)
    (tmp_path / "a.txt").write_text("Officials met on Monday.\n")
    started = time.monotonic()
    [record] = list(read_documents([str(tmp_path / "a.txt")], Settings(timeout=0.3)))
    assert isinstance(record, DocumentError) and record.code == "timeout"
    assert time.monotonic() - started < 3
