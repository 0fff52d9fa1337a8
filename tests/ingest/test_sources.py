import builtins
import os


from eventwire.ingest import detect_format, read_documents
from eventwire.model import Document, DocumentError


def _write(path, text="Officials met on Monday. They agreed to meet again.\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directory_walk_is_sorted_recursive_and_skips_fifos_and_loops(tmp_path):
    _write(tmp_path / "b.txt")
    _write(tmp_path / "a" / "z.txt")
    _write(tmp_path / "a" / "notes.json", "{}")  # not an article format: skipped in walks
    _write(tmp_path / ".hidden.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    docs = list(read_documents([str(tmp_path)]))
    assert [os.path.relpath(d.input.path, tmp_path) for d in docs] == ["a/z.txt", "b.txt"]


def test_missing_and_unreadable_files_become_error_records(tmp_path, monkeypatch):
    good = _write(tmp_path / "good.txt")
    locked = _write(tmp_path / "locked.txt")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    results = list(read_documents([str(tmp_path / "absent.txt"), str(locked), str(good)]))
    assert [type(r) for r in results] == [DocumentError, DocumentError, Document]
    assert [r.code for r in results[:2]] == ["not-found", "unreadable"]
    assert "permission" in results[1].error.lower()


def test_known_extension_wins_over_sniffing():
    assert detect_format("page.txt", b"<!doctype html><html>") == "text"
    assert detect_format("noext", b"<!doctype html><html>") == "html"
    assert detect_format("noext", b'{"text": "x"}\n{"text": "y"}') == "jsonl"
    assert detect_format("noext", b"%PDF-1.7") == "pdf"
    assert detect_format("noext", b"Plain words.") == "text"


def test_gzipped_text_is_read(tmp_path):
    import gzip

    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Officials met on Monday.\n"))
    [doc] = list(read_documents([str(path)]))
    assert isinstance(doc, Document) and doc.raw == "Officials met on Monday.\n"


def test_same_bytes_at_two_paths_keep_two_ids(tmp_path):
    a, b = _write(tmp_path / "a.txt"), _write(tmp_path / "b.txt")
    ids = [d.id for d in read_documents([str(a), str(b)])]
    assert ids[0] != ids[1]
