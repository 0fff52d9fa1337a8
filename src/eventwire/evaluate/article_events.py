"""Events scored on whole articles: a folder of eventwire gold JSON files with an ``events`` list.

Each gold file names its article in ``input`` (relative to the inputs folder, by default the
gold folder's parent, as for ``eval cleaning``) and lists the events a careful reader codes
from it, at country level::

    "events": [{"source": "IGO", "target": "RUS", "root": "15", "note": "NATO deployed four frigates ..."}]

``source`` and ``target`` are the first three characters of the actor codes (``NOR``, ``RUS``,
``IGO`` for any international organisation), ``---`` where there is no target; ``root`` is the
CAMEO root. Files without ``events`` are skipped, so one folder can hold gold for every stage.

Scoring is per document on sets of (source, target, root) triples, micro-averaged, the way
``eventwire eval events`` scores the PETRARCH GSR; denied events ("will not invade") are no
events. The coder runs as ``process`` runs it; ``actors`` adds a user-actors file (the
examples' fictional office holders: ``examples/actors.tsv``).

The baseline, measured in the same run on the same sentences: ``verb_lookup`` codes each
sentence without a dependency parse, from the first verb with a bare row in eventwire's own
lexicon, the first actor named before it and the first named after it
(``eventwire.evaluate.events.lookup_triples``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_article_gold(gold_dir: str | Path, inputs: str | Path | None = None) -> list[tuple[Path, set[tuple[str, str, str]]]]:
    """(article path, gold triples) for each gold file of ``gold_dir`` that has ``events``."""
    gold_dir = Path(gold_dir)
    inputs = Path(inputs) if inputs else gold_dir.parent
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "events" not in data:
            continue
        triples = {(g["source"], g["target"] or "---", g["root"]) for g in data["events"]}
        out.append((inputs / data["input"], triples))
    return out


def country_triples(events) -> set[tuple[str, str, str]]:
    """(source, target, root) at country level; denied events left out."""
    out = set()
    for e in events:
        if e.modality == "denied":
            continue
        source = (e.source.code or "---")[:3]
        target = (e.target.code or "---")[:3] if e.target is not None else "---"
        out.add((source, target, e.root))
    return out


def _scores(pairs) -> dict[str, Any]:
    tp = sum(len(g & p) for g, p in pairs)
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "gold": n_gold, "predicted": n_pred}  # fmt: skip


def evaluate_article_events(gold_dir: str | Path, inputs: str | Path | None = None, actors: str | Path | None = None) -> dict[str, Any]:
    """Score the event coder (and the verb-lookup baseline) on a folder of article gold files."""
    import eventwire
    from eventwire.actors import ActorTables, read_user_actors
    from eventwire.evaluate.events import lookup_triples
    from eventwire.events import default_lexicon, extract_events
    from eventwire.model import DocumentError
    from eventwire.nlp import load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes
    from eventwire.settings import Settings

    golds = read_article_gold(gold_dir, inputs)
    if not golds:
        raise ValueError(f"no gold file with `events` in {gold_dir}")
    tables = ActorTables.default(user_actors=read_user_actors(actors)) if actors else ActorTables.default()
    records = list(eventwire.process_paths([str(p) for p, _ in golds], Settings(stages=("clean",))))
    unreadable = [f"{path}: {record.error}" for (path, _), record in zip(golds, records) if isinstance(record, DocumentError)]
    if unreadable:
        raise ValueError("; ".join(unreadable))
    nlp = load_pipeline()
    docs = list(parse_texts([r.text for r in records], nlp))
    ours, baseline, per_doc = [], [], []
    for (path, gold), record, doc in zip(golds, records, docs):
        entities, quotes = extract_quotes(record.text, doc)
        predicted = country_triples(extract_events(record.text, doc, record.published, entities, quotes, tables))
        sentences = [{"text": s.text} for s in doc.sents]
        looked_up = {(s[:3], t[:3], c[:2]) for found in lookup_triples(sentences, default_lexicon(), tables, nlp) for s, t, c in found}
        ours.append((gold, predicted))
        baseline.append((gold, looked_up))
        per_doc.append({"document": path.name, "gold": len(gold), "predicted": len(predicted), "tp": len(gold & predicted),
                        "missed": sorted(gold - predicted), "extra": sorted(predicted - gold)})  # fmt: skip
    return {
        "gold": str(gold_dir), "format": "article-events", "documents": len(golds),
        "root_country": _scores(ours),
        "baselines": {"verb_lookup": {"root_country": _scores(baseline)}},
        "per_document": per_doc,
    }  # fmt: skip


def format_article_table(report: dict[str, Any], misses: bool = False) -> str:
    """The report as a Markdown table, eventwire beside the baseline; ``misses`` adds each
    document's missed and extra triples."""
    lines = [f"Events on {report['documents']} annotated articles ({report['gold']}): (source, target, root) at country level",
             "", "| system | precision | recall | F1 | tp | gold | predicted |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, s in [("eventwire", report["root_country"])] + [(k, v["root_country"]) for k, v in report["baselines"].items()]:
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['tp']} | {s['gold']} | {s['predicted']} |")
    if misses:
        lines.append("")
        for d in report["per_document"]:
            lines.append(f"- {d['document']}: tp {d['tp']}/{d['gold']}, predicted {d['predicted']}")
            for label in ("missed", "extra"):
                if d[label]:
                    lines.append(f"  - {label}: " + ", ".join("/".join(t) for t in d[label]))
    return "\n".join(lines)


__all__ = ["country_triples", "evaluate_article_events", "format_article_table", "read_article_gold"]
