"""Charts as server-rendered SVG: our own code, no script, no inline style.

Colours and fonts come from classes in ``static/style.css`` (the CSP forbids style
attributes); where a colour carries data (an edge's mean Goldstein) it is an SVG
presentation attribute, which the CSP does not govern. Labels are escaped like any text.

Every chart is drawn twice, wide and narrow (`Responsive`); the stylesheet shows one
by the width of the screen, so a phone gets a chart laid out for it, with type it can read,
instead of a desktop chart shrunk to a third.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from markupsafe import Markup, escape

from ..store.events import period_start

WIDE, NARROW = 720, 360
FREQS = ("day", "week", "month", "year")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class Responsive:
    """The same chart for a wide and a narrow screen."""

    wide: Markup
    narrow: Markup

    def __html__(self) -> str:
        return f'<div class="chart-wide">{self.wide}</div><div class="chart-narrow">{self.narrow}</div>'

    def __str__(self) -> str:
        return self.__html__()


def responsive(draw: Callable[..., Markup], *args, **kwargs) -> Responsive:
    return Responsive(draw(*args, width=WIDE, **kwargs), draw(*args, width=NARROW, **kwargs))


def empty(label: str) -> Markup:
    return Markup('<p class="empty">{}</p>').format(f"No data for {label[:1].lower() + label[1:]}.")


# -- time ------------------------------------------------------------------------------


def next_period(start: date, freq: str) -> date:
    return period_start(start + timedelta(days={"day": 1, "week": 7, "month": 31, "year": 366}[freq]), freq)


def choose_freq(first: date, last: date, max_periods: int = 62) -> str:
    """The finest of day, week, month, year that spans first..last in at most `max_periods` periods.

    An axis of days over three years is mostly empty days, too thin to see; one bar a week
    or month keeps every period visible while time still runs evenly along the axis.
    """
    span = (last - first).days
    for freq, days in (("day", 1), ("week", 7), ("month", 30.4), ("year", 365.25)):
        if span / days < max_periods:
            return freq
    return "year"


def time_series(daily: Sequence[tuple[str, int]], freq: str | None = None) -> tuple[str, list[tuple[str, int]]]:
    """Daily counts (ISO dates, any order) summed into periods from first to last, empty periods as 0.

    Returns the frequency used and (period start, count) pairs. Dates that do not parse are left out.
    """
    days: dict[date, int] = {}
    for day, n in daily:
        try:
            d = date.fromisoformat(day[:10])
        except (TypeError, ValueError):
            continue
        days[d] = days.get(d, 0) + n
    if not days:
        return freq or "day", []
    freq = freq or choose_freq(min(days), max(days))
    sums: dict[date, int] = {}
    for d, n in days.items():
        start = period_start(d, freq)
        sums[start] = sums.get(start, 0) + n
    out, current, last = [], min(sums), max(sums)
    while current <= last:
        out.append((current.isoformat(), sums.get(current, 0)))
        current = next_period(current, freq)
    return freq, out


def period_label(iso: str, freq: str, *, long: bool = False) -> str:
    d = date.fromisoformat(iso)
    if freq == "year":
        return str(d.year)
    if freq == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    text = f"{MONTHS[d.month - 1]} {d.day}"
    if freq == "week":
        text = "week of " + text if long else text
    return f"{text}, {d.year}" if long else text


def tick_indices(n: int, width: int) -> list[int]:
    """Which of n evenly spaced periods get a date under the axis: as many as fit without crowding."""
    if n <= 0:
        return []
    room = max(2, width // 90)
    step = max(1, math.ceil(n / room))
    return list(range(0, n, step))


def bar_chart(points: Sequence[tuple[str, int]], *, freq: str, label: str, unit: str = "", width: int = WIDE) -> Markup:
    """One bar per period on an even time axis, each titled with its period and value."""
    if not points or not any(v for _, v in points):
        return empty(label)
    narrow = width < 500
    height = 190 if narrow else 170
    top, bottom, left, right = 14, 30, 34, 10
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(v for _, v in points) or 1
    step = plot_w / len(points)
    bar_w = max(1.0, step * 0.78)
    parts = [_svg_open(width, height, label),
             f'<line class="grid" x1="{left}" y1="{top}" x2="{width - right}" y2="{top}"/>',
             f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>',
             f'<text class="tick" x="{left - 5}" y="{top + 4}" text-anchor="end">{peak}</text>',
             f'<text class="tick" x="{left - 5}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (period, value) in enumerate(points):
        h = plot_h * value / peak
        x = left + i * step + (step - bar_w) / 2
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                     f"<title>{escape(period_label(period, freq, long=True))}: {value}{escape(unit)}</title></rect>")
    for i in tick_indices(len(points), plot_w):
        x = left + (i + 0.5) * step
        parts.append(f'<line class="tickmark" x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 4}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 10}" text-anchor="middle">{escape(period_label(points[i][0], freq))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _svg_open(width: int, height: int, label: str, css: str = "chart") -> str:
    return (f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>')


# -- Goldstein and quad classes of a dyad -----------------------------------------------------------


def goldstein_colour(value: float | None) -> str:
    """Red for conflict (-10), grey for 0, green for cooperation (+10); grey when unknown."""
    grey, red, green = (138, 143, 152), (179, 38, 30), (30, 123, 58)
    if value is None:
        return "#{:02x}{:02x}{:02x}".format(*grey)
    t = max(-1.0, min(1.0, value / 10))
    end = green if t > 0 else red
    mix = [round(g + (e - g) * min(1.0, abs(t) * 1.6)) for g, e in zip(grey, end)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def dyad_chart(series: dict[str, list], *, freq: str, a_label: str, b_label: str, width: int = WIDE) -> Markup:
    """Two panels on one time axis: mean Goldstein per period for each direction (lines), and
    events per period by quad class, A -> B above the axis and B -> A below it (stacked bars)."""
    forward, backward = series.get("a->b") or [], series.get("b->a") or []
    periods = [p.period for p in (forward or backward)]
    label = f"{a_label} and {b_label}: Goldstein and events by quad class"
    if not periods:
        return empty(label)
    narrow = width < 500
    left, right = (34, 8) if narrow else (40, 14)
    plot_w = width - left - right
    step = plot_w / len(periods)
    g_top, g_h = 28, 110 if narrow else 104
    b_top = g_top + g_h + 46
    half = 62 if narrow else 58
    height = b_top + 2 * half + 34
    parts = [_svg_open(width, height, label)]

    def gy(v: float) -> float:
        return g_top + g_h * (10 - v) / 20

    # Goldstein panel: scale -10..10, zero line, one line per direction (gaps where no event).
    for v in (10, 0, -10):
        css = "axis" if v == 0 else "grid"
        parts.append(f'<line class="{css}" x1="{left}" y1="{gy(v):.1f}" x2="{width - right}" y2="{gy(v):.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 5}" y="{gy(v) + 4:.1f}" text-anchor="end">{v:+d}</text>' if v else
                     f'<text class="tick" x="{left - 5}" y="{gy(v) + 4:.1f}" text-anchor="end">0</text>')
    title = "Mean Goldstein" if narrow else "Mean Goldstein (conflict −10 … +10 cooperation)"
    parts.append(f'<text class="panel" x="{left}" y="{g_top - 12}">{title}</text>')
    for direction, css, points, src, dst in (("a->b", "dir-ab", forward, a_label, b_label), ("b->a", "dir-ba", backward, b_label, a_label)):
        run: list[str] = []
        for i, p in enumerate(points):
            x = left + (i + 0.5) * step
            if p.goldstein_mean is None:
                if len(run) > 1:
                    parts.append(f'<polyline class="line {css}" points="{" ".join(run)}"/>')
                run = []
                continue
            run.append(f"{x:.1f},{gy(p.goldstein_mean):.1f}")
            parts.append(f'<circle class="dot {css}" cx="{x:.1f}" cy="{gy(p.goldstein_mean):.1f}" r="{3.5 if narrow else 3}">'
                         f"<title>{escape(src)} → {escape(dst)}, {escape(period_label(p.period, freq, long=True))}: "
                         f"mean Goldstein {p.goldstein_mean:+.1f} over {p.events} event{'s' if p.events != 1 else ''}</title></circle>")
        if len(run) > 1:
            parts.append(f'<polyline class="line {css}" points="{" ".join(run)}"/>')

    # Quad-class panel: A -> B up, B -> A down, from a shared axis.
    axis_y = b_top + half
    peak = max([sum(p.quad_counts) for p in forward + backward] or [1]) or 1
    bar_w = max(1.0, step * 0.72)
    parts.append(f'<text class="panel" x="{left}" y="{b_top - 16}">Events by quad class</text>')
    parts.append(f'<text class="side" x="{width - right}" y="{b_top + 10}" text-anchor="end">{escape(a_label)} → {escape(b_label)}</text>')
    parts.append(f'<text class="side" x="{width - right}" y="{b_top + 2 * half - 2}" text-anchor="end">{escape(b_label)} → {escape(a_label)}</text>')
    parts.append(f'<text class="tick" x="{left - 5}" y="{b_top + 8}" text-anchor="end">{peak}</text>')
    parts.append(f'<text class="tick" x="{left - 5}" y="{b_top + 2 * half}" text-anchor="end">{peak}</text>')
    for sign, points, src, dst in ((-1, forward, a_label, b_label), (1, backward, b_label, a_label)):
        for i, p in enumerate(points):
            x = left + i * step + (step - bar_w) / 2
            y = axis_y
            for quad in (1, 2, 3, 4):
                n = p.quad_counts[quad - 1]
                if not n:
                    continue
                h = half * n / peak
                top = y - h if sign < 0 else y
                parts.append(f'<rect class="q{quad}" x="{x:.1f}" y="{top:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                             f"<title>{escape(src)} → {escape(dst)}, {escape(period_label(p.period, freq, long=True))}: "
                             f"{n} {QUAD_NAMES[quad]}</title></rect>")
                y = top if sign < 0 else y + h
    parts.append(f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}"/>')
    for i in tick_indices(len(periods), plot_w):
        x = left + (i + 0.5) * step
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 10}" text-anchor="middle">{escape(period_label(periods[i], freq))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# -- the actor network -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def force_layout(keys: tuple[str, ...], edges: tuple[tuple[str, str, int], ...], iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Positions in the unit square from a Fruchterman-Reingold layout, started on a circle.

    Deterministic (no random start), so the same network is drawn the same way every time.
    Our own few lines of numpy: networkx would be a dependency for this one function.
    """
    import numpy as np

    n = len(keys)
    if n == 0:
        return {}
    if n == 1:
        return {keys[0]: (0.5, 0.5)}
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False) - np.pi / 2
    pos = np.c_[np.cos(angle), np.sin(angle)] * 0.5
    index = {k: i for i, k in enumerate(keys)}
    weight = np.zeros((n, n))
    for a, b, w in edges:
        if a in index and b in index:
            weight[index[a], index[b]] += w
            weight[index[b], index[a]] += w
    weight = np.log1p(weight)
    k = 1.6 * math.sqrt(1.0 / n)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        repulse = (k * k / dist**2)[:, :, None] * delta
        attract = (weight * dist / k)[:, :, None] * delta
        move = (repulse - attract).sum(axis=1)
        # A weak pull to the centre keeps actors with no edge among the kept ones on the page.
        move -= pos * 0.05
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    unit = (pos - lo) / span
    return {key: (float(unit[i, 0]), float(unit[i, 1])) for key, i in index.items()}


def network_chart(nodes: Sequence, edges: Sequence, *, dyad_url: Callable[[str, str], str], width: int = WIDE) -> Markup:
    """Actors as circles sized by events, directed edges as arcs weighted by events and coloured
    by mean Goldstein; each edge links to its dyad page."""
    label = "Actor network"
    if not nodes or not edges:
        return empty(label)
    narrow = width < 500
    height = 420 if narrow else 460
    pad_x, pad_y = (52, 34) if narrow else (90, 34)
    layout = force_layout(tuple(n.key for n in nodes), tuple((e.source, e.target, e.events) for e in edges))
    at = {k: (pad_x + x * (width - 2 * pad_x), pad_y + y * (height - pad_y - 52)) for k, (x, y) in layout.items()}  # room for labels under the lowest
    peak_node = max(n.events for n in nodes) or 1
    peak_edge = max(e.events for e in edges) or 1
    radius = {n.key: (5 if narrow else 6) + (14 if narrow else 18) * math.sqrt(n.events / peak_node) for n in nodes}
    names = {n.key: n.label for n in nodes}
    parts = [_svg_open(width, height, label, "chart network")]
    for e in sorted(edges, key=lambda e: e.events):
        (x1, y1), (x2, y2) = at[e.source], at[e.target]
        # Bend each direction to its own side, so A -> B and B -> A are two visible arcs.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        bend = min(40.0, 0.18 * length)
        cx, cy = mx - dy / length * bend, my + dx / length * bend
        stroke = 1.2 + (6 if narrow else 8) * math.sqrt(e.events / peak_edge)
        goldstein = "?" if e.goldstein_mean is None else f"{e.goldstein_mean:+.1f}"
        title = f"{names[e.source]} → {names[e.target]}: {e.events} event{'s' if e.events != 1 else ''}, mean Goldstein {goldstein}"
        # The arrowhead: a triangle on the target's rim, pointing along the curve's last stretch.
        colour = goldstein_colour(e.goldstein_mean)
        tip = _towards(x2, y2, cx, cy, radius[e.target] + 1.5)
        size = 7 + stroke
        base = _towards(x2, y2, cx, cy, radius[e.target] + 1.5 + size)
        ux, uy = (tip[0] - base[0]) / size, (tip[1] - base[1]) / size
        half = size * 0.45
        head = f"{tip[0]:.1f},{tip[1]:.1f} {base[0] - uy * half:.1f},{base[1] + ux * half:.1f} {base[0] + uy * half:.1f},{base[1] - ux * half:.1f}"
        parts.append(
            f'<a href="{escape(dyad_url(e.source, e.target))}" class="edge">'
            f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {base[0]:.1f},{base[1]:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="{stroke:.1f}" stroke-opacity="0.75"/>'
            f'<polygon points="{head}" fill="{colour}"/>'
            f"<title>{escape(title)}</title></a>"
        )
    labels = []
    for n in nodes:
        x, y = at[n.key]
        r = radius[n.key]
        goldstein = "?" if n.goldstein_mean is None else f"{n.goldstein_mean:+.1f}"
        labels.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text class="label" x="{x:.1f}" y="{y + r + 15:.1f}" text-anchor="middle">{escape(n.label)}</text>'
            f"<title>{escape(n.label)} ({escape(n.key)}): {n.events} events, mean Goldstein {goldstein}</title></g>"
        )
    parts += labels
    parts.append("</svg>")
    return Markup("".join(parts))


def _towards(x: float, y: float, cx: float, cy: float, distance: float) -> tuple[float, float]:
    dx, dy = cx - x, cy - y
    length = math.hypot(dx, dy) or 1
    return x + dx / length * distance, y + dy / length * distance


def goldstein_legend() -> Markup:
    """The colour scale of edges, as a row of labelled swatches (SVG, so no style attribute)."""
    stops = (-10, -5, -2, 0, 2, 5, 10)
    parts = ['<svg class="legend-scale" viewBox="0 0 300 34" role="img" aria-label="Edge colour: mean Goldstein" xmlns="http://www.w3.org/2000/svg">']
    for i, v in enumerate(stops):
        x = 8 + i * 41
        parts.append(f'<rect x="{x}" y="2" width="36" height="12" rx="2" fill="{goldstein_colour(v)}"/>')
        parts.append(f'<text class="tick" x="{x + 18}" y="30" text-anchor="middle">{v:+d}</text>' if v else
                     f'<text class="tick" x="{x + 18}" y="30" text-anchor="middle">0</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
