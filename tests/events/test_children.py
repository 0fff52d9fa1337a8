"""The per-document cache of each word's children that the event coder walks."""

from __future__ import annotations

import pytest

from eventwire.events import lexicon
from eventwire.events.lexicon import children, keep_children, left_children, right_children


@pytest.fixture(scope="module")
def doc():
    from eventwire.nlp import load_pipeline

    return load_pipeline()("The Norwegian coast guard quickly detained two Russian trawlers near Svalbard on Monday.")


def _indices(tokens):
    return [t.i for t in tokens]


def test_children_are_spacys_inside_and_outside_the_block(doc):
    expected = [(_indices(t.children), _indices(t.lefts), _indices(t.rights)) for t in doc]
    outside = [(_indices(children(t)), _indices(left_children(t)), _indices(right_children(t))) for t in doc]
    with keep_children(doc):
        inside = [(_indices(children(t)), _indices(left_children(t)), _indices(right_children(t))) for t in doc]
        again = [(_indices(children(t)), _indices(left_children(t)), _indices(right_children(t))) for t in doc]
    assert outside == expected
    assert inside == expected
    assert again == expected
    assert any(kids for kids, _, _ in expected)  # the sentence has a parse to compare


def test_kept_only_for_the_block_and_its_document(doc):
    verb = next(t for t in doc if t.dep_ == "ROOT")
    with keep_children(doc):
        assert children(verb) is children(verb)  # built once
    assert lexicon._CHILDREN.entry is None  # forgotten: no document kept alive after coding
    assert children(verb) is not children(verb)
