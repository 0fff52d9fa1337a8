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


def test_break_without_blank_lines_follows_the_wrap_test():
    # A sentence end with room for the next word: the author broke the line.
    assert is_paragraph_break(70, "x" * 69 + ".", "Officials said", 80, False, False)
    # A full line: the next word would not have fitted, so the wrap was the machine's.
    assert not is_paragraph_break(78, "x" * 77 + ".", "Officials said", 80, False, False)
    # No sentence end: a heading ends its paragraph only with ample room left ...
    assert is_paragraph_break(20, "Talks in Helsinki", "Officials said", 80, False, False)
    # ... since proportional-font pastes leave a few columns free on ordinary lines.
    assert not is_paragraph_break(66, "x" * 62 + " in a", "Russian minibus", 80, False, False)
    # A line ending in a hyphen always goes on.
    assert not is_paragraph_break(20, "the negoti-", "ations went on", 80, False, False)


def test_blank_separated_documents_need_strong_evidence_inside_a_block():
    assert not is_paragraph_break(40, "The talks ended with", "Officials said", 80, False, True)
    assert not is_paragraph_break(70, "x" * 69 + ".", "Officials said", 80, False, True)
    assert is_paragraph_break(40, "The talks ended.", "Officials said", 80, False, True)
