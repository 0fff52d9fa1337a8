"""The quote stage's word lists, read once from the TSV tables in ``eventwire/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.clean.resources import read_table


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, str]  # lemma -> kind ("verb", "according")
    titles: dict[str, str]  # lower-case title word -> gender (m, f, -, mod)
    roles: dict[str, tuple[str, frozenset[str]]]  # role noun -> (gender, related title words)
    pronouns: dict[str, tuple[str, str]]  # form -> (gender, number)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues: dict[str, str] = {}
    for row in read_table("speech_cues.tsv"):
        cues.setdefault(row["lemma"], row["kind"])
    titles = {row["word"].lower(): row["gender"] for row in read_table("speaker_titles.tsv")}
    roles = {
        row["noun"]: (row["gender"], frozenset(w for w in row["related"].split() if w != "-"))
        for row in read_table("role_nouns.tsv")
    }
    pronouns = {row["form"]: (row["gender"], row["number"]) for row in read_table("pronouns.tsv")}
    return Lexicon(cues, titles, roles, pronouns)
