import json
import subprocess
import sys

import pytest

from eventwire.cli import main

ARTICLE = "Officials in Lisbon met on Monday.\n\nThey agreed to meet again next week.\n"


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_one_record_per_document_in_input_order_with_errors_in_place(tmp_path, capsys, validate):
    (tmp_path / "1.txt").write_text(ARTICLE)
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    code, out, err = run(["process", str(tmp_path / "1.txt"), str(tmp_path / "2.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "3.txt")], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r.get("code", "ok") for r in records] == ["ok", "empty-input", "not-found", "ok"]
    assert "Tuesday" in records[3]["text"]
    assert records[1]["path"].endswith("2.txt")
    for record in records:
        validate(record)
    assert "[empty-input]" in err and "[not-found]" in err
    assert "4 document(s): 2 processed, 2 failed" in err


def test_all_good_exits_zero_and_json_format_is_an_array(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out, _ = run(["process", str(tmp_path), "--format", "json", "--no-raw"], capsys)
    assert code == 0
    records = json.loads(out)
    assert len(records) == 1 and records[0]["raw"] is None


def test_stdin_with_url_and_date(capsys, monkeypatch):
    code, out, _ = run(["process", "-", "--url", "https://n.example/x", "--date", "2026-03-04"], capsys, stdin=ARTICLE, monkeypatch=monkeypatch)
    record = json.loads(out)
    assert code == 0
    assert record["url"] == "https://n.example/x" and record["published"] == "2026-03-04"
    assert record["input"]["path"] is None


def test_output_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out, _ = run(["process", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 0 and out == ""
    assert json.loads((tmp_path / "out.jsonl").read_text())["paragraphs"] == [[0, 34], [36, 72]]


@pytest.mark.parametrize(
    "args",
    [
        ["process"],
        ["process", "a", "b", "--url", "https://x.example"],
        ["process", "x.txt", "--format", "xml"],
        ["search", "anything"],
        ["eval"],
        [],
    ],
)
def test_usage_errors_exit_two(args, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `search` without --db reads ./eventwire.db, which must not exist here
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2


def test_help_teaches_by_example(capsys):
    with pytest.raises(SystemExit):
        main(["process", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "eventwire process articles/" in out and "Exit code" in out


def test_codes_lists_every_code(capsys):
    from eventwire.codes import ERROR_CODES, WARNING_CODES

    assert main(["codes"]) == 0
    out = capsys.readouterr().out
    for code in [*WARNING_CODES, *ERROR_CODES]:
        assert code in out


def test_console_script_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("eventwire ")


def test_a_wrong_dictionaries_folder_is_one_usage_error(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["process", str(article), "--dictionaries", str(tmp_path / "missing")], capsys)
    assert code == 2 and out == ""
    assert "--dictionaries" in err and "no dictionary folder" in err
    (tmp_path / "empty").mkdir()
    code, out, err = run(["process", str(article), "--dictionaries", str(tmp_path / "empty")], capsys)
    assert code == 2 and "no PETRARCH dictionaries" in err


def test_summary_counts_what_each_stage_found(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text('Harbour master Petra Lund said on Friday that the port would reopen.\n\n"We are ready," Lund said in Tromsø.\n', encoding="utf-8")
    code, _, err = run(["process", str(article), str(tmp_path / "missing.txt"), "--summary", "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 1
    lines = err.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith("title / error"))
    header, row, error_row = lines[at : at + 3]
    columns = header.split()
    assert columns[5:8] == ["quot", "evts", "plcs"]
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row.split()[5:8] == [str(len(record["quotes"])), str(len(record["events"])), str(len(record["places"]))]
    assert len(record["quotes"]) >= 2 and "[not-found]" in error_row


def test_a_bad_actors_file_is_one_usage_error_naming_what_is_wrong(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "actors.tsv"
    bad.write_text("name\taliases\tcode\trole\tstart\tend\tnotes\nAnna Berg\t\tNORGOV\t\t2026-13-01\t\t\n", encoding="utf-8")
    code, out, err = run(["process", str(article), "--actors", str(bad)], capsys)
    assert code == 2 and out == ""
    assert "actors.tsv:2" in err and "bad date" in err
