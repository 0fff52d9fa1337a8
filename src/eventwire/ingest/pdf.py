"""The PDF reader: the text layer of a PDF export, laid out again as a paste would be.

pypdf (BSD) reads the text layer (PyMuPDF is AGPL). pypdf's visitor tells us where
each run of text starts and at what size, and from those positions this module
rebuilds what a person copying the article would have got:

- running headers and footers go: the outermost lines of a page that repeat on other
  pages (digits aside), page numbers ("3", "- 3 -", "Page 3 of 7", "3/7") and the
  lines a browser prints round a page ("30/03/2026, 14:02  Title - Site",
  "https://...  2/3");
- columns are read one after the other: a column edge is an x where many lines start
  and no line crosses, so a full-width headline above the columns stays whole;
- a paragraph ends where the layout shows it, at a larger gap between baselines, an
  indented first line or a change of type size, and there the text gets a blank line.
  Elsewhere lines stay as lines, so the plain-text cleaner reflows them, undoes
  line-end hyphenation and joins wrapped URLs exactly as it does for a paste. Page
  and column breaks are not paragraph breaks by themselves: "negoti-" at the foot of
  one page and "ations" at the head of the next meet again once the footer and
  header between them are gone;
- a paragraph in other type than the body's (a headline, a byline, a teaser, a credit
  line) is written as one line where it was merely wrapped, since the cleaner
  recognises those by whole lines.

What the document says about itself is mostly not trusted, because PDF producers
fill it carelessly:

- ``/Title`` is often a file name ("report_final.docx"), "Untitled", or "Microsoft
  Word - ..."; a browser writes the page's title with the site name after it. It is
  used only when its words (or those before a " - Site" / " | Site" tail) also open
  the extracted text, that is when the document itself confirms it is the headline.
- ``/Author`` names whoever made the file: the account of a word processor, or
  nobody in particular for a browser's print. It is never used; a byline in the text
  is better evidence and the cleaner reads that.
- ``/CreationDate`` is when the file was made, for a print-to-PDF the day it was
  printed, not the day the article appeared. It is never used as the publication date.
- the URL a browser prints in its footer is the address of the page printed, so it
  becomes the article's URL (with ``url_source`` "text": it is printed text).
- without a confirmed ``/Title``, the headline is the first paragraph when it is set
  larger than the body: the layout says so more reliably than the words do.

The metadata's ``source`` is "text" because the schema has no "pdf" value: every
field taken here is either printed on the page or confirmed by the printed text.
When nothing was learnt, the document carries no ``found`` at all, and the cleaner
treats the text exactly as a paste.

Failures are per document: ``encrypted-pdf`` when the empty user password does not
open the file (one that opens with it is read as usual), ``no-text-layer`` for
scans and text whose fonts carry no Unicode map, ``broken-pdf`` for anything pypdf
cannot parse, ``empty-input`` for a PDF without pages.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import DocumentFailed
from ..limits import time_limit
from ..model import Document, FoundLink, InputInfo, ReaderMetadata
from ..settings import Settings
from .identity import document_id

__all__ = ["read_pdf"]

# -- layout thresholds, in units of the text's own size unless said otherwise -------------
#: Share of the page height, from the top and from the bottom, where running heads may stand.
BAND_SHARE = 0.15
#: How many lines at the top and at the bottom of a page are examined as running heads.
BAND_LINES = 2
#: A running head repeats on at least this share of the pages (and on two at least).
REPEAT_SHARE = 0.4
#: Baselines closer than this (x size) belong to one line.
SAME_LINE = 0.45
#: A gap between baselines larger than the usual line pitch times this ends a paragraph.
GAP_FACTOR = 1.3
#: A line starting this far (x size) right of its column's edge is indented...
INDENT_MIN = 0.6
#: ...but not if it starts further than this: then it is centred or set apart, and that decides nothing.
INDENT_MAX = 6.0
#: Sizes further apart than this ratio are different type.
SIZE_CHANGE = 1.12
#: A column edge is where at least this many lines start at the same x ...
COLUMN_MIN_LINES = 3
#: ... and at most this share of the lines beside it cross that x.
COLUMN_MAX_CROSSING = 0.1
#: Below the other columns, the first one runs on over gaps up to this (x size): a line and a paragraph's space.
COLUMN_RUN_ON = 2.6
#: A column edge lies within this middle share of the page width.
COLUMN_ZONE = (0.2, 0.8)

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNREADABLE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")
# A hyphen a typesetter put at a line end, whatever code point the font maps it to.
_LINE_END_HYPHEN = re.compile(r"[\u00ad\u2010\u2011]$")

_URL_PIECE = re.compile(r"(?:https?://|file:/|about:|www\.)\S+", re.IGNORECASE)
_PRINT_DATETIME = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
)
_PAGE_NUMBER = re.compile(
    r"[-–—(\[]?\s*(?:(?:page|p\.|pg\.?|seite|side|sida|sivu|página|pagina|стр\.?)\s*)?"
    r"\d{1,4}(?:\s*(?:of|/|von|av|af|de|di|из)\s*\d{1,4})?\s*[-–—)\]]?",
    re.IGNORECASE,
)
# "3/7", "Page 3 of 7", "3 of 7" at the end of a piece: a page count, never the end of a sentence.
_PAGE_OF = re.compile(r"(?:(?<=\s)|^)(?:page\s*)?\d{1,4}\s*(?:/|of)\s*\d{1,4}$", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s+[-|–—·•:]\s+(?=[^-|–—·•:]+$)")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|odt|rtf|txt|html?|pages|indd|xlsx?|pptx?|ps|tex)\s*$", re.IGNORECASE)
_JUNK_TITLE = re.compile(
    r"(?:untitled|document\s*\d*|print|printing|slide\s*\d*|page\s*\d*|none|null|title|microsoft (?:word|powerpoint|excel) - .*|.*\b(?:\.docx?|\.pdf)\b.*)",
    re.IGNORECASE,
)


@dataclass
class _Run:
    """Text pypdf drew from one position, in the page's reading frame (y grows upwards)."""

    text: str
    x: float
    y: float
    size: float
    order: int
    space_before: bool = False  # a run of only white space stood just before it
    width_factor: float = 1.0  # how wide the typeface runs (see `_typeface_width`)

    @property
    def end(self) -> float:
        return self.x + self.width_factor * estimate_width(self.text, self.size)


@dataclass
class _Line:
    runs: list[_Run]
    y: float
    size: float
    page: int
    column: int = 0
    text: str = ""

    @property
    def x(self) -> float:
        return self.runs[0].x

    @property
    def end(self) -> float:
        return max(r.end for r in self.runs)


@dataclass
class _Page:
    index: int
    left: float
    bottom: float
    right: float
    top: float
    runs: list[_Run] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes, path: str | None, settings: Settings) -> Iterator[Document]:
    """One document: the PDF's text as a paste, with what the PDF tells besides. Raises DocumentFailed."""
    with time_limit(settings.timeout), _quiet_pypdf():
        raw, found = _extract(data)
    info = InputInfo(path=path, format="pdf", encoding=None, bytes=len(data))
    yield Document(raw=raw, id=document_id(data, path), input=info, found=found)


def _extract(data: bytes) -> tuple[str, ReaderMetadata | None]:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = _open(data)
        pages = _read_pages(reader)
        links = _uri_links(reader)
        title = _info_title(reader)
    except (DocumentFailed, ImportError):
        raise
    except DependencyError as exc:
        raise DocumentFailed("encrypted-pdf", f"the PDF is encrypted with a cipher that needs an optional package ({_short(exc)}); decrypt it first (for example with qpdf --decrypt)") from None
    except FileNotDecryptedError:
        raise DocumentFailed("encrypted-pdf", "the PDF is encrypted and needs a password; decrypt it first (for example with qpdf --decrypt)") from None
    except Exception as exc:  # pypdf fails on damaged files in many ways (KeyError, ValueError, ...): all mean the same here
        raise DocumentFailed("broken-pdf", f"the PDF could not be parsed ({type(exc).__name__}: {_short(exc)}); is the file complete?") from None

    characters = "".join(run.text for page in pages for run in page.runs)
    visible = re.sub(r"\s+", "", characters)
    if not visible and _cut_short(data):
        raise DocumentFailed("broken-pdf", "the PDF holds no text and its end is missing (no %%EOF): is the file complete?")
    if not visible:
        raise DocumentFailed("no-text-layer", f"the PDF's {len(pages)} page(s) hold no text layer (scanned images?); run OCR on it first")
    if len(_UNREADABLE.findall(visible)) > 0.5 * len(visible):
        raise DocumentFailed("no-text-layer", "the PDF's text cannot be decoded (its fonts carry no Unicode map); run OCR on it first")
    try:
        layout = lay_out(pages, title)
    except DocumentFailed:
        raise  # the time limit
    except Exception as exc:  # a reader's error would end the whole batch; this way only the document fails
        raise DocumentFailed("internal-error", f"laying out the PDF's text failed: {type(exc).__name__}: {_short(exc)} (please report this with the file)") from exc
    found = ReaderMetadata(
        source="text",
        url=layout.printed_url,
        title=_confirmed_title(title, layout.text) or layout.headline,
        links=links,
    )
    # With nothing learnt, the cleaner treats the text exactly as a paste.
    return layout.text, found if (found.url or found.title or found.links) else None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


@contextmanager
def _quiet_pypdf():
    """pypdf logs every repair it makes to a damaged file; the user only needs our one error line."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open(data: bytes):
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise DocumentFailed("encrypted-pdf", "the PDF is encrypted and needs a password; decrypt it first (for example with qpdf --decrypt)")
    if len(reader.pages) == 0:
        if _cut_short(data):
            raise DocumentFailed("broken-pdf", "no pages were found and the PDF's end is missing (no %%EOF): is the file complete?")
        raise DocumentFailed("empty-input", "the PDF has no pages")
    return reader


def _cut_short(data: bytes) -> bool:
    """A complete PDF ends with %%EOF (give or take a little trailing junk); a truncated one does not."""
    return b"%%EOF" not in data[-2048:]


# -- reading the runs -------------------------------------------------------------------


def _read_pages(reader) -> list[_Page]:
    pages = []
    for index, page in enumerate(reader.pages):
        box = page.cropbox
        left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        collected: list[tuple[str, float, float, float, int, float]] = []

        def visit(text, cm, tm, font, size, collected=collected):
            if not text:
                return
            m = _multiply(tm, cm)
            scale = math.hypot(m[2], m[3])
            angle = round(math.degrees(math.atan2(m[1], m[0])) / 90) % 4 * 90
            factor = _typeface_width(font.get("/BaseFont") if hasattr(font, "get") else None)
            collected.append((text, m[4], m[5], abs(float(size) * scale) or 1.0, angle, factor))

        page.extract_text(visitor_text=visit)
        pages.append(_orient(_Page(index, left, bottom, right, top), collected))
    return pages


def _multiply(a, b) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _orient(page: _Page, collected) -> _Page:
    """Keep the text that runs the page's main way, turned so that it reads left to right.

    Text at another angle (a sideways margin note, a diagonal stamp) is not part of
    the article's flow; a page whose text is all sideways is read turned.
    """
    weight: Counter = Counter()
    for text, _x, _y, _size, angle, _factor in collected:
        weight[angle] += len(text.strip())
    if not weight:
        return page
    main = weight.most_common(1)[0][0]
    corners = [_turn(x, y, main) for x in (page.left, page.right) for y in (page.bottom, page.top)]
    page.left, page.right = min(c[0] for c in corners), max(c[0] for c in corners)
    page.bottom, page.top = min(c[1] for c in corners), max(c[1] for c in corners)
    space_pending = False
    seen: set[tuple[str, int, int]] = set()
    for text, x, y, size, angle, factor in collected:
        if angle != main:
            continue
        text = _CONTROL.sub("", text.translate(_LIGATURES))
        for k, piece in enumerate(text.split("\n")):
            if not piece.strip():
                space_pending = space_pending or bool(piece) or k > 0
                continue
            px, py = _turn(x, y - k * size * 1.2, main)
            key = (piece, round(px / 2), round(py / 2))
            if key in seen:
                continue  # drawn twice a hair apart: a poor man's bold
            seen.add(key)
            page.runs.append(_Run(piece, px, py, size, len(page.runs), space_before=space_pending, width_factor=factor))
            space_pending = piece[-1].isspace()
    return page


def _turn(x: float, y: float, angle: int) -> tuple[float, float]:
    if angle == 90:
        return y, -x
    if angle == 180:
        return -x, -y
    if angle == 270:
        return -y, x
    return x, y


# Relative widths of a typical proportional Latin typeface, by character shape. Only used to
# tell where a run of text ends; the estimate errs on the narrow side (see `_crosses`).
_NARROW = set(" il.,;:'!|ijlftI()[]{}\"`’‘-")
_WIDE = set("mwMW@%&—")


def _typeface_width(name) -> float:
    """How wide a typeface runs against the sans-serif the estimate below assumes, from its name."""
    name = str(name or "").lower()
    weight = 1.07 if any(heavy in name for heavy in ("bold", "black", "heavy", "semibold")) else 1.0
    if "courier" in name or "mono" in name:
        return 1.15  # every glyph 0.6 em
    if "narrow" in name or "condensed" in name or "cond" in name:
        return 0.82 * weight
    if "sans" not in name and any(serif in name for serif in ("times", "serif", "georgia", "garamond", "roman", "minion", "cambria", "palatino")):
        return 0.9 * weight
    return weight


def estimate_width(text: str, size: float) -> float:
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 0.28
        elif ch in _WIDE:
            total += 0.85
        elif ch.isupper():
            total += 0.66
        elif ch.isdigit():
            total += 0.55
        else:
            total += 0.5
    return total * size


# -- lines ------------------------------------------------------------------------------


def _group_lines(runs: list[_Run], page: int) -> list[_Line]:
    """Runs on one baseline make a line; lines come top to bottom."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x, r.order)):
        if lines and abs(lines[-1].y - run.y) <= SAME_LINE * min(lines[-1].size, run.size):
            lines[-1].runs.append(run)
            continue
        lines.append(_Line([run], run.y, run.size, page))
    for line in lines:
        line.runs.sort(key=lambda r: (r.x, r.order))
        line.size = _main_size(line.runs)
        line.text = _line_text(line.runs)
    return lines


def _main_size(runs: list[_Run]) -> float:
    weight: Counter = Counter()
    for run in runs:
        weight[round(run.size, 1)] += len(run.text)
    return weight.most_common(1)[0][0]


def _line_text(runs: list[_Run]) -> str:
    parts: list[str] = []
    previous: _Run | None = None
    for run in runs:
        text = run.text
        if previous is not None:
            joined_edge = parts[-1][-1:].isspace() or text[:1].isspace()
            if not joined_edge:
                follows = run.order == previous.order + 1 and not run.space_before
                gap = run.x - previous.end
                # Consecutive runs were already spaced by pypdf from real glyph widths;
                # only runs drawn out of order need our estimate.
                if run.space_before or (not follows and gap > 0.15 * min(run.size, previous.size)):
                    parts.append(" ")
        parts.append(text)
        previous = run
    text = "".join(parts).strip()
    return _LINE_END_HYPHEN.sub("-", text)


# -- running heads ------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _band_lines(page: _Page, lines: list[_Line]) -> list[_Line]:
    """The outermost lines at the top and the bottom of a page, if they stand in its margins."""
    band = BAND_SHARE * page.height
    top = [ln for ln in lines[:BAND_LINES] if ln.y >= page.top - band]
    bottom = [ln for ln in lines[-BAND_LINES:] if ln.y <= page.bottom + band and all(ln is not t for t in top)]
    return top + bottom


def _is_print_chrome(line: _Line, title: str | None) -> bool:
    """A line a browser or word processor prints round the page: page numbers, print date, URL, title.

    Each run of the line is looked at alone, so that a number at the end of a sentence
    ("... their boundary in 2010") is not taken for a page number.
    """
    whole = " ".join(line.text.split())
    if _PAGE_NUMBER.fullmatch(whole) or _PRINT_DATETIME.match(whole):
        return True  # "30/03/2026, 14:02  Title - Site": the print date opens the header
    marks = 0
    rest: list[str] = []
    for run in line.runs:
        piece = " ".join(run.text.split())
        if _PAGE_NUMBER.fullmatch(piece):
            marks += 1
            continue
        for pattern in (_URL_PIECE, _PRINT_DATETIME, _PAGE_OF):
            piece, found = pattern.subn(" ", piece)
            marks += found
        rest.append(piece)
    remainder = " ".join(" ".join(rest).split()).strip(" -|–—·•")
    if not marks:
        return False
    return not remainder or (title is not None and _title_prefix(remainder, title))


def _title_prefix(text: str, title: str) -> bool:
    """The text is the title, or the title cut short with an ellipsis (as print headers do)."""
    text = " ".join(text.casefold().split()).rstrip("…. ")
    title = " ".join(title.casefold().split())
    return bool(text) and title.startswith(text) and len(text) >= min(len(title), 12)


def _running_heads(pages: list[_Page], lines_by_page: list[list[_Line]], title: str | None) -> tuple[set[int], str | None]:
    """Ids of the lines that are running heads, page numbers or print chrome, and a printed URL."""
    candidates = [(page, line) for page, lines in zip(pages, lines_by_page) for line in _band_lines(page, lines)]
    pages_with: dict[str, set[int]] = defaultdict(set)
    for page, line in candidates:
        pages_with[_normalise(line.text)].add(page.index)
    needed = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    removed: set[int] = set()
    urls: Counter = Counter()
    for _page, line in candidates:
        repeated = len(pages) > 1 and len(pages_with[_normalise(line.text)]) >= needed
        if repeated or _is_print_chrome(line, title):
            removed.add(id(line))
            for match in _URL_PIECE.finditer(line.text):
                url = match.group(0).rstrip(".,;)")
                if url.lower().startswith(("http://", "https://")) and not url.endswith(("…", "...")):
                    urls[url] += 1
    printed_url = urls.most_common(1)[0][0] if urls else None
    return removed, printed_url


# -- columns ------------------------------------------------------------------------------


def _column_edges(page: _Page, lines: list[_Line]) -> list[float]:
    """x positions where a column starts, left to right (the page's left margin excluded).

    A column edge is an x in the middle of the page where several lines start a run,
    and which the lines beside them do not cross. Runs starting there by chance
    (a bold word, a link) fail the second test: the lines around them run through.
    """
    low, high = page.left + COLUMN_ZONE[0] * page.width, page.left + COLUMN_ZONE[1] * page.width
    starts: dict[int, list[_Line]] = defaultdict(list)
    for line in lines:
        for run in line.runs:
            if low <= run.x <= high:
                starts[round(run.x / 2)].append(line)
    edges: list[float] = []
    for key in sorted(starts, key=lambda k: -len(starts[k])):
        group = starts[key] + starts.get(key - 1, []) + starts.get(key + 1, [])
        distinct = {id(ln): ln for ln in group}
        if len(distinct) < COLUMN_MIN_LINES:
            continue
        x = min(run.x for ln in distinct.values() for run in ln.runs if abs(run.x - key * 2) <= 3)
        if any(abs(x - e) < 20 for e in edges):
            continue
        y_low = min(ln.y for ln in distinct.values())
        y_high = max(ln.y for ln in distinct.values())
        beside = [ln for ln in lines if y_low <= ln.y <= y_high]
        crossing = sum(1 for ln in beside if _crosses(ln, x))
        if crossing <= COLUMN_MAX_CROSSING * len(beside):
            edges.append(x)
    return sorted(edges)


def _crosses(line: _Line, x: float) -> bool:
    """Some run of the line starts left of x and (by a narrow estimate of its width) reaches past it."""
    for run in line.runs:
        if run.x < x - 1 and run.x + 0.85 * run.width_factor * estimate_width(run.text.rstrip(), run.size) > x + 1:
            return True
    return False


def _split_columns(page: _Page, lines: list[_Line]) -> list[_Line]:
    """The page's lines in reading order: full-width lines above, each column in turn, full-width below."""
    edges = _column_edges(page, lines)
    if not edges:
        return lines
    # The columns span the lines from the first to the last that hold a run beyond an edge. A
    # line crossing an edge (a headline over the columns, a note under them) is read in its place.
    inside = [not any(_crosses(ln, e) for e in edges) for ln in lines]
    beyond = [i for i, ln in enumerate(lines) if any(run.x >= e - 3 for e in edges for run in ln.runs)]
    start, end = beyond[0], beyond[-1]
    if not all(inside[start:end + 1]):
        return lines  # something runs across the columns between their ends: leave the page as it is
    # Short lines above (a headline, a byline) join the first column, which is read first anyway.
    while start > 0 and inside[start - 1]:
        start -= 1
    # Below, the first column may run on past the others, over a paragraph gap or two; a line
    # set further apart from the first column's last line is a note under the columns, read after them.
    first_column = [ln for ln in lines[start:end + 1] if any(run.x < edges[0] - 3 for run in ln.runs)]
    last = first_column[-1] if first_column else lines[end]
    while end + 1 < len(lines) and inside[end + 1] and last.y - lines[end + 1].y <= COLUMN_RUN_ON * max(last.size, lines[end + 1].size):
        end += 1
        last = lines[end]
    columns: list[list[_Run]] = [[] for _ in range(len(edges) + 1)]
    for line in lines[start:end + 1]:
        for run in line.runs:
            columns[sum(1 for e in edges if run.x >= e - 3)].append(run)
    ordered = lines[:start]
    for number, runs in enumerate(columns):
        for line in _group_lines(runs, page.index):
            line.column = number
            ordered.append(line)
    return ordered + lines[end + 1:]


# -- paragraphs -------------------------------------------------------------------------------


@dataclass
class Layout:
    text: str  # the pages' text as a paste: paragraphs apart by blank lines
    printed_url: str | None = None  # the page address a browser printed round the pages
    headline: str | None = None  # the first paragraph, if it is set larger than the body


def lay_out(pages: list[_Page], title: str | None = None) -> Layout:
    """The pages' text laid out again as a paste, and what the layout tells besides."""
    lines_by_page = [_group_lines(page.runs, page.index) for page in pages]
    removed, printed_url = _running_heads(pages, lines_by_page, title)
    flow: list[_Line] = []
    for page, lines in zip(pages, lines_by_page):
        body = [ln for ln in lines if id(ln) not in removed]
        flow.extend(_split_columns(page, body))
    flow = [ln for ln in flow if ln.text]
    if not flow:
        return Layout("", printed_url)
    body_size = _main_size_of(flow)
    pitch = _line_pitch(flow)
    edges = _column_lefts(flow)
    indent_style = _first_line_indents(flow, edges)
    paragraphs: list[list[_Line]] = []
    for i, line in enumerate(flow):
        previous = flow[i - 1] if i else None
        if previous is None or _breaks(previous, line, pitch, edges, indent_style):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    rights = _column_rights(flow)
    out = []
    for paragraph in paragraphs:
        if _same_size(_main_size_of(paragraph), body_size):
            out.append("\n".join(ln.text for ln in paragraph))
        else:
            # Headings, captions, teasers and credits: the cleaner recognises these by whole lines.
            out.append(_one_line(paragraph, rights, heading=_main_size_of(paragraph) > body_size))
    first = paragraphs[0]
    headline = None
    if _main_size_of(first) > SIZE_CHANGE * body_size and 2 <= len(" ".join(out[0].split()).split()) <= 30:
        headline = " ".join(out[0].split())  # type larger than the body's, above everything else
    return Layout("\n\n".join(out) + "\n", printed_url, headline)


def _main_size_of(lines: list[_Line]) -> float:
    """The type size most of the lines' characters are set in."""
    weight: Counter = Counter()
    for line in lines:
        weight[line.size] += len(line.text)
    return weight.most_common(1)[0][0]


def _line_pitch(lines: list[_Line]) -> dict[float, float]:
    """The usual distance between baselines, for each type size: the commonest one, paragraphs' gaps aside."""
    gaps: dict[float, list[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.column == b.column and _same_size(a.size, b.size):
            gap = a.y - b.y
            if 0.8 * a.size <= gap <= 4 * a.size:
                gaps[a.size].append(round(gap * 2) / 2)
    pitch = {}
    for size, values in gaps.items():
        counts = Counter(values)
        best = max(counts.values())
        # The smallest of the commonest gaps: in a text of one-line paragraphs every gap is a paragraph gap,
        # and then no gap stands out, which is right.
        pitch[size] = min(v for v, n in counts.items() if n >= 0.5 * best)
    return pitch


def _column_lefts(lines: list[_Line]) -> dict[tuple[int, int], float]:
    """The left edge of each column of each page: the leftmost x where more than one line starts.

    Not the commonest start: in a text of short indented paragraphs most lines are first lines.
    """
    starts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for line in lines:
        starts[(line.page, line.column)][round(line.x)] += 1
    return {key: float(min((x for x, n in counter.items() if n > 1), default=min(counter))) for key, counter in starts.items()}


def _same_size(a: float, b: float) -> bool:
    return max(a, b) <= SIZE_CHANGE * min(a, b)


def _indented(line: _Line, edges: dict[tuple[int, int], float]) -> bool:
    offset = line.x - edges[(line.page, line.column)]
    return INDENT_MIN * line.size <= offset <= INDENT_MAX * line.size


def _first_line_indents(lines: list[_Line], edges: dict[tuple[int, int], float]) -> bool:
    """Does the text mark paragraphs by indenting their first lines (an indented line, then flush ones)?"""
    flush_after_indent = sum(
        1
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.column == b.column and _indented(a, edges) and not _indented(b, edges) and _same_size(a.size, b.size)
    )
    return flush_after_indent >= 2


def _breaks(a: _Line, b: _Line, pitch: dict[float, float], edges: dict[tuple[int, int], float], indent_style: bool) -> bool:
    if not _same_size(a.size, b.size):
        return True
    if _indented(b, edges) and (indent_style or not _indented(a, edges)):
        # With first-line indents every indented line opens a paragraph; otherwise only the
        # first of a run of them does (a block quote or a list is indented all through).
        return True
    gap = a.y - b.y
    if a.page != b.page or (a.column != b.column and gap <= 0):
        return False  # a page or column break decides nothing; the cleaner looks at the words
    if gap < 0:
        return True  # the text went back up the page: a new block
    # From here b is below a: in the same column, or under the columns after the last of them.
    usual = pitch.get(a.size)
    if usual is None:
        return gap > 1.8 * a.size  # no usual pitch to go by: more than a line and a half of type
    return gap > GAP_FACTOR * usual


def _column_rights(lines: list[_Line]) -> dict[tuple[int, int], float]:
    """The right edge of each column of each page, as far as estimated widths tell."""
    ends: dict[tuple[int, int], list[float]] = defaultdict(list)
    for line in lines:
        ends[(line.page, line.column)].append(line.end)
    return {key: max(values) for key, values in ends.items()}


def _one_line(paragraph: list[_Line], rights: dict[tuple[int, int], float], heading: bool) -> str:
    """A paragraph in other type than the body's as one line, where it was wrapped.

    In small type a break stays where the next line's first word would have fitted on
    the line: two lines set one under the other (a dateline over a byline). A heading
    is one element, so its lines always join. Either way a break stays where a URL or
    a hyphen meets it: those the cleaner mends, as in a paste.
    """
    out = paragraph[0].text
    for previous, line in zip(paragraph, paragraph[1:]):
        last_word = out.rsplit(None, 1)[-1]
        first_word = line.text.split(None, 1)[0]
        room = rights[(previous.page, previous.column)] - previous.end
        fitted = room > previous.runs[-1].width_factor * estimate_width(" " + first_word, previous.size) + 0.5 * previous.size
        keep_break = (fitted and not heading) or out.endswith("-") or _URL_PIECE.match(last_word) or _URL_PIECE.match(line.text)
        out = f"{out}\n{line.text}" if keep_break else f"{out} {line.text}"
    return out


# -- what the document says about itself ----------------------------------------------------------


def _info_title(reader) -> str | None:
    try:
        info = reader.metadata
        title = info.title if info is not None else None
    except Exception:  # a damaged info dictionary costs only the title
        return None
    if not isinstance(title, str):
        return None
    return " ".join(title.split()) or None


def _confirmed_title(title: str | None, raw: str) -> str | None:
    """The document's /Title if it looks like a headline and the text opens with it (see the module notes).

    "Opens with it" means one of the first paragraphs is those words and nothing more,
    so a title that merely occurs in a sentence ("... fishing talks") is not enough.
    """
    if not title or len(title) > 250 or _FILE_NAME.search(title) or _JUNK_TITLE.fullmatch(title) or _URL_PIECE.match(title):
        return None
    opening = {" ".join(block.casefold().split()) for block in raw.split("\n\n")[:6]}
    candidates = [title]
    tail = _TITLE_TAIL.search(title)
    if tail:
        candidates.append(title[: tail.start()])
    for candidate in candidates:
        if len(candidate.split()) >= 2 and any(c.isalpha() for c in candidate) and " ".join(candidate.casefold().split()) in opening:
            return candidate.strip()
    return None


def _uri_links(reader) -> list[FoundLink]:
    """Web links the PDF carries as link annotations (a browser's print keeps the page's anchors)."""
    links: list[FoundLink] = []
    seen: set[str] = set()
    for page in reader.pages:
        try:
            annotations = page.get("/Annots")
            annotations = annotations.get_object() if annotations is not None else []
            for ref in annotations or []:
                annot = ref.get_object()
                if annot.get("/Subtype") != "/Link":
                    continue
                action = annot.get("/A")
                action = action.get_object() if action is not None else None
                uri = action.get("/URI") if action is not None else None
                if isinstance(uri, bytes):
                    uri = uri.decode("latin-1")
                if isinstance(uri, str) and uri.lower().startswith(("http://", "https://")) and uri not in seen:
                    seen.add(uri)
                    links.append(FoundLink(uri))
        except Exception:  # a broken annotation loses its link, not the document
            continue
    return links
