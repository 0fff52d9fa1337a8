from __future__ import annotations

import pytest

from eventwire.store.people import person_key


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


def test_surname_and_bareness():
    full, bare = person_key("Sergei V. Lavrov"), person_key("lavrov")
    assert full.surname == bare.surname == "lavrov"
    assert bare.bare and not full.bare


@pytest.mark.parametrize("name", [None, "", "  ", "--", "1234"])
def test_nothing_name_like_has_no_key(name):
    assert person_key(name) is None
