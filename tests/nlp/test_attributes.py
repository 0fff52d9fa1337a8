"""The vectorised attribute-ruler matcher gives exactly the matches and annotations of spaCy's own."""

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventwire.nlp import load_pipeline
from eventwire.nlp.attributes import fast_matcher, speed_up_attribute_ruler

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TOY_PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON", "MORPH": "PronType=Neg"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^no?t$"}}]], "attrs": {"LEMMA": "not"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    # operators: left to spaCy's Matcher, and still in the same order
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"LEMMA": "VERY"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "NN"}], [{"LOWER": "nothing"}]], "attrs": {"MORPH": "Number=Sing"}},
]


def _toy_doc(nlp):
    words = ["There", "is", "nothing", "gon", "na", "stop", "very", "very", "tall", "trees", "\n", "not", "here"]
    tags = ["EX", "VBZ", "NN", "VBG", "TO", "VB", "RB", "RB", "JJ", "NNS", "_SP", "RB", "RB"]
    deps = ["expl", "ROOT", "attr", "aux", "aux", "relcl", "advmod", "advmod", "amod", "dobj", "dep", "neg", "advmod"]
    heads = [1, 1, 1, 5, 5, 2, 8, 8, 9, 5, 9, 12, 1]
    spaces = [True] * len(words)
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)


def test_toy_rules_give_the_same_sorted_matches_and_annotations():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(TOY_PATTERNS)
    expected_doc, fast_doc = _toy_doc(nlp), _toy_doc(nlp)
    expected = AttributeRuler.match(ruler, expected_doc)
    fast = fast_matcher(ruler)(fast_doc)
    assert fast == expected
    assert any(end - start == 2 for _, _, start, end in fast)  # the fixed two-token rules were found
    assert any(end - start == 3 for _, _, start, end in fast)  # and "very very tall" through spaCy's Matcher
    ruler.set_annotations(expected_doc, expected)
    ruler.set_annotations(fast_doc, fast)
    assert [(t.pos_, t.lemma_, str(t.morph), t.tag_) for t in fast_doc] == [(t.pos_, t.lemma_, str(t.morph), t.tag_) for t in expected_doc]
    assert fast_doc[2].pos_ == "PRON" and fast_doc[1].pos_ == "VERB" and fast_doc[11].lemma_ == "not"


def test_an_empty_doc_has_no_matches():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(TOY_PATTERNS)
    assert fast_matcher(ruler)(nlp.make_doc("")) == []


def test_only_an_attribute_ruler_is_replaced():
    nlp = spacy.blank("en")
    assert speed_up_attribute_ruler(nlp) is False
    nlp.add_pipe("attribute_ruler")
    assert speed_up_attribute_ruler(nlp) is True
    assert speed_up_attribute_ruler(nlp) is False  # once is enough


@pytest.mark.slow
def test_the_loaded_pipeline_annotates_like_the_unmodified_one():
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(EXAMPLES.glob("*.txt"))]
    assert len(texts) >= 10
    fast = load_pipeline()
    plain = spacy.load(fast.meta["lang"] + "_" + fast.meta["name"])
    assert fast.get_pipe("attribute_ruler").match is not AttributeRuler.match
    columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    for ours, theirs in zip(fast.pipe(texts), plain.pipe(texts)):
        assert numpy.array_equal(ours.to_array(columns), theirs.to_array(columns))
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
