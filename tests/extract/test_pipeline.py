from eduminer.corpus import read
from eduminer.extract import extract, measures


def _by(ms, category):
    return [m for m in ms if m.category == category]


def test_multi_district_sentence_gives_one_record_per_district(reply_doc):
    ms = list(measures([read(reply_doc)], model=None))
    funding = _by(ms, "resources.dedicated_funding")
    assert [m.region for m in funding if "南岸区" in m.text] == ["重庆市/南岸区", "重庆市/九龙坡区", "重庆市/合川区"]
    assert [m.region_code for m in funding if "南岸区" in m.text] == ["500108", "500107", "500117"]
    assert len({m.id for m in funding}) == len(funding)  # ids stay distinct per district
    structure = _by(ms, "governance.structure")
    assert [m.region for m in structure] == ["重庆市/渝中区"]


def test_cited_title_does_not_attribute_or_code(reply_doc):
    ms = list(measures([read(reply_doc)], model=None))
    cited = [m for m in ms if "三年行动计划" in m.text]
    # the sentence still codes teacher rotation, but Shanghai (named only in a cited title) is not its region
    assert {m.category for m in cited} == {"personnel.teacher_rotation"}
    assert {m.region for m in cited} == {"重庆市"}


def test_stage_follows_sections(reply_doc):
    ms = list(measures([read(reply_doc)], model=None))
    stage_of = {m.text[:6]: m.stage for m in ms}
    assert stage_of["南岸区、九龙"] == "implemented"
    assert stage_of["教师交流渠道"] == "problem"
    assert stage_of["推动建立学区"] == "planned"


def test_record_offsets_and_original_agree(seeds_dir):
    path = seeds_dir / "000_f009c29586b31c7b.txt"  # traditional script
    doc = read(path)
    ms = list(measures([doc]))
    assert ms, "the seed report has measures"
    for m in ms[:50]:
        assert doc.text[m.start:m.end] == m.text
        assert m.original == doc.original_span(m.start, m.end)
        assert m.method in ("rule", "model", "rule+model") and 0 < m.confidence <= 1
        assert m.dimension == m.category.split(".")[0]
    assert any("學" in m.original for m in ms)  # the original script is kept


def test_extract_reports_unreadable_files_and_goes_on(reply_doc, tmp_path):
    failures = []
    ms = list(extract([tmp_path / "missing.txt", reply_doc], model=None, on_error=failures.append))
    assert len(failures) == 1 and "missing.txt" in failures[0].reason
    assert ms and all(m.doc == "reply.txt" for m in ms)


def test_the_extractor_loads_cn2an_up_front():
    # its import (~0.4 s) is a load cost, not one the first batch of documents pays
    import subprocess
    import sys

    code = ("import sys; from eduminer.extract import Extractor; assert 'cn2an' not in sys.modules; "
            "Extractor(model=None); print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_candidates_are_the_filters_then_the_rules_sentence_by_sentence(seeds_dir):
    from eduminer.extract.pipeline import loaded_extractor
    from eduminer.taxonomy import RuleHit

    ex = loaded_extractor(model=None)
    f, n_hits = ex.filters, 0
    for path in sorted(seeds_dir.glob("*.txt"))[:3]:
        doc = read(path)
        masked, keep, texts, hits = ex.candidates(doc)
        assert masked == f.mask_citations(doc.text)
        assert keep == f.worth_coding(doc.sentences, masked)
        spans = [(doc.sentences[i].start, doc.sentences[i].end) for i in keep]
        assert texts == [masked[s:e].strip() for s, e in spans]
        assert hits == [[RuleHit(h.category, h.trigger, h.start + s, h.end + s) for h in ex.matcher.match(masked[s:e])]
                        for s, e in spans]
        n_hits += sum(map(len, hits))
    assert n_hits > 50


def test_categories_are_sorted_and_rounded_as_measures_hold_them(seeds_dir):
    # _measures takes categories' lists as they are: sorted, confidences already rounded
    from eduminer.extract.pipeline import loaded_extractor

    for model in ("default", None):
        ex = loaded_extractor(model=model)
        texts, hits = [], []
        for path in sorted(seeds_dir.glob("*.txt"))[:4]:
            _, _, t, h = ex.candidates(read(path))
            texts += t
            hits += h
        coded = ex.categories(texts, hits)
        assert len(coded) == len(texts) and any(len(c) > 1 for c in coded)
        for found in coded:
            assert isinstance(found, list) and found == sorted(found)
            assert all(confidence == round(confidence, 3) for *_, confidence in found)


def test_a_section_heading_naming_a_district_places_the_measures_under_it(tmp_path):
    # dev set d280: a city's notice lists its districts' pilot 学区 under numbered headings
    path = tmp_path / "notice.txt"
    path.write_text("石家庄市教育局关于调整主城区学区管理制改革试点学区的通知\n一、新华区(9个学区,40所学校)\n"
                    "(一)西苑小学学区。组建学区，实行学区管理制。\n二、工作要求\n各学区要完善学区管理制度。\n",
                    encoding="utf-8")
    found = {(m.text, m.region) for m in measures([read(path)]) if m.category == "model.school_district"}
    assert ("组建学区，实行学区管理制。", "河北省/石家庄市/新华区") in found
    assert ("各学区要完善学区管理制度。", "河北省/石家庄市") in found


def test_a_line_naming_only_a_district_places_the_measures_after_it(tmp_path):
    # a roundup of a city's districts, each part headed by the district's name alone (dev set d311)
    path = tmp_path / "roundup.txt"
    path.write_text("新学期,北京多区教育都有新变化\n北京日报客户端\n北京市各区推进集团化办学。\n朝阳区\n"
                    "今年新成立5个教育集团。\n海淀区\n今年新成立3个教育集团。\n", encoding="utf-8")
    found = [(m.text, m.region) for m in measures([read(path)]) if m.category == "model.group_schooling"]
    assert found == [("北京市各区推进集团化办学。", "北京市"), ("今年新成立5个教育集团。", "北京市/朝阳区"),
                     ("今年新成立3个教育集团。", "北京市/海淀区")]


def test_an_excerpt_starting_at_a_plan_s_numbered_part_is_a_plan(tmp_path):
    # dev set d321: the page opens at 一、工作目标 (no title), so its measures are planned
    path = tmp_path / "plan.txt"
    path.write_text("一、工作目标\n紧紧围绕示范区建设目标,全面推进集团化办学。\n二、主要任务\n组建教育集团10个。\n",
                    encoding="utf-8")
    doc = read(path)
    assert doc.title == ""
    assert {(m.text, m.stage) for m in measures([doc]) if m.category == "model.group_schooling"} == {
        ("紧紧围绕示范区建设目标,全面推进集团化办学。", "planned"), ("组建教育集团10个。", "planned")}


def test_a_clause_reporting_news_of_the_day_keeps_its_stage_when_a_plan_follows(tmp_path):
    # blind batch d646-d657: 近日…成立… is done, whatever the rest of the sentence plans
    path = tmp_path / "news.txt"
    path.write_text("包河区打造学区联盟\n近日,包河区成立6个教育集团,区域内的学校师生还将实行“走校上课”。\n",
                    encoding="utf-8")
    found = {(m.category, m.stage) for m in measures([read(path)]) if m.text.startswith("近日")}
    assert ("model.group_schooling", "implemented") in found
    assert ("teaching.student_cultivation", "planned") in found


def test_a_news_outlet_s_dateline_is_not_where_the_measure_is(tmp_path):
    # dev set d602, d641: 新华社南宁…电 opens a story on the region's notice; 人民网兰州…电 too
    path = tmp_path / "news.txt"
    path.write_text("广西全面推进义务教育学区制管理改革\n"
                    "新华社南宁1月9日电 广西壮族自治区人民政府日前下发通知,全面推进义务教育学区制管理改革。\n",
                    encoding="utf-8")
    found = {m.region for m in measures([read(path)]) if m.category == "model.school_district"}
    assert found == {"广西壮族自治区"}
