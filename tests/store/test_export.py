"""Exports: jsonl round trip, csv headers, parquet types and counts, gdelt columns."""

from __future__ import annotations

import csv
import io
import json

import pytest

import eventwire

from eventwire.errors import UsageError
from eventwire.store import GDELT_COLUMNS, TABLES, Corpus
from eventwire.store.export import write_gdelt

from .conftest import CLEAN
from .eventdata import event_article

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def filled(corpus, articles_dir):
    corpus.ingest([str(articles_dir)], CLEAN)
    corpus.add(event_article("e1", "nrk.no", "2026-03-02", ["accuse", "talks"]))
    corpus.add(event_article("e2", "barentsobserver.com", "2026-03-02", ["accuse", "detain"], located=True))
    return corpus


def _count(corpus, sql):
    return corpus._conn.execute(sql).fetchone()[0]


def test_jsonl_round_trips_every_stored_record(filled, tmp_path):
    out = tmp_path / "all.jsonl"
    report = filled.export(out, "jsonl", chunk_size=3)  # several chunks, one of them partial
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert report.rows == {"records": len(lines)} and len(lines) == 8
    assert [r["id"] for r in lines] == filled.ids()
    assert all(r == filled.get(r["id"]) for r in lines)
    assert lines[-1] == json.loads(json.dumps(event_article("e2", "barentsobserver.com", "2026-03-02", ["accuse", "detain"], located=True).to_dict()))
    prov = json.loads((tmp_path / "all.jsonl.provenance.json").read_text())
    assert prov["exported_by"]["eventwire"] and prov["store_schema_version"] >= 2


def test_jsonl_to_a_text_or_binary_stream(filled):
    text, binary = io.StringIO(), io.BytesIO()
    filled.export(text, "jsonl")
    filled.export(binary, "jsonl")
    assert binary.getvalue().decode("utf-8") == text.getvalue()
    assert not binary.closed


def test_csv_tables_have_the_documented_headers_and_a_row_per_item(filled, tmp_path):
    report = filled.export(tmp_path / "csv", "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted([f"{t}.csv" for t in TABLES] + ["provenance.json"])
    for table in TABLES:
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == TABLES[table].names
        assert len(rows) - 1 == report.rows[table] == _count(filled, f"SELECT count(*) FROM {table}")
    doc = __import__("eventwire.store.export", fromlist=["x"]).__doc__
    for table in TABLES:
        for name in TABLES[table].names:
            assert name in doc, f"{table}.{name} is not documented"


def test_csv_of_one_table_to_a_stream(filled):
    out = io.StringIO()
    filled.export(out, "csv", table="events")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4
    accusations = [r for r in rows if r["code"] == "112"]
    assert len({r["cluster_id"] for r in accusations}) == 1  # both mentions point at one event
    assert {r["location_name"] for r in rows if r["article_id"] == "e2"} == {"Vardø"}
    with pytest.raises(UsageError):
        filled.export(io.StringIO(), "csv")  # every table needs a directory


def test_parquet_reads_back_with_types_and_the_stores_counts(filled, tmp_path):
    filled.export(tmp_path / "pq", "parquet", chunk_size=2)
    for table in TABLES:
        read = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert read.num_rows == _count(filled, f"SELECT count(*) FROM {table}")
        assert read.column_names == TABLES[table].names
        assert json.loads(read.schema.metadata[b"eventwire"])["record_schema_version"]
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.schema.field("date").type == pa.date32()
    assert events.schema.field("goldstein").type == pa.float64()
    assert events.schema.field("quad_class").type == pa.int64()
    assert str(events.column("date")[0]) == "2026-03-02"
    links = pq.read_table(tmp_path / "pq" / "links.parquet")
    assert links.schema.field("repaired").type == pa.bool_()
    assert not list((tmp_path / "pq").glob(".*part"))  # no temporary files left behind


def test_parquet_of_an_empty_table_still_has_its_columns(corpus, tmp_path):
    corpus.export(tmp_path / "e.parquet", "parquet", table="quotes")
    read = pq.read_table(tmp_path / "e.parquet")
    assert (read.num_rows, read.column_names) == (0, TABLES["quotes"].names)


def test_a_failed_export_leaves_no_file(filled, tmp_path, monkeypatch):
    from eventwire.store import export as export_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_module, "_write_parquet", broken)
    with pytest.raises(RuntimeError):
        filled.export(tmp_path / "x.parquet", "parquet", table="articles")
    assert list(tmp_path.glob("*x.parquet*")) == []


def test_gdelt_writes_the_61_columns_in_order(filled, tmp_path):
    out = tmp_path / "events.tsv"
    assert filled.export(out, "gdelt").rows == {"events": 3}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 61 for line in lines)
    assert not lines[0].startswith("GLOBALEVENTID")  # like GDELT's own files, no header by default
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    accuse = next(r for r in rows if r["EventCode"] == "112")
    assert accuse["SQLDATE"] == "20260302" and accuse["MonthYear"] == "202603" and accuse["Year"] == "2026"
    assert accuse["FractionDate"] == "2026.1644"  # 2 March is day 61: 60 / 365 = 0.1644
    assert (accuse["Actor1Code"], accuse["Actor1CountryCode"], accuse["Actor1Type1Code"]) == ("NORGOV", "NOR", "GOV")
    assert (accuse["Actor2Code"], accuse["Actor2Name"], accuse["Actor2CountryCode"]) == ("RUS", "Russia", "RUS")
    assert (accuse["EventBaseCode"], accuse["EventRootCode"], accuse["QuadClass"], accuse["GoldsteinScale"]) == ("112", "11", "3", "-2")
    assert (accuse["NumMentions"], accuse["NumSources"], accuse["NumArticles"], accuse["IsRootEvent"]) == ("2", "2", "2", "1")
    assert accuse["SOURCEURL"] == "https://nrk.no/e1" and len(accuse["DATEADDED"]) == 14
    detain = next(r for r in rows if r["EventCode"] == "173")
    assert (detain["ActionGeo_Type"], detain["ActionGeo_FullName"], detain["ActionGeo_CountryCode"]) == ("4", "Vardø, Norway", "NO")
    assert (detain["ActionGeo_ADM1Code"], detain["ActionGeo_Lat"], detain["ActionGeo_Long"], detain["ActionGeo_FeatureID"]) == ("NO20", "70.37", "31.11", "777019")
    assert detain["Actor1Type1Code"] == "MIL" and detain["IsRootEvent"] == "0"


def test_gdelt_header_names_gdelt_columns(filled):
    out = io.StringIO()
    write_gdelt(filled._conn, out, header=True)
    assert out.getvalue().splitlines()[0].split("\t") == list(GDELT_COLUMNS)
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[26:35] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                                    "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_exports_read_from_a_read_only_corpus(filled, tmp_path):
    with Corpus(filled.path, readonly=True) as reader:
        out = io.StringIO()
        assert reader.export(out, "jsonl").rows == {"records": 8}


def test_unknown_formats_and_tables_are_usage_errors(filled, tmp_path):
    with pytest.raises(UsageError):
        filled.export(tmp_path / "x", "xml")
    with pytest.raises(UsageError):
        filled.export(tmp_path / "x", "csv", table="nope")
    with pytest.raises(UsageError):
        filled.export(tmp_path / "x", "jsonl", table="links")


# The GDELT 2.0 event table's columns as the GDELT 2.0 Event Codebook publishes them, spelled out
# here rather than built, so that a slip in `GDELT_COLUMNS` cannot hide behind the same code.
PUBLISHED_GDELT_2_COLUMNS = """
GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code
Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code
Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL
""".split()


def test_gdelt_export_loads_in_pandas_under_gdelts_published_column_names(filled, tmp_path):
    pd = pytest.importorskip("pandas")
    assert list(GDELT_COLUMNS) == PUBLISHED_GDELT_2_COLUMNS and len(PUBLISHED_GDELT_2_COLUMNS) == 61
    out = tmp_path / "20260302.export.CSV"
    filled.export(out, "gdelt")
    # How GDELT users read the daily files: no header, tab-separated, the codebook's names, codes as text.
    frame = pd.read_csv(out, sep="\t", header=None, names=PUBLISHED_GDELT_2_COLUMNS,
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert frame.shape == (3, 61)
    accuse = frame[frame["EventCode"] == "112"].iloc[0]
    assert (accuse["SQLDATE"], accuse["Actor1Code"], accuse["Actor2Code"], accuse["NumMentions"]) == (20260302, "NORGOV", "RUS", 2)
    assert pd.api.types.is_numeric_dtype(frame["GoldsteinScale"]) and frame["QuadClass"].dtype == "int64"
    assert frame["FractionDate"].dtype == "float64" and frame["GLOBALEVENTID"].is_unique
    assert frame["ActionGeo_Lat"].notna().sum() == 1 and frame["AvgTone"].isna().all()
    with_header = tmp_path / "with_header.tsv"
    filled.export(with_header, "gdelt", header=True)
    assert list(pd.read_csv(with_header, sep="\t").columns) == PUBLISHED_GDELT_2_COLUMNS


def test_parquet_reads_back_in_pandas_with_its_types(filled, tmp_path):
    pd = pytest.importorskip("pandas")
    filled.export(tmp_path / "pq", "parquet", partition="none")
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    assert str(events["goldstein"].dtype) == "float64" and str(events["quad_class"].dtype) == "Int64"
    assert events["date"].iloc[0].isoformat() == "2026-03-02"  # a date, not a string
    articles = pd.read_parquet(tmp_path / "pq" / "articles.parquet")
    # Integers with nulls stay integers (Int64 with <NA>), not floats.
    assert str(articles["input_index"].dtype) == "Int64" and articles["input_index"].isna().all()
    assert articles["article_id"].tolist() == filled.ids()
    links = pd.read_parquet(tmp_path / "pq" / "links.parquet")
    assert str(links["repaired"].dtype) == "bool"


def test_parquet_partitioned_by_month_reads_back_whole_and_by_month(filled, tmp_path):
    pd = pytest.importorskip("pandas")
    filled.add(event_article("e3", "vg.no", "2026-04-07", ["aid"]))
    filled.add(event_article("e4", "vg.no", "2026", ["aid"]))  # no month to file it under
    report = filled.export(tmp_path / "pq", "parquet", partition="month")
    assert sorted(p.name for p in (tmp_path / "pq" / "events").iterdir()) == ["month=2026-03", "month=2026-04", "month=unknown"]
    events = pd.read_parquet(tmp_path / "pq" / "events")
    assert len(events) == report.rows["events"] == _count(filled, "SELECT count(*) FROM events") == 6
    assert sorted(events.groupby("month", observed=True).size().items()) == [("2026-03", 4), ("2026-04", 1), ("unknown", 1)]
    april = pd.read_parquet(tmp_path / "pq" / "events", filters=[("month", "=", "2026-04")])
    assert april["article_id"].tolist() == ["e3"] and str(april["quad_class"].dtype) == "Int64"
    quotes = pd.read_parquet(tmp_path / "pq" / "quotes")  # an empty table keeps its columns
    assert len(quotes) == 0 and "person_code" in quotes.columns
    assert json.loads((tmp_path / "pq" / "provenance.json").read_text())["exported_by"]["export_version"]
    # Exported again over the old folder: replaced whole, no temporary folders left.
    filled.export(tmp_path / "pq", "parquet", partition="month")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted([*TABLES, "provenance.json"])


def test_auto_partitions_only_large_corpora(filled, tmp_path, monkeypatch):
    from eventwire.store import export as export_module

    filled.export(tmp_path / "small", "parquet")
    assert (tmp_path / "small" / "events.parquet").is_file()
    monkeypatch.setattr(export_module, "PARTITION_ARTICLES", 3)
    filled.export(tmp_path / "large", "parquet")
    assert (tmp_path / "large" / "events").is_dir()
    with pytest.raises(UsageError):
        filled.export(tmp_path / "x.csv", "csv", table="events", partition="month")


def test_every_export_carries_the_versions_that_made_it(filled, tmp_path):
    outputs = {
        "jsonl": tmp_path / "all.jsonl.provenance.json",
        "gdelt": tmp_path / "events.tsv.provenance.json",
        "csv": tmp_path / "csv" / "provenance.json",
    }
    filled.export(tmp_path / "all.jsonl", "jsonl")
    filled.export(tmp_path / "events.tsv", "gdelt")
    filled.export(tmp_path / "csv", "csv")
    filled.export(tmp_path / "one.csv", "csv", table="quotes")
    outputs["csv table"] = tmp_path / "one.csv.provenance.json"
    filled.export(tmp_path / "pq", "parquet", partition="none")
    provenances = {name: json.loads(path.read_text()) for name, path in outputs.items()}
    provenances["parquet"] = json.loads(pq.read_schema(tmp_path / "pq" / "quotes.parquet").metadata[b"eventwire"])
    for name, prov in provenances.items():
        assert prov["exported_by"]["eventwire"] == eventwire.__version__, name
        made_by = [p for p in prov["records_made_by"] if p.get("data")]
        assert made_by, name  # the cleaned articles' provenance: data-table versions ...
        assert all("model" in p and "boilerplate.tsv" in p["data"] for p in made_by), name  # ... and the model
