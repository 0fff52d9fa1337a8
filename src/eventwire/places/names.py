"""The one normal form place names are indexed and looked up under.

Both sides of every lookup go through ``normalise``, so what matters is that it is
consistent, not that it is linguistically perfect: "Tromsø", "TROMSO" and "Tromso"
meet at "tromso"; "St. Petersburg", "St.Petersburg" and "Saint Petersburg" at "saint petersburg";
"the Baltics" and "Baltics" at "baltics"; "U.S." and "US" at "us".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus an accent, so
# stripping combining marks alone would leave them (Tromsø, Łódź, Reykjavík's þ).
_FOLD = str.maketrans({
    "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t",
    "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th",
})

# Abbreviations newsrooms and GeoNames spell both ways.
_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

# Dots and apostrophes join ("U.S." -> "us", "Côte d'Ivoire" -> "cote divoire");
# every other non-alphanumeric character separates words. The dot of an abbreviated word
# written without its space ("St.Louis", "Mt.Everest") separates, as the space would.
_JOINERS = re.compile(r"[.'’ʼ`´]")
_ABBREVIATION_DOT = re.compile(r"\b(st|ste|mt|ft)\.(?=[^\W\d_])", re.IGNORECASE)
_SEPARATORS = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Case-folded, accent-free, punctuation-free form of a place name; "" if nothing is left.
    Cached: recognition asks for the same runs of words again and again."""
    if "." in name:
        name = _ABBREVIATION_DOT.sub(r"\1 ", name)
    text = name.casefold().replace("&", " and ").translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _JOINERS.sub("", text)
    words = _SEPARATORS.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_WORDS.get(w, w) for w in words)


def is_latin(key: str) -> bool:
    """True when a normalised name is plain a-z/0-9: what an English article can contain."""
    return key.isascii() and any(c.isalpha() for c in key)
