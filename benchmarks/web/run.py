"""Load test of the web view: concurrent clients on loopback against a real `eventwire serve`.

    .venv/bin/python benchmarks/web/run.py [--clients 50] [--seconds 30] [--db FILE]

Without --db the examples are ingested (all stages) into a temporary corpus. The server is
`eventwire serve` (uvicorn, one process) on 127.0.0.1 and a free port. Each client is a
thread with its own keep-alive connection that requests the pages and their JSON twins in
turn (overview, search, article, speaker, dyad, network, map, a static file), with no pause,
until the time is up; every request has a 10 s timeout. A short warm-up is not counted.
Latency is measured by the client, from sending the request to reading the whole body.
An error is any answer but 200, or a failed or timed-out request.

Writes benchmarks/results/web.json and web.md (or --results-dir). The targets are p95 < 500 ms
and no errors; `--check` exits 1 when a run misses them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import runinfo

REPO = Path(runinfo.REPO_ROOT)
RESULTS = REPO / "benchmarks" / "results"
TARGET_P95_MS = 500


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_corpus(root: Path) -> Path:
    db = root / "corpus.db"
    subprocess.run([sys.executable, "-m", "eventwire.cli", "ingest", str(REPO / "examples"), "--db", str(db),
                    "--stages", "clean,quotes,places,events", "-q", "--progress", "never"], check=True)
    return db


def pages(db: Path) -> list[tuple[str, str]]:
    """(kind, path) of every page the clients ask for, from what the corpus holds."""
    from eventwire.store import Corpus, analytics

    with Corpus(db, readonly=True) as corpus:
        ids = corpus.ids()[:4]
        speaker = analytics.top_speakers(corpus, 1)
        dyad = analytics.top_dyads(corpus, 1)
    out = [("overview", "/"), ("overview", "/api/overview"),
           ("search", "/search?q=trawler"), ("search", "/search?q=talks&actor=NOR"), ("search", "/api/search?q=sanctions"),
           ("network", "/network"), ("network", "/api/network"), ("map", "/map"), ("map", "/api/map"),
           ("static", "/static/style.css")]
    out += [("article", f"/article/{quote(i, safe='')}") for i in ids] + [("article", f"/api/article/{quote(ids[0], safe='')}")]
    if speaker:
        out += [("speaker", f"/speaker/{quote(speaker[0][0], safe='')}"), ("speaker", f"/api/speaker/{quote(speaker[0][0], safe='')}")]
    if dyad:
        out += [("dyad", f"/dyad/{dyad[0].a}/{dyad[0].b}"), ("dyad", f"/api/dyad/{dyad[0].a}/{dyad[0].b}")]
    return out


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("eventwire serve exited:\n" + log.read_text(errors="replace"))
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("eventwire serve did not come up:\n" + log.read_text(errors="replace"))


def client(port: int, urls: list[tuple[str, str]], offset: int, stop_at: float, out: list, timeout: float = 10.0) -> None:
    """Request `urls` in turn from `offset` until `stop_at`; append (kind, seconds, error or None)."""
    conn = None
    i = offset
    while time.monotonic() < stop_at:
        kind, path = urls[i % len(urls)]
        i += 1
        start = time.perf_counter()
        error = None
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status} {path}"
            if response.getheader("connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc} {path}"
            if conn is not None:
                conn.close()
            conn = None
        out.append((kind, time.perf_counter() - start, error))
    if conn is not None:
        conn.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def load(port: int, urls: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    warm: list = []
    client(port, urls, 0, time.monotonic() + 2.0, warm)  # fills the server's caches; not counted
    results: list[list] = [[] for _ in range(clients)]
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, urls, i * 3, stop_at, results[i]), daemon=True) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)  # a request in flight at the end has its own 10 s timeout
    wall = time.perf_counter() - started
    rows = [r for rs in results for r in rs]
    ms = [s * 1000 for _, s, _ in rows]
    errors = [e for _, _, e in rows if e]
    by_kind = {}
    for kind in sorted({k for k, _, _ in rows}):
        kms = [s * 1000 for k, s, _ in rows if k == kind]
        by_kind[kind] = {"requests": len(kms), "p50_ms": round(percentile(kms, 0.5), 1), "p95_ms": round(percentile(kms, 0.95), 1),
                         "max_ms": round(max(kms), 1), "errors": sum(1 for k, _, e in rows if k == kind and e)}
    return {
        "clients": clients, "seconds": seconds, "wall_seconds": round(wall, 2), "requests": len(rows),
        "requests_per_s": round(len(rows) / wall, 1), "errors": len(errors), "error_examples": sorted(set(errors))[:10],
        "p50_ms": round(percentile(ms, 0.5), 1), "p95_ms": round(percentile(ms, 0.95), 1), "p99_ms": round(percentile(ms, 0.99), 1),
        "max_ms": round(max(ms), 1) if ms else None, "by_kind": by_kind, "threads_still_running": sum(t.is_alive() for t in threads),
    }


def write(result: dict, results_dir: Path) -> None:
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "web.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    r = result["load"]
    met = r["p95_ms"] < TARGET_P95_MS and r["errors"] == 0
    lines = [
        f"Web view load test — {result['date']} — commit {result['commit']}",
        "",
        f"Command: `{result['command']}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()),
        "",
        f"Machine: {result['machine']}. Corpus: {result['corpus']}.",
        (f"Server: `eventwire serve` (uvicorn, one process) on 127.0.0.1. Clients: {r['clients']} threads in one process on the same machine, "
         f"one keep-alive connection each, no pause between requests, for {r['seconds']} s (after a 2 s warm-up not counted); 10 s timeout per request."),
        f"Load average (1, 5, 15 min) before: {result['load_before']}, after: {result['load_after']} (above 2 means other work shared the CPUs).",
        "",
        (f"**{r['requests']} requests, {r['requests_per_s']} per second, {r['errors']} errors; latency p50 {r['p50_ms']} ms, "
         f"p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, max {r['max_ms']} ms.** Target p95 < {TARGET_P95_MS} ms with 0 errors: "
         f"{'met' if met else 'NOT met'}."),
        "",
        "| pages | requests | p50 ms | p95 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {k} | {v['requests']} | {v['p50_ms']} | {v['p95_ms']} | {v['max_ms']} | {v['errors']} |" for k, v in r["by_kind"].items()]
    if r["error_examples"]:
        lines += ["", "Errors seen: " + "; ".join(r["error_examples"])]
    lines += ["", "Pages requested in turn: " + ", ".join(f"`{p}`" for _, p in result["pages"]),
              "", "The clients share the machine's 2 cores with the server, so the figures are pessimistic for a server alone."]
    (results_dir / "web.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", help="an existing corpus (default: the examples, ingested with every stage)")
    parser.add_argument("--results-dir", default=str(RESULTS))
    parser.add_argument("--check", action="store_true", help="exit 1 unless p95 < 500 ms and no errors")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ew-web-bench-") as tmp:
        root = Path(tmp)
        db = Path(args.db) if args.db else make_corpus(root)
        urls = pages(db)
        port = free_port()
        server = start_server(db, port, root / "serve.log")
        try:
            load_before = [round(x, 2) for x in os.getloadavg()]
            result_load = load(port, urls, args.clients, args.seconds)
            load_after = [round(x, 2) for x in os.getloadavg()]
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        from eventwire.store import Corpus

        with Corpus(db, readonly=True) as corpus:
            stats = corpus.stats()
    result = {
        "benchmark": "web", "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": runinfo.command_line(),
        "commit": (runinfo.git("rev-parse", "--short", "HEAD") or "unknown") + (" (+ uncommitted changes)" if runinfo.git("status", "--porcelain") else ""),
        "versions": runinfo.versions(("eventwire", "fastapi", "starlette", "uvicorn", "httptools", "h11", "jinja2")),
        "machine": f"{os.cpu_count()} CPUs, {__import__('platform').platform()}",
        "corpus": f"{stats.articles} articles, {stats.quotes} quotes, {stats.events} events, {stats.places} places"
                  + (f" ({args.db})" if args.db else " (the examples, every stage)"),
        "load_before": load_before, "load_after": load_after,
        "target": {"p95_ms": TARGET_P95_MS, "errors": 0},
        "pages": urls, "load": result_load,
    }
    write(result, Path(args.results_dir))
    r = result_load
    print(f"{r['requests']} requests ({r['requests_per_s']}/s), {r['errors']} errors, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms")
    if args.check and not (r["p95_ms"] < TARGET_P95_MS and r["errors"] == 0):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
