"""Build the PDF examples: three of the example articles as a browser would print them to PDF.

    .venv/bin/python examples/pdf/make_pdfs.py      (from the repository root; needs reportlab)

Each PDF looks like a web page printed from a browser: the print date and the page title
at the top of every page, the page's URL and "1/2" at the bottom, a large headline, a
byline, the page's own furniture ("Share this article", a related-story teaser, a
newsletter line) among the paragraphs. One is set in two columns; one hyphenates long
words at line ends, as a page with CSS hyphenation does. The text comes from the
articles' gold files (``examples/gold/<stem>.json``) and the furniture from the spec
below, so each PDF's gold (``examples/gold/pdf-<stem>.json``) is written from the same
source, never from what eventwire makes of the PDF.

reportlab's invariant mode makes the output identical from run to run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent
GOLD = EXAMPLES / "gold"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 56  # left and right of the body
BODY_TOP, BODY_BOTTOM = PAGE_HEIGHT - 62, 58
CHROME_FONT, CHROME_SIZE = "Helvetica", 8
CREATOR = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"


@dataclass
class Style:
    font: str
    size: float
    leading: float
    space_after: float


HEADLINE = Style("Helvetica-Bold", 21, 25, 10)
META = Style("Helvetica", 9.5, 13, 6)
BODY = Style("Times-Roman", 11.5, 16, 9)
FURNITURE = Style("Helvetica", 9.5, 13, 9)


@dataclass
class Spec:
    stem: str
    site: str
    printed: str  # the print date and time a browser puts in the header
    top: list[str]  # lines between the headline and the first paragraph (dates, byline, share buttons)
    furniture: dict[int, list[str]] = field(default_factory=dict)  # lines set after paragraph n (1-based)
    end: list[str] = field(default_factory=list)  # lines after the last paragraph
    columns: int = 1
    measure: float = PAGE_WIDTH - 2 * MARGIN  # width of the text block
    hyphenate: bool = False
    extra_links: list[dict] = field(default_factory=list)  # links the furniture adds, in order of appearance


SPECS = [
    Spec(
        stem="01_norway-accuses-russia-of-overfishing",
        site="Northern Ledger",
        printed="03/03/2026, 08:12",
        top=["By Anna Lindqvist", "Share this article"],
        furniture={
            3: [
                "Related article: Fisheries talks end without a deal for the first time in decades",
                "https://www.northern-ledger.example/2026/02/23/fisheries-talks-end-without-a-deal",
            ]
        },
        end=["Subscribe to our newsletter", "© 2026 Northern Ledger. All rights reserved."],
    ),
    Spec(
        stem="07_nato-sends-four-frigates",
        site="Barents Wire",
        printed="13/03/2026, 07:45",
        top=["March 12, 2026 3:05 PM UTC", "By Tomas Berglund and Oleg Marchenko"],
        furniture={
            7: ["Video: https://vimeo.com/884213507"],
            9: [
                "Related: Finland offers to host Norway-Russia talks as Russian drills begin",
                "https://www.barentswire.example/world/europe/finland-offers-to-host-norway-russia-talks-idBW3P8Q1",
            ],
        },
        end=["Reporting by Tomas Berglund in Brussels and Oleg Marchenko in Moscow; Editing by Mark Ellery"],
        columns=2,
    ),
    Spec(
        stem="11_nine-fishermen-freed",
        site="Arctic Post",
        printed="22/03/2026, 21:30",
        top=["By Siri Mathisen and Jonas Aalto"],
        furniture={6: ["Read more: Helsinki talks: what each side wants"]},
        end=["Short link: https://bit.ly/3Vn8wQe"],
        measure=300,  # a narrow reading column, as on a page with a sidebar
        hyphenate=True,
    ),
]


# -- line breaking ------------------------------------------------------------------------


def width_of(text: str, style: Style) -> float:
    return stringWidth(text, style.font, style.size)


def wrap(text: str, style: Style, width: float, hyphenate: bool = False) -> list[str]:
    """Greedy line breaking as a browser does it; a token wider than the line (a URL) is broken anywhere."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width_of(candidate, style) <= width:
            current = candidate
            continue
        if hyphenate and current:
            head, tail = hyphen_split(word, current, style, width)
            if head:
                lines.append(f"{current} {head}-")
                current, word = "", tail
        if current:
            lines.append(current)
        while width_of(word, style) > width:  # overflow-wrap: break-word
            cut = max(n for n in range(1, len(word)) if width_of(word[:n], style) <= width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def hyphen_split(word: str, current: str, style: Style, width: float) -> tuple[str, str]:
    """Where CSS hyphenation might break a long lower-case word: between two consonants after a vowel
    ("deten-tion"), at least four letters in from each end."""
    vowels = "aeiouy"
    letters = len(word.rstrip(".,;:!?”’\""))
    if letters < 8 or not word[:letters].isalpha() or not word[:letters].islower():
        return "", word
    for cut in range(letters - 4, 3, -1):
        between_consonants = word[cut - 2] in vowels and word[cut - 1] not in vowels and word[cut] not in vowels
        if between_consonants and width_of(f"{current} {word[:cut]}-", style) <= width:
            return word[:cut], word[cut:]
    return "", word


# -- pages ----------------------------------------------------------------------------------


@dataclass
class Placed:
    text: str
    style: Style
    x: float
    y: float


class Flow:
    """Fills frames (columns) top to bottom, page after page."""

    def __init__(self, columns: int, measure: float):
        gutter = 24
        self.column_width = (measure - (columns - 1) * gutter) / columns
        self.column_x = [MARGIN + i * (self.column_width + gutter) for i in range(columns)]
        self.pages: list[list[Placed]] = [[]]
        self.column = 0
        self.y = BODY_TOP
        self.top = BODY_TOP  # where columns start on this page (below a full-width headline)

    def full_width(self, lines: list[str], style: Style) -> None:
        for line in lines:
            self.y -= style.leading
            self.pages[-1].append(Placed(line, style, MARGIN, self.y))
        self.y -= style.space_after
        self.top = self.y

    def block(self, text: str, style: Style, hyphenate: bool = False) -> None:
        for line in wrap(text, style, self.column_width, hyphenate):
            if self.y - style.leading < BODY_BOTTOM:
                self.next_frame()
            self.y -= style.leading
            self.pages[-1].append(Placed(line, style, self.column_x[self.column], self.y))
        self.y -= style.space_after

    def next_frame(self) -> None:
        if self.column + 1 < len(self.column_x):
            self.column += 1
        else:
            self.pages.append([])
            self.column = 0
            self.top = BODY_TOP
        self.y = self.top


def draw(spec: Spec, gold: dict, out: Path) -> None:
    title = f"{gold['title']} - {spec.site}"
    flow = Flow(spec.columns, spec.measure)
    headline_width = spec.measure
    if spec.columns == 1:
        flow.block(gold["title"], HEADLINE)
        for line in spec.top:
            flow.block(line, META)
    else:
        flow.full_width(wrap(gold["title"], HEADLINE, headline_width), HEADLINE)
        flow.full_width(spec.top, META)
    for number, paragraph in enumerate(gold["paragraphs"], start=1):
        flow.block(paragraph, BODY, spec.hyphenate)
        for line in spec.furniture.get(number, []):
            flow.block(line, FURNITURE)
    for line in spec.end:
        flow.block(line, FURNITURE)

    c = canvas.Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setCreator(CREATOR)
    c.setProducer("Skia/PDF m124")
    total = len(flow.pages)
    for number, placed in enumerate(flow.pages, start=1):
        c.setFont(CHROME_FONT, CHROME_SIZE)
        c.drawString(22, PAGE_HEIGHT - 20, spec.printed)
        shown = title
        while stringWidth(shown, CHROME_FONT, CHROME_SIZE) > 330:
            shown = shown[:-2].rstrip() + "…"
            shown = shown.replace("……", "…")
        c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 20, shown)
        c.drawString(22, 14, gold["url"])
        c.drawRightString(PAGE_WIDTH - 22, 14, f"{number}/{total}")
        for item in placed:
            c.setFont(item.style.font, item.style.size)
            c.drawString(item.x, item.y, item.text)
        c.showPage()
    c.save()


def pdf_gold(spec: Spec, gold: dict) -> dict:
    """The original gold, for the PDF: the same story and metadata, the links this page shows."""
    furniture_urls = [word for lines in [*spec.furniture.values(), spec.end] for line in lines for word in line.split() if word.startswith("http")]
    kinds = {link["url"]: link["kind"] for link in gold["links"]}
    links = [{"url": url, "kind": kinds[url]} for url in dict.fromkeys(furniture_urls)]
    links.append({"url": gold["url"], "kind": "source"})
    warnings = []
    if any(kinds[url] == "shortened" for url in furniture_urls):
        warnings.append("short-link-unexpanded")
    if any(width_of(url, FURNITURE) > column_width(spec) for url in furniture_urls):
        warnings.append("url-repaired")  # the URL is wider than the column, so the page breaks it
    out = dict(gold)
    out.update(
        input=f"pdf/{spec.stem}.pdf",
        url_source="text",  # printed in the page footer
        links=links,
        warnings=warnings,
    )
    return out


def column_width(spec: Spec) -> float:
    return Flow(spec.columns, spec.measure).column_width


def main() -> None:
    for spec in SPECS:
        gold = json.loads((GOLD / f"{spec.stem}.json").read_text(encoding="utf-8"))
        for text in [gold["title"], *gold["paragraphs"], *spec.top]:
            text.encode("cp1252")  # the standard PDF fonts hold only these characters
        out = HERE / f"{spec.stem}.pdf"
        draw(spec, gold, out)
        (GOLD / f"pdf-{spec.stem}.json").write_text(json.dumps(pdf_gold(spec, gold), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{out.relative_to(EXAMPLES.parent)}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
