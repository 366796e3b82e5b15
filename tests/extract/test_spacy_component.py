import spacy

import eduminer.extract.spacy_component  # noqa: F401  (registers the factory)
from eduminer.extract.spacy_component import colours


def test_component_sets_measure_spans(reply_doc):
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduminer_measures", config={"model": None})
    text = reply_doc.read_text(encoding="utf-8")
    doc = nlp(text)
    spans = doc.spans["measures"]
    funding = [s for s in spans if s.label_ == "resources.dedicated_funding" and "南岸区" in s.text]
    assert len(funding) == 1 and funding[0].text.startswith("南岸区、九龙坡区")
    assert funding[0]._.regions == ("重庆市/南岸区", "重庆市/九龙坡区", "重庆市/合川区")
    problem = [s for s in spans if s._.stage == "problem"]
    assert problem and all("不" in s.text for s in problem)
    assert all(s.label_ in {m.category for m in s._.measures} for s in spans)


def test_empty_text_gives_no_spans():
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduminer_measures", config={"model": None})
    assert list(nlp("   ").spans["measures"]) == []


def test_one_colour_per_dimension():
    c = colours(["model.a", "model.b", "personnel.c"])
    assert c["model.a"] == c["model.b"] != c["personnel.c"]
