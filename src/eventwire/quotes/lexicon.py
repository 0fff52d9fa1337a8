"""The quote stage's word lists, read once from the TSV tables in ``eventwire/data``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.clean.resources import read_table


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, str]  # lemma -> kind ("verb", "according")
    titles: dict[str, str]  # lower-case title word -> gender (m, f, -, mod)
    roles: dict[str, tuple[str, frozenset[str]]]  # role noun -> (gender, related title words)
    pronouns: dict[str, tuple[str, str]]  # form -> (gender, number)
    #: (role phrase, pattern over office-holder roles), longest phrase first: "top diplomat" -> Foreign
    offices: tuple[tuple[str, re.Pattern], ...] = field(default=())

    def office_of(self, phrase: str) -> re.Pattern | None:
        """The office a role phrase names ("Russia's top diplomat" -> the foreign-minister pattern)."""
        words = " " + " ".join(re.findall(r"[a-z]+", phrase.lower())) + " "
        for role, pattern in self.offices:
            if f" {role} " in words:
                return pattern
        return None


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
    offices = tuple(
        sorted(((row["phrase"], re.compile(row["office"])) for row in read_table("role_offices.tsv")),
               key=lambda item: -len(item[0]))
    )  # fmt: skip
    return Lexicon(cues, titles, roles, pronouns, offices)
