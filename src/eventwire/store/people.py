"""Corpus-level identity keys for people named in different articles.

An article may call the same man "Sergei V. Lavrov", "Foreign Minister Sergei
Lavrov" or just "Lavrov". The key drops what varies between those (case,
accents, titles, middle initials, punctuation) and keeps the bare name, so
the store can link them; the surname lets a bare "Lavrov" meet a full name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Words that may precede a name and are not part of it. Only a leading run is
#: dropped, so a surname that happens to be a title word ("King") survives.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend
    president vice prime deputy foreign defence defense interior finance trade
    minister secretary general gen lt col colonel capt captain cmdr commander adm admiral
    maj major sgt sen senator rep representative gov governor mayor ambassador envoy
    chancellor premier king queen prince princess sheikh emir pope judge justice chief
    spokesman spokeswoman spokesperson state
    """.split()
)
#: Generational suffixes: the same person with or without them.
SUFFIX_WORDS = frozenset("jr sr ii iii iv".split())

#: Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


@dataclass(frozen=True)
class PersonKey:
    key: str  # the bare name, e.g. "sergei lavrov"
    surname: str  # its last word, e.g. "lavrov"

    @property
    def bare(self) -> bool:
        """Only a surname: it may be any of the people who share it."""
        return self.key == self.surname


def person_key(name: str | None) -> PersonKey | None:
    """The identity key of a person's name, or None if nothing name-like is left."""
    if not name:
        return None
    words = [_fold(w).replace("'", "") for w in _WORD.findall(name)]
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words.pop(0)
    while len(words) > 1 and words[-1] in SUFFIX_WORDS:
        words.pop()
    # Initials ("V.") are written for some mentions and not others; keep one only if it is all there is.
    kept = [w for w in words if len(w) > 1] or words
    if not kept:
        return None
    return PersonKey(" ".join(kept), kept[-1])


def written_as_name(name: str | None) -> bool:
    """Whether a stored mention is written like a name (a capital somewhere): "he" or "the minister" is
    a mention the quote stage could not resolve, and must not become a person of the corpus."""
    return bool(name) and any(word[0].isupper() for word in _WORD.findall(name))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Actor-code resolutions that name this very person (a dated office, a user's actor
#: table, a role written beside the name with its country). Bare sector codes ("GOV" from
#: "Foreign Minister" alone) fit thousands of people and would merge namesakes, so they
#: are not identities.
PERSONAL_SOURCES = frozenset({"office-holders", "user-actors", "role-in-text"})


def person_code(name: str | None, role: str | None = None, published: str | None = None, tables=None) -> str:
    """The CAMEO actor code of a named person on the article's date, or "" when none is known.

    Uses the actor tables of `eventwire.actors` (office holders, dated), so "Lavrov" and
    "Sergei V. Lavrov" in a 2026 article both give RUSGOV; `tables` (an `ActorTables`, such as
    the default ones with a user-actors file's people) in their place where given.
    """
    if not name:
        return ""
    if tables is None:
        return _packaged_person_code(name, role, published)
    return _person_code(name, role, published, tables)


@lru_cache(maxsize=8192)  # the same speakers recur in article after article, often on the same day
def _packaged_person_code(name: str, role: str | None, published: str | None) -> str:
    return _person_code(name, role, published, None)


def _person_code(name: str, role: str | None, published: str | None, tables) -> str:
    from ..actors import resolve_actor

    try:
        found = resolve_actor(name, published, role=role, tables=tables)
    except ValueError:  # a partial date ("2026-03") cannot date an office: resolve undated
        found = resolve_actor(name, None, role=role, tables=tables)
    if found is None or found.source not in PERSONAL_SOURCES or len(found.code) < 3 or found.country is None:
        return ""
    return found.code
