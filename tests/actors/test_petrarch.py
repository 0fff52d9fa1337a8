import datetime as dt

import pytest

from eventwire.actors import read_petrarch_actors, read_petrarch_agents

ACTORS = """# a test dictionary in PETRARCH syntax, written for eventwire
<!-- a comment
over two lines -->
FREEDONIA_ [FRD]
+FREEDONIAN_  # demonym
RUFUS_FIREFLY_
+FIREFLY_
+PRESIDENT_FIREFLY
\t[FRDELI 19300101-330101]
\t[FRDGOV >330102]
\t[FRDELI]
SYLVANIA_ [SYL]
AMBASSADOR_TRENTINO
TRENTINO_
\t[SYLGOV <331231]
LOST_MINISTER
\t[FRDGOV 330101-BADDAY]
+[FRDGOV]
"""

AGENTS = """!PERSON! = MAN, WOMAN
SPOKES!PERSON! [~GOV]
FOREIGN_MINISTER [~GOVFRM] # comment
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
ENEMY [~MIL]
HUMAN_RIGHTS_BODY [NGO~]
BROKEN_ENTRY [~ENV}
"""


def test_actor_syntax(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    d = read_petrarch_actors(path)
    names = {a.name: a for a in d.actors}
    assert set(names) >= {"FREEDONIA", "RUFUS FIREFLY", "SYLVANIA", "AMBASSADOR TRENTINO", "TRENTINO"}
    assert names["FREEDONIA"].synonyms == ["FREEDONIAN"]
    firefly = names["RUFUS FIREFLY"]
    assert firefly.synonyms == ["FIREFLY", "PRESIDENT FIREFLY"]
    assert firefly.code_on(dt.date(1931, 5, 1)) == "FRDELI"
    assert firefly.code_on(dt.date(1935, 5, 1)) == "FRDGOV"
    assert firefly.codes[1].start == dt.date(1933, 1, 2) and firefly.codes[1].end is None
    # a name line followed by another name line shares the next block's codes
    assert names["AMBASSADOR TRENTINO"].inherited
    assert names["AMBASSADOR TRENTINO"].code_on(dt.date(1933, 6, 1)) == "SYLGOV"
    assert names["TRENTINO"].codes[0].end == dt.date(1933, 12, 31)
    assert names["TRENTINO"].code_on(dt.date(1934, 6, 1)) is None
    reasons = [f.reason for f in d.failures]
    assert any("BADDAY" in r for r in reasons)
    assert d.stats()["actors"] == 6


def test_two_digit_years(tmp_path):
    path = tmp_path / "years.txt"
    path.write_text("A_\n\t[AAAGOV 991231-080507]\n", encoding="utf-8")
    code = read_petrarch_actors(path).actors[0].codes[0]
    assert (code.start, code.end) == (dt.date(1999, 12, 31), dt.date(2008, 5, 7))


def test_agent_syntax(tmp_path):
    path = tmp_path / "test.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    d = read_petrarch_agents(path)
    by = {a.phrase: a for a in d.agents}
    assert by["SPOKESMAN"].code == "GOV" and by["SPOKESWOMAN"].code == "GOV"
    assert by["FOREIGN MINISTERS"].plural and by["FOREIGN MINISTER"].code == "GOVFRM"
    assert "POLICES" not in by
    assert by["ATTORNEYS GENERAL"].code == "GOVATG"
    assert by["ENEMIES"].code == "MIL"
    assert by["HUMAN RIGHTS BODY"].prefix
    assert len(d.failures) == 1 and d.failures[0].line == 8


@pytest.mark.slow
def test_phoenix_dictionaries_if_present():
    """Measurement on the Phoenix dictionaries in ../shared/eval (skipped when absent)."""
    import os
    from pathlib import Path

    root = Path(os.environ.get("EVENTWIRE_EVAL", Path(__file__).resolve().parents[3] / "shared" / "eval"))
    folder = root / "actors-geo" / "petrarch2"
    if not (folder / "Phoenix.Countries.actors.txt").exists():
        pytest.skip("Phoenix dictionaries not available")
    countries = read_petrarch_actors(folder / "Phoenix.Countries.actors.txt")
    assert countries.stats()["actors"] == 18390
    assert len(countries.failures) <= 7  # bad dates in the source itself
    igos = read_petrarch_actors(folder / "Phoenix.International.actors.txt")
    assert igos.stats()["actors"] == 7841
    agents = read_petrarch_agents(folder / "Phoenix.agents.txt")
    assert len(agents.failures) <= 2


def test_petrarch_tables_resolve_like_petrarch(tmp_path):
    """Actor tables built only from PETRARCH dictionaries (``--dictionaries``)."""
    from eventwire.actors import resolve_actor
    from eventwire.actors.petrarch import petrarch_tables

    (tmp_path / "a.actors.txt").write_text(ACTORS + "LEAGUE_OF_STATES [IGOLOS]\nGROUCHO_ [FRDGOVPRS]\nNOBODY [---]\n",
                                           encoding="utf-8")  # fmt: skip
    (tmp_path / "a.agents.txt").write_text(AGENTS, encoding="utf-8")
    tables = petrarch_tables([read_petrarch_actors(tmp_path / "a.actors.txt")], [read_petrarch_agents(tmp_path / "a.agents.txt")])
    code = lambda text, day="1935-06-01": getattr(resolve_actor(text, day, tables=tables), "code", None)
    assert code("Freedonia") == "FRD" and code("the Freedonian foreign minister") == "FRDGOVFRM"
    assert code("Sylvania police") == "SYLCOP" and code("a spokeswoman") == "GOV"
    assert code("the League of States") == "IGOLOS"
    assert code("Groucho") == "FRDGOVPRS"  # a longer code: a person or body, not a place
    assert code("Rufus Firefly", "1931-01-01") == "FRDELI" and code("President Firefly") == "FRDGOV"
    assert code("Nobody") is None  # the null code is no actor
    assert code("Germany") is None  # only the dictionaries count, not eventwire's own tables


def test_dictionary_lines_comments(tmp_path):
    from eventwire.actors.petrarch import dictionary_lines

    path = tmp_path / "x.txt"
    path.write_text("A [B] # note\n<!-- c\nd -->\nSCRAP {SCRAPS};shan 8/30/93\n\n", encoding="utf-8")
    assert [line.strip() for _, line in dictionary_lines(path)] == ["A [B]", "SCRAP {SCRAPS};shan 8/30/93"]
    assert [line.strip() for _, line in dictionary_lines(path, semicolon_comments=True)] == ["A [B]", "SCRAP {SCRAPS}"]
