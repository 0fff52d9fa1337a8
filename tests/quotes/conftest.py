from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def run():
    """extract_quotes on a text parsed by the default pipeline, checking every span on the way."""
    from eventwire.nlp import load_pipeline, parse_texts
    from eventwire.quotes import extract_quotes

    nlp = load_pipeline()

    def go(text: str):
        doc = next(parse_texts([text], nlp))
        entities, quotes = extract_quotes(text, doc)
        for q in quotes:
            assert text[q.start : q.end] == q.text
            if q.cue is not None:
                assert text[q.cue.start : q.cue.end] == q.cue.text
            if q.speaker is not None and q.speaker.mention is not None:
                m = q.speaker.mention
                assert text[m.start : m.end] == m.text
        for e in entities:
            for m in e.mentions:
                assert text[m.start : m.end] == m.text
        return entities, quotes

    return go
