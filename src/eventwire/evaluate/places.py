"""Scoring place recognition and resolution, beside baselines from the same run.

Two gold formats are read (told apart by the header):

* our own, ``examples/gold/places.tsv``: one row per toponym of an example article, with
  ``input`` (the file in the gold file's parent folder's parent, i.e. ``examples/``),
  character offsets into the *cleaned* text, the GeoNames id and point, and ``metonymic``.
  The texts are cleaned here with eventwire's clean stage; a row whose text is not at its
  offsets is moved to the nearest occurrence, as for GeoCorpora. It adds a *metonymy* score.
* GeoCorpora's TSV (below).

GeoCorpora's TSV (one row per toponym, or one row for a tweet without
any): Latin-1, rows ended by CR LF while tweets themselves contain LF, CR and NEL. A tweet
text may be wrapped in double quotes (with "" inside) and may keep HTML escapes (&amp;);
``char_position`` counts on whichever of the raw, unquoted or unquoted-and-unescaped forms
the toponym is found at, so each tweet is read in the form where most of its toponyms sit
at their stated offsets. A toponym found nowhere near its offset is moved to its nearest
occurrence in the tweet (case-insensitive), else left out and counted in
``gold_skipped``.

Metrics
- *recognition*: predicted places (``extract_places``) against gold toponym spans;
  a pair matches when they share at least one character, one-to-one, greedy in text order.
  P = matched predictions / predictions, R = matched gold / gold, summed over tweets.
  Baseline: spaCy NER spans labelled GPE, LOC or FAC alone.
- *resolution given gold toponyms* (``resolve_spans``, the tweet's other gold toponyms as
  context) over the gold toponyms that have a GeoNames id and a point:
  acc@161 = share resolved within 161 km of the gold point (unresolved counts as wrong);
  exact = share whose GeoNames id equals the gold one; median km over the resolved ones.
  Baseline: the index's first candidate for the name (most weight: countries, regions,
  then population with capitals raised), no context.
"""

from __future__ import annotations

import html
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.places.geo import haversine_km  # re-exported for callers

SYSTEMS = ("eventwire", "baseline")
KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    metonymic: bool | None = None  # our gold only


@dataclass
class Tweet:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _unquote(s: str) -> str:
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return s[1:-1].replace('""', '"')
    return s


def read_geocorpora(path: str | Path) -> tuple[list[Tweet], int]:
    """Tweets with their gold toponyms, in file order, and the number of toponyms left out."""
    raw = Path(path).read_bytes().decode("latin-1")
    lines = raw.split("\r\n")
    header = lines[0].split("\t")
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    order: list[str] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            continue
        row = dict(zip(header, cells))
        tid = row["tweet_id_str"]
        if tid not in rows:
            order.append(tid)
        rows[tid].append(row)
    tweets: list[Tweet] = []
    skipped = 0
    for tid in order:
        group = rows[tid]
        variants = [group[0]["tweet_text"]]
        variants.append(_unquote(variants[0]))
        variants.append(html.unescape(variants[1]))
        annotated = [r for r in group if r["char_position"].strip()]
        golds = [(int(r["char_position"]), _unquote(r["text"]).strip(), r) for r in annotated]

        def hits(v: str) -> int:
            return sum(v[p:p + len(g)].lower() == g.lower() for p, g, _ in golds)

        text = max(variants, key=hits)  # ties keep the earlier (rawer) form
        tweet = Tweet(tid, text)
        seen = set()
        for p, g, r in golds:
            if not g:
                skipped += 1
                continue
            if text[p:p + len(g)].lower() != g.lower():
                found = [i for i in _occurrences(text.lower(), g.lower())]
                if not found:
                    skipped += 1
                    continue
                p = min(found, key=lambda i: abs(i - p))
            if (p, p + len(g)) in seen:
                continue
            seen.add((p, p + len(g)))
            gid = int(r["geoNameId"]) if r["geoNameId"].strip().isdigit() else None
            try:
                lat, lon = float(r["latitude"]), float(r["longitude"])
            except ValueError:
                lat = lon = None
            tweet.toponyms.append(GoldToponym(p, p + len(g), text[p:p + len(g)], gid, lat, lon))
        tweets.append(tweet)
    return tweets, skipped


def read_gold(path: str | Path) -> tuple[list[Tweet], int, str]:
    """Documents with their gold toponyms, toponyms left out, and the format's name."""
    first = ""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.startswith("#"):
                first = line
                break
    if {"input", "metonymic"} <= set(first.rstrip("\r\n").split("\t")):
        return (*read_examples_places(path), "eventwire")
    return (*read_geocorpora(path), "geocorpora")


def read_examples_places(path: str | Path) -> tuple[list[Tweet], int]:
    """Our own places gold (see the module notes): the example articles, cleaned, in file order."""
    import eventwire
    from eventwire.settings import Settings

    path = Path(path)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        rows[row["input"]].append(row)
    folder = path.parent.parent
    inputs = list(rows)
    articles = list(eventwire.process_paths([str(folder / i) for i in inputs], Settings(stages=("clean",))))
    docs: list[Tweet] = []
    skipped = 0
    for name, article in zip(inputs, articles):
        text = getattr(article, "text", "")
        doc = Tweet(name, text)
        for r in rows[name]:
            start, g = int(r["start"]), r["text"]
            if text[start:start + len(g)] != g:
                found = list(_occurrences(text, g))
                if not found:
                    skipped += 1
                    continue
                start = min(found, key=lambda i: abs(i - start))
            doc.toponyms.append(GoldToponym(
                start, start + len(g), g, int(r["geonames_id"]) if r["geonames_id"] else None,
                float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None,
                r["metonymic"].strip().lower() == "true"))
        docs.append(doc)
    return docs, skipped


def _occurrences(text: str, sub: str):
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def match_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> int:
    """One-to-one matches between spans sharing at least one character, greedy in text order."""
    used: set[int] = set()
    matched = 0
    for gs, ge in sorted(gold):
        for k, (ps, pe) in sorted(enumerate(predicted), key=lambda x: x[1]):
            if k not in used and ps < ge and gs < pe:
                used.add(k)
                matched += 1
                break
    return matched


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "predicted": n_pred, "gold": n_gold, "matched": tp_gold}


def _resolution(results: list[tuple[GoldToponym, object]]) -> dict:
    n = len(results)
    within = exact = 0
    errors: list[float] = []
    for g, p in results:
        if p is None or p.lat is None:
            continue
        d = haversine_km(g.lat, g.lon, p.lat, p.lon)
        errors.append(d)
        within += d <= KM
        exact += p.geonames_id is not None and p.geonames_id == g.geonames_id
    return {"toponyms": n, "acc@161": round(within / n, 4) if n else 0.0,
            "exact_id": round(exact / n, 4) if n else 0.0,
            "median_km": round(statistics.median(errors), 1) if errors else None,
            "unresolved": n - len(errors)}


def evaluate_places(gold_path: str | Path, limit: int | None = None, *, gazetteer=None, nlp=None,
                    recognition: bool = True) -> dict:
    """Recognition and resolution scores (and metonymy, on our own gold) with the baselines beside them."""
    from eventwire.places.extract import extract_places, resolve_spans
    from eventwire.places.gazetteer import Gazetteer

    tweets, skipped, kind = read_gold(gold_path)
    if limit is not None:
        tweets = tweets[:limit]
    gazetteer = gazetteer or Gazetteer.load()
    report: dict = {"gold": str(gold_path), "format": kind, "tweets": len(tweets),
                    "gold_toponyms": sum(len(t.toponyms) for t in tweets), "gold_skipped": skipped}

    # Resolution given gold toponyms.
    ours: list[tuple[GoldToponym, object]] = []
    base: list[tuple[GoldToponym, object]] = []
    started = time.perf_counter()
    for t in tweets:
        scored = [g for g in t.toponyms if g.geonames_id is not None and g.lat is not None]
        if not scored:
            continue
        places = resolve_spans(t.text, [(g.start, g.end) for g in t.toponyms], gazetteer)
        by_span = {(g.start, g.end): p for g, p in zip(t.toponyms, places)}
        for g in scored:
            ours.append((g, by_span[(g.start, g.end)]))
            cands = gazetteer.lookup(g.text, limit=1)
            base.append((g, cands[0].to_place(g.start, g.end, g.text) if cands else None))
    report["resolution"] = {"eventwire": _resolution(ours), "baseline": _resolution(base),
                            "seconds": round(time.perf_counter() - started, 2)}

    if recognition:
        from eventwire.nlp import load_pipeline, parse_texts

        nlp = nlp or load_pipeline()
        counts = {s: [0, 0, 0, 0] for s in SYSTEMS}  # matched pred, n pred, matched gold, n gold
        metonymy = {s: [0, 0, 0] for s in SYSTEMS}  # true positives, predicted, gold (on matched mentions)
        has_metonymy = any(g.metonymic is not None for t in tweets for g in t.toponyms)
        started = time.perf_counter()
        for t, doc in zip(tweets, parse_texts([t.text for t in tweets], nlp)):
            gold = [(g.start, g.end) for g in t.toponyms]
            found = extract_places(t.text, doc, gazetteer)
            predicted = {
                "eventwire": [(p.start, p.end) for p in found],
                "baseline": [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")],
            }
            if has_metonymy:
                _count_metonymy(metonymy, t.toponyms, found, gazetteer)
            for s, pred in predicted.items():
                m_gold = match_spans(gold, pred)
                counts[s][0] += m_gold  # one-to-one: matched predictions == matched gold
                counts[s][1] += len(pred)
                counts[s][2] += m_gold
                counts[s][3] += len(gold)
        report["recognition"] = {s: _prf(*c) for s, c in counts.items()}
        report["recognition"]["seconds"] = round(time.perf_counter() - started, 2)
        if has_metonymy:
            report["metonymy"] = {s: _prf(tp, n_pred, tp, n_gold) for s, (tp, n_pred, n_gold) in metonymy.items()}
    return report


def _count_metonymy(counts: dict, gold: list[GoldToponym], found: list, gazetteer) -> None:
    """Metonymic flags on the gold toponyms our recognition found (overlap, first match).
    Baseline: every national capital or seat of government is metonymic."""
    from eventwire.places.extract import SEAT_KIND, is_capital

    for g in gold:
        p = next((p for p in found if p.start < g.end and g.start < p.end), None)
        if p is None:
            continue
        top = gazetteer.lookup(p.name, limit=1) if p.kind == "city" else []
        guesses = {"eventwire": p.metonymic,
                   "baseline": p.kind == SEAT_KIND or bool(top and is_capital(top[0]) and top[0].geonames_id == p.geonames_id)}
        for s, guess in guesses.items():
            counts[s][0] += bool(guess and g.metonymic)
            counts[s][1] += bool(guess)
            counts[s][2] += bool(g.metonymic)


def format_table(report: dict) -> str:
    """The report as a Markdown table, eventwire beside the baseline."""
    what = "eventwire examples: {} articles" if report.get("format") == "eventwire" else "GeoCorpora: {} tweets"
    lines = [f"{what.format(report['tweets'])}, {report['gold_toponyms']} gold toponyms "
             f"({report['gold_skipped']} unplaceable in the text, left out)", "",
             "| measure | eventwire | baseline |", "|---|---|---|"]
    rec = report.get("recognition")
    if rec:
        for k in ("precision", "recall", "f1"):
            lines.append(f"| recognition {k} | {rec['eventwire'][k]:.3f} | {rec['baseline'][k]:.3f} |")
    res = report["resolution"]
    lines.append(f"| toponyms resolved (with GeoNames id) | {res['eventwire']['toponyms']} | {res['baseline']['toponyms']} |")
    for k in ("acc@161", "exact_id"):
        lines.append(f"| {k} given gold toponyms | {res['eventwire'][k]:.3f} | {res['baseline'][k]:.3f} |")
    med = [res[s]["median_km"] for s in SYSTEMS]
    lines.append("| median error km | " + " | ".join("—" if m is None else f"{m:.1f}" for m in med) + " |")
    lines.append("| unresolved | " + " | ".join(str(res[s]["unresolved"]) for s in SYSTEMS) + " |")
    met = report.get("metonymy")
    if met:
        for k in ("precision", "recall", "f1"):
            lines.append(f"| metonymy {k} (found toponyms) | {met['eventwire'][k]:.3f} | {met['baseline'][k]:.3f} |")
    baselines = ("Baselines: recognition = spaCy NER GPE/LOC/FAC spans only; "
                 "resolution = the index's first candidate for the name, no context")
    lines += ["", baselines + ("; metonymy = every national capital or seat is metonymic." if met else ".")]
    return "\n".join(lines)
