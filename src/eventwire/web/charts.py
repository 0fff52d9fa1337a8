"""Small charts as server-rendered SVG: our own code, no script, no inline style.

Colours and fonts come from classes in ``static/style.css`` (the CSP forbids style
attributes); labels are escaped like any other text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape


def bar_chart(points: Sequence[tuple[str, int]], *, label: str, width: int = 640, height: int = 160, unit: str = "") -> Markup:
    """A bar per (label, value), first and last labels under the axis, each bar titled with its value.

    Returns an empty-state paragraph when there is nothing to draw.
    """
    if not points:
        return Markup('<p class="empty">{}</p>').format(f"No data for {label.lower()}.")
    top, bottom, left, right = 12, 22, 32, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(value for _, value in points) or 1
    step = plot_w / len(points)
    bar_w = max(1.0, step * 0.8)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 8}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, (name, value) in enumerate(points):
        h = plot_h * value / peak
        x = left + i * step + (step - bar_w) / 2
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(name)}: {value}{escape(unit)}</title></rect>"
        )
    y = height - 6
    parts.append(f'<text class="tick" x="{left}" y="{y}">{escape(points[0][0])}</text>')
    if len(points) > 1:
        parts.append(f'<text class="tick" x="{width - right}" y="{y}" text-anchor="end">{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bucket(counts: Sequence[tuple[str, int]], max_bars: int = 90) -> list[tuple[str, int]]:
    """Daily counts (ISO dates, sorted) summed into months, or years, when there are too many bars."""
    for width in (10, 7, 4):
        merged: dict[str, int] = {}
        for day, n in counts:
            merged[day[:width]] = merged.get(day[:width], 0) + n
        if len(merged) <= max_bars or width == 4:
            return list(merged.items())
    return list(counts)
