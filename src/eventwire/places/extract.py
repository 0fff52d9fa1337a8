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
    in a country the article's *other* mentions resolve to, ``ADMIN1_BONUS`` in a
    subdivision they name (or the state of a county they name), ``NEAR_BONUS`` within
    ``NEAR_KM`` of a city or county they name, and ``PREFER_BONUS`` in the outlet's country
    (a weak prior), less ``ALTERNATE_PENALTY`` when the name is only one of GeoNames'
    alternate names for it. The others' picks start context-free and are redone
    ``CONTEXT_ROUNDS`` times; a repeat of the same name, or a pick found only under an
    alternate name, is no context. A country gives way to a state of its name that holds a
    town the article names ("Georgia" beside "Atlanta"). "Kharkiv, Ukraine" and "Portland,
    Maine": a mention followed by ", " and another mention is narrowed to places inside the
    second. A name cut off by an ellipsis ("Missou…") is completed from its beginning.
    A name with no candidates ("Mosul Dam", "Himachal"), or whose best one is a small town
    or county somewhere no other place of the article is, is placed by ``_fallback``: at the
    place named inside it, else at the article's most specific place, as a Place of kind
    ``vicinity`` without a GeoNames id of its own. A country or state named inside gives way
    to a town or county the article names ("the Israeli Embassy" in a story from Delhi); a
    town or a region named inside does not ("Kharkiv International Airport", "the Northeast
    Arctic").

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
    A national capital (a city the gazetteer raised as one) or a seat of government that
    stands for its government -- the subject of a verb ("Moscow said", "the Kremlin and
    Beijing warned"), a possessor ("Moscow's ambassador"), the object of an acting verb
    ("accused the Kremlin", ``data/place_addressee_verbs.tsv``) or of a preposition that is not
    about location ("a message to Moscow", "support for Oslo") -- is kept as a Place with
    ``metonymic=True`` (``_acts`` has the rules). Maps and event locations skip those.
    A dateline ("OSLO, March 7 (Northern Ledger) -", "BRUSSELS/MOSCOW, March 12 (Wire) -")
    is never metonymic, whatever the parse makes of it. ``locate_events`` also marks the
    places the actor resolver read as a capital or seat actor.

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
from eventwire.places.geo import haversine_km
from eventwire.places.names import normalise
from eventwire.places.sources import CAPITAL_FACTOR
from eventwire.places.variants import split_camel, variant_candidates

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
#: A place the gazetteer lacks (a dam, an airport, a county), placed at the place named inside
#: it or, failing that, at the most specific place the article names; no GeoNames id.
VICINITY_KIND = "vicinity"
#: Kinds precise enough for "near" context: a city, a county, or something placed at one.
SPECIFIC_KINDS = frozenset({"city", "admin2", VICINITY_KIND})
#: A candidate within this distance of a city the article names elsewhere is "near" it.
NEAR_KM = 200.0
NEAR_BONUS = 1.0
_NEAR_DEGREES = NEAR_KM / 111.0 + 0.01
#: Subtracted (log10 scale) from a candidate that has the name only among GeoNames' crowd-sourced
#: alternate names: "Cancun" is Cancún before it is an old spelling of Changchun, which has
#: five times its people. A place's own name beats an alternate one of up to ten times its weight.
ALTERNATE_PENALTY = 1.0
#: Rounds of resolving each mention with the others' current picks as context.
CONTEXT_ROUNDS = 2
FEATURE_WORDS_TABLE = "place_feature_words.tsv"
MOTION_VERBS_TABLE = "place_motion_verbs.tsv"
ADDRESSEE_VERBS_TABLE = "place_addressee_verbs.tsv"


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
    cased = _capitalised(doc)
    i = 0
    n = len(doc)
    while i < n:
        if taken[i] or not _proper(doc[i], cased):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and _proper(doc[j], cased) and j - i < 8:
            j += 1
        k = i
        while k < j:
            found = _longest_match(text, doc, k, j, gazetteer, ents_by_token)
            if found is not None and found[0] - k == 1 and j - i > 1 and (
                    _adjective_like(doc[k]) or _only_an_alias(doc[k:found[0]].text, gazetteer)):
                # "Northern" in "Northern Ledger", "Barents" in "Barents Wire": one word of a
                # longer name, that is only a description or a short alias of a place
                found = None
            if found is None:
                k += 1
                continue
            e, source = found
            mentions.append(_with_descriptor(doc, k, e, source))
            for t in range(k, e):
                taken[t] = True
            k = e
        i = j
    # "the West", "Western" alone are blocs and adjectives, not places (Cameroon and Uganda
    # have regions of those names; news almost never means them).
    mentions = [m for m in mentions if _descriptors().get(normalise(text[m.start:m.end])) != "direction"]
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
    r"(?:\s*[,/]\s*(?:" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][\w.'’ -]{0,30}?))*"
    r"\s*(?:\([^()\n]{1,60}\))?\s*[-–—:]\s")


#: A dateline's place words at the start of a paragraph ("BRUSSELS/MOSCOW", "GAZA CITY, Palestinian Territories").
_DATELINE_HEAD = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}")


def dateline_end(text: str, offset: int) -> int:
    """The end of the dateline that opens the paragraph holding ``offset``, or -1 when the
    paragraph opens with none ("BRUSSELS/MOSCOW, March 12 (Wire) - NATO ...": the offset just
    before "NATO")."""
    start = text.rfind("\n", 0, offset) + 1
    head = _DATELINE_HEAD.match(text, start)
    if head is None:
        return -1
    tail = _DATELINE_TAIL.match(text, head.end())
    return tail.end() if tail is not None else -1


def is_dateline(text: str, start: int, end: int) -> bool:
    """The place opens a paragraph as a dateline: "OSLO, March 7 (Northern Ledger) -",
    "KYIV (Reuters) —", "WASHINGTON —". A dateline says where the story was filed; it never
    stands for a government."""
    if start > 0 and text[start - 1] != "\n" and text[:start].strip():
        return False
    return _DATELINE_TAIL.match(text, end) is not None


def _proper(token, cased: bool) -> bool:
    """A word that may be part of a name. The tagger calls "coast" in "coast guard" a proper
    noun now and then: a lower-case word is taken only in a text written without capitals
    (``cased`` False: "fires near sacramento tonight"), where a name has no other way to show."""
    if not token.text[:1].isupper():
        return token.pos_ == "PROPN" and not cased
    return token.pos_ == "PROPN" or (token.is_title and token.pos_ in ("NOUN", "ADJ", "X") and not token.is_sent_start)


def _capitalised(doc) -> bool:
    """The text capitalises some word that does not start a sentence: it is edited text."""
    return any(t.text[:1].isupper() for t in doc if t.is_alpha and not t.is_sent_start)


def _longest_match(text: str, doc, i: int, j: int, gazetteer: Gazetteer, ents_by_token) -> tuple[int, str] | None:
    for e in range(min(j, i + MAX_WORDS), i, -1):
        span = doc[i:e]
        key = normalise(span.text)
        if not key or key == "the":
            continue
        ent = ents_by_token.get(i)
        inside = ent is not None and ent.label_ in OTHER_LABELS
        if inside and _trim(doc, ent.start, ent.end) != (i, e):
            continue
        if key in _seats():
            return e, "seat"
        cands = gazetteer.lookup(span.text, limit=3)
        if not cands or cands[0].matched == "alternate":
            continue
        top = cands[0]
        if (top.kind in STRONG_KINDS or top.kind == "admin1" or (top.kind == "city" and top.weight >= MIN_CITY_WEIGHT)
                or (top.kind == "city" and is_dateline(text, span.start_char, span.end_char))):
            if len(key) < 3 and not span.text.isupper():
                continue  # "Al", "Ma": too short to be a name unless an abbreviation like "US"
            return e, "gazetteer"
    return None


def _only_an_alias(name: str, gazetteer: Gazetteer) -> bool:
    cands = gazetteer.lookup(name, limit=1)
    return bool(cands) and cands[0].matched != "name"


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
    # A name found only among alternate names ("StLouis" is an alternate name of a hamlet in
    # Seychelles) may still be a run-together name: "St Louis".
    extra = variant_candidates(gazetteer, name, any(c.matched != "alternate" for c in found))
    if not extra:
        return found
    seen = {id_key(c) for c in extra}
    return extra + [c for c in found if id_key(c) not in seen]


def id_key(c: Candidate) -> tuple:
    return (c.geonames_id, c.name, c.kind, c.lat, c.lon)


@dataclass
class _Context:
    """What the article's other mentions say about where one mention is."""

    countries: frozenset = frozenset()
    admin1s: frozenset = frozenset()
    points: tuple = ()  # (lat, lon) of the specific places (cities) picked for them
    holders: frozenset = frozenset()  # admin1 codes of the subdivisions those places lie in


_NO_CONTEXT = _Context()


def _score(c: Candidate, ctx: _Context, prefer: str | None) -> float:
    s = math.log10(c.weight + 10.0)
    if c.matched == "alternate":
        s -= ALTERNATE_PENALTY
    if c.kind in STRONG_KINDS:
        return s + CONTEXT_BONUS + PREFER_BONUS + ADMIN1_BONUS + NEAR_BONUS
    if c.country in ctx.countries or (c.other_country and c.other_country in ctx.countries):
        s += CONTEXT_BONUS
    if c.admin1_code and c.admin1_code in ctx.admin1s and c.kind != "admin1":
        s += ADMIN1_BONUS
    if ctx.points and _near(c, ctx.points):
        s += NEAR_BONUS
    if prefer and c.country == prefer:
        s += PREFER_BONUS
    return s


def _near(c: Candidate, points: tuple) -> bool:
    """Within ``NEAR_KM`` of one of the points (a degree of latitude is 111 km: most points
    are ruled out before the great-circle formula)."""
    return any(abs(c.lat - lat) <= _NEAR_DEGREES and haversine_km(c.lat, c.lon, lat, lon) <= NEAR_KM
               for lat, lon in points)


def _context(picks: Sequence[Candidate | None], keys: Sequence[str], i: int) -> _Context:
    """Context for mention ``i`` from the others' current picks. A repeat of the same name
    is no evidence for itself: two "Keswick"s do not vote each other into Canada; nor is a
    pick found only under a GeoNames alternate name ("Eel" is one for Tudela, in Spain)."""
    others = [c for j, c in enumerate(picks)
              if c is not None and j != i and keys[j] != keys[i] and c.matched != "alternate"]
    countries = {c.country for c in others if c.country} | {c.other_country for c in others if c.other_country}
    admin1s = {c.admin1_code for c in others if c.kind in ("admin1", "admin2") and c.admin1_code}
    specific = [c for c in others if c.kind in SPECIFIC_KINDS]
    points = tuple(dict.fromkeys((c.lat, c.lon) for c in specific))
    holders = frozenset(c.admin1_code for c in specific if c.admin1_code)
    return _Context(frozenset(countries), frozenset(admin1s), points, holders)


def _pick(cands: list[Candidate], ctx: _Context, prefer: str | None) -> Candidate | None:
    """The best-scoring candidate; but a country gives way to a subdivision of the same name
    that holds a town the article names: "Georgia" beside "Atlanta" is the state."""
    if not cands:
        return None
    best = max(cands, key=lambda c: _score(c, ctx, prefer))
    if best.kind == "country" and ctx.holders:
        holding = [c for c in cands if c.kind == "admin1" and c.admin1_code in ctx.holders]
        if holding:
            return max(holding, key=lambda c: _score(c, ctx, prefer))
    return best


def _inner_candidates(gazetteer: Gazetteer, name: str) -> list[list[Candidate]]:
    """Candidates for the place named inside a longer name the gazetteer lacks: "Mosul Dam"
    -> Mosul, "Lambert-St. Louis International Airport" -> St. Louis, "West TN" -> Tennessee,
    "Himachal" -> Himachal Pradesh. Longest run of words first; feature words ("Airport",
    "County") and direction words never stand alone, and a lone word must be capitalised
    unless the whole name is lower case. One list per run that found something, best first."""
    words = re.findall(r"[^\W\d_][\w.'’]*", split_camel(name) or name)
    lower = not any(ch.isupper() for ch in name)
    found: list[list[Candidate]] = []
    for n in range(len(words) - 1, 0, -1):
        for k in range(len(words) - n + 1):
            run = " ".join(words[k:k + n])
            key = normalise(run)
            if not key or (n == 1 and (_generic(key) or not (lower or run[0].isupper()))):
                continue
            if len(key) < 3 and not run.replace(".", "").isupper():
                continue
            cands = [c for c in _candidates(gazetteer, run) if c.matched != "alternate"]
            if cands:
                found.append(cands)
        if found:
            return found
    first_words = gazetteer.lookup_first_words(name) if len(words) == 1 and len(normalise(name)) >= 4 else []
    return [first_words] if first_words else found


def _generic(key: str) -> bool:
    return key in _feature_words() or _descriptors().get(key) is not None


@lru_cache(maxsize=1)
def _feature_words() -> frozenset[str]:
    return frozenset(normalise(r["word"]) for r in read_table(FEATURE_WORDS_TABLE))


def _agrees(c: Candidate, ctx: _Context) -> bool:
    """The candidate lies near a city the article names, or in a subdivision it names."""
    return (_near(c, ctx.points)
            or (c.admin1_code is not None and c.admin1_code in ctx.admin1s))


def _plausible_inside(c: Candidate, ctx: _Context) -> bool:
    """A place found inside a longer name is taken only when news would name it alone (a
    county under its own name, in a country the article names if it names any), or the
    article's other places agree with it: "Biola University" is not a hamlet called Biola."""
    county = c.kind == "admin2" and c.matched == "name" and (not ctx.countries or c.country in ctx.countries)
    return c.kind in STRONG_KINDS or c.kind == "admin1" or county or c.weight >= MIN_CITY_WEIGHT or _agrees(c, ctx)


def _out_of_context(c: Candidate, ctx: _Context) -> bool:
    """A small town (or county) somewhere else than everything the article names: "Yorkshire"
    in a story about Britain is not the village of that name in the United States. Such a
    pick gives way to the fallback (a place named inside the name, or the article's most
    specific place)."""
    if c.kind not in ("city", "admin2") or c.weight >= MIN_CITY_WEIGHT or not (ctx.countries or ctx.points):
        return False
    return c.country not in ctx.countries and not _agrees(c, ctx)


def _vicinity(source: Candidate) -> Candidate:
    """A place the gazetteer does not hold, put at ``source``: same point and country,
    no GeoNames id of its own (the id would be another place's)."""
    return replace(source, kind=VICINITY_KIND, geonames_id=None, weight=0.0, matched="vicinity")


def _fallback(gazetteer: Gazetteer, name: str, i: int, mentions: Sequence[Mention],
              picks: Sequence[Candidate | None], keys: Sequence[str], prefer: str | None) -> Candidate | None:
    """Where a name with no candidates of its own most likely is: the place named inside it
    (plausible in context), else the most specific place the article names, nearest in the
    text (a city before a county before a state before a country; regions and seas are too vague)."""
    ctx = _context(picks, keys, i)
    rank = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    others = [(rank[c.kind], abs(mentions[j].start - mentions[i].start), j) for j, c in enumerate(picks)
              if c is not None and j != i and c.kind in rank and c.kind != SEAT_KIND]
    nearest = picks[min(others)[2]] if others else None
    for cands in _inner_candidates(gazetteer, name):
        best = _pick([c for c in cands if _plausible_inside(c, ctx)], ctx, prefer)
        if best is None:
            continue
        if (nearest is not None and nearest.kind in SPECIFIC_KINDS and best.kind in ("country", "admin1")
                and not _agrees(best, ctx)):
            # A country or state inside the name says less than a town the article names:
            # "the Israeli Embassy" in a story from Delhi is in Delhi. A region or sea inside
            # it ("the Northeast Arctic") is where it is.
            break
        return _vicinity(best)
    return _vicinity(nearest) if nearest is not None else None


def _resolve(text: str, mentions: list[Mention], gazetteer: Gazetteer, doc, outlet_country: str | None,
             disputed: str, keep_unresolved: bool = True) -> list[Place]:
    names = [text[m.start:m.end] for m in mentions]
    keys = [normalise(n) for n in names]
    cands = [_candidates(gazetteer, n) for n in names]
    for i, m in enumerate(mentions):
        if _cut_off(text, m.end) and not any(c.matched != "alternate" for c in cands[i]):
            cands[i] = _prefix_candidates(gazetteer, names[i]) + cands[i]
    prefer = outlet_country.upper() if outlet_country else None
    # "Kharkiv, Ukraine": a mention right after another one and a comma narrows it.
    for i in range(len(mentions) - 1):
        between = text[mentions[i].end:mentions[i + 1].start]
        if cands[i] and cands[i + 1] and re.fullmatch(r"\s*,\s*", between):
            within = _within_candidates(cands[i], cands[i + 1])
            if within:
                cands[i] = within
    # What each mention most likely is on its own, then again with the others' picks as
    # context, twice: the second round sees the first round's corrections.
    picks = [_pick(cs, _NO_CONTEXT, prefer) for cs in cands]
    for _ in range(CONTEXT_ROUNDS):
        picks = [_pick(cs, _context(picks, keys, i), prefer) for i, cs in enumerate(cands)]
    # Names with no candidates, or only an unlikely one, are placed from the others' picks
    # (never from each other's fallbacks: a guess is no ground for another guess).
    settled = list(picks)
    for i, cs in enumerate(cands):
        if not cs or _out_of_context(settled[i], _context(settled, keys, i)):
            picks[i] = _fallback(gazetteer, names[i], i, mentions, settled, keys, prefer) or settled[i]
    places: list[Place] = []
    for m, best in zip(mentions, picks):
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


#: What marks text cut off mid-word: an ellipsis (also as Latin-1's NEL, which is how a
#: Windows-1252 "…" reads when decoded as Latin-1) or three dots.
_CUT_OFF = re.compile(r"…|\x85|\.\.\.")
#: The shortest cut-off name completed from its beginning.
MIN_PREFIX = 4


def _cut_off(text: str, end: int) -> bool:
    """The name at ``:end`` ends where the text was cut short: "Protests in Missou…"."""
    return _CUT_OFF.match(text, end) is not None


def _prefix_candidates(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """Places a cut-off name may be the beginning of ("Missou" -> Missouri), weighed as
    alternates are: a guess, never better than a real name."""
    if len(normalise(name)) < MIN_PREFIX:
        return []
    return [replace(c, matched="alternate") for c in gazetteer.lookup_prefix(name)]


def _within_candidates(children: list[Candidate], parents: list[Candidate]) -> list[Candidate]:
    countries = {p.country for p in parents if p.kind == "country"}
    admin1s = {p.admin1_code for p in parents if p.kind == "admin1"}
    return [c for c in children
            if c.kind not in STRONG_KINDS and (c.admin1_code in admin1s or c.country in countries)]


def _acts(token) -> bool:
    """The capital or seat at ``token`` stands for its government, read from the parse:

    * the subject of a verb other than "be" ("Moscow said", "Moscow has amassed troops",
      "Moscow and Beijing warned"), or a possessor ("Moscow's ambassador");
    * the object of a verb in ``place_addressee_verbs.tsv`` ("Kyiv accused the Kremlin");
    * the object of a preposition that is not about location ("a message to Moscow",
      "support for Oslo", "a threat from Moscow", "pressure on Oslo"); "in Oslo", "near
      Moscow", "the streets of Kyiv" and motion ("flew to Moscow", "returned from Oslo")
      are places.
    A passive subject ("Kyiv was shelled"), a plain object ("drones struck Moscow") and a
    modifier ("Moscow court") are places."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "nsubj":
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() != "be"
    if dep == "poss":
        return True
    if dep == "dobj":
        return head.lemma_.lower() in _addressee_verbs()
    if dep == "pobj":
        prep = head.lower_
        motion = prep in ("to", "from", "toward", "towards") and head.head.lemma_.lower() in _motion_verbs()
        return prep not in _LOCATIVE_PREPOSITIONS and not motion
    return False


_LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "through",
                                    "within", "over", "via", "of", "throughout", "beyond", "off", "along", "between"})


@lru_cache(maxsize=1)
def _addressee_verbs() -> frozenset[str]:
    return frozenset(r["lemma"].strip().lower() for r in read_table(ADDRESSEE_VERBS_TABLE))


@lru_cache(maxsize=1)
def _motion_verbs() -> frozenset[str]:
    return frozenset(r["lemma"].strip().lower() for r in read_table(MOTION_VERBS_TABLE))


__all__ = ["Mention", "descriptor", "extract_places", "is_capital", "recognise", "resolve_spans"]

