"""Quote spans and kinds, on sentences written for these tests."""

from __future__ import annotations

import pytest

PAIR = (
    'The harbour reopened on Monday after a week of storms.\n\n'
    '"We lost two boats and most of the nets," fisherman Tomas Ekland said on the quay.\n\n'
    'Ekland said that insurers had not yet sent anyone to look at the damage.'
)


def test_direct_with_cue_after_and_indirect_with_that(run):
    _, quotes = run(PAIR)
    assert [(q.kind, q.text) for q in quotes] == [
        ("direct", '"We lost two boats and most of the nets,"'),
        ("indirect", "that insurers had not yet sent anyone to look at the damage"),
    ]
    assert quotes[0].cue.text == "said"
    assert quotes[0].speaker.name == "Tomas Ekland"
    assert quotes[1].speaker.name == "Tomas Ekland"


def test_split_quote_gives_two_records_with_one_speaker(run):
    text = '"The bridge is safe," engineer Hannah Voss said, "but the ramps need new bearings before winter."'
    _, quotes = run(text)
    assert [q.text for q in quotes] == [
        '"The bridge is safe,"',
        '"but the ramps need new bearings before winter."',
    ]
    assert all(q.kind == "direct" and q.speaker.name == "Hannah Voss" for q in quotes)


def test_cue_before_with_colon(run):
    text = 'The mayor, Ruth Calloway, told the council: "This budget keeps every library open."'
    _, quotes = run(text)
    assert [q.text for q in quotes] == ['"This budget keeps every library open."']
    assert quotes[0].kind == "direct"
    assert quotes[0].speaker.name == "Ruth Calloway"


def test_partial_quote_inside_indirect_speech_is_one_clause(run):
    text = 'Inspector Dale Murphy said the convoy had been "waved through without a single check" at the border.'
    _, quotes = run(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "partial"
    assert q.text == 'the convoy had been "waved through without a single check" at the border'
    assert q.speaker.name == "Dale Murphy"


def test_said_with_a_day_and_no_that(run):
    text = "Farmers in the valley will get their water back next month, the irrigation board said Tuesday."
    _, quotes = run(text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "Farmers in the valley will get their water back next month")
    ]
    assert quotes[0].speaker.name == "the irrigation board"


def test_according_to(run):
    text = "The plant will close in March, according to a letter sent to workers on Friday."
    _, quotes = run(text)
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "The plant will close in March")]
    assert quotes[0].cue.text == "according"


def test_multi_paragraph_quote_reopens_without_closing(run):
    text = (
        'Mira Santos said: "We started with three volunteers and a borrowed van.\n\n'
        '"Now there are forty of us, and the van is ours."\n\n'
        "The group meets on Sundays."
    )
    _, quotes = run(text)
    assert [q.text for q in quotes] == [
        '"We started with three volunteers and a borrowed van.',
        '"Now there are forty of us, and the van is ours."',
    ]
    assert all(q.kind == "direct" for q in quotes)
    assert [q.speaker.name for q in quotes] == ["Mira Santos", "Mira Santos"]


def test_quote_without_speaker_inherits_running_speaker(run):
    text = (
        '"The river is higher than in 1998," hydrologist Pieter Van Damme said.\n\n'
        '"If the rain keeps up, the dikes will be tested."\n\n'
        "Sandbags were handed out in the old town."
    )
    _, quotes = run(text)
    assert [q.speaker.name for q in quotes] == ["Pieter Van Damme", "Pieter Van Damme"]
    assert quotes[1].speaker.mention is None  # no mention in its own clause


@pytest.mark.parametrize(
    "opening,closing",
    [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")],
)
def test_mark_styles(run, opening, closing):
    text = f"{opening}Nobody told us the school would close,{closing} said parent Alma Reyes."
    _, quotes = run(text)
    assert [q.text for q in quotes] == [f"{opening}Nobody told us the school would close,{closing}"]
    assert quotes[0].speaker.name == "Alma Reyes"


def test_unbalanced_mark_does_not_swallow_the_article(run):
    text = (
        'Officials said the "temporary closure would last a week.\n\n'
        "The ferry will run twice a day instead of four times.\n\n"
        '"It is the best we can do," harbour master Olu Adeyemi said.'
    )
    _, quotes = run(text)
    assert all("\n" not in q.text for q in quotes)
    assert quotes[-1].text == '"It is the best we can do,"'
    assert quotes[-1].speaker.name == "Olu Adeyemi"


def test_scare_quotes_are_not_quotes(run):
    text = 'Words such as "synergy," "pivot," and "bandwidth" were banned from the memo.'
    _, quotes = run(text)
    assert quotes == []


def test_nested_quotes_stay_one_record(run):
    text = "\"She told me 'he kept saying \"wait\" all night' and then left,\" witness Ana Lind said."
    _, quotes = run(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith('"She told me') and quotes[0].text.endswith('left,"')


# -- bad input: sane output and no blow-up, with generous limits ----------------------------


@pytest.mark.timeout(120)
def test_no_sentences(run):
    assert run("") == ([], [])
    assert run("   \n\n  ") == ([], [])
    _, quotes = run("\"\"\" ' « » ”")
    assert isinstance(quotes, list)


@pytest.mark.timeout(300)
def test_ten_thousand_quote_marks(run):
    text = ('"a" ' * 2500) + "\n\n" + ('" ' * 5000)
    _, quotes = run(text)
    assert len(quotes) <= 2600


@pytest.mark.timeout(300)
def test_one_megabyte_paragraph(run):
    """One paragraph of a megabyte. The Doc is built from copies of one parsed unit so that
    the test measures this stage, not spaCy parsing a megabyte."""
    from spacy.tokens import Doc

    from eventwire.nlp import load_pipeline
    from eventwire.quotes import extract_quotes

    unit = 'The council said the road would reopen soon, and "it will be smooth," the engineer said. '
    parsed = load_pipeline()(unit)
    doc = Doc.from_docs([parsed] * (1_000_000 // len(unit)), ensure_whitespace=False)
    text = doc.text
    assert "\n" not in text and len(text) > 990_000
    _, quotes = extract_quotes(text, doc)
    assert quotes
    assert all(text[q.start : q.end] == q.text for q in quotes)
    assert max(len(q.text) for q in quotes) < 500


@pytest.mark.timeout(120)
def test_doc_without_parse_or_sentences():
    """A tokenizer-only Doc (no tags, no parse, no sentence boundaries) gives sane, empty-ish output."""
    from eventwire.nlp import load_pipeline
    from eventwire.quotes import extract_quotes

    text = '"We will rebuild," he said. She said the work starts in May.'
    doc = load_pipeline().make_doc(text)
    entities, quotes = extract_quotes(text, doc)
    assert all(text[q.start : q.end] == q.text for q in quotes)
    assert entities == []
