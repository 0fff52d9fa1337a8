"""The corpus commands: ingest, search, quotes, events, actors, stats, export."""

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

EVENTS_EXAMPLES = """\
examples:
  eventwire events                                         every event, oldest first
  eventwire events --source NORGOV --target RUS            what Norway's government did to Russia
  eventwire events --source RUS --target NOR --level country --by week
                                                           Russia -> Norway, week by week
  eventwire events --root 17 --since 2026-03-01 --format csv > coerce.csv
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
    ingest.add_argument("--actors", metavar="FILE", help="add the dated people of a user-actors file (see `process --help`)")
    ingest.add_argument("--workers", type=int, metavar="N", help="process on a local Dask cluster of N worker processes (needs eventwire[scale])")
    ingest.add_argument("--scheduler", metavar="ADDRESS", help="process on a running Dask cluster (tcp://host:8786); inputs must be readable by every worker")
    ingest.add_argument("--parts", metavar="DIR", help="where Dask writes its resumable Parquet parts (default: DB.parts/)")
    ingest.add_argument("--partition-size", type=int, default=128, metavar="N",
                        help="documents per Dask partition (default: %(default)s; smaller spreads a small corpus over more workers)")
    ingest.add_argument("--output", nargs="+", metavar=("store|parquet", "DIR"), default=["store"],
                        help="with Dask: load the parts into the database (store, the default), or keep the Parquet "
                        "parts in DIR as the output and leave the database alone (parquet DIR)")
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
    quotes.add_argument("--code", metavar="CODE", help="only speakers linked to this actor code or prefix (tells namesakes apart)")
    quotes.add_argument("--since", metavar="DATE")
    quotes.add_argument("--until", metavar="DATE")
    quotes.add_argument("--limit", type=int, metavar="N")
    quotes.add_argument("--all-copies", action="store_true",
                        help="list a quote once per copy of the article (by default copies of one story, exact or near, "
                             "show it once, with the number of copies)")
    _add_db(quotes)
    _add_format(quotes)
    quotes.set_defaults(handler=run_quotes)

    events = commands.add_parser(
        "events",
        help="coded events across articles, or a dyad's time series with --by",
        description="Events the GDELT way: mentions of the same (day, source, target, CAMEO code) are one event, "
        "with mention, source and article counts. With --by, the dyad time series instead: per period the events, "
        "mentions, mean Goldstein score and the count in each quad class (1 verbal cooperation, 2 material "
        "cooperation, 3 verbal conflict, 4 material conflict), every period in range present.",
        epilog=EVENTS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    events.add_argument("--source", metavar="CODE", help="the source actor's CAMEO code (NORGOV; with --level country, NOR)")
    events.add_argument("--target", metavar="CODE", help="the target actor's CAMEO code")
    events.add_argument("--root", metavar="NN", help="the CAMEO root code (two digits: 11 disapprove, 17 coerce)")
    events.add_argument("--since", metavar="DATE")
    events.add_argument("--until", metavar="DATE")
    events.add_argument("--by", choices=("day", "week", "month", "year"), help="the dyad time series per period (weeks start on Monday)")
    events.add_argument("--level", choices=("actor", "country"), default="actor", help="match codes whole (actor) or by their country part (default: %(default)s)")
    events.add_argument("--limit", type=int, metavar="N", help="at most N events (not with --by)")
    _add_db(events)
    _add_format(events)
    events.set_defaults(handler=run_events)

    actors = commands.add_parser(
        "actors",
        help="actor codes and the people linked to them",
        description="Actor codes seen in events or on people, most active first: how often each is a source or a "
        "target, in how many articles, and the people (bare name plus actor code) linked to it. With --people, the "
        "people themselves.",
    )
    actors.add_argument("--code", metavar="CODE", help="a code or its prefix (NOR gives NOR, NORGOV, NORMIL, ...)")
    actors.add_argument("--people", action="store_true", help="list people (name, actor code, quotes, mentions) instead")
    actors.add_argument("--name", metavar="NAME", help="with --people: any form of a person's name")
    actors.add_argument("--limit", type=int, metavar="N")
    _add_db(actors)
    _add_format(actors)
    actors.set_defaults(handler=run_actors)

    stats = commands.add_parser("stats", help="what the corpus holds")
    _add_db(stats)
    stats.add_argument("--format", choices=("table", "json"), default="table")
    stats.set_defaults(handler=run_stats)

    export = commands.add_parser(
        "export",
        help="write the corpus as JSON Lines, CSV, Parquet or GDELT-style events",
        description="Export the corpus. jsonl: full records; csv/parquet: one file per table "
        "(articles, quotes, links, warnings, places, events) in a folder, or one table with --table; "
        "gdelt: events as GDELT 2.0 event-table columns.",
    )
    export.add_argument("out", metavar="OUT", help="file or folder to write (- for stdout with jsonl, csv --table, gdelt)")
    export.add_argument("--format", choices=("jsonl", "csv", "parquet", "gdelt"), required=True)
    export.add_argument("--table", choices=("articles", "quotes", "links", "warnings", "places", "events"), help="one table only (csv, parquet)")
    export.add_argument("--header", action="store_true", help="gdelt: a first row of GDELT's column names (GDELT's own files have none)")
    export.add_argument("--partition", choices=("auto", "month", "none"), default="auto",
                        help="parquet: one folder per table with a file per publication month; auto does so from 100,000 articles on (default: %(default)s)")
    _add_db(export)
    export.set_defaults(handler=run_export)


def run_ingest(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    stages = _parse_stages(args.stages)
    if args.actors:
        from .process import check_actors_file

        check_actors_file(args.actors)
    settings = replace(DEFAULT_SETTINGS, stages=stages, model=args.model, actors=args.actors and os.path.abspath(args.actors))
    output = _output(args.output)
    if output != "store" and (args.workers or args.scheduler) and args.paths:
        return _ingest_on_dask(args, None, settings, output)  # Parquet is the output: no database is opened
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
            return _ingest_on_dask(args, corpus, settings, output)
        if output != "store":
            raise UsageError("--output parquet DIR is the output of a Dask run: add --workers N or --scheduler ADDRESS")
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


def _output(values: list[str]) -> str:
    """ "store", or the folder that `--output parquet DIR` names."""
    if values == ["store"]:
        return "store"
    if len(values) == 2 and values[0] == "parquet":
        return values[1]
    raise UsageError("--output is `store` (the default) or `parquet DIR`")


def _ingest_on_dask(args: argparse.Namespace, corpus, settings: Settings, output: str = "store") -> int:
    """Process on Dask into Parquet parts (resumable), then load the parts into the store, unless they are the output."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("Dask is not installed: pip install 'eventwire[scale]'") from None
    from ..scale import load_parts_into_store, process_on_dask

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.partition_size < 1:
        raise UsageError("--partition-size must be at least 1")
    if output != "store" and args.parts and os.path.abspath(args.parts) != os.path.abspath(output):
        raise UsageError("with --output parquet DIR the parts go to DIR: drop --parts")
    parts = output if output != "store" else (args.parts or f"{args.db}.parts")
    if args.scheduler:
        client_context = Client(args.scheduler)
        cluster = None
    else:
        # Loopback only: a local cluster must never listen on the network.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
        client_context = Client(cluster)
    # A local cluster's workers share this directory, so paths go as given and the articles get the
    # ids a plain ingest gives them (ids include the normalised path). A remote cluster's workers
    # have their own working directory: they get absolute paths (on a file system they all share).
    paths = [os.path.abspath(p) for p in args.paths] if args.scheduler else list(args.paths)
    try:
        with client_context as client:
            report = process_on_dask(paths, os.path.abspath(parts), settings, client=client, partition_size=args.partition_size)
    finally:
        if cluster is not None:
            cluster.close()
    if output != "store":
        if not args.quiet:
            print(
                f"eventwire: {report.documents} document(s) in {report.partitions} part(s) on Dask "
                f"({report.written} written, {report.skipped} already done) in {report.seconds:.1f} s; "
                f"{report.articles} article(s) and {report.errors} error record(s) in Parquet parts in {parts} (read them with "
                "eventwire.scale.read_part_records or any Parquet reader: one row per document, the full record in `record`)",
                file=sys.stderr,
            )
        return EXIT_SOME_FAILED if report.errors else EXIT_OK
    corpus.use_actors(settings.actors)
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
        hits = corpus.quotes(speaker=args.speaker, since=args.since, until=args.until, limit=args.limit, code=args.code,
                             fold_copies=not args.all_copies)
    columns = ["published", "speaker", "kind", "text", "outlet", "article_id"] + ([] if args.all_copies else ["copies"])
    _print_rows([asdict(h) for h in hits], args.format, columns)
    return EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with _open_corpus(args.db, readonly=True) as corpus:
        if args.by:
            if args.limit is not None:
                raise UsageError("--limit lists events; a time series (--by) has every period")
            series = corpus.dyad_series(args.source, args.target, freq=args.by, level=args.level, root=args.root, since=args.since, until=args.until)
            rows = [_series_row(point) for point in series]
            _print_rows(rows, args.format, ["period", "events", "mentions", "goldstein_mean", "quad1", "quad2", "quad3", "quad4"])
            return EXIT_OK
        clusters = corpus.event_clusters(args.source, args.target, args.root, args.since, args.until, level=args.level)
    if args.limit is not None:
        clusters = clusters[: args.limit]
    rows = [asdict(c) for c in clusters]
    if args.format != "jsonl":
        for row in rows:  # a table or CSV cell holds how many; JSON Lines keeps where to read each one
            row["location"] = (row["location"] or {}).get("name")
            row["mentions"] = len(row["mentions"])
    _print_rows(rows, args.format, ["date", "source_code", "target_code", "code", "goldstein", "num_mentions", "num_sources", "num_articles", "source_name", "target_name"])
    return EXIT_OK


def _series_row(point) -> dict:
    row = {"period": point.period, "events": point.events, "mentions": point.mentions,
           "goldstein_mean": None if point.goldstein_mean is None else round(point.goldstein_mean, 3)}
    row.update({f"quad{i + 1}": n for i, n in enumerate(point.quad_counts)})
    return row


def run_actors(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    with _open_corpus(args.db, readonly=True) as corpus:
        if args.people or args.name:
            people = corpus.people(name=args.name, code=args.code, limit=args.limit)
            _print_rows([asdict(p) for p in people], args.format, ["name", "actor_code", "quotes", "mentions", "events", "key"])
            return EXIT_OK
        actors = corpus.actors(code=args.code, limit=args.limit)
    rows = []
    for actor in actors:
        row = asdict(actor)
        if args.format != "jsonl":
            row["people"] = "; ".join(f"{p.name} ({p.quotes} quotes)" for p in actor.people)
        rows.append(row)
    _print_rows(rows, args.format, ["code", "name", "as_source", "as_target", "articles", "people"])
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
        report = corpus.export(out, args.format, args.table, header=args.header or None, partition=args.partition)
    if args.out != "-":
        print(f"eventwire: exported to {args.out}: {report}", file=sys.stderr)
    return EXIT_OK
