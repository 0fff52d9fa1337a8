"""Scoring the event coder.

``evaluate_plv(path, limit=None)``: the PLV dyad-labelled set (``PLV_train.tsv``: columns by
header name; ``marked_sentence`` marks the source ``<s>…</s>`` and target ``<t>…</t>``;
``gold_root`` is one of the 15 PLOVER types). The coder that ``process`` runs is applied to
each sentence with the markup stripped; the event whose source and target overlap the
marked ones is chosen and its CAMEO code mapped to PLOVER with ``code_info``. A sentence
with no such event (or only a 01x statement, which has no PLOVER type) is predicted
``NONE`` and counts as wrong. Reported: ``accuracy`` and ``macro_f1`` (over the gold labels)
at the top level, beside ``baselines``:

- ``majority``: the most frequent gold label, for every sentence;
- ``cameo_verb_lookup`` (when ``CAMEO.2.0.txt`` is found beside the gold file, or given):
  no parse; the first word tagged as a verb whose lemma is a verb of PETRARCH's CAMEO.2.0
  dictionary with a code that maps to a PLOVER type gives that type; no such verb: the
  majority label. The dictionary is read at run time and never copied.

The PLV set is for measurement only: no lexicon row is written from its sentences.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventwire.events.codes import PLOVER_TYPES, code_info

NONE = "NONE"
_MARK_RE = re.compile(r"<(/?)([st])>")


def strip_markup(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The sentence without ``<s>``/``<t>`` tags and the (start, end) of each marked part."""
    out: list[str] = []
    pos = 0
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for m in _MARK_RE.finditer(marked):
        piece = marked[pos:m.start()]
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, which = m.group(1), m.group(2)
        if closing:
            if which in opened:
                spans[which] = (opened.pop(which), length)
        else:
            opened[which] = length
    out.append(marked[pos:])
    return "".join(out), spans


def read_plv(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a PLV TSV: ``text``, ``source``/``target`` spans and ``gold``."""
    csv.field_size_limit(1 << 30)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            marked = row.get("marked_sentence") or ""
            gold = (row.get("gold_root") or "").strip()
            if not marked or not gold:
                continue
            text, spans = strip_markup(marked)
            rows.append({"id": row.get("sentence_id"), "text": text, "source": spans.get("s"), "target": spans.get("t"),
                         "gold": gold})  # fmt: skip
            if limit is not None and len(rows) >= limit:
                break
    return rows


def classification_scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Accuracy and macro-F1 over the gold labels (a label never predicted scores F1 0)."""
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    labels = sorted(set(gold))
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"accuracy": round(correct / n, 4) if n else 0.0, "macro_f1": round(macro, 4), "per_label": per, "n": n}


def _overlaps(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and start < a[1] and a[0] < end


def choose_event(events, source: tuple[int, int] | None, target: tuple[int, int] | None):
    """The event that best fits the marked dyad, or None."""
    best, best_key = None, None
    for e in events:
        score = 0
        if _overlaps(source, e.source.start, e.source.end):
            score += 2
        if e.target is not None and _overlaps(target, e.target.start, e.target.end):
            score += 2
        if e.target is not None and _overlaps(source, e.target.start, e.target.end) and _overlaps(
            target, e.source.start, e.source.end
        ):
            score += 1  # the dyad reversed: the action is still the sentence's
        if e.plover is not None:
            score += 1
        if e.modality == "denied":
            score -= 1
        key = (score, e.confidence)
        if best_key is None or key > best_key:
            best, best_key = e, key
    return best


def plover_of(event) -> str:
    if event is None or event.plover is None or not event.plover.type:
        return NONE
    return event.plover.type


def code_sentences(rows: list[dict[str, Any]], nlp=None) -> list[str]:
    """PLOVER predictions of the eventwire coder for PLV rows."""
    from eventwire.events.extract import extract_events
    from eventwire.nlp import load_pipeline, parse_texts

    nlp = nlp or load_pipeline()
    preds = []
    for row, doc in zip(rows, parse_texts([r["text"] for r in rows], nlp)):
        events = extract_events(row["text"], doc, None, require_actor=False)
        preds.append(plover_of(choose_event(events, row["source"], row["target"])))
    return preds


# -- the naive baseline ----------------------------------------------------------------------
_BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_WORD_RE = re.compile(r"^\+?([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")


def read_cameo_verbs(path: str | Path) -> dict[str, str]:
    """Verb lemma (lower case, single words only) -> CAMEO code, from a PETRARCH verb
    dictionary: each word's own code, else its block's; ``---`` (no code) is left out."""
    verbs: dict[str, str] = {}
    in_verbs = False
    block_code: str | None = None
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs or not line.strip() or line.startswith("-") and not line.startswith("---"):
            continue
        m = _BLOCK_RE.match(line)
        if m:
            block_code = m.group(2).split(":")[0].strip()
            word = m.group(1)
            own = block_code
        else:
            w = _WORD_RE.match(line.strip())
            if not w:
                continue
            word, own = w.group(1), (w.group(2).split(":")[0].strip() if w.group(2) else block_code)
        if "_" in word.strip("_") or not own or own == "---":
            continue
        verbs.setdefault(word.strip("_").casefold(), own)
    return verbs


def _plover_of_code(code: str) -> str | None:
    for candidate in (code, code[:3], code[:2]):
        try:
            info = code_info(candidate)
        except (KeyError, ValueError):
            continue
        return info.plover_type
    return None


def lookup_baseline(rows: list[dict[str, Any]], verbs: dict[str, str], fallback: str, nlp=None) -> list[str]:
    """The first verb-tagged word whose lemma the dictionary codes to a PLOVER type (no parse)."""
    from eventwire.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    preds = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]):
        for doc in nlp.pipe(r["text"] for r in rows):
            label = fallback
            for tok in doc:
                if tok.pos_ != "VERB":
                    continue
                code = verbs.get(tok.lemma_.casefold())
                plover = _plover_of_code(code) if code else None
                if plover:
                    label = plover
                    break
            preds.append(label)
    return preds


def evaluate_plv(path: str | Path, limit: int | None = None, dictionary: str | Path | None = None) -> dict[str, Any]:
    rows = read_plv(path, limit)
    gold = [r["gold"] for r in rows]
    started = time.perf_counter()
    preds = code_sentences(rows)
    seconds = time.perf_counter() - started
    report: dict[str, Any] = {"gold": str(path), "system": "eventwire", "sentences": len(rows)}
    report.update(classification_scores(gold, preds))
    report["coverage"] = round(sum(p != NONE for p in preds) / len(preds), 4) if preds else 0.0
    report["sentences_per_second"] = round(len(rows) / seconds, 1) if seconds else None
    report["confusion"] = _confusion(gold, preds)
    majority = Counter(gold).most_common(1)[0][0] if gold else NONE
    baselines: dict[str, Any] = {"majority": {"label": majority, **_brief(classification_scores(gold, [majority] * len(gold)))}}
    dictionary = Path(dictionary) if dictionary else Path(path).with_name("CAMEO.2.0.txt")
    if dictionary.exists():
        verbs = read_cameo_verbs(dictionary)
        baselines["cameo_verb_lookup"] = {"dictionary": dictionary.name, "verbs": len(verbs),
                                          **_brief(classification_scores(gold, lookup_baseline(rows, verbs, majority)))}  # fmt: skip
    else:
        baselines["cameo_verb_lookup"] = {"skipped": f"{dictionary} not found"}
    report["baselines"] = baselines
    return report


def _brief(scores: dict[str, Any]) -> dict[str, Any]:
    return {"accuracy": scores["accuracy"], "macro_f1": scores["macro_f1"]}


def _confusion(gold: Iterable[str], pred: Iterable[str]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(c.most_common()) for g, c in sorted(table.items())}


def format_table(report: dict[str, Any]) -> str:
    """The PLV report as a Markdown table, eventwire beside its baselines, then per label."""
    lines = [f"PLV: {report['sentences']} sentences ({report['gold']})", "",
             "| system | accuracy | macro-F1 |", "|---|---|---|",
             f"| eventwire | {report['accuracy']:.3f} | {report['macro_f1']:.3f} |"]  # fmt: skip
    for name, base in report.get("baselines", {}).items():
        if "accuracy" in base:
            lines.append(f"| {name} | {base['accuracy']:.3f} | {base['macro_f1']:.3f} |")
        else:
            lines.append(f"| {name} | skipped | {base.get('skipped', '')} |")
    lines += ["", f"coverage (a PLOVER-typed event in the sentence): {report.get('coverage', 0):.3f}", "",
              "| label | P | R | F1 | n |", "|---|---|---|---|---|"]  # fmt: skip
    for label, s in report.get("per_label", {}).items():
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    return "\n".join(lines)


__all__ = ["PLOVER_TYPES", "choose_event", "classification_scores", "evaluate_plv", "format_table", "read_cameo_verbs",
           "read_plv", "strip_markup"]  # fmt: skip
