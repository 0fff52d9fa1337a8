"""Scoring HTML extraction against two public ground-truth sets, beside bare trafilatura.

Two layouts are read, detected by their files:

- **Fundus** (``ground_truth.json`` + ``html/<name>.html.gz``): the body as a list of
  paragraphs, so paragraph structure can be scored;
- **WCXB** (``ground-truth/<id>.json`` + ``html/<id>.html.gz``): ``title``, ``author``,
  ``publish_date`` and ``main_content`` per page.

Metrics, all defined here so the figures can be reproduced:

- *tokens*: the text lower-cased, then every maximal run of Unicode word characters
  (``\\w+``); punctuation and white space only separate tokens. Paragraphs are joined
  into one token sequence.
- *body*: the multiset of word 4-grams (4 consecutive tokens) of the prediction against
  that of the gold body. Precision = shared 4-grams / predicted 4-grams, recall = shared /
  gold. A text of 1-3 tokens counts as one n-gram of its whole length. *Micro*: shared,
  predicted and gold counts summed over pages first; *macro*: the mean of per-page
  figures (an empty prediction scores 0, and 1 if the gold is empty too).
- *paragraph boundaries* (Fundus): a boundary is the token position where a paragraph
  starts (not the first). The predicted token sequence is aligned to the gold one
  (difflib, no junk heuristic). A gold boundary counts when the tokens on both sides of it
  were extracted; a predicted one when the nearest aligned tokens on its two sides are
  neighbours in the gold text (boundaries around an inserted block count once), so
  missing or extra text is left to the body score. A predicted boundary is right when it
  falls on a gold boundary.
- *title* (WCXB): equal after Unicode folding, lower-casing and keeping only word characters.
- *author* (WCXB): the set of names equal, case-insensitively (gold strings are split on
  ``,``, ``;``, ``&`` and " and "); no gold author is matched by no predicted author.
- *date* (WCXB): the same day (first ten characters of the ISO date); no gold date is
  matched by no predicted date.
- *pages/s*: pages over the seconds spent from the page's bytes to the result (for
  eventwire the full record: extraction, cleaning and metadata), systems interleaved
  page by page so both see the same machine load.
"""

from __future__ import annotations

import bisect
import difflib
import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

N = 4
_TOKEN = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
SYSTEMS = ("eventwire", "trafilatura")


@dataclass
class GoldPage:
    id: str
    html_path: Path
    paragraphs: list[str]
    title: str | None = None
    authors: list[str] | None = None  # None: the set does not annotate authors
    date: str | None = None
    has_metadata: bool = False
    url: str | None = None


@dataclass
class Prediction:
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    error: str | None = None  # an error code: the page gave no record


# -- gold sets ---------------------------------------------------------------------------


def detect_dataset(gold_dir: str | Path) -> str:
    gold_dir = Path(gold_dir)
    if (gold_dir / "ground_truth.json").is_file() and (gold_dir / "html").is_dir():
        return "fundus"
    if (gold_dir / "ground-truth").is_dir() and (gold_dir / "html").is_dir():
        return "wcxb"
    raise ValueError(
        f"{gold_dir} is neither a Fundus set (ground_truth.json + html/) nor a WCXB set (ground-truth/ + html/)"
    )


def load_gold(gold_dir: str | Path) -> tuple[str, list[GoldPage]]:
    gold_dir = Path(gold_dir)
    kind = detect_dataset(gold_dir)
    return kind, (_load_fundus(gold_dir) if kind == "fundus" else _load_wcxb(gold_dir))


def _load_fundus(gold_dir: Path) -> list[GoldPage]:
    truth = json.loads((gold_dir / "ground_truth.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(truth):
        entry = truth[name]
        pages.append(GoldPage(name.removesuffix(".html.gz"), gold_dir / "html" / name, [p for p in entry["body"] if p.strip()], url=entry.get("url")))
    return pages


def _load_wcxb(gold_dir: Path) -> list[GoldPage]:
    pages = []
    for path in sorted((gold_dir / "ground-truth").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        truth = entry["ground_truth"]
        html = gold_dir / "html" / f"{path.stem}.html.gz"
        if not html.is_file():
            html = gold_dir / "html" / f"{path.stem}.html"
        paragraphs = [p for p in re.split(r"\n\s*\n", truth.get("main_content") or "") if p.strip()]
        author = truth.get("author")
        pages.append(
            GoldPage(
                path.stem,
                html,
                paragraphs,
                title=truth.get("title"),
                authors=[a for a in _AUTHOR_SPLIT.split(author) if a.strip()] if author else [],
                date=truth.get("publish_date") or None,
                has_metadata=True,
                url=entry.get("url"),
            )
        )
    return pages


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


# -- metrics -----------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def ngrams(words: list[str], n: int = N) -> Counter:
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def body_counts(predicted: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(shared, predicted, gold) word 4-gram counts of two bodies given as paragraph lists."""
    pred = ngrams(tokens(" ".join(predicted)))
    want = ngrams(tokens(" ".join(gold)))
    return sum((pred & want).values()), sum(pred.values()), sum(want.values())


def boundary_counts(predicted: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(right, predicted, gold) paragraph boundaries inside the text both sides share."""
    pred_words, pred_bounds = _words_and_boundaries(predicted)
    gold_words, gold_bounds = _words_and_boundaries(gold)
    to_gold: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, pred_words, gold_words, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            to_gold[a + k] = b + k
    aligned_gold = set(to_gold.values())
    counted_gold = {j for j in gold_bounds if j in aligned_gold and j - 1 in aligned_gold}
    # Each predicted boundary stands between the nearest aligned tokens on either side; it
    # counts when those are neighbours in the gold text (only extra text lies between them).
    # Several boundaries around one extra block (an advert) are one boundary.
    aligned_pred = sorted(to_gold)
    counted_pred = set()
    for i in pred_bounds:
        at = bisect.bisect_left(aligned_pred, i)
        if at == 0 or at == len(aligned_pred):
            continue
        before, after = to_gold[aligned_pred[at - 1]], to_gold[aligned_pred[at]]
        if after == before + 1:
            counted_pred.add(after)
    return len(counted_pred & counted_gold), len(counted_pred), len(counted_gold)


def _words_and_boundaries(paragraphs: list[str]) -> tuple[list[str], list[int]]:
    words: list[str] = []
    bounds: list[int] = []
    for paragraph in paragraphs:
        piece = tokens(paragraph)
        if not piece:
            continue
        if words:
            bounds.append(len(words))
        words.extend(piece)
    return words, bounds


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    if n_pred == 0 and n_gold == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _fold(text: str) -> str:
    return "".join(_TOKEN.findall(unicodedata.normalize("NFKC", text).lower()))


def same_title(predicted: str | None, gold: str | None) -> bool:
    if not gold:
        return not predicted
    return bool(predicted) and _fold(predicted) == _fold(gold)


def same_authors(predicted: list[str], gold: list[str]) -> bool:
    def names(values):
        return {" ".join(v.lower().split()) for v in values if v.strip()}

    split = [part for value in predicted for part in _AUTHOR_SPLIT.split(value)]
    return names(split) == names(gold)


def same_date(predicted: str | None, gold: str | None) -> bool:
    if not gold:
        return not predicted
    return bool(predicted) and predicted[:10] == gold[:10]


# -- systems -----------------------------------------------------------------------------


def eventwire_system() -> Callable[[bytes, str], Prediction]:
    from dataclasses import replace

    from ..errors import DocumentFailed
    from ..ingest.html import read_html
    from ..pipeline import process_document
    from ..settings import DEFAULT_SETTINGS

    settings = replace(DEFAULT_SETTINGS, keep_raw=False)

    def run(data: bytes, name: str) -> Prediction:
        try:
            [doc] = read_html(data, name, settings)
            article = process_document(doc, settings)
        except DocumentFailed as exc:
            return Prediction(error=exc.code)
        return Prediction(article.paragraph_texts(), article.title, list(article.authors), article.published)

    return run


def trafilatura_system() -> Callable[[bytes, str], Prediction]:
    import trafilatura

    def run(data: bytes, name: str) -> Prediction:
        # Its defaults, as a user calling extract() gets them; JSON only to read its metadata in the same pass.
        out = trafilatura.extract(data, output_format="json", with_metadata=True)
        if not out:
            return Prediction(error="no-output")
        result = json.loads(out)
        text = "\n".join(part for part in (result.get("text"), result.get("comments")) if part)
        authors = [a.strip() for a in (result.get("author") or "").split(";") if a.strip()]
        return Prediction([line for line in text.split("\n") if line.strip()], result.get("title"), authors, result.get("date"))

    return run


SYSTEM_FACTORIES = {"eventwire": eventwire_system, "trafilatura": trafilatura_system}


# -- the run -----------------------------------------------------------------------------


def evaluate_extraction(
    gold_dir: str | Path, limit: int | None = None, systems: tuple[str, ...] = SYSTEMS, per_page: bool = False
) -> dict[str, Any]:
    kind, pages = load_gold(gold_dir)
    if limit is not None:
        pages = pages[:limit]
    runners = {name: SYSTEM_FACTORIES[name]() for name in systems}
    inputs = [(page, read_page(page.html_path)) for page in pages]
    _warm_up_date_parsing()
    for page, data in inputs[:3]:
        for run in runners.values():  # untimed warm-up: lazy imports and tables
            run(data, page.id)
    tallies = {name: _Tally(per_page=per_page) for name in runners}
    for position, (page, data) in enumerate(inputs):
        order = list(runners) if position % 2 == 0 else list(reversed(runners))
        for name in order:
            start = time.perf_counter()
            try:
                prediction = runners[name](data, page.id)
            except Exception as exc:  # one crash must not end the run: it scores as an empty output
                prediction = Prediction(error=f"crash: {type(exc).__name__}: {exc}")
            tallies[name].seconds += time.perf_counter() - start
            tallies[name].add(kind, page, prediction)
    report: dict[str, Any] = {
        "dataset": kind,
        "gold": str(gold_dir),
        "pages": len(pages),
        "systems": {name: tally.summary(kind) for name, tally in tallies.items()},
    }
    return report


def _warm_up_date_parsing() -> None:
    """Compile dateparser's locale tables now: the first page to need them (whichever system
    reads it) would otherwise pay seconds that have nothing to do with that system."""
    try:
        from htmldate.extractors import external_date_parser

        external_date_parser("Tuesday, 3 March 2024", "%Y-%m-%d")
    except Exception:  # an internal of htmldate: without it the run is only slower to start
        pass


@dataclass
class _Tally:
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    macro: dict[str, list[float]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    pages: int = 0
    per_page: bool = False
    rows: list[dict[str, Any]] = field(default_factory=list)

    def _mean(self, key: str, value: float) -> None:
        self.macro.setdefault(key, []).append(value)

    def add(self, kind: str, page: GoldPage, prediction: Prediction) -> None:
        self.pages += 1
        if prediction.error:
            self.failures.append({"page": page.id, "error": prediction.error})
        shared, n_pred, n_gold = body_counts(prediction.paragraphs, page.paragraphs)
        self.counts.update(body_tp=shared, body_pred=n_pred, body_gold=n_gold)
        page_prf = prf(shared, n_pred, n_gold)
        for metric, value in page_prf.items():
            self._mean(f"body_{metric}", value)
        if kind == "fundus":
            right, n_pred, n_gold = boundary_counts(prediction.paragraphs, page.paragraphs)
            self.counts.update(para_tp=right, para_pred=n_pred, para_gold=n_gold)
            if n_pred or n_gold:
                self._mean("para_f1", prf(right, n_pred, n_gold)["f1"])
        row: dict[str, Any] = {"page": page.id, "body_f1": _round(page_prf["f1"]), "body_precision": _round(page_prf["precision"]), "body_recall": _round(page_prf["recall"])}
        if kind == "fundus":
            row["boundaries"] = [right, n_pred, n_gold]
        if page.has_metadata:
            row.update(title=prediction.title, authors=prediction.authors, date=prediction.date)
            self.counts.update(
                title_ok=same_title(prediction.title, page.title),
                author_ok=same_authors(prediction.authors, page.authors or []),
                date_ok=same_date(prediction.date, page.date),
                meta_pages=1,
                author_gold=bool(page.authors),
                author_gold_ok=bool(page.authors) and same_authors(prediction.authors, page.authors),
                date_gold=bool(page.date),
                date_gold_ok=bool(page.date) and same_date(prediction.date, page.date),
            )
        if self.per_page:
            self.rows.append(row)

    def summary(self, kind: str) -> dict[str, Any]:
        c = self.counts

        def mean(key: str) -> float:
            values = self.macro.get(key, [])
            return _round(sum(values) / len(values)) if values else 0.0

        out: dict[str, Any] = {
            "body": {
                "micro": {k: _round(v) for k, v in prf(c["body_tp"], c["body_pred"], c["body_gold"]).items()},
                "macro": {m: mean(f"body_{m}") for m in ("precision", "recall", "f1")},
            },
        }
        if kind == "fundus":
            out["paragraph_boundaries"] = {
                "micro": {k: _round(v) for k, v in prf(c["para_tp"], c["para_pred"], c["para_gold"]).items()},
                "macro_f1": mean("para_f1"),
            }
        if c["meta_pages"]:
            out["title_accuracy"] = _round(c["title_ok"] / c["meta_pages"])
            out["author_accuracy"] = _round(c["author_ok"] / c["meta_pages"])
            out["date_accuracy"] = _round(c["date_ok"] / c["meta_pages"])
            out["author_accuracy_where_gold_has_one"] = _round(c["author_gold_ok"] / c["author_gold"]) if c["author_gold"] else 0.0
            out["date_accuracy_where_gold_has_one"] = _round(c["date_gold_ok"] / c["date_gold"]) if c["date_gold"] else 0.0
        out["seconds"] = round(self.seconds, 3)
        out["pages_per_second"] = round(self.pages / self.seconds, 2) if self.seconds else 0.0
        out["failed"] = len(self.failures)
        out["failures"] = self.failures
        if self.per_page:
            out["per_page"] = self.rows
        return out


def _round(value: float) -> float:
    return round(value, 4)


def format_table(report: dict[str, Any]) -> str:
    names = list(report["systems"])
    rows: list[tuple[str, Callable[[dict], Any]]] = [
        ("body 4-gram P (micro)", lambda s: s["body"]["micro"]["precision"]),
        ("body 4-gram R (micro)", lambda s: s["body"]["micro"]["recall"]),
        ("body 4-gram F1 (micro)", lambda s: s["body"]["micro"]["f1"]),
        ("body 4-gram F1 (macro)", lambda s: s["body"]["macro"]["f1"]),
    ]
    first = report["systems"][names[0]] if names else {}
    if "paragraph_boundaries" in first:
        rows += [
            ("paragraph boundary P", lambda s: s["paragraph_boundaries"]["micro"]["precision"]),
            ("paragraph boundary R", lambda s: s["paragraph_boundaries"]["micro"]["recall"]),
            ("paragraph boundary F1", lambda s: s["paragraph_boundaries"]["micro"]["f1"]),
        ]
    if "title_accuracy" in first:
        rows += [
            ("title accuracy", lambda s: s["title_accuracy"]),
            ("author accuracy", lambda s: s["author_accuracy"]),
            ("  where gold has one", lambda s: s["author_accuracy_where_gold_has_one"]),
            ("date accuracy", lambda s: s["date_accuracy"]),
            ("  where gold has one", lambda s: s["date_accuracy_where_gold_has_one"]),
        ]
    rows += [("pages/s", lambda s: s["pages_per_second"]), ("pages without output", lambda s: s["failed"])]
    lines = [f"extraction: {report['pages']} pages of the {report['dataset']} set ({report['gold']})", ""]
    lines.append(f"| {'metric':24} | " + " | ".join(f"{n:>11}" for n in names) + " |")
    lines.append(f"|{'-' * 26}|" + "|".join("-" * 13 for _ in names) + "|")
    for label, get in rows:
        cells = []
        for n in names:
            value = get(report["systems"][n])
            cells.append(f"{value:11d}" if isinstance(value, int) else f"{value:11.3f}" if label != "pages/s" else f"{value:11.1f}")
        lines.append(f"| {label:24} | " + " | ".join(cells) + " |")
    for n in names:
        failures = report["systems"][n]["failures"]
        if failures:
            shown = ", ".join(f"{f['page']} ({f['error']})" for f in failures[:10])
            more = f" and {len(failures) - 10} more" if len(failures) > 10 else ""
            lines.append(f"{n}: no output for {shown}{more}")
    return "\n".join(lines)
