"""Recognition and resolution of places on our own sentences, against a small injected
gazetteer (real names, made-up weights), so every rule is visible and the suite is fast."""

from __future__ import annotations

import pytest

from eventwire.places.extract import descriptor, extract_places, is_capital, resolve_spans
from eventwire.places.gazetteer import Gazetteer, Source
from eventwire.places.sources import ALIAS, ALTERNATE, CAPITAL_FACTOR, COUNTRY_WEIGHT, NAME, Entry


def _e(name, kind, country, lat, lon, population=0, *, weight=None, code=None, gid=None, names=(), de_facto=None):
    e = Entry(name=name, kind=kind, country=country, lat=lat, lon=lon, population=population, geonames_id=gid,
              admin1=None, admin1_code=code, de_facto=de_facto,
              weight=float(population) if weight is None else weight)
    e.add_name(name, NAME)
    for n in names:
        e.add_name(n, ALIAS)
    return e


class SmallWorld(Source):
    def key(self) -> str:
        return "small-world-2"

    def entries(self) -> list[Entry]:
        return [
            _e("Russia", "country", "RUS", 60.0, 100.0, 140_000_000, weight=COUNTRY_WEIGHT, gid=1),
            _e("Ukraine", "country", "UKR", 49.0, 32.0, 44_000_000, weight=COUNTRY_WEIGHT, gid=2),
            _e("United States", "country", "USA", 39.76, -98.5, 327_000_000, weight=COUNTRY_WEIGHT, gid=3,
               names=["US", "U.S."]),
            _e("Moscow", "city", "RUS", 55.75, 37.62, 10_000_000, weight=10_000_000 * CAPITAL_FACTOR, code="RU.48", gid=10),
            _e("Moscow", "city", "USA", 46.73, -117.0, 25_000, code="US.ID", gid=11),
            _e("Kyiv", "city", "UKR", 50.45, 30.52, 2_800_000, weight=2_800_000 * CAPITAL_FACTOR, code="UA.12", gid=12,
               names=["Kiev"]),
            _e("Kharkiv", "city", "UKR", 50.0, 36.25, 1_400_000, code="UA.07", gid=13),
            _e("Kharkiv", "city", "RUS", 45.0, 40.0, 300_000, code="RU.01", gid=14),  # made up, to be outranked
            _e("Crimea", "admin1", "UKR", 45.3, 34.4, 2_000_000, code="UA.11", gid=15, de_facto="RUS"),
            _e("Washington", "city", "USA", 38.9, -77.04, 700_000, weight=700_000 * CAPITAL_FACTOR, code="US.DC", gid=16),
            _e("Portland", "city", "USA", 45.52, -122.68, 650_000, code="US.OR", gid=17),
            _e("Portland", "city", "USA", 43.66, -70.26, 66_000, code="US.ME", gid=18),
            _e("Maine", "admin1", "USA", 45.0, -69.0, 1_300_000, code="US.ME", gid=19),
            _e("Springfield", "city", "USA", 39.8, -89.6, 115_000, code="US.IL", gid=20),
            _e("Springfield", "city", "RUS", 55.0, 38.0, 5_000, code="RU.48", gid=21),  # made up
        ]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return Gazetteer.load(tmp_path_factory.mktemp("small-world"), source=SmallWorld())


def places(nlp, world, text, **kw):
    got = extract_places(text, nlp(text), world, **kw)
    for p in got:
        assert text[p.start:p.end] == p.name  # every span indexes the text
    return got


def by_name(got):
    return {p.name: p for p in got}


def test_seed_like_article(nlp, world):
    text = ("Moscow said on Tuesday that troops in western Russia near the border with Ukraine would stay. "
            "Washington rejected the claim, and Kyiv accused the Kremlin of lying about annexed Crimea.")
    got = by_name(places(nlp, world, text))
    assert got["Moscow"].metonymic and got["Moscow"].geonames_id == 10
    assert got["Washington"].metonymic and got["Washington"].country == "USA"
    assert got["Kyiv"].metonymic and got["Kyiv"].country == "UKR"
    west = got["western Russia"]
    assert (west.country, west.kind, west.geonames_id, west.metonymic) == ("RUS", "country", 1, False)
    assert descriptor(west) == "western"
    border = got["border with Ukraine"]
    assert (border.country, descriptor(border)) == ("UKR", "border")
    assert got["Crimea"].kind == "admin1" and "annexed Crimea" not in got
    assert got["Kremlin"].kind == "seat" and got["Kremlin"].country == "RUS"
    assert got["Kremlin"].metonymic  # "accused the Kremlin": the object of an acting verb


def test_places_that_do_not_act_are_not_metonymic(nlp, world):
    got = by_name(places(nlp, world, "Drones struck Moscow overnight. The talks were held in Kyiv. Moscow is a big city."))
    assert not any(p.metonymic for p in got.values() if p.name == "Kyiv")
    assert all(not p.metonymic for p in places(nlp, world, "Drones struck Moscow overnight."))


def test_seat_as_subject_is_metonymic(nlp, world):
    got = places(nlp, world, "The Kremlin warned on Friday that Kharkiv would be next.")
    assert [(p.name, p.metonymic) for p in got] == [("Kremlin", True), ("Kharkiv", False)]


def test_hierarchy_and_context(nlp, world):
    got = places(nlp, world, "A fire broke out in Portland, Maine on Sunday.")
    assert by_name(got)["Portland"].geonames_id == 18
    assert by_name(places(nlp, world, "Protesters marched in Portland on Sunday."))["Portland"].geonames_id == 17
    # the article's other places pull an ambiguous name to their country
    got = by_name(places(nlp, world, "Officials in Russia said Springfield was calm."))
    assert got["Springfield"].country == "RUS"
    assert by_name(places(nlp, world, "Officials said Springfield was calm."))["Springfield"].country == "USA"


def test_outlet_country_is_a_weak_prior(world):
    text = "Kharkiv"
    assert resolve_spans(text, [(0, 7)], world)[0].geonames_id == 13
    assert resolve_spans(text, [(0, 7)], world, outlet_country="RUS")[0].geonames_id == 13  # 1.4M vs 0.3M: a hint, not a decider
    assert resolve_spans("Moscow", [(0, 6)], world, outlet_country="USA")[0].geonames_id == 10


def test_gazetteer_finds_what_ner_mislabels(nlp, world):
    # the small model tags "Kyiv" as a person and "Crimea" as an organisation in some sentences
    got = by_name(places(nlp, world, "Kyiv accused the Kremlin of lying about annexed Crimea."))
    assert {"Kyiv", "Crimea"} <= set(got)


def test_disputed_option(nlp, world):
    text = "Troops moved into Crimea."
    assert by_name(places(nlp, world, text))["Crimea"].country == "UKR"
    assert by_name(places(nlp, world, text, disputed="de-facto"))["Crimea"].country == "RUS"
    with pytest.raises(ValueError):
        places(nlp, world, text, disputed="someone")


def test_resolve_spans_keeps_order_and_unknowns(world):
    text = "Atlantis, Kharkiv and Ukraine"
    got = resolve_spans(text, [(22, 29), (0, 8), (10, 17)], world)
    assert got[0].geonames_id == 2 and got[2].geonames_id == 13
    # a name the gazetteer lacks is placed at the article's most specific place, without an id
    atlantis = got[1]
    assert (atlantis.kind, atlantis.geonames_id, atlantis.country, atlantis.lat) == ("vicinity", None, "UKR", 50.0)
    assert resolve_spans("Atlantis", [(0, 8)], world) == [None]  # nothing to place it by


def test_a_place_named_inside_an_unknown_name(world):
    text = "Shelling closed Kharkiv International Airport and the Portland State University campus."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Kharkiv International Airport", "Portland State University")]
    airport, campus = resolve_spans(text, spans, world)
    assert (airport.kind, airport.name, airport.lat, airport.country) == ("vicinity", "Kharkiv International Airport", 50.0, "UKR")
    assert campus.kind == "vicinity" and campus.lat == 45.52  # the bigger Portland, no context says otherwise
    # feature words never stand alone for a place, even where a town has that name
    assert resolve_spans("Airport Road", [(0, 12)], world) == [None]


def test_a_country_inside_an_unknown_name_gives_way_to_a_town_the_article_names(world):
    # "Russia House" in Kharkiv is a building in Kharkiv, not a point in Russia
    text = "Crowds outside Russia House in Kharkiv"
    house, kharkiv = resolve_spans(text, [(15, 27), (31, 38)], world)
    assert kharkiv.geonames_id == 13
    assert (house.kind, house.country, house.lat) == ("vicinity", "UKR", 50.0)
    # with no town named, the country inside the name is still the best guess
    text = "Crowds outside Russia House, Ukraine"
    house, _ = resolve_spans(text, [(15, 27), (29, 36)], world)
    assert (house.kind, house.country) == ("vicinity", "RUS")
    # a town inside the name still wins over another town the article names
    text = "Kyiv Central Station and Moscow"
    station, _ = resolve_spans(text, [(0, 20), (25, 31)], world)
    assert (station.kind, station.lat) == ("vicinity", 50.45)


def test_a_region_inside_an_unknown_name_is_where_it_is(tmp_path):
    class WithArctic(SmallWorld):
        def key(self):
            return "small-world-arctic"

        def entries(self):
            return super().entries() + [_e("Arctic", "region", None, 85.0, 0.0, weight=1e11, gid=None)]

    world = Gazetteer.load(tmp_path, source=WithArctic())
    text = "Cod quotas for the Northeast Arctic, agreed in Kharkiv"
    stock, _ = resolve_spans(text, [(19, 35), (47, 54)], world)
    assert (stock.kind, stock.lat) == ("vicinity", 85.0)


def test_a_pick_found_only_under_an_alternate_name_is_no_context(tmp_path):
    class WithAlternateTown(SmallWorld):
        def key(self):
            return "small-world-alternate-town"

        def entries(self):
            town = _e("Tudela", "city", "ESP", 42.06, -1.6, 35_000, gid=100)
            town.add_name("Eel", ALTERNATE)
            return super().entries() + [
                town, _e("Humboldt County", "admin2", "USA", 40.7, -123.9, 130_000, weight=13_000, gid=101)]

    world = Gazetteer.load(tmp_path, source=WithAlternateTown())
    county, _ = resolve_spans("Humboldt County, near the Eel", [(0, 15), (26, 29)], world)
    assert (county.kind, county.geonames_id) == ("admin2", 101)


def test_a_name_cut_off_by_an_ellipsis_is_completed_from_its_beginning(world):
    assert resolve_spans("Shelling in Kharki…", [(12, 18)], world)[0].geonames_id == 13
    assert resolve_spans("Shelling in Kharki...", [(12, 18)], world)[0].geonames_id == 13
    assert resolve_spans("Shelling in Kharki today", [(12, 18)], world) == [None]  # not cut off
    assert resolve_spans("Talks in Ukr…", [(9, 12)], world) == [None]  # too short to complete
    assert world.lookup_prefix("Kharki")[0].geonames_id == 13 and world.lookup_prefix("Zzz") == []


def test_a_repeated_name_is_no_context_for_itself(world):
    # two mentions of Springfield must not vote each other into Russia's made-up one
    text = "Springfield and Springfield"
    got = resolve_spans(text, [(0, 11), (16, 27)], world)
    assert {p.country for p in got} == {"USA"}


def test_a_small_town_out_of_context_gives_way(tmp_path):
    class WithTown(SmallWorld):
        def key(self):
            return "small-world-town"

        def entries(self):
            return super().entries() + [_e("Donbass Creek", "city", "USA", 40.0, -100.0, 900, code="US.NE", gid=50)]

    world = Gazetteer.load(tmp_path, source=WithTown())
    text = "Donbass Creek near Kharkiv"
    creek, kharkiv = resolve_spans(text, [(0, 13), (19, 26)], world)
    assert kharkiv.geonames_id == 13
    assert (creek.kind, creek.country, creek.lat) == ("vicinity", "UKR", 50.0)


def test_a_place_s_own_name_beats_a_bigger_place_that_merely_has_it_as_an_alternate(tmp_path):
    class WithAlternate(SmallWorld):
        def key(self):
            return "small-world-alternate"

        def entries(self):
            big = _e("Changchun", "city", "CHN", 43.9, 125.3, 4_700_000, gid=60)
            big.add_name("Cancun", ALTERNATE)
            far_bigger = _e("Shanghai", "city", "CHN", 31.2, 121.5, 24_000_000, gid=61)
            far_bigger.add_name("Ostrava", ALTERNATE)  # made up: an alternate name of a place 80 times the town
            return super().entries() + [
                _e("Cancún", "city", "MEX", 21.17, -86.85, 890_000, gid=62), big,
                _e("Ostrava", "city", "CZE", 49.8, 18.3, 300_000, gid=63), far_bigger]

    world = Gazetteer.load(tmp_path, source=WithAlternate())
    assert resolve_spans("Cancun", [(0, 6)], world)[0].geonames_id == 62
    # the penalty is a factor of ten, not a ban: far more weight still wins
    assert resolve_spans("Ostrava", [(0, 7)], world)[0].geonames_id == 61


def test_a_run_together_name_found_only_as_an_alternate_is_split(tmp_path):
    class WithHamlet(SmallWorld):
        def key(self):
            return "small-world-hamlet"

        def entries(self):
            hamlet = _e("Saint Louis", "city", "SYC", -4.6, 55.4, 3_700, gid=80)
            hamlet.add_name("StLouis", ALTERNATE)
            return super().entries() + [hamlet, _e("St. Louis", "city", "USA", 38.63, -90.2, 280_000, gid=81)]

    world = Gazetteer.load(tmp_path, source=WithHamlet())
    assert resolve_spans("StLouis", [(0, 7)], world)[0].geonames_id == 81
    assert resolve_spans("St.Louis", [(0, 8)], world)[0].geonames_id == 81


def test_a_country_gives_way_to_a_state_of_its_name_holding_a_named_town(tmp_path):
    class WithGeorgias(SmallWorld):
        def key(self):
            return "small-world-georgias"

        def entries(self):
            return super().entries() + [
                _e("Georgia", "country", "GEO", 42.0, 43.5, 3_700_000, weight=COUNTRY_WEIGHT, gid=90),
                _e("Georgia", "admin1", "USA", 32.75, -83.5, 10_000_000, code="US.GA", gid=91),
                _e("Atlanta", "city", "USA", 33.75, -84.39, 500_000, code="US.GA", gid=92),
                _e("Tbilisi", "city", "GEO", 41.69, 44.83, 1_000_000, weight=20_000_000, code="GE.51", gid=93),
            ]

    world = Gazetteer.load(tmp_path, source=WithGeorgias())
    assert resolve_spans("Georgia", [(0, 7)], world)[0].geonames_id == 90
    text = "Storms hit Atlanta and much of Georgia"
    atlanta, georgia = resolve_spans(text, [(11, 18), (31, 38)], world)
    assert (atlanta.geonames_id, georgia.geonames_id) == (92, 91)
    text = "Georgia, where Tbilisi"
    georgia, _ = resolve_spans(text, [(0, 7), (15, 22)], world)
    assert georgia.geonames_id == 90


def test_a_shared_demonym_means_the_most_populous_country():
    pytest.importorskip("countryinfo")
    from eventwire.places.variants import _demonyms

    assert _demonyms()["american"][1] == "USA"
    assert _demonyms()["dominican"][1] == "DOM"


def test_counties_place_names_and_give_context(tmp_path):
    class WithCounties(SmallWorld):
        def key(self):
            return "small-world-counties"

        def entries(self):
            return super().entries() + [
                _e("Cumberland County", "admin2", "USA", 43.8, -70.3, 300_000, weight=30_000, code="US.ME", gid=70,
                   names=["Cumberland"]),
                _e("Cumberland", "city", "USA", 39.65, -78.76, 19_000, code="US.MD", gid=71),
                _e("Kharkiv Raion", "admin2", "UKR", 50.0, 36.3, 200_000, weight=20_000, code="UA.07", gid=72),
            ]

    world = Gazetteer.load(tmp_path, source=WithCounties())
    # a county under its own name inside a longer one places it, unless the article is elsewhere
    levels = resolve_spans("Kharkiv Raion Levels", [(0, 20)], world)[0]
    assert (levels.kind, levels.lat, levels.lon) == ("vicinity", 50.0, 36.3)
    levels, _ = resolve_spans("Kharkiv Raion Levels, Maine", [(0, 20), (22, 27)], world)
    assert (levels.kind, levels.country, levels.lat) == ("vicinity", "USA", 45.0)
    county = resolve_spans("Cumberland County", [(0, 17)], world)[0]
    assert (county.kind, county.geonames_id) == ("admin2", 70)
    # a county is a specific place: "Portland" next to a county of Maine is the Maine one
    text = "Portland, in Cumberland County"
    portland, _ = resolve_spans(text, [(0, 8), (13, 30)], world)
    assert portland.geonames_id == 18
    # a small county far from everything else the article names gives way, like a small town
    text = "Cumberland and Kharkiv"
    cumberland, kharkiv = resolve_spans(text, [(0, 10), (15, 22)], world)
    assert kharkiv.geonames_id == 13
    assert (cumberland.kind, cumberland.country, cumberland.lat) == ("vicinity", "UKR", 50.0)
    # and a county counts as specific when a name the gazetteer lacks is placed by the others
    text = "Atlantis Creek in Kharkiv Raion, Ukraine"
    creek, raion, _ = resolve_spans(text, [(0, 14), (18, 31), (33, 40)], world)
    assert raion.geonames_id == 72
    assert (creek.kind, creek.lat, creek.lon) == ("vicinity", 50.0, 36.3)


def test_capitals_are_told_by_their_raised_weight(world):
    assert is_capital(world.lookup("Moscow")[0])
    assert not is_capital(world.lookup("Kharkiv")[0])
    assert not is_capital(world.lookup("Russia")[0])


def test_no_places_in_text_without_them(nlp, world):
    assert places(nlp, world, "The committee met on Tuesday and agreed a budget.") == []
    assert places(nlp, world, "") == []


def test_dateline_is_a_place_not_an_actor(nlp, world):
    text = ("MOSCOW, March 7 (Eastern Courier) - Officials rejected the report on Saturday.\n"
            "KYIV (Wire) — Kyiv accused Moscow of lying.")
    got = places(nlp, world, text)
    assert [(p.name, p.metonymic) for p in got][:2] == [("MOSCOW", False), ("KYIV", False)]
    assert by_name(got)["Kyiv"].metonymic  # the same capital in the body still acts


def test_dateline_shapes():
    from eventwire.places.extract import is_dateline

    assert is_dateline("OSLO, March 7 (Northern Ledger) - Text", 0, 4)
    assert is_dateline("intro\nWASHINGTON — Text", 6, 16)
    assert is_dateline("LONDON, Ontario, Jan. 5, 2026 (Wire) - Text", 0, 6)
    assert not is_dateline("Moscow said - and more", 0, 6)
    assert not is_dateline("Then Moscow, March 7 (Wire) - x", 5, 11)


def test_descriptive_word_inside_a_longer_name_is_not_a_place(tmp_path, nlp):
    class WithRegion(SmallWorld):
        def key(self):
            return "small-world-northern"

        def entries(self):
            return super().entries() + [
                _e("Northern", "admin1", "RUS", 67.0, 40.0, 2_000_000, code="RU.99", gid=30),
            ]

    world = Gazetteer.load(tmp_path, source=WithRegion())
    text = "MOSCOW, March 7 (Northern Ledger) - Troops moved into Crimea, the Northern Ledger said."
    assert "Northern" not in {p.name for p in places(nlp, world, text)}


def test_abbreviations_and_demonyms_resolve_but_are_not_recognised(tmp_path, nlp):
    class WithStates(SmallWorld):
        def key(self):
            return "small-world-states"

        def entries(self):
            return super().entries() + [
                _e("California", "admin1", "USA", 37.0, -120.0, 39_000_000, code="US.CA", gid=40),
                _e("Los Angeles", "city", "USA", 34.05, -118.24, 3_900_000, code="US.CA", gid=41),
                _e("Sierra Leone", "country", "SLE", 8.5, -11.8, 7_000_000, weight=COUNTRY_WEIGHT, gid=42),
                _e("Syria", "country", "SYR", 35.0, 38.0, 17_000_000, weight=COUNTRY_WEIGHT, gid=43),
            ]

    world = Gazetteer.load(tmp_path, source=WithStates())
    text = "Fires near LA, CA and Portland, Maine; #SierraLeone; Syrian talks in Calif."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("LA", "CA", "#SierraLeone", "Syrian", "Calif")]
    got = resolve_spans(text, spans, world)
    assert [p.geonames_id for p in got] == [41, 40, 42, 43, 40]
    # lower-case "ca" is not California; recognition does not take "Syrian" as a place
    assert resolve_spans("ca", [(0, 2)], world) == [None]
    assert "Syrian" not in {p.name for p in places(nlp, world, "Syrian refugees crossed into Ukraine.")}


def test_lower_case_words_are_names_only_where_nothing_is_capitalised(tmp_path, nlp):
    class WithCoast(SmallWorld):
        def key(self):
            return "small-world-coast"

        def entries(self):
            return super().entries() + [_e("Coast", "admin1", "USA", 40.0, -100.0, 3_000_000, code="US.ZZ", gid=70)]

    world = Gazetteer.load(tmp_path, source=WithCoast())
    # the tagger may call "coast" a proper noun; in edited text a name starts with a capital
    assert "coast" not in {p.name for p in places(nlp, world, "On Monday, Rognerud said the coast guard had doubled its patrols.")}
    assert "Coast" in {p.name for p in places(nlp, world, "Floods hit Coast and Maine on Sunday.")}


def test_dateline_with_two_cities_is_not_metonymic(nlp, world):
    got = places(nlp, world, "MOSCOW/KYIV, March 12 (Wire) - Talks resumed on Thursday.")
    assert [(p.name, p.metonymic) for p in got] == [("MOSCOW", False), ("KYIV", False)]
