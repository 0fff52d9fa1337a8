"""Event locations on our own sentences: events are built by hand (the events stage is tested on
its own), places come from ``resolve_spans`` against the small injected gazetteer."""

from __future__ import annotations

import pytest

from eventwire.model import Actor, Event, Place, Span
from eventwire.places import focus_location, locate_events
from eventwire.places.locate import sentence_location
from eventwire.places.extract import descriptor
from eventwire.places.gazetteer import Gazetteer
from tests.places.test_extract import SmallWorld, _e


class BorderWorld(SmallWorld):
    def key(self):
        return "small-world-border"

    def entries(self):
        return super().entries() + [
            _e("Belgorod", "city", "RUS", 50.6, 36.6, 390_000, code="RU.09", gid=60),
            _e("Pskov", "city", "RUS", 57.8, 28.3, 200_000, code="RU.60", gid=61),
        ]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return Gazetteer.load(tmp_path_factory.mktemp("border-world"), source=BorderWorld())


def _actor(text, word, code, source="country", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Actor(code=code, name=word, text=word, start=start, end=start + len(word), source=source)


def _event(text, sentence, trigger, source, target=None, quad=3, code="120"):
    s = text.index(sentence)
    t = text.index(trigger, s)
    return Event(source=source, target=target, code=code, root=code[:2], goldstein=None, quad_class=quad, plover=None,
                 date=None, sentence=(s, s + len(sentence)), evidence=Span(t, t + len(trigger), trigger))


def _place(text, name, country, kind, lat, lon, gid=None, nth=0, metonymic=False):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Place(name=name, start=start, end=start + len(name), geonames_id=gid, country=country, lat=lat, lon=lon,
                 kind=kind, metonymic=metonymic)


TEXT = ("Moscow has amassed troops close to the border with Ukraine. "
        "Kyiv rejected the demand. "
        "Officials met in Kharkiv on Monday. "
        "Russia invaded Ukraine.")


def _places():
    return [
        _place(TEXT, "Moscow", "RUS", "city", 55.75, 37.62, gid=10),
        _place(TEXT, "border with Ukraine", "UKR", "country", 49.0, 32.0, gid=2),
        _place(TEXT, "Kyiv", "UKR", "city", 50.45, 30.52, gid=12),
        _place(TEXT, "Kharkiv", "UKR", "city", 50.0, 36.25, gid=13),
        _place(TEXT, "Russia", "RUS", "country", 60.0, 100.0, gid=1),
        _place(TEXT, "Ukraine", "UKR", "country", 49.0, 32.0, gid=2, nth=1),
    ]


def test_build_up_is_in_russia_near_ukraine_not_in_moscow(world):
    places = _places()
    moscow = _actor(TEXT, "Moscow", "RUSGOV", source="capital")
    build_up = _event(TEXT, "Moscow has amassed troops close to the border with Ukraine.", "amassed", moscow,
                      _actor(TEXT, "Ukraine", "UKR"), quad=4, code="154")
    [located] = locate_events(TEXT, [build_up], places, gazetteer=world)
    assert places[0].metonymic  # Moscow read as an actor
    loc = located.location
    assert located.location_basis == "sentence"
    assert (loc.name, loc.country, loc.kind, descriptor(loc)) == ("border with Ukraine", "RUS", "border", "border")
    assert (loc.lat, loc.lon) == (50.6, 36.6)  # Belgorod: Russia's town nearest Ukraine, not Pskov
    assert places[1].country == "UKR"  # the article's own place is not recoded


def test_without_a_gazetteer_the_border_keeps_its_coding():
    places = _places()
    build_up = _event(TEXT, "Moscow has amassed troops close to the border with Ukraine.", "amassed",
                      _actor(TEXT, "Moscow", "RUSGOV", source="capital"), quad=4, code="154")
    [located] = locate_events(TEXT, [build_up], places)
    assert located.location.country == "UKR" and located.location_basis == "sentence"


def test_actor_places_are_not_locations_but_the_sentence_place_is(world):
    places = _places()
    met = _event(TEXT, "Officials met in Kharkiv on Monday.", "met", Actor("UKRGOV", None, "Officials", 0, 0), quad=1, code="040")
    rejected = _event(TEXT, "Kyiv rejected the demand.", "rejected", _actor(TEXT, "Kyiv", "UKRGOV", source="capital"))
    located = locate_events(TEXT, [met, rejected], places, gazetteer=world)
    assert located[0].location.name == "Kharkiv" and located[0].location_basis == "sentence"
    # Kyiv is the actor (and metonymic): the article's focus is used instead
    assert located[1].location_basis == "article" and located[1].location.name != "Kyiv"
    assert places[2].metonymic


def test_a_material_event_happens_at_its_target(world):
    places = _places()
    invade = _event(TEXT, "Russia invaded Ukraine.", "invaded", _actor(TEXT, "Russia", "RUS"),
                    _actor(TEXT, "Ukraine", "UKR", nth=1), quad=4, code="192")
    [located] = locate_events(TEXT, [invade], places, gazetteer=world)
    assert (located.location.name, located.location.country, located.location_basis) == ("Ukraine", "UKR", "sentence")
    verbal = _event(TEXT, "Russia invaded Ukraine.", "invaded", _actor(TEXT, "Russia", "RUS"),
                    _actor(TEXT, "Ukraine", "UKR", nth=1), quad=3)
    assert locate_events(TEXT, [verbal], places)[0].location_basis == "article"


def test_no_places_means_no_location():
    text = "Officials met on Monday."
    event = _event(text, text, "met", Actor("UKRGOV", None, "Officials", 0, 9), quad=1, code="040")
    [located] = locate_events(text, [event], [])
    assert located.location is None and located.location_basis == "none"


def test_focus_is_the_most_named_specific_place():
    text = "Ukraine, Kharkiv, Kharkiv, Ukraine, Europe, Europe, Europe"
    places = [
        _place(text, "Ukraine", "UKR", "country", 49.0, 32.0, gid=2),
        _place(text, "Kharkiv", "UKR", "city", 50.0, 36.25, gid=13),
        _place(text, "Kharkiv", "UKR", "city", 50.0, 36.25, gid=13, nth=1),
        _place(text, "Ukraine", "UKR", "country", 49.0, 32.0, gid=2, nth=1),
    ]
    assert focus_location(places).name == "Kharkiv"  # a tie: the city before the country
    assert focus_location([]) is None


def test_a_dateline_is_where_the_story_was_filed_not_where_it_happened(world):
    text = ("Frigates go north\n\nBERGEN/MURMANSK, May 4 (Polar Desk) - NATO sent two frigates on Monday to patrol "
            "the disputed waters of the Barents Sea.\n\nOSLO - Officials met on Tuesday.")
    places = [
        _place(text, "BERGEN", "NOR", "city", 60.39, 5.32, gid=20),
        _place(text, "MURMANSK", "RUS", "city", 68.97, 33.07, gid=21),
        _place(text, "Barents Sea", None, "sea", 74.0, 36.0, gid=22),
        _place(text, "OSLO", "NOR", "city", 59.91, 10.75, gid=23),
    ]
    sent = text[text.index("BERGEN"):text.index("Sea.") + len("Sea.")]
    sent_event = _event(text, sent, "sent", _actor(text, "NATO", "IGOWSTNAT", source="igo"), quad=4, code="154")
    met = _event(text, "OSLO - Officials met on Tuesday.", "met", Actor("NORGOV", None, "Officials", 0, 0), quad=1, code="040")
    located = locate_events(text, [sent_event, met], places, gazetteer=world)
    # MURMANSK is nearer the trigger, but it is the dateline's
    assert located[0].location.name == "Barents Sea" and located[0].location_basis == "sentence"
    # a verbal event keeps its dateline: where the story was filed is where people met or spoke
    assert located[1].location.name == "OSLO" and located[1].location_basis == "sentence"
    without_text = [sentence_location(e, places) for e in (sent_event, met)]  # what the text's datelines change
    assert [p.name for p in without_text] == ["MURMANSK", "OSLO"]
