"""Input that decodes only to garbage is a per-document error, through the CLI; the batch goes on."""

import json

from eventwire.cli import main

JUNK_BEHIND_UTF16_BOM = b"\xff\xfe\x00garbage"
ARTICLE = "Officials in Vardø said the ferry would run again on Monday.\n\nTickets for the cancelled crossings stay valid.\n"


def test_process_reports_junk_as_undecodable(tmp_path, capsys, validate):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(JUNK_BEHIND_UTF16_BOM)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["process", "--stages", "clean", str(junk), str(tmp_path / "good.txt")])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r.get("code", "ok") for r in records] == ["undecodable", "ok"]
    assert records[0]["path"] == str(junk)
    assert "Vardø" in records[1]["text"]
    for record in records:
        validate(record)
    assert "[undecodable]" in err and "2 document(s): 1 processed, 1 failed" in err


def test_ingest_stores_the_article_and_lists_the_junk_as_a_failure(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "junk.txt").write_bytes(JUNK_BEHIND_UTF16_BOM)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(folder), "--stages", "clean", "--db", db, "-q"]) == 1  # some documents failed
    capsys.readouterr()
    assert main(["ingest", "--list-failures", "--db", db]) == 0
    _header, *rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 1 and " undecodable " in rows[0]  # the table may cut long paths short
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["articles"], stats["failures"]) == (1, 1)
