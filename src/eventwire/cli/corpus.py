"""The corpus commands: ingest, search, quotes, stats, export."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace

from ..errors import UsageError
from ..settings import DEFAULT_SETTINGS, Settings
from ._common import EXIT_OK, EXIT_SOME_FAILED, _add_db, _add_format, _open_corpus, _parse_stages, _print_rows

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


def register(commands) -> None:
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
    from ..scale import load_parts_into_store, process_on_dask

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


def run_export(args: argparse.Namespace) -> int:
    with _open_corpus(args.db, readonly=True) as corpus:
        out = sys.stdout if args.out == "-" else args.out
        report = corpus.export(out, args.format, args.table)
    if args.out != "-":
        print(f"eventwire: exported to {args.out}: {report}", file=sys.stderr)
    return EXIT_OK
