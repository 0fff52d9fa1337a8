"""The review commands: a sample of events or quotes out for marking, the marks back in as precision."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import UsageError
from ._common import EXIT_OK, _add_db, _open_corpus

REVIEW_EXAMPLES = """\
examples:
  eventwire review export --sample 200 review.csv                   200 events, drawn at random
  eventwire review export --sample 200 --stratify root review.csv   every CAMEO root code at least once
  eventwire review export --kind quotes --sample 100 quotes.csv     quotes and their speakers
  eventwire review import review.csv                                precision with its 95% interval

Mark each row's "correct?" cell y or n (blank: not reviewed; ?: unsure). Precision is over the rows
marked y or n. Interval: Wilson score for a simple random sample; for a stratified one, the estimate is
weighted by stratum size, its interval drawn from each stratum's Jeffreys posterior, and each stratum gets
a Wilson interval.
"""


def register(commands) -> None:
    review = commands.add_parser(
        "review",
        help="check a sample of events or quotes by hand and measure precision",
        description="Validate before publishing: export a sample for a person to mark correct or wrong, then import "
        "the marks to get precision with a confidence interval.",
        epilog=REVIEW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = review.add_subparsers(dest="review_action", metavar="ACTION")

    export = actions.add_parser("export", help="write a sample to a CSV for marking", epilog=REVIEW_EXAMPLES,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("out", metavar="OUT.csv", help="the file to write (- for stdout)")
    export.add_argument("--sample", type=int, required=True, metavar="N", help="how many items (fewer if fewer are stored)")
    export.add_argument("--kind", choices=("events", "quotes"), default="events", help="what to review (default: %(default)s)")
    export.add_argument("--stratify", metavar="BY",
                        help="draw every stratum at least once: root or outlet for events; outlet, kind or speaker_type for quotes")
    export.add_argument("--seed", type=int, default=0, help="the random seed: the same seed draws the same sample (default: %(default)s)")
    _add_db(export)
    export.set_defaults(handler=run_review_export)

    marks = actions.add_parser("import", help="read a marked CSV and report precision")
    marks.add_argument("file", metavar="FILE", help="the marked CSV (- for stdin)")
    marks.add_argument("--format", choices=("table", "json"), default="table")
    marks.set_defaults(handler=run_review_import)

    review.set_defaults(handler=lambda args: _missing_action(review))


def _missing_action(parser: argparse.ArgumentParser) -> int:
    raise UsageError("review needs an action: export or import (see `eventwire review --help`)")


def run_review_export(args: argparse.Namespace) -> int:
    with _open_corpus(args.db, readonly=True) as corpus:
        out = sys.stdout if args.out == "-" else args.out
        written = corpus.review_sample(args.sample, args.seed, out, kind=args.kind, stratify=args.stratify)
    if args.out != "-":
        how = f", stratified by {args.stratify}" if args.stratify else ""
        print(f"eventwire: {written} {args.kind} to review in {args.out}{how}; mark the \"correct?\" column y or n, "
              f"then run `eventwire review import {args.out}`", file=sys.stderr)
    return EXIT_OK


def run_review_import(args: argparse.Namespace) -> int:
    from ..store.review import read_review, report_dict

    if args.file == "-":
        report = read_review(sys.stdin, "standard input")
    else:
        try:
            with open(args.file, encoding="utf-8-sig", newline="") as handle:  # -sig: spreadsheets save a BOM
                report = read_review(handle, args.file)
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    if args.format == "json":
        print(json.dumps(report_dict(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return EXIT_OK


def format_report(report) -> str:
    def pct(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    level = f"{report.confidence:.0%}"
    lines = [
        f"{report.kind}s reviewed: {report.marked} of {report.rows} rows marked ({report.correct} correct, {report.wrong} wrong; "
        f"{report.unmarked} blank, {report.unsure} unsure)",
        f"precision {pct(report.precision)}  {level} interval [{pct(report.low)}, {pct(report.high)}]",
        f"interval: {report.method}",
    ]
    if report.stratified_by:
        lines.append(f"unweighted share correct {pct(report.unweighted_precision)}; by {report.stratified_by}:")
        width = max([len(s.stratum or "(none)") for s in report.strata] + [8])
        for s in report.strata:
            lines.append(f"  {(s.stratum or '(none)').ljust(width)}  {s.correct}/{s.marked} marked correct of {s.size if s.size is not None else '?'} stored  "
                         f"precision {pct(s.precision)} [{pct(s.low)}, {pct(s.high)}]")
    if report.marked < 30:
        lines.append("note: fewer than 30 marked items; the interval is wide for a reason")
    return "\n".join(lines)
