"""Other ways of writing a place name, used to RESOLVE a mention, never to recognise one.

A mention NER found (or a gold toponym) may be written in a form the index does not hold as
a name, because holding it would make every such word a place during recognition:

* abbreviations (``data/place_abbreviations.tsv``): "CA", "N.Y.", "Calif.", "L.A.";
* demonyms and adjectives (``data/place_demonyms.tsv``, plus countryinfo's demonyms when it
  is installed): "Syrian" -> Syria, "West African" -> West Africa;
* hashtags and run-together names: "#SierraLeone", "SanFrancisco" -> "Sierra Leone",
  "San Francisco" (only when the name as written finds nothing).

``variant_candidates(gazetteer, name, found)`` gives the extra candidates; the caller scores
them with the name's own ones, so "WA" can still be Wa in Ghana when the tweet is about Ghana.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.clean.resources import read_table
from eventwire.places.names import normalise

ABBREVIATIONS_TABLE = "place_abbreviations.tsv"
DEMONYMS_TABLE = "place_demonyms.tsv"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, list[tuple[str, str, str, bool]]]:
    """normalised form -> [(name, country, kind, capitals only)]."""
    out: dict[str, list[tuple[str, str, str, bool]]] = {}
    for r in read_table(ABBREVIATIONS_TABLE):
        out.setdefault(normalise(r["form"]), []).append((r["name"], r["country"], r["kind"], r["case"] == "upper"))
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, str | None]]:
    """normalised demonym -> (place name, ISO-3 or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    try:
        from countryinfo import all_countries
    except ImportError:
        all_countries = None
    if all_countries is not None:
        # Several countries share a demonym ("American": the United States and the Northern
        # Mariana Islands; "Dominican"; "French"): the most populous one is meant.
        people: dict[str, int] = {}
        for c in all_countries():
            info = c.info()
            word, iso3 = info.get("demonym"), (info.get("ISO") or {}).get("alpha3")
            if not (word and iso3 and info.get("name")):
                continue
            key, population = normalise(word), int(info.get("population") or 0)
            if key not in out or population > people[key]:
                out[key], people[key] = (info["name"], iso3.upper()), population
    for r in read_table(DEMONYMS_TABLE):
        out[normalise(r["word"])] = (r["place"], None)
    return out


def _capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_camel(name: str) -> str | None:
    """"#SierraLeone" -> "Sierra Leone"; None when there is nothing to split."""
    bare = name.lstrip("#@")
    parts = _CAMEL.sub(" ", bare)
    if parts == bare and bare == name:
        return None
    return parts


def variant_candidates(gazetteer, name: str, found: bool) -> list:
    """Candidates for ``name`` under its other spellings; ``found`` says whether the name as
    written had any (run-together names are only split when it had none)."""
    key = normalise(name)
    if not key:
        return []
    out = []
    for target, country, kind, upper_only in _abbreviations().get(key, ()):
        if upper_only and not _capitals(name):
            continue
        for c in gazetteer.lookup(target, limit=None):
            if c.country == country and c.kind == kind and c.matched != "alternate":
                out.append(c)
                break
    demonym = _demonyms().get(key)
    if demonym is not None:
        place, iso3 = demonym
        c = gazetteer.country(iso3) if iso3 else None
        if c is None:
            cands = [c for c in gazetteer.lookup(place, limit=5) if c.kind in ("country", "region", "admin1")]
            c = cands[0] if cands else None
        if c is not None:
            out.append(c)
    if not found and not out:
        split = split_camel(name)
        if split:
            out.extend(gazetteer.lookup(split, limit=None))
            if not out:
                out.extend(variant_candidates(gazetteer, split, False) if split != name else [])
    return out
