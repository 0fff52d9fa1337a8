"""The canonical messy input, read in place from ../shared/seed (never copied here); skipped where absent."""

import os
from pathlib import Path

import pytest

import eventwire
from tests.conftest import REPO, assert_spans_hold

SEED = Path(os.environ.get("EVENTWIRE_SEED", REPO.parent / "shared" / "seed" / "000_8023ca17ecb1f767.txt"))
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed article is not on this machine")


@pytest.fixture(scope="module")
def seed():
    [record] = list(eventwire.process_paths([str(SEED)]))
    return record


def test_seed_metadata(seed, validate):
    validate(seed)
    assert_spans_hold(seed)
    assert seed.url.endswith("/2022/01/28/russia-not-to-blame-if-war-breaks-out-lavrov-says-a76183")
    assert seed.published == "2022-01-28"
    assert seed.outlet.domain == "themoscowtimes.com" and seed.outlet.name == "The Moscow Times"


def test_seed_body(seed):
    assert len(seed.paragraphs) == 16
    for leftover in ("http", "www.", "Related article", "Original url", "reut.rs"):
        assert leftover not in seed.text


def test_seed_links_and_warnings(seed):
    urls = [link.url for link in seed.links]
    assert len(urls) == len(set(urls)) == 4
    assert seed.url in urls
    dated = [w.message for w in seed.warnings if w.code == "link-dated-after-article"]
    assert len(dated) == 1 and "/2025/07/18/" in dated[0]
    assert {w.code for w in seed.warnings} >= {"duplicate-link", "short-link-unexpanded", "url-repaired"}
