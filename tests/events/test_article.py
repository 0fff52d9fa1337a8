"""A seed-like article written for this test (different words, the same phenomena): the
core dyads appear, generic speech and denied appeals stay out."""

from __future__ import annotations

import pytest

from eventwire.events.extract import extract_events

ARTICLE = """China is not looking for a confrontation with Japan and Australia, the country's chief diplomat said Monday.

"We do not want a conflict," Foreign Minister Chen Wei said in an interview with state television.

He accused Western governments of stoking fear about China attacking Taiwan.

Beijing has massed some 40,000 soldiers close to the coast facing Taiwan.

Japan and Australia on Friday rejected China's demand to stop their naval patrols in the region.

Chen, who is set to meet with Japanese Foreign Minister Ken Sato next week, said Beijing was studying the replies.

He praised the United States, which he complimented as "a serious partner."
"""


@pytest.fixture(scope="module")
def events():
    from eventwire.nlp import load_pipeline
    from eventwire.quotes import extract_quotes

    nlp = load_pipeline()
    doc = nlp(ARTICLE)
    entities, quotes = extract_quotes(ARTICLE, doc)
    return extract_events(ARTICLE, doc, "2024-03-04", entities, quotes)


def dyads(events):
    return {(e.root, e.source.code, e.target.code if e.target else None) for e in events}


def test_core_dyads(events):
    got = dyads(events)
    assert ("12", "JPN", "CHN") in got and ("12", "AUS", "CHN") in got  # coordinated rejection
    assert ("15", "CHNGOV", "TWN") in got  # the build-up takes the country, not the soldiers
    assert ("11", "CHNGOV", "WST") in got  # "He" is the minister; "Western governments" the West
    assert ("03", "CHNGOV", "JPNGOV") in got  # relative "who"; "is set to meet": intent to meet (036)
    assert ("05", "CHNGOV", "USA") in got  # "which he complimented": the United States


def test_no_generic_speech_or_denied_appeal(events):
    assert not [e for e in events if e.root == "01" and (e.target is None or not e.target.code)]
    assert not [e for e in events if e.root == "02" and e.modality == "denied"]
    assert not [e for e in events if e.source.code == "GOV"]  # roles get the article's country
    assert not [e for e in events if e.evidence.text == "stop"]  # the content of "demand to stop"
