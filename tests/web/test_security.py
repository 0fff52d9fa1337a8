"""Hostile text stays text; headers, Host check, read-only store, query caps."""

from __future__ import annotations

import sqlite3
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from eventwire.store import StoreError, analytics
from eventwire.web import Limits, create_app
from eventwire.web.markup import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    Layer,
    render_spans,
    safe_url,
    snippet_html,
)

from .conftest import HOSTILE_ID, HOSTILE_SPEAKER


class Tags(HTMLParser):
    """Every tag and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No script, no inline style or event handler, no anchor but to ourselves or http(s)."""
    tags = Tags(html).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "style", "iframe", "object", "embed", "img", "base"}, names
    for tag, attrs in tags:
        assert not any(name.startswith("on") or name == "style" for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            if name in attrs:
                assert attrs[name].startswith(("/", "http://", "https://")), (tag, attrs)


PAGES = [
    "/",
    f"/article/{HOSTILE_ID}",
    f"/article/{HOSTILE_ID}?view=raw",
    "/search?q=zanzibar",
    "/search?q=alert",
    "/search?q=cease-fire",
    f"/speaker/{quote(HOSTILE_SPEAKER, safe='')}",
    "/speaker/Eirik%20Tangen",
    "/dyad/NOR/RUS",
    "/network",
    "/map",
    "/map?view=world",
    "/search?q=talks&outlet=%3Cscript%3E",
    "/nope",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_inert_and_carry_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert_inert(response.text)
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_hostile_article_is_shown_as_text(client):
    page = client.get(f"/article/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # inside the highlighted quote
    assert 'class="quote sp-0" title="Mallory &lt;img src=x onerror=&#34;alert(2)&#34;&gt;, &lt;b&gt;role&lt;/b&gt; (direct)"' in page
    assert '<span class="place" title="Oslo: city, Oslo, NOR">Oslo</span>' in page
    assert "&lt;/mark&gt;&lt;mark&gt;" in page and "<mark>" not in page
    # javascript: and data: URLs are listed as text, never as anchors; http(s) ones are links.
    hrefs = [attrs.get("href") for tag, attrs in Tags(page).tags if tag == "a"]
    assert not any(h and ("javascript" in h or h.startswith("data:")) for h in hrefs)
    assert "javascript:alert(5)" in page and "data:text/html,&lt;script&gt;" in page
    assert "https://ok.example/a?b=&#34;c&#34;&amp;d=&lt;e&gt;" in hrefs or 'href="https://ok.example/a?b=&#34;c&#34;&amp;d=&lt;e&gt;"' in page
    assert "test-&lt;code&gt;" in page and "&lt;script&gt;alert(8)&lt;/script&gt;" in page

    raw = client.get(f"/article/{HOSTILE_ID}", params={"view": "raw"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>" not in raw


def test_hostile_snippets_keep_only_our_marks(client):
    data = client.get("/api/search", params={"q": "zanzibar"}).json()
    assert data["hits"]
    for hit in data["hits"]:
        html = hit["snippet_html"]
        # Only <mark> and </mark> are markup; everything the article wrote is escaped.
        stripped = html.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped and ">" not in stripped
        assert html.count("<mark>") == html.count("</mark>") >= 1
        assert "&lt;/mark&gt;&lt;mark&gt;" in html or "&lt;img" in html
    page = client.get("/search", params={"q": "zanzibar"}).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_snippet_marks_are_balanced_whatever_the_text():
    assert snippet_html(f"a {SNIPPET_OPEN}<b>{SNIPPET_CLOSE} c") == "a <mark>&lt;b&gt;</mark> c"
    assert snippet_html(f"{SNIPPET_CLOSE}x{SNIPPET_OPEN}{SNIPPET_OPEN}y") == "x<mark>y</mark>"
    assert snippet_html("<mark>x</mark>") == "&lt;mark&gt;x&lt;/mark&gt;"


def test_only_http_urls_become_links():
    assert safe_url("https://a.example/x") and safe_url("HTTP://a.example")
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "vbscript:x",
                "//evil.example", "/local", "https://", "http://a.example/\nx", "http://a.example/ x", None, ""):
        assert safe_url(bad) is None, bad


def test_overlapping_spans_give_balanced_markup():
    text = "<a>bcdef"
    html = render_spans(text, 0, len(text), [Layer(0, 5, 0, "quote sp-0", "q"), Layer(3, 8, 2, "place", "<p>")])
    assert html.count("<span") == html.count("</span>") == 4
    assert html.startswith('<span class="quote sp-0" title="q">&lt;a&gt;</span>')
    assert 'title="&lt;p&gt;"' in html


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "127.0.0.2", "[::2]:8000", ""])
def test_foreign_host_is_refused(app, host):
    with TestClient(app, base_url="http://localhost") as c:
        response = c.get("/api/overview", headers={"host": host})
    assert response.status_code == 400
    assert "unsafe-inline" not in response.headers["content-security-policy"]


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_local_hosts_are_served(app, host):
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/overview", headers={"host": host}).status_code == 200


def test_the_store_is_opened_read_only(app):
    with app.state.reader.corpus() as corpus:
        assert corpus.readonly
        with pytest.raises(StoreError):
            corpus.add({"id": "x"})
        with pytest.raises(sqlite3.OperationalError):
            analytics.connection(corpus).execute("DELETE FROM articles")


def test_queries_are_capped_by_time_and_rows(db_path):
    with TestClient(create_app(db_path, limits=Limits(seconds=0.0)), base_url="http://localhost") as c:
        response = c.get("/api/overview")
        assert response.status_code == 503 and "took longer" in response.json()["error"]
        assert c.get("/").status_code == 503
        # (the network reads only the store's small event tally, which can finish inside one progress step)
        for url in ("/api/dyad/NOR/RUS", "/api/map", "/api/search?q=talks"):
            assert c.get(url).status_code == 503, url
    with TestClient(create_app(db_path, limits=Limits(search_hits=1)), base_url="http://localhost") as c:
        assert len(c.get("/api/search", params={"q": "Norway", "kind": "article"}).json()["hits"]) == 1


def test_unusable_database_fails_at_start(tmp_path):
    with pytest.raises(StoreError):
        create_app(str(tmp_path / "missing.db"))
