"""Quotes as the quotes stage will hand them over, built by hand so this needs no spaCy."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import Entity, Quote, Span, Speaker


def _article(text: str, date: str, speakers: list[tuple[str, str, str | None]]):
    """An article whose quoted sentences name the given speakers (said-text, name, full name of their entity)."""
    article = eventwire.process_text(text, date=date)
    for i, (said, name, entity_name) in enumerate(speakers):
        start = article.text.index(said)
        entity_id = None
        if entity_name:
            entity_id = f"e{i}"
            article.entities.append(Entity(entity_id, entity_name, "person", "minister", [Span(start, start + 1, article.text[start])]))
        speaker = Speaker(entity_id, name, "minister", "person")
        article.quotes.append(Quote(said, start, start + len(said), "direct", None, speaker))
    return article


@pytest.fixture
def quoted(corpus):
    corpus.add(_article("\"We will not retreat from the Barents Sea,\" Lavrov said in Moscow on Monday.\n", "2026-03-02", [("We will not retreat from the Barents Sea", "Lavrov", None)]))
    corpus.add(_article("Sergei V. Lavrov told reporters: \"Norway is provoking us over fish quotas.\"\n", "2026-03-09", [("Norway is provoking us over fish quotas", "Sergei V. Lavrov", "Sergei V. Lavrov")]))
    corpus.add(_article("Foreign Minister Anniken Huitfeldt said: \"Our coast guard acts within the law at all times.\"\n", "2026-03-16", [("Our coast guard acts within the law at all times", "Huitfeldt", "Anniken Huitfeldt")]))
    return corpus


def test_a_speaker_is_found_by_any_form_of_the_name(quoted):
    for query in ("Sergei Lavrov", "Lavrov", "sergei v. lavrov", "Foreign Minister Sergei Lavrov"):
        assert [q.text for q in quoted.quotes(speaker=query)] == [
            "We will not retreat from the Barents Sea",
            "Norway is provoking us over fish quotas",
        ], query
    assert [q.person for q in quoted.quotes(speaker="Huitfeldt")] == ["anniken huitfeldt"]
    assert quoted.quotes(speaker="Putin") == []


def test_quotes_between_dates(quoted):
    assert [q.published for q in quoted.quotes(since="2026-03-05")] == ["2026-03-09", "2026-03-16"]
    assert [q.published for q in quoted.quotes(until="2026-03-09")] == ["2026-03-02", "2026-03-09"]
    assert len(quoted.quotes(speaker="Lavrov", since="2026-03-05", until="2026-03-31")) == 1


def test_quote_text_is_searchable(quoted):
    hits = quoted.search("provoking", kinds=("quote",))
    assert [(h.kind, h.speaker) for h in hits] == [("quote", "Sergei V. Lavrov")]
    assert "[provoking]" in hits[0].snippet


def test_stored_quotes_round_trip(quoted):
    for article_id in quoted.ids():
        record = quoted.get(article_id)
        assert record["quotes"] and record["quotes"][0]["speaker"]["type"] == "person"
    assert quoted.stats().quotes == 3
    assert quoted.integrity_check() == "ok"
