#!/usr/bin/env python3
"""Events on our own fictional examples: eventwire's events beside the `events` gold that
``examples/gold/*.json`` carries for four articles (01, 07, 09, 13).

The gold lists (source, target, root) triples at country level: the first three characters of
each actor code (``NOR``, ``RUS``, ``IGO`` for any international organisation), ``---`` for no
target, and the CAMEO root. Each gold row has a ``note`` quoting the words it codes. Scoring is
per document on sets of such triples, micro-averaged, the way ``eventwire eval events`` scores
the PETRARCH GSR (denied events are no events). The coder runs as ``process`` runs it, with the
examples' fictional office holders (``examples/actors.tsv``) added to the actor tables. The
scoring is ``eventwire.evaluate.article_events`` (the same as ``eventwire eval events --gold
examples/gold --actors examples/actors.tsv``), with its verb-lookup baseline.

    .venv/bin/python benchmarks/events/examples.py [--json OUT]

``evaluate_examples()`` returns the report; ``tests/test_floors.py`` checks its floor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def evaluate_examples(gold_dir: str | os.PathLike = REPO / "examples" / "gold") -> dict:
    from eventwire.evaluate.article_events import evaluate_article_events

    return evaluate_article_events(gold_dir, actors=REPO / "examples" / "actors.tsv")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write the report here")
    args = ap.parse_args(argv)
    report = evaluate_examples()
    s = report["root_country"]
    b = report["baselines"]["verb_lookup"]["root_country"]
    print(f"events on {report['documents']} example articles: root/country P {s['precision']:.3f} R {s['recall']:.3f} "
          f"F1 {s['f1']:.3f} (tp {s['tp']}, gold {s['gold']}, predicted {s['predicted']}); verb lookup, same run: "
          f"P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")  # fmt: skip
    for d in report["per_document"]:
        print(f"  {d['document']}: tp {d['tp']}/{d['gold']}, predicted {d['predicted']}; missed {d['missed']}; extra {d['extra']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
