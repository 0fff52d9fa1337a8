"""Scoring the cleaner against gold files in the ``examples/gold`` format.

Each gold file names its input (``"01_x.txt"`` or ``"feed.jsonl#2"``) and gives
the expected paragraphs, links (url, kind), warning codes and metadata. The
same scorer runs a naive baseline (split on blank lines, join lines with a
space, keep every URL as it stands) in the same run, for comparison.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Article, DocumentError

_URL = re.compile(r"(?:https?://|www\.)\S+")
METADATA_FIELDS = ("url", "published", "title", "outlet_name", "authors")


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    files = sorted(Path(gold_dir).glob("*.json"))
    return [dict(json.loads(f.read_text(encoding="utf-8")), _file=f.name) for f in files]


def predict_eventwire(gold: list[dict], inputs_dir: Path) -> dict[str, Article | DocumentError]:
    from .. import process_paths

    predictions: dict[str, Article | DocumentError] = {}
    files = sorted({g["input"].split("#", 1)[0] for g in gold})
    for name in files:
        for record in process_paths([str(inputs_dir / name)]):
            index = record.input.index if isinstance(record, Article) else record.index
            predictions[name if index is None else f"{name}#{index}"] = record
    return predictions


def naive_paragraphs(raw: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _fold(text: str) -> str:
    return " ".join(text.split())


def score_paragraphs(predicted: list[str], expected: list[str]) -> tuple[int, int, int]:
    """(matched, predicted count, gold count): exact matches after folding white space, as multisets."""
    pred = Counter(_fold(p) for p in predicted)
    gold = Counter(_fold(p) for p in expected)
    matched = sum((pred & gold).values())
    return matched, sum(pred.values()), sum(gold.values())


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate_cleaning(gold_dir: str | Path, inputs_dir: str | Path | None = None) -> dict[str, Any]:
    gold_dir = Path(gold_dir)
    inputs = Path(inputs_dir) if inputs_dir else gold_dir.parent
    gold = load_gold(gold_dir)
    predictions = predict_eventwire(gold, inputs)
    systems: dict[str, dict[str, Counter]] = {"eventwire": {}, "naive": {}}
    tallies = {name: Counter() for name in systems}
    failures = []
    for g in gold:
        record = predictions.get(g["input"])
        if record is None or isinstance(record, DocumentError):
            failures.append({"input": g["input"], "error": getattr(record, "error", "no record")})
            record = None
        raw = record.raw if record is not None and record.raw is not None else _read_raw(inputs, g["input"])
        _tally(tallies["eventwire"], g, _eventwire_view(record))
        _tally(tallies["naive"], g, _naive_view(raw))
    report = {"documents": len(gold), "failures": failures, "systems": {}}
    for name, t in tallies.items():
        report["systems"][name] = {
            "paragraphs": _prf(t["para_tp"], t["para_pred"], t["para_gold"]),
            "documents_all_paragraphs_exact": round(t["doc_exact"] / len(gold), 4) if gold else 0.0,
            "links": _prf(t["link_tp"], t["link_pred"], t["link_gold"]),
            "link_kind_accuracy": round(t["kind_ok"] / t["link_tp"], 4) if t["link_tp"] else 0.0,
            "warnings": _prf(t["warn_tp"], t["warn_pred"], t["warn_gold"]),
            **{f"{field}_accuracy": round(t[f"{field}_ok"] / t[f"{field}_total"], 4) if t[f"{field}_total"] else 0.0 for field in METADATA_FIELDS},
        }
    return report


def _read_raw(inputs: Path, name: str) -> str:
    path, _, line = name.partition("#")
    data = (inputs / path).read_bytes()
    if line:
        record = json.loads(data.decode("utf-8").splitlines()[int(line) - 1])
        return record.get("text", "")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _eventwire_view(record: Article | None) -> dict[str, Any]:
    if record is None:
        return {"paragraphs": [], "links": {}, "warnings": set()}
    return {
        "paragraphs": record.paragraph_texts(),
        "links": {link.url: link.kind for link in record.links},
        "warnings": {w.code for w in record.warnings},
        "url": record.url,
        "published": record.published,
        "title": record.title,
        "outlet_name": record.outlet.name,
        "authors": record.authors,
    }


def _naive_view(raw: str) -> dict[str, Any]:
    urls = dict.fromkeys(m.group(0).rstrip(".,;:)") for m in _URL.finditer(raw))
    return {"paragraphs": naive_paragraphs(raw), "links": {u: "other" for u in urls}, "warnings": set(), "authors": []}


def _tally(t: Counter, gold: dict, view: dict) -> None:
    tp, n_pred, n_gold = score_paragraphs(view["paragraphs"], gold["paragraphs"])
    t["para_tp"] += tp
    t["para_pred"] += n_pred
    t["para_gold"] += n_gold
    t["doc_exact"] += int(tp == n_gold == n_pred)
    gold_links = {link["url"]: link["kind"] for link in gold.get("links", [])}
    t["link_gold"] += len(gold_links)
    t["link_pred"] += len(view["links"])
    for url, kind in view["links"].items():
        if url in gold_links:
            t["link_tp"] += 1
            t["kind_ok"] += int(gold_links[url] == kind)
    gold_warnings = set(gold.get("warnings", []))
    t["warn_gold"] += len(gold_warnings)
    t["warn_pred"] += len(view["warnings"])
    t["warn_tp"] += len(gold_warnings & view["warnings"])
    expected = {
        "url": gold.get("url"),
        "published": gold.get("published"),
        "title": gold.get("title"),
        "outlet_name": (gold.get("outlet") or {}).get("name"),
        "authors": gold.get("authors", []),
    }
    for field in METADATA_FIELDS:
        if field == "title" and not expected["title"]:
            continue  # no headline in the input: any title is inferred from the URL and not gold
        t[f"{field}_total"] += 1
        predicted = view.get(field)
        if field == "published" and predicted:
            predicted = predicted[:10]
        t[f"{field}_ok"] += int(predicted == expected[field] or (not predicted and not expected[field]))


def format_table(report: dict[str, Any]) -> str:
    names = list(report["systems"])
    rows = [
        ("paragraph exact P", lambda s: s["paragraphs"]["precision"]),
        ("paragraph exact R", lambda s: s["paragraphs"]["recall"]),
        ("documents all exact", lambda s: s["documents_all_paragraphs_exact"]),
        ("link F1", lambda s: s["links"]["f1"]),
        ("link kind accuracy", lambda s: s["link_kind_accuracy"]),
        ("warning F1", lambda s: s["warnings"]["f1"]),
    ] + [(f"{field} accuracy", lambda s, f=field: s[f"{f}_accuracy"]) for field in METADATA_FIELDS]
    lines = [f"cleaning: {report['documents']} gold documents, {len(report['failures'])} failed", ""]
    lines.append(f"| {'metric':22} | " + " | ".join(f"{n:>9}" for n in names) + " |")
    lines.append(f"|{'-' * 24}|" + "|".join("-" * 11 for _ in names) + "|")
    for label, get in rows:
        lines.append(f"| {label:22} | " + " | ".join(f"{get(report['systems'][n]):9.3f}" for n in names) + " |")
    for failure in report["failures"]:
        lines.append(f"failed: {failure['input']}: {failure['error']}")
    return "\n".join(lines)
