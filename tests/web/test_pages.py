"""Every page and its JSON twin on the example corpus."""

from __future__ import annotations

from urllib.parse import quote

from eventwire.store import Corpus


def test_overview_page_and_twin(client, db_path):
    data = client.get("/api/overview").json()
    with Corpus(db_path, readonly=True) as corpus:
        stats = corpus.stats()
    assert data["stats"]["articles"] == stats.articles == 25
    assert sum(p["articles"] for p in data["articles_over_time"]) == stats.articles
    assert data["top_speakers"][0]["quotes"] >= data["top_speakers"][-1]["quotes"] > 0
    assert {w["code"] for w in data["warnings"]} >= {"link-dated-after-article", "url-repaired"}

    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<svg class="chart"' in page.text and '<rect class="bar"' in page.text
    top = data["top_speakers"][0]["name"]
    assert f'href="/speaker/{quote(top, safe="")}"' in page.text
    assert "url-repaired" in page.text


def test_search_finds_articles_and_quotes(client):
    data = client.get("/api/search", params={"q": "stock"}).json()
    kinds = {hit["kind"] for hit in data["hits"]}
    assert kinds == {"article", "quote"}
    quote_hit = next(h for h in data["hits"] if h["kind"] == "quote")
    assert quote_hit["speaker"] and "<mark>stock</mark>" in quote_hit["snippet_html"]
    assert "\ue000" not in quote_hit["snippet"] and "stock" in quote_hit["snippet"]

    only_quotes = client.get("/api/search", params={"q": "stock", "kind": "quote"}).json()
    assert {h["kind"] for h in only_quotes["hits"]} == {"quote"}

    page = client.get("/search", params={"q": "stock"})
    assert page.status_code == 200 and "<mark>stock</mark>" in page.text
    assert f'href="/speaker/{quote(quote_hit["speaker"], safe="")}"' in page.text


def test_malformed_query_shows_the_stores_message(client):
    api = client.get("/api/search", params={"q": "cease-fire"})
    assert api.status_code == 400
    assert "read as a column name" in api.json()["error"]
    page = client.get("/search", params={"q": "cease-fire"})
    assert page.status_code == 400
    assert "read as a column name" in page.text and "Traceback" not in page.text
    assert client.get("/api/search", params={"q": "NEAR("}).status_code == 400
    assert client.get("/api/search", params={"q": ""}).status_code == 400
    assert client.get("/api/search", params={"q": "x" * 501}).status_code == 400
    # The same words searched literally work.
    assert client.get("/api/search", params={"q": "cease-fire", "plain": "true"}).status_code == 200
    # An empty query on the page is just the form.
    assert client.get("/search").status_code == 200


def test_article_page_highlights_quotes_by_speaker(client, db_path):
    with Corpus(db_path, readonly=True) as corpus:
        article_id = next(h.article_id for h in corpus.quotes(speaker="Eirik Tangen"))
        record = corpus.get(article_id)
    assert client.get(f"/api/article/{article_id}").json() == record

    page = client.get(f"/article/{article_id}")
    assert page.status_code == 200
    assert 'class="quote sp-0"' in page.text
    assert 'href="/speaker/Eirik%20Tangen"' in page.text
    assert f'href="/article/{article_id}?view=raw"' in page.text
    for link in record["links"]:
        assert link["url"].replace("&", "&amp;") in page.text
    for warning in record["warnings"]:
        assert warning["code"] in page.text

    raw = client.get(f"/article/{article_id}", params={"view": "raw"})
    assert raw.status_code == 200 and '<pre class="raw">' in raw.text
    assert 'class="removed"' in raw.text  # the title, byline and share lines the cleaner dropped
    assert client.get(f"/article/{article_id}", params={"view": "bogus"}).status_code == 422


def test_speaker_page_and_twin(client, db_path):
    with Corpus(db_path, readonly=True) as corpus:
        expected = corpus.quotes(speaker="Eirik Tangen")
    data = client.get("/api/speaker/Eirik Tangen").json()
    assert [q["text"] for q in data["quotes"]] == [q.text for q in expected]
    assert sum(p["quotes"] for p in data["quotes_over_time"]) == len(expected)
    assert data["outlets"]
    # A bare surname finds the same person.
    assert len(client.get("/api/speaker/Tangen").json()["quotes"]) == len(expected)

    # The roles the articles gave him, with when they were used.
    roles = {r["role"]: r for r in data["roles"]}
    assert "Foreign Minister" in roles and roles["Foreign Minister"]["first"] <= roles["Foreign Minister"]["last"]
    assert sum(r["quotes"] for r in data["roles"]) == sum(1 for q in expected if q.role)

    page = client.get("/speaker/Eirik%20Tangen")
    assert page.status_code == 200 and '<rect class="bar"' in page.text
    assert "Roles held: " in page.text and "Foreign Minister" in page.text
    assert expected[0].text.replace("’", "’") in page.text


def test_missing_things_are_404(client):
    for url in ("/article/nope", "/api/article/nope", "/speaker/Nobody%20Atall", "/api/speaker/Nobody%20Atall", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Traceback" not in response.text
    assert client.get("/api/article/nope").json()["error"]


def test_openapi_describes_the_api_and_no_docs_from_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/overview", "/api/search", "/api/article/{article_id}", "/api/speaker/{name}",
            "/api/dyad/{a}/{b}", "/api/network", "/api/map"} <= set(spec["paths"])
    search_params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"outlet", "since", "until", "speaker", "actor", "collapse"} <= search_params
    assert "/" not in spec["paths"]
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_static_files_only_from_the_package(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/favicon.svg").status_code == 200
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        assert client.get(url).status_code == 404, url


def test_overview_links_its_top_dyads(client):
    data = client.get("/api/overview").json()
    assert data["top_dyads"], "the example corpus has events between countries"
    top = data["top_dyads"][0]
    assert {top["a"], top["b"]} == {"NOR", "RUS"}
    assert top["a_to_b"] + top["b_to_a"] == top["events"]
    page = client.get("/").text
    assert f'href="/dyad/{top["a"]}/{top["b"]}"' in page


def test_dyad_page_and_twin(client):
    data = client.get("/api/dyad/NOR/RUS").json()
    assert data["a_label"] == "Norway" and data["b_label"] == "Russia"
    assert "NORGOV" in data["a_codes"] and "RUS" in data["b_codes"]
    ab, ba = data["totals"]["a->b"], data["totals"]["b->a"]
    assert ab["events"] > 0 and ba["events"] > 0
    assert sum(p["events"] for p in data["timeline"]["a->b"]) == ab["events"]
    assert sum(sum(p["quad_counts"]) for p in data["timeline"]["b->a"]) == ba["events"]
    assert len(data["events"]) == ab["events"] + ba["events"]
    mention = data["events"][0]["mentions"][0]
    start, end = mention["evidence"]
    assert mention["sentence"][start:end] and mention["rule"] and mention["source_resolved_by"]

    page = client.get("/dyad/NOR/RUS")
    assert page.status_code == 200
    assert page.text.count("<svg") >= 2 and 'class="q' in page.text
    assert '<span class="evidence">' in page.text
    assert f'href="/article/{mention["article_id"]}#event-{mention["event_index"]}"' in page.text
    # The event's anchor exists on the article page, with how it was coded.
    article = client.get(f"/article/{mention['article_id']}").text
    assert f'id="event-{mention["event_index"]}"' in article and mention["rule"].replace(">", "&gt;") in article
    assert f'id="text-event-{mention["event_index"]}"' in article

    swapped = client.get("/api/dyad/RUS/NOR").json()
    assert swapped["totals"]["a->b"] == ba and swapped["totals"]["b->a"] == ab
    weekly = client.get("/api/dyad/NOR/RUS", params={"freq": "week"}).json()
    assert weekly["freq"] == "week" and sum(p["events"] for p in weekly["timeline"]["a->b"]) == ab["events"]
    narrowed = client.get("/api/dyad/NOR/RUS", params={"since": "2026-03-10"}).json()
    assert all(e["date"] >= "2026-03-10" for e in narrowed["events"])
    assert client.get("/api/dyad/NORGOV/RUS", params={"level": "actor"}).json()["a_codes"] == ["NORGOV"]
    assert client.get("/api/dyad/NOR/ZZZ").status_code == 404
    assert client.get("/api/dyad/NOR/NOR").status_code == 400
    assert client.get("/dyad/NOR/RUS", params={"since": "2026-03-20", "until": "2026-03-01"}).status_code == 400
    assert client.get("/api/dyad/NOR/R$S").status_code in (404, 422)


def test_network_page_and_twin(client):
    data = client.get("/api/network").json()
    keys = {n["key"] for n in data["nodes"]}
    assert {"NOR", "RUS"} <= keys and data["edges"]
    page = client.get("/network")
    assert page.status_code == 200 and 'class="chart network"' in page.text
    assert page.text.count('class="edge"') == 2 * len(data["edges"])  # wide and narrow drawings
    assert 'href="/dyad/NOR/RUS"' in page.text
    dated = client.get("/api/network", params={"until": "2026-03-05"}).json()
    assert dated["events_shown"] < data["events_shown"]
    assert client.get("/api/network", params={"since": "tomorrow"}).status_code == 422


def test_map_page_and_twin(client):
    data = client.get("/api/map").json()
    assert data["points"] and data["metonymic_left_out"] > 0
    page = client.get("/map")
    assert page.status_code == 200 and 'class="chart map"' in page.text
    assert page.text.count('class="pt-') >= 2 * len([p for p in data["points"]]) - 4  # a mark per point in each drawing (a few may fall outside)
    assert 'class="land"' in page.text
    assert client.get("/map", params={"view": "world"}).status_code == 200


def test_search_facets_narrow_and_duplicates_fold(client):
    data = client.get("/api/search", params={"q": "talks"}).json()
    assert {"outlet", "date", "speaker", "actor"} == set(data["facets"])
    outlet = data["facets"]["outlet"][0]
    narrowed = client.get("/api/search", params={"q": "talks", "outlet": outlet["value"], "collapse": "false"}).json()
    assert len(narrowed["hits"]) == outlet["matches"]
    assert {h["outlet"] for h in narrowed["hits"]} == {outlet["value"]}
    assert data["collapsed"] > 0 and any(h["duplicates"] for h in data["hits"])
    every = client.get("/api/search", params={"q": "talks", "collapse": "false"}).json()
    assert len(every["hits"]) == len(data["hits"]) + data["collapsed"]
    page = client.get("/search", params={"q": "talks", "actor": "NOR"}).text
    assert "actor: NOR" in page and 'aria-label="Narrow the search"' in page
