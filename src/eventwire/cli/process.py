"""`eventwire process` and `eventwire codes`: records for documents, without a database."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import TextIO

from ..codes import ERROR_CODES, WARNING_CODES
from ..errors import UsageError
from ..model import Article, DocumentError
from ..settings import DEFAULT_SETTINGS, Settings
from ._common import EXIT_OK, EXIT_SOME_FAILED, _open_output, _parse_stages, _stderr

PROCESS_EXAMPLES = """\
examples:
  eventwire process article.txt                 one record as JSON Lines on stdout
  eventwire process articles/ -o out.jsonl      every .txt/.html/.pdf/.jsonl file under a folder
  pbpaste | eventwire process - --url URL       a pasted article, with its address
  eventwire process feed.jsonl --format json    a JSON array instead of JSON Lines
  eventwire process a.txt --no-raw | jq .links  drop the raw input from the record
  eventwire process a.txt --stages clean        text, links and metadata only (fast: no spaCy)
  eventwire process a.txt --stages quotes       clean text plus quotes and speakers only

Each input document gives exactly one output record, in input order. A document
that fails gives {"error", "code", "path"/"index"} in its place and a message on
stderr; the others go on. Exit code 0: all good; 1: some failed; 2: usage error.
Warning and error codes: `eventwire codes`.
"""


def register(commands) -> None:
    process = commands.add_parser(
        "process",
        help="clean articles and print one JSON record per document",
        description="Read articles (plain text, saved HTML pages, PDF exports, JSON Lines, folders, or - for stdin), clean them, "
        "and write one JSON record per document.",
        epilog=PROCESS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    process.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked recursively), or - for stdin")
    process.add_argument("-o", "--output", metavar="FILE", default="-", help="where to write the records (default: stdout)")
    process.add_argument("--format", choices=("jsonl", "json"), default="jsonl", help="JSON Lines (default) or one JSON array")
    process.add_argument("--url", help="the article's URL, when processing a single document")
    process.add_argument("--date", help="the article's publication date (ISO 8601), when processing a single document")
    process.add_argument("--no-raw", action="store_true", help="leave the decoded input out of the records")
    process.add_argument(
        "--stages",
        default=",".join(DEFAULT_SETTINGS.stages),
        metavar="LIST",
        help="stages to run, comma-separated: clean (always), quotes (quotes and speakers), events "
        "(CAMEO/PLOVER) and places (toponyms resolved offline); the last three share one spaCy parse. "
        "`--stages clean` skips spaCy entirely. Default: %(default)s",
    )
    process.add_argument("--model", default=DEFAULT_SETTINGS.model, metavar="NAME", help="spaCy pipeline for the NLP stages (default: %(default)s)")
    process.add_argument("--batch-size", type=int, default=DEFAULT_SETTINGS.batch_size, metavar="N", help="documents per spaCy batch (default: %(default)d)")
    process.add_argument("--dictionaries", metavar="DIR", help="code events with the PETRARCH-format dictionaries in DIR (*.actors.txt, *agents*.txt, *verbs*.txt or CAMEO*.txt, *discards*.txt) instead of eventwire's own")
    process.add_argument("--actors", metavar="FILE", help="add the dated people of a user-actors file (TSV: name, aliases, code, role, start, end, notes; see examples/actors.tsv) to the actor tables")
    process.add_argument("--encoding", help="read text files in this encoding instead of detecting it")
    process.add_argument("--timeout", type=float, default=DEFAULT_SETTINGS.timeout, metavar="SECONDS", help="per-document time limit (default: %(default)g; 0 for none)")
    process.add_argument("--max-bytes", type=int, default=DEFAULT_SETTINGS.max_bytes, metavar="N", help="refuse documents larger than this (default: %(default)d)")
    process.add_argument("--pretty", action="store_true", help="indent the JSON (the default when writing to a terminal)")
    process.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help="progress bar on stderr (auto: when stderr is a terminal)")
    process.add_argument("--summary", action="store_true", help="print a table of what was found in each document to stderr at the end")
    process.add_argument("-q", "--quiet", action="store_true", help="no summary or error messages on stderr")
    process.set_defaults(handler=run_process)

    codes = commands.add_parser("codes", help="list the warning and error codes and what they mean")
    codes.set_defaults(handler=run_codes)


def run_process(args: argparse.Namespace) -> int:
    if (args.url or args.date) and (len(args.paths) != 1 or os.path.isdir(args.paths[0]) or args.paths[0].lower().endswith((".jsonl", ".ndjson"))):
        raise UsageError("--url and --date describe one document: give a single file (text, HTML or PDF) or -")
    stages = _parse_stages(args.stages)
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    settings = replace(
        DEFAULT_SETTINGS,
        stages=stages,
        model=args.model,
        batch_size=args.batch_size,
        dictionaries=args.dictionaries,
        actors=args.actors,
        keep_raw=not args.no_raw,
        encoding=args.encoding,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
    )
    if args.dictionaries:
        _check_dictionaries(args.dictionaries)
    if args.actors:
        check_actors_file(args.actors)
    records = _records(args, settings)
    show_progress = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty() and not args.quiet)
    if show_progress:
        from tqdm import tqdm

        records = tqdm(records, unit="doc", desc="eventwire", file=sys.stderr)
    out, close = _open_output(args.output)
    ok = failed = 0
    rows: list[str] = []
    try:
        # On a terminal, indent the records so a person can read them; pipes get compact JSON Lines.
        readable = args.pretty or (args.output == "-" and sys.stdout.isatty())
        writer = _json_array_writer(out, readable) if args.format == "json" else _jsonl_writer(out, readable)
        next(writer)
        for record in records:
            if isinstance(record, DocumentError):
                failed += 1
                if not args.quiet:
                    where = record.path or "<stdin>"
                    if record.index is not None:
                        where += f" line {record.index}"
                    message = record.error if record.error.startswith(where) else f"{where}: {record.error}"
                    _stderr(f"eventwire: error [{record.code}] {message}", show_progress)
            else:
                ok += 1
            if args.summary:
                rows.append(_summary_row(record))
            writer.send(record.to_dict())
        writer.close()
    finally:
        close()
    if args.summary and rows:
        print(_SUMMARY_HEADER, file=sys.stderr)
        print("\n".join(rows), file=sys.stderr)
    if not args.quiet:
        print(f"eventwire: {ok + failed} document(s): {ok} processed, {failed} failed", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


_SUMMARY_HEADER = (
    f"{'date':10}  {'outlet':18}  {'par':>3}  {'links':>5}  {'warn':>4}  {'quot':>4}  {'evts':>4}  {'plcs':>4}  title / error"
)


def _summary_row(record: Article | DocumentError) -> str:
    if isinstance(record, DocumentError):
        where = record.path or "<stdin>"
        return f"{'-':10}  {'-':18}  {'-':>3}  {'-':>5}  {'-':>4}  {'-':>4}  {'-':>4}  {'-':>4}  [{record.code}] {where}"
    title = record.title or (record.input.path or "<stdin>")
    outlet = (record.outlet.name or "-")[:18]
    return (
        f"{(record.published or '-')[:10]:10}  {outlet:18}  {len(record.paragraphs):>3}  "
        f"{len(record.links):>5}  {len(record.warnings):>4}  {len(record.quotes):>4}  {len(record.events):>4}  "
        f"{len(record.places):>4}  {title[:60]}"
    )


def _records(args: argparse.Namespace, settings: Settings) -> Iterator[Article | DocumentError]:
    from ..ingest import read_documents
    from ..pipeline import process_all

    documents = read_documents(args.paths, settings)
    if args.url or args.date:
        documents = _with_given(documents, args.url, args.date)
    return process_all(documents, settings)


def _with_given(documents, url: str | None, date: str | None):
    from ..ingest.identity import document_id

    for doc in documents:
        if not isinstance(doc, DocumentError):
            doc.url, doc.date = url or doc.url, date or doc.date
            if url:
                doc.id = document_id(doc.raw.encode("utf-8", "surrogatepass"), url)
        yield doc



def _jsonl_writer(out: TextIO, indent: bool = False):
    while True:
        try:
            record = yield
        except GeneratorExit:
            return
        out.write(json.dumps(record, ensure_ascii=False, indent=2 if indent else None) + "\n")


def _json_array_writer(out: TextIO, pretty: bool):
    first = True
    out.write("[")
    try:
        while True:
            record = yield
            out.write(("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False, indent=2 if pretty else None))
            first = False
    except GeneratorExit:
        out.write("\n]\n")


def run_codes(args: argparse.Namespace) -> int:
    print("Warnings (the record is produced, with this note in `warnings`):")
    for code, text in WARNING_CODES.items():
        print(f"  {code:26} {text}")
    print("\nErrors (the document gives an error record instead):")
    for code, text in ERROR_CODES.items():
        print(f"  {code:26} {text}")
    return EXIT_OK


def _check_dictionaries(folder: str) -> None:
    """Read the dictionaries once up front, so a wrong folder is one usage error, not an error per document."""
    from ..events.petrarch_verbs import cached_dictionaries

    try:
        cached_dictionaries(folder)
    except (OSError, ValueError) as exc:
        raise UsageError(f"--dictionaries {folder}: {exc}") from None


def check_actors_file(path: str) -> None:
    """Read a user-actors file up front, so a bad file is one usage error naming its line."""
    from ..actors import read_user_actors

    try:
        read_user_actors(path)
    except OSError as exc:
        raise UsageError(f"--actors {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(f"--actors: {exc}") from None
