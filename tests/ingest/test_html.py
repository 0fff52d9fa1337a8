"""The HTML reader on hand-written saved pages (tests/fixtures/html/), through the whole pipeline."""

import gzip
import json

import pytest

from eventwire.errors import DocumentFailed
from eventwire.ingest import read_documents
from eventwire.ingest.html import _authors, _declared_encoding, _title, document_from_html
from eventwire.model import Document, DocumentError
from eventwire.pipeline import process_all
from tests.conftest import FIXTURES, assert_spans_hold

PAGES = FIXTURES / "html"
ARTICLE = PAGES / "harbour-ice-article.html"
CANONICAL = "https://www.barentswire.example/local/2026/03/03/ice-closes-kirkenes-harbour"


def _process(*paths):
    return list(process_all(read_documents([str(p) for p in paths])))


@pytest.fixture(scope="module")
def harbour():
    [article] = _process(ARTICLE)
    assert not isinstance(article, DocumentError), article
    return article


def test_article_body_keeps_the_story_and_drops_the_page_around_it(harbour, validate):
    validate(harbour)
    assert_spans_hold(harbour)
    paragraphs = harbour.paragraph_texts()
    assert paragraphs[0].startswith("KIRKENES, March 3 (Barents Wire) - Drift ice kept the harbour")
    assert paragraphs[-1] == "An icebreaker from the coast guard is due on Wednesday, the municipality said in a statement on its website."
    assert len(paragraphs) == 5
    text = harbour.text
    for furniture in ("Accept all", "Subscribe", "Related stories", "Murmansk port traffic", "All rights reserved", "Sign up", "Advertisement", "Share"):
        assert furniture not in text
    # The headline stands in `title`, not in the body; the in-body teaser is removed by the cleaner, with a record.
    assert "Ice closes Kirkenes harbour" not in text
    assert "Read more" not in text
    kinds = {r.kind for r in harbour.removals}
    assert {"title", "teaser"} <= kinds
    assert harbour.input.format == "html" and harbour.input.encoding == "utf-8"


def test_metadata_comes_from_the_markup(harbour):
    assert harbour.title == "Ice closes Kirkenes harbour for a third day" and harbour.title_source == "html"
    assert harbour.url == CANONICAL and harbour.url_source == "html"  # the canonical link, not og:url with utm tags
    assert harbour.published == "2026-03-03" and harbour.published_source == "html"  # published, not updated (5 March)
    assert harbour.authors == ["Ingrid Solbakk"]  # the person, not <meta name=author content="Barents Wire">
    assert harbour.outlet.name == "Barents Wire" and harbour.outlet.domain == "barentswire.example"
    assert harbour.language == "en"


def test_links_are_those_of_the_article_body_only(harbour):
    links = {link.url: link for link in harbour.links}
    assert links[CANONICAL].kind == "source"
    assert links["https://www.kystverket.example/ice-reports/varanger"].context == "coastal administration's ice report"
    assert "https://www.sor-varanger.example/news/harbour-update" in links
    teaser = links["https://www.barentswire.example/local/2026/03/04/icebreaker-reaches-kirkenes"]
    assert teaser.kind == "related"
    assert any(w.code == "link-dated-after-article" and teaser.url in w.message for w in harbour.warnings)
    # the extractor drops the link-only "Read more:" box between paragraphs; its link is still the story's
    assert links["https://www.barentswire.example/local/2026/02/27/cold-snap-freezes-fjords"].kind == "related"
    # navigation, footer, share buttons, tags and the related-stories block are not the article's links
    for url in links:
        assert "facebook.com" not in url and "x.com" not in url
        assert not url.endswith(("/world/", "/about/", "/privacy/", "/tag/ice"))
        assert "cod-prices-hit-record" not in url
    assert len(links) == 5


def test_declared_windows_1252_is_honoured(validate):
    [article] = _process(PAGES / "cafe-fined-windows-1252.html")
    validate(article)
    assert_spans_hold(article)
    assert article.input.encoding == "cp1252"
    assert not article.warnings  # declared, not guessed: nothing odd to report
    assert "fined €4,000" in article.text and "“Arctic cod”" in article.text and "Ålesund" in article.text
    assert article.title == "Tromsø café fined over “Arctic cod” menu"
    # an old layout table: the story column is read paragraph by paragraph, the link column is left out
    assert len(article.paragraphs) == 3 and "Most read" not in article.text
    assert article.authors == ["Siri Haugen"]  # from the byline line the cleaner removed
    assert article.published == "2026-03-12"


@pytest.mark.parametrize("page", ["index-front-page.html", "index-search-results.html"])
def test_index_pages_are_refused_with_a_clear_message(page, validate):
    [record] = _process(PAGES / page)
    assert isinstance(record, DocumentError) and record.code == "not-an-article"
    assert "index or list page" in record.error and "article pages" in record.error
    validate(record)


def test_htm_and_gzipped_pages_are_read(tmp_path):
    data = ARTICLE.read_bytes()
    (tmp_path / "a.htm").write_bytes(data)
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(data))
    (tmp_path / "c.gz").write_bytes(gzip.compress(data))  # no ending to go by: sniffed as HTML
    records = _process(tmp_path)
    assert [r.title for r in records] == ["Ice closes Kirkenes harbour for a third day"] * 3
    assert all(r.input.format == "html" for r in records)


def test_jsonl_html_field(tmp_path, validate):
    html = ARTICLE.read_text(encoding="utf-8")
    lines = [
        {"id": "h1", "url": "https://mirror.example/kirkenes-ice", "date": "2026-03-04", "html": html},
        {"html": html},
        {"text": "Plain text wins.", "html": html},
        {"html": (PAGES / "index-front-page.html").read_text(encoding="utf-8")},
        {"html": "   "},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    first, second, third, index, empty = _process(path)
    validate(first)
    assert first.id == "h1" and first.input.format == "jsonl:html" and first.input.index == 1
    # what came with the record outranks what the page says
    assert (first.url, first.url_source, first.published, first.published_source) == ("https://mirror.example/kirkenes-ice", "input", "2026-03-04", "input")
    assert first.title == "Ice closes Kirkenes harbour for a third day" and first.paragraph_texts() == second.paragraph_texts()
    assert second.url == CANONICAL and second.url_source == "html" and len(second.id) == 20
    assert third.input.format == "jsonl:text" and third.text == "Plain text wins."
    assert isinstance(index, DocumentError) and index.code == "not-an-article" and index.index == 4 and "line 4" in index.error
    assert isinstance(empty, DocumentError) and empty.code == "missing-text"


def test_text_that_looks_like_a_url_is_never_fetched():
    # htmldate downloads a string that starts with "http"; the reader only ever hands it a parsed tree.
    with pytest.raises(DocumentFailed) as failure:
        document_from_html("https://www.barentswire.example/local/2026/03/03/ice-closes-kirkenes-harbour")
    assert failure.value.code == "not-an-article"


def test_an_empty_page_and_a_page_without_a_story():
    with pytest.raises(DocumentFailed) as empty:
        document_from_html("  \n ")
    assert empty.value.code == "empty-input"
    with pytest.raises(DocumentFailed) as bare:
        document_from_html("<html><head><title>Home</title></head><body><nav><a href='/a'>A</a></nav></body></html>")
    assert bare.value.code == "not-an-article"


def test_document_from_html_for_callers_with_only_a_string():
    doc = document_from_html(ARTICLE.read_text(encoding="utf-8"), url="https://given.example/x")
    assert isinstance(doc, Document) and doc.url == "https://given.example/x" and doc.found.source == "html"
    assert doc.raw.count("\n\n") >= 5 and doc.input.format == "html"


@pytest.mark.parametrize(
    ("author", "site", "url", "expected"),
    [
        ("Barents Wire", "Barents Wire", "https://www.barentswire.example/x", []),
        ("CNBC", "CNBC", "https://www.cnbc.example/x", []),
        ("AP News", "AP News", "https://apnews.example/x", []),
        ("The Polar Times https; Www Polartimes Com; Siri Haugen", "The Polar Times", "https://polartimes.example/x", ["Siri Haugen"]),
        ("View all posts by Kari Vik", None, None, ["Kari Vik"]),
        ("Oleg Marchenko Senior Correspondent; Kari Vik", None, None, ["Oleg Marchenko", "Kari Vik"]),
        ("Written by; Admin", None, None, []),
        # a personal site signs with its owner's name, which is a person's
        ("Ingrid Solbakk", "Ingrid Solbakk", "https://ingridsolbakk.example/x", ["Ingrid Solbakk"]),
    ],
)
def test_author_strings(author, site, url, expected):
    assert _authors(author, site, url) == expected


def test_title_prefers_the_visible_headline():
    assert _title("Ice closes harbour | Barents Wire", "Barents Wire") == "Ice closes harbour"
    assert _title("Ice closes harbour - Local news - Barents Wire", None, ["Ice closes harbour"]) == "Ice closes harbour"
    assert _title("SEO title", None, ["The headline"]) == "The headline"
    assert _title("Declared", None, ["One", "Two"]) == "Declared"  # no single headline to prefer


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1252">', "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        (b"<meta charset=utf-8>", "utf-8"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="no-such-code">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_encoding(head, expected):
    assert _declared_encoding(head) == expected
