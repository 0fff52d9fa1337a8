"""Where each event happened: ``locate_events(text, events, places)``.

An event's ``location`` is a ``Place`` and its ``location_basis`` says where it came from:

* ``"sentence"``: the event's sentence names a place. Places that merely name an actor of
  any event in the article ("The U.S. rejected Russia's demand": neither is where the
  rejection happened) and metonymic
  places ("Moscow said") are left out, and so are, for material events, the places of a
  dateline ("BRUSSELS/MOSCOW, March 12 (Wire) - NATO deployed frigates in the Barents Sea":
  where the story was filed, often where a statement was made, but not where ships sailed);
  of the rest, the one nearest the event's trigger wins.
  When only the actors are places and the event is material (quad class 2 or 4: "Russia
  invaded Ukraine"), the target's place is where it happened.
* ``"article"``: no such place in the sentence; the article's focus location is used, the
  non-metonymic place it names most often (a city or subdivision before a country before a
  region on a tie, then the earliest).
* ``"none"``: the article names no usable place.

A border descriptor is read from the acting side: "Russia has amassed troops close to the
border with Ukraine" happens in Russia near Ukraine, not in Ukraine. That Place keeps its
surface ("border with Ukraine") and gets the source actor's country, kind ``"border"``, and
the point of the source country's town of at least ``BORDER_TOWN_POPULATION`` nearest the
other country's point (when a gazetteer is given; without one the event keeps the border
country's coding, which is still "near Ukraine").

Places that are the mention of an actor the actor resolver read as a capital or a seat of
government ("Moscow has amassed troops": actor source ``capital``/``seat``) are marked
``metonymic`` here too, so maps and event locations skip them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from eventwire.model import Actor, Event, Place
from eventwire.places.extract import dateline_end, descriptor
from eventwire.places.names import normalise

#: Actor resolver sources that mean a place name stands for a government.
METONYMIC_ACTOR_SOURCES = frozenset({"capital", "seat"})
#: Quad classes of material events (cooperation, conflict): they happen at the target.
MATERIAL_QUADS = frozenset({2, 4})
BORDER_TOWN_POPULATION = 20_000
BORDER_KIND = "border"
_FOCUS_RANK = {"city": 0, "vicinity": 0, "admin2": 0, "admin1": 0, "border": 1, "country": 1, "seat": 2, "region": 3, "sea": 3}


def locate_events(text: str, events: Sequence[Event], places: Sequence[Place], gazetteer=None) -> list[Event]:
    """Set ``location`` and ``location_basis`` on each event (in place) and return them.

    ``places`` are the article's places (``extract_places``); those that are a capital or seat
    read as an actor by an event are marked metonymic first. ``gazetteer`` (optional) places a
    border on the acting country's side.
    """
    mark_metonymic_actors(events, places)
    usable = [p for p in places if not p.metonymic and p.lat is not None]
    focus = focus_location(usable)
    actors = [a for e in events for a in (e.source, e.target) if a is not None]
    for event in events:
        place = sentence_location(event, usable, actors, text)
        if place is not None:
            event.location = _acting_side(place, event, gazetteer)
            event.location_basis = "sentence"
        elif focus is not None:
            event.location = replace(focus)
            event.location_basis = "article"
        else:
            event.location = None
            event.location_basis = "none"
    return list(events)


def mark_metonymic_actors(events: Sequence[Event], places: Sequence[Place]) -> None:
    """Places that are the mention of a capital or seat read as an actor become metonymic."""
    spans = [(a.start, a.end) for e in events for a in (e.source, e.target)
             if a is not None and a.source in METONYMIC_ACTOR_SOURCES]
    for p in places:
        if any(s <= p.start and p.end <= e for s, e in spans):
            p.metonymic = True


def sentence_location(event: Event, places: Sequence[Place], actors: Sequence[Actor] = (), text: str = "") -> Place | None:
    """The place the event's sentence names for it, or None (see the module notes).
    ``actors``: every event's actors in the article, whose mentions are who, not where;
    ``text``: the article, to leave out the places of a dateline that opens the sentence's paragraph."""
    start, end = event.sentence
    inside = [p for p in places if start <= p.start and p.end <= end]
    if inside and text and event.quad_class in MATERIAL_QUADS:
        # a dateline says where the story was filed: often where a statement was made, but
        # not where ships were seized or troops deployed
        filed = dateline_end(text, start)
        inside = [p for p in inside if p.end > filed]
    actors = [*actors, *(a for a in (event.source, event.target) if a is not None)]
    free = [p for p in inside if not any(_covers(a, p) for a in actors)]
    if not free and event.quad_class in MATERIAL_QUADS and event.target is not None:
        free = [p for p in inside if _covers(event.target, p)]
    if not free:
        return None
    trigger = event.evidence.start
    return min(free, key=lambda p: (min(abs(p.start - trigger), abs(p.end - trigger)), p.start))


def focus_location(places: Sequence[Place]) -> Place | None:
    """The place an article is most about: named most often, specific before vague, earliest."""
    if not places:
        return None
    counts = Counter(_identity(p) for p in places)
    first: dict[tuple, int] = {}
    for i, p in enumerate(places):
        first.setdefault(_identity(p), i)
    best = min(first, key=lambda k: (-counts[k], _FOCUS_RANK.get(places[first[k]].kind or "", 4), first[k]))
    return places[first[best]]


def _identity(p: Place) -> tuple:
    if p.geonames_id is not None:
        return ("id", p.geonames_id)
    return (p.kind, p.country, normalise(p.name))


def _covers(actor: Actor, place: Place) -> bool:
    return actor.start <= place.start and place.end <= actor.end


def _acting_side(place: Place, event: Event, gazetteer) -> Place:
    located = replace(place)
    if descriptor(place) != "border" or event.source is None or not event.source.code:
        return located
    acting = event.source.code[:3]
    if acting == place.country or gazetteer is None:
        return located
    town = gazetteer.nearest_town(place.lat, place.lon, acting, BORDER_TOWN_POPULATION)
    if town is None:  # not a country the gazetteer knows, or no town there
        return located
    located.country, located.admin1 = acting, town.admin1
    located.kind, located.geonames_id = BORDER_KIND, None
    located.lat, located.lon = town.lat, town.lon
    return located


__all__ = ["focus_location", "locate_events", "mark_metonymic_actors", "sentence_location"]
