from __future__ import annotations

import pytest

from eventwire.store.people import person_key, written_as_name


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Sergei V. Lavrov", "sergei lavrov"),
        ("Foreign Minister Sergei Lavrov", "sergei lavrov"),
        ("SERGEI LAVROV", "sergei lavrov"),
        ("Lavrov", "lavrov"),
        ("Jonas Gahr Støre", "jonas gahr store"),
        ("Mr. O'Neill Jr.", "oneill"),
        ("Major General Viktor Sedykh", "viktor sedykh"),
        ("King", "king"),  # a lone title word is a name, not nothing
    ],
)
def test_person_key_keeps_the_bare_name(name, key):
    assert person_key(name).key == key


@pytest.mark.parametrize(("name", "expected"), [("he", False), ("the minister", False), ("Lavrov", True), ("ARKADY BELOV", True), (None, False)])
def test_only_mentions_written_as_names_become_people(name, expected):
    assert written_as_name(name) is expected


def test_surname_and_bareness():
    full, bare = person_key("Sergei V. Lavrov"), person_key("lavrov")
    assert full.surname == bare.surname == "lavrov"
    assert bare.bare and not full.bare


@pytest.mark.parametrize("name", [None, "", "  ", "--", "1234"])
def test_nothing_name_like_has_no_key(name):
    assert person_key(name) is None


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_user_actors_file_codes_the_people_it_names(tmp_path):
    """--actors reaches the people table: a fictional minister who only speaks (no event) gets her code."""
    from eventwire.settings import Settings
    from eventwire.store import Corpus

    actors = tmp_path / "actors.tsv"
    actors.write_text(
        "name\taliases\tcode\trole\tstart\tend\tnotes\n"
        "Tove Lindqvist\tTove Lindqvist|Lindqvist\tSWEGOV\tMinister for Fisheries of Sweden\t2025-01-01\t\tFictional.\n",
        encoding="utf-8",
    )
    article = tmp_path / "quay.txt"
    article.write_text(
        "Herring quotas: Stockholm wants talks\n\n"
        "By a staff writer | Published 2026-02-03\n\n"
        "GOTHENBURG -- Tove Lindqvist said on Monday that the herring quota for next year would\n"
        "be set \"with the fishermen, not over their heads\".\n\n"
        "\"We will listen first,\" Lindqvist told reporters on the quay.\n",
        encoding="utf-8",
    )
    settings = Settings(stages=("clean", "quotes"), actors=str(actors))
    with Corpus(tmp_path / "with.db") as corpus:
        corpus.ingest([str(article)], settings)
        [person] = corpus.people(name="Lindqvist")
        assert person.actor_code == "SWEGOV" and person.quotes == 2
    with Corpus(tmp_path / "without.db") as corpus:
        corpus.ingest([str(article)], Settings(stages=("clean", "quotes")))
        [person] = corpus.people(name="Lindqvist")
        assert person.actor_code is None
