"""Article text as HTML: escaped first, then marked up by offsets, so hostile text stays text.

Every function here returns `markupsafe.Markup` built only from escaped pieces of the
input and markup this module writes itself; templates never mark anything else safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

#: What the store is asked to put around matched words in snippets. Private-use
#: characters, so they survive escaping untouched and are turned into <mark> afterwards.
SNIPPET_OPEN, SNIPPET_CLOSE = "\ue000", "\ue001"
#: How many speaker colours the stylesheet defines (classes sp-0 .. sp-11). Past that the
#: colours come round again with a dashed rule (class sp-alt), and every speaker also has a
#: number, shown in the legend and before each of their quotes, so no two speakers look alike.
SPEAKER_COLOURS = 12


@dataclass(frozen=True)
class Layer:
    """One kind of span drawn over the text; `order` nests layers (lower is outer)."""

    start: int
    end: int
    order: int
    css: str
    title: str = ""
    marker: str = ""  # shown (by the stylesheet) before the layer's first piece only
    anchor: str = ""  # an id for the layer's first piece, so a link can point at it


def snippet_html(snippet: str) -> Markup:
    """An FTS snippet with the store's marks as <mark>: escaped first, marks always balanced."""
    out, open_ = [], False
    for piece in _split_marks(str(escape(snippet))):
        if piece == SNIPPET_OPEN:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif piece == SNIPPET_CLOSE:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(piece)
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def _split_marks(text: str) -> Iterable[str]:
    start = 0
    for i, ch in enumerate(text):
        if ch in (SNIPPET_OPEN, SNIPPET_CLOSE):
            if i > start:
                yield text[start:i]
            yield ch
            start = i + 1
    if start < len(text):
        yield text[start:]


def safe_url(url: str | None) -> str | None:
    """`url` if it may become an anchor (http or https with a host), else None."""
    if not url or any(ord(c) < 32 or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def speaker_classes(quotes: Sequence[dict]) -> dict[str, str]:
    """Speaker name -> CSS classes, in order of first appearance; distinct for 2 x SPEAKER_COLOURS speakers."""
    classes: dict[str, str] = {}
    for quote in quotes:
        name = speaker_name(quote)
        if name not in classes:
            n = len(classes)
            classes[name] = f"sp-{n % SPEAKER_COLOURS}" + (" sp-alt" if (n // SPEAKER_COLOURS) % 2 else "")
    return classes


def speaker_numbers(classes: dict[str, str]) -> dict[str, int]:
    """Speaker name -> the number shown in the legend and before each quote (1, 2, ...)."""
    return {name: i for i, name in enumerate(classes, 1)}


def speaker_name(quote: dict) -> str:
    speaker = quote.get("speaker") or {}
    return speaker.get("name") or "unknown speaker"


def article_layers(record: dict, classes: dict[str, str]) -> list[Layer]:
    """Quotes (coloured by speaker), events (underlined) and places (marked) of one record."""
    layers = []
    numbers = speaker_numbers(classes)
    for quote in record.get("quotes", []):
        name = speaker_name(quote)
        role = (quote.get("speaker") or {}).get("role")
        title = f"{name}, {role}" if role else name
        layers.append(Layer(quote["start"], quote["end"], 0, f"quote {classes[name]}", f"{title} ({quote['kind']})", str(numbers[name])))
    for i, event in enumerate(record.get("events", [])):
        evidence = event["evidence"]
        layers.append(Layer(evidence["start"], evidence["end"], 1, "event", f"event {i}: " + event_summary(event), anchor=f"text-event-{i}"))
    for place in record.get("places", []):
        where = ", ".join(str(x) for x in (place.get("kind"), place.get("admin1"), place.get("country")) if x)
        css = "place metonymic" if place.get("metonymic") else "place"
        layers.append(Layer(place["start"], place["end"], 2, css, f"{place['name']}: {where}" if where else place["name"]))
    return layers


def event_summary(event: dict) -> str:
    """One line on how an event was coded: code, Goldstein, actors and how each was resolved, rule."""
    goldstein = event.get("goldstein")

    def actor(role: str) -> str:
        a = event.get(role) or {}
        if not a:
            return "?"
        return f"{a.get('text')!s} = {a.get('code') or 'unresolved'} ({a.get('source') or '?'})"

    return (f"CAMEO {event['code']}, Goldstein {goldstein if goldstein is not None else '?'}, "
            f"{actor('source')} -> {actor('target')}, {event.get('modality') or '?'}, rule {event.get('rule') or '?'}")


def render_spans(text: str, start: int, end: int, layers: Sequence[Layer]) -> Markup:
    """`text[start:end]` escaped, with each layer's stretch wrapped in a <span class title>.

    The text is cut at every layer boundary; each piece opens the spans covering it (outer
    layers first) and closes them at its end, so overlapping layers still give balanced markup.
    """
    inside = [layer for layer in layers if layer.start < end and layer.end > start and layer.start < layer.end]
    cuts = sorted({start, end, *(max(start, x.start) for x in inside), *(min(end, x.end) for x in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((x for x in inside if x.start <= a and x.end >= b), key=lambda x: (x.order, x.start))
        piece = str(escape(text[a:b]))
        for layer in reversed(covering):
            attrs = f' title="{escape(layer.title)}"' if layer.title else ""
            if a == layer.start:
                if layer.marker:
                    attrs += f' data-marker="{escape(layer.marker)}"'
                if layer.anchor:
                    attrs += f' id="{escape(layer.anchor)}"'
            piece = f'<span class="{escape(layer.css)}"{attrs}>{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def paragraphs_html(record: dict, layers: Sequence[Layer]) -> list[Markup]:
    """The cleaned text as one Markup per paragraph."""
    text = record.get("text") or ""
    spans = record.get("paragraphs") or ([(0, len(text))] if text else [])
    return [render_spans(text, s, e, layers) for s, e in spans]


def raw_html(record: dict) -> Markup:
    """The original input, escaped, with every stretch the cleaner left out marked by why."""
    raw = record.get("raw") or ""
    layers = [
        Layer(r["raw_start"], r["raw_end"], 0, "removed", f"removed: {r['kind']}")
        for r in record.get("removals", [])
        if 0 <= r["raw_start"] < r["raw_end"] <= len(raw)
    ]
    return render_spans(raw, 0, len(raw), layers)
