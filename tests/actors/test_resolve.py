from pathlib import Path

import pytest

from eventwire.actors import ActorTables, read_user_actors, resolve_actor

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables():
    return ActorTables.default(read_user_actors(REPO / "examples" / "actors.tsv"))


@pytest.mark.parametrize(
    "text, code, source",
    [
        ("U.S. Ambassador to Moscow John Sullivan", "USAGOV", "role-in-text"),
        ("Russian troops", "RUSMIL", "role-in-text"),
        ("the Norwegian coast guard", "NORMIL", "role-in-text"),
        ("Britain's foreign minister", "GBRGOV", "role-in-text"),
        ("NATO", "IGOWSTNAT", "igo"),
        ("the U.N.", "IGOUNO", "igo"),
        ("the EU", "IGOEUREEC", "igo"),
        ("Russia", "RUS", "country"),
        ("the Americans", "USA", "demonym"),
        ("protesters", "OPP", "agent"),
        ("Reuters", "MED", "agent"),
        ("police", "COP", "agent"),
        ("rebels", "REB", "agent"),
    ],
)
def test_resolution(tables, text, code, source):
    result = resolve_actor(text, "2026-03-10", tables=tables)
    assert result is not None and (result.code, result.source) == (code, source), result


@pytest.mark.parametrize("text, code", [("Moscow", "RUSGOV"), ("the Kremlin", "RUSGOV"), ("Washington", "USAGOV"),
                                        ("the White House", "USAGOV"), ("Kyiv", "UKRGOV")])  # fmt: skip
def test_capitals_and_seats_are_metonymic(tables, text, code):
    result = resolve_actor(text, None, tables=tables)
    assert (result.code, result.metonymic) == (code, True)


def test_capital_inside_a_role_is_not_metonymic(tables):
    result = resolve_actor("Moscow police", None, tables=tables)
    assert result.code == "RUSCOP" and not result.metonymic


def test_lower_case_us_is_not_the_united_states(tables):
    assert resolve_actor("us", None, tables=tables) is None


def test_dated_user_actors(tables):
    assert resolve_actor("Sofie Krogh", "2026-03-05", tables=tables).code == "NOREDU"
    assert resolve_actor("Krogh", "2022-01-01", tables=tables).code == "IGOWSTNAT"
    assert resolve_actor("Eirik Tangen", "2024-06-01", tables=tables).code == "NORMIL"
    assert resolve_actor("Tangen", "2026-03-02", tables=tables).code == "NORGOV"
    assert resolve_actor("Lauren Petit", "2026-03-10", tables=tables).code == "USAGOV"
    assert resolve_actor("Lauren Petit", "2026-03-17", tables=tables) is None
    assert resolve_actor("Rafael Oyarzún", "2026-03-20", tables=tables).code == "IGOUNO"
    assert resolve_actor("Rafael Oyarzun", "2026-04-02", tables=tables) is None


def test_past_role_defers_to_the_table(tables):
    result = resolve_actor("former NATO official Sofie Krogh", "2026-03-05", tables=tables)
    assert result.code == "NOREDU"


def test_role_argument(tables):
    assert resolve_actor("John Sullivan", "2020-01-01", role="U.S. Ambassador", tables=tables).code == "USAGOV"


def test_steps_explain(tables):
    result = resolve_actor("U.S. Ambassador to Moscow John Sullivan", "2026-03-17", tables=tables)
    assert any("Moscow" in s for s in result.steps)


def test_user_actor_file_errors(tmp_path):
    bad = tmp_path / "actors.tsv"
    bad.write_text("name\taliases\tcode\trole\tstart\tend\tnotes\nA B\tA B\tNORGOV\tx\t2026-13-01\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="actors.tsv:2"):
        read_user_actors(bad)
    bad.write_text("name\tcode\nA\tNORGOV\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        read_user_actors(bad)


def test_user_actors_loaded_with_dates():
    rows = read_user_actors(REPO / "examples" / "actors.tsv")
    assert len(rows) == 19
    krogh = [r for r in rows if r.name == "Sofie Krogh"]
    assert {r.code for r in krogh} == {"NOREDU", "IGOWSTNAT"}


@pytest.mark.parametrize(
    "mention, code",
    [
        ("government forces", "MIL"),  # the role nearest the head
        ("Russian defence ministry spokesperson Viktor Sedykh", "RUSMIL"),  # a generic role gives way
        ("rebel commander", "REB"),
        ("The US Secretary of State", "USAGOV"),
        ("NATO Secretary General", "IGOWSTNAT"),  # an IGO's officials are the IGO
        ("a court in Guyana", "GUYJUD"),  # where a court sits is whose it is
        ("officials in Washington", "USAGOV"),
        ("troops in Ukraine", "MIL"),  # but troops in a country are not that country's
        ("a Tunisian court", "TUNJUD"),
        ("Hamas militants", "PSEREBHMS"),  # a group's code already holds its sector
        ("Islamic State fighters", "IMGMUSISI"),
        ("the Taliban", "AFGREB"),
        # a named organisation beats the demonym inside its name (Phoenix: SYROPPHRI)
        ("The Syrian Observatory for Human Rights", "SYROPPHRI"),
        ("the Syrian Observatory", "SYROPPHRI"),
        # peacekeepers serve an international mission: their country, not its military
        ("Fijian peacekeepers", "FJI"),
        ("UN peacekeepers", "IGOUNO"),
    ],
)
def test_roles_groups_and_seats(mention, code):
    assert resolve_actor(mention, "2022-01-28").code == code


def test_office_holder_steps_name_the_row_and_its_dates():
    [step] = resolve_actor("Antony Blinken", "2022-01-28").steps
    assert "2021-01-26" in step and "office_holders_recent.tsv:" in step


def test_capitals_used_alone_are_metonymic():
    moscow = resolve_actor("Moscow", "2022-01-28")
    assert (moscow.code, moscow.source, moscow.metonymic) == ("RUSGOV", "capital", True)
    assert not resolve_actor("the road to Moscow", "2022-01-28") or not resolve_actor("the road to Moscow", "2022-01-28").metonymic


def test_user_actor_rows_know_their_line():
    rows = read_user_actors(REPO / "examples" / "actors.tsv")
    assert all(r.where.startswith("actors.tsv:") for r in rows)
    lines = (REPO / "examples" / "actors.tsv").read_text(encoding="utf-8").splitlines()
    first = rows[0]
    assert lines[int(first.where.split(":")[1]) - 1].startswith(first.name)


@pytest.mark.parametrize(
    "mention, code",
    [
        ("former Russian defence minister", "RUSELI"),
        ("an ex-president of France", "FRAELI"),
        ("the former Norwegian ambassador", "NORELI"),
        ("former NATO official", "IGOWSTNAT"),  # an organisation's: no elite of a country
        ("outgoing Russian foreign minister", "RUSGOV"),  # still in office
    ],
)
def test_former_roles_are_elites(mention, code):
    assert resolve_actor(mention, "2022-01-28").code == code


def test_a_current_row_still_beats_a_past_role(tables):
    assert resolve_actor("former Norwegian official Sofie Krogh", "2026-03-05", tables=tables).code == "NOREDU"


@pytest.mark.parametrize(
    "mention, code",
    [
        ("the Bundestag", "DEULEG"),
        ("the Knesset", "ISRLEG"),
        ("the Verkhovna Rada", "UKRLEG"),
        ("the House of Commons", "GBRLEG"),
        ("the Duma", "RUSLEG"),
        ("Congress", "USALEG"),
        ("Matignon", "FRAGOV"),
    ],
)
def test_legislatures_and_seats(mention, code):
    result = resolve_actor(mention, "2022-01-28")
    assert (result.code, result.metonymic) == (code, True)


def test_airlines_are_business():
    assert resolve_actor("Northern Lights Airlines of Norway", "2022-01-28").code == "NORBUS"
    assert resolve_actor("a Norwegian airline", "2022-01-28").code == "NORBUS"


@pytest.mark.parametrize(
    "mention, code",
    [
        ("Norwegian lawyers", "NORJUD"),
        ("a Finnish professor", "FINEDU"),
        ("the Norwegian attorney general", "NORGOV"),  # the longer role wins over "attorney"
        ("the Gaza Strip", "PSEGZA"),  # a region with a CAMEO code of its own
        ("Gaza fishermen", "PSEGZALAB"),
    ],
)
def test_role_nouns_and_regions(mention, code):
    result = resolve_actor(mention, "2022-01-28")
    assert result.code == code and result.country == code[:3]


@pytest.mark.parametrize("text, code", [("Kigali", "RWAGOV"), ("Sana'a", "YEMGOV"), ("Port of Spain", "TTOGOV"),
                                        ("the government in Kigali", "RWAGOV")])  # fmt: skip
def test_capitals_of_every_member_state(tables, text, code):
    assert resolve_actor(text, "2026-03-10", tables=tables).code == code


@pytest.mark.parametrize("text, code", [("Alaska", "USA"), ("South Carolina", "USA"), ("the Texas governor", "USAGOV"),
                                        ("New Mexico", "USA"), ("Georgia", "GEO"), ("Washington", "USAGOV"),
                                        ("the New York Times", None), ("male officials", "GOV")])  # fmt: skip
def test_us_states_stand_for_the_us_without_taking_other_names(tables, text, code):
    result = resolve_actor(text, "2026-03-10", tables=tables)
    assert (result.code if result is not None else None) == code
