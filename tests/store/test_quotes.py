"""Quotes as the quotes stage will hand them over, built by hand so this needs no spaCy."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import Actor, Entity, Event, Quote, Span, Speaker

from .conftest import CLEAN


def _article(text: str, date: str, speakers: list[tuple[str, str, str | None]]):
    """An article whose quoted sentences name the given speakers (said-text, name, full name of their entity)."""
    article = eventwire.process_text(text, date=date, settings=CLEAN)
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


def test_people_carry_the_actor_code_of_their_office(quoted):
    # Lavrov is in the packaged office-holder table: both forms of his name are RUSGOV in 2026, one identity.
    hits = quoted.quotes(speaker="Sergei Lavrov")
    assert {(q.person, q.person_code) for q in hits} == {("sergei lavrov", "RUSGOV")}
    [lavrov] = quoted.people(name="Lavrov")
    assert (lavrov.key, lavrov.actor_code, lavrov.quotes) == ("sergei lavrov", "RUSGOV", 2)
    assert [q.text for q in quoted.quotes(code="RUS")] == [q.text for q in hits]
    assert quoted.quotes(speaker="Lavrov", code="NOR") == []
    rusgov = next(a for a in quoted.actors() if a.code == "RUSGOV")
    assert [p.key for p in rusgov.people] == ["sergei lavrov"] and rusgov.as_source == 0


def _said_with_event(text: str, date: str, name: str, code: str):
    """An article quoting `name`, who is also the source actor (with `code`) of an event in it."""
    article = eventwire.process_text(text, date=date, settings=CLEAN)
    start = article.text.index(name)
    span = Span(start, start + len(name), name)
    article.entities.append(Entity("e1", name, "person", None, [span]))
    said = article.text.split('"')[1]
    said_at = article.text.index(said)
    article.quotes.append(Quote(said, said_at, said_at + len(said), "direct", None, Speaker("e1", name, None, "person", span)))
    article.events.append(Event(
        source=Actor(code, name, name, span.start, span.end, entity_id="e1", source="user-actors"), target=None,
        code="010", root="01", goldstein=0.0, quad_class=1, plover=None, date=None, sentence=(0, len(article.text)),
        evidence=Span(said_at, said_at + 4, article.text[said_at : said_at + 4]),
    ))
    return article


def test_namesakes_with_different_codes_are_two_people(corpus):
    corpus.add(_said_with_event('Anna Vik said: "The quota stays where it is."\n', "2026-04-01", "Anna Vik", "NORGOV"))
    corpus.add(_said_with_event('Anna Vik said: "Our mill will stay open."\n', "2026-04-02", "Anna Vik", "SWEBUS"))
    corpus.add(_said_with_event('Vik said: "We spoke about the quota again."\n', "2026-04-03", "Vik", "NORGOV"))
    people = {(p.key, p.actor_code): p for p in corpus.people(name="Anna Vik")}
    assert set(people) == {("anna vik", "NORGOV"), ("anna vik", "SWEBUS")}
    assert people[("anna vik", "NORGOV")].quotes == 2  # the bare surname joined the full name with the same code
    assert len(corpus.quotes(speaker="Anna Vik")) == 3  # the name finds both ...
    assert [q.text for q in corpus.quotes(speaker="Anna Vik", code="SWE")] == ["Our mill will stay open."]  # ... the code one
    norgov = next(a for a in corpus.actors(code="NOR") if a.code == "NORGOV")
    assert (norgov.as_source, norgov.articles, [p.key for p in norgov.people]) == (2, 2, ["anna vik"])


def test_a_person_first_seen_without_a_code_takes_the_first_code_met(corpus):
    article = eventwire.process_text('Kari Holm said: "Nothing changes for now."\n', date="2026-04-01", settings=CLEAN)
    at = article.text.index("Kari Holm")
    said = "Nothing changes for now."
    article.quotes.append(Quote(said, article.text.index(said), article.text.index(said) + len(said), "direct", None,
                                Speaker(None, "Kari Holm", None, "person", Span(at, at + 9, "Kari Holm"))))
    corpus.add(article)
    assert [(p.key, p.actor_code) for p in corpus.people()] == [("kari holm", None)]
    corpus.add(_said_with_event('Kari Holm said: "The talks go on."\n', "2026-04-05", "Kari Holm", "NORGOV"))
    [kari] = corpus.people()
    assert (kari.actor_code, kari.quotes) == ("NORGOV", 2)


def test_copies_of_one_story_show_a_quote_once_when_folded(corpus):
    story = ("\"We will not retreat from the Barents Sea,\" Lavrov said in Moscow on Monday, as talks on the\n"
             "fishing zone stalled for a third week and the coast guards of both countries kept watch nearby.\n\n"
             "Norwegian officials said the two delegations had not met since the trawler Polarlys was boarded\n"
             "north of Vardø, and that a new round would need a written agenda agreed by both capitals first.\n\n"
             "Fishermen in Kirkenes told the regional paper they had kept their boats in harbour all week, and\n"
             "the local council asked Oslo for help with the cost of fuel and wages while the dispute lasts.\n")
    said = "We will not retreat from the Barents Sea"
    wire = _article(story, "2026-03-02", [(said, "Lavrov", None)])
    repost = _article(story.replace("Monday", "Monday morning"), "2026-03-03", [(said, "Lavrov", None)])
    other = _article("\"We will not retreat from the Barents Sea,\" Lavrov repeated a month later in Murmansk.\n", "2026-04-02", [(said, "Lavrov", None)])
    for article in (wire, repost, other):
        assert corpus.add(article)
    assert len(corpus.quotes(speaker="Lavrov")) == 3
    folded = corpus.quotes(speaker="Lavrov", fold_copies=True)
    assert [(q.published, q.copies) for q in folded] == [("2026-03-02", 2), ("2026-04-02", 1)]
    assert folded[0].article_id == wire.id
