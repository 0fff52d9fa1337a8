"""Server-rendered charts, the map's projection and the speaker colours, without a server."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace

from eventwire.web import charts, markup, worldmap


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def count(self, tag: str, css: str | None = None) -> int:
        return sum(1 for t, a in self.found if t == tag and (css is None or css in (a.get("class") or "").split()))


def test_time_axis_is_even_and_coarsens_instead_of_wasting_space():
    freq, points = charts.time_series([("2026-03-02", 2), ("2026-03-05", 1)])
    assert freq == "day"
    assert points == [("2026-03-02", 2), ("2026-03-03", 0), ("2026-03-04", 0), ("2026-03-05", 1)]
    # Three years of scattered days: months, every one present, nothing lost.
    days = [("2023-01-15", 1), ("2024-06-01", 3), ("2025-12-31", 2)]
    freq, points = charts.time_series(days)
    assert freq == "month" and len(points) == 36
    assert sum(n for _, n in points) == 6 and points[0] == ("2023-01-01", 1)
    assert charts.choose_freq(date(2020, 1, 1), date(2026, 1, 1)) == "year"
    assert charts.choose_freq(date(2026, 1, 1), date(2026, 6, 1)) == "week"
    assert charts.time_series([("not a date", 3)]) == ("day", [])


def test_bar_chart_has_a_bar_per_period_and_dates_that_fit():
    freq, points = charts.time_series([(f"2026-03-{d:02d}", d) for d in range(1, 31)])
    for width in (charts.WIDE, charts.NARROW):
        svg = Elements(charts.bar_chart(points, freq=freq, label="Articles", width=width))
        assert svg.count("rect", "bar") == 30
        ticks = [a for t, a in svg.found if t == "text"]
        assert 2 <= len(ticks) - 2 <= width // 90 + 1  # y-axis labels plus dates spaced to fit
    assert "No data" in charts.bar_chart([], freq="day", label="Articles")
    both = str(charts.responsive(charts.bar_chart, points, freq=freq, label="Articles"))
    assert both.count("<svg") == 2 and 'class="chart-wide"' in both and 'class="chart-narrow"' in both


def test_dyad_chart_draws_both_directions_and_quad_classes():
    point = lambda period, g, quads: SimpleNamespace(period=period, events=sum(quads), mentions=sum(quads), goldstein_mean=g, quad_counts=quads)
    series = {"a->b": [point("2026-03-01", -4.0, (0, 0, 2, 0)), point("2026-03-02", None, (0, 0, 0, 0))],
              "b->a": [point("2026-03-01", 3.0, (1, 0, 0, 0)), point("2026-03-02", 7.0, (0, 1, 0, 0))]}
    svg = Elements(charts.dyad_chart(series, freq="day", a_label="Norway", b_label="Russia"))
    assert svg.count("circle", "dir-ab") == 1 and svg.count("circle", "dir-ba") == 2
    assert svg.count("rect", "q3") == 1 and svg.count("rect", "q1") == 1 and svg.count("rect", "q2") == 1
    assert svg.count("polyline", "dir-ba") == 1


def test_goldstein_colours_run_from_red_through_grey_to_green():
    red, grey, green = charts.goldstein_colour(-10), charts.goldstein_colour(0), charts.goldstein_colour(10)
    assert grey == charts.goldstein_colour(None)
    assert int(red[1:3], 16) > int(red[3:5], 16) and int(green[3:5], 16) > int(green[1:3], 16)
    assert len({red, grey, green, charts.goldstein_colour(-3), charts.goldstein_colour(3)}) == 5


def test_network_layout_is_deterministic_and_spread():
    keys = ("A", "B", "C", "D")
    edges = (("A", "B", 5), ("B", "C", 1), ("C", "A", 2), ("D", "A", 1))
    first = charts.force_layout(keys, edges)
    charts.force_layout.cache_clear()
    assert charts.force_layout(keys, edges) == first
    points = list(first.values())
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    assert len({(round(x, 2), round(y, 2)) for x, y in points}) == 4
    nodes = [SimpleNamespace(key=k, label=f"<{k}>", events=3, goldstein_mean=None) for k in keys]
    links = [SimpleNamespace(source=a, target=b, events=w, mentions=w, goldstein_mean=-5.0) for a, b, w in edges]
    html = charts.network_chart(nodes, links, dyad_url=lambda a, b: f"/dyad/{a}/{b}")
    svg = Elements(html)
    assert svg.count("a", "edge") == 4 and svg.count("circle") == 4
    assert "&lt;A&gt;" in html and "<A>" not in html
    assert {a["href"] for t, a in svg.found if t == "a"} == {"/dyad/A/B", "/dyad/B/C", "/dyad/C/A", "/dyad/D/A"}


def test_world_outline_comes_from_the_installed_package_and_points_land_where_they_should():
    rings = worldmap.world_rings()
    assert len(rings) > 150  # countryinfo's borders, from site-packages
    view = worldmap.fit_view([(69.7, 30.0), (68.97, 33.1), (59.9, 10.7)], 720, 440)
    assert view.west < 10.7 and view.east > 33.1 and view.south < 59.9 and view.north > 69.7
    x_oslo, y_oslo = view.project(10.7, 59.9)
    x_murmansk, y_murmansk = view.project(33.1, 68.97)
    assert x_oslo < x_murmansk and y_oslo > y_murmansk  # west is left, north is up
    assert 0 <= x_oslo <= 720 and 0 <= y_murmansk <= 440
    assert worldmap.outline_path(view).count("M") > 5
    points = [SimpleNamespace(kind="place", name="Kirkenes", lat=69.7, lon=30.0, place_kind="city", country="NOR", mentions=3, articles=2),
              SimpleNamespace(kind="place", name="Norway", lat=62.0, lon=10.0, place_kind="country", country="NOR", mentions=9, articles=5),
              SimpleNamespace(kind="event", name="Barents Sea", lat=74.0, lon=36.0, place_kind="sea", country=None, mentions=1, articles=1)]
    svg = Elements(worldmap.map_chart(points, search_url=lambda q: "/search?q=" + q))
    assert svg.count("circle", "pt-place") == 1 and svg.count("circle", "pt-area") == 1 and svg.count("path", "pt-event") == 1
    assert svg.count("path", "land") == 1


def test_speakers_stay_distinct_past_the_palette():
    quotes = [{"speaker": {"name": f"Speaker {i}"}} for i in range(2 * markup.SPEAKER_COLOURS)]
    classes = markup.speaker_classes(quotes)
    assert len(set(classes.values())) == len(quotes)
    assert markup.speaker_numbers(classes)["Speaker 13"] == 14
    record = {"text": "He said yes. She said no.", "paragraphs": [[0, 25]],
              "quotes": [{"start": 8, "end": 11, "kind": "direct", "speaker": {"name": "A"}},
                         {"start": 22, "end": 24, "kind": "direct", "speaker": {"name": "B"}}],
              "events": [{"code": "010", "goldstein": 0.0, "rule": "r", "evidence": {"start": 3, "end": 7}}], "places": []}
    layers = markup.article_layers(record, markup.speaker_classes(record["quotes"]))
    html = "".join(markup.paragraphs_html(record, layers))
    assert 'data-marker="1"' in html and 'data-marker="2"' in html
    assert html.count('id="text-event-0"') == 1
