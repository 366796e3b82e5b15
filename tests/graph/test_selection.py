import pytest

from eduminer.errors import SelectionError
from eduminer.graph import resolve_regions, roll_up, select


@pytest.mark.parametrize("path,level,expected", [
    ("重庆市/南岸区", "county", "重庆市/南岸区"),
    ("重庆市/南岸区", "city", "重庆市"),
    ("重庆市/南岸区", "province", "重庆市"),
    ("广西壮族自治区/贵港市/港北区", "city", "广西壮族自治区/贵港市"),
    ("广西壮族自治区/贵港市/港北区", "county", "广西壮族自治区/贵港市/港北区"),
    ("山东省/潍坊市/潍城区", "province", "山东省"),
    ("重庆市", "county", "重庆市"),
    ("", "county", "(unknown)"),
    ("天津市/宁河区", None, "天津市/宁河区"),
])
def test_roll_up(path, level, expected):
    assert roll_up(path, level) == expected


def test_roll_up_bad_level():
    with pytest.raises(SelectionError, match=r"'country' is not a valid level. Did you mean: county"):
        roll_up("重庆市", "country")


def test_resolve_regions_by_name_path_and_ancestor():
    known = ["重庆市", "重庆市/南岸区", "天津市/宁河区"]
    assert resolve_regions(["宁河区"], known) == ["天津市/宁河区"]
    assert resolve_regions(["重庆市/南岸区"], known) == ["重庆市/南岸区"]
    assert resolve_regions(["重庆市"], known) == ["重庆市", "重庆市/南岸区"]
    with pytest.raises(SelectionError, match=r"\[E305\] no region '宁河' .*Did you mean: 宁河区"):
        resolve_regions(["宁河"], known)


def test_select_streams_and_reports_unknown_after(rows):
    got = []
    with pytest.raises(SelectionError, match="E305"):
        for item in select(rows, regions=["宁河区", "火星区"], level="county"):
            got.append(item)
    assert {i.region for i in got} == {"天津市/宁河区"}  # what was selected is not lost
