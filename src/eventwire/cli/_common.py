"""What the command modules share: exit codes, option helpers and output formatting."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import TextIO

from ..errors import UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _open_output(path: str) -> tuple[TextIO, Callable[[], None]]:
    if path == "-":
        return sys.stdout, sys.stdout.flush
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return handle, handle.close


def _stderr(message: str, progress: bool) -> None:
    if progress:
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="eventwire.db", metavar="FILE", help="the corpus database (default: %(default)s)")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format (default: %(default)s)")


def _open_corpus(path: str, readonly: bool):
    from ..store import Corpus

    if readonly and not os.path.exists(path):
        raise UsageError(f"no corpus at {path}: create one with `eventwire ingest PATH... --db {path}`")
    return Corpus(path, readonly=readonly)


def _print_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    """Rows as an aligned table (for people), JSON Lines or CSV (for programs)."""
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns)
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        print("(nothing found)", file=sys.stderr)
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for r in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))


def _cell(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _parse_stages(text: str) -> tuple[str, ...]:
    from ..pipeline import KNOWN_STAGES

    stages = tuple(dict.fromkeys(["clean", *(s.strip() for s in text.split(",") if s.strip())]))
    unknown = [s for s in stages if s not in KNOWN_STAGES]
    if unknown:
        raise UsageError(f"unknown stage {unknown[0]!r}; choose from: {', '.join(KNOWN_STAGES)}")
    return stages


def _print_report(report: dict, fmt: str, format_table) -> None:
    """An evaluation report as JSON (for programs) or its table (for people)."""
    print(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else format_table(report))


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"eventwire: {message}", file=sys.stderr)
    return EXIT_USAGE
