import json

import pytest

from eventwire.cli import main

ARTICLE = "Officials in Lisbon said the trawler would stay in port.\n\nThe talks resume on Monday.\n"


def test_ingest_search_stats_round_trip(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_bytes(b"")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path), "--stages", "clean", "--db", db]) == 1  # b.txt is empty: stored as a failure
    assert main(["ingest", str(tmp_path), "--stages", "clean", "--db", db]) == 0  # nothing new: both files were finished
    capsys.readouterr()
    assert main(["ingest", "--list-failures", "--stages", "clean", "--db", db]) == 0
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
    assert main(["ingest", str(tmp_path / "a.txt"), "--stages", "clean", "--db", db, "-q"]) == 0
    assert main(["search", "cease-fire", "--db", db]) == 2
    assert "cannot search" in capsys.readouterr().err
    assert main(["search", "cease-fire", "--plain", "--db", db]) == 0
    assert main(["quotes", "--db", str(tmp_path / "absent.db")]) == 2
    assert main(["ingest", "--db", db]) == 2


def test_export_jsonl_to_stdout_round_trips_the_records(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--stages", "clean", "--db", db, "-q"]) == 0
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
    assert main(["ingest", str(tmp_path / "in"), "--stages", "clean", "--db", plain, "-q"]) == 0
    assert main(["ingest", str(tmp_path / "in"), "--stages", "clean", "--db", dask, "--workers", "2", "-q"]) == 0
    assert main(["ingest", str(tmp_path / "in"), "--stages", "clean", "--db", dask, "--workers", "2", "-q"]) == 0  # resumes: nothing new
    capsys.readouterr()
    counts = []
    for db in (plain, dask):
        assert main(["stats", "--db", db, "--format", "json"]) == 0
        counts.append(json.loads(capsys.readouterr().out)["articles"])
    assert counts == [6, 6]


def test_naming_the_same_folder_another_way_stores_no_copies(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"))
    assert main(["ingest", "in/", "--stages", "clean", "--db", "c.db", "-q"]) == 0
    for spelling in ("./in/", "in//", "./in/../in"):
        assert main(["ingest", spelling, "--stages", "clean", "--db", "c.db"]) == 0
        assert "0 added" in capsys.readouterr().err
    assert main(["stats", "--db", "c.db", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 3


@pytest.fixture
def evented_db(tmp_path):
    from eventwire.store import Corpus

    from .store.eventdata import event_article

    db = str(tmp_path / "events.db")
    with Corpus(db) as corpus:
        corpus.add(event_article("a1", "nrk.no", "2026-03-02", ["accuse", "talks"], dates={1: "2026-03-10"}))
        corpus.add(event_article("a2", "barentsobserver.com", "2026-03-02", ["accuse", "detain"], located=True))
        corpus.add(event_article("a3", None, "2026-03-24", ["talks"]))
    return db


def test_events_lists_clusters_and_the_dyad_series(evented_db, capsys):
    assert main(["events", "--db", evented_db, "--format", "jsonl"]) == 0
    clusters = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(c["date"], c["source_code"], c["code"], c["num_mentions"]) for c in clusters][0] == ("2026-03-02", "NORGOV", "112", 2)
    assert clusters[0]["mentions"][0]["article_id"] == "a1"  # where to read each supporting sentence
    assert main(["events", "--db", evented_db, "--source", "NORGOV", "--target", "RUS", "--by", "week", "--format", "csv"]) == 0
    rows = list(__import__("csv").DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["period"], r["events"], r["goldstein_mean"], r["quad3"]) for r in rows] == [
        ("2026-03-02", "1", "-2.0", "1"), ("2026-03-09", "1", "4.0", "0"), ("2026-03-16", "0", "", "0"), ("2026-03-23", "1", "4.0", "0"),
    ]
    assert main(["events", "--db", evented_db, "--source", "RUS", "--target", "NOR", "--level", "country", "--root", "17"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["date", "source_code", "target_code", "code"] and "RUSMIL" in table[1]
    with pytest.raises(SystemExit):
        main(["events", "--db", evented_db, "--by", "fortnight"])
    assert main(["events", "--db", evented_db, "--by", "week", "--limit", "3"]) == 2


def test_actors_lists_codes_and_people(evented_db, capsys):
    assert main(["actors", "--db", evented_db, "--format", "jsonl"]) == 0
    actors = {a["code"]: a for a in map(json.loads, capsys.readouterr().out.splitlines())}
    assert (actors["NORGOV"]["as_source"], actors["NORGOV"]["articles"], actors["RUS"]["as_target"]) == (4, 3, 4)
    assert main(["actors", "--db", evented_db, "--code", "RUS"]) == 0
    out = capsys.readouterr().out
    assert "RUSMIL" in out and "NORGOV" not in out
    assert main(["actors", "--people", "--db", evented_db]) == 0


def test_review_export_then_import_reports_precision(evented_db, tmp_path, capsys):
    out = tmp_path / "review.csv"
    assert main(["review", "export", "--sample", "4", "--stratify", "root", str(out), "--db", evented_db]) == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and {r["root"] for r in rows} == {"11", "03", "17"}
    for row, mark in zip(rows, ["y", "y", "n", "y"]):
        row["correct?"] = mark
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main(["review", "import", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["marked"], report["correct"], report["stratified_by"]) == (4, 3, "root")
    assert report["low"] <= report["precision"] <= report["high"] and "Jeffreys" in report["method"]
    assert main(["review", "import", str(out)]) == 0
    assert "precision" in capsys.readouterr().out
    assert main(["review", "export", "--sample", "2", "--kind", "quotes", "--stratify", "root", str(out), "--db", evented_db]) == 2
    assert main(["review", "import", str(tmp_path / "absent.csv")]) == 2
    assert main(["review"]) == 2


def test_gdelt_export_with_a_header_and_monthly_parquet(evented_db, tmp_path):
    assert main(["export", str(tmp_path / "events.tsv"), "--format", "gdelt", "--header", "--db", evented_db]) == 0
    assert (tmp_path / "events.tsv").read_text().startswith("GLOBALEVENTID\tSQLDATE\t")
    assert main(["export", str(tmp_path / "pq"), "--format", "parquet", "--partition", "month", "--db", evented_db]) == 0
    assert (tmp_path / "pq" / "events" / "month=2026-03" / "part-0.parquet").is_file()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_dask_can_leave_parquet_as_the_output(tmp_path, capsys):
    from eventwire.scale import read_part_records

    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"))
    out = tmp_path / "parquet"
    db = tmp_path / "untouched.db"
    assert main(["ingest", str(tmp_path / "in"), "--stages", "clean", "--workers", "1", "--output", "parquet", str(out), "--db", str(db)]) == 0
    assert len([r for r, _ in read_part_records(out)]) == 3
    assert not db.exists()
    assert main(["ingest", str(tmp_path / "in"), "--stages", "clean", "--output", "parquet", str(out), "--db", str(db)]) == 2
