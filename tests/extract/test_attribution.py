from eduminer.corpus.regions import gazetteer
from eduminer.extract.attribution import RegionAttributor

SENTENCES = ["南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费", "组建教育集团", "上海市普陀区设立学区",
             "沙坪坝区和南岸区", "", "渝中区", "重庆市南岸区教委", "舟山市普陀区"]


def test_attribute_many_is_attribute_of_each():
    g = gazetteer()
    for region, code in [("重庆市", "500000"), ("上海市", ""), ("浙江省/舟山市", ""), ("", ""), ("火星", "")]:
        a = RegionAttributor(g, region, code)
        assert a.attribute_many(SENTENCES) == [tuple(a.attribute(s)) for s in SENTENCES]
    assert RegionAttributor(g, "重庆市", "500000").attribute_many([]) == []


def test_a_county_keeps_every_sentence():
    a = RegionAttributor(gazetteer(), "重庆市/南岸区", "500108")
    assert not a.has_parts
    assert {r.region for rs in a.attribute_many(SENTENCES) for r in rs} == {"重庆市/南岸区"}
    assert RegionAttributor(gazetteer(), "重庆市", "500000").has_parts
