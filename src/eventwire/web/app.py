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
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from .. import __version__
from ..store import SearchSyntaxError, analytics
from . import markup
from .charts import (
    QUAD_NAMES,
    bar_chart,
    choose_freq,
    dyad_chart,
    goldstein_colour,
    goldstein_legend,
    network_chart,
    period_label,
    responsive,
    time_series,
)
from .reading import Limits, QueryTimeout, Reader
from .security import LOCAL_HOSTS, LocalHostOnly, SecurityHeaders
from .worldmap import map_chart

HERE = Path(__file__).parent

DATE = r"^(\d{4}-\d{2}-\d{2})?$"
ACTOR = r"^[A-Za-z0-9]{2,40}$"
LEVEL = "^(country|actor)$"
Since = Query(None, pattern=DATE, description="first day included, YYYY-MM-DD")
Until = Query(None, pattern=DATE, description="last day included, YYYY-MM-DD")
Level = Query("country", pattern=LEVEL, description="country: NORGOV counts as NOR, IGOs apart, sector-only codes left out; actor: codes as stored")


class PageError(Exception):
    """Something a page cannot show, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def code_name(code: str) -> str:
    from ..events.codes import code_info

    try:
        return code_info(code).name
    except (KeyError, ValueError):
        return "unknown code"


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

    def dyad_url(a: str, b: str, **params: Any) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return f"/dyad/{url_quote(a, safe='')}/{url_quote(b, safe='')}" + (f"?{query}" if query else "")

    def search_url(q: str, **params: Any) -> str:
        return "/search?" + urlencode({"q": q or "", **{k: v for k, v in params.items() if v}})

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["speaker_url"] = lambda name: "/speaker/" + url_quote(name or "", safe="")
    env.filters["article_url"] = lambda article_id: "/article/" + url_quote(article_id or "", safe="")
    env.filters["search_url"] = lambda q: "/search?q=" + url_quote(q or "", safe="")
    env.filters["safe_url"] = markup.safe_url
    env.filters["code_name"] = code_name
    env.filters["goldstein_colour"] = goldstein_colour
    env.filters["signed"] = lambda v: "?" if v is None else f"{v:+.1f}"
    env.globals.update(dyad_url=dyad_url, search_url=search_url, quad_names=QUAD_NAMES)
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200):
        return templates.TemplateResponse(request, name, {"version": __version__, "path": request.url.path, **context}, status_code=status)

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.message, "status": exc.status}, status_code=exc.status)
        return page(request, "error.html", {"title": "Error", "status": exc.status, "message": exc.message}, exc.status)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception):
        message = getattr(exc, "detail", None) or "no such page"
        return await page_error(request, PageError(404, str(message)))

    def read(fn, *args, **kwargs):
        try:
            with reader.corpus() as corpus:
                return fn(corpus, *args, **kwargs)
        except QueryTimeout as exc:
            raise PageError(503, str(exc)) from None

    def dates(since: str | None, until: str | None) -> tuple[str | None, str | None]:
        since, until = since or None, until or None
        if since and until and since > until:
            raise PageError(400, f"the first day ({since}) is after the last ({until})")
        return since, until

    # -- overview --------------------------------------------------------------------

    def overview_data(corpus) -> dict[str, Any]:
        stats = corpus.stats()
        freq, periods = time_series(analytics.articles_per_day(corpus, limits.days))
        return {
            "stats": asdict(stats),
            "articles_over_time": [{"period": p, "articles": n} for p, n in periods],
            "articles_over_time_freq": freq,
            "top_speakers": [{"name": name, "quotes": n} for name, n in analytics.top_speakers(corpus, limits.top_speakers)],
            "top_dyads": [asdict(d) for d in analytics.top_dyads(corpus, limits.top_dyads)],
            "warnings": [{"code": code, "count": n} for code, n in stats.warnings.items()],
        }

    @app.get("/api/overview", tags=["overview"], summary="Counts, articles over time, top speakers and dyads, warnings by code")
    def api_overview() -> dict[str, Any]:
        return read(overview_data)

    @app.get("/", include_in_schema=False)
    def overview(request: Request):
        data = read(overview_data)
        freq = data["articles_over_time_freq"]
        chart = responsive(bar_chart, [(p["period"], p["articles"]) for p in data["articles_over_time"]],
                           freq=freq, label=f"Articles per {freq}", unit=" articles")
        return page(request, "overview.html", {"title": "Overview", "data": data, "chart": chart, "freq": freq})

    # -- search ----------------------------------------------------------------------

    def search_data(corpus, q: str, kind: str, plain: bool, outlet: str | None = None, since: str | None = None,
                    until: str | None = None, speaker: str | None = None, actor: str | None = None, collapse: bool = True) -> dict[str, Any]:
        if len(q) > limits.query_chars:
            raise PageError(400, f"the search query is longer than {limits.query_chars} characters")
        if not q.strip():
            raise PageError(400, "the search query is empty")
        since, until = dates(since, until)
        kinds = {"all": ("article", "quote"), "article": ("article",), "quote": ("quote",)}[kind]
        try:
            result = analytics.faceted_search(
                corpus, q, kinds=kinds, plain=plain, outlet=outlet or None, since=since, until=until,
                speaker=speaker or None, actor=actor or None, collapse=collapse, limit=limits.search_hits * len(kinds),
                facet_rows=limits.facet_rows, marks=(markup.SNIPPET_OPEN, markup.SNIPPET_CLOSE),
            )
        except SearchSyntaxError as exc:
            raise PageError(400, str(exc)) from None
        hits = []
        for hit in result.hits:
            row = asdict(hit)
            row["snippet"] = hit.snippet.replace(markup.SNIPPET_OPEN, "").replace(markup.SNIPPET_CLOSE, "")
            row["snippet_html"] = str(markup.snippet_html(hit.snippet))
            hits.append(row)
        facets = {name: [{"value": v, "matches": n} for v, n in values] for name, values in result.facets.items()}
        for item in facets["actor"]:
            item["label"] = analytics.actor_label(item["value"])
        return {"query": q, "kind": kind, "plain": plain,
                "filters": {"outlet": outlet or None, "since": since, "until": until, "speaker": speaker or None, "actor": actor or None},
                "collapse": collapse, "hits": hits, "matches": result.matches, "facets_capped": result.capped,
                "collapsed": result.collapsed, "facets": facets}

    SearchQ = Query("", description="FTS5 syntax: words, \"a phrase\", OR, NOT, prefix*, NEAR(a b, 5)")
    SearchKind = Query("all", pattern="^(all|article|quote)$", description="what to search: all, article or quote")
    SearchPlain = Query(False, description="match the words literally instead of as FTS5 syntax")
    Outlet = Query(None, max_length=200, description="only articles from this outlet (its name as the facet shows it)")
    Speaker = Query(None, max_length=200, description="only quotes by this speaker, and articles quoting them")
    ActorQ = Query(None, pattern=r"^([A-Za-z0-9]{2,40})?$", description="only articles with an event involving this actor (a country-level key such as NOR)")
    Collapse = Query(True, description="fold near-duplicate articles (and their repeated quotes) into one hit")

    @app.get("/api/search", tags=["search"], summary="Full-text search over articles and quotes, with facets for outlet, date, speaker and actor",
             responses={400: {"description": "A query FTS5 cannot parse; the message says how to fix it"}})
    def api_search(q: str = SearchQ, kind: str = SearchKind, plain: bool = SearchPlain, outlet: str | None = Outlet,
                   since: str | None = Since, until: str | None = Until, speaker: str | None = Speaker,
                   actor: str | None = ActorQ, collapse: bool = Collapse) -> dict[str, Any]:
        return read(search_data, q, kind, plain, outlet, since, until, speaker, actor, collapse)

    @app.get("/search", include_in_schema=False)
    def search(request: Request, q: str = "", kind: str = SearchKind, plain: bool = False, outlet: str | None = Outlet,
               since: str | None = Since, until: str | None = Until, speaker: str | None = Speaker,
               actor: str | None = ActorQ, collapse: bool = Collapse):
        params = {"q": q, "kind": kind if kind != "all" else None, "plain": "true" if plain else None, "outlet": outlet,
                  "since": since, "until": until, "speaker": speaker, "actor": actor, "collapse": None if collapse else "false"}
        params = {k: v for k, v in params.items() if v}

        def with_params(**change: Any) -> str:
            merged = {**params, **change}
            return "/search?" + urlencode({k: v for k, v in merged.items() if v})

        context = {"title": f"Search: {q}" if q else "Search", "q": q, "kind": kind, "plain": plain, "data": None,
                   "message": None, "with_params": with_params, "params": params}
        if not q.strip():
            return page(request, "search.html", context)
        try:
            context["data"] = read(search_data, q, kind, plain, outlet, since, until, speaker, actor, collapse)
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
        numbers = markup.speaker_numbers(classes)
        counts = Counter(markup.speaker_name(q) for q in record["quotes"])
        context: dict[str, Any] = {
            "title": record.get("title") or article_id,
            "record": record,
            "view": view,
            "speakers": [{"name": n, "css": c, "number": numbers[n], "quotes": counts[n]} for n, c in classes.items()],
            "links": [{**link, "href": markup.safe_url(link["url"])} for link in record["links"]],
            "source_href": markup.safe_url(record.get("url")),
            "events": [{"index": i, **event, "name": code_name(event["code"])} for i, event in enumerate(record.get("events", []))],
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
        freq, periods = time_series(sorted(per_day.items()))
        return {
            "name": name,
            "quotes": [asdict(h) for h in hits],
            "truncated": truncated,
            "names_used": [n for n, _ in Counter(h.speaker for h in hits if h.speaker).most_common()],
            "roles": _roles_held(hits),
            "outlets": [{"outlet": o, "quotes": n} for o, n in Counter(h.outlet or "unknown" for h in hits).most_common()],
            "quotes_over_time": [{"period": p, "quotes": n} for p, n in periods],
            "quotes_over_time_freq": freq,
        }

    @app.get("/api/speaker/{name:path}", tags=["speaker"], summary="Every quote by one person, oldest first, with counts by outlet and period",
             responses={404: {"description": "No quotes by this speaker"}})
    def api_speaker(name: str) -> dict[str, Any]:
        return read(speaker_data, name)

    @app.get("/speaker/{name:path}", include_in_schema=False)
    def speaker(request: Request, name: str):
        data = read(speaker_data, name)
        freq = data["quotes_over_time_freq"]
        chart = responsive(bar_chart, [(p["period"], p["quotes"]) for p in data["quotes_over_time"]], freq=freq,
                           label=f"Quotes by {name} per {freq}", unit=" quotes")
        return page(request, "speaker.html", {"title": name, "data": data, "chart": chart, "freq": freq})

    # -- dyad ------------------------------------------------------------------------

    def dyad_data(corpus, a: str, b: str, level: str, since: str | None, until: str | None, freq: str) -> dict[str, Any]:
        a, b = a.upper(), b.upper()
        since, until = dates(since, until)
        if a == b:
            raise PageError(400, "a dyad needs two different actors")
        for key in (a, b):
            if not analytics.actor_codes(corpus, key, level):
                raise PageError(404, f"no event in this corpus has the actor {key!r} at the {level} level")
        chosen = None if freq == "auto" else freq
        series = analytics.dyad_timeline(corpus, a, b, level, chosen or "day", since, until)
        if chosen is None:
            periods = series["a->b"]
            chosen = choose_freq(date.fromisoformat(periods[0].period), date.fromisoformat(periods[-1].period)) if periods else "day"
            if chosen != "day":
                series = analytics.dyad_timeline(corpus, a, b, level, chosen, since, until)
        events, truncated = analytics.dyad_events(corpus, a, b, level, since, until, limits.dyad_mentions)
        totals = {}
        for direction in ("a->b", "b->a"):
            points = series[direction]
            n = sum(p.events for p in points)
            scored = [(p.goldstein_mean, p.events) for p in points if p.goldstein_mean is not None]
            weight = sum(e for _, e in scored)
            totals[direction] = {
                "events": n,
                "mentions": sum(p.mentions for p in points),
                "goldstein_mean": round(sum(g * e for g, e in scored) / weight, 2) if weight else None,
                "quad_counts": [sum(p.quad_counts[i] for p in points) for i in range(4)],
            }
        return {
            "a": a, "b": b, "a_label": analytics.actor_label(a), "b_label": analytics.actor_label(b),
            "level": level, "since": since, "until": until, "freq": chosen,
            "a_codes": analytics.actor_codes(corpus, a, level), "b_codes": analytics.actor_codes(corpus, b, level),
            "totals": totals,
            "timeline": {d: [asdict(p) for p in points] for d, points in series.items()},
            "events": [asdict(e) for e in events],
            "events_truncated": truncated,
        }

    Freq = Query("auto", pattern="^(auto|day|week|month|year)$", description="period of the timeline; auto picks the finest that fits")

    @app.get("/api/dyad/{a}/{b}", tags=["dyad"], summary="Events between two actors both ways: timeline of Goldstein and quad classes, and each event with its sentences",
             responses={404: {"description": "An actor with no event in the corpus"}})
    def api_dyad(a: str = PathParam(..., pattern=ACTOR), b: str = PathParam(..., pattern=ACTOR), level: str = Level,
                 since: str | None = Since, until: str | None = Until, freq: str = Freq) -> dict[str, Any]:
        return read(dyad_data, a, b, level, since, until, freq)

    @app.get("/dyad/{a}/{b}", include_in_schema=False)
    def dyad(request: Request, a: str = PathParam(..., pattern=ACTOR), b: str = PathParam(..., pattern=ACTOR), level: str = Level,
             since: str | None = Since, until: str | None = Until, freq: str = Freq):
        data = read(dyad_data, a, b, level, since, until, freq)
        series = {d: [SimpleNamespace(**{**p, "quad_counts": tuple(p["quad_counts"])}) for p in points] for d, points in data["timeline"].items()}
        chart = responsive(dyad_chart, series, freq=data["freq"], a_label=data["a_label"], b_label=data["b_label"])
        for event in data["events"]:
            event["name"] = code_name(event["code"])
            event["when"] = period_label(event["date"], "day", long=True) if event["date"] else "undated"
            # The same sentence in near-duplicate copies is shown once, with links to the copies.
            shown: dict[str, dict] = {}
            for m in event["mentions"]:
                key = " ".join(m["sentence"].split()).lower()
                if key in shown:
                    shown[key]["copies"].append(m)
                    continue
                start, end = m["evidence"]
                m["sentence_html"] = markup.render_spans(m["sentence"], 0, len(m["sentence"]),
                                                         [markup.Layer(start, end, 0, "evidence")] if 0 <= start < end <= len(m["sentence"]) else [])
                m["copies"] = []
                shown[key] = m
            event["shown_mentions"] = list(shown.values())
        return page(request, "dyad.html", {"title": f"{data['a_label']} ⇄ {data['b_label']}", "data": data, "chart": chart})

    # -- network ---------------------------------------------------------------------

    def network_data(corpus, level: str, since: str | None, until: str | None) -> dict[str, Any]:
        since, until = dates(since, until)
        network = analytics.actor_network(corpus, level, since, until, limits.network_nodes)
        return asdict(network)

    @app.get("/api/network", tags=["network"], summary="Actors as nodes and their interactions as directed edges (events, mentions, mean Goldstein)")
    def api_network(level: str = Level, since: str | None = Since, until: str | None = Until) -> dict[str, Any]:
        return read(network_data, level, since, until)

    @app.get("/network", include_in_schema=False)
    def network(request: Request, level: str = Level, since: str | None = Since, until: str | None = Until):
        data = read(network_data, level, since, until)
        nodes = [SimpleNamespace(**n) for n in data["nodes"]]
        edges = [SimpleNamespace(**e) for e in data["edges"]]
        link = lambda x, y: dyad_url(x, y, level=level if level != "country" else None, since=since, until=until)
        chart = responsive(network_chart, nodes, edges, dyad_url=link)
        labels = {n["key"]: n["label"] for n in data["nodes"]}
        table = sorted(data["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))[:40]
        for e in table:
            e["source_label"], e["target_label"] = labels[e["source"]], labels[e["target"]]
            e["href"] = link(e["source"], e["target"])
        return page(request, "network.html", {"title": "Actor network", "data": data, "chart": chart, "legend": goldstein_legend(),
                                              "table": table, "level": level, "since": since or "", "until": until or ""})

    # -- map -------------------------------------------------------------------------

    def map_data(corpus, since: str | None, until: str | None) -> dict[str, Any]:
        since, until = dates(since, until)
        points, metonymic = analytics.map_points(corpus, since, until, limits.map_points)
        return {"since": since, "until": until, "points": [asdict(p) for p in points], "metonymic_left_out": metonymic}

    @app.get("/api/map", tags=["map"], summary="Places named in the text (metonymic uses left out) and event locations, with coordinates and counts")
    def api_map(since: str | None = Since, until: str | None = Until) -> dict[str, Any]:
        return read(map_data, since, until)

    @app.get("/map", include_in_schema=False)
    def world_map(request: Request, since: str | None = Since, until: str | None = Until,
                  view: str = Query("fit", pattern="^(fit|world)$")):
        data = read(map_data, since, until)
        points = [SimpleNamespace(**p) for p in data["points"]]
        to_search = lambda name: search_url(name, plain="true")
        chart = responsive(map_chart, points, search_url=to_search, world=view == "world")
        return page(request, "map.html", {"title": "Map", "data": data, "chart": chart, "view": view,
                                          "since": since or "", "until": until or "", "top": data["points"][:30]})

    return app


def _roles_held(hits) -> list[dict[str, Any]]:
    """Each title the articles gave the speaker, with the first and last article dates it was used."""
    roles: dict[str, dict[str, Any]] = {}
    for hit in hits:
        if not hit.role:
            continue
        entry = roles.setdefault(hit.role, {"role": hit.role, "quotes": 0, "first": None, "last": None})
        entry["quotes"] += 1
        day = (hit.published or "")[:10] or None
        if day:
            entry["first"] = min(filter(None, (entry["first"], day)))
            entry["last"] = max(filter(None, (entry["last"], day)))
    return sorted(roles.values(), key=lambda r: (r["first"] or "", -r["quotes"]))
