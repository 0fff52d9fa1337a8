"""Review by hand: a sample of stored events or quotes out as CSV, the marks back in as precision.

An analyst checks a sample before publishing numbers. ``write_sample`` draws it (a
simple random sample, or one stratified by event root code, outlet or quote kind) and
writes one row per item with its evidence and an empty ``correct?`` column; the
analyst writes y or n in it. ``read_marks`` and ``precision`` read the file back.

Confidence intervals
--------------------
* Simple random sample: precision is the share of marked items that are correct,
  with the **Wilson score interval** (it stays inside [0, 1] and keeps its coverage
  near 0 and 1 and for small samples, where the textbook normal interval fails).
* Stratified sample: every stratum is drawn at least once, so small strata are
  over-represented and the plain share would be biased. The estimate weights each
  stratum's precision by its share of the population (``stratum_size`` in the file).
  Its interval is the 2.5 and 97.5 percentiles of the same weighted sum over draws of
  each stratum's precision from its **Jeffreys posterior**, Beta(correct + ½, wrong + ½)
  (Monte Carlo, fixed seed). A bootstrap would be the obvious choice, but it resamples
  a stratum whose few items are all correct (or all wrong) into the same value every
  time, and with one or two items per stratum gives an interval of width zero; the
  Jeffreys interval is the one Brown, Cai and DasGupta (2001) recommend beside Wilson's
  for small samples. Each stratum also gets its own Wilson interval.

No finite-population correction is applied: the intervals are slightly conservative
when the sample is a large part of what is stored.
"""

from __future__ import annotations

import csv
import math
import random
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import UsageError

KINDS = ("event", "quote")
#: The column a reviewer fills in: y or n.
MARK = "correct?"
#: What each kind may be stratified by, and the SQL expression of the stratum.
STRATA = {
    "event": {"root": "e.root", "outlet": "coalesce(a.outlet_domain, a.outlet_name, '')"},
    "quote": {"outlet": "coalesce(a.outlet_domain, a.outlet_name, '')", "kind": "q.kind", "speaker_type": "coalesce(q.speaker_type, '')"},
}
CONFIDENCE = 0.95
POSTERIOR_DRAWS = 4000

_CORRECT = frozenset({"y", "yes", "1", "true", "t", "correct", "right", "ok", "+", "✓", "✔"})
_WRONG = frozenset({"n", "no", "0", "false", "f", "wrong", "incorrect", "-", "✗", "✘"})
_UNSURE = frozenset({"?", "unsure", "skip", "unclear", "n/a", "na"})

_ROWS = {
    "event": (
        "SELECT e.rowid AS item, a.id AS article_id, coalesce(a.outlet_domain, a.outlet_name, '') AS outlet, a.published, a.url, "
        "e.idx, e.code, e.root, s.code AS source_code, coalesce(s.name, s.text) AS source, t.code AS target_code, "
        "coalesce(t.name, t.text) AS target, e.evidence_text AS evidence, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
        "FROM events e JOIN articles a ON a.rowid = e.article_rowid "
        "LEFT JOIN actors s ON s.event_rowid = e.rowid AND s.role = 'source' LEFT JOIN actors t ON t.event_rowid = e.rowid AND t.role = 'target' "
        "WHERE e.rowid IN ({ids}) ORDER BY e.rowid"
    ),
    "quote": (
        "SELECT q.rowid AS item, a.id AS article_id, coalesce(a.outlet_domain, a.outlet_name, '') AS outlet, a.published, a.url, "
        "q.idx, q.kind, q.speaker_name AS speaker, q.speaker_type, q.text AS quote "
        "FROM quotes q JOIN articles a ON a.rowid = q.article_rowid WHERE q.rowid IN ({ids}) ORDER BY q.rowid"
    ),
}
_POPULATION = {
    "event": "SELECT e.rowid, {stratum} FROM events e JOIN articles a ON a.rowid = e.article_rowid ORDER BY e.rowid",
    "quote": "SELECT q.rowid, {stratum} FROM quotes q JOIN articles a ON a.rowid = q.article_rowid ORDER BY q.rowid",
}


def normalise_kind(kind: str) -> str:
    """"events" or "event" -> "event" (the CLI speaks in plurals, the files in singulars)."""
    singular = kind.lower().removesuffix("s")
    if singular not in KINDS:
        raise UsageError(f"unknown review kind {kind!r}: use events or quotes")
    return singular


# -- the sample -------------------------------------------------------------------------


def stratified_sample(population: list[tuple[int, str]], n: int, seed: int) -> list[int]:
    """`n` items spread over strata in proportion to their size, every stratum at least once while `n` allows.

    Proportional allocation alone would leave small strata out of a small sample, and
    a precision figure that never looked at them says nothing about them.
    """
    strata: dict[str, list[int]] = {}
    for item, stratum in population:
        strata.setdefault(stratum, []).append(item)
    rng = random.Random(seed)
    n = min(n, len(population))
    if n <= 0:
        return []
    names = sorted(strata)
    rng.shuffle(names)
    take = dict.fromkeys(names, 0)
    for name in names[:n]:
        take[name] = 1
    left = n - sum(take.values())
    # Largest-remainder allocation of what is left, capped by each stratum's size.
    while left > 0:
        room = {s: len(strata[s]) - take[s] for s in names if len(strata[s]) > take[s]}
        total = sum(room.values())
        shares = {s: left * r / total for s, r in room.items()}
        given = {s: min(int(v), room[s]) for s, v in shares.items()}
        if not any(given.values()):
            for s in sorted(room, key=lambda s: shares[s] - int(shares[s]), reverse=True)[:left]:
                given[s] = 1
        for s, g in given.items():
            take[s] += g
            left -= g
    chosen = [item for name in names for item in rng.sample(strata[name], take[name])]
    return sorted(chosen)


def write_sample(conn: sqlite3.Connection, out: IO[str], n: int, seed: int, kind: str = "event", stratify: str | None = None) -> int:
    """Write `n` items (fewer if fewer are stored) as CSV with empty ``correct?`` and ``note`` columns; returns rows written.

    Every row carries its ``stratum`` and ``stratum_size`` (items of that stratum in the
    store), so that the marked file alone is enough to weight the estimate.
    """
    kind = normalise_kind(kind)
    if n < 1:
        raise UsageError("the sample needs at least one item (--sample N)")
    if stratify is not None and stratify not in STRATA[kind]:
        raise UsageError(f"{kind}s cannot be stratified by {stratify!r}: use {', '.join(STRATA[kind])}")
    stratum_sql = STRATA[kind][stratify] if stratify else "''"
    population = [(item, str(stratum)) for item, stratum in conn.execute(_POPULATION[kind].format(stratum=stratum_sql))]
    sizes: dict[str, int] = {}
    for _, stratum in population:
        sizes[stratum] = sizes.get(stratum, 0) + 1
    if stratify:
        chosen = stratified_sample(population, n, seed)
    else:
        chosen = sorted(random.Random(seed).sample([item for item, _ in population], min(n, len(population))))
    stratum_of = dict(population)
    writer = csv.writer(out, lineterminator="\n")
    cursor = conn.execute(_ROWS[kind].format(ids=", ".join("?" * len(chosen))), chosen) if chosen else None
    columns = [d[0] for d in (cursor or conn.execute(_ROWS[kind].format(ids="NULL"))).description]
    writer.writerow([f"{kind}_item" if c == "item" else c for c in columns] + ["stratum_by", "stratum", "stratum_size", MARK, "note"])
    written = 0
    for row in cursor or []:
        stratum = stratum_of[row[0]]
        writer.writerow([("" if v is None else v) for v in row] + [stratify or "", stratum, sizes[stratum], "", ""])
        written += 1
    return written


# -- the marks --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    item: str
    stratum: str
    stratum_size: int | None
    correct: bool | None  # None: not marked, or marked unsure
    unsure: bool = False


@dataclass
class Interval:
    estimate: float | None
    low: float | None
    high: float | None


@dataclass
class StratumPrecision:
    stratum: str
    size: int | None  # items of this stratum in the store when the sample was drawn
    marked: int
    correct: int
    precision: float | None
    low: float | None
    high: float | None


@dataclass
class ReviewReport:
    kind: str
    rows: int
    marked: int
    correct: int
    wrong: int
    unmarked: int
    unsure: int
    precision: float | None
    low: float | None
    high: float | None
    method: str
    confidence: float = CONFIDENCE
    stratified_by: str | None = None
    strata: list[StratumPrecision] = field(default_factory=list)
    unweighted_precision: float | None = None  # the plain share of marked items that are correct


def read_marks(handle: IO[str], source: str = "the review file") -> tuple[str, str | None, list[Mark]]:
    """(kind, stratified_by, marks) of a file written by `write_sample` and marked by hand.

    Raises UsageError naming the rows whose mark is neither correct, wrong, blank nor unsure.
    """
    reader = csv.DictReader(handle)
    columns = reader.fieldnames or []
    item_column = next((c for c in columns if c.endswith("_item") and c.removesuffix("_item") in KINDS), None)
    if item_column is None or MARK not in columns:
        raise UsageError(f"{source} is not a review file: it needs an event_item or quote_item column and a {MARK!r} column (write one with `eventwire review export`)")
    kind = item_column.removesuffix("_item")
    marks, bad, stratified_by = [], [], None
    for line, row in enumerate(reader, start=2):
        value = (row.get(MARK) or "").strip().lower()
        if value in _CORRECT:
            correct: bool | None = True
        elif value in _WRONG:
            correct = False
        elif value == "" or value in _UNSURE:
            correct = None
        else:
            bad.append(f"line {line}: {row.get(MARK)!r}")
            continue
        stratified_by = stratified_by or (row.get("stratum_by") or None)
        size = row.get("stratum_size") or ""
        marks.append(Mark(row[item_column], row.get("stratum") or "", int(size) if size.isdigit() else None, correct, value in _UNSURE))
    if bad:
        raise UsageError(f"{source}: marks must be y or n (or blank, or ? for unsure); not understood: {'; '.join(bad[:5])}" + (f" and {len(bad) - 5} more" if len(bad) > 5 else ""))
    return kind, stratified_by, marks


def precision(kind: str, marks: list[Mark], stratified_by: str | None = None, seed: int = 0) -> ReviewReport:
    """Precision over the marked items with its interval (see the module docstring for which)."""
    marked = [m for m in marks if m.correct is not None]
    unsure = sum(m.unsure for m in marks)
    correct = sum(m.correct for m in marked)
    plain = correct / len(marked) if marked else None
    report = ReviewReport(
        kind=kind, rows=len(marks), marked=len(marked), correct=correct, wrong=len(marked) - correct,
        unmarked=len(marks) - len(marked) - unsure, unsure=unsure, precision=None, low=None, high=None,
        method="Wilson score interval", stratified_by=stratified_by, unweighted_precision=plain,
    )
    if not stratified_by:
        report.precision, (report.low, report.high) = plain, wilson(correct, len(marked))
        return report
    by_stratum: dict[str, list[Mark]] = {}
    for mark in marks:
        by_stratum.setdefault(mark.stratum, []).append(mark)
    for name in sorted(by_stratum):
        items = [m for m in by_stratum[name] if m.correct is not None]
        hits = sum(m.correct for m in items)
        low, high = wilson(hits, len(items))
        report.strata.append(StratumPrecision(name, by_stratum[name][0].stratum_size, len(items), hits, hits / len(items) if items else None, low, high))
    estimate = _weighted([(s.size, [m.correct for m in by_stratum[s.stratum] if m.correct is not None]) for s in report.strata])
    report.precision = estimate
    report.low, report.high = stratified_interval([(s.size, [m.correct for m in by_stratum[s.stratum] if m.correct is not None]) for s in report.strata], seed=seed)
    report.method = (f"weighted by stratum size; interval from each stratum's Jeffreys posterior Beta(correct+1/2, wrong+1/2), "
                     f"{POSTERIOR_DRAWS} draws, seed {seed}; Wilson per stratum")
    return report


def read_review(handle: IO[str], source: str = "the review file") -> ReviewReport:
    """The precision report of a marked review file."""
    kind, stratified_by, marks = read_marks(handle, source)
    return precision(kind, marks, stratified_by)


# -- statistics -------------------------------------------------------------------------


def _z(confidence: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float | None, float | None]:
    """The Wilson score interval of a proportion; (None, None) without observations."""
    if n == 0:
        return None, None
    z = _z(confidence)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _weighted(strata: Iterable[tuple[int | None, list[bool]]]) -> float | None:
    """Σ W_h p_h over the strata that have marked items, weights renormalised over them."""
    parts = [(size or len(items), sum(items) / len(items)) for size, items in strata if items]
    total = sum(w for w, _ in parts)
    return sum(w * p for w, p in parts) / total if total else None


def stratified_interval(strata: list[tuple[int | None, list[bool]]], draws: int = POSTERIOR_DRAWS, seed: int = 0,
                        confidence: float = CONFIDENCE) -> tuple[float | None, float | None]:
    """Interval of the weighted precision: percentiles over draws of every stratum's precision from its Jeffreys posterior."""
    strata = [(size or len(items), sum(items), len(items)) for size, items in strata if items]
    if not strata:
        return None, None
    total = sum(w for w, _, _ in strata)
    rng = random.Random(seed)
    estimates = sorted(
        sum(w * rng.betavariate(hits + 0.5, n - hits + 0.5) for w, hits, n in strata) / total for _ in range(draws)
    )
    tail = (1 - confidence) / 2
    return estimates[int(tail * (draws - 1))], estimates[math.ceil((1 - tail) * (draws - 1))]


def report_dict(report: ReviewReport) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(report)
