"""PLV (dyad given): eventwire beside the majority class and a CAMEO.2.0 verb lookup.

    .venv/bin/python benchmarks/events/plv.py ../shared/eval/events/PLV_train.tsv [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys

from eventwire.evaluate.events import evaluate_plv, format_table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    report = evaluate_plv(args.gold, args.limit)
    print(format_table(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
