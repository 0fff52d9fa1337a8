"""Named office holders shipped with eventwire: Phoenix-derived (to 2014) and recent (2015 on)."""

import datetime as dt
import os
from pathlib import Path

import pytest

from eventwire.actors import ActorTables, read_office_holders, resolve_actor
from eventwire.actors.office_holders import COLUMNS, cross_check, package_office_holders, phoenix_rows

DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data"
PHOENIX = DATA / "office_holders_phoenix.tsv"
RECENT = DATA / "office_holders_recent.tsv"
EVAL = Path(os.environ.get("EVENTWIRE_EVAL", Path(__file__).resolve().parents[3] / "shared" / "eval"))
PHOENIX_SOURCE = EVAL / "actors-geo" / "petrarch2" / "Phoenix.Countries.actors.txt"


@pytest.fixture(scope="module")
def tables():
    return ActorTables.default()


@pytest.fixture(scope="module")
def recent():
    return read_office_holders(RECENT)


@pytest.mark.parametrize(
    "text, day, code",
    [
        ("Sergei Lavrov", "2022-01-28", "RUSGOV"),
        ("Sergey Lavrov", "2016-06-01", "RUSGOV"),
        ("Antony Blinken", "2022-01-28", "USAGOV"),
        ("Dmitry Medvedev", "2010-01-01", "RUSGOV"),  # president (Phoenix)
        ("Dmitry Medvedev", "2016-01-01", "RUSGOV"),  # prime minister
        ("Medvedev", "2023-03-01", "RUSGOV"),  # Security Council
        ("Vladimir Putin", "2001-01-01", "RUSGOV"),  # Phoenix
        ("Putin", "2022-02-24", "RUSGOV"),
        ("Sergei Shoigu", "2022-02-24", "RUSMIL"),  # defence minister
        ("Shoigu", "2024-06-01", "RUSGOV"),  # Security Council secretary
        ("Andrei Belousov", "2025-01-10", "RUSMIL"),
        ("Volodymyr Zelenskyy", "2022-03-01", "UKRGOV"),
        ("Dmytro Kuleba", "2022-01-28", "UKRGOV"),
        ("Alyaksandr Lukashenka", "2020-08-10", "BLRGOV"),
        ("Olaf Scholz", "2022-02-01", "DEUGOV"),
        ("Lloyd Austin", "2022-01-28", "USAMIL"),
        ("Jens Stoltenberg", "2022-01-28", "IGOWSTNAT"),
        ("Recep Tayyip Erdogan", "2016-07-15", "TURGOV"),
        ("Chuck Hagel", "2014-05-01", "USAGOVMIL"),  # Phoenix codes defence ministers ~GOVMIL
        ("Jens Stoltenberg", "2020-01-01", "IGOWSTNAT"),
        ("Jens Stoltenberg", "2025-06-01", "NORGOV"),  # Minister of Finance from 2025-02-04
        ("Stoltenberg", "2025-06-01", "NORGOV"),
        ("Ban Ki-moon", "2016-06-01", "IGOUNO"),
        ("Tedros", "2020-03-01", "IGOUNOHLHWHO"),
        ("Christine Lagarde", "2015-01-01", "IGOBUSIMF"),
        ("Lagarde", "2021-01-01", "IGOEUREECBUS"),  # from the IMF to the ECB
        ("Le Luong Minh", "2014-06-01", "IGOSEAASN"),  # Phoenix's open VNMGOV row too: the later start wins
        ("Guterres", "2000-01-01", "PRTGOV"),  # an alias of the recent table finds his Phoenix row
    ],
)
def test_office_holders_on_the_date(tables, text, day, code):
    result = resolve_actor(text, day, tables=tables)
    assert result is not None and (result.code, result.source) == (code, "office-holders"), result


@pytest.mark.parametrize(
    "text, day",
    [
        ("Antony Blinken", "2019-06-01"),  # before office
        ("Volodymyr Zelensky", "2018-01-01"),
    ],
)
def test_before_office_gets_no_code_from_the_tables(tables, text, day):
    assert resolve_actor(text, day, tables=tables) is None


@pytest.mark.parametrize(
    "text, day, code",
    [
        ("Antony Blinken", "2025-06-01", "USAELI"),
        ("Barack Obama", "2018-01-01", "USAELI"),
        ("Tony Abbott", "2016-01-01", "AUSELI"),
        ("Trump", "2022-01-01", "USAELI"),  # between two terms
        ("Jens Stoltenberg", "2025-01-01", "NORELI"),  # an organisation's office gives no country: his last national one
        ("Stoltenberg", "2025-01-01", "NORELI"),  # alias of the recent table only: his Phoenix rows are found by name
        ("Guterres", "2016-06-01", "PRTELI"),  # between the UNHCR and the UN: Prime Minister of Portugal before
        ("Thorbjorn Jagland", "2020-01-01", "NORELI"),
    ],
)
def test_after_office_a_holder_is_an_elite_of_the_country(tables, text, day, code):
    """Phoenix codes leaders after office as ELI; eventwire's tables keep the offices and
    derive that."""
    result = resolve_actor(text, day, tables=tables)
    assert (result.code, result.source, result.sector) == (code, "office-holders", "ELI"), result


def test_guterres_gets_the_code_the_un_gets(tables):
    guterres = resolve_actor("António Guterres", "2020-06-01", tables=tables)
    assert guterres.code == resolve_actor("the United Nations", "2020-06-01", tables=tables).code == "IGOUNO"
    assert guterres.role == "Secretary-General of the United Nations"


@pytest.mark.parametrize(
    "text, role",
    [
        ("Ban Ki-moon", "former Secretary-General of the United Nations"),
        ("former UN Secretary-General Ban Ki-moon", "former Secretary-General of the United Nations"),  # not IGOUNO
    ],
)
def test_after_an_organisations_office_only_a_holder_is_a_plain_elite(tables, text, role):
    """The tables hold no national office of Ban Ki-moon: in 2018 he is ELI with no country,
    as Phoenix's international dictionary codes former secretaries-general."""
    result = resolve_actor(text, "2018-01-01", tables=tables)
    assert (result.code, result.country, result.sector, result.source, result.role) == (
        "ELI", None, "ELI", "office-holders", role), result  # fmt: skip


def test_after_the_last_office_a_national_office_gives_the_country():
    """The decision of ``office_holders`` (module doc), on made-up people: an earlier
    national office, found under another name of the person, gives country + ELI; an
    organisation's office alone gives plain ELI; before the first office, no code."""
    from eventwire.actors import UserActor

    minister = UserActor("Ada Quill", ("Ada Quill",), "ZZZGOV", "Minister of Foreign Affairs of Z",
                         dt.date(2001, 1, 1), dt.date(2005, 1, 1))  # fmt: skip
    chief = UserActor("Ada Quill", ("Ada Quill", "Quill"), "IGOUNO", "Secretary-General of the United Nations",
                      dt.date(2010, 1, 1), dt.date(2015, 12, 31))  # fmt: skip
    clerk = UserActor("Ben Morrow", ("Ben Morrow", "Morrow"), "IGOWSTNAT", "Secretary General of NATO",
                      dt.date(2010, 1, 1), dt.date(2015, 12, 31))  # fmt: skip
    tables = ActorTables.default(office_holders=[minister, chief, clerk], package_office_holders=False)
    assert resolve_actor("Quill", "2012-01-01", tables=tables).code == "IGOUNO"
    assert resolve_actor("Quill", "2008-01-01", tables=tables).code == "ZZZELI"  # between the two offices
    assert resolve_actor("Quill", "2020-01-01", tables=tables).code == "ZZZELI"  # the alias finds the ministry
    assert resolve_actor("Ada Quill", "2020-01-01", tables=tables).code == "ZZZELI"
    morrow = resolve_actor("Morrow", "2020-01-01", tables=tables)
    assert (morrow.code, morrow.country, morrow.role) == ("ELI", None, "former Secretary General of NATO")
    assert resolve_actor("Morrow", "2005-01-01", tables=tables) is None  # before his first office


def test_organisation_heads_use_the_codes_of_actor_igos():
    """Every organisation's code in the recent table is one that actor_igos.tsv gives an
    organisation, so an office holder and the organisation named alone code alike."""
    from eventwire.actors.tables import read_table

    igo_codes = {row["code"] for row in read_table("actor_igos.tsv")}
    recent_igo = {r.code for r in read_office_holders(RECENT) if r.code.startswith("IGO")}
    assert {"IGOUNO", "IGOUNOREFHCR", "IGOUNOIAE", "IGOUNOHLHWHO", "IGOBUSIMF", "IGOUNODEVWBK", "IGOBUS", "IGO",
            "IGOMEAARL", "IGOSEAASN", "IGOOPC", "IGOEURCOE", "IGOJUDICC", "IGOEUREECBUS"} <= recent_igo  # fmt: skip
    assert recent_igo <= igo_codes, recent_igo - igo_codes


def test_heads_of_an_organisation_do_not_overlap(recent):
    """One holder of an organisation's office at a time (a handover day may count for both)."""
    by_office: dict[tuple[str, str], list] = {}
    for r in recent:
        if r.code.startswith("IGO"):
            by_office.setdefault((r.code, r.role.removeprefix("Interim ")), []).append(r)
    for office, rows in by_office.items():
        rows.sort(key=lambda r: r.start)
        for a, b in zip(rows, rows[1:]):
            assert a.end is not None and a.end <= b.start, (office, a.name, b.name)
        assert all(r.source and r.start for r in rows), office


def test_a_former_role_in_text_is_an_elite_too(tables):
    assert resolve_actor("former U.S. President Barack Obama", "2018-01-01", tables=tables).code == "USAELI"
    assert resolve_actor("former Australian prime minister Tony Abbott", "2016-01-01", tables=tables).code == "AUSELI"


def test_role_in_text_still_wins(tables):
    result = resolve_actor("Russian President Dmitry Medvedev", "2010-01-01", tables=tables)
    assert (result.code, result.source) == ("RUSGOV", "role-in-text")


def test_package_office_holders_can_be_left_out():
    bare = ActorTables.default(package_office_holders=False)
    assert resolve_actor("Sergei Lavrov", "2022-01-28", tables=bare) is None


def test_both_tables_have_sources_and_the_phoenix_licence():
    header = PHOENIX.read_text(encoding="utf-8").split("\nname\t", 1)[0]
    assert "CC BY-SA 3.0" in header and "Open Event Data Alliance" in header and "Schrodt" in header
    assert PHOENIX.stat().st_size < 1_500_000
    phoenix = read_office_holders(PHOENIX)
    assert len(phoenix) > 10_000
    assert {p.source for p in phoenix} == {"Phoenix.Countries.actors.txt"}
    assert all(p.end is not None and p.end <= dt.date(2015, 12, 31) for p in phoenix)
    assert all(p.code[3:] in ("GOV", "MIL", "GOVMIL", "GOVLEG", "GOVJUD") for p in phoenix)
    assert len(package_office_holders()) == len(phoenix) + len(read_office_holders(RECENT))


COUNTRIES = ("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX SAU ZAF KOR TUR GBR USA RUS UKR BLR").split()


@pytest.mark.parametrize("day", [dt.date(2015, 6, 1), dt.date(2019, 1, 15), dt.date(2023, 6, 1)])
def test_recent_table_covers_the_g20_russia_ukraine_belarus(recent, day):
    for country in COUNTRIES:
        valid = [r for r in recent if r.code.startswith(country) and r.valid_on(day)]
        assert any(r.code == country + "GOV" for r in valid), (country, day)
        assert any(r.code == country + "MIL" for r in valid), (country, day)  # a defence minister
        assert any(w in r.role for w in ("Foreign", "External", "International Relations", "Secretary of State")
                   for r in valid), (country, day)  # fmt: skip
    assert all(r.source for r in recent)


def test_every_g20_member_has_post_2015_heads_foreign_and_defence_ministers(recent):
    """The G20 (19 countries, the EU, the African Union), Russia, Ukraine and Belarus: a head of
    state or government, a foreign and a defence minister (what the member has of these) with
    a row after 2015-01-01, and no stretch of more than 70 days without one up to mid-2025
    (vacancies happen: China had no defence minister from 2023-10-25 to 2023-12-28)."""
    from eventwire.actors.office_holders import (
        G20_COUNTRIES,
        REQUIRED_OFFICES,
        coverage_gaps,
        offices_of,
    )

    assert set(G20_COUNTRIES) | {"IGOEUREEC", "IGOAFR"} <= set(REQUIRED_OFFICES) and len(G20_COUNTRIES) == 19
    since = dt.date(2015, 1, 1)
    for member, offices in REQUIRED_OFFICES.items():
        for office in offices:
            rows = [r for r in recent if r.code.startswith(member) and office in offices_of(r.role)
                    and (r.end is None or r.end >= since)]  # fmt: skip
            assert rows, (member, office)
            assert all(r.source and r.start for r in rows), (member, office)
    gaps = coverage_gaps(recent, since, dt.date(2025, 6, 30))
    long = {k: [(a, b) for a, b in v if (b - a).days >= 70] for k, v in gaps.items()}
    assert not any(long.values()), {k: v for k, v in long.items() if v}


def test_coverage_gaps_finds_a_missing_minister():
    from eventwire.actors import UserActor
    from eventwire.actors.office_holders import coverage_gaps

    rows = [UserActor("A", ("A",), "XXXGOV", "President of X", dt.date(2010, 1, 1), None),
            UserActor("B", ("B",), "XXXGOV", "Minister of Foreign Affairs of X", dt.date(2010, 1, 1), dt.date(2016, 3, 1)),
            UserActor("C", ("C",), "XXXGOV", "Minister of Foreign Affairs of X", dt.date(2016, 6, 1), None)]  # fmt: skip
    gaps = coverage_gaps(rows, dt.date(2015, 1, 1), dt.date(2020, 1, 1), {"XXX": ("head", "foreign", "defence")})
    assert ("XXX", "head") not in gaps
    assert gaps[("XXX", "foreign")] == [(dt.date(2016, 3, 2), dt.date(2016, 5, 31))]
    assert gaps[("XXX", "defence")] == [(dt.date(2015, 1, 1), dt.date(2020, 1, 1))]


def test_coverage_gaps_takes_an_organisations_code_exactly():
    """The ECB's president (IGOEUREECBUS) is not a head of the EU (IGOEUREEC)."""
    from eventwire.actors import UserActor
    from eventwire.actors.office_holders import coverage_gaps

    rows = [UserActor("A", ("A",), "IGOEUREECBUS", "President of the European Central Bank", dt.date(2010, 1, 1), None)]
    gaps = coverage_gaps(rows, dt.date(2015, 1, 1), dt.date(2016, 1, 1), {"IGOEUREEC": ("head",)})
    assert gaps[("IGOEUREEC", "head")] == [(dt.date(2015, 1, 1), dt.date(2016, 1, 1))]


def test_recent_heads_do_not_overlap(recent):
    """One holder at a time for presidents, prime ministers and chancellors (a handover day
    may count for both)."""
    by_role: dict[str, list] = {}
    for r in recent:
        if r.role.startswith(("President of", "Prime Minister of", "Chancellor of", "Premier of")):
            by_role.setdefault(r.role, []).append(r)
    for role, rows in by_role.items():
        rows.sort(key=lambda r: r.start)
        for a, b in zip(rows, rows[1:]):
            assert a.end is not None and a.end <= b.start, (role, a.name, b.name)


def test_office_holder_columns(tmp_path):
    path = tmp_path / "holders.tsv"
    path.write_text("\t".join(COLUMNS) + "\nA B\t\tNORGOV\t\t2020-01-01\t\tsomewhere\t\n", encoding="utf-8")
    (row,) = read_office_holders(path)
    assert (row.start, row.end, row.source, row.aliases) == (dt.date(2020, 1, 1), None, "somewhere", ("A B",))
    path.write_text("name\taliases\tcode\tvalid_from\tvalid_until\tsource\nA B\t\tNORGOV\t\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source is required"):
        read_office_holders(path)
    path.write_text("name\taliases\tcode\tvalid_from\tvalid_until\nA B\t\tNORGOV\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        read_office_holders(path)


def test_cross_check_reports_disagreements():
    from eventwire.actors import UserActor

    phoenix = [UserActor("Jens Stoltenberg", ("Jens Stoltenberg",), "NORGOV", start=dt.date(2005, 10, 17),
                         end=dt.date(2014, 12, 31))]  # fmt: skip
    recent = [UserActor("Jens Stoltenberg", ("Jens Stoltenberg", "Stoltenberg"), "IGOWSTNAT",
                        start=dt.date(2014, 10, 1)),
              UserActor("Sergei Shoigu", ("Sergei Shoigu",), "RUSMIL", start=dt.date(2012, 11, 6))]  # fmt: skip
    lines = cross_check(phoenix, recent)
    assert any(line.startswith("Jens Stoltenberg: 2013-01 to 2014-12") for line in lines)
    assert any(line.startswith("Sergei Shoigu:") and "not in Phoenix" in line for line in lines)


@pytest.mark.skipif(not PHOENIX_SOURCE.exists(), reason="Phoenix dictionaries not available")
def test_phoenix_table_is_reproducible():
    rows = phoenix_rows(PHOENIX_SOURCE)
    shipped = [line.split("\t") for line in PHOENIX.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")][1:]  # fmt: skip
    assert len(rows) == len(shipped)
    assert [[row[c] for c in COLUMNS] for row in rows[:50]] == shipped[:50]
    # persons only: no assemblies, parties or countries
    names = {row["name"] for row in rows}
    assert "Vladimir Putin" in names and "Kosovo Assembly" not in names and "Volkskammer" not in names
    cameron = [row for row in rows if row["name"] == "David Cameron"]
    assert [(r["valid_from"], r["valid_until"]) for r in cameron if r["code"] == "GBRGOV"][-1] == ("2010-05-11", "2014-12-31")


def test_an_end_where_phoenix_stopped_looking_is_no_end_of_office():
    """Phoenix rows that were open are cut at 2014-12-31: a leader known only from them is not
    known to be out of office after that (no ELI), while a row with a real end is."""
    from eventwire.actors import UserActor
    from eventwire.actors.office_holders import CAPPED_NOTE, PHOENIX_HORIZON

    capped = UserActor("Ada Quill", ("Ada Quill",), "ZZZGOV", start=dt.date(2009, 1, 1), end=PHOENIX_HORIZON,
                       notes=f"{CAPPED_NOTE}; capped at {PHOENIX_HORIZON}")  # fmt: skip
    ended = UserActor("Ben Quill", ("Ben Quill",), "ZZZGOV", start=dt.date(2009, 1, 1), end=dt.date(2012, 3, 1))
    tables = ActorTables.default(office_holders=[capped, ended], package_office_holders=False)
    assert resolve_actor("Ada Quill", "2020-01-01", tables=tables) is None
    assert resolve_actor("Ben Quill", "2020-01-01", tables=tables).code == "ZZZELI"
    assert resolve_actor("Ben Quill", "2010-01-01", tables=tables).code == "ZZZGOV"
