"""The PDF reader, end to end: PDFs drawn here with reportlab from a story written for these tests."""

import io
import random

import pytest

import eventwire
from eventwire.model import Article, DocumentError
from tests.conftest import assert_spans_hold

reportlab = pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.lib.utils import simpleSplit  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

WIDTH, HEIGHT = A4
LEFT, TEXT_WIDTH = 72, WIDTH - 144
BODY_FONT, BODY_SIZE, PITCH, PARAGRAPH_GAP = "Times-Roman", 11, 14, 9
HEADER = "Northern Ledger — 4 March 2026"
URL = "https://www.northern-ledger.example/2026/03/04/kirkenes-ferry-operators-warn-of-winter-cancellations"
FORECAST = "https://coast.example/ice/varanger"
ANCHOR = "https://coast.example/ferries/timetable"  # behind a linked word, never printed

HEADLINE = "Kirkenes ferry operators warn of winter cancellations"
P1 = (
    "KIRKENES, March 4 (Northern Ledger) - Ferry operators in eastern Finnmark said on Wednesday they might "
    "cancel a third of their winter crossings because ice had come early to the Varanger fjord."
)
P2 = (
    "“We have not seen ice like this in March for twenty years,” said Tor Ellingsen, who runs the route to "
    "Vadsø. He said the company had asked the coastal administration for an icebreaker."
)
P3_BEFORE_URL = "The coastal administration publishes its ice forecast for the fjord every morning ("
P3_AFTER_URL = "). Pilots said the forecast had been right all week."
P4_PAGE1 = (
    "Talks between the operators and the county about extra money for the winter season have dragged on "
    "since January, and Ellingsen called the negoti-"
)
P4_PAGE2 = "ations “slow, but not hopeless”."
P5 = "The county’s transport committee meets again on Friday."
CROSS_HEAD = "Life on the fjord"
P6 = (
    "Residents of Bugøynes, which has no road link in bad weather, said the ferry was their only way to "
    "reach the hospital in Kirkenes."
)
P7 = "“When the boat does not come, we wait,” said Marit Halonen, a nurse who commutes to the town three days a week."
P8 = "The operators said they would publish a revised timetable next week. Passengers with bookings will be told by text message."
P9 = "Fishermen in the village said the ice had kept their boats in the harbour since the weekend."
NOTE = "Additional reporting by Nils Aas in Vadsø"

EXPECTED = [
    P1,
    P2,
    "The coastal administration publishes its ice forecast for the fjord every morning. Pilots said the forecast had been right all week.",
    P4_PAGE1[:-len("negoti-")] + "negotiations “slow, but not hopeless”.",
    P5,
    CROSS_HEAD,
    P6,
    P7,
    P9,
    P8,
]


def wrap(text, width=TEXT_WIDTH, font=BODY_FONT, size=BODY_SIZE):
    return simpleSplit(text, font, size, width)


class Pages:
    """A little typesetter: lines go down the page at a fixed pitch; paragraphs get a gap or an indent."""

    def __init__(self, title=None, encrypt=None, header=None, footer=None):
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, invariant=1, encrypt=encrypt)
        if title:
            self.canvas.setTitle(title)
        self.canvas.setAuthor("ledger-desk-07")  # the account that made the file, not a byline
        self.header, self.footer = header, footer
        self.pages = []  # drawing functions, run once the page count is known
        self.new_page()

    def new_page(self):
        self.pages.append([])
        self.y = HEIGHT - 90

    def heading(self, text, size=18, font="Helvetica-Bold"):
        self.pages[-1].append(lambda c, x=LEFT, y=self.y: (c.setFont(font, size), c.drawString(x, y, text)))
        self.y -= size + 10

    def lines(self, lines, x=LEFT, gap=PARAGRAPH_GAP, indent=0):
        for i, line in enumerate(lines):
            self.pages[-1].append(lambda c, y=self.y, line=line, x=x + (indent if i == 0 else 0): (c.setFont(BODY_FONT, BODY_SIZE), c.drawString(x, y, line)))
            self.y -= PITCH
        self.y -= gap

    def columns(self, left, right, gutter=21):
        width = (TEXT_WIDTH - gutter) / 2
        top = self.y
        bottoms = []
        for x, paragraphs in ((LEFT, left), (LEFT + width + gutter, right)):
            self.y = top
            for text in paragraphs:
                self.lines(wrap(text, width), x=x)
            bottoms.append(self.y)
        self.y = min(bottoms)

    def bytes(self):
        total = len(self.pages)
        for number, drawings in enumerate(self.pages, start=1):
            c = self.canvas
            if self.header:
                self.header(c, number, total)
            if self.footer:
                self.footer(c, number, total)
            for draw in drawings:
                draw(c)
            c.showPage()
        c.save()
        return self.buffer.getvalue()


def running_header(c, number, total):
    c.setFont("Helvetica", 8)
    c.drawString(LEFT, HEIGHT - 40, HEADER)


def page_footer(c, number, total):
    c.setFont("Helvetica", 8)
    c.drawCentredString(WIDTH / 2, 36, f"Page {number} of {total}")


def print_header(c, number, total):
    c.setFont("Helvetica", 8)
    c.drawString(24, HEIGHT - 20, "04/03/2026, 09:15")
    c.drawCentredString(WIDTH / 2, HEIGHT - 20, f"{HEADLINE} - Northern Ledger")


def print_footer(c, number, total):
    c.setFont("Helvetica", 8)
    c.drawString(24, 16, URL)
    c.drawRightString(WIDTH - 24, 16, f"{number}/{total}")


def article_pages(title, header=running_header, footer=page_footer, encrypt=None, anchors=()):
    """The story over three pages: a word split across the first page break, two columns on the last."""
    doc = Pages(title=title, encrypt=encrypt, header=header, footer=footer)
    for url in anchors:  # as a browser's print keeps the page's links
        doc.pages[-1].append(lambda c, url=url: c.linkURL(url, (LEFT, HEIGHT - 200, LEFT + 80, HEIGHT - 186), relative=0))
    doc.heading(HEADLINE)
    doc.lines(["By Ingrid Sæther"])
    for text in (P1, P2):
        doc.lines(wrap(text))
    p3 = wrap(P3_BEFORE_URL + FORECAST + P3_AFTER_URL)
    doc.lines(p3)
    doc.lines(wrap(P4_PAGE1), gap=0)
    doc.new_page()
    doc.lines(wrap(P4_PAGE2))
    doc.lines(wrap(P5))
    doc.new_page()
    doc.heading(CROSS_HEAD, size=13)
    doc.columns([P6, P7, P9], [P8])  # the left column runs on below the right one
    doc.y -= 30
    doc.lines([NOTE])  # a note under both columns
    return doc.bytes()


def one_page_print():
    """Another browser's layout on a single page, so no line repeats: title and URL above, count and date below."""
    title = f"{HEADLINE} – Northern Ledger"

    def header(c, number, total):
        c.setFont("Helvetica", 8)
        c.drawString(24, HEIGHT - 20, title)
        c.drawRightString(WIDTH - 24, HEIGHT - 20, URL)

    def footer(c, number, total):
        c.setFont("Helvetica", 8)
        c.drawString(24, 16, f"{number} of {total}")
        c.drawRightString(WIDTH - 24, 16, "3/4/26, 9:15 AM")

    doc = Pages(title=title, header=header, footer=footer)
    doc.heading(HEADLINE)
    for text in (P1, P2):
        doc.lines(wrap(text))
    return doc.bytes()


def indented_pages():
    """Book-style paragraphs: no space between them, only the first line indented."""
    doc = Pages(title="Microsoft Word - ferry_story_v2.docx")
    for text in (P1, P2, P5, P6):
        doc.lines(wrap(text, TEXT_WIDTH), gap=0, indent=18)
    return doc.bytes()


def image_only_page():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        image.putpixel((x, 50), 0)  # a line of "print" an OCR engine would have to read
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(image), LEFT, HEIGHT - 300, width=400, height=200)
    c.showPage()
    c.save()
    return buffer.getvalue()


def zero_pages():
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    article = article_pages(title=f"{HEADLINE} | Northern Ledger")
    junk = random.Random(7).randbytes(3000)
    files = {
        "article.pdf": article,
        "printed.pdf": article_pages(
            title=f"{HEADLINE} - Northern Ledger", header=print_header, footer=print_footer, anchors=[ANCHOR, FORECAST]
        ),
        "indented.pdf": indented_pages(),
        "one-page.pdf": one_page_print(),
        "locked.pdf": article_pages(title=None, encrypt=StandardEncryption("secret", ownerPassword="owner", strength=128)),
        "open-lock.pdf": article_pages(title=None, encrypt=StandardEncryption("", ownerPassword="owner", strength=128, canCopy=0)),
        "scan.pdf": image_only_page(),
        "truncated.pdf": article[: len(article) // 2],
        "junk.pdf": b"%PDF-1.7\n" + junk,
        "no-pages.pdf": zero_pages(),
        "sniffed": article,  # no file ending: recognised by its %PDF- signature
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def one(folder, name):
    [record] = list(eventwire.process_paths([str(folder / name)]))
    return record


def test_article_over_three_pages_reads_like_the_story(pdfs, validate):
    article = one(pdfs, "article.pdf")
    assert isinstance(article, Article), article
    validate(article)
    assert_spans_hold(article)
    assert article.paragraph_texts() == EXPECTED
    assert article.input.format == "pdf" and article.input.bytes == (pdfs / "article.pdf").stat().st_size
    assert article.title == HEADLINE  # the /Title minus its " | Northern Ledger" tail, confirmed by the text
    assert article.authors == ["Ingrid Sæther"]  # from the byline; the file's /Author is never used
    assert "ledger-desk-07" not in article.raw
    assert [link.url for link in article.links] == [FORECAST]


def test_running_heads_and_page_numbers_are_gone(pdfs):
    article = one(pdfs, "article.pdf")
    assert HEADER not in article.raw and "Page " not in article.raw
    assert "negoti-" not in article.text and "negotiations “slow" in article.text
    # The cut word and its end meet again with nothing in between.
    raw_lines = article.raw.splitlines()
    assert raw_lines[raw_lines.index("ations “slow, but not hopeless”.") - 1].endswith("negoti-")


def test_two_columns_are_read_one_after_the_other(pdfs):
    article = one(pdfs, "article.pdf")
    text, raw = article.text, article.raw
    assert text.index(P6) < text.index(P7) < text.index(P9) < text.index(P8)
    # The note under the columns comes after both; the cleaner then drops it as a credit line.
    assert raw.index("told by text message.") < raw.index(NOTE) and NOTE not in text


def test_browser_print_gives_the_url_and_loses_its_header_and_footer(pdfs, validate):
    article = one(pdfs, "printed.pdf")
    validate(article)
    assert_spans_hold(article)
    assert article.paragraph_texts() == EXPECTED
    assert "09:15" not in article.raw and URL not in article.raw and "1/3" not in article.raw
    assert article.url == URL and article.url_source == "text"
    assert article.published == "2026-03-04" and article.published_source == "url"  # never the print date
    assert article.outlet.name == "Northern Ledger"
    assert article.title == HEADLINE
    # Each URL once, whether printed, behind a link, or both.
    assert {link.url: link.kind for link in article.links} == {FORECAST: "other", URL: "source", ANCHOR: "other"}
    assert len(article.links) == 3


def test_print_chrome_goes_even_on_a_single_page(pdfs):
    article = one(pdfs, "one-page.pdf")
    assert article.paragraph_texts() == [P1, P2]
    assert "9:15" not in article.raw and "1 of 1" not in article.raw and "Northern Ledger\n" not in article.raw
    assert article.url == URL and article.title == HEADLINE


def test_indented_first_lines_mark_paragraphs_and_a_file_name_title_is_ignored(pdfs, validate):
    article = one(pdfs, "indented.pdf")
    validate(article)
    assert article.paragraph_texts() == [P1, P2, P5, P6]
    assert article.raw.count("\n\n") == 3  # the reader saw the indents, not only the cleaner    assert article.title is None or "docx" not in article.title


def test_an_empty_user_password_is_no_lock(pdfs):
    article = one(pdfs, "open-lock.pdf")
    assert isinstance(article, Article) and article.paragraph_texts() == EXPECTED


def test_a_pdf_without_a_file_ending_is_recognised(pdfs):
    assert one(pdfs, "sniffed").paragraph_texts() == EXPECTED


@pytest.mark.parametrize(
    "name, code",
    [
        ("locked.pdf", "encrypted-pdf"),
        ("scan.pdf", "no-text-layer"),
        ("truncated.pdf", "broken-pdf"),
        ("junk.pdf", "broken-pdf"),
        ("no-pages.pdf", "empty-input"),
    ],
)
def test_unreadable_pdfs_fail_alone_with_their_code(pdfs, validate, name, code):
    records = list(eventwire.process_paths([str(pdfs / name), str(pdfs / "article.pdf")]))
    assert [type(r) for r in records] == [DocumentError, Article]
    error = records[0]
    validate(error)
    assert error.code == code and error.path == str(pdfs / name)
    assert "Traceback" not in error.error
