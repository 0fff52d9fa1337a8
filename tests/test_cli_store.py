import json

import pytest

from eventwire.cli import main

ARTICLE = "Officials in Lisbon said the trawler would stay in port.\n\nThe talks resume on Monday.\n"


def test_ingest_search_stats_round_trip(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_bytes(b"")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path), "--db", db]) == 1  # b.txt is empty: stored as a failure
    assert main(["ingest", str(tmp_path), "--db", db]) == 0  # nothing new: both files were finished
    capsys.readouterr()
    assert main(["ingest", "--list-failures", "--db", db]) == 0
    assert "empty-input" in capsys.readouterr().out
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 1 and stats["failures"] == 1
    assert main(["search", "trawler", "--db", db, "--format", "jsonl"]) == 0
    [hit] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hit["kind"] == "article" and "[trawler]" in hit["snippet"]


def test_malformed_query_and_missing_database_are_usage_errors(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"]) == 0
    assert main(["search", "cease-fire", "--db", db]) == 2
    assert "cannot search" in capsys.readouterr().err
    assert main(["search", "cease-fire", "--plain", "--db", db]) == 0
    assert main(["quotes", "--db", str(tmp_path / "absent.db")]) == 2
    assert main(["ingest", "--db", db]) == 2


def test_export_jsonl_to_stdout_round_trips_the_records(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["export", "-", "--format", "jsonl", "--db", db]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["text"].startswith("Officials in Lisbon") and record["schema_version"] == "1.0"
    assert main(["export", str(tmp_path / "out"), "--format", "csv", "--db", db]) == 0
    assert (tmp_path / "out" / "articles.csv").read_text().startswith("article_id,")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ingest_on_a_local_dask_cluster_matches_a_plain_ingest(tmp_path, capsys):
    for i in range(6):
        (tmp_path / "in" / f"{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"{i}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"))
    plain, dask = str(tmp_path / "plain.db"), str(tmp_path / "dask.db")
    assert main(["ingest", str(tmp_path / "in"), "--db", plain, "-q"]) == 0
    assert main(["ingest", str(tmp_path / "in"), "--db", dask, "--workers", "2", "-q"]) == 0
    assert main(["ingest", str(tmp_path / "in"), "--db", dask, "--workers", "2", "-q"]) == 0  # resumes: nothing new
    capsys.readouterr()
    counts = []
    for db in (plain, dask):
        assert main(["stats", "--db", db, "--format", "json"]) == 0
        counts.append(json.loads(capsys.readouterr().out)["articles"])
    assert counts == [6, 6]
