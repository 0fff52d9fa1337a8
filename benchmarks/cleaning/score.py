"""Scoring a cleaner's paragraphs against the clean body.

All counts are summed over documents (micro-averaged) by ``aggregate``.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict

from degrade import Degraded, normalise_ws, tokens

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u00ad": None, "\u200b": None, "\ufeff": None,
})


def loose(s: str) -> str:
    """Lenient form: NFKC, straight quotes, ASCII dashes, no soft hyphens."""
    return normalise_ws(unicodedata.normalize("NFKC", s).translate(_FOLD))


def _multiset_hits(gold: list[str], out: list[str]) -> int:
    g, o = Counter(gold), Counter(out)
    return sum(min(n, o[p]) for p, n in g.items())


def _match_at(line: list[str], out: list[str], start: int, max_gap: int = 3) -> tuple[int, int]:
    """Greedy in-order match of ``line`` tokens in ``out`` from ``start``;
    each next token may be at most ``max_gap`` tokens further on."""
    p, m, n = start, 0, len(out)
    for t in line:
        for j in range(p, min(p + max_gap + 1, n)):
            if out[j] == t:
                m += 1
                p = j + 1
                break
    return m, p


class _Finder:
    """Decides, line by line in document order, whether a body line's tokens
    are present (at least half of them, in order) in the output."""

    def __init__(self, out_tokens: list[str]):
        self.out = out_tokens
        self.pos: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(out_tokens):
            self.pos[t].append(i)
        self.cursor = 0

    def _candidates(self, line: list[str], lo: int, hi: int):
        seen = set()
        for t in line[:3]:
            ps = self.pos.get(t, [])
            for i in range(bisect.bisect_left(ps, lo), len(ps)):
                if ps[i] >= hi:
                    break
                if ps[i] not in seen:
                    seen.add(ps[i])
                    yield ps[i]

    def present(self, line: list[str]) -> bool:
        need = (len(line) + 1) // 2  # at least half
        window = 3 * len(line) + 60
        for s in sorted(self._candidates(line, self.cursor, self.cursor + window)):
            m, end = _match_at(line, self.out, s)
            if m >= need:
                self.cursor = end
                return True
        # fallback: anywhere in the output (the cleaner may have moved it)
        for s in self._candidates(line, 0, len(self.out)):
            m, _ = _match_at(line, self.out, s)
            if m >= need:
                return True
        return False


def score_doc(deg: Degraded, variant: str, out_paras: list[str], keep_examples: bool = False) -> dict:
    gold = deg.gold  # already whitespace-normalised
    out = [p for p in (normalise_ws(x) for x in out_paras) if p]
    out_text = " ".join(out)
    gold_text = " ".join(gold)
    r: dict = {
        "docs": 1,
        "bytes": len(deg.variants[variant].encode("utf-8")),
        "gold_paragraphs": len(gold),
        "output_paragraphs": len(out),
        "exact_hits": _multiset_hits(gold, out),
        "loose_hits": _multiset_hits([loose(p) for p in gold], [loose(p) for p in out]),
    }

    # boilerplate: a line is left over if one of its keys occurs in the output
    # more often than in the gold body (multiset over identical lines)
    budget = {}
    for b in deg.boiler:
        for k in b.keys:
            if k not in budget:
                budget[k] = max(0, out_text.count(k) - gold_text.count(k))
    left = []
    for b in deg.boiler:
        hit = [k for k in b.keys if budget[k] > 0]
        for k in hit:
            budget[k] -= 1
        if hit:
            left.append(b)
    r["boiler_lines"] = len(deg.boiler)
    r["boiler_left"] = len(left)

    # body lines dropped
    finder = _Finder(tokens(out_text))
    dropped = []
    n_lines = 0
    for bl in deg.body_lines:
        if not bl.tokens:
            continue
        n_lines += 1
        if not finder.present(bl.tokens):
            dropped.append(bl.text)
    r["body_lines"] = n_lines
    r["body_dropped"] = len(dropped)

    # end-of-line hyphenation undone; genuine compounds kept. Counted per
    # distinct word: occurrences missing from the output (compared with the
    # gold body) or left in a broken form are failures.
    bad_hyph = []
    by_word: dict[str, list] = defaultdict(list)
    for e in deg.hyphens:
        by_word[e.word].append(e)
    for word, evs in by_word.items():
        missing = max(0, gold_text.count(word) - out_text.count(word))
        broken = sum(
            out_text.count(f) for e in {(x.head, x.tail) for x in evs}
            for f in (f"{e[0]}- {e[1]}", f"{e[0]}-{e[1]}", f"{e[0]} {e[1]}")
        )
        bad_hyph.extend(evs[: min(len(evs), max(missing, broken))])
    r["hyphenations"] = len(deg.hyphens)
    r["hyphenations_bad"] = len(bad_hyph)
    bad_comp = []
    by_comp: dict[str, list] = defaultdict(list)
    for c in deg.compounds:
        by_comp[f"{c.left}{c.right}"].append(c)
    for comp, cs in by_comp.items():
        missing = max(0, gold_text.count(comp) - out_text.count(comp))
        bad_comp.extend(cs[: min(len(cs), missing)])
    r["compounds"] = len(deg.compounds)
    r["compounds_bad"] = len(bad_comp)

    if keep_examples:
        g, o = Counter(gold), Counter(out)
        r["examples"] = {
            "gold_missed": [p for p in gold if g[p] > o.get(p, 0)],
            "output_unmatched": [p for p in out if o[p] > g.get(p, 0)],
            "boiler_left": [b.text for b in left],
            "body_dropped": dropped,
            "hyphenation_bad": [f"{e.head}-|{e.tail}" for e in bad_hyph],
            "compound_bad": [f"{c.left}|{c.right}" for c in bad_comp],
        }
    return r


COUNT_KEYS = [
    "docs", "bytes", "gold_paragraphs", "output_paragraphs", "exact_hits", "loose_hits",
    "boiler_lines", "boiler_left", "body_lines", "body_dropped",
    "hyphenations", "hyphenations_bad", "compounds", "compounds_bad",
]


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def aggregate(rows: list[dict], seconds: float | None = None) -> dict:
    c = {k: sum(r[k] for r in rows) for k in COUNT_KEYS}
    out = dict(c)
    out["paragraph_exact_match"] = _ratio(c["exact_hits"], c["gold_paragraphs"])
    out["paragraph_precision"] = _ratio(c["exact_hits"], c["output_paragraphs"])
    out["paragraph_loose_match"] = _ratio(c["loose_hits"], c["gold_paragraphs"])
    out["boilerplate_removed"] = _ratio(c["boiler_lines"] - c["boiler_left"], c["boiler_lines"])
    out["body_lines_dropped"] = _ratio(c["body_dropped"], c["body_lines"])
    if c["body_lines"]:
        out["body_lines_dropped"] = round(c["body_dropped"] / c["body_lines"], 5)
    out["hyphenation_repaired"] = _ratio(c["hyphenations"] - c["hyphenations_bad"], c["hyphenations"])
    out["compounds_kept"] = _ratio(c["compounds"] - c["compounds_bad"], c["compounds"])
    if seconds is not None:
        out["seconds"] = round(seconds, 4)
        out["mb_per_s"] = round(c["bytes"] / 1e6 / seconds, 3) if seconds > 0 else None
    return out
