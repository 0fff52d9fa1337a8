"""Cleaners under test. A cleaner is a callable ``clean(text) -> list[str]``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable

Cleaner = Callable[[str], list[str]]

_BLANK = re.compile(r"\n[ \t]*\n")


def naive(text: str) -> list[str]:
    """Baseline: split on blank lines, join each block's lines with single
    spaces, drop nothing."""
    blocks = _BLANK.split(text)
    return [" ".join(ln.strip() for ln in b.splitlines() if ln.strip()) for b in blocks if b.strip()]


def identity(text: str) -> list[str]:
    """The input unchanged, as one paragraph."""
    return [text]


#: contract checks on eventwire's output, filled while the benchmark runs
CHECKS = {"calls": 0, "spans_inconsistent_with_text": 0, "no_paragraph_spans": 0}


def eventwire_cleaner() -> tuple[Cleaner, str]:
    """``eventwire.process_text`` as a cleaner; raises ImportError if absent.
    Returns the cleaner and eventwire's version."""
    try:
        import eventwire
    except ImportError:
        # not installed: try the checkout's src/ (python benchmarks/cleaning/run.py from a clone)
        src = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "src")
        if not os.path.isdir(os.path.join(src, "eventwire")):
            raise
        sys.path.insert(0, src)
        import eventwire
        where = " (imported from src/, not installed)"
    else:
        where = ""
    if not hasattr(eventwire, "process_text"):
        raise ImportError("eventwire has no process_text yet")

    version = getattr(eventwire, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as _v

            version = _v("eventwire")
        except Exception:  # pragma: no cover - metadata missing in odd installs
            version = "unknown"

    def clean(text: str) -> list[str]:
        art = eventwire.process_text(text)
        body = art.text or ""
        spans = getattr(art, "paragraphs", None)
        CHECKS["calls"] += 1
        if spans:
            paras = [body[s:e] for s, e in spans]
            # the contract: paragraphs separated by exactly one blank line, spans covering the text
            if "\n\n".join(paras) != body or any("\n\n" in p or p != p.strip() for p in paras):
                CHECKS["spans_inconsistent_with_text"] += 1
            return paras
        if body.strip():
            CHECKS["no_paragraph_spans"] += 1
        return [p for p in body.split("\n\n") if p.strip()]

    return clean, f"{version}{where}"


def available() -> dict[str, str]:
    """Names the --cleaner switch accepts, with a description."""
    return {
        "eventwire": "eventwire.process_text(text).paragraphs",
        "naive": "split on blank lines, join lines with spaces, drop nothing",
        "identity": "the input as one paragraph",
    }
