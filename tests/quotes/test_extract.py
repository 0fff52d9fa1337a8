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


# -- recall: quotes in their own sentence, misparsed complements, clauses beside the frame --


def test_quote_that_is_a_sentence_of_its_own_in_a_running_paragraph(run):
    text = (
        "“The bridge is safe,” engineer Hannah Voss said. “We checked every bolt twice.” "
        "The ramps close on Monday for resurfacing."
    )
    _, quotes = run(text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("direct", "“The bridge is safe,”"),
        ("direct", "“We checked every bolt twice.”"),
    ]
    assert quotes[1].speaker.name == "Hannah Voss"
    assert quotes[1].speaker.mention is None  # inherited from the running quotation


def test_headline_run_into_the_next_paragraph_does_not_steal_the_complement(run):
    text = "Clinic hours cut\n\nIn a letter to staff, director Omar Haddad said the clinic will close at six on weekdays."
    _, quotes = run(text)
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "the clinic will close at six on weekdays")]
    assert quotes[0].speaker.name == "Omar Haddad"


def test_clause_after_said_without_a_parsed_complement(run):
    text = "Nurse Ellen Park said unemployment and lost earnings after a stroke have broad costs for families."
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["unemployment and lost earnings after a stroke have broad costs for families"]
    assert "Ellen Park" in quotes[0].speaker.name


def test_saying_clause_is_its_own_record(run):
    text = "Mayor Lena Ortiz announced that the pool will reopen in June, saying the repairs came in under budget."
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["that the pool will reopen in June", "the repairs came in under budget"]
    assert all(q.speaker.name == "Lena Ortiz" for q in quotes)


def test_coordinated_speech_verb_is_its_own_record(run):
    text = "Farmer Jon Bale says the dry spell cost him half his hay and alleges that the county ignored his warnings."
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["the dry spell cost him half his hay", "that the county ignored his warnings"]
    assert quotes[1].cue.text == "alleges"


def test_second_clause_after_a_mid_sentence_frame(run):
    text = "Captain Ines Moreau spoke after the crossing. The ferry was late, she said, but the crew handled the crowd well."
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["The ferry was late", "but the crew handled the crowd well"]
    assert all(q.speaker.name == "Ines Moreau" for q in quotes)


def test_adverbial_clause_after_the_frame_is_not_speech(run):
    text = "Captain Ines Moreau spoke after the crossing. The ferry was late, she said, though nobody complained at all."
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["The ferry was late"]


def test_imperative_speech_verb_is_not_a_cue(run):
    _, quotes = run("Tell him why you think the plan would work.")
    assert quotes == []


def test_paragraph_ending_without_punctuation_still_has_speech(run):
    text = "Union leader Sam Okafor says the new fares are unfair to commuters. Contact: news@example.org"
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["the new fares are unfair to commuters"]


def test_headline_with_a_speech_verb_is_not_speech(run):
    text = "Okafor says fares are unfair\n\nThe union met on Tuesday."
    _, quotes = run(text)
    assert quotes == []


def test_describe_as_is_not_a_frame_for_the_clause_before_it(run):
    text = (
        "The coast guard said it would suspend inspections for two weeks, "
        "a move officials described as a gesture of good faith."
    )
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["it would suspend inspections for two weeks"]
    assert quotes[0].speaker.name == "The coast guard"


def test_headline_run_into_the_sentence_is_not_the_speaker(run):
    text = (
        "Ferry schedules cut for winter: Transport report\n\n"
        "A spokeswoman for the minister said the ferries will keep running on weekends."
    )
    _, quotes = run(text)
    assert [q.text for q in quotes] == ["the ferries will keep running on weekends"]
    assert quotes[0].speaker.name == "A spokeswoman for the minister"


def _hand_parsed(words, heads, deps, pos, tags):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    lemmas = [w.lower() if w != "told" else "tell" for w in words]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_reported_clause_never_holds_its_own_cue_subject():
    from eventwire.quotes.extract import _complement, _subject_of

    # 'advocate' misread as a verb whose object is the speaker's name, and reported by 'told'.
    words = ["Harbour", "councillor", "and", "renters", "advocate", "Ada", "Brook", "told", "reporters",
             "the", "rules", "favour", "owners", "."]
    heads = [1, 4, 1, 1, 7, 6, 4, 7, 7, 10, 11, 7, 11, 7]
    deps = ["compound", "nsubj", "cc", "conj", "ccomp", "compound", "dobj", "ROOT", "dative",
            "det", "nsubj", "ccomp", "dobj", "punct"]
    pos = ["PROPN", "NOUN", "CCONJ", "NOUN", "VERB", "PROPN", "PROPN", "VERB", "NOUN",
           "DET", "NOUN", "VERB", "NOUN", "PUNCT"]
    tags = ["NNP", "NN", "CC", "NNS", "VBP", "NNP", "NNP", "VBD", "NNS", "DT", "NNS", "VBP", "NNS", "."]
    doc = _hand_parsed(words, heads, deps, pos, tags)
    told = doc[7]
    assert _complement(told).text == "favour"
    assert _subject_of(told).text == "Brook"


def test_unpunctuated_partial_quote_keeps_the_frame_on_its_left(run):
    text = (
        "Harbour master Petra Lund criticised the council on Friday. "
        "Lund said the closure was avoidable, arguing that the council had "
        "\u201cignored every warning\u201d by insisting on a cheaper contractor."
    )
    _, quotes = run(text)
    partial = [q for q in quotes if "ignored every warning" in q.text]
    assert partial and partial[0].cue.text == "arguing"
    assert partial[0].speaker.name == "Petra Lund"


def test_a_dateline_in_capitals_does_not_name_the_speaker(run):
    text = (
        "KIRKENES, May 4 (Polar Desk) - Kirkenes said on Thursday that the port would reopen.\n\n"
        "The town council in Kirkenes said it had asked for more pilots."
    )
    entities, _ = run(text)
    assert all(not e.name.isupper() for e in entities)


def test_it_goes_on_with_the_body_that_just_spoke(run):
    text = (
        "The port authority in Hammerfest said in a statement that the quay was damaged in the storm. "
        "Officials from the Coastal Directorate inspected it on Tuesday.\n\n"
        "It said the repairs would take until the summer."
    )
    _, quotes = run(text)
    last = [q for q in quotes if "repairs" in q.text]
    assert last and last[0].speaker.name.lower().startswith("the port authority")
    assert last[0].speaker.mention.text == "It"


def test_doubled_single_marks_close_a_quote(run):
    text = (
        "\u201cWe print anything by anyone,\u2019\u2019 says the owner of the Harbour Press, which opened last year. "
        "The shop is the only one of its kind in the county."
    )
    _, quotes = run(text)
    assert quotes[0].text == "\u201cWe print anything by anyone,\u2019\u2019"
    assert quotes[0].cue is not None and quotes[0].cue.text == "says"
