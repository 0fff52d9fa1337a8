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

``evaluate_petr_gsr(path, limit=None)``: a PETRARCH-2 validation file
(``PETR2_GSR_validation.xml``: ``<Sentence date= id=>`` records, each with its
``<EventCoding eventcode= sourcecode= targetcode=/>`` lines or ``noevents="True"``, and its
``<Text>``). Only the text and date are used: the sentence is parsed by our own pipeline
and coded with our own lexicon and actor tables (``process`` defaults, ``require_actor``
on); the file's UD parse and dictionaries are ignored. Each event gives a triple
(source, target, code); an unresolved target is ``---`` and a sector code without a
country (``REB``) is written ``---REB`` as PETRARCH does. Triples are sets per sentence;
precision, recall and F1 are micro-averaged:

- ``leaf``: the full CAMEO code; ``root``: its first two digits;
- ``actors``: ``full`` compares whole actor codes (``USAGOV`` vs ``USA`` is a miss),
  ``country`` only their first three characters (``---`` for none). The headline
  ``root``/``leaf`` figures are ``full``.
- ``no_event``: of the sentences coded ``noevents``, how many the coder leaves silent.

``evaluate_plv`` passes an ``.xml`` path on to ``evaluate_petr_gsr`` and ``format_table``
prints either report, so ``eventwire eval events --gold FILE.xml`` works unchanged.
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
    if str(path).casefold().endswith(".xml"):
        return evaluate_petr_gsr(path, limit)
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
    """The PLV report as a Markdown table, eventwire beside its baselines, then per label
    (a PETRARCH GSR report: see ``format_gsr_table``)."""
    if report.get("format") == "petrarch-gsr":
        return format_gsr_table(report)
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


# -- PETRARCH-2 GSR validation records ---------------------------------------------------------
_GSR_SENTENCE_RE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_GSR_CODING_RE = re.compile(r"<EventCoding\b([^>]*)/?>")
_GSR_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def read_petr_gsr(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Records of a PETRARCH validation XML: ``id``, ``date`` (ISO), ``text``, ``gold``
    (a list of (source, target, code) triples) and ``no_event``. Read with regular
    expressions because the file's comment lines are not well-formed XML."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    body = raw.split("<Sentences>", 1)[-1]
    rows: list[dict[str, Any]] = []
    for m in _GSR_SENTENCE_RE.finditer(body):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        if attrs.get("evaluate", "true").casefold() == "false":
            continue
        text_m = _GSR_TEXT_RE.search(m.group(2))
        if not text_m:
            continue
        text = " ".join(text_m.group(1).split())
        gold: list[tuple[str, str, str]] = []
        no_event = False
        for c in _GSR_CODING_RE.finditer(m.group(2)):
            ca = dict(_ATTR_RE.findall(c.group(1)))
            if ca.get("noevents", "").casefold() == "true":
                no_event = True
            elif ca.get("eventcode"):
                gold.append((ca.get("sourcecode") or "---", ca.get("targetcode") or "---", ca["eventcode"]))
        date = attrs.get("date", "")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        rows.append({"id": attrs.get("id"), "category": attrs.get("category"), "date": iso, "text": text,
                     "gold": gold, "no_event": no_event and not gold})  # fmt: skip
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _gsr_actor(actor, sectors: frozenset[str]) -> str:
    if actor is None or not actor.code:
        return "---"
    code = actor.code
    return "---" + code if code in sectors else code


def _sector_codes() -> frozenset[str]:
    from eventwire.actors.tables import agent_entries

    return frozenset(e.sector for e in agent_entries() if e.sector)


def _prf(gold: list[set], pred: list[set]) -> dict[str, float | int]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in pred)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp,
            "gold": n_gold, "predicted": n_pred}  # fmt: skip


def score_triples(gold: list[list[tuple[str, str, str]]], pred: list[list[tuple[str, str, str]]]) -> dict[str, Any]:
    """P/R/F1 of per-sentence triple sets at leaf and root level, actors full and by country."""
    def view(triples, level, actors):
        out = set()
        for s, t, c in triples:
            if actors == "country":
                s, t = s[:3], t[:3]
            out.add((s, t, c if level == "leaf" else c[:2]))
        return out

    scores: dict[str, Any] = {}
    for level in ("leaf", "root"):
        for actors in ("full", "country"):
            key = level if actors == "full" else f"{level}_country"
            scores[key] = _prf([view(g, level, actors) for g in gold], [view(p, level, actors) for p in pred])
    return scores


def evaluate_petr_gsr(path: str | Path, limit: int | None = None, nlp=None) -> dict[str, Any]:
    from eventwire.events.extract import extract_events
    from eventwire.nlp import load_pipeline, parse_texts

    rows = read_petr_gsr(path, limit)
    nlp = nlp or load_pipeline()
    sectors = _sector_codes()
    started = time.perf_counter()
    preds: list[list[tuple[str, str, str]]] = []
    for row, doc in zip(rows, parse_texts([r["text"] for r in rows], nlp)):
        events = extract_events(row["text"], doc, row["date"])
        triples = []
        for e in events:
            if e.modality == "denied":
                continue  # a denied event is not an event of the sentence
            triple = (_gsr_actor(e.source, sectors), _gsr_actor(e.target, sectors), e.code)
            if triple not in triples:
                triples.append(triple)
        preds.append(triples)
    seconds = time.perf_counter() - started
    gold = [r["gold"] for r in rows]
    report: dict[str, Any] = {"gold": str(path), "format": "petrarch-gsr", "system": "eventwire",
                              "sentences": len(rows), "with_events": sum(bool(g) for g in gold)}  # fmt: skip
    report.update(score_triples(gold, preds))
    silent = [not p for r, p in zip(rows, preds) if r["no_event"]]
    report["no_event"] = {"sentences": len(silent), "silent": sum(silent),
                          "rate": round(sum(silent) / len(silent), 4) if silent else None}  # fmt: skip
    report["sentences_per_second"] = round(len(rows) / seconds, 1) if seconds else None
    report["records"] = [{"id": r["id"], "gold": [list(t) for t in r["gold"]], "predicted": [list(t) for t in p]}
                         for r, p in zip(rows, preds)]  # fmt: skip
    return report


def format_gsr_table(report: dict[str, Any]) -> str:
    lines = [f"PETRARCH GSR: {report['sentences']} sentences, {report['with_events']} with gold events ({report['gold']})", "",
             "| level | actors | P | R | F1 | tp | gold | predicted |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for key, label in (("root", ("root", "full")), ("root_country", ("root", "country")),
                       ("leaf", ("leaf", "full")), ("leaf_country", ("leaf", "country"))):  # fmt: skip
        s = report[key]
        lines.append(f"| {label[0]} | {label[1]} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                     f"{s['tp']} | {s['gold']} | {s['predicted']} |")  # fmt: skip
    ne = report["no_event"]
    rate = f"{ne['rate']:.3f}" if ne["rate"] is not None else "n/a"
    lines += ["", f"no-event sentences left silent: {ne['silent']}/{ne['sentences']} ({rate})"]
    return "\n".join(lines)


__all__ = ["PLOVER_TYPES", "choose_event", "classification_scores", "evaluate_petr_gsr", "evaluate_plv", "format_gsr_table",
           "format_table", "read_cameo_verbs", "read_petr_gsr", "read_plv", "score_triples", "strip_markup"]  # fmt: skip
