"""The local web view: server-rendered pages over a read-only corpus, each with a JSON twin.

    from eventwire.web import create_app
    app = create_app("eventwire.db")        # any ASGI server; `eventwire serve` uses uvicorn

HTML pages and their `/api/` twins share one function per page that reads the store and
returns plain data; the page renders it with autoescaping Jinja2 templates, the twin
returns it as JSON (described at /openapi.json).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from .. import __version__
from ..store import SearchSyntaxError
from . import markup
from .charts import bar_chart, bucket
from .reading import Limits, QueryTimeout, Reader, articles_per_day, top_speakers
from .security import LOCAL_HOSTS, LocalHostOnly, SecurityHeaders

HERE = Path(__file__).parent


class PageError(Exception):
    """Something a page cannot show, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def create_app(db_path: str, *, allowed_hosts: Iterable[str] = LOCAL_HOSTS, limits: Limits = Limits()) -> FastAPI:
    """The ASGI app for the corpus at `db_path`, opened read-only; raises StoreError if it is unusable."""
    reader = Reader(db_path, limits)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="A read-only view of an eventwire corpus. Every page has a JSON twin under /api/.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: nothing may come from the internet
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.reader = reader
    app.add_middleware(LocalHostOnly, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so even the Host check's 400 has the headers
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["speaker_url"] = lambda name: "/speaker/" + url_quote(name or "", safe="")
    env.filters["article_url"] = lambda article_id: "/article/" + url_quote(article_id or "", safe="")
    env.filters["search_url"] = lambda q: "/search?q=" + url_quote(q or "", safe="")
    env.filters["safe_url"] = markup.safe_url
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200):
        return templates.TemplateResponse(request, name, {"version": __version__, **context}, status_code=status)

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.message, "status": exc.status}, status_code=exc.status)
        return page(request, "error.html", {"title": "Error", "status": exc.status, "message": exc.message}, exc.status)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception):
        message = getattr(exc, "detail", None) or "no such page"
        return await page_error(request, PageError(404, str(message)))

    def read(fn, *args):
        try:
            with reader.corpus() as corpus:
                return fn(corpus, *args)
        except QueryTimeout as exc:
            raise PageError(503, str(exc)) from None

    # -- overview --------------------------------------------------------------------

    def overview_data(corpus) -> dict[str, Any]:
        stats = corpus.stats()
        return {
            "stats": asdict(stats),
            "articles_over_time": [{"period": p, "articles": n} for p, n in bucket(articles_per_day(corpus, limits.days))],
            "top_speakers": [{"name": name, "quotes": n} for name, n in top_speakers(corpus, limits.top_speakers)],
            "warnings": [{"code": code, "count": n} for code, n in stats.warnings.items()],
        }

    @app.get("/api/overview", tags=["overview"], summary="Counts, articles over time, top speakers, warnings by code")
    def api_overview() -> dict[str, Any]:
        return read(overview_data)

    @app.get("/", include_in_schema=False)
    def overview(request: Request):
        data = read(overview_data)
        chart = bar_chart([(p["period"], p["articles"]) for p in data["articles_over_time"]], label="Articles over time", unit=" articles")
        return page(request, "overview.html", {"title": "Overview", "data": data, "chart": chart})

    # -- search ----------------------------------------------------------------------

    def search_data(corpus, q: str, kind: str, plain: bool) -> dict[str, Any]:
        if len(q) > limits.query_chars:
            raise PageError(400, f"the search query is longer than {limits.query_chars} characters")
        kinds = {"all": ("article", "quote"), "article": ("article",), "quote": ("quote",)}[kind]
        try:
            hits = corpus.search(q, limit=limits.search_hits * len(kinds), kinds=kinds, plain=plain, marks=(markup.SNIPPET_OPEN, markup.SNIPPET_CLOSE))
        except SearchSyntaxError as exc:
            raise PageError(400, str(exc)) from None
        out = []
        for hit in hits:
            row = asdict(hit)
            row["snippet"] = hit.snippet.replace(markup.SNIPPET_OPEN, "").replace(markup.SNIPPET_CLOSE, "")
            row["snippet_html"] = str(markup.snippet_html(hit.snippet))
            out.append(row)
        return {"query": q, "kind": kind, "plain": plain, "hits": out}

    SearchQ = Query("", description="FTS5 syntax: words, \"a phrase\", OR, NOT, prefix*, NEAR(a b, 5)")
    SearchKind = Query("all", pattern="^(all|article|quote)$", description="what to search: all, article or quote")
    SearchPlain = Query(False, description="match the words literally instead of as FTS5 syntax")

    @app.get("/api/search", tags=["search"], summary="Full-text search over articles and quotes",
             responses={400: {"description": "A query FTS5 cannot parse; the message says how to fix it"}})
    def api_search(q: str = SearchQ, kind: str = SearchKind, plain: bool = SearchPlain) -> dict[str, Any]:
        return read(search_data, q, kind, plain)

    @app.get("/search", include_in_schema=False)
    def search(request: Request, q: str = "", kind: str = SearchKind, plain: bool = False):
        context = {"title": f"Search: {q}" if q else "Search", "q": q, "kind": kind, "plain": plain, "data": None, "message": None}
        if not q.strip():
            return page(request, "search.html", context)
        try:
            context["data"] = read(search_data, q, kind, plain)
        except PageError as exc:
            context["message"] = exc.message
            return page(request, "search.html", context, exc.status)
        for hit in context["data"]["hits"]:
            # Built by markup.snippet_html just above (escaped, then <mark>): the one string marked safe here.
            hit["snippet_html"] = markup.Markup(hit["snippet_html"])
        return page(request, "search.html", context)

    # -- article ---------------------------------------------------------------------

    def article_data(corpus, article_id: str) -> dict[str, Any]:
        record = corpus.get(article_id)
        if record is None:
            raise PageError(404, f"no article with id {article_id!r} in this corpus")
        return record

    @app.get("/api/article/{article_id}", tags=["article"], summary="One stored record, as `Article.to_dict()` gave it",
             responses={404: {"description": "No article with this id"}})
    def api_article(article_id: str) -> dict[str, Any]:
        return read(article_data, article_id)

    @app.get("/article/{article_id}", include_in_schema=False)
    def article(request: Request, article_id: str, view: str = Query("clean", pattern="^(clean|raw)$")):
        record = read(article_data, article_id)
        classes = markup.speaker_classes(record["quotes"])
        context: dict[str, Any] = {
            "title": record.get("title") or article_id,
            "record": record,
            "view": view,
            "speakers": [{"name": n, "css": c, "quotes": sum(markup.speaker_name(q) == n for q in record["quotes"])} for n, c in classes.items()],
            "links": [{**link, "href": markup.safe_url(link["url"])} for link in record["links"]],
            "source_href": markup.safe_url(record.get("url")),
        }
        if view == "raw":
            context["raw"] = markup.raw_html(record)
        else:
            context["paragraphs"] = markup.paragraphs_html(record, markup.article_layers(record, classes))
        return page(request, "article.html", context)

    # -- speaker ---------------------------------------------------------------------

    def speaker_data(corpus, name: str) -> dict[str, Any]:
        hits = corpus.quotes(speaker=name, limit=limits.speaker_quotes + 1)
        if not hits:
            raise PageError(404, f"no quotes by {name!r} in this corpus")
        truncated = len(hits) > limits.speaker_quotes
        hits = hits[: limits.speaker_quotes]
        per_day = Counter((h.published or "")[:10] for h in hits if h.published)
        return {
            "name": name,
            "quotes": [asdict(h) for h in hits],
            "truncated": truncated,
            "names_used": [n for n, _ in Counter(h.speaker for h in hits if h.speaker).most_common()],
            "outlets": [{"outlet": o, "quotes": n} for o, n in Counter(h.outlet or "unknown" for h in hits).most_common()],
            "quotes_over_time": [{"period": p, "quotes": n} for p, n in bucket(sorted(per_day.items()))],
        }

    @app.get("/api/speaker/{name:path}", tags=["speaker"], summary="Every quote by one person, oldest first, with counts by outlet and period",
             responses={404: {"description": "No quotes by this speaker"}})
    def api_speaker(name: str) -> dict[str, Any]:
        return read(speaker_data, name)

    @app.get("/speaker/{name:path}", include_in_schema=False)
    def speaker(request: Request, name: str):
        data = read(speaker_data, name)
        chart = bar_chart([(p["period"], p["quotes"]) for p in data["quotes_over_time"]], label=f"Quotes by {name} over time", unit=" quotes")
        return page(request, "speaker.html", {"title": name, "data": data, "chart": chart})

    return app
