"""Speakers written as a role with a country ("Russia's top diplomat"), on sentences written for
these tests: the holder the article names, else the office-holder tables of eventwire.actors."""

from __future__ import annotations

import pytest

from eventwire.quotes.lexicon import lexicon


@pytest.fixture(scope="module")
def run_dated():
    from eventwire.nlp import load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes

    nlp = load_pipeline()

    def go(text: str, date: str | None = None):
        doc = next(parse_texts([text], nlp))
        entities, quotes = extract_quotes(text, doc, date)
        for e in entities:
            for m in e.mentions:
                assert text[m.start : m.end] == m.text
        return entities, quotes

    return go


def _speakers(quotes):
    return [q.speaker.name if q.speaker else None for q in quotes]


def test_role_phrases_name_their_office():
    lex = lexicon()
    assert lex.office_of("Russia's top diplomat").search("Minister of Foreign Affairs of Russia")
    assert lex.office_of("the Russian defence minister").search("Minister of Defence of Russia")
    assert not lex.office_of("the country's prime minister").search("President of Russia")
    assert lex.office_of("the minister") is None


def test_possessive_country_role_goes_to_the_holder_on_the_article_date(run_dated):
    text = "Russia's top diplomat said on Tuesday that the Barents Sea talks would go on in the spring."
    entities, quotes = run_dated(text, "2019-05-02")
    assert _speakers(quotes) == ["Sergey Lavrov"]
    made = [e for e in entities if e.name == "Sergey Lavrov"]
    assert made and made[0].mentions[0].text == "Russia's top diplomat"


def test_the_countrys_role_takes_the_country_named_before_it(run_dated):
    text = "Russia closed its northern airspace on Sunday. The country's defence minister said that patrols would double."
    _, early = run_dated(text, "2019-05-02")
    _, late = run_dated(text, "2025-01-10")
    assert _speakers(early) == ["Sergei Shoigu"]
    assert _speakers(late) == ["Andrei Belousov"]


def test_undated_role_goes_only_to_a_holder_the_article_names(run_dated):
    named = "Canada's prime minister said the ferry tariffs would stay. Later, Trudeau told reporters the decision was final."
    unnamed = "Canada's prime minister said the ferry tariffs would stay in place until the autumn."
    _, quotes = run_dated(named)
    assert _speakers(quotes)[0] == "Trudeau"
    _, quotes = run_dated(unnamed)
    assert _speakers(quotes) == ["Canada's prime minister"]


def test_holder_named_in_the_article_beats_the_tables(run_dated):
    text = (
        "Foreign Minister Sergei Lavrov arrived in Kirkenes on Monday.\n\n"
        "Russia's top diplomat said the fishing quotas had to be shared fairly."
    )
    _, quotes = run_dated(text, "2019-05-02")
    assert _speakers(quotes) == ["Sergei Lavrov"]


def test_role_of_another_country_is_not_taken(run_dated):
    text = (
        "Norwegian Foreign Minister Anne Dahl met her counterparts in Oslo on Monday.\n\n"
        "Russia's top diplomat said the fishing quotas were unfair."
    )
    _, quotes = run_dated(text)
    assert "Anne Dahl" not in _speakers(quotes)


def test_speaker_phrase_does_not_reach_across_a_dateline(run_dated):
    text = "TROMSO - Norway's fisheries minister said on Friday that the cod quota would be cut."
    _, quotes = run_dated(text)
    assert quotes[0].speaker.mention.text == "Norway's fisheries minister"


def test_role_with_a_country_skips_a_described_person_of_another_country(run_dated):
    text = (
        "President Anton Volkov and Finnish President Eeva Lahti spoke by phone on Monday. "
        "The Russian president said the border crossings would stay open."
    )
    _, quotes = run_dated(text)
    assert _speakers(quotes) == ["Anton Volkov"]


def test_role_written_as_an_acronym_goes_to_its_holder(run_dated):
    text = 'Chief executive Mara Lind presented the results on Tuesday. "Freight is back," the CEO said.'
    _, quotes = run_dated(text)
    assert _speakers(quotes) == ["Mara Lind"]
