"""The map page's SVG: country outlines from an installed package, our points on top.

The outlines are the GeoJSON borders that the countryinfo package (MIT, on PyPI, already a
dependency of the gazetteer) ships with each country, read from the installed package at
run time: nothing is fetched and nothing is copied into this repository. countryinfo has no
outline for a few countries (Hungary, Myanmar, Montenegro, Jamaica, Singapore, Palestine),
so the map draws borders and coastlines as lines on one background instead of filled land
and sea: a landlocked country without an outline then still looks like a country, bounded
by its neighbours, instead of a lake.

Projection: equirectangular, with the horizontal scale set by the cosine of the view's
middle latitude, which keeps shapes right around the area shown. Our own code: a projection
library would be a dependency for two lines of arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

AREA_KINDS = {"country", "region", "continent", "sea", "ocean", "admin1", "admin2", "macroregion"}  # points that stand for an area


@lru_cache(maxsize=1)
def world_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every outline ring (lon, lat) of every country countryinfo has a border for; () without countryinfo."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return ()
    rings: list[tuple[tuple[float, float], ...]] = []
    for country in all_countries():
        for feature in (country.info().get("geoJSON") or {}).get("features") or []:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                for ring in polygon:
                    points = tuple((float(p[0]), float(p[1])) for p in ring if len(p) >= 2)
                    if len(points) >= 3:
                        rings.append(points)
    return tuple(rings)


@dataclass(frozen=True)
class View:
    """The part of the world shown, and the size it is drawn at."""

    west: float
    east: float
    south: float
    north: float
    width: int
    height: int

    @property
    def kx(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def ky(self) -> float:
        return self.height / (self.north - self.south)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky


def world_view(width: int) -> View:
    """The whole world but Antarctica."""
    return View(-180.0, 180.0, -58.0, 84.0, width, round(width * 142 / 360))


def fit_view(points: Sequence[tuple[float, float]], width: int, height: int) -> View:
    """The smallest view around `points` (lat, lon) with a margin, at the given size, shapes kept."""
    if not points:
        return world_view(width)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north = min(lats), max(lats)
    west, east = min(lons), max(lons)
    # A margin, and at least a region's size, so a single city still shows its surroundings.
    lat_pad = max(3.0, (north - south) * 0.12)
    lon_pad = max(5.0, (east - west) * 0.12)
    south, north = max(-80.0, south - lat_pad), min(85.0, north + lat_pad)
    west, east = max(-180.0, west - lon_pad), min(180.0, east + lon_pad)
    mid = math.radians(max(-65.0, min(65.0, (south + north) / 2)))
    # Widen whichever side is short so that one degree of longitude is cos(mid) of one of latitude.
    lon_span, lat_span = east - west, north - south
    want_lon_span = lat_span * (width / height) / math.cos(mid)
    if want_lon_span > lon_span:
        grow = (want_lon_span - lon_span) / 2
        west, east = west - grow, east + grow
    else:
        want_lat_span = lon_span * math.cos(mid) * height / width
        grow = (want_lat_span - lat_span) / 2
        south, north = south - grow, north + grow
    return View(west, east, south, north, width, height)


@lru_cache(maxsize=32)
def outline_path(view: View) -> str:
    """The path data of every ring that reaches into `view`, points closer than a pixel merged."""
    parts: list[str] = []
    for ring in world_rings():
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        if max(lons) < view.west or min(lons) > view.east or max(lats) < view.south or min(lats) > view.north:
            continue
        coords = []
        last = None
        for lon, lat in ring:
            x, y = view.project(lon, lat)
            if last is None or abs(x - last[0]) + abs(y - last[1]) >= 0.8:
                coords.append(f"{x:.1f},{y:.1f}")
                last = (x, y)
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def map_chart(points: Sequence, *, search_url: Callable[[str], str], world: bool = False, width: int = 720) -> Markup:
    """Places (dots; rings for areas such as countries and seas) and event locations (diamonds)
    over the country outlines, sized by mentions; each links to a search for its name."""
    narrow = width < 500
    label = "Map of places and event locations"
    if not points:
        return Markup('<p class="empty">No places with coordinates to map.</p>')
    coords = [(p.lat, p.lon) for p in points]
    view = world_view(width) if world else fit_view(coords, width, 420 if narrow else 440)
    parts = [
        (f'<svg class="chart map" viewBox="0 0 {view.width} {view.height}" role="img" aria-label="{escape(label)}" '
         f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'),
        f'<rect class="sea" x="0" y="0" width="{view.width}" height="{view.height}"/>',
        _graticule(view),
        f'<path class="land" d="{outline_path(view)}"/>',
    ]
    peak = max(p.mentions for p in points) or 1
    shown = [p for p in points if view.south <= p.lat <= view.north and view.west <= p.lon <= view.east]
    placed_labels: list[tuple[float, float, float, float]] = []
    label_budget = 8 if narrow else 16
    font = 12.5 if narrow else 12
    marks, texts = [], []
    for p in sorted(shown, key=lambda p: -p.mentions):
        x, y = view.project(p.lon, p.lat)
        r = (4.5 if narrow else 3.5) + (9 if narrow else 11) * math.sqrt(p.mentions / peak)
        title = (f"{p.name}: {p.mentions} mention{'s' if p.mentions != 1 else ''} in {p.articles} article{'s' if p.articles != 1 else ''}"
                 f" ({'event location' if p.kind == 'event' else p.place_kind or 'place'}{', ' + p.country if p.country else ''})")
        if p.kind == "event":
            shape = (f'<path class="pt-event" d="M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z"/>')
        elif (p.place_kind or "") in AREA_KINDS:
            shape = f'<circle class="pt-area" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
        else:
            shape = f'<circle class="pt-place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
        marks.append(f'<a href="{escape(search_url(p.name))}">{shape}<title>{escape(title)}</title></a>')
        if label_budget > 0:
            w = len(p.name) * font * 0.58
            box = (x + r + 3, y - font * 0.8, x + r + 3 + w, y + font * 0.3)
            if box[2] > view.width:
                box = (x - r - 3 - w, box[1], x - r - 3, box[3])
            if box[0] >= 0 and box[1] >= 0 and not any(_overlap(box, other) for other in placed_labels):
                placed_labels.append(box)
                label_budget -= 1
                texts.append(f'<text class="place-label" x="{box[0]:.1f}" y="{y + 4:.1f}">{escape(p.name)}</text>')
    # The biggest marks first, so smaller ones stay clickable on top; labels over everything.
    parts += marks + texts
    parts.append("</svg>")
    return Markup("".join(parts))


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _graticule(view: View) -> str:
    """Meridians and parallels every 10 degrees (30 on the world view), faint."""
    step = 30 if view.east - view.west > 200 else 10
    lines = []
    lon = math.ceil(view.west / step) * step
    while lon <= view.east:
        x, _ = view.project(lon, 0)
        lines.append(f"M{x:.1f},0V{view.height}")
        lon += step
    lat = math.ceil(view.south / step) * step
    while lat <= view.north:
        _, y = view.project(0, lat)
        lines.append(f"M0,{y:.1f}H{view.width}")
        lat += step
    return f'<path class="graticule" d="{"".join(lines)}"/>'
