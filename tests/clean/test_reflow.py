import pytest

from eventwire.clean.reflow import estimate_width, hyphen_join, is_paragraph_break


@pytest.mark.parametrize(
    "prev, nxt, expected",
    [
        ("the negoti-", "ations resumed", "drop"),
        ("the govern-", "ment said", "drop"),
        ("a cease-", "fire held", "keep"),
        ("the well-", "known port", "keep"),
        ("in mid-", "March", "keep"),
        ("a dash -", "then more", "none"),
        ("no hyphen", "here", "none"),
    ],
)
def test_hyphen_join(prev, nxt, expected):
    assert hyphen_join(prev, nxt, set()) == expected


def test_document_evidence_beats_word_frequencies():
    assert hyphen_join("the inter-", "agency group", {"inter-agency"}) == "keep"
    assert hyphen_join("a cease-", "fire held", {"ceasefire"}) == "drop"


def test_estimate_width_ignores_an_overlong_unbreakable_line():
    assert estimate_width([78, 80, 79, 75, 80, 77, 130]) == 80


def test_paragraph_break_needs_a_sentence_end():
    assert is_paragraph_break(40, "The talks ended.", "Officials said", 80, False, False)
    assert not is_paragraph_break(40, "The talks ended with", "Officials said", 80, False, False)
    # A full line: the next word would not have fitted, so the wrap was the machine's.
    assert not is_paragraph_break(78, "x" * 77 + ".", "Officials said", 80, False, False)
