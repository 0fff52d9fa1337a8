import json

from eventwire.ingest import read_documents
from eventwire.model import Document, DocumentError


def test_each_line_is_a_document_and_bad_lines_fail_alone(tmp_path):
    lines = [
        json.dumps({"id": "a1", "url": "https://n.example/1", "date": "2026-03-02", "text": "Talks resumed on Monday."}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second story.", "url": 5}),
        json.dumps({"text": "Third story."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_documents([str(path)]))
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == [
        "ok", "invalid-json", "missing-text", "invalid-json", "invalid-json", "ok",
    ]
    first, last = results[0], results[-1]
    assert isinstance(first, Document) and first.id == "a1" and first.url == "https://n.example/1" and first.date == "2026-03-02"
    assert [r.index if isinstance(r, DocumentError) else r.input.index for r in results] == [1, 2, 3, 5, 6, 7]
    assert isinstance(last, Document) and len(last.id) == 20
