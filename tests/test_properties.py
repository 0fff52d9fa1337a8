"""Property: on plain text with no URLs, boilerplate or line-end hyphens, no word is lost or reordered."""

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

import eventwire
from eventwire.settings import Settings

CLEAN_ONLY = Settings(stages=("clean",))  # a property of the cleaner; the NLP stages never change the text

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=12)
sentence = st.lists(words, min_size=3, max_size=18).map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@settings(derandomize=True, deadline=None, max_examples=150)
@given(
    paragraphs=st.lists(paragraph, min_size=1, max_size=6),
    width=st.integers(min_value=40, max_value=110),
    keep_blank=st.booleans(),
)
def test_every_word_survives_in_order(paragraphs, width, keep_blank):
    lines = []
    for p in paragraphs:
        lines += textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False)
        if keep_blank:
            lines.append("")
    raw = "\n".join(lines)
    article = eventwire.process_text(raw, settings=CLEAN_ONLY)
    recovered = ((article.title or "") + " " + article.text).split()
    assert recovered == raw.split()
