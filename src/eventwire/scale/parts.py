"""Parquet parts: one per partition, written atomically, and loading them into a `Corpus`.

A part holds each record's full JSON form (so nothing of the record is lost on the way)
beside a few typed columns to filter on without parsing it. Rows keep input order.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..model import Article, DocumentError
from ..settings import Settings

MANIFEST = "_manifest.json"
PART_GLOB = "part-*.parquet"
#: Rows per row group: bounds the memory a reader needs, whatever the partition size.
ROW_GROUP = 64

_COLUMNS = (
    ("position", "int32"),  # the record's place in its partition
    ("id", "string"),
    ("url", "string"),
    ("published", "string"),  # as in the record: a date, date-time or partial date
    ("outlet", "string"),
    ("content_hash", "string"),
    ("code", "string"),  # the error code; null for an article
    ("path", "string"),
    ("index", "int64"),  # the JSON Lines line number, if any
    ("source", "string"),  # the input file's store fingerprint
    ("record", "string"),  # the full record as JSON: an article, or {"error", "code", "path", "index"}
)


def _schema(settings: Settings | None = None) -> Any:
    import pyarrow as pa

    meta = {"eventwire": __version__}
    if settings is not None:
        meta.update({"stages": list(settings.stages), "model": settings.model})
    return pa.schema([pa.field(name, getattr(pa, kind)()) for name, kind in _COLUMNS], metadata={"eventwire": json.dumps(meta)})


def _row(position: int, result: Article | DocumentError, source: str | None) -> dict[str, Any]:
    if isinstance(result, DocumentError):
        return {"position": position, "id": None, "url": None, "published": None, "outlet": None, "content_hash": None,
                "code": result.code, "path": result.path, "index": result.index, "source": source,
                "record": json.dumps(result.to_dict(), ensure_ascii=False)}
    return {"position": position, "id": result.id, "url": result.url, "published": result.published, "outlet": result.outlet.name,
            "content_hash": result.content_hash, "code": None, "path": result.input.path, "index": result.input.index,
            "source": source, "record": json.dumps(result.to_dict(), ensure_ascii=False)}


def write_part(path: str | os.PathLike, rows: Iterable[tuple[Article | DocumentError, str | None]], settings: Settings | None = None) -> int:
    """Write one part atomically; returns its row count. Readers never see a half-written part."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema(settings)
    table = pa.Table.from_pylist([_row(i, r, s) for i, (r, s) in enumerate(rows)], schema=schema)
    write_atomic(Path(path), lambda f: pq.write_table(table, f, row_group_size=ROW_GROUP))
    return table.num_rows


def write_atomic(path: Path, write: Callable[[IO[bytes]], Any]) -> None:
    # A temporary name the part glob does not match, in the same folder so the rename is atomic.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def part_paths(out_dir: str | os.PathLike) -> list[Path]:
    """The parts of the last run into `out_dir`, in input order.

    The manifest names them, so parts left by a run over other inputs or settings are
    not mixed in; parts it names that do not exist yet (an unfinished run) are left out.
    """
    out = Path(out_dir)
    manifest = out / MANIFEST
    if manifest.exists():
        names = json.loads(manifest.read_text(encoding="utf-8"))["parts"]
        return [out / n for n in names if (out / n).exists()]
    return sorted(out.glob(PART_GLOB))


def read_part_records(out_dir: str | os.PathLike) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Every (record, source fingerprint) in the parts, in input order, a row group at a time."""
    import pyarrow.parquet as pq

    for part in part_paths(out_dir):
        with pq.ParquetFile(part) as f:
            for batch in f.iter_batches(columns=["record", "source"]):
                for record, source in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
                    yield json.loads(record), source


@dataclass
class LoadReport:
    parts: int = 0
    added: int = 0
    already_stored: int = 0
    failed: int = 0  # error records stored as failures (or already stored)


def load_parts_into_store(out_dir: str | os.PathLike, corpus: Any) -> LoadReport:
    """Add every record of the parts to `corpus`; safe to repeat (articles by id, failures by input)."""
    report = LoadReport(parts=len(part_paths(out_dir)))
    for record, source in read_part_records(out_dir):
        if "error" in record and "text" not in record:
            corpus.add_failure(record, source=source)  # a failure stored already is left as it was
            report.failed += 1
        elif corpus.add(record, source=source):
            report.added += 1
        else:
            report.already_stored += 1
    return report
