"""The driver side: list the documents, cut them into partitions, hand them to Dask, count what came back."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..ingest import detect_format
from ..ingest.identity import document_id
from ..ingest.sources import iter_sources
from ..model import DocumentError
from ..settings import DEFAULT_SETTINGS, Settings
from .parts import MANIFEST, write_atomic
from .units import ErrorUnit, FileUnit, LineRef, LinesUnit, PartitionTask, Unit
from .worker import PartSummary, run_partition

#: Documents per partition: several spaCy batches, so a task's fixed cost (scheduling,
#: one Parquet file) is small beside its work, yet a lost worker costs little to redo.
DEFAULT_PARTITION_SIZE = 128
_HASH_CHUNK = 1 << 20


@dataclass
class ScaleReport:
    out_dir: str
    partitions: int = 0
    written: int = 0  # parts this run wrote
    skipped: int = 0  # parts an earlier run had finished, left as they were
    documents: int = 0  # records in the parts this run wrote
    articles: int = 0
    errors: int = 0
    seconds: float = 0.0
    parts: list[str] = field(default_factory=list)  # every part of this input, in input order


def process_on_dask(
    paths: Iterable[str] | str,
    out_dir: str | os.PathLike,
    settings: Settings = DEFAULT_SETTINGS,
    client: Any = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> ScaleReport:
    """Process every document under `paths` into Parquet parts in `out_dir`, one per partition.

    With a `distributed.Client` the partitions run on its workers; without one they run
    here, one after another. Parts already written (same documents, same settings) are
    skipped, so a re-run after a crash finishes only the rest. Raises RuntimeError if
    some partitions failed, after every other one has finished and been written.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    started = time.perf_counter()
    paths = [paths] if isinstance(paths, str) else [os.fspath(p) for p in paths]
    if "-" in paths:
        raise ValueError("standard input cannot be partitioned across workers; save it to a file first")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks = make_tasks(partition_units(list_units(paths, settings), partition_size), out, settings)
    manifest = {"eventwire": __version__, "paths": paths, "settings": _settings_dict(settings), "parts": [Path(t.out_path).name for t in tasks]}
    write_atomic(out / MANIFEST, lambda f: f.write(json.dumps(manifest, indent=1).encode("utf-8")))

    report = ScaleReport(out_dir=os.fspath(out), partitions=len(tasks), parts=[t.out_path for t in tasks])
    todo = [t for t in tasks if not os.path.exists(t.out_path)]
    report.skipped = len(tasks) - len(todo)
    failures: list[str] = []
    for summary in _run(todo, settings, client, failures):
        report.written += not summary.skipped
        report.skipped += summary.skipped
        report.documents += summary.documents
        report.articles += summary.articles
        report.errors += summary.errors
    report.seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} of {len(tasks)} partitions failed (re-run to retry them): " + "; ".join(failures[:3]))
    return report


def _run(tasks: list[PartitionTask], settings: Settings, client: Any, failures: list[str]) -> Iterator[PartSummary]:
    if client is None:
        for task in tasks:
            yield run_partition(task, settings)
        return
    from distributed import as_completed

    # A key per part: a task run twice (worker lost after writing) rewrites the same file.
    futures = [client.submit(run_partition, task, settings, key=f"eventwire-{Path(task.out_path).stem}", retries=1) for task in tasks]
    try:
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # one partition's failure must not lose the others' work
                failures.append(f"{future.key}: {type(exc).__name__}: {exc}")
    finally:
        client.cancel(futures)


# -- listing ---------------------------------------------------------------------


def list_units(paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[FileUnit | LineRef | ErrorUnit]:
    """One entry per document where that can be known cheaply, in input order.

    Plain JSON Lines files are listed line by line so that one large feed spreads over
    many partitions; everything else (including gzip feeds, which cannot be entered in
    the middle) stays one unit read whole by the ordinary readers.
    """
    for source in iter_sources(paths):
        if isinstance(source, DocumentError):
            yield ErrorUnit(source.error, source.code, source.path, source.index)
            continue
        path = source.path
        try:
            st = os.stat(path)
        except OSError:
            yield FileUnit(path)  # the worker's reader reports it the way `process` does
            continue
        unit = FileUnit(path, st.st_size, st.st_mtime_ns)
        if not stat.S_ISREG(st.st_mode) or not _is_plain_jsonl(path):
            yield unit
            continue
        yield from _list_lines(path, settings) or [unit]


def _is_plain_jsonl(path: str) -> bool:
    # The same decision the reader makes (ingest._read_source), made on the same first bytes.
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        return False
    if path.lower().endswith(".gz") or head.startswith(b"\x1f\x8b"):
        return False
    return detect_format(path, head) == "jsonl"


def _list_lines(path: str, settings: Settings) -> list[LineRef] | None:
    digest = hashlib.sha256()
    offset, refs = 0, []
    try:
        with open(path, "rb", buffering=_HASH_CHUNK) as f:
            for number, line in enumerate(f, start=1):
                digest.update(line)
                if line.strip():
                    refs.append((offset, number))
                offset += len(line)
    except OSError:
        return None
    # The store's fingerprint of the file, computed here since this pass reads it all anyway.
    fingerprint = document_id(digest.digest(), path)
    return [LineRef(path, o, n, fingerprint) for o, n in refs]


def partition_units(units: Iterable[FileUnit | LineRef | ErrorUnit], size: int) -> Iterator[tuple[Unit, ...]]:
    """Consecutive groups of `size` listed documents, neighbouring lines of a file joined into one run."""
    group: list[FileUnit | LineRef | ErrorUnit] = []
    for unit in units:
        group.append(unit)
        if len(group) >= size:
            yield _compact(group)
            group = []
    if group:
        yield _compact(group)


def _compact(group: list[FileUnit | LineRef | ErrorUnit]) -> tuple[Unit, ...]:
    out: list[Unit] = []
    for unit in group:
        if isinstance(unit, LineRef):
            last = out[-1] if out else None
            if isinstance(last, LinesUnit) and last.path == unit.path:
                out[-1] = dataclasses.replace(last, last=unit.number)
            else:
                out.append(LinesUnit(unit.path, unit.offset, unit.number, unit.number, unit.fingerprint))
        else:
            out.append(unit)
    return tuple(out)


def make_tasks(groups: Iterable[tuple[Unit, ...]], out: Path, settings: Settings) -> list[PartitionTask]:
    config = json.dumps({"eventwire": __version__, "settings": _settings_dict(settings)}, sort_keys=True)
    tasks = []
    for index, units in enumerate(groups):
        # The name changes with the documents, their files' size/time and the settings, so a
        # re-run skips exactly the parts that would come out the same.
        described = json.dumps([(type(u).__name__, dataclasses.astuple(u)) for u in units])
        key = hashlib.sha256(f"{config}\n{described}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        tasks.append(PartitionTask(index, units, os.fspath(out / f"part-{index:05d}-{key}.parquet"), key))
    return tasks


def _settings_dict(settings: Settings) -> dict[str, Any]:
    return dataclasses.asdict(settings)
