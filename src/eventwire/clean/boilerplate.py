"""Whole-line boilerplate rules, read from ``data/boilerplate.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import read_table

#: Longer lines are body text: no rule is tried on them (and no regex runs long).
MAX_RULE_LINE = 300


@dataclass(frozen=True)
class Rule:
    kind: str
    action: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Hit:
    rule: Rule
    groups: dict[str, str | None]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    loaded = []
    for row in read_table("boilerplate.tsv"):
        loaded.append(Rule(row["kind"], row["action"], re.compile(row["pattern"], re.IGNORECASE)))
    return tuple(loaded)


def match_line(folded: str) -> Hit | None:
    """The first rule that matches a whole (space-folded) line, if any."""
    if not folded or len(folded) > MAX_RULE_LINE or folded[0].islower():
        return None
    for rule in rules():
        match = rule.pattern.fullmatch(folded)
        if match:
            return Hit(rule, match.groupdict())
    return None
