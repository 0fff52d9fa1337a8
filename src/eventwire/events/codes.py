"""The CAMEO event-code table, with Goldstein values, quad classes and PLOVER types.

Two data files under ``eventwire/data``:

- ``cameo_codes.tsv``: every CAMEO code with eventwire's own short name, GDELT's Goldstein
  value and GDELT's quad class (roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4);
- ``cameo_plover.tsv`` (CC BY-SA 4.0, derived from CAMEO2PLOVER-2021): the PLOVER type,
  mode and context of each code. Codes 01x have no PLOVER type.

Both are read once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventwire.clean.resources import read_table

CODES_TABLE = "cameo_codes.tsv"
PLOVER_TABLE = "cameo_plover.tsv"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

_CODE_RE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class CodeInfo:
    code: str  # zero-padded: "01", "036", "1123"
    root: str  # the first two characters
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None = None


def quad_class_of_root(root: str) -> int:
    """GDELT's quad class for a root code "01".."20"."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


@lru_cache(maxsize=1)
def _table() -> dict[str, CodeInfo]:
    plover = {row["code"]: row for row in read_table(PLOVER_TABLE)}
    table: dict[str, CodeInfo] = {}
    for row in read_table(CODES_TABLE):
        code = row["code"]
        if not _CODE_RE.match(code) or row["root"] != code[:2]:
            raise ValueError(f"{CODES_TABLE}: bad code row {row!r}")
        quad = int(row["quad_class"])
        if quad != quad_class_of_root(code[:2]):
            raise ValueError(f"{CODES_TABLE}: {code} has quad class {quad}")
        p = plover.get(code)
        ptype = p["plover_type"] if p else None
        if ptype is not None and ptype not in PLOVER_TYPES:
            raise ValueError(f"{PLOVER_TABLE}: unknown PLOVER type {ptype!r} for {code}")
        table[code] = CodeInfo(
            code=code,
            root=code[:2],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=quad,
            plover_type=ptype,
            plover_mode=(p["plover_mode"] or None) if p else None,
            plover_context=(p["plover_context"] or None) if p else None,
        )
    unknown = set(plover) - set(table)
    if unknown:
        raise ValueError(f"{PLOVER_TABLE}: codes not in {CODES_TABLE}: {sorted(unknown)}")
    return table


def normalise_code(code: str | int) -> str:
    """A CAMEO code as its zero-padded string. Integers and unpadded strings ("36") are
    padded only where that is unambiguous: 1-2 digits are roots, 3 digits stay."""
    if isinstance(code, bool) or not isinstance(code, (str, int)):
        raise TypeError(f"CAMEO code must be a string, got {type(code).__name__}")
    text = str(code).strip()
    if isinstance(code, int) and len(text) == 1:
        text = "0" + text
    return text


def is_code(code: str) -> bool:
    return isinstance(code, str) and code in _table()


def code_info(code: str | int) -> CodeInfo:
    """Everything known about one CAMEO code. Raises ``KeyError`` for an unknown code and
    ``ValueError`` for something that is not a code at all."""
    text = normalise_code(code)
    if not _CODE_RE.match(text):
        raise ValueError(f"not a CAMEO code: {code!r} (codes are 2-4 digits, zero-padded: '036')")
    try:
        return _table()[text]
    except KeyError:
        raise KeyError(f"unknown CAMEO code: {text!r}") from None


def all_codes() -> list[CodeInfo]:
    return list(_table().values())
