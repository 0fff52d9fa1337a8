"""Broken and hostile HTML gives a sane record or a clear per-document error, within the time limit."""

import pytest

from eventwire import process_paths
from eventwire.model import Article, DocumentError
from eventwire.settings import Settings

CLEAN_ONLY = Settings(stages=("clean",))

PARAGRAPH = (
    "<p>Officials in Oslo said on {day} that the talks with Moscow would resume next week in Helsinki, "
    "and that the coast guard would keep two vessels near the maritime boundary until then.</p>\n"
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "a holiday"]


def _page(paragraphs: int) -> str:
    body = "".join(PARAGRAPH.format(day=f"{DAYS[i % 8]} ({i})") for i in range(paragraphs))
    return f"<!doctype html><html><head><title>Talks to resume</title></head><body><article><h1>Talks to resume</h1>{body}</article></body></html>"


def _one(path) -> Article | DocumentError:
    # What the HTML reader and the cleaner make of bad pages; the NLP stages are tested elsewhere.
    [record] = list(process_paths([str(path)], CLEAN_ONLY))
    return record


def test_truncated_page_gives_what_is_there(tmp_path, validate):
    page = _page(8)
    path = tmp_path / "cut.html"
    path.write_text(page[: len(page) // 2] + '<p class="unterminated')
    record = _one(path)
    assert isinstance(record, Article)
    validate(record)
    assert "Officials in Oslo" in record.text


def test_ten_thousand_nested_divs(tmp_path, validate):
    path = tmp_path / "nested.html"
    path.write_text("<!doctype html><html><body>" + "<div>" * 10_000 + _page(5) + "</div>" * 10_000 + "</body></html>")
    record = _one(path)
    validate(record)
    if isinstance(record, DocumentError):
        assert record.code == "not-an-article" and "nested" in record.error


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_twenty_megabyte_page(tmp_path, validate):
    path = tmp_path / "big.html"
    path.write_text(_page(80_000))
    record = _one(path)
    validate(record)
    assert isinstance(record, Article) and len(record.paragraphs) > 1000
