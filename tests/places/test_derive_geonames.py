"""Deriving GeoNames' own points from dump files, and the index using them."""

from __future__ import annotations

import pytest

from eventwire.places import derive_geonames, sources
from eventwire.places.derive_geonames import HEADER, read_dump, table_text
from eventwire.places.gazetteer import Gazetteer


def _line(gid, name, lat, lon, fclass, fcode, cc):
    # the 19 columns of GeoNames' geoname table; only the first nine matter here
    return "\t".join([str(gid), name, name, "", str(lat), str(lon), fclass, fcode, cc, *[""] * 10]) + "\n"


# A made-up country: its own point, two states, a town and a river.
DUMP = [
    _line(900001, "Republic of Ruritania", 50.0, 20.0, "A", "PCLI", "RR"),
    _line(900002, "Strelsau Province", 50.5, 20.5, "A", "ADM1", "RR"),
    _line(900003, "Zenda District", 49.25, 19.75, "A", "ADM2", "RR"),
    _line(900004, "Strelsau", 50.1, 20.1, "P", "PPLC", "RR"),
    _line(900005, "Ruritanian River", 49.0, 21.0, "H", "STM", "RR"),
    _line(900006, "Ruritanian Parish", 49.1, 21.1, "A", "ADM4", "RR"),
    "not a geonames line\n",
    _line("x", "Broken Id", 1, 2, "A", "ADM1", "RR"),
]


def test_only_countries_and_first_two_subdivision_levels_are_kept():
    kept = list(read_dump(DUMP))
    assert [(f.geonames_id, f.feature_code) for f in kept] == [(900001, "PCLI"), (900002, "ADM1"), (900003, "ADM2")]
    assert (kept[2].lat, kept[2].lon, kept[2].country_code) == (49.25, 19.75, "RR")


def test_table_is_sorted_deduplicated_and_readable_back(tmp_path):
    text = table_text(read_dump(reversed(DUMP + DUMP)))
    assert text.startswith(HEADER)
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0] == list(derive_geonames.COLUMNS)
    assert [r[0] for r in rows[1:]] == ["900001", "900002", "900003"]
    dump = tmp_path / "RR.txt"
    dump.write_text("".join(DUMP), encoding="utf-8")
    out = tmp_path / "points.tsv"
    assert derive_geonames.main([str(dump), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == table_text(read_dump(DUMP))


def test_shipped_table_holds_geonames_points_with_real_ids():
    points = sources.geonames_points()
    assert len(points) > 500
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    assert 2077456 in points  # Australia, the country feature


@pytest.mark.slow
def test_index_puts_listed_countries_and_states_at_geonames_own_point(tmp_path):
    real = Gazetteer.load(tmp_path)
    points = sources.geonames_points()
    australia = real.country("AUS")
    assert (australia.lat, australia.lon) == points[australia.geonames_id]
    victoria = next(c for c in real.lookup("Victoria") if c.kind == "admin1" and c.country == "AUS")
    assert (victoria.lat, victoria.lon) == points[victoria.geonames_id]
    # a country the table does not list keeps its point from the packages
    assert real.country("NOR").geonames_id not in points
