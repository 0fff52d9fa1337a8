#!/usr/bin/env python3
"""Messy-text reconstruction benchmark for eventwire's plain-text cleaner.

Clean article bodies are degraded the way pasted text is (hard wraps,
end-of-line hyphenation, teaser/share/URL boilerplate lines, lost blank
lines); the cleaner must give back the clean paragraphs. See README.md.

    python benchmarks/cleaning/run.py [--eval-dir DIR] [--out FILE] [--limit N] [--seed 0]
                                      [--cleaner eventwire|naive|identity] [--self-test]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import cleaners  # noqa: E402
from degrade import Degraded, degrade  # noqa: E402
from score import aggregate, score_doc  # noqa: E402
from sources import SOURCES, load_all  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
VARIANTS = ("keep_blank", "lost_blank")

# metric -> (direction, {variant: threshold}); "ge" means higher is better
TARGETS = {
    "paragraph_exact_match": ("ge", {"keep_blank": 0.98, "lost_blank": 0.85}),
    "boilerplate_removed": ("ge", {"keep_blank": 0.95, "lost_blank": 0.95}),
    "body_lines_dropped": ("le", {"keep_blank": 0.005, "lost_blank": 0.005}),
}
METRICS = [
    ("paragraph_exact_match", "paragraph exact-match (recall)"),
    ("paragraph_precision", "paragraph precision"),
    ("paragraph_loose_match", "paragraph match, quotes/dashes/NFKC folded"),
    ("boilerplate_removed", "boilerplate lines removed"),
    ("body_lines_dropped", "body lines wrongly dropped"),
    ("hyphenation_repaired", "end-of-line hyphenation undone"),
    ("compounds_kept", "compound hyphen at line end kept"),
    ("mb_per_s", "throughput MB/s"),
]


# --------------------------------------------------------------------------

def _command_line() -> str:
    exe = sys.executable or "python"
    try:
        rel = os.path.relpath(exe)
        exe = rel if not rel.startswith("..") else "python"
    except ValueError:
        exe = "python"
    return " ".join([exe] + [shlex.quote(a) for a in sys.argv])


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return os.path.abspath(path) if rel.startswith("..") else rel


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT,
            capture_output=True, text=True, timeout=10,
        )
        return out.stdout.strip() or None if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _git_dirty() -> bool | None:
    """True if src/ has uncommitted changes (the figures then describe the working tree)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "pyproject.toml"], cwd=REPO_ROOT,
            capture_output=True, text=True, timeout=10,
        )
        return bool(out.stdout.strip()) if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _versions(extra: dict[str, str]) -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": platform.python_version()}
    for pkg in ("eventwire", "wordfreq", "courlan", "ftfy", "charset-normalizer"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    out.update(extra)
    return out


def _resolve_eval_dir(arg: str | None) -> str:
    if arg:
        return arg
    env = os.environ.get("EVENTWIRE_EVAL")
    if env:
        return env
    return os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "eval"))


# --------------------------------------------------------------------------

def run_cleaner(clean, docs: list[Degraded], examples: bool = False) -> dict:
    """Score one cleaner on every document and variant."""
    rows: dict[tuple[str, str], list[dict]] = {}
    seconds: dict[tuple[str, str], float] = {}
    errors: list[str] = []
    # untimed warm-up on real documents: lazily loaded models and tables
    for d in docs[:2]:
        for variant in VARIANTS:
            try:
                clean(d.variants[variant])
            except Exception:
                pass
    for variant in VARIANTS:
        for d in docs:
            text = d.variants[variant]
            t0 = time.perf_counter()
            try:
                out = clean(text)
            except Exception as exc:  # a crash scores as an empty output
                out = []
                if len(errors) < 20:
                    errors.append(f"{d.source}/{d.doc_id}/{variant}: {type(exc).__name__}: {exc}")
                else:
                    errors.append("")
            dt = time.perf_counter() - t0
            key = (d.source, variant)
            seconds[key] = seconds.get(key, 0.0) + dt
            r = score_doc(d, variant, out, keep_examples=examples)
            r["doc_id"] = d.doc_id
            rows.setdefault(key, []).append(r)

    res: dict = {"by_source": {}, "by_variant": {}, "overall": None}
    for (src, variant), rs in rows.items():
        res["by_source"].setdefault(src, {})[variant] = aggregate(rs, seconds[(src, variant)])
    for variant in VARIANTS:
        rs = [r for (s, v), x in rows.items() if v == variant for r in x]
        sec = sum(t for (s, v), t in seconds.items() if v == variant)
        if rs:
            res["by_variant"][variant] = aggregate(rs, sec)
    all_rows = [r for x in rows.values() for r in x]
    res["overall"] = aggregate(all_rows, sum(seconds.values())) if all_rows else None
    res["errors"] = {"count": len(errors), "first": [e for e in errors if e][:20]}
    if examples:
        res["_rows"] = rows
    return res


def _fmt(v, metric: str) -> str:
    if v is None:
        return "–"
    if metric == "body_lines_dropped":
        return f"{100 * v:.2f}%"
    if metric == "mb_per_s":
        return f"{v:.2f}"
    return f"{v:.3f}"


def _target_str(metric: str, variant: str) -> str:
    if metric not in TARGETS:
        return ""
    direction, th = TARGETS[metric]
    t = th[variant]
    return ("≥ " if direction == "ge" else "≤ ") + (f"{100 * t:.1f}%" if metric == "body_lines_dropped" else f"{t:.2f}")


def _passes(metric: str, variant: str, v) -> str:
    if metric not in TARGETS or v is None:
        return ""
    direction, th = TARGETS[metric]
    ok = v >= th[variant] if direction == "ge" else v <= th[variant]
    return "yes" if ok else "**no**"


def markdown(report: dict) -> str:
    names = list(report["results"])
    main = report["main_cleaner"]
    lines = []
    dirty = " (+ uncommitted changes in src/)" if report.get("git_dirty") else ""
    lines.append(f"Cleaning benchmark — {report['date']} — commit {report['git_commit'] or 'n/a'}{dirty}")
    lines.append("")
    lines.append(f"Command: `{report['command']}`")
    lines.append("")
    src_desc = ", ".join(f"{s}: {n} docs" for s, n in report["documents"].items())
    lines.append(f"Documents: {src_desc} (× {len(VARIANTS)} variants, {report['input_bytes']:,} bytes of degraded input)")
    lines.append("")
    head = ["metric", "variant", "target"] + names + ([f"{main} meets target"] if main else [])
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for metric, label in METRICS:
        for variant in VARIANTS:
            cells = [label, variant, _target_str(metric, variant)]
            for n in names:
                bv = report["results"][n]["by_variant"].get(variant, {})
                cells.append(_fmt(bv.get(metric), metric))
            if main:
                bv = report["results"][main]["by_variant"].get(variant, {})
                cells.append(_passes(metric, variant, bv.get(metric)))
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Per source:")
    lines.append("")
    short = [("paragraph_exact_match", "para EM"), ("paragraph_precision", "para prec"),
             ("boilerplate_removed", "boiler removed"), ("body_lines_dropped", "body dropped"),
             ("hyphenation_repaired", "hyph undone"), ("compounds_kept", "compounds kept"),
             ("mb_per_s", "MB/s")]
    head = ["source", "variant", "docs", "cleaner"] + [s for _, s in short]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for src in report["documents"]:
        for variant in VARIANTS:
            for n in names:
                agg = report["results"][n]["by_source"].get(src, {}).get(variant)
                if not agg:
                    continue
                cells = [src, variant, str(agg["docs"]), n] + [_fmt(agg.get(m), m) for m, _ in short]
                lines.append("| " + " | ".join(cells) + " |")
    checks = report.get("eventwire_contract_checks")
    if checks and (checks["spans_inconsistent_with_text"] or checks["no_paragraph_spans"]):
        lines.append("")
        lines.append(f"eventwire contract checks: {checks}")
    for n in names:
        err = report["results"][n]["errors"]
        if err["count"]:
            lines.append("")
            lines.append(f"{n}: {err['count']} documents raised an exception (scored as empty output); first: {err['first'][:1]}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------

SELF_TEST_PARAS = [
    "The harbour commission met on a wet Thursday evening to argue, once again, about "
    "the future of the old ferry pier, which has been closed to foot traffic since a "
    "storm tore away part of its decking two winters ago.",
    "Members were divided. Several wanted the structure demolished and replaced with a "
    "floating pontoon; others insisted that the pier, built by shipwrights whose "
    "grandchildren still live in the town, deserved a careful and well-funded "
    "restoration, whatever the engineers' preliminary estimates said about the cost.",
    "A decision is expected next month, after a public consultation that the chairwoman "
    "promised would be \"genuinely open\" rather than a box-ticking exercise.",
]


def self_test() -> int:
    from score import aggregate as agg

    failures = []
    d = degrade("self", "selftest", SELF_TEST_PARAS, seed=0)
    # a degraded document must differ from the gold and carry boilerplate
    for v in VARIANTS:
        if d.variants[v].strip() == "\n\n".join(SELF_TEST_PARAS):
            failures.append(f"{v}: degradation changed nothing")
    if not d.boiler:
        failures.append("no boilerplate inserted")
    # a deterministic run
    d2 = degrade("self", "selftest", SELF_TEST_PARAS, seed=0)
    if d2.variants != d.variants:
        failures.append("degradation is not deterministic")

    # force hyphenation + compounds to exist somewhere in a batch of seeds
    batch = [degrade("self", "selftest", SELF_TEST_PARAS, seed=s) for s in range(40)]
    if not any(x.hyphens for x in batch):
        failures.append("no end-of-line hyphenation produced in 40 seeds")
    if not any(x.compounds for x in batch):
        failures.append("no compound line break produced in 40 seeds")

    def oracle_for(doc):
        return lambda text: list(doc.gold)

    for x in [d] + batch:
        for v in VARIANTS:
            s_id = agg([score_doc(x, v, cleaners.identity(x.variants[v]))])
            s_or = agg([score_doc(x, v, oracle_for(x)(x.variants[v]))])
            s_nv = agg([score_doc(x, v, cleaners.naive(x.variants[v]))])
            for key in ("paragraph_exact_match", "paragraph_precision", "boilerplate_removed"):
                if s_or[key] != 1.0:
                    failures.append(f"oracle {v} {key}={s_or[key]}")
                if s_id[key] is not None and s_id[key] >= 1.0:
                    failures.append(f"identity {v} {key}={s_id[key]} (scorer cannot fail)")
            # naive may legitimately rebuild every paragraph of keep_blank; it
            # can never remove boilerplate, nor split lost_blank paragraphs
            if s_nv["boilerplate_removed"] != 0.0:
                failures.append(f"naive {v} boilerplate_removed={s_nv['boilerplate_removed']}")
            if v == "lost_blank" and s_nv["paragraph_exact_match"] != 0.0:
                failures.append(f"naive lost_blank paragraph_exact_match={s_nv['paragraph_exact_match']}")
            if s_or["body_lines_dropped"] != 0.0:
                failures.append(f"oracle {v} body_lines_dropped={s_or['body_lines_dropped']}")
            if s_or["hyphenations"] and s_or["hyphenation_repaired"] != 1.0:
                failures.append(f"oracle {v} hyphenation_repaired={s_or['hyphenation_repaired']}")
            if s_or["compounds"] and s_or["compounds_kept"] != 1.0:
                failures.append(f"oracle {v} compounds_kept={s_or['compounds_kept']}")
            if s_nv["hyphenations"] and s_nv["hyphenation_repaired"] != 0.0:
                failures.append(f"naive {v} hyphenation_repaired={s_nv['hyphenation_repaired']}")
            if s_nv["body_lines_dropped"] != 0.0:
                failures.append(f"naive {v} body_lines_dropped={s_nv['body_lines_dropped']}")
    # a cleaner that loses a paragraph must be caught
    lossy = agg([score_doc(d, "keep_blank", d.gold[1:])])
    if not lossy["body_lines_dropped"] or lossy["body_lines_dropped"] <= 0.2:
        failures.append(f"dropping a paragraph not detected: {lossy['body_lines_dropped']}")
    if lossy["paragraph_exact_match"] >= 1.0:
        failures.append("dropping a paragraph kept exact match at 1.0")
    # merging two paragraphs must cost exact match but not drop lines
    merged = agg([score_doc(d, "lost_blank", [d.gold[0] + " " + d.gold[1]] + d.gold[2:])])
    if merged["paragraph_exact_match"] >= 1.0 or merged["body_lines_dropped"] != 0.0:
        failures.append(f"merge scored wrongly: {merged}")

    print("degraded keep_blank sample:\n" + d.variants["keep_blank"])
    print("degraded lost_blank sample:\n" + d.variants["lost_blank"])
    if failures:
        print("SELF-TEST FAILED:")
        for f in failures:
            print("  -", f)
        return 1
    print("self-test passed: oracle scores 1.0, identity and naive score below 1, "
          "lost and merged paragraphs are detected")
    return 0


# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", help="eval data dir (default: $EVENTWIRE_EVAL, else ../shared/eval from the repo root)")
    ap.add_argument("--out", default=os.path.join(REPO_ROOT, "benchmarks", "results", "cleaning.json"),
                    help="JSON report (default benchmarks/results/cleaning.json); a .md with the table is written beside it")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per source")
    ap.add_argument("--seed", type=int, default=0, help="degradation seed (default 0)")
    ap.add_argument("--cleaner", choices=sorted(cleaners.available()), default="eventwire",
                    help="cleaner under test (default eventwire; falls back to the baseline alone if not importable). "
                         "The naive baseline is always measured too.")
    ap.add_argument("--examples-out", metavar="FILE",
                    help="write per-document error examples for the cleaner under test to FILE "
                         "(contains eval text: keep it outside the repository)")
    ap.add_argument("--self-test", action="store_true", help="check that the scorer can fail, then exit")
    args = ap.parse_args(argv)

    if args.self_test:
        return self_test()

    eval_dir = _resolve_eval_dir(args.eval_dir)
    if not os.path.isdir(eval_dir):
        print(f"eval dir {eval_dir} not found: skipping fundus and wcxb (own examples only)", file=sys.stderr)
    docs_by_src = load_all(REPO_ROOT, eval_dir if os.path.isdir(eval_dir) else None, args.limit)
    for src, docs in docs_by_src.items():
        if not docs:
            print(f"source {src}: no documents found, skipped", file=sys.stderr)
    if not any(docs_by_src.values()):
        print("no clean bodies found (no examples/gold/*.json and no eval dir): nothing to measure", file=sys.stderr)
        return 0

    t0 = time.perf_counter()
    degraded: list[Degraded] = [
        degrade(doc_id, src, paras, seed=args.seed)
        for src, docs in docs_by_src.items() for doc_id, paras in docs
    ]
    t_degrade = time.perf_counter() - t0

    extra_versions: dict[str, str] = {}
    runs: dict[str, object] = {"naive": cleaners.naive}
    main_name: str | None = args.cleaner
    if args.cleaner == "eventwire":
        try:
            clean, ver = cleaners.eventwire_cleaner()
            runs["eventwire"] = clean
            extra_versions["eventwire_runtime"] = ver
        except Exception as exc:
            print(f"eventwire is not importable ({type(exc).__name__}: {exc}); measuring the baseline only",
                  file=sys.stderr)
            main_name = "naive"
    elif args.cleaner == "identity":
        runs["identity"] = cleaners.identity

    results = {}
    row_dump = None
    for name, fn in runs.items():
        want_examples = bool(args.examples_out) and name == main_name
        res = run_cleaner(fn, degraded, examples=want_examples)
        if want_examples:
            row_dump = res.pop("_rows")
        results[name] = res

    input_bytes = sum(len(d.variants[v].encode("utf-8")) for d in degraded for v in VARIANTS)
    report = {
        "benchmark": "cleaning",
        "command": _command_line(),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "git_dirty": _git_dirty(),
        "versions": _versions(extra_versions),
        "platform": platform.platform(),
        "seed": args.seed,
        "limit": args.limit,
        "eval_dir": eval_dir if os.path.isdir(eval_dir) else None,
        "documents": {src: len(docs) for src, docs in docs_by_src.items() if docs},
        "source_names": {s: SOURCES[s] for s, docs in docs_by_src.items() if docs},
        "variants": list(VARIANTS),
        "input_bytes": input_bytes,
        "degrade_seconds": round(t_degrade, 3),
        "targets": {m: {"direction": d, **th} for m, (d, th) in TARGETS.items()},
        "baseline": "naive",
        "main_cleaner": main_name if main_name != "naive" else None,
        "cleaners": {n: cleaners.available()[n] for n in runs},
        "results": results,
    }
    if "eventwire" in runs:
        report["eventwire_contract_checks"] = dict(cleaners.CHECKS)
    table = markdown(report)
    out = args.out
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
        f.write("\n")
    md_path = os.path.splitext(out)[0] + ".md"
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(table)
    print(table)
    print(f"wrote {_shown(out)} and {_shown(md_path)}", file=sys.stderr)

    if args.examples_out and row_dump is not None:
        ex_path = os.path.abspath(args.examples_out)
        if ex_path.startswith(os.path.abspath(REPO_ROOT) + os.sep):
            print("refusing to write eval-text examples inside the repository", file=sys.stderr)
        else:
            dump = []
            for (src, variant), rs in row_dump.items():
                for r in rs:
                    ex = r.get("examples") or {}
                    if any(ex.values()):
                        dump.append({"source": src, "variant": variant, "doc_id": r["doc_id"], **ex})
            with open(ex_path, "w", encoding="utf-8") as f:
                json.dump(dump, f, indent=1, ensure_ascii=False)
            print(f"wrote error examples for {main_name} to {ex_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
