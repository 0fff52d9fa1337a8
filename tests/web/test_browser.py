"""The web view in a real browser: `eventwire serve` in a subprocess, driven by Debian's chromium.

Playwright's Python package drives /usr/bin/chromium (`executable_path`); no browser is ever
downloaded. Playwright talks to its driver and the driver to chromium over pipes, and the
pages come from 127.0.0.1, so pytest-socket's loopback-only settings hold. The tests skip
when the playwright package or chromium is missing (set EVENTWIRE_CHROMIUM to use another
chromium binary).

Every page visited fails the test on a console error, an uncaught page error, a CSP
violation (`securitypolicyviolation` events, reported through an exposed binding), a dialog,
a failed request, or a request to anything but the server. Screenshots at 1280x800 and
390x844 land in the test's tmp_path (pytest keeps the last three runs under
/tmp/pytest-of-$USER/) and, when EVENTWIRE_ARTIFACTS names a folder, in its browser/.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from eventwire.cli import main
from eventwire.store import Corpus

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
# Without the networking flags chromium keeps trying to reach the (closed) network.
# --disable-dev-shm-usage: CI containers often have a 64 MB /dev/shm.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
]
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}

# Hostile inputs. The HTML page's markup is parsed away by the cleaner, but its entity-escaped
# text decodes to live-looking tags, and the original-input view shows the raw page, real tags,
# javascript: link and all. The text file keeps every tag as literal text.
HOSTILE_HTML = """<!doctype html>
<html><head><title>Evil &lt;script&gt;alert(1)&lt;/script&gt; headline</title>
<meta property="article:published_time" content="2026-03-31">
<link rel="canonical" href="https://evil.example/2026/03/31/zanzibar-harbour">
<script>alert("raw-head")</script>
</head><body onload="alert('raw-body')"><article>
<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; headline</h1>
<p>OSLO - Harbour master Mallory Quist said on Tuesday that "&lt;img src=x onerror=alert(1)&gt; is harmless
in zanzibar, and &lt;script&gt;alert(2)&lt;/script&gt; too," speaking in Oslo.</p>
<p>Read the report <a href="javascript:alert(3)" onclick="alert(4)">here</a> and the
<a href="https://ok.example/report?a=1&amp;b=&lt;x&gt;">official summary</a>. Text &lt;svg onload=alert(5)&gt; stays text.</p>
<img src=x onerror="alert('raw-img')">
<p>"We will not allow &lt;iframe src=javascript:alert(6)&gt; in our port," Quist told reporters in Bergen.</p>
</article></body></html>
"""
HOSTILE_TXT = """Evil <script>alert(1)</script> zanzibar headline

OSLO - Harbour master Mallory Quist said "<img src=x onerror=alert(1)> is harmless zanzibar" on Tuesday in Oslo.
See <a href="javascript:alert(3)" onclick="alert(4)">click</a> and javascript:alert(7) for more.

"We will not allow <svg onload=alert(5)> in our port," Quist told reporters in Bergen.
"""

# Runs before any page script. The page itself has no JavaScript; CSP does not apply to this.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__ewReport(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


# -- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Our examples plus two hostile articles, ingested through the CLI with every stage."""
    root = tmp_path_factory.mktemp("browser")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "zanzibar.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (hostile / "zanzibar.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    db = root / "corpus.db"
    assert main(["ingest", str(EXAMPLES), str(hostile), "--db", str(db), "--stages", "clean,quotes,places,events", "-q", "--progress", "never"]) == 0
    with Corpus(db, readonly=True) as c:
        hostile_ids = sorted({h.article_id for h in c.search("zanzibar", kinds=("article",), limit=10)})
    assert len(hostile_ids) == 2, hostile_ids
    return {"db": str(db), "hostile_ids": hostile_ids, "root": root}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus):
    """`eventwire serve` on 127.0.0.1 and a free port; yields its base URL."""
    port = _free_port()
    log_path = corpus["root"] / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", corpus["db"], "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    assert response.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, "eventwire serve exited:\n" + log_path.read_text(errors="replace")
                assert time.monotonic() < deadline, "eventwire serve did not come up:\n" + log_path.read_text(errors="replace")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package (no browser download)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=60_000)
    except Exception:
        pw.stop()
        raise
    try:
        yield b
    finally:
        b.close()
        pw.stop()


class Watch:
    """Everything a page did that a clean page must not do."""

    def __init__(self, page, base: str):
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        origin = urlsplit(base).netloc

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_route(route):
            if urlsplit(route.request.url).netloc == origin:
                route.continue_()
            else:
                self.problems.append(f"request off the server: {route.request.url}")
                route.abort()

        page.expose_function("__ewReport", lambda message: self.problems.append(f"CSP violation: {message}"))
        page.add_init_script(REPORT_CSP)
        page.route("**/*", on_route)
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console {msg.type}: {msg.text} ({msg.location})"))
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.problems.append(f"request failed: {req.url} {req.failure}"))
        page.on("response", lambda res: res.status >= 400 and self.problems.append(f"HTTP {res.status}: {res.url}"))
        page.on("dialog", on_dialog)

    def settle(self):
        """Let events still in flight (binding calls, console messages) reach us."""
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
        self.page.wait_for_timeout(50)

    def check(self):
        self.settle()
        assert not self.dialogs, self.dialogs
        assert not self.problems, self.problems


@pytest.fixture
def new_page(browser, server):
    contexts = []

    def make(viewport=VIEWPORTS["desktop"], **options):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, base_url=server,
                                      service_workers="block", **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        return page, Watch(page, server)

    yield make
    for context in contexts:
        context.close()


# -- helpers ---------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def shoot(page, path: Path, viewport: tuple[int, int]) -> Path:
    """A viewport screenshot, checked to be the right size and to show more than a blank page.

    Also copied to $EVENTWIRE_ARTIFACTS when set, where CI can keep it.
    """
    page.screenshot(path=str(path))
    if os.environ.get("EVENTWIRE_ARTIFACTS"):
        keep = Path(os.environ["EVENTWIRE_ARTIFACTS"]) / "browser"
        keep.mkdir(parents=True, exist_ok=True)
        (keep / path.name).write_bytes(path.read_bytes())
    data = path.read_bytes()
    assert png_size(data) == viewport, path
    assert len(data) > 8_000, f"{path} is only {len(data)} bytes"
    try:
        from PIL import Image
    except ImportError:  # pillow comes with reportlab in the test extra; the size checks above still hold
        return path
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    if colours is not None:  # None: over 65,536 colours, plainly not blank
        pixels = viewport[0] * viewport[1]
        assert len(colours) > 16, f"{path}: only {len(colours)} colours"
        assert pixels - max(colours)[0] > 0.01 * pixels, f"{path}: almost nothing but background"
    return path


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url}: the page is {width[0]}px wide in a {width[1]}px window"


# -- tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", VIEWPORTS)
def test_walk_overview_search_article_original_speaker(new_page, tmp_path, size):
    viewport = VIEWPORTS[size]
    page, watch = new_page(viewport)
    shots = []

    response = page.goto("/")
    assert response.status == 200 and "unsafe-inline" not in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text() == "Overview"
    assert visible_svg(page, "chart").locator("rect.bar").count() > 0
    assert page.locator("table a[href^='/speaker/']").count() > 0
    shots.append(shoot(page, tmp_path / f"{size}-1-overview.png", viewport))
    no_horizontal_overflow(page)

    # Search from the header box, as a user would.
    page.get_by_role("searchbox", name="Search").fill("stock")
    with page.expect_navigation():
        page.get_by_role("searchbox", name="Search").press("Enter")
    assert "/search?q=stock" in page.url
    quote_hits = page.locator("li.hit.quote")
    assert quote_hits.count() > 0
    assert page.locator("li.hit mark").first.inner_text().lower() == "stock"
    shots.append(shoot(page, tmp_path / f"{size}-2-search.png", viewport))
    no_horizontal_overflow(page)

    # The article behind the first quote hit: quotes highlighted by speaker, places marked.
    with page.expect_navigation():
        quote_hits.first.locator("a.title").click()
    assert "/article/" in page.url
    assert page.locator(".text .quote[class*='sp-']").count() > 0
    assert page.locator("ul.legend a[href^='/speaker/']").count() > 0
    assert page.locator(".text .place").count() > 0
    shots.append(shoot(page, tmp_path / f"{size}-3-article.png", viewport))
    no_horizontal_overflow(page)

    # The toggle to the original input and back.
    with page.expect_navigation():
        page.get_by_role("link", name="Original input").click()
    assert page.url.endswith("?view=raw")
    assert page.locator("pre.raw").inner_text().strip()
    shots.append(shoot(page, tmp_path / f"{size}-4-original.png", viewport))
    no_horizontal_overflow(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Cleaned text").click()
    assert page.locator(".text .quote").count() > 0

    # A speaker page from the article's legend.
    legend_speaker = page.locator("ul.legend li").first
    name = legend_speaker.locator("span.quote").inner_text()
    with page.expect_navigation():
        legend_speaker.locator("a").click()
    assert "/speaker/" in page.url
    assert page.locator("h1").inner_text() == name
    assert page.locator("ol.quotes blockquote.quote").count() > 0
    visible_svg(page, "chart")
    shots.append(shoot(page, tmp_path / f"{size}-5-speaker.png", viewport))
    no_horizontal_overflow(page)

    watch.check()
    print("\n".join(str(s) for s in shots))


def visible_svg(page, css: str):
    """The one drawing of a chart the screen shows (each chart is drawn wide and narrow)."""
    svg = page.locator(f"svg.{css}:visible")
    assert svg.count() == 1, f"{page.url}: {svg.count()} visible svg.{css}"
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100, box
    return svg


@pytest.mark.parametrize("size", VIEWPORTS)
def test_walk_dyad_network_map(new_page, tmp_path, size):
    """From the overview's top dyad to its timeline and events, then the network and the map."""
    viewport = VIEWPORTS[size]
    page, watch = new_page(viewport)
    shots = []

    page.goto("/")
    dyad_link = page.locator("table.dyads a[href^='/dyad/']").first
    with page.expect_navigation():
        dyad_link.click()
    assert "/dyad/" in page.url
    timeline = visible_svg(page, "chart")
    assert timeline.locator("circle.dot").count() > 0
    assert timeline.locator("rect.q1, rect.q2, rect.q3, rect.q4").count() > 0
    assert page.locator("ol.dyad-events > li").count() > 0
    assert page.locator("ol.dyad-events .evidence").count() > 0
    shots.append(shoot(page, tmp_path / f"{size}-6-dyad.png", viewport))
    no_horizontal_overflow(page)

    # "How it was coded" lands on the event in its article.
    coded = page.get_by_role("link", name="how it was coded").first
    target = coded.get_attribute("href").split("#")[1]
    with page.expect_navigation():
        coded.click()
    assert page.locator(f"#{target}").is_visible()
    assert page.locator(f"#{target} code.rule").inner_text().strip()
    shots.append(shoot(page, tmp_path / f"{size}-7-event.png", viewport))
    no_horizontal_overflow(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Network").click()
    network = visible_svg(page, "network")
    assert network.locator("a.edge path").count() > 0 and network.locator("g.node circle").count() >= 2
    shots.append(shoot(page, tmp_path / f"{size}-8-network.png", viewport))
    no_horizontal_overflow(page)
    # Narrowing the dates redraws it with fewer interactions.
    page.goto("/network?until=2026-03-07")
    narrowed = visible_svg(page, "network")
    assert 0 < narrowed.locator("a.edge").count() <= network.locator("a.edge").count()

    with page.expect_navigation():
        page.get_by_role("link", name="Map").click()
    world = visible_svg(page, "map")
    assert world.locator("path.land").count() == 1
    points = world.locator(".pt-place, .pt-area, .pt-event")
    assert points.count() > 3
    shots.append(shoot(page, tmp_path / f"{size}-9-map.png", viewport))
    no_horizontal_overflow(page)

    # Search facets: narrow by an outlet, then fold back.
    page.goto("/search?q=talks")
    facet = page.locator("aside.facets section.facet").first.locator("a").first
    with page.expect_navigation():
        facet.click()
    assert page.locator("aside.facets a.chip.on").count() == 1
    shots.append(shoot(page, tmp_path / f"{size}-10-facets.png", viewport))
    no_horizontal_overflow(page)

    watch.check()
    print("\n".join(str(s) for s in shots))


@pytest.mark.parametrize("enforce_csp", [True, False], ids=["csp", "csp-bypassed"])
def test_hostile_article_runs_nothing(new_page, corpus, tmp_path, enforce_csp):
    """Script tags, event handlers and javascript: links in an article stay text.

    With the CSP bypassed, escaping alone must hold; with it enforced, nothing may even try
    to run (a blocked attempt is a CSP violation and fails the test).
    """
    page, watch = new_page(bypass_csp=not enforce_csp)
    urls = [f"/article/{aid}{view}" for aid in corpus["hostile_ids"] for view in ("", "?view=raw")]
    urls += ["/search?q=zanzibar", "/search?q=alert", "/speaker/Mallory%20Quist", "/network?level=actor", "/map"]
    seen_text = ""
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        found = page.evaluate("""() => ({
            scripts: document.scripts.length,
            active: [...document.querySelectorAll("iframe, img, object, embed, svg:not(.chart):not(.legend-scale)")].map(e => e.outerHTML.slice(0, 80)),
            handlers: [...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name)),
            hrefs: [...document.querySelectorAll("[href], [src], [action]")].map(e => e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action")),
        })""")
        assert found["scripts"] == 0, url  # the pages have no script at all, so none came from the text
        assert found["active"] == [], (url, found["active"])
        assert found["handlers"] == [], (url, found["handlers"])
        assert not [h for h in found["hrefs"] if not h.startswith(("/", "#", "http://", "https://"))], (url, found["hrefs"])
        seen_text += page.locator("main").inner_text()
        if url.startswith("/article/"):
            shoot(page, tmp_path / f"hostile-{len(list(tmp_path.iterdir()))}.png", VIEWPORTS["desktop"])
    # The hostile markup is on screen, as text.
    for literal in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", 'href="javascript:alert(3)"', "<svg onload=alert(5)>"):
        assert literal in seen_text, literal
    watch.check()


def test_the_watch_sees_violations_errors_dialogs_and_outside_requests(new_page):
    """The net the other tests rely on: each kind of trouble is caught."""
    page, watch = new_page()
    page.goto("/")
    page.evaluate("""() => {
        const s = document.createElement("script"); s.textContent = "window.ran = 1"; document.body.append(s);
        console.error("boom");
    }""")
    watch.settle()
    assert page.evaluate("() => window.ran") is None  # CSP held
    assert any(p.startswith("CSP violation: script-src") for p in watch.problems), watch.problems
    assert any(p.startswith("console error: boom") for p in watch.problems), watch.problems

    page, watch = new_page(bypass_csp=True)
    page.goto("/")
    page.evaluate("""() => {
        document.body.insertAdjacentHTML("beforeend", '<img src="/nowhere.png" onerror="alert(1)"><img src="http://203.0.113.9/x.png">');
    }""")
    page.wait_for_timeout(300)
    watch.settle()
    assert watch.dialogs == ["alert: 1"]
    assert any("HTTP 404" in p and "/nowhere.png" in p for p in watch.problems), watch.problems
    assert any(p == "request off the server: http://203.0.113.9/x.png" for p in watch.problems), watch.problems
