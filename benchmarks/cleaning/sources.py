"""Clean article bodies, read in place (never copied into the repository).

Each loader yields ``(doc_id, [paragraph, ...])`` with whitespace collapsed,
byte-order marks and zero-width spaces removed, and empty paragraphs dropped.

* ``own``:    ``examples/gold/*.json`` in this repository, key ``paragraphs``.
* ``fundus``: ``extraction/fundus-evaluation-news80/ground_truth.json`` under the
  eval dir; ``body`` is already a list of paragraphs. Paragraphs with no letter
  or digit at all (the ``[::]`` separators) are dropped; everything else,
  including short subheadings and name lines, is kept as it is.
* ``wcxb``:   ``extraction/wcxb-articles-test/ground-truth/*.json`` under the eval
  dir; ``ground_truth.main_content`` is split on newlines (single or double:
  both separate blocks there) and each non-empty line is one paragraph.
  Dropped: empty documents; documents with three or more code-like lines
  (software tutorials with code listings, not news prose); markdown headings
  (``# ...``), table rows (``| ...``), indented lines, code-like lines, lines
  with no letters, and score-table rows (mostly numeric tokens). Plain-text
  headings and list items are kept as paragraphs.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Iterator

from degrade import normalise_ws

FUNDUS_PATH = "extraction/fundus-evaluation-news80/ground_truth.json"
WCXB_DIR = "extraction/wcxb-articles-test/ground-truth"

_CODE_RE = re.compile(
    r"[{};]\s*$|^\s*[{}]|=>|\(\)|::"
    r"|^\s*(const|let|var|def|class|import|from|return|function|public|private|fn|pub|type|module|export)\b"
)
_HAS_ALNUM = re.compile(r"[^\W_]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMERIC_TOKEN = re.compile(r"^[#$€£]?[\d.,/%:-]+$|^N/A$")


_INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None})


def _clean_paras(paras: list[str]) -> list[str]:
    out = [normalise_ws(p.translate(_INVISIBLE)) for p in paras]
    return [p for p in out if p]


def load_own(repo_root: str) -> Iterator[tuple[str, list[str]]]:
    for path in sorted(glob.glob(os.path.join(repo_root, "examples", "gold", "*.json"))):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        paras = data.get("paragraphs") if isinstance(data, dict) else None
        if not isinstance(paras, list) or not all(isinstance(p, str) for p in paras):
            continue
        paras = _clean_paras(paras)
        if paras:
            yield os.path.splitext(os.path.basename(path))[0], paras


def load_fundus(eval_dir: str) -> Iterator[tuple[str, list[str]]]:
    path = os.path.join(eval_dir, FUNDUS_PATH)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for doc_id in sorted(data):
        body = data[doc_id].get("body") or []
        paras = [p for p in _clean_paras(body) if _HAS_ALNUM.search(p)]
        if paras:
            yield doc_id, paras


def _wcxb_keep(line: str) -> bool:
    if not line.strip():
        return False
    if line[:1].isspace():  # indented: code or preformatted text
        return False
    s = line.strip()
    if re.match(r"^#{1,6}\s", s) or s.startswith("|") or s.startswith("```"):
        return False
    if _CODE_RE.search(s) or not _HAS_LETTER.search(s):
        return False
    toks = s.split()
    numeric = sum(1 for t in toks if _NUMERIC_TOKEN.match(t))
    if numeric >= 4 and numeric >= len(toks) / 2:
        return False
    return True


def load_wcxb(eval_dir: str) -> Iterator[tuple[str, list[str]]]:
    d = os.path.join(eval_dir, WCXB_DIR)
    if not os.path.isdir(d):
        return
    for path in sorted(glob.glob(os.path.join(d, "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        mc = (data.get("ground_truth") or {}).get("main_content") or ""
        lines = mc.split("\n")
        if sum(1 for ln in lines if ln.strip() and _CODE_RE.search(ln)) >= 3:
            continue
        if any(ln.strip().startswith("```") for ln in lines):
            continue
        paras = _clean_paras([ln for ln in lines if _wcxb_keep(ln)])
        if paras:
            yield str(data.get("file_id") or os.path.splitext(os.path.basename(path))[0]), paras


SOURCES = {"own": "own examples (examples/gold)", "fundus": "fundus news80", "wcxb": "wcxb articles test"}


def load_all(repo_root: str, eval_dir: str | None, limit: int | None = None) -> dict[str, list[tuple[str, list[str]]]]:
    out: dict[str, list[tuple[str, list[str]]]] = {}
    loaders = {"own": lambda: load_own(repo_root)}
    if eval_dir and os.path.isdir(eval_dir):
        loaders["fundus"] = lambda: load_fundus(eval_dir)
        loaders["wcxb"] = lambda: load_wcxb(eval_dir)
    for name, fn in loaders.items():
        docs = []
        for doc in fn():
            docs.append(doc)
            if limit and len(docs) >= limit:
                break
        out[name] = docs
    return out
