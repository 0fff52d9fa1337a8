import datetime as dt

import pytest

from eventwire.clean.urls import classify_link, date_in_url, find_urls, looks_shortened, registered_domain, title_from_url


def test_find_urls_trims_punctuation_but_keeps_balanced_parentheses():
    line = "See (https://en.example.org/wiki/Sardine_(fish)) and https://x.example/a, then www.y.example/b."
    found = [line[s:e] for s, e in find_urls(line)]
    assert found == ["https://en.example.org/wiki/Sardine_(fish)", "https://x.example/a", "www.y.example/b"]


@pytest.mark.parametrize(
    "url, date",
    [
        ("https://n.example/2022/01/28/story-a1", dt.date(2022, 1, 28)),
        ("https://n.example/news/2026-03-11/story", dt.date(2026, 3, 11)),
        ("https://n.example/20240516/story", dt.date(2024, 5, 16)),
        ("https://n.example/2024/13/40/story", None),
        ("https://n.example/story-2024", None),
    ],
)
def test_date_in_url(url, date):
    assert date_in_url(url) == date


def test_title_from_slug_drops_trailing_ids():
    assert title_from_url("https://n.example/2022/01/28/talks-to-resume-in-geneva-says-envoy-a76183") == "Talks to Resume in Geneva Says Envoy"
    assert title_from_url("https://n.example/a/12345") is None


def test_registered_domain_handles_multi_part_suffixes_and_unknown_ones():
    assert registered_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registered_domain("https://www.northern-ledger.example/x") == "northern-ledger.example"


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://reut.rs/3o6Ftf5", "shortened"),
        ("http://nl.example/r/8fK2", "shortened"),
        ("https://www.youtube.com/watch?v=abc", "media"),
        ("https://x.com/someone/status/1", "social"),
        ("https://other.example/2020/01/01/unrelated-story-here", "related"),
        ("https://gov.example/report.pdf", "other"),
    ],
)
def test_classify_link(url, kind):
    assert classify_link(url, None, "mine.example", after_teaser=False) == kind


def test_long_paths_are_not_short_links():
    assert not looks_shortened("https://www.example.com/world/europe/article-name-here")


@pytest.mark.parametrize(
    "domain, name",
    [
        ("themoscowtimes.com", "The Moscow Times"),  # from the outlets table
        ("arcticpost.example", "Arctic Post"),  # run-together words split by frequency
        ("theglobeandmail.example", "The Globe and Mail"),
        ("northern-ledger.example", "Northern Ledger"),
        ("rt.example", "RT"),
    ],
)
def test_outlet_names(domain, name):
    from eventwire.clean.metadata import outlet_name

    assert outlet_name(domain) == name
