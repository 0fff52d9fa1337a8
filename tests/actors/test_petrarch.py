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


CONVENTIONS_ACTORS = """# made up for eventwire's tests
VALDORIA_ [VAL]
+VALDORIAN_
TARSIS [tar]
THE_TWIN_CITIES [NOR/SOU]
GRAND_ARCHIVE [VALEDU]
OLD_HARBOUR_COUNCIL [VALGOV]
MARGRAVE_ODO [VAL]
+ODO_
\t[VALCIV < 19900101]
\t[VALGOV 19900101 - 19991231]
\t[VALREB 19950601-19950630]
\t[VALELI >20000101]
CROWN_OF_ISKAR
\t[--- <19800101]
\t[ISK]
TARSIS [TAR]
TARSIS RADIO [TARRAD]
"""

CONVENTIONS_AGENTS = """!PERSON! = MAN, WOMAN
SPOKES!PERSON! [~GOV]
SOLDIER [~MIL]
BORDER_GUARD [~MIL]
JUDGE [~JUD]
MEDIA {} [~MED]
ZEALOT [~MUS]
GUILD_OF_MERCHANTS {} [~BUS]
OFFICIAL [~GOV]
WATCHDOG [NGO~]
"""


@pytest.fixture
def conventions(tmp_path):
    from eventwire.actors.petrarch import petrarch_tables

    (tmp_path / "c.actors.txt").write_text(CONVENTIONS_ACTORS, encoding="utf-8")
    (tmp_path / "c.agents.txt").write_text(CONVENTIONS_AGENTS, encoding="utf-8")
    actors = read_petrarch_actors(tmp_path / "c.actors.txt")
    assert actors.failures == []
    return petrarch_tables([actors], [read_petrarch_agents(tmp_path / "c.agents.txt")])


def _code(tables, text, day="1996-01-01"):
    from eventwire.actors import resolve_actor

    result = resolve_actor(text, day, tables=tables)
    return None if result is None else result.code


def test_code_lines_as_petrarch_reads_them(tmp_path):
    from eventwire.actors.petrarch import parse_code

    assert parse_code("VALGOV 19900101 - 19991231") == parse_code("VALGOV 19900101-19991231")
    assert parse_code("VAL < 900101").end == dt.date(1990, 1, 1)
    assert parse_code("pse").code == "PSE"
    assert parse_code("NOR/SOU").code == "NOR/SOU"
    with pytest.raises(ValueError):
        parse_code("+++")


def test_dated_codes_first_listed_wins_and_default_holds_outside(conventions):
    assert _code(conventions, "Margrave Odo", "1985-05-05") == "VALCIV"
    assert _code(conventions, "Odo", "1995-06-15") == "VALGOV"  # listed before the narrower VALREB range
    assert _code(conventions, "Odo", "1999-12-31") == "VALGOV"  # ranges are inclusive
    assert _code(conventions, "Odo", "2003-03-03") == "VALELI"
    # the null code before a date: no actor then, the undated code after it
    assert _code(conventions, "the Crown of Iskar", "1975-01-01") is None
    assert _code(conventions, "the Crown of Iskar", "1985-01-01") == "ISK"


def test_agents_combine_with_the_actor_in_order(conventions):
    assert _code(conventions, "Valdorian soldiers") == "VALMIL"
    assert _code(conventions, "Tarsis zealot media") == "TARMUSMED"  # lower-case code read as TAR
    assert _code(conventions, "Grand Archive media") == "VALEDUMED"  # a body's code takes agents too
    assert _code(conventions, "Old Harbour Council officials") == "VALGOV"  # not VALGOVGOV
    assert _code(conventions, "a spokeswoman") == "GOV"


def test_prefix_agents_go_before_the_actor(conventions):
    assert _code(conventions, "Watchdog Valdoria") == "NGOVAL"
    assert _code(conventions, "a Watchdog Valdoria spokesman") == "NGOVALGOV"


def test_former_turns_the_agents_into_eli(conventions):
    assert _code(conventions, "former Valdorian judges") == "VALELI"
    assert _code(conventions, "Tarsis former border guards") == "TARELI"
    assert _code(conventions, "former officials in the Old Harbour Council") == "VALGOVELI"
    assert _code(conventions, "former Valdoria") == "VAL"  # no agent: nothing to convert


def test_actors_in_from_and_of_phrases_own_the_agents(conventions):
    assert _code(conventions, "soldiers from Valdoria") == "VALMIL"
    assert _code(conventions, "the judges of Tarsis") == "TARJUD"
    # the first actor named is the one
    assert _code(conventions, "the media of Tarsis of Margrave Odo") == "TARMED"


def test_compound_codes_name_every_member(conventions):
    from eventwire.actors import resolve_actor

    result = resolve_actor("the Twin Cities", "1996-01-01", tables=conventions)
    assert (result.code, result.members) == ("NOR", ("NOR", "SOU"))
    soldiers = resolve_actor("the Twin Cities soldiers", "1996-01-01", tables=conventions)
    assert soldiers.members == ("NORMIL", "SOUMIL")


def test_underscore_joins_words_in_text_too(conventions):
    assert _code(conventions, "the Guild_of_Merchants of Tarsis") == "TARBUS"


def test_blank_connectors_allow_words_between(conventions, tmp_path):
    assert _code(conventions, "Tarsis radio") == "TARRAD"
    assert _code(conventions, "Tarsis state-run radio") == "TARRAD"  # "TARSIS RADIO": words may come between
    assert _code(conventions, "Tarsis radio officials") == "TARRADGOV"
    assert _code(conventions, "the Grand Archive radio") == "VALEDU"  # "GRAND_ARCHIVE": consecutive only
    assert _code(conventions, "Tarsis and its many other smaller distant radio stations") == "TAR"  # too far apart
    (tmp_path / "g.actors.txt").write_text("GRAND ARCHIVE [VALEDU]\n", encoding="utf-8")
    assert read_petrarch_actors(tmp_path / "g.actors.txt").actors[0].gapped == ["GRAND ARCHIVE"]


def test_coordinated_names_are_members(conventions):
    from eventwire.actors import resolve_actor

    judges = resolve_actor("judges in Valdoria and Tarsis", "1996-01-01", tables=conventions)
    assert (judges.code, judges.members) == ("VALJUD", ("VALJUD", "TARJUD"))
    assert resolve_actor("Valdoria, Tarsis", "1996-01-01", tables=conventions).members == ("VAL", "TAR")
    assert _code(conventions, "soldiers with Valdoria and Tarsis") == "MIL"  # both are what the soldiers are with
