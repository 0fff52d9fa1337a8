"""The `eventwire` command: a thin layer over the Python API.

Exit codes: 0 all documents processed, 1 some documents failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TextIO

from . import __version__
from .codes import ERROR_CODES, WARNING_CODES
from .errors import UsageError
from .model import Article, DocumentError
from .settings import DEFAULT_SETTINGS, Settings

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

#: Commands reserved for capabilities that later releases fill in.
PLANNED = {
    "ingest": "store articles in the embedded corpus database",
    "search": "full-text search over the corpus",
    "quotes": "list quotes by speaker and date",
    "events": "list coded events",
    "actors": "list actors and their codes",
    "stats": "corpus statistics",
    "export": "export the corpus (JSON Lines, CSV, Parquet, GDELT)",
    "explain": "show why an event was coded the way it was",
    "serve": "open the corpus in a local web view",
}

PROCESS_EXAMPLES = """\
examples:
  eventwire process article.txt                 one record as JSON Lines on stdout
  eventwire process articles/ -o out.jsonl      every .txt/.html/.pdf/.jsonl file under a folder
  pbpaste | eventwire process - --url URL       a pasted article, with its address
  eventwire process feed.jsonl --format json    a JSON array instead of JSON Lines
  eventwire process a.txt --no-raw | jq .links  drop the raw input from the record
  eventwire process a.txt --stages quotes       also parse with spaCy and find quotes and speakers

Each input document gives exactly one output record, in input order. A document
that fails gives {"error", "code", "path"/"index"} in its place and a message on
stderr; the others go on. Exit code 0: all good; 1: some failed; 2: usage error.
Warning and error codes: `eventwire codes`.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Structured, checkable records out of messy news articles: clean text, links, "
        "metadata (and, as the stages land, quotes, events and places), all offline.",
        epilog="Start with:  eventwire process --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
        help="stages to run, comma-separated: clean (always) and quotes (spaCy parse, quotes, speakers; "
        "in development). Default: %(default)s",
    )
    process.add_argument("--model", default=DEFAULT_SETTINGS.model, metavar="NAME", help="spaCy pipeline for the NLP stages (default: %(default)s)")
    process.add_argument("--batch-size", type=int, default=DEFAULT_SETTINGS.batch_size, metavar="N", help="documents per spaCy batch (default: %(default)d)")
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

    evaluate = commands.add_parser("eval", help="score eventwire against gold annotations")
    eval_targets = evaluate.add_subparsers(dest="target", metavar="TARGET")
    cleaning = eval_targets.add_parser(
        "cleaning",
        help="score the cleaner on gold files (examples/gold format)",
        description="Score cleaned text, links, warnings and metadata against gold JSON files, "
        "beside a naive line-join baseline measured in the same run.",
    )
    cleaning.add_argument("--gold", required=True, metavar="DIR", help="folder of gold JSON files (e.g. examples/gold)")
    cleaning.add_argument("--inputs", metavar="DIR", help="folder holding the inputs the gold files name (default: the gold folder's parent)")
    cleaning.add_argument("--format", choices=("table", "json"), default="table")
    cleaning.set_defaults(handler=run_eval_cleaning)
    extraction = eval_targets.add_parser(
        "extraction",
        help="score HTML extraction on a Fundus or WCXB ground-truth set",
        description="Score the HTML reader and cleaner (body word 4-grams, paragraph boundaries, title, author, date, speed) "
        "on a Fundus or WCXB set, beside bare trafilatura measured in the same run. The metrics are defined in "
        "eventwire.evaluate.extraction.",
    )
    extraction.add_argument("--gold", required=True, metavar="DIR", help="a Fundus set (ground_truth.json + html/) or a WCXB set (ground-truth/ + html/)")
    extraction.add_argument("--limit", type=int, metavar="N", help="score only the first N pages (quick runs)")
    extraction.add_argument("--format", choices=("table", "json"), default="table")
    extraction.set_defaults(handler=run_eval_extraction)
    evaluate.set_defaults(handler=lambda args: _usage(evaluate, "name what to evaluate, e.g. `eventwire eval cleaning --gold examples/gold`"))

    for name, summary in PLANNED.items():
        planned = commands.add_parser(name, help=f"({'planned'}) {summary}", add_help=False)
        planned.add_argument("rest", nargs=argparse.REMAINDER)
        planned.set_defaults(handler=_planned(name, summary))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `eventwire process ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130


def run_process(args: argparse.Namespace) -> int:
    if (args.url or args.date) and (len(args.paths) != 1 or os.path.isdir(args.paths[0]) or args.paths[0].lower().endswith((".jsonl", ".ndjson"))):
        raise UsageError("--url and --date describe one document: give a single file (text, HTML or PDF) or -")
    stages = tuple(dict.fromkeys(["clean", *(s.strip() for s in args.stages.split(",") if s.strip())]))
    from .pipeline import KNOWN_STAGES

    unknown = [s for s in stages if s not in KNOWN_STAGES]
    if unknown:
        raise UsageError(f"unknown stage {unknown[0]!r}; choose from: {', '.join(KNOWN_STAGES)}")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    settings = replace(
        DEFAULT_SETTINGS,
        stages=stages,
        model=args.model,
        batch_size=args.batch_size,
        keep_raw=not args.no_raw,
        encoding=args.encoding,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
    )
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


_SUMMARY_HEADER = f"{'date':10}  {'outlet':18}  {'par':>3}  {'links':>5}  {'warn':>4}  title / error"


def _summary_row(record: Article | DocumentError) -> str:
    if isinstance(record, DocumentError):
        where = record.path or "<stdin>"
        return f"{'-':10}  {'-':18}  {'-':>3}  {'-':>5}  {'-':>4}  [{record.code}] {where}"
    title = record.title or (record.input.path or "<stdin>")
    outlet = (record.outlet.name or "-")[:18]
    return (
        f"{(record.published or '-')[:10]:10}  {outlet:18}  {len(record.paragraphs):>3}  "
        f"{len(record.links):>5}  {len(record.warnings):>4}  {title[:70]}"
    )


def _records(args: argparse.Namespace, settings: Settings) -> Iterator[Article | DocumentError]:
    from .ingest import read_documents
    from .pipeline import process_all

    documents = read_documents(args.paths, settings)
    if args.url or args.date:
        documents = _with_given(documents, args.url, args.date)
    return process_all(documents, settings)


def _with_given(documents, url: str | None, date: str | None):
    from .ingest.identity import document_id

    for doc in documents:
        if not isinstance(doc, DocumentError):
            doc.url, doc.date = url or doc.url, date or doc.date
            if url:
                doc.id = document_id(doc.raw.encode("utf-8", "surrogatepass"), url)
        yield doc


def _open_output(path: str) -> tuple[TextIO, Callable[[], None]]:
    if path == "-":
        return sys.stdout, sys.stdout.flush
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return handle, handle.close


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


def _stderr(message: str, progress: bool) -> None:
    if progress:
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def run_codes(args: argparse.Namespace) -> int:
    print("Warnings (the record is produced, with this note in `warnings`):")
    for code, text in WARNING_CODES.items():
        print(f"  {code:26} {text}")
    print("\nErrors (the document gives an error record instead):")
    for code, text in ERROR_CODES.items():
        print(f"  {code:26} {text}")
    return EXIT_OK


def run_eval_cleaning(args: argparse.Namespace) -> int:
    from .evaluate.cleaning import evaluate_cleaning, format_table

    report = evaluate_cleaning(args.gold, args.inputs)
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_table(report))
    return EXIT_OK


def run_eval_extraction(args: argparse.Namespace) -> int:
    from .evaluate.extraction import detect_dataset, evaluate_extraction, format_table

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    try:
        detect_dataset(args.gold)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    report = evaluate_extraction(args.gold, limit=args.limit)
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_table(report))
    return EXIT_OK


def _planned(name: str, summary: str):
    def handler(args: argparse.Namespace) -> int:
        print(f"eventwire {name}: not available yet in eventwire {__version__} (planned: {summary}).", file=sys.stderr)
        print("Available now: eventwire process, eventwire eval cleaning, eventwire eval extraction, eventwire codes.", file=sys.stderr)
        return EXIT_USAGE

    return handler


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"eventwire: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
