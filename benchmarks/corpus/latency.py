#!/usr/bin/env python3
"""Query latency on a large store: search, quotes by speaker, events and the weekly dyad series.

    .venv/bin/python benchmarks/corpus/latency.py [--articles 100000] [--db PATH] [--reuse] [--repeats 40]

The store is built by adding synthetic finished records (``synth.synthetic_record``: text,
entities, quotes, events, places) through ``Corpus.add``, one transaction each, exactly as
`eventwire ingest` stores a processed article, but without running the NLP stages. Each query
type then runs ``--repeats`` times with varied arguments, in a fresh read-only ``Corpus`` (as the
CLI opens it), after one untimed warm-up, and p50/p95 are reported. The commands themselves
are also timed once each as a person runs them (a new Python process, imports included).

Writes benchmarks/results/corpus.json (the "latency" part) and corpus.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks/: runinfo
sys.path.insert(0, str(HERE))
from report import REPO, load_results, peak_rss_mb, run_measured, save_results  # noqa: E402
from synth import MINOR_TOWNS, PEOPLE, TOPICS, TOWNS, minor_town, synthetic_record, vessel  # noqa: E402

DEFAULT_DB = "/tmp/eventwire-bench-corpus-100k.db"


def build(db: str, articles: int, seed: int) -> dict:
    from eventwire.store import Corpus

    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    per_thousand = []
    with Corpus(db) as corpus:
        mark = time.perf_counter()
        for i in range(articles):
            corpus.add(synthetic_record(i, seed))
            if (i + 1) % 1000 == 0:
                now = time.perf_counter()
                per_thousand.append(now - mark)
                mark = now
                if (i + 1) % 10000 == 0:
                    print(f"  {i + 1} articles, last 1000 in {per_thousand[-1]:.1f} s", file=sys.stderr, flush=True)
        stats = corpus.stats()
    seconds = time.perf_counter() - started
    return {
        "articles": stats.articles, "quotes": stats.quotes, "events": stats.events, "people": stats.people,
        "seconds": round(seconds, 1), "articles_per_second": round(articles / seconds, 1),
        "seconds_per_1000_first": round(per_thousand[0], 2) if per_thousand else None,
        "seconds_per_1000_last": round(per_thousand[-1], 2) if per_thousand else None,
        "db_mb": round(sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20, 1),
        "peak_rss_mb": peak_rss_mb(),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def queries(repeats: int, seed: int) -> dict[str, list]:
    """Query kind -> a list of (description, callable(corpus)) with varied arguments."""
    rng = random.Random(seed)
    words = ["trawler", "quota", "harbour", "insurance", "cooperative", "runway", "survey", "sanctions", "storms", "radar"]
    towns = [t[0] for t in TOWNS]
    people = [p[0] for p in PEOPLE]
    codes = ["NORGOV", "RUSGOV", "FINGOV", "FRAGOV", "GBRGOV"]
    countries = ["NOR", "RUS", "FIN", "FRA", "GBR"]

    def pick(seq):
        return seq[rng.randrange(len(seq))]

    out: dict[str, list] = {"search: common word": [], "search: town (~8%)": [], "search: village (~0.05%)": [], "search: two words": [],
                            "search: phrase": [], "search: vessel phrase": [], "search: NEAR": [], "search: prefix": [],
                            "search: common word, every match ranked": [], "quotes --speaker (full name)": [],
                            "quotes --speaker (surname)": [], "events --source --target": [],
                            "events --by week (actor dyad)": [], "events --by week --level country": []}
    for _ in range(repeats):
        w1, w2, town = pick(words), pick(words), pick(towns)
        village = '"' + minor_town(rng.randrange(MINOR_TOWNS)) + '"'
        boat = '"' + vessel(rng.randrange(5000)) + '"'
        out["search: common word"].append((w1, lambda c, w=w1: c.search(w, limit=20)))
        out["search: common word, every match ranked"].append((w1, lambda c, w=w1: c.search(w, limit=20, rank_window=None)))
        out["search: town (~8%)"].append((town, lambda c, w=town: c.search(w, limit=20)))
        out["search: village (~0.05%)"].append((village, lambda c, w=village: c.search(w, limit=20)))
        out["search: two words"].append((f"{w1} {town}", lambda c, q=f"{w1} {town}": c.search(q, limit=20)))
        phrase = '"' + " ".join(pick(TOPICS).split()[-2:]) + '"'
        out["search: phrase"].append((phrase, lambda c, q=phrase: c.search(q, limit=20)))
        out["search: vessel phrase"].append((boat, lambda c, q=boat: c.search(q, limit=20)))
        near = f"NEAR({w1} {w2}, 10)"
        out["search: NEAR"].append((near, lambda c, q=near: c.search(q, limit=20)))
        prefix = w1[:4] + "*"
        out["search: prefix"].append((prefix, lambda c, q=prefix: c.search(q, limit=20)))
        person = pick(people)
        out["quotes --speaker (full name)"].append((person, lambda c, p=person: c.quotes(speaker=p, limit=100)))
        surname = person.split()[-1]
        out["quotes --speaker (surname)"].append((surname, lambda c, p=surname: c.quotes(speaker=p, limit=100)))
        a, b = rng.sample(codes, 2)
        out["events --source --target"].append((f"{a}->{b[:3]}", lambda c, a=a, b=b[:3]: c.event_clusters(a, b)[:100]))
        out["events --by week (actor dyad)"].append((f"{a}->{b[:3]}", lambda c, a=a, b=b[:3]: c.dyad_series(a, b, freq="week")))
        x, y = rng.sample(countries, 2)
        out["events --by week --level country"].append((f"{x}->{y}", lambda c, x=x, y=y: c.dyad_series(x, y, freq="week", level="country")))
    return out


def measure_queries(db: str, repeats: int, seed: int) -> dict:
    from eventwire.store import Corpus

    results = {}
    with Corpus(db, readonly=True) as corpus:
        for kind, calls in queries(repeats, seed).items():
            calls[0][1](corpus)  # warm-up: the first query also reads the index pages from disk
            times, cpu, sizes = [], [], []
            for _, call in calls:
                started, started_cpu = time.perf_counter(), time.process_time()
                result = call(corpus)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                sizes.append(len(result))
            # CPU time beside wall time: on a shared machine a query that waits for a core is slow
            # on the clock without costing more work; CPU time shows the work itself.
            results[kind] = {
                "runs": len(times), "p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2),
                "max_ms": round(max(times), 2), "cpu_p50_ms": round(statistics.median(cpu), 2), "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
                "median_rows": statistics.median(sizes), "example": calls[0][0],
            }
            print(f"  {kind}: p50 {results[kind]['p50_ms']} ms, p95 {results[kind]['p95_ms']} ms", file=sys.stderr, flush=True)
    searches = [r for kind, r in results.items() if kind.startswith("search") and "every match" not in kind]
    results["_search_overall"] = {"p95_ms_worst_kind": max(r["p95_ms"] for r in searches), "p50_ms_worst_kind": max(r["p50_ms"] for r in searches),
                                  "cpu_p95_ms_worst_kind": max(r["cpu_p95_ms"] for r in searches)}
    return results


def measure_commands(db: str) -> dict:
    exe = str(REPO / ".venv" / "bin" / "eventwire")
    commands = {
        "search": [exe, "search", "trawler", "--db", db],
        "quotes --speaker": [exe, "quotes", "--speaker", PEOPLE[0][0], "--limit", "100", "--db", db],
        "events --by week": [exe, "events", "--source", "NOR", "--target", "RUS", "--level", "country", "--by", "week", "--db", db],
        "stats": [exe, "stats", "--db", db],
    }
    out = {}
    for name, argv in commands.items():
        run = run_measured(argv, stdout=subprocess.DEVNULL)
        out[name] = {"command": " ".join(argv[1:]).replace(db, "DB"), "seconds": round(run["seconds"], 3), "peak_rss_mb": run["peak_rss_mb"], "exit": run["exit"]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", default=DEFAULT_DB, help="where to build the store (default: %(default)s)")
    parser.add_argument("--reuse", action="store_true", help="query the store at --db as it is, if it exists")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    part: dict = {"articles_requested": args.articles, "repeats": args.repeats, "load_before": os.getloadavg()}
    if args.reuse and Path(args.db).exists():
        part["build"] = load_results().get("latency", {}).get("build", {"reused": True})
    else:
        print(f"building {args.articles} synthetic articles into {args.db} ...", file=sys.stderr, flush=True)
        part["build"] = build(args.db, args.articles, args.seed)
    part["queries"] = measure_queries(args.db, args.repeats, args.seed)
    part["commands"] = measure_commands(args.db)
    part["load_after"] = os.getloadavg()
    save_results("latency", part)


if __name__ == "__main__":
    main()
