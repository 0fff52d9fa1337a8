"""The worker side: one partition in, one Parquet part out.

This module must stay importable on every worker (never define the task function
in ``__main__``): Dask then ships a reference to it, and the module-level caches it
relies on (`eventwire.nlp.load_pipeline`, the gazetteer) live for the worker process,
so the spaCy pipeline is loaded once per worker, not once per task.

Dask runs a task in a worker thread, never in the process's main thread (that one runs the
worker's event loop), so the per-document time limit cannot be SIGALRM here: `eventwire.limits`
gives such threads a watchdog timer that raises the `timeout` error in the thread that ran
over, and the document becomes a `timeout` error record exactly as in a single-process run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice, repeat

from ..ingest import guarded, read_documents
from ..ingest.jsonl import read_jsonl
from ..model import Article, Document, DocumentError
from ..pipeline import process_all
from ..settings import Settings
from .parts import write_part
from .units import ErrorUnit, FileUnit, LinesUnit, PartitionTask


@dataclass
class PartSummary:
    index: int
    path: str
    skipped: bool = False
    documents: int = 0
    articles: int = 0
    errors: int = 0
    pid: int = 0  # which process did the work: lets tests and benchmarks see the spread


def run_partition(task: PartitionTask, settings: Settings) -> PartSummary:
    """Run every stage on the partition's documents and write its part; skip a part already there."""
    summary = PartSummary(task.index, task.out_path, pid=os.getpid())
    if os.path.exists(task.out_path):  # a straggler of an earlier run, or a retried task, finished it
        summary.skipped = True
        return summary
    fingerprints: dict[str | None, str | None] = {}
    rows: list[tuple[Article | DocumentError, str | None]] = []
    for result in process_all(_documents(task, settings, fingerprints), settings):
        path = result.path if isinstance(result, DocumentError) else result.input.path
        rows.append((result, fingerprints.get(path)))
        summary.articles += isinstance(result, Article)
        summary.errors += isinstance(result, DocumentError)
    summary.documents = len(rows)
    write_part(task.out_path, rows, settings)
    return summary


def _documents(task: PartitionTask, settings: Settings, fingerprints: dict) -> Iterator[Document | DocumentError]:
    """The partition's documents; `fingerprints` learns each file's store fingerprint on the way."""
    for unit in task.units:
        if isinstance(unit, ErrorUnit):
            yield DocumentError(unit.error, unit.code, path=unit.path, index=unit.index)
        elif isinstance(unit, FileUnit):
            fingerprints[unit.path] = _fingerprint(unit.path)
            yield from read_documents([unit.path], settings)
        else:
            fingerprints[unit.path] = unit.fingerprint
            yield from _read_lines(unit, settings)


def _fingerprint(path: str) -> str | None:
    from ..store.sources import source_fingerprint

    return source_fingerprint(path)


def _read_lines(unit: LinesUnit, settings: Settings) -> Iterator[Document | DocumentError]:
    """Lines ``first..last`` of a JSON Lines file, numbered as reading the whole file numbers them.

    Mirrors the error handling of `ingest._read_source` around `read_jsonl`, which it
    cannot reuse because that reads a file from its start.
    """
    try:
        handle = open(unit.path, "rb")
    except OSError as exc:
        yield DocumentError(f"{unit.path}: cannot be read ({exc.strerror or exc})", "unreadable", path=unit.path)
        return
    try:
        handle.seek(unit.offset)
        # Blank lines are skipped by the reader, so they stand in for the lines before
        # `first` and keep every line's number what it is in the whole file.
        lines = chain(repeat(b"", unit.first - 1), islice(handle, unit.last - unit.first + 1))
        yield from guarded(read_jsonl(lines, unit.path, settings), unit.path, unit.path, settings)
    finally:
        handle.close()


def worker_state() -> dict:
    """What this process has cached: run on each worker (``client.run``) to see the pipeline was loaded once."""
    from ..nlp import pipeline_cache_info

    info = pipeline_cache_info()
    return {"pid": os.getpid(), "pipeline_loads": info.misses, "pipeline_hits": info.hits}
