from __future__ import annotations

import random
from pathlib import Path

import pytest

from eventwire.settings import Settings
from eventwire.store import Corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: Most store tests need only cleaned text: no spaCy, so they stay fast.
CLEAN = Settings(stages=("clean",))

_PLACES = ["Tromsø", "Vardø", "Kirkenes", "Hammerfest", "Murmansk", "Bodø", "Alta", "Honningsvåg"]
_SUBJECTS = ["The harbour master", "A coast guard officer", "The fisheries minister", "A union leader", "The mayor", "A shipowner"]
_VERBS = ["said", "told reporters", "wrote in a statement", "confirmed"]
_OBJECTS = ["the cod quota", "the inspection regime", "the new patrol schedule", "the winter catch", "the harbour fees", "fuel prices"]


def generated_article(n: int) -> str:
    """A small article of our own making; the number makes every one distinct in wording, not only in a digit."""
    rng = random.Random(n)
    place = rng.choice(_PLACES)
    sentences = [
        f"{rng.choice(_SUBJECTS)} in {place} {rng.choice(_VERBS)} on day {n} that {rng.choice(_OBJECTS)} "
        f"would change by {rng.randint(2, 90)} percent before {rng.choice(['spring', 'summer', 'autumn'])}."
        for _ in range(rng.randint(6, 10))
    ]
    words = " ".join(rng.choice(["boats", "nets", "crews", "quotas", "storms", "ports", "ice", "trawlers", "licences"]) for _ in range(40))
    return f"Report number {n} from {place}\n\n" + " ".join(sentences) + f"\n\nNotes on {n}: {words}.\n"


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "test.db") as c:
        yield c


@pytest.fixture
def articles_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n:03}.txt").write_text(generated_article(n), encoding="utf-8")
    return folder
