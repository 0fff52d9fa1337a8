"""The lexicon format (``with`` clauses, null and paired codes, shared lemmas), merging our
table with the derived one, and matching rows against spaCy parses of sentences written here."""

from __future__ import annotations

import pytest

from eventwire.events.lexicon import (
    LEXICON_TABLE,
    PETRARCH_TABLE,
    Constraint,
    match,
    match_row,
    merge_lexicons,
    package_lexicon,
    parse_with,
    read_lexicon,
    read_lexicon_text,
)  # fmt: skip

HEADER = "pos\tlemma\twith\tcode\tnotes\n"


def lexicon(rows: str, name: str = "test.tsv"):
    return read_lexicon_text(HEADER + rows, name)


def test_parse_with_forms():
    assert parse_with("") == ()
    assert parse_with("subj=and|nor") == (Constraint("subj", (("and",), ("nor",))),)
    assert parse_with("tgt=with") == (Constraint("tgt", (), "with"),)
    assert parse_with("aux=did+n't ever|will+not") == (Constraint("aux", (("did+n't", "ever"), ("will+not",))),)
    with pytest.raises(ValueError):
        parse_with("subj=and or")
    assert parse_with("off") == (Constraint("prt", (("off",),)),)
    assert parse_with("on strike") == (Constraint("prep", (("strike",),), "on"),)
    assert parse_with("obj=troop|armed forces") == (Constraint("obj", (("troop",), ("armed", "forces"))),)
    assert parse_with("prt=back;prep=to;pre=army") == (
        Constraint("prt", (("back",),)), Constraint("prep", (), "to"), Constraint("pre", (("army",),)),
    )  # fmt: skip
    assert parse_with("prep=from:peace talks|talks")[0] == Constraint("prep", (("peace", "talks"), ("talks",)), "from")
    for bad in ("a b c", "obj=", "foo=bar", "prt=two words", "obj=a;;", "prep=:x"):
        with pytest.raises(ValueError):
            parse_with(bad)


def test_rows_codes_and_shared_lemmas():
    lex = lexicon("V\trecall|withdraw\tobj=envoy\t161:0\tx\n".replace(":0", ":043") + "V\tcrash\tpre=aircraft\t---\tnull\n")
    [recall], [withdraw] = lex.rows("V", "recall"), lex.rows("V", "withdraw")
    assert recall.line == withdraw.line == 2 and recall.reverse == "043"
    assert "(reciprocal 043)" in recall.rule and recall.rule.startswith("test.tsv:2 recall [obj=envoy] -> 161")
    assert lex.rows("V", "crash")[0].null
    with pytest.raises(KeyError, match="test.tsv:2"):
        lexicon("V\tfoo\t\t999\tx\n")
    with pytest.raises(ValueError, match="duplicate"):
        lexicon("V\tfoo|bar\t\t010\tx\nV\tbar\t\t020\tx\n")
    with pytest.raises(ValueError, match="bad with"):
        lexicon("V\tfoo\tone two three\t010\tx\n")
    with pytest.raises(ValueError, match="header"):
        read_lexicon_text("pos\tlemma\tcode\n", "x.tsv")


def test_merge_order_and_precedence():
    ours = lexicon("V\treject\t\t120\tours\nV\treject\tobj=plan\t127\tours\n", LEXICON_TABLE)
    theirs = lexicon("V\treject\t\t110\ttheirs\nV\treject\tobj=plan;prep=for:peace\t1246\ttheirs\n"
                     "V\treject\tobj=plan\t128\ttheirs\nV\tspurn\t\t120\ttheirs\n", PETRARCH_TABLE)  # fmt: skip
    merged = merge_lexicons(ours, theirs)
    rows = merged.rows("V", "reject")
    # more specific first; at equal specificity ours first; on a conflict ours only
    assert [(r.with_, r.code, r.table) for r in rows] == [
        ("obj=plan;prep=for:peace", "1246", PETRARCH_TABLE), ("obj=plan", "127", LEXICON_TABLE), ("", "120", LEXICON_TABLE),
    ]  # fmt: skip
    assert merged.rows("V", "spurn")[0].code == "120"
    assert merged.row_for_rule(rows[1].rule) is rows[1]


def test_default_lexicon_is_ours_then_derived():
    full = package_lexicon()
    own = read_lexicon()
    assert len(full) > 10 * len(own)
    tables = {r.table for r in full.all_rows()}
    assert tables == {LEXICON_TABLE, PETRARCH_TABLE}
    # every one of our patterns is there, from our table
    keys = {(r.pos, r.lemma, r.with_): r.table for r in full.all_rows()}
    assert all(keys[(r.pos, r.lemma, r.with_)] == LEXICON_TABLE for r in own.all_rows())
    derived = [r for r in full.all_rows() if r.table == PETRARCH_TABLE]
    assert all(r.source.startswith("CAMEO.2.0.txt:") and "(CAMEO.2.0.txt:" in r.rule for r in derived)
    # the shipped table leaves out bare rows with generic codes (01-04)
    assert not [r for r in derived if not r.with_ and r.code[:2] in ("01", "02", "03", "04")]


def verb(nlp, text, lemma):
    doc = nlp(text)
    return next(t for t in doc if t.lemma_.casefold() == lemma and t.pos_ in ("VERB", "AUX"))


@pytest.mark.parametrize("text,lemma,with_,hit", [
    ("Atlantis recalled its ambassador from Borduria.", "recall", "obj=ambassador", True),
    ("Atlantis recalled its special envoy.", "recall", "obj=special envoy", True),
    ("Atlantis recalled its envoy.", "recall", "obj=special envoy", False),
    ("Atlantis restored full diplomatic ties with Borduria.", "restore", "obj=diplomatic", True),
    ("Atlantis restored the restoration of relations.", "restore", "obj=restoration relations", True),
    ("Atlantis called off the talks.", "call", "prt=off", True),
    ("Atlantis called off the talks.", "call", "prt=off;obj=talks", True),
    ("Atlantis called the talks.", "call", "prt=off", False),
    ("Atlantis withdrew from the peace talks.", "withdraw", "prep=from:peace talks", True),
    ("Atlantis withdrew from the border.", "withdraw", "prep=from:peace talks", False),
    ("Atlantis withdrew from the border.", "withdraw", "prep=from", True),
    ("Atlantis launched a series of attacks on Borduria.", "launch", "obj=series;prep=of:attacks|attack", True),
    ("Atlantean troops crossed the border.", "cross", "pre=troop", True),
    ("Atlantis crossed the border.", "cross", "pre=troop", False),
    # a compound subject (PETRARCH's "%")
    ("Atlantis and Borduria agree on the border.", "agree", "subj=and", True),
    ("Atlantis agrees with Borduria on the border.", "agree", "subj=and", False),
    # words between the subject and the verb: "+" adjacent, a space allows words between
    ("Atlantis did not ever attack Borduria.", "attack", "aux=did+not ever", True),
    ("Atlantis did not even ever attack Borduria.", "attack", "aux=did+not ever", True),
    ("Atlantis did not even ever attack Borduria.", "attack", "aux=did+not+ever", False),
    ("Atlantis attacked Borduria.", "attack", "aux=did+not", False),
    ("Atlantis said it would not attack Borduria.", "attack", "aux=said would+not", True),
    # a preposition the parser made a particle, with the verb's object as its object
    ("Atlantis clashed over the efforts of Borduria.", "clash", "prep=over:efforts", True),
    # a word after the verb that is an adverb ("* NOW")
    ("Atlantis will act now with Borduria.", "act", "obj=now", True),
])  # fmt: skip
def test_match_row(nlp, text, lemma, with_, hit):
    row = lexicon(f"V\t{lemma}\t{with_}\t190\tx\n").rows("V", lemma)[0]
    found = match_row(row, verb(nlp, text, lemma))
    assert (found is not None) == hit, (text, with_)
    if hit and with_:
        assert found  # the matched words, for the event's evidence


def test_match_prefers_specific_rows_and_null_rows_stop(nlp):
    lex = lexicon("V\tcrash\t\t190\tx\nV\tcrash\tpre=plane|aircraft\t---\tnull\nV\tcrash\tprep=into:embassy\t183\tx\n")
    tok = verb(nlp, "The plane crashed near the airport.", "crash")
    assert match(lex, tok, "V") is None  # the null row matched first: no event
    assert match(lex, tok, "V", keep_null=True)[0].null
    tok = verb(nlp, "The truck crashed into the embassy.", "crash")
    assert match(lex, tok, "V")[0].code == "183"
    tok = verb(nlp, "The talks crashed.", "crash")
    assert match(lex, tok, "V")[0].code == "190"


def test_package_lexicon_is_the_merge_of_both_tables():
    # the default lexicon is made lemma by lemma on look-up; it must equal the eager merge
    from eventwire.clean.resources import data_text

    lazy = package_lexicon()
    eager = merge_lexicons(read_lexicon(), read_lexicon_text(data_text(PETRARCH_TABLE), PETRARCH_TABLE))
    assert list(lazy.verbs) == list(eager.verbs) and list(lazy.nouns) == list(eager.nouns)
    for lemma in ("fight", "open", "say", "recall"):
        assert lazy.rows("V", lemma) == eager.rows("V", lemma)
    assert lazy.all_rows() == eager.all_rows()


def test_lexicon_pickles_as_plain_rows():
    import pickle

    lex = lexicon("V\trecall\tobj=envoy\t161\tx\nV\trecall\t\t190\tx\n")
    again = pickle.loads(pickle.dumps(lex))
    assert type(again.verbs) is dict and again.rows("V", "recall") == lex.rows("V", "recall")


def _full_scan(lex, tok, pos, lemma):
    """The reference: every row of the lemma in order, the first whose clauses hold."""
    for row in lex.rows(pos, lemma):
        found = match_row(row, tok)
        if found is not None:
            return row, found
    return None


SENTENCES = (
    "Atlantis launched a series of attacks on Borduria and opened fire on the convoy.",
    "The army set up checkpoints along the border after the rebels kicked off an offensive.",
    "Talks were called off when Atlantean troops crossed the border and fought with police.",
    "Borduria recalled its ambassador, withdrew from the peace talks and went to war.",
    "The minister said the two sides would begin negotiations on a ceasefire next week.",
)


def test_match_finds_the_row_a_full_scan_finds(nlp):
    lex = package_lexicon()
    checked = 0
    for text in SENTENCES:
        for tok in nlp(text):
            for pos in ("V", "N"):
                for lemma in {tok.lemma_.casefold(), tok.text.casefold()}:
                    expected = _full_scan(lex, tok, pos, lemma)
                    assert match(lex, tok, pos, lemma, keep_null=True) == expected, (text, tok.text, pos, lemma)
                    checked += expected is not None and bool(expected[0].with_)
    assert checked >= 5  # patterns, not only bare rows, were compared


def test_match_alternating_documents_of_equal_length(nlp):
    # word forms are cached per document: two documents of the same length must not mix
    lex = lexicon("V\tcall\tobj=talk\t191\tx\nV\tcall\t\t010\tx\n")
    talks, troops = nlp("Atlantis called off the talks."), nlp("Atlantis called up the troops.")
    assert len(talks) == len(troops)
    for _ in range(2):
        assert match(lex, talks[1], "V")[0].code == "191"
        assert match(lex, troops[1], "V")[0].code == "010"
