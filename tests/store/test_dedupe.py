from __future__ import annotations

from eventwire.store import dedupe

from .conftest import generated_article


def test_shingles_are_word_runs_case_folded():
    assert dedupe.shingles("One two Three four five six") == {b"one two three four five", b"two three four five six"}
    assert dedupe.shingles("Too short") == {b"too short"}
    assert dedupe.shingles("  ") == set()


def test_signature_round_trips_through_its_blob():
    minhash = dedupe.signature(generated_article(1))
    again = dedupe.from_blob(dedupe.to_blob(minhash))
    assert minhash.jaccard(again) == 1.0


def test_light_edits_stay_above_the_threshold_and_other_stories_below():
    text = generated_article(3) * 3
    edited = text.replace("percent", "per cent", 1)
    index = dedupe.NearDuplicateIndex()
    index.add(1, dedupe.signature(text))
    index.add(2, dedupe.signature(generated_article(4) * 3))
    assert index.candidates(dedupe.signature(edited)) == [1]
