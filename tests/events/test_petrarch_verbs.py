"""The PETRARCH verb-dictionary reader, its conversion to lexicon rows, dictionary folders and
discards, on small dictionaries written here in PETRARCH syntax (fictional words and codes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.events.lexicon import PETRARCH_TABLE, read_lexicon_text
from eventwire.events.petrarch_verbs import (
    STAND_IN_CODE,
    Discards,
    classify_folder,
    convert,
    dictionary_code,
    filter_discarded,
    load_dictionaries,
    read_discards,
    read_verb_dictionary,
    table_text,
    to_lexicon,
)  # fmt: skip

VERBS = """# a verb dictionary in PETRARCH syntax, written for eventwire
####### SYNONYM SETS #######
&ENVOY
+AMBASSADOR
+SPECIAL_ENVOY
+&CHIEF

&CHIEF
+HEAD_OF_MISSION

&PREP_
+ON
+AGAINST

<!-- a comment
over two lines -->
####### VERB PATTERNS #######
---  RECALL   [---]  ---
RECALL
WITHDRAW {WITHDRAWS WITHDREW WITHDRAWN WITHDRAWING} [192]   # its own code
+PULL_BACK {+PULLS_BACK +PULLED_BACK} [192]
RE_+CALL
- * &ENVOY                                 [161]   # recall the ambassador
- * {TRADE MISSION}                        [1621]
- * (FROM {PEACE TALKS})                   [125]
- &MILITARY *                              [154]
- * (TO BASE) (FOR REPAIRS)                [---]
- * (TO +) $                               [042]
- + * (FROM $)                             [192]
- WILL NOT * ENVOY                         [125]
- * OUT (OF TREATY)                        [:127]
- * &PREP TALKS                            [125]

---  VISIT   [042:043]  ---
VISIT
- * (WITH LEADERS)                         [040:040]
~ a (a b VISIT) SAY = a b 042
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def dictionary(tmp_path):
    return read_verb_dictionary(write(tmp_path, "test.verbs.txt", VERBS))


def test_reads_blocks_verbs_patterns_and_synsets(dictionary):
    assert dictionary.stats() == {"synsets": 3, "blocks": 2, "verbs": 5, "patterns": 11, "transformations": 1, "failures": 0}
    recall, visit = dictionary.blocks
    assert (recall.name, recall.code, visit.code) == ("RECALL", "---", "042")
    assert [v.lemma for v in recall.verbs] == ["recall", "withdraw", "pull", "call"]
    pull = recall.verbs[2]
    assert pull.after == ("back",) and pull.code == "192"
    assert recall.verbs[1].forms[:2] == ("withdraws", "withdrew") and recall.verbs[1].code == "192"
    assert recall.verbs[3].before == ("re",)
    assert dictionary.synsets["&ENVOY"] == ["AMBASSADOR", "SPECIAL_ENVOY", "&CHIEF"]
    assert "&PREP" in dictionary.no_plural_sets
    paired = next(p for p in recall.patterns if p.code == "042")
    assert paired.reverse == "" and visit.patterns[0].reverse == "040"
    assert next(p for p in recall.patterns if p.code == "").reverse == "127"  # [:127]


def test_conversion_to_rows(dictionary):
    conv = convert(dictionary)
    rows = {(r.lemma, r.with_): r for r in conv.rows}
    # synsets expanded (an embedded set too), phrase head last
    assert rows[("withdraw", "obj=ambassador|special envoy|head of mission")].code == "161"
    assert rows[("recall", "obj=trade mission")].code == "1621"
    assert rows[("recall", "prep=from:peace talks")].code == "125"
    # a multi-word verb keeps its particle in every row
    assert rows[("pull", "prt=back")].code == "192"
    assert rows[("pull", "prt=back;obj=trade mission")].code == "1621"
    # the null code is kept: it suppresses an event; the block's null code gives no bare row
    assert rows[("recall", "prep=to:base;prep=for:repairs")].null
    assert ("recall", "") not in rows and rows[("withdraw", "")].code == "192"
    # a preposition set becomes one row per preposition
    assert rows[("recall", "prep=on:talks")].code == rows[("recall", "prep=against:talks")].code == "125"
    # paired codes: the reciprocal code travels with the row
    visit = rows[("visit", "")]
    assert (visit.code, visit.reverse) == ("042", "043")
    assert rows[("visit", "prep=with:leaders")].reverse == "040"
    # what cannot be expressed is counted, not guessed
    assert conv.dropped["words before a multi-word verb"] == 1  # RE_+CALL
    assert conv.dropped["source after the verb"] >= 1 and conv.dropped["target before the verb"] >= 1
    # auxiliaries and negation before the verb are kept, in order, as the pattern's own modality
    assert rows[("recall", "obj=envoy;aux=will not")].code == "125"
    assert conv.dropped["reciprocal code only"] >= 1
    assert conv.dropped["undefined synonym set &MILITARY"] == 1
    assert not [k for k in rows if k[1].startswith("pre=") or k[1] == "prep=to"]


def test_unknown_codes_are_dropped_or_kept_as_labels(tmp_path):
    text = "--- ODD [---] ---\nODD\n- * THING [777]\n- * OTHER [abc]\n- * THIRD [0211]\n"
    d = read_verb_dictionary(write(tmp_path, "odd.verbs.txt", text))
    conv = convert(d)
    assert [r.code for r in conv.rows] == ["0211"] and conv.unknown_codes == {"777": 1, "abc": 1}
    opaque = convert(d, opaque_codes=True)
    assert {r.label for r in opaque.rows} == {"777", "abc", "0211"}
    assert {r.code for r in opaque.rows} == {STAND_IN_CODE}
    assert all(r.rule.endswith(f"-> {r.label}") for r in opaque.rows)


def test_table_text_round_trips(dictionary):
    conv = convert(dictionary, table=PETRARCH_TABLE)
    text = table_text(conv)
    assert "MIT licence" in text and "Open Event Data Alliance" in text and "NOTICE" in text
    lex = read_lexicon_text(text, PETRARCH_TABLE)
    assert len(lex) == len(conv.rows)  # lemmas that share a row are split again
    row = next(r for r in lex.rows("V", "visit") if not r.with_)
    assert (row.code, row.reverse) == ("042", "043") and row.source.startswith("test.verbs.txt:")
    assert "(test.verbs.txt:" in row.rule


def test_skip_bare_roots(dictionary):
    conv = convert(dictionary, skip_bare_roots=("04",))
    assert not [r for r in conv.rows if r.lemma == "visit" and not r.with_]
    assert [r for r in conv.rows if r.lemma == "visit" and r.with_]


def test_discards():
    d = Discards(sentence=("FOOTBALL", "CUP_"), story=("MATCH REPORT",))
    assert d.sentence_discarded("The footballers' union met.")  # a stem matches
    assert not d.sentence_discarded("The cupboard was empty.") and d.sentence_discarded("The Cup final.")
    assert d.story_discarded("a Match  Report from the stadium")

    class E:
        def __init__(self, start, end):
            self.sentence = (start, end)

    text = "Atlantis met Borduria. The cup final was played."
    kept = filter_discarded([E(0, 22), E(23, 48)], text, d)
    assert [e.sentence for e in kept] == [(0, 22)]
    assert filter_discarded([E(0, 22)], "Match report: " + text, d) == []


def test_read_discards(tmp_path):
    d = read_discards(write(tmp_path, "x.discards.txt", "# comment\n+STORY WORD  # note\nSENTENCE WORD\n"))
    assert d == Discards(("SENTENCE WORD",), ("STORY WORD",))


ACTORS = "ATLANTIS_ [ATL]\n+ATLANTEAN_\nBORDURIA [BOR]\nKING_OTTO\n\t[BORGOV 19300101-19391231]\n\t[BORELI]\n"
AGENTS = "FOREIGN_MINISTER [~GOVFRM]\nTROOP [~MIL]\n"


def test_folder_by_name_and_content(tmp_path):
    write(tmp_path, "mine.verbs.txt", VERBS)
    write(tmp_path, "people.txt", ACTORS + "GONDOR [GON]\nROHAN [ROH]\n")  # recognised by content
    write(tmp_path, "roles.agents.txt", AGENTS)
    write(tmp_path, "x.discards.txt", "FOOTBALL\n")
    write(tmp_path, "notes.txt", "nothing to see here\n")
    found = {k: [p.name for p in v] for k, v in classify_folder(tmp_path).items()}
    assert found == {"verbs": ["mine.verbs.txt"], "actors": ["people.txt"], "agents": ["roles.agents.txt"],
                     "discards": ["x.discards.txt"]}  # fmt: skip
    loaded = load_dictionaries(tmp_path)
    assert loaded.lexicon is not None and loaded.lexicon.rows("V", "withdraw")
    assert loaded.discards.sentence == ("FOOTBALL",)
    from eventwire.actors import resolve_actor

    assert resolve_actor("the Atlantean foreign minister", "2001-01-01", tables=loaded.tables).code == "ATLGOVFRM"
    assert resolve_actor("King Otto", "1935-06-01", tables=loaded.tables).code == "BORGOV"
    assert resolve_actor("King Otto", "1950-06-01", tables=loaded.tables).code == "BORELI"


def test_folder_errors_and_picks(tmp_path):
    with pytest.raises(ValueError, match="no dictionary folder"):
        load_dictionaries(tmp_path / "absent")
    with pytest.raises(ValueError, match="no PETRARCH dictionaries"):
        load_dictionaries(tmp_path)
    write(tmp_path, "a.verbs.txt", VERBS)
    write(tmp_path, "CAMEO.test.txt", VERBS)
    with pytest.raises(ValueError, match="several verb dictionaries"):
        load_dictionaries(tmp_path)
    picked = load_dictionaries(tmp_path, {"verbs": "a.verbs.txt"})
    assert picked.verbs.endswith("a.verbs.txt")


def test_dictionary_code():
    class E:
        def __init__(self, code, rule):
            self.code, self.rule = code, rule

    assert dictionary_code(E("042", "x.txt:3 visit -> 042")) == "042"
    assert dictionary_code(E(STAND_IN_CODE, "x.txt:3 (x.txt:3) visit -> 223")) == "223"
    reciprocal = E(STAND_IN_CODE, "x.txt:3 (x.txt:3) visit -> 032 (reciprocal 033) reciprocal -> 090")
    assert dictionary_code(reciprocal) == "033"


EVAL = Path(os.environ.get("EVENTWIRE_EVAL", Path(__file__).resolve().parents[3] / "shared" / "eval"))
CAMEO = EVAL / "events" / "CAMEO.2.0.txt"


@pytest.mark.skipif(not CAMEO.is_file(), reason="CAMEO.2.0.txt is not on this machine")
def test_shipped_table_is_what_the_script_derives(tmp_path):
    """The shipped table is exactly what `python -m eventwire.events.petrarch_verbs derive` writes."""
    from eventwire.clean.resources import data_text
    from eventwire.events.petrarch_verbs import main

    out = tmp_path / "derived.tsv"
    assert main(["derive", str(CAMEO), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == data_text(PETRARCH_TABLE)


@pytest.mark.skipif(not CAMEO.is_file(), reason="CAMEO.2.0.txt is not on this machine")
def test_reads_cameo_2_0():
    d = read_verb_dictionary(CAMEO)
    stats = d.stats()
    assert stats["patterns"] > 4600 and stats["blocks"] > 390 and stats["failures"] <= 5
    conv = convert(d)
    assert len(conv.rows) > 40000 and sum(conv.unknown_codes.values()) < 20
    assert set(conv.unknown_codes) == {"080!", "176"}  # typos and a code CAMEO does not have
    lex = to_lexicon(conv)
    assert any(r.code == "0231" for r in lex.rows("V", "ask"))


TABARI = """# TABARI-style patterns, written for eventwire (fictional words and codes)
&NEGAUX
+DID N'T
+WILL NOT

&PREPS_
+ON
+NEAR

---  SETTLE  [081]  ---
SETTLE
- % *  [030:030]
- % HAVE *  [191]
- &NEGAUX EVER *  [125]
- UNEXPECTEDLY_&NEGAUX *  [124]
- * OVER QUOTAS  [121]
- * THEIR ^ ABOUT +  [162]
- * FEAST AT ^ WITH +  [043]
- * FEAST IN ^ +  [045]
- * &PREPS PLANS  [102]
- BORDER DISPUTE *  [190]
"""


def test_tabari_patterns_become_clauses(tmp_path):
    conv = convert(read_verb_dictionary(write(tmp_path, "tabari.verbs.txt", TABARI)))
    rows = {r.with_: r.code for r in conv.rows if r.lemma == "settle"}
    assert rows["subj=and|nor"] == "030"  # a compound subject: each with the other
    assert rows["pre=have;subj=and|nor"] == "191"  # its perfect auxiliary kept
    # auxiliaries and negation before the verb, in order; "_" joins adjacent words
    assert rows["aux=did+n't ever|will+not ever"] == "125"
    assert rows["aux=unexpectedly+did+n't|unexpectedly+will+not"] == "124"
    assert rows["prep=over:quotas"] == "121"  # a preposition and its object, not particle + object
    # after a skipped phrase ("^") a word is a preposition; "+" names the one the target follows
    assert rows["prep=about;tgt=about"] == "162"
    assert rows["obj=feast;prep=at;prep=with;tgt=with"] == "043"
    assert rows["obj=feast;prep=in;tgt=-"] == "045"  # the target is past the skipped phrase
    assert rows["prep=on:plans"] == rows["prep=near:plans"] == "102"  # a preposition set with "near"
    assert rows["pre=border dispute"] == "190"  # several words of the subject's phrase



def test_words_after_the_verb_may_be_in_the_clause_it_governs(tmp_path):
    """A PETRARCH dictionary's "* words" are read as TABARI reads them, anywhere after the verb
    in its phrase, also in a "that" clause; eventwire's own rows keep to the verb's objects."""
    from eventwire.events.lexicon import match
    from eventwire.nlp import load_pipeline

    dictionary = "--- ADMIT [010] ---\nADMIT\n- * QUITE_COLD [024]\n"
    lexicon = to_lexicon(convert(read_verb_dictionary(write(tmp_path, "toy.verbs.txt", dictionary))))
    doc = load_pipeline()("Valdoria admitted that Tarsis is a quite cold country.")
    verb = next(t for t in doc if t.lemma_ == "admit")
    assert match(lexicon, verb, "V")[0].code == "024"
    own = read_lexicon_text("pos\tlemma\twith\tcode\tnotes\nV\tadmit\tobj=quite cold\t024\t\nV\tadmit\t\t010\t\n", "own.tsv")
    assert match(own, verb, "V")[0].code == "010"
