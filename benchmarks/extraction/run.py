#!/usr/bin/env python3
"""HTML extraction benchmark: `eventwire eval extraction` on both shared sets, written down.

Runs the scorer of ``eventwire.evaluate.extraction`` (eventwire's HTML reader and cleaner
beside bare trafilatura, in the same process, interleaved page by page) on the Fundus and
WCXB sets and writes ``benchmarks/results/extraction.json`` and ``.md`` with the command,
date, commit and package versions. The sets are read in place and never copied.

    python benchmarks/extraction/run.py [--eval-dir DIR] [--out FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SETS = ("fundus-evaluation-news80", "wcxb-articles-test")
PACKAGES = ("eventwire", "trafilatura", "htmldate", "lxml", "justext", "charset-normalizer", "py3langid", "wordfreq")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # benchmarks/: runinfo
from runinfo import eval_dir as _eval_dir, versions, run_header  # noqa: E402


def _versions() -> dict[str, str | None]:
    return versions(PACKAGES)




def markdown(report: dict) -> str:
    from eventwire.evaluate.extraction import format_table

    dirty = " (+ uncommitted changes in src/)" if report["git_dirty"] else ""
    lines = [
        f"Extraction benchmark — {report['date']} — commit {report['git_commit'] or 'n/a'}{dirty}",
        "",
        f"Command: `{report['command']}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        "Metrics are defined in `src/eventwire/evaluate/extraction.py`. bare trafilatura is "
        "`trafilatura.extract(html, output_format=\"json\", with_metadata=True)` with its defaults, "
        "scored by the same code in the same run.",
    ]
    for name, result in report["sets"].items():
        lines += ["", f"## {name}", ""]
        lines.append(format_table(result) if "systems" in result else f"skipped: {result['skipped']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", help="eval data dir (default: $EVENTWIRE_EVAL, else ../shared/eval beside the repository)")
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "extraction.json"),
                    help="JSON report (default benchmarks/results/extraction.json); a .md is written beside it")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per set (quick runs)")
    args = ap.parse_args(argv)

    from eventwire.evaluate.extraction import evaluate_extraction, format_table

    root = os.path.join(_eval_dir(args.eval_dir), "extraction")
    report: dict = {
        **run_header(_versions()),
        "sets": {},
    }
    ran = False
    for name in SETS:
        gold = os.path.join(root, name)
        if not os.path.isdir(gold):
            print(f"{gold} not found: skipped", file=sys.stderr)
            report["sets"][name] = {"skipped": "not found"}
            continue
        result = evaluate_extraction(gold, limit=args.limit)
        result["gold"] = os.path.join("$EVENTWIRE_EVAL", "extraction", name)
        report["sets"][name] = result
        print(format_table(result), end="\n\n")
        ran = True
    if not ran:
        print("no extraction sets found: nothing measured, nothing written", file=sys.stderr)
        return 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    with open(os.path.splitext(args.out)[0] + ".md", "w", encoding="utf-8") as handle:
        handle.write(markdown(report))
    print(f"wrote {os.path.relpath(args.out)} and its .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
