#!/usr/bin/env python3
"""Events on our own fictional examples: eventwire's events beside the `events` gold that
``examples/gold/*.json`` carries for four articles (01, 07, 09, 13).

The gold lists (source, target, root) triples at country level: the first three characters of
each actor code (``NOR``, ``RUS``, ``IGO`` for any international organisation), ``---`` for no
target, and the CAMEO root. Each gold row has a ``note`` quoting the words it codes. Scoring is
per document on sets of such triples, micro-averaged, the way ``eventwire eval events`` scores
the PETRARCH GSR (denied events are no events). The coder runs as ``process`` runs it, with the
examples' fictional office holders (``examples/actors.tsv``) added to the actor tables.

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


def triples(events) -> set[tuple[str, str, str]]:
    out = set()
    for e in events:
        if e.modality == "denied":
            continue
        source = (e.source.code or "---")[:3]
        target = (e.target.code or "---")[:3] if e.target is not None else "---"
        out.add((source, target, e.root))
    return out


def evaluate_examples(gold_dir: str | os.PathLike = REPO / "examples" / "gold") -> dict:
    import eventwire
    from eventwire.actors import ActorTables, read_user_actors
    from eventwire.events import extract_events
    from eventwire.nlp import load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes
    from eventwire.settings import Settings

    golds = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "events" in data:
            golds.append((REPO / "examples" / data["input"], {(g["source"], g["target"], g["root"]) for g in data["events"]}))
    tables = ActorTables.default(user_actors=read_user_actors(REPO / "examples" / "actors.tsv"))
    records = list(eventwire.process_paths([str(p) for p, _ in golds], Settings(stages=("clean",))))
    docs = parse_texts([r.text for r in records], load_pipeline())
    per_doc, tp = [], 0
    n_gold = n_pred = 0
    for (path, gold), record, doc in zip(golds, records, docs):
        entities, quotes = extract_quotes(record.text, doc)
        predicted = triples(extract_events(record.text, doc, record.published, entities, quotes, tables))
        hit = gold & predicted
        tp += len(hit)
        n_gold += len(gold)
        n_pred += len(predicted)
        per_doc.append({"document": path.name, "gold": len(gold), "predicted": len(predicted), "tp": len(hit),
                        "missed": sorted(gold - predicted), "extra": sorted(predicted - gold)})  # fmt: skip
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"documents": len(golds), "root_country": {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "tp": tp, "gold": n_gold, "predicted": n_pred}, "per_document": per_doc}  # fmt: skip


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write the report here")
    args = ap.parse_args(argv)
    report = evaluate_examples()
    s = report["root_country"]
    print(f"events on {report['documents']} example articles: root/country P {s['precision']:.3f} R {s['recall']:.3f} "
          f"F1 {s['f1']:.3f} (tp {s['tp']}, gold {s['gold']}, predicted {s['predicted']})")  # fmt: skip
    for d in report["per_document"]:
        print(f"  {d['document']}: tp {d['tp']}/{d['gold']}, predicted {d['predicted']}; missed {d['missed']}; extra {d['extra']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
