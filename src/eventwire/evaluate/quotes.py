"""Scoring quotes and speakers against gold annotations, beside textacy's direct quotations.

Three gold layouts are read, told apart by their content:

- **GGT** (JSON Lines, one article a line: ``text`` and ``quotes``). This is the format of
  the Gender Gap Tracker's annotated set and the one to use for your own data. Each quote::

      {"quote_span": [start, end],          # required: character offsets into "text", end exclusive
       "speaker_entity": "Marit Haugland",  # required: the person (or body) who speaks, as a bare name
       "speaker_mention_type": "pronoun",   # full_name | partial_name | pronoun | nominal_role |
                                            #   no_speaker_mention | other (default: other)
       "is_quoted": true,                   # true for direct quotes, false for indirect speech
       "speaker_span": [s, e], "cue_span": [s, e],   # optional
       "quote": "...", "speaker_mention": "...", "cue": "..."}   # optional, for reading

  A direct quote's span includes its quote marks; a quote split around its cue is two
  quotes; a quote with no speaker mention in its own clause names the running speaker.
  Gold quotes without a span are left out and counted in ``gold_quotes_skipped``.
- **PolNeAR** (JSON Lines: ``text`` and ``attributions``, each with ``source``, ``cue``
  and ``content`` given as ``{"spans": [[s, e], ...], "text": ...}``; any of the three
  may be null). Sources are mentions as written, not people, so only spans are scored.
- **eventwire gold** (a folder of ``examples/gold``-style JSON files, or one such file):
  the text is ``"\\n\\n".join(paragraphs)`` and ``quotes`` uses the GGT quote fields with
  offsets into that text. Files without a ``quotes`` key are not annotated for quotes and
  are skipped.

The gold ``text`` is parsed as given (never cleaned first), so that offsets stay on it.

Metrics, all defined here so the figures can be reproduced:

- *quote matching*: within a document, every (gold, predicted) pair whose score reaches
  the threshold is a candidate; candidates are taken greedily by score (ties: document
  order), each gold quote and each prediction used at most once. Precision = matched
  predictions / predictions, recall = matched gold / gold, counts summed over documents.
  *overlap* = shared characters / gold length, at >= 0.3 and >= 0.8 (the published GGT
  convention; it forgives over-long predictions); *Jaccard* = shared / union characters,
  at >= 0.5.
- *speaker accuracy*: over the quotes matched at overlap >= 0.3, the share whose
  predicted speaker name equals ``speaker_entity`` after NFKC, case-folding, dropping
  punctuation, a leading "the/a/an", leading titles (Mr, Dr, President, Foreign
  Minister, ...: a run of words ending in a title word, as long as a name is left) and
  trailing Jr/Sr. No predicted speaker is wrong.
- *end-to-end*: a hit is a quote matched at overlap >= 0.3 whose speaker is right;
  precision = hits / predictions, recall = hits / gold.
- *by mention type* and *by kind* (direct: ``is_quoted`` true): recall at overlap >= 0.3,
  speaker accuracy and end-to-end recall on the gold quotes of that type.
- *PolNeAR*: source, cue and content are scored separately. A gold role is the union of
  its spans; predicted quotes sharing one cue span are one attribution (the "split around
  the cue" convention), with the speaker mention as source. *exact*: the same characters
  once white space and punctuation (quote marks included) are trimmed from each span's
  ends; *overlap*: at least one shared character; both one-to-one, greedy. The
  *quote-like* subset keeps gold and predicted attributions whose content contains a
  double quote mark (" “ ” „ « »).
- *confidence intervals*: percentile bootstrap over documents (documents drawn with
  replacement, every figure recomputed from the summed counts), 95 %, seeded.
- *words/s*: white-space separated words of the gold texts over parse time plus the
  system's own extraction time. Systems run alternately document by document on the same
  parsed docs; an exception (textacy refuses texts with an odd number of quote marks)
  scores as an empty output for that document.
"""

from __future__ import annotations

import json
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OVERLAP_THRESHOLDS = (0.3, 0.8)
JACCARD_THRESHOLD = 0.5
MENTION_TYPES = ("full_name", "partial_name", "pronoun", "nominal_role", "no_speaker_mention", "other")
KINDS = ("direct", "indirect")
ROLES = ("source", "cue", "content")
SYSTEMS = ("eventwire", "textacy")
QUOTE_MARKS = frozenset('"“”„«»')
_TRIM = frozenset(" \t\r\n\u00a0\u2009\u202f\"'“”‘’„«»‹›,.;:!?()[]—–-")

# Titles are dropped before comparing names: gold gives bare names, a system may keep "Mr".
_TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend president minister premier
    chancellor secretary senator sen rep representative congressman congresswoman gov governor mayor
    judge justice chief gen general col colonel capt captain lt lieutenant sgt sergeant adm admiral
    cmdr commander king queen prince princess pope sheikh ambassador envoy councillor councilor
    mp mep mla mpp superintendent inspector officer constable det detective commissioner""".split()
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"\w+")


# -- gold --------------------------------------------------------------------------------


@dataclass
class GoldQuote:
    start: int
    end: int
    speaker: str | None
    mention_type: str = "other"
    is_quoted: bool | None = None


@dataclass
class GoldAttribution:
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]


@dataclass
class GoldDoc:
    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    attributions: list[GoldAttribution] = field(default_factory=list)
    skipped: int = 0  # gold quotes without a usable span


@dataclass
class Predicted:
    """One system quote, reduced to what the scorers compare."""

    start: int
    end: int
    speaker: str | None = None
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None  # the speaker mention as written


def detect_format(gold: str | Path) -> str:
    """``ggt``, ``polnear`` or ``eventwire``, from what the file or folder holds."""
    path = Path(gold)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if any("quotes" in _read_json(f) for f in files):
            return "eventwire"
        raise ValueError(f"{path}: no gold JSON file in this folder has a \"quotes\" key")
    if not path.is_file():
        raise ValueError(f"{path}: no such file or folder")
    if path.suffix == ".json":
        data = _read_json(path)
        if "paragraphs" in data:
            if "quotes" not in data:
                raise ValueError(f"{path}: this gold file has no \"quotes\" key")
            return "eventwire"
    for line in _lines(path):
        if "attributions" in line and "text" in line:
            return "polnear"
        if "quotes" in line and "text" in line:
            return "ggt"
        break
    raise ValueError(
        f"{path}: not a quotes gold file: expected JSON Lines with \"text\" and \"quotes\" (GGT) "
        "or \"text\" and \"attributions\" (PolNeAR), or a folder of eventwire gold JSON files"
    )


def load_gold(gold: str | Path) -> tuple[str, list[GoldDoc]]:
    kind = detect_format(gold)
    path = Path(gold)
    if kind == "eventwire":
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        docs = []
        for f in files:
            data = _read_json(f)
            if "quotes" in data:
                docs.append(_ggt_doc(f.name, "\n\n".join(data["paragraphs"]), data["quotes"]))
        return kind, docs
    docs = []
    for number, line in enumerate(_lines(path), 1):
        doc_id = str(line.get("doc_id") or line.get("id") or number)
        if kind == "polnear":
            docs.append(GoldDoc(doc_id, line["text"], attributions=[_attribution(a) for a in line["attributions"]]))
        else:
            docs.append(_ggt_doc(doc_id, line["text"], line["quotes"]))
    return kind, docs


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _lines(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _ggt_doc(doc_id: str, text: str, quotes: list[dict]) -> GoldDoc:
    doc = GoldDoc(doc_id, text)
    for q in quotes:
        span = q.get("quote_span")
        if not span or not 0 <= span[0] < span[1] <= len(text):
            doc.skipped += 1
            continue
        mention_type = q.get("speaker_mention_type") or "other"
        doc.quotes.append(
            GoldQuote(span[0], span[1], q.get("speaker_entity"), mention_type if mention_type in MENTION_TYPES else "other", q.get("is_quoted"))
        )
    return doc


def _attribution(a: dict) -> GoldAttribution:
    def spans(role: str) -> list[tuple[int, int]]:
        part = a.get(role) or {}
        return [(s, e) for s, e in part.get("spans") or [] if e > s]

    return GoldAttribution(spans("source"), spans("cue"), spans("content"))


# -- names -------------------------------------------------------------------------------


def normalise_name(name: str | None) -> str:
    """A name as compared for speaker accuracy: folded, without titles, articles or punctuation."""
    if not name:
        return ""
    words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold())
    if words and words[0] in _ARTICLES:
        words = words[1:]
    # A run of leading words ending in a title ("foreign minister", "prime minister", "dr")
    # goes, unless nothing would be left: "the minister" stays "minister".
    last_title = max((i for i, w in enumerate(words[:5]) if w in _TITLE_WORDS), default=-1)
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1 :]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    want = normalise_name(gold)
    return bool(want) and normalise_name(predicted) == want


# -- matching and counts -----------------------------------------------------------------


def _shared(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap(pred: tuple[int, int], gold: tuple[int, int]) -> float:
    return _shared(pred, gold) / (gold[1] - gold[0]) if gold[1] > gold[0] else 0.0


def jaccard(pred: tuple[int, int], gold: tuple[int, int]) -> float:
    shared = _shared(pred, gold)
    union = (pred[1] - pred[0]) + (gold[1] - gold[0]) - shared
    return shared / union if union > 0 else 0.0


def match(golds: list, preds: list, score: Callable[[Any, Any], float], threshold: float) -> dict[int, int]:
    """Gold index -> prediction index, one-to-one, greedy by score among pairs reaching `threshold`."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            value = score(p, g)
            if value > 0 and value >= threshold - 1e-12:
                pairs.append((-value, gi, pi))
    pairs.sort()
    taken_gold: dict[int, int] = {}
    taken_pred: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in taken_gold and pi not in taken_pred:
            taken_gold[gi] = pi
            taken_pred.add(pi)
    return taken_gold


def quote_counts(gold: list[GoldQuote], predicted: list[Predicted]) -> Counter:
    """The counts one document adds to the quote figures (keys are read by `quote_summary`)."""
    c: Counter = Counter(gold=len(gold), pred=len(predicted))
    gold_spans = [(g.start, g.end) for g in gold]
    pred_spans = [(p.start, p.end) for p in predicted]
    for t in OVERLAP_THRESHOLDS:
        c[f"tp_overlap_{t}"] = len(match(gold_spans, pred_spans, overlap, t))
    c[f"tp_jaccard_{JACCARD_THRESHOLD}"] = len(match(gold_spans, pred_spans, jaccard, JACCARD_THRESHOLD))
    matched = match(gold_spans, pred_spans, overlap, OVERLAP_THRESHOLDS[0])
    for gi, g in enumerate(gold):
        kind = "direct" if g.is_quoted else "indirect"
        groups = (f"type:{g.mention_type}", f"kind:{kind}")
        for group in groups:
            c[f"{group}:gold"] += 1
        if gi not in matched:
            continue
        right = same_speaker(predicted[matched[gi]].speaker, g.speaker)
        c["matched"] += 1
        c["speaker_ok"] += right
        for group in groups:
            c[f"{group}:matched"] += 1
            c[f"{group}:speaker_ok"] += right
    return c


def _trimmed_chars(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    chars: set[int] = set()
    for start, end in spans:
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        chars.update(range(start, end))
    return frozenset(chars)


def predicted_attributions(predicted: list[Predicted]) -> list[GoldAttribution]:
    """System quotes as attributions: quotes that share a cue span are one attribution."""
    grouped: dict[Any, GoldAttribution] = {}
    for n, p in enumerate(predicted):
        key = p.cue if p.cue else ("no-cue", n)
        entry = grouped.setdefault(key, GoldAttribution([], [p.cue] if p.cue else [], []))
        entry.content.append((p.start, p.end))
        if p.source and not entry.source:
            entry.source.append(p.source)
    return list(grouped.values())


def is_quote_like(text: str, spans: list[tuple[int, int]]) -> bool:
    return any(ch in QUOTE_MARKS for s, e in spans for ch in text[s:e])


def attribution_counts(text: str, gold: list[GoldAttribution], predicted: list[Predicted]) -> Counter:
    c: Counter = Counter()
    pred = predicted_attributions(predicted)
    subsets = {
        "all": (gold, pred),
        "quote_like": (
            [a for a in gold if is_quote_like(text, a.content)],
            [a for a in pred if is_quote_like(text, a.content)],
        ),
    }
    for subset, (golds, preds) in subsets.items():
        for role in ROLES:
            g = [x for x in (_trimmed_chars(text, getattr(a, role)) for a in golds) if x]
            p = [x for x in (_trimmed_chars(text, getattr(a, role)) for a in preds) if x]
            c[f"{subset}:{role}:gold"] += len(g)
            c[f"{subset}:{role}:pred"] += len(p)
            c[f"{subset}:{role}:exact"] += len(match(g, p, lambda x, y: 1.0 if x == y else 0.0, 1.0))
            c[f"{subset}:{role}:overlap"] += len(match(g, p, lambda x, y: len(x & y) / len(y), 0.0))
    return c


# -- figures -----------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    if n_pred == 0 and n_gold == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def quote_summary(c: Counter) -> dict[str, Any]:
    out: dict[str, Any] = {"gold_quotes": c["gold"], "predicted_quotes": c["pred"], "quote": {}}
    for t in OVERLAP_THRESHOLDS:
        out["quote"][f"overlap_{t}"] = prf(c[f"tp_overlap_{t}"], c["pred"], c["gold"])
    out["quote"][f"jaccard_{JACCARD_THRESHOLD}"] = prf(c[f"tp_jaccard_{JACCARD_THRESHOLD}"], c["pred"], c["gold"])
    out["speaker_accuracy"] = _ratio(c["speaker_ok"], c["matched"])
    out["speaker_matched"] = c["matched"]
    out["end_to_end"] = prf(c["speaker_ok"], c["pred"], c["gold"])

    def groups(prefix: str, names: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        table = {}
        for name in names:
            key = f"{prefix}:{name}"
            table[name] = {
                "gold": c[f"{key}:gold"],
                "recall": _ratio(c[f"{key}:matched"], c[f"{key}:gold"]),
                "speaker_accuracy": _ratio(c[f"{key}:speaker_ok"], c[f"{key}:matched"]),
                "end_to_end_recall": _ratio(c[f"{key}:speaker_ok"], c[f"{key}:gold"]),
            }
        return table

    out["by_mention_type"] = groups("type", MENTION_TYPES)
    out["by_kind"] = groups("kind", KINDS)
    return out


def attribution_summary(c: Counter) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for subset in ("all", "quote_like"):
        out[subset] = {}
        for role in ROLES:
            key = f"{subset}:{role}"
            out[subset][role] = {
                "gold": c[f"{key}:gold"],
                "predicted": c[f"{key}:pred"],
                "exact": prf(c[f"{key}:exact"], c[f"{key}:pred"], c[f"{key}:gold"]),
                "overlap": prf(c[f"{key}:overlap"], c[f"{key}:pred"], c[f"{key}:gold"]),
            }
    return {"attribution": out}


QUOTE_CI = (
    "quote.overlap_0.3.f1", "quote.overlap_0.3.precision", "quote.overlap_0.3.recall",
    "quote.overlap_0.8.f1", "quote.jaccard_0.5.f1", "speaker_accuracy", "end_to_end.f1",
)
ATTRIBUTION_CI = tuple(f"attribution.{s}.{r}.{m}.f1" for s in ("all", "quote_like") for r in ROLES for m in ("exact", "overlap"))


def get(report: dict, dotted: str) -> Any:
    value: Any = report
    for key in re.split(r"\.(?!\d)", dotted):  # "overlap_0.3" keeps its decimal point
        value = value[key]
    return value


def bootstrap(per_doc: list[Counter], summarise: Callable[[Counter], dict], keys: Iterable[str], samples: int = 1000, seed: int = 0, level: float = 0.95) -> dict[str, list[float]]:
    """Percentile intervals of `keys` over documents drawn with replacement."""
    keys = list(keys)
    if samples < 1 or not per_doc:
        return {}
    rng = random.Random(seed)
    n = len(per_doc)
    values: dict[str, list[float]] = {k: [] for k in keys}
    for _ in range(samples):
        total: Counter = Counter()
        for i in rng.choices(range(n), k=n):
            total.update(per_doc[i])
        figures = summarise(total)
        for k in keys:
            values[k].append(get(figures, k))
    tail = (1 - level) / 2
    out = {}
    for k, vs in values.items():
        vs.sort()
        out[k] = [_round(_quantile(vs, tail)), _round(_quantile(vs, 1 - tail))]
    return out


def _quantile(sorted_values: list[float], q: float) -> float:
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


# -- systems -----------------------------------------------------------------------------


def eventwire_system() -> Callable[[str, Any], list[Predicted]]:
    from ..quotes import extract_quotes

    def run(text: str, doc) -> list[Predicted]:
        entities, quotes = extract_quotes(text, doc)
        names = {e.id: e.name for e in entities}
        out = []
        for q in quotes:
            speaker = q.speaker
            name = None
            if speaker is not None:
                name = speaker.name or names.get(speaker.entity_id or "")
            mention = (speaker.mention.start, speaker.mention.end) if speaker and speaker.mention else None
            out.append(Predicted(q.start, q.end, name, (q.cue.start, q.cue.end) if q.cue else None, mention))
        return out

    return run


def textacy_system() -> Callable[[str, Any], list[Predicted]]:
    from textacy.extract.triples import direct_quotations

    def run(text: str, doc) -> list[Predicted]:
        out = []
        for triple in direct_quotations(doc):  # a generator: a refusal can come after some output
            speaker, cue, content = triple.speaker, triple.cue, triple.content
            name = "".join(t.text_with_ws for t in speaker).strip() if speaker else None
            source = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
            cue_span = (cue[0].idx, cue[-1].idx + len(cue[-1])) if cue else None
            out.append(Predicted(content.start_char, content.end_char, name, cue_span, source))
        return out

    return run


SYSTEM_FACTORIES = {"eventwire": eventwire_system, "textacy": textacy_system}


# -- the run -----------------------------------------------------------------------------


def words(text: str) -> int:
    return len(text.split())


def evaluate_quotes(
    gold: str | Path,
    limit: int | None = None,
    samples: int = 1000,
    seed: int = 0,
    model: str | None = None,
    systems: tuple[str, ...] = SYSTEMS,
    per_document: bool = False,
) -> dict[str, Any]:
    """Score `systems` on a gold file or folder; the first system's figures are the top level."""
    from ..nlp import DEFAULT_MODEL, load_pipeline, parse_texts

    kind, docs = load_gold(gold)
    if limit is not None:
        docs = docs[:limit]
    runners: dict[str, Callable] = {}
    notes: dict[str, str] = {}
    for name in systems:
        try:
            runners[name] = SYSTEM_FACTORIES[name]()
        except ImportError as exc:
            if name == systems[0]:
                raise RuntimeError(f"{name} cannot be scored: {exc}") from exc
            notes[name] = f"skipped: not importable ({exc})"
    nlp = load_pipeline(model or DEFAULT_MODEL)
    texts = [d.text for d in docs]
    start = time.perf_counter()
    parsed = list(parse_texts(texts, nlp))
    parse_seconds = time.perf_counter() - start
    n_words = sum(words(t) for t in texts)

    predictions: dict[str, list[list[Predicted]]] = {name: [] for name in runners}
    seconds = dict.fromkeys(runners, 0.0)
    failures: dict[str, list[dict[str, str]]] = {name: [] for name in runners}
    for position, (gold_doc, doc) in enumerate(zip(docs, parsed)):
        order = list(runners) if position % 2 == 0 else list(reversed(runners))
        for name in order:
            start = time.perf_counter()
            try:
                result = runners[name](gold_doc.text, doc)
            except Exception as exc:  # a refusal or crash is an empty output for this document
                result = []
                failures[name].append({"document": gold_doc.id, "error": f"{type(exc).__name__}: {exc}"[:200]})
            seconds[name] += time.perf_counter() - start
            predictions[name].append(result)

    def system_report(name: str) -> dict[str, Any]:
        if kind == "polnear":
            per_doc = [attribution_counts(d.text, d.attributions, p) for d, p in zip(docs, predictions[name])]
            summarise, ci_keys = attribution_summary, ATTRIBUTION_CI
        else:
            per_doc = [quote_counts(d.quotes, p) for d, p in zip(docs, predictions[name])]
            summarise, ci_keys = quote_summary, QUOTE_CI
        total: Counter = sum(per_doc, Counter())
        out = _rounded(summarise(total))
        if kind == "polnear":
            out["predicted_quotes"] = sum(len(p) for p in predictions[name])
        out["ci"] = bootstrap(per_doc, summarise, ci_keys, samples, seed)
        out["extract_seconds"] = round(seconds[name], 3)
        total_seconds = parse_seconds + seconds[name]
        out["words_per_second"] = round(n_words / total_seconds, 1) if total_seconds else 0.0
        out["failed"] = len(failures[name])
        out["failures"] = failures[name]
        if per_document:
            out["per_document"] = [
                {"document": d.id, **{k: v for k, v in sorted(c.items()) if ":" not in k}} for d, c in zip(docs, per_doc)
            ]
        return out

    names = list(runners)
    report: dict[str, Any] = {
        "dataset": kind,
        "gold": str(gold),
        "system": names[0],
        "model": model or DEFAULT_MODEL,
        "documents": len(docs),
        "words": n_words,
    }
    if kind != "polnear":
        report["gold_quotes_skipped"] = sum(d.skipped for d in docs)
    else:
        report["gold_attributions"] = sum(len(d.attributions) for d in docs)
    report["bootstrap"] = {"samples": samples, "seed": seed, "level": 0.95, "unit": "document"}
    report["parse_seconds"] = round(parse_seconds, 3)
    report.update(system_report(names[0]))
    report["baselines"] = {name: system_report(name) for name in names[1:]}
    for name, note in notes.items():
        report["baselines"][name] = {"skipped": note}
    return report


def _round(value: float) -> float:
    return round(value, 4)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return _round(value)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


# -- the table ---------------------------------------------------------------------------


def format_table(report: dict[str, Any]) -> str:
    systems = {report["system"]: report}
    skipped = {}
    for name, result in report.get("baselines", {}).items():
        if "skipped" in result:
            skipped[name] = result["skipped"]
        else:
            systems[name] = result
    if report["dataset"] == "polnear":
        rows = [
            (f"{role} {m} F1" + (" (quote-like)" if s == "quote_like" else ""), f"attribution.{s}.{role}.{m}.f1")
            for s in ("all", "quote_like")
            for role in ROLES
            for m in ("exact", "overlap")
        ]
        head = f"quotes: {report['documents']} documents, {report['gold_attributions']} gold attributions (PolNeAR format, {report['gold']})"
    else:
        rows = [
            ("quote P @overlap 0.3", "quote.overlap_0.3.precision"),
            ("quote R @overlap 0.3", "quote.overlap_0.3.recall"),
            ("quote F1 @overlap 0.3", "quote.overlap_0.3.f1"),
            ("quote F1 @overlap 0.8", "quote.overlap_0.8.f1"),
            ("quote F1 @Jaccard 0.5", "quote.jaccard_0.5.f1"),
            ("speaker accuracy", "speaker_accuracy"),
            ("end-to-end F1", "end_to_end.f1"),
        ]
        for kind in KINDS:
            rows.append((f"{kind}: recall", f"by_kind.{kind}.recall"))
            rows.append((f"{kind}: speaker acc", f"by_kind.{kind}.speaker_accuracy"))
        for t in MENTION_TYPES:
            rows.append((f"{t}: recall", f"by_mention_type.{t}.recall"))
            rows.append((f"{t}: speaker acc", f"by_mention_type.{t}.speaker_accuracy"))
        gold_n = report["gold_quotes"]
        skipped_n = report.get("gold_quotes_skipped", 0)
        head = f"quotes: {report['documents']} documents, {gold_n} gold quotes" + (f" ({skipped_n} without a span left out)" if skipped_n else "") + f" ({report['dataset']} format, {report['gold']})"
    width = 32
    col = 22
    lines = [head, ""]
    lines.append(f"| {'metric':{width}} | " + " | ".join(f"{n:>{col}}" for n in systems) + " |")
    lines.append(f"|{'-' * (width + 2)}|" + "|".join("-" * (col + 2) for _ in systems) + "|")
    for label, key in rows:
        cells = []
        for result in systems.values():
            value = get(result, key)
            ci = result.get("ci", {}).get(key)
            cells.append(f"{value:.3f} [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else f"{value:.3f}")
        lines.append(f"| {label:{width}} | " + " | ".join(f"{c:>{col}}" for c in cells) + " |")
    extra = [("predicted quotes", "predicted_quotes", "d"), ("words/s (parse + extract)", "words_per_second", ".0f"), ("documents refused/failed", "failed", "d")]
    for label, key, fmt in extra:
        lines.append(f"| {label:{width}} | " + " | ".join(f"{format(r.get(key, 0), fmt):>{col}}" for r in systems.values()) + " |")
    if report["dataset"] != "polnear":
        counts = ", ".join(f"{t} {report['by_mention_type'][t]['gold']}" for t in MENTION_TYPES)
        lines.append(f"gold quotes by mention type: {counts}")
    if report.get("ci"):
        b = report["bootstrap"]
        lines.append(f"[brackets]: {int(b['level'] * 100)}% bootstrap interval over documents ({b['samples']} samples, seed {b['seed']})")
    for name, note in skipped.items():
        lines.append(f"{name}: {note}")
    for name, result in systems.items():
        failures = result.get("failures") or []
        if failures:
            shown = ", ".join(f["document"] for f in failures[:5])
            more = f" and {len(failures) - 5} more" if len(failures) > 5 else ""
            lines.append(f"{name}: empty output (exception or refusal) for {shown}{more}")
    return "\n".join(lines)
