"""The event lexicon ``data/event_verbs.tsv``: predicate words and patterns -> CAMEO codes.

Each row is ``pos, lemma, with, code, notes`` (see the file's header). A row's ``rule`` names
the file, its line and its pattern, so that every event says which entry produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.clean.resources import data_text
from eventwire.events.codes import code_info

LEXICON_TABLE = "event_verbs.tsv"
COLUMNS = ("pos", "lemma", "with", "code", "notes")


@dataclass(frozen=True)
class LexRow:
    pos: str  # "V" or "N"
    lemma: str
    with_: str  # "", a particle/preposition, "prep pobj", or "obj=a|b"
    code: str
    notes: str
    line: int
    table: str = LEXICON_TABLE

    @property
    def objects(self) -> tuple[str, ...]:
        return tuple(self.with_[4:].split("|")) if self.with_.startswith("obj=") else ()

    @property
    def governs(self) -> bool:
        """A verb whose "to"-complement sets the leaf code ("urge X to withdraw")."""
        return self.notes.startswith("gov")

    @property
    def rule(self) -> str:
        pattern = self.lemma + (f" [{self.with_}]" if self.with_ else "")
        return f"{self.table}:{self.line} {pattern} -> {self.code}"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[LexRow, ...]]
    nouns: dict[str, tuple[LexRow, ...]]

    def rows(self, pos: str, lemma: str) -> tuple[LexRow, ...]:
        return (self.verbs if pos == "V" else self.nouns).get(lemma, ())


def read_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file (the package's own when ``path`` is None). Raises ``ValueError``
    for a malformed row or an unknown CAMEO code."""
    if path is None:
        text = data_text(LEXICON_TABLE)
        name = LEXICON_TABLE
    else:
        text = Path(path).read_text(encoding="utf-8")
        name = Path(path).name
    verbs: dict[str, list[LexRow]] = {}
    nouns: dict[str, list[LexRow]] = {}
    seen: set[tuple[str, str, str]] = set()
    header = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise ValueError(f"{name}:{number}: expected header {COLUMNS}")
            header = True
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{name}:{number}: expected {len(COLUMNS)} columns, got {len(cells)}")
        pos, lemma, with_, code, notes = (c.strip() for c in cells)
        if pos not in ("V", "N") or not lemma:
            raise ValueError(f"{name}:{number}: bad row {line!r}")
        code_info(code)  # raises for an unknown code
        key = (pos, lemma.casefold(), with_.casefold())
        if key in seen:
            raise ValueError(f"{name}:{number}: duplicate pattern {key}")
        seen.add(key)
        row = LexRow(pos, lemma.casefold(), with_.casefold(), code, notes, number, name)
        (verbs if pos == "V" else nouns).setdefault(row.lemma, []).append(row)
    # specific rows (with a "with") first, in file order
    order = lambda rows: tuple(sorted(rows, key=lambda r: (not r.with_, r.line)))  # noqa: E731
    return Lexicon({k: order(v) for k, v in verbs.items()}, {k: order(v) for k, v in nouns.items()})


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return read_lexicon()
