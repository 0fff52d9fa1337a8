import pytest

from eventwire.clean.resources import read_table
from eventwire.events import all_codes, code_info
from eventwire.events.codes import PLOVER_TYPES, quad_class_of_root


def test_every_root_and_known_leaves():
    codes = {c.code for c in all_codes()}
    assert len(codes) == 312
    assert {f"{r:02d}" for r in range(1, 21)} <= codes
    for leaf in ("036", "1123", "0874", "2042", "1213", "173", "190"):
        assert leaf in codes


def test_code_info_fields():
    info = code_info("036")
    assert (info.root, info.goldstein, info.quad_class, info.plover_type) == ("03", 4.0, 1, "AGREE")
    assert code_info("1123").plover_mode == "allege"
    assert code_info("173").plover_type == "COERCE"


@pytest.mark.parametrize(
    "code, value",
    [("016", -2.0), ("022", 3.2), ("164", -7.0), ("165", -6.5), ("1213", -4.0), ("105", -5.0), ("108", -5.0)],
)
def test_goldstein_follows_gdelt_where_sources_differ(code, value):
    assert code_info(code).goldstein == value


def test_quad_class_gdelt_convention():
    for info in all_codes():
        assert info.quad_class == quad_class_of_root(info.root)
    assert [quad_class_of_root(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_plover_conventions():
    for info in all_codes():
        if info.root == "01":
            assert info.plover_type is None
        else:
            assert info.plover_type in PLOVER_TYPES, info
        if info.root == "08":
            assert info.plover_type == "YIELD"
        if info.root == "02":
            assert info.plover_type == "REQUEST"
    assert {c.plover_type for c in all_codes()} - {None} == set(PLOVER_TYPES)


def test_validation():
    with pytest.raises(ValueError):
        code_info("abc")
    with pytest.raises(ValueError):
        code_info("12345")
    with pytest.raises(KeyError):
        code_info("099")
    with pytest.raises(TypeError):
        code_info(None)
    assert code_info(8).code == "08"


def test_names_are_our_own_and_short():
    rows = read_table("cameo_codes.tsv")
    assert all(0 < len(r["name"]) <= 50 for r in rows)
    assert len({r["name"] for r in rows}) == len(rows)


def test_plover_table_carries_licence():
    from eventwire.clean.resources import data_text

    head = data_text("cameo_plover.tsv")[:2000]
    assert "CC BY-SA 4.0" in head and "CAMEO2PLOVER-2021" in head
