"""Toponym recognition and resolution: the places an article names, as ``Place`` records.

``extract_places(text, doc, gazetteer)`` runs on the spaCy ``Doc`` the NLP stage already
made (``doc.text == text``), in three steps.

Recognition
    * every NER span labelled GPE, LOC or FAC (a leading "the" and lower-case words such
      as "annexed" are trimmed off);
    * plus gazetteer matches NER missed or mislabelled ("Kyiv" as PERSON, "Crimea" as
      ORG), looked for only in runs of proper nouns (cheap: a few lookups per sentence).
      The longest run of up to ``MAX_WORDS`` words whose own name or curated alias is in the
      index wins. Inside a PERSON/ORG/NORP... entity the whole entity must be the name, and
      the place must be one that news names alone: a country, subdivision, region, sea, or a
      city of at least ``MIN_CITY_WEIGHT`` (a capital's raised weight counts), so "Paris
      Hilton" and "Jackson said" stay people;
    * seats of government from ``data/place_seats.tsv`` ("the Kremlin", "the White House").

Resolution (``resolve_spans``, also used on gold toponyms by ``eventwire eval places``)
    Each mention's candidates are scored by log10 of their gazetteer weight (population;
    countries, regions and capitals raised), plus ``CONTEXT_BONUS`` when a candidate lies
    in a country the article's *other* mentions resolve to on a first, context-free pass,
    ``ADMIN1_BONUS`` in a subdivision they name, and ``PREFER_BONUS`` in the outlet's
    country (a weak prior). "Kharkiv, Ukraine" and "Portland, Maine": a mention followed
    by ", " and another mention is narrowed to places inside the second.

Descriptors (``data/place_descriptors.tsv``) -- the convention chosen
    * direction: "western Russia" is one Place whose ``name`` and span are "western Russia"
      and whose coding (country, GeoNames id, point, kind "country") is Russia's. The
      direction is kept in the surface only; the point is not moved. ``descriptor(place)``
      gives it back ("western").
    * border: "near the border with Ukraine" gives a Place named "border with Ukraine",
      coded as Ukraine; ``descriptor`` gives "border".
    * status words are dropped: "annexed Crimea" is a Place "Crimea".
    In every case ``name == text[start:end]``.

Metonymy
    A national capital (a city the gazetteer raised as one) or a seat of government that is
    the subject -- directly or through "and" -- of a verb in ``data/place_actor_verbs.tsv``
    or ``speech_cues.tsv`` ("Moscow said", "Washington rejected", "the Kremlin and Beijing
    warned") is kept as a Place with ``metonymic=True``. Maps and event locations skip those.
    A dateline ("OSLO, March 7 (Northern Ledger) -") is never metonymic, whatever the parse
    makes its subject.

Recognition also leaves out a single descriptive word that is only part of a longer run of
proper nouns: "Northern" in the outlet name "Northern Ledger" is not Uganda's Northern Region.

Disputed territories: ``disputed="un"`` (default) or ``"de-facto"`` recodes places listed in
``data/disputed_places.tsv`` whatever option the gazetteer was opened with (see
``eventwire.places.gazetteer``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from eventwire.clean.resources import read_table
from eventwire.model import Place
from eventwire.places.gazetteer import CONTEXT_BONUS, PREFER_BONUS, Candidate, Gazetteer
from eventwire.places.names import normalise
from eventwire.places.sources import CAPITAL_FACTOR
from eventwire.places.variants import variant_candidates

NER_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels under which a gazetteer name is still accepted when the whole entity is it.
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
MAX_WORDS = 4
#: A city found only by the gazetteer (not NER) must weigh this much: big towns and capitals.
MIN_CITY_WEIGHT = 100_000
#: A subdivision the article names elsewhere: "Portland" with "Maine" in the text.
ADMIN1_BONUS = 1.0
STRONG_KINDS = frozenset({"country", "region", "sea"})
SEAT_KIND = "seat"


@dataclass(frozen=True)
class Mention:
    """A recognised place name: ``start:end`` is the name itself, ``outer_start:outer_end``
    the surface the Place gets (with a direction or border descriptor)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    descriptor: str | None = None
    source: str = "ner"  # ner, gazetteer, seat
    token: int | None = None  # index of the name's head token in the Doc


# ----- data tables ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _descriptors() -> dict[str, str]:
    return {r["word"].lower(): r["kind"] for r in read_table("place_descriptors.tsv")}


@lru_cache(maxsize=1)
def _actor_verbs() -> frozenset[str]:
    verbs = {r["lemma"].strip().lower() for r in read_table("place_actor_verbs.tsv")}
    verbs |= {r["lemma"].strip().lower() for r in read_table("speech_cues.tsv") if " " not in r["lemma"].strip()}
    return frozenset(v for v in verbs if v)


@lru_cache(maxsize=1)
def _seats() -> dict[str, Candidate]:
    seats: dict[str, Candidate] = {}
    for r in read_table("place_seats.tsv"):
        c = Candidate(name=r["name"], kind=SEAT_KIND, country=r["country"] or None, admin1=None,
                      lat=float(r["lat"]), lon=float(r["lon"]), population=0, geonames_id=None, weight=0.0)
        for n in [r["name"], *(a for a in r["aliases"].split("|") if a)]:
            seats[normalise(n)] = c
    return seats


# ----- the public functions ------------------------------------------------------------------

def extract_places(text: str, doc, gazetteer: Gazetteer, outlet_country: str | None = None,
                   disputed: str = "un") -> list[Place]:
    """Every place ``text`` names, in text order; ``doc`` is spaCy's parse of ``text``."""
    if disputed not in ("un", "de-facto"):
        raise ValueError(f"disputed must be 'un' or 'de-facto', not {disputed!r}")
    mentions = recognise(text, doc, gazetteer)
    return _resolve(text, mentions, gazetteer, doc, outlet_country, disputed)


def resolve_spans(text: str, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer,
                  outlet_country: str | None = None, disputed: str = "un") -> list[Place | None]:
    """Resolve given toponym spans with each other as context; one Place (or None) per span,
    in the order given. No Doc, so no descriptors and no metonymy."""
    mentions = [Mention(s, e, s, e, source="gold") for s, e in spans]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    places = _resolve(text, [mentions[i] for i in order], gazetteer, None, outlet_country, disputed, keep_unresolved=True)
    out: list[Place | None] = [None] * len(spans)
    for i, p in zip(order, places):
        out[i] = p if p.lat is not None else None
    return out


def descriptor(place: Place) -> str | None:
    """The descriptor kept in a place's surface: a direction word ("western") or "border"."""
    first = place.name.split()[0].lower() if place.name.split() else ""
    kind = _descriptors().get(first)
    if kind == "direction":
        return first
    if kind == "border":
        return "border"
    return None


def is_capital(c: Candidate) -> bool:
    """A national capital: the gazetteer raises its weight by ``CAPITAL_FACTOR``."""
    return c.kind == "city" and c.population > 0 and c.weight >= c.population * CAPITAL_FACTOR * 0.999


# ----- recognition ---------------------------------------------------------------------------

def recognise(text: str, doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions in ``doc`` (NER spans, then gazetteer and seat matches NER missed)."""
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    label_of = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            label_of[i] = ent.label_
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        s, e = _trim(doc, ent.start, ent.end)
        if s >= e:
            continue
        key = normalise(doc[s:e].text)
        if key in _seats():
            mentions.append(_with_descriptor(doc, s, e, "seat"))
        else:
            mentions.append(_with_descriptor(doc, s, e, "ner"))
        for i in range(ent.start, ent.end):
            taken[i] = True

    ents_by_token = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ents_by_token[i] = ent
    i = 0
    n = len(doc)
    while i < n:
        if taken[i] or not _proper(doc[i]):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and _proper(doc[j]) and j - i < 8:
            j += 1
        k = i
        while k < j:
            found = _longest_match(doc, k, j, gazetteer, ents_by_token)
            if found is not None and found[0] - k == 1 and j - i > 1 and _adjective_like(doc[k]):
                found = None  # "Northern" in "Northern Ledger": part of a longer name, not a place
            if found is None:
                k += 1
                continue
            e, source = found
            mentions.append(_with_descriptor(doc, k, e, source))
            for t in range(k, e):
                taken[t] = True
            k = e
        i = j
    mentions.sort(key=lambda m: m.start)
    return mentions


_ADJECTIVE_ENDINGS = ("ern", "ian", "ese", "ish", "ic")


def _adjective_like(token) -> bool:
    """A word that describes rather than names: "Northern", "Central", "Atlantic"."""
    word = token.lower_
    return (token.pos_ == "ADJ" or _descriptors().get(word) == "direction"
            or word.endswith(_ADJECTIVE_ENDINGS))


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: What follows the place of a dateline: more place parts (", Norway"), a date (", March 7"),
#: the outlet in brackets ("(Reuters)"), then a dash or colon.
_DATELINE_TAIL = re.compile(
    r"(?:\s*,\s*(?:" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][\w.'’ -]{0,30}?))*"
    r"\s*(?:\([^()\n]{1,60}\))?\s*[-–—:]\s")


def is_dateline(text: str, start: int, end: int) -> bool:
    """The place opens a paragraph as a dateline: "OSLO, March 7 (Northern Ledger) -",
    "KYIV (Reuters) —", "WASHINGTON —". A dateline says where the story was filed; it never
    stands for a government."""
    if start > 0 and text[start - 1] != "\n" and text[:start].strip():
        return False
    return _DATELINE_TAIL.match(text, end) is not None


def _proper(token) -> bool:
    return token.pos_ == "PROPN" or (token.is_title and token.pos_ in ("NOUN", "ADJ", "X") and not token.is_sent_start)


def _longest_match(doc, i: int, j: int, gazetteer: Gazetteer, ents_by_token) -> tuple[int, str] | None:
    for e in range(min(j, i + MAX_WORDS), i, -1):
        span = doc[i:e]
        key = normalise(span.text)
        if not key or key == "the":
            continue
        ent = ents_by_token.get(i)
        inside = ent is not None and ent.label_ in OTHER_LABELS
        if inside and not (_trim(doc, ent.start, ent.end) == (i, e)):
            continue
        if key in _seats():
            return e, "seat"
        cands = gazetteer.lookup(span.text, limit=3)
        if not cands or cands[0].matched == "alternate":
            continue
        top = cands[0]
        if top.kind in STRONG_KINDS or top.kind == "admin1" or (top.kind == "city" and top.weight >= MIN_CITY_WEIGHT):
            if len(key) < 3 and not span.text.isupper():
                continue  # "Al", "Ma": too short to be a name unless an abbreviation like "US"
            return e, "gazetteer"
    return None


def _trim(doc, s: int, e: int) -> tuple[int, int]:
    """Drop a leading "the", status words ("annexed") and other lower-case words, and a
    trailing possessive, from an entity's tokens."""
    while s < e and (doc[s].lower_ == "the" or (doc[s].is_lower and doc[s].lower_ not in ("of", "and")) or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in ("'s", "’s", "'")):
        e -= 1
    return s, e


def _with_descriptor(doc, s: int, e: int, source: str) -> Mention:
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    head = doc[s:e].root.i
    words = _descriptors()
    # "western Russia", "south-eastern Ukraine"
    if s > 0:
        prev = doc[s - 1]
        if prev.is_lower and words.get(prev.lower_) == "direction":
            return Mention(start, end, prev.idx, end, prev.lower_, source, head)
        # spaCy may split "south-eastern" into three tokens
        if s >= 3 and doc[s - 2].text == "-" and doc[s - 3].is_lower:
            word = doc[s - 3].lower_ + "-" + prev.lower_
            if words.get(word) == "direction":
                return Mention(start, end, doc[s - 3].idx, end, word, source, head)
    # "border with Ukraine", "frontier of Russia"
    if s >= 2 and doc[s - 1].lower_ in ("with", "of") and words.get(doc[s - 2].lower_) == "border":
        return Mention(start, end, doc[s - 2].idx, end, "border", source, head)
    return Mention(start, end, start, end, None, source, head)


# ----- resolution ----------------------------------------------------------------------------

def _candidates(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    seat = _seats().get(normalise(name))
    if seat is not None:
        return [seat]
    found = gazetteer.lookup(name, limit=None)
    extra = variant_candidates(gazetteer, name, bool(found))
    if not extra:
        return found
    seen = {id_key(c) for c in extra}
    return extra + [c for c in found if id_key(c) not in seen]


def id_key(c: Candidate) -> tuple:
    return (c.geonames_id, c.name, c.kind, c.lat, c.lon)


def _score(c: Candidate, countries: set[str], admin1s: set[str], prefer: str | None) -> float:
    s = math.log10(c.weight + 10.0)
    if c.kind in STRONG_KINDS:
        return s + CONTEXT_BONUS + PREFER_BONUS + ADMIN1_BONUS
    if c.country in countries or (c.other_country and c.other_country in countries):
        s += CONTEXT_BONUS
    if c.admin1_code and c.admin1_code in admin1s and c.kind != "admin1":
        s += ADMIN1_BONUS
    if prefer and c.country == prefer:
        s += PREFER_BONUS
    return s


def _resolve(text: str, mentions: list[Mention], gazetteer: Gazetteer, doc, outlet_country: str | None,
             disputed: str, keep_unresolved: bool = True) -> list[Place]:
    names = [text[m.start:m.end] for m in mentions]
    cands = [_candidates(gazetteer, n) for n in names]
    prefer = outlet_country.upper() if outlet_country else None
    # "Kharkiv, Ukraine": a mention right after another one and a comma narrows it.
    for i in range(len(mentions) - 1):
        between = text[mentions[i].end:mentions[i + 1].start]
        if cands[i] and cands[i + 1] and re.fullmatch(r"\s*,\s*", between):
            within = _within_candidates(cands[i], cands[i + 1])
            if within:
                cands[i] = within
    # First pass, no context: what each mention most likely is on its own.
    first = [max(cs, key=lambda c: _score(c, set(), set(), prefer)) if cs else None for cs in cands]
    places: list[Place] = []
    for i, m in enumerate(mentions):
        countries = {c.country for j, c in enumerate(first) if c is not None and j != i and c.country}
        countries |= {c.other_country for j, c in enumerate(first) if c is not None and j != i and c.other_country}
        admin1s = {c.admin1_code for j, c in enumerate(first)
                   if c is not None and j != i and c.kind == "admin1" and c.admin1_code}
        best = max(cands[i], key=lambda c: _score(c, countries, admin1s, prefer)) if cands[i] else None
        surface = text[m.outer_start:m.outer_end]
        if best is None:
            if keep_unresolved:
                places.append(Place(name=surface, start=m.outer_start, end=m.outer_end))
            continue
        if disputed != gazetteer.disputed and best.other_country:
            best = replace(best, country=best.other_country, other_country=best.country)
        place = best.to_place(m.outer_start, m.outer_end, surface)
        if (doc is not None and m.token is not None and (best.kind == SEAT_KIND or is_capital(best))
                and not is_dateline(text, m.start, m.end)):
            place.metonymic = _acts(doc[m.token])
        places.append(place)
    return places


def _within_candidates(children: list[Candidate], parents: list[Candidate]) -> list[Candidate]:
    countries = {p.country for p in parents if p.kind == "country"}
    admin1s = {p.admin1_code for p in parents if p.kind == "admin1"}
    return [c for c in children
            if c.kind not in STRONG_KINDS and (c.admin1_code in admin1s or c.country in countries)]


def _acts(token) -> bool:
    """The token is the subject of an acting or speaking verb ("Moscow said", "Moscow and
    Beijing warned", "Washington has rejected")."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _actor_verbs()


__all__ = ["Mention", "descriptor", "extract_places", "is_capital", "recognise", "resolve_spans"]

