"""The consistency rules as findings: rule id, cells, expected and found — with non-zero figures."""

from __future__ import annotations

import random

import pytest

from builder import synth
from builder.check import check_report, check_years, table_rules
from builder.parse import parse_document
from builder.read import text_document


def _spec(seed: int = 5):
    return synth.random_spec(random.Random(seed), body="博爱县许良镇人民政府")


def _parse(spec):
    return parse_document(text_document(synth.render_text(spec, "tab").encode(), "r.txt"),
                          level="township")


def test_consistent_report_has_only_the_township_rules_warning() -> None:
    report = _parse(_spec())
    assert report.complete
    # every cell is non-zero, so the township's 规章 figures trip W1 (soft) and nothing else
    assert {f.rule for f in report.findings} == {"W1"}
    assert {f.cells[0][2] for f in report.findings} == {"issued", "repealed", "in_force"}


def test_each_rule_names_its_cells_expected_and_found() -> None:
    spec = _spec()
    v = spec.values
    v[("applications", "granted", "research")] += 2  # breaks R2 (research) and R3 (granted)
    v[("applications", "carried_over", "natural_person")] += 1  # R1 and R3 (carried_over)
    v[("review_litigation", "litigation_direct", "total")] += 3  # R4
    findings = table_rules(v, "2021")
    by_rule = {(f.rule, f.cells[0]): f for f in findings}
    r2 = by_rule[("R2", ("applications", "results_total", "research"))]
    assert r2.found == v[("applications", "results_total", "research")]
    assert r2.expected == r2.found + 2
    r3 = by_rule[("R3", ("applications", "granted", "total"))]
    assert (r3.expected, r3.found) == (v[("applications", "granted", "total")] + 2,
                                       v[("applications", "granted", "total")])
    r1 = by_rule[("R1", ("applications", "new", "natural_person"))]
    assert r1.expected == r1.found + 1
    r4 = by_rule[("R4", ("review_litigation", "litigation_direct", "total"))]
    assert r4.found == r4.expected + 3
    assert sorted({f.rule for f in findings}) == ["R1", "R2", "R3", "R4"]


def test_findings_travel_with_a_parsed_report_and_carry_the_source_line() -> None:
    spec = _spec()
    spec.values[("applications", "new", "total")] += 1
    report = _parse(spec)
    assert report.complete  # a report that breaks its arithmetic still parses
    r3 = [f for f in report.findings if f.rule == "R3"]
    assert len(r3) == 1 and r3[0].cells[0] == ("applications", "new", "total")
    text = synth.render_text(spec, "tab").split("\n")
    assert "本年新收" in text[r3[0].line - 1]
    # the figure is published as printed, not corrected
    assert report.value("applications", "new", "total") == spec.values[
        ("applications", "new", "total")]


def test_missing_cells_are_not_evaluated() -> None:
    spec = _spec()
    spec.values[("applications", "granted", "research")] = None
    assert not [f for f in table_rules(spec.values, "2021")
                if ("applications", "granted", "research") in f.cells]


def test_r5_and_w2_across_years() -> None:
    a, b = _spec(1), _spec(2)
    a.year, b.year = 2022, 2023
    ra, rb = _parse(a), _parse(b)
    found = check_years([(2022, ra), (2023, rb)])
    r5 = [f for f in found[2023] if f.rule == "R5"]
    differing = [c for c in ("natural_person", "commercial", "research", "public_interest",
                             "legal_services", "other_org", "total")
                 if a.values[("applications", "carried_forward", c)]
                 != b.values[("applications", "carried_over", c)]]
    assert [f.cells[0][2] for f in r5] == differing
    for c in differing:
        b.values[("applications", "carried_over", c)] = a.values[
            ("applications", "carried_forward", c)]
    found = check_years([(2022, ra), (2023, _parse(b))])
    assert not [f for f in found.get(2023, []) if f.rule == "R5"]


def test_w3_prose_against_tables() -> None:
    spec = _spec()
    report = _parse(spec)
    stated = report.metadata.get("applications_stated")
    assert stated and stated["value"] == spec.values[("applications", "new", "total")]
    report.metadata["applications_stated"] = dict(stated, value=stated["value"] + 5)
    w3 = [f for f in check_report(report, "township") if f.rule == "W3"]
    assert len(w3) == 1 and w3[0].expected == stated["value"] + 5


def _saying(sentence: str):
    """The report of _spec() (a township's) whose prose says ``sentence`` about the
    applications received, instead of what synth writes."""
    text = synth.render_text(_spec(), "tab")
    said = next(line for line in text.split("\n") if "共收到政府信息公开申请" in line)
    return parse_document(text_document(text.replace(said, sentence).encode(), "r.txt"),
                          level="township")


def test_w3_reads_the_applications_received_not_those_carried_over() -> None:
    spec = _spec()
    new = spec.values[("applications", "new", "total")]
    carried = spec.values[("applications", "carried_over", "total")]
    for sentence, stated in [
            (f"2023年收到上年结转申请{carried}件，本年新收申请{new}件。", new),
            (f"本年度新收政府信息公开申请{new}件，上年结转{carried}件。", new),
            (f"本年度新收政府信息公开申请{new + 3}件。", new + 3),
            (f"收到上年结转申请{carried}件，本年无新收申请。", 0)]:
        report = _saying(sentence)
        assert report.metadata["applications_stated"]["value"] == stated, sentence
        w3 = [f for f in report.findings if f.rule == "W3"]
        assert [f.expected for f in w3] == ([] if stated == new else [stated]), sentence


@pytest.mark.parametrize(("sentence", "applications", "reviews"), [
    ("全年未收到政府信息公开申请，未发生行政复议或行政诉讼。", 0, {"review", "litigation"}),
    ("本年度无依申请公开事项。", 0, set()),
    ("没有收到公开申请；全年因政府信息公开被申请行政复议1件，无行政诉讼。", 0,
     {"review", "litigation"}),
    # what these say is something else: no late replies, no complaints, no fees, no review
    # decided against the body
    ("没有逾期答复的申请。", None, set()),
    ("全年无因依申请公开被投诉情况。", None, set()),
    ("未收到申请人投诉，无一起申请人投诉。", None, set()),
    ("未出现超期答复申请的情况，未向申请人收取费用。", None, set()),
    ("无因政府信息公开行政复议被纠错情况。", None, set()),
    ("未发生行政复议、行政诉讼被纠错的情况，没有发生行政诉讼败诉案件。", None, set()),
    # no review or lawsuit over applications, not no applications (a 2022 bureau's report
    # that received 8: 未发生依申请公开行政复议或行政诉讼情况)
    ("2022年共收到8项依申请公开，未发生依申请公开行政复议或行政诉讼情况。", None,
     {"review", "litigation"}),
    ("未发生因依申请公开引起的行政复议。", None, {"review"}),
    # (a 2020 township's: the lawsuits with their own verb)
    ("2020年我镇无因政府信息公开工作被申请行政复议、提起行政诉讼情况。", None,
     {"review", "litigation"}),
    ("2022年，未发生涉及卫生健康局信息公开行政复议案件和行政诉讼案件。", None,
     {"review", "litigation"}),
    ("未发生因有关政府信息公开而引发的行政复议案和行政诉讼案。", None,
     {"review", "litigation"})])
def test_w3_reads_only_sentences_that_say_none(sentence: str, applications: int | None,
                                                reviews: set[str]) -> None:
    report = _saying(sentence)
    stated = report.metadata.get("applications_stated")
    assert (stated or {}).get("value") == applications
    assert {x["kind"] for x in report.metadata.get("review_litigation_stated", [])} == reviews
    # the tables hold non-zero figures: a "none" read wrongly would be a false W3 hint
    w3 = {f.cells[0][1] for f in report.findings if f.rule == "W3"}
    assert w3 == ({"new"} if applications == 0 else set()) | {
        r for kind in reviews
        for r in (("review",) if kind == "review" else ("litigation_direct",))}


@pytest.mark.parametrize("sentence", ["严格按照自收到申请之日起20个工作日内予以答复。",
                                      "受理政府信息公开申请后15个工作日内答复。",
                                      "收到申请后3个工作日内登记。",
                                      "收到行政复议申请1件，未收到行政诉讼。",
                                      "共收到网上申请3件、当面申请2件。",
                                      "未收到行政复议申请。"])
def test_w3_takes_no_time_limit_or_other_applications_for_a_count(sentence: str) -> None:
    """自收到申请之日起20个工作日内, a phrase many reports print, is a time limit: it was read
    as "20 applications received" and gave a false W3 hint; so were applications for review
    and a part of the applications (those made online)."""
    report = _saying(sentence)
    assert "applications_stated" not in report.metadata
    assert not [f for f in report.findings if f.rule == "W3" and f.cells[0][1] == "new"]


@pytest.mark.parametrize(("sentence", "said"), [
    # the 2019 Shanghai general office's report (tests/fixtures/real) says so
    ("信息公开类行政复议{r}件，诉讼{l}件，均获维持。", {"review": "r", "litigation": "l"}),
    ("本年度共发生行政复议案件{r}起、行政诉讼案件{l}起。", {"review": "r", "litigation": "l"}),
    ("全年因政府信息公开被申请行政复议{r}件，被提起行政诉讼{l}件。",
     {"review": "r", "litigation": "l"}),
    # (a Beijing subdistrict's 2025 report: 依申请公开3次，行政复议0次，行政诉讼0次)
    ("依申请公开3次，行政复议{r}次，行政诉讼{l}次。", {"review": "r", "litigation": "l"}),
    ("召开行政复议委员会会议{r}次。", {}),
    # a part of them, a change, last year's, the body as the reviewing organ, other lawsuits
    ("行政复议纠错{r}件，行政诉讼败诉{l}件。", {}),
    ("较上年行政复议减少{r}件，行政诉讼增加{l}件。", {}),
    ("上年度行政复议{r}件。", {}),
    ("行政复议和行政诉讼各{r}件。", {}),
    ("全年办理行政复议案件{r}件，受理行政诉讼{l}件。", {}),
    ("民事诉讼{l}件。", {}),
    ("行政复议{r}件，其中维持{r}件。", {"review": "r"}),
    # OCR read a full stop as ·: "no late replies", then the year's reviews
    ("未出现超期答复情况·全年因政府信息公开工作被申请行政复议{r}件。", {"review": "r"}),
])
def test_w3_reads_the_reviews_and_lawsuits_the_prose_counts(sentence: str,
                                                           said: dict[str, str]) -> None:
    """W3 for counts of reviews and lawsuits, not only for none: the year's, as table 四
    gives them; a sentence about a part of them or about something else says nothing."""
    spec = _spec()
    review = spec.values[("review_litigation", "review", "total")]
    lawsuits = sum(spec.values[("review_litigation", r, "total")]
                   for r in ("litigation_direct", "litigation_after_review"))
    for r, suits, agree in ((review, lawsuits, True), (review + 2, lawsuits + 3, False)):
        report = _saying(sentence.format(r=r, l=suits))
        stated = {x["kind"]: x["value"]
                  for x in report.metadata.get("review_litigation_stated", [])}
        assert stated == {k: {"r": r, "l": suits}[v] for k, v in said.items()}, sentence
        w3 = sorted(f.cells[0][1] for f in report.findings if f.rule == "W3")
        assert w3 == ([] if agree else sorted(
            {"review": "review", "litigation": "litigation_direct"}[k] for k in said))


def test_w3_takes_no_count_a_table_finders_cells_broke() -> None:
    """pdfplumber's text of a narrow page, as CSV: 被提起行政诉讼2 | 件。7 (27 broken by its
    cell) was read as 2 lawsuits, a false hint against table 四's 27."""
    from pathlib import Path

    from builder.parse import parse_file

    report = parse_file(Path(__file__).parent / "fixtures/printed/narrow80-plumb-text.csv")
    assert "行政诉讼2" in "".join(report.sections[0].text.split())
    assert not any(x["kind"] == "litigation"
                   for x in report.metadata.get("review_litigation_stated", []))
    assert not [f for f in report.findings if f.rule == "W3"]


def test_w3_takes_no_count_of_applications_a_cell_broke(tmp_path) -> None:
    """The same for the applications: 本年新收申请2 | 件。7 is no statement of 2."""
    from builder.parse import parse_file

    text = synth.render_text(_spec(), "tab")
    said = next(line for line in text.split("\n") if "共收到政府信息公开申请" in line)
    for row, stated in (('"本年新收政府信息公开申请2","件。7"', None),
                        ('"本年新收政府信息公开申请27件。","其中予以公开"', 27)):
        path = tmp_path / "r.txt"
        path.write_text(text.replace(said, row.replace('"', "").replace(",", "\t")), "utf-8")
        report = parse_file(path)
        assert (report.metadata.get("applications_stated") or {}).get("value") == stated, row


def test_rules_of_each_table_alone_are_those_of_both() -> None:
    """table_rules makes each template's rules once: asked for one table, then the other, or
    for both at once (in any order, from any iterable), it finds the same."""
    for template, seed in (("2021", 5), ("2019", 6)):
        spec = synth.random_spec(random.Random(seed), template=template)
        v = dict(spec.values)
        v[("applications", "granted", "research")] += 2
        v[("applications", "carried_over", "natural_person")] += 1
        v[("review_litigation", "review", "total")] += 3
        both = table_rules(v, template)
        assert {f.rule for f in both} == {"R1", "R2", "R3", "R4"}
        assert table_rules(v, template, tables=["applications"]) + table_rules(
            v, template, tables=("review_litigation",)) == both
        assert table_rules(v, template, tables=iter(("review_litigation", "applications"))) \
            == both


# --- the prose: traces of another body's report ------------------------------------------------

XINYUAN = ("新疆维吾尔自治区", "伊犁哈萨克自治州", "新源县")


def _traces(lines, body="别斯托别乡", region=XINYUAN, level="township"):
    from builder.check import other_bodies

    return other_bodies(list(enumerate(lines, 1)), (body, None), region, level)


def test_another_township_of_the_county_named_in_the_prose_is_a_trace() -> None:
    """template.md: other towns' names pasted into the prose. Seed 004's 对新源镇下辖 11 个村,
    in 别斯托别乡's report: 新源镇 is another township of 新源县."""
    found = _traces(["一、总体情况", "对新源镇下辖 11 个村及乡五办六中心进行督导。",
                     "二是 那 拉 提 镇 的经验值得借鉴；新源镇再次出现。"])
    assert [(t["line"], t["word"], t["kind"], t["count"]) for t in found] == [
        (2, "新源镇", "township", 2), (3, "那拉提镇", "township", 1)]
    assert found[0]["text"] == "对新源镇下辖 11 个村及乡…"  # ten characters either side
    assert found[0]["message"].startswith("正文提到新源县的另一个乡镇“新源镇”（“对新源镇下辖 11 个村")
    assert "，共 2 处）" in found[0]["message"]


def test_the_body_itself_and_other_counties_are_no_trace() -> None:
    text = ["别斯托别乡人民政府 全乡 别斯托别镇（撤乡设镇后）", "巩留县的东买里镇", "新源县人民政府"]
    assert _traces(text) == []
    # the same prose in another county's report: its townships are not 新源县's
    assert _traces(["对新源镇下辖 11 个村进行督导"], body="林西镇",
                   region=("内蒙古自治区", "赤峰市", "林西县")) == []
    # a county not in the list (renamed since), or a region without a county: nothing to say
    assert _traces(["对新源镇下辖 11 个村进行督导"], region=("新疆维吾尔自治区", "某新县")) == []
    assert _traces(["对新源镇下辖 11 个村进行督导"], region=("新疆维吾尔自治区",)) == []


def test_a_townships_name_that_is_a_common_word_is_no_trace() -> None:
    """Some counties have a 城区街道 or a 中心镇: 城区街道清扫 and 中心镇建设 are words; the
    name of another of their townships is a trace still."""
    from builder.regions import _township_table

    (province, county), [(prefecture, names)] = next(
        (k, v) for k, v in sorted(_township_table().items())
        if len(v) == 1 and "城区街道" in v[0][1] and len(v[0][1]) >= 3)
    region = (province, prefecture, county)
    body, other = [t for t in names if t != "城区街道"][:2]
    found = _traces([f"城区街道清扫保洁，推进中心镇建设，学习{other}的做法"], body=body,
                    region=region)
    assert [t["word"] for t in found] == [other]
    # (the same words in a county with no such township: nothing either)
    assert _traces(["城区街道清扫保洁，推进中心镇建设"], body="别斯托别乡") == []


def test_a_list_of_the_countys_townships_is_no_trace() -> None:
    """A saved page's links name every township of the county on one line."""
    assert _traces(["新源镇 那拉提镇 则克台镇 坎苏乡 吐尔根乡"]) == []
    assert [t["word"] for t in _traces(["新源镇、那拉提镇"])] == ["新源镇", "那拉提镇"]


def test_a_county_departments_report_may_name_its_townships() -> None:
    assert _traces(["对新源镇、那拉提镇开展督导"], body="新源县民政局", level="county") == []
    assert _traces(["对新源镇、那拉提镇开展督导"], body="新源县民政局", level=None) == []


@pytest.mark.parametrize(("body", "text", "word", "kind"), [
    ("别斯托别乡", "强化镇政务公开办与各中心联动", "镇政务公开", "镇"),
    ("别斯托别乡", "本镇全年主动公开政府信息 12 条", "本镇", "镇"),
    ("别斯托别乡", "镇党委高度重视", "镇党委", "镇"),
    ("许良镇", "我乡全年主动公开政府信息 12 条", "我乡", "乡"),
    ("许良镇", "乡政府门口的公示栏", "乡政府", "乡"),
    ("东华门街道", "全镇共有 11 个村", "全镇", "镇"),
    ("东华门街道", "本乡政务公开工作", "本乡", "乡"),
    ("许良镇", "本街道辖区", "本街道", "街道"),
    ("许良镇", "街道党工委书记任组长", "街道党工委", "街道"),
])
def test_the_body_spoken_of_as_another_kind_of_township_is_a_trace(body, text, word,
                                                                    kind) -> None:
    found = _traces(["一、总体情况", text], body=body, region=())
    assert [(t["line"], t["word"], t["kind"]) for t in found] == [(2, word, kind)]
    assert f"可能抄自某个{kind}的报告" in found[0]["message"]


@pytest.mark.parametrize(("body", "text"), [
    ("别斯托别乡", "全乡镇各村；城镇化建设；乡镇政府；重点镇；古镇保护；镇街动态 3 条"),
    ("别斯托别乡", "本乡 我乡 全乡 乡政府 乡党委"),
    ("许良镇", "乡村振兴；城乡一体；全乡镇；家乡政府；662乡道；茶叶之乡；本乡本土；本镇 镇政府"),
    ("东华门街道", "城乡政府；乡镇街道；本街道 街道党工委；镇村两级"),
])
def test_words_that_only_look_like_another_kind_are_no_trace(body, text) -> None:
    assert _traces([text], body=body, region=()) == []


def test_at_most_five_traces_each_word_once() -> None:
    lines = [f"第{i}段：本镇、我镇、全镇、镇党委、镇政府、镇纪委、镇人大" for i in range(3)]
    found = _traces(lines)
    assert len(found) == 5 and all(t["line"] == 1 and t["count"] == 3 for t in found)


def test_traces_are_read_from_the_reports_prose_not_its_page_footer() -> None:
    """A saved page goes on after the report: 上一篇：新源镇…年度报告 is a link, not the
    report's prose; a trace's line is the line of the file."""
    spec = synth.random_spec(random.Random(3), body="新源县别斯托别乡人民政府")
    spec.prose[1] = spec.prose.get(1, "") + "\n我乡对照新源镇的做法，强化镇政务公开办的职责。"
    text = synth.render_text(spec, "tab") + "\n上一篇：新源镇2023年政府信息公开工作年度报告\n"
    report = parse_document(text_document(text.encode(), "r.txt"), level="township",
                            body=spec.body, region=XINYUAN)
    assert report.complete
    line = text.splitlines().index("我乡对照新源镇的做法，强化镇政务公开办的职责。") + 1
    assert [(t["line"], t["word"]) for t in report.metadata["other_bodies"]] == [
        (line, "新源镇"), (line, "镇政务公开")]
    # without the sidecar's region, the kind of township still speaks
    alone = parse_document(text_document(text.encode(), "r.txt"))
    assert [t["word"] for t in alone.metadata["other_bodies"]] == ["镇政务公开"]


def test_a_traces_line_is_the_json_files_line() -> None:
    """Lines of a tool's JSON are mapped back to the file's (as W3's are)."""
    import json

    from builder.read_json import read_json

    spec = synth.random_spec(random.Random(3), body="新源县别斯托别乡人民政府")
    spec.prose[1] = spec.prose.get(1, "") + "\n强化镇政务公开办的职责。"
    pages = json.dumps({"source": "r.pdf", "pages": [{"page_content": synth.render_text(
        spec, "tab")}]}, ensure_ascii=False, indent=2)
    report = parse_document(read_json(pages.encode(), "r.json"))
    line = next(n for n, t in enumerate(pages.splitlines(), 1) if "page_content" in t)
    assert [(t["line"], t["word"]) for t in report.metadata["other_bodies"]] == [
        (line, "镇政务公开")]


@pytest.mark.parametrize("config", ["s2t", "s2twp"])
def test_traces_in_a_traditional_mirror_of_the_page(config: str) -> None:
    """A portal's 繁体 mirror (OpenCC): 新源鎮 and 鎮政務公開 are the same traces, shown as the
    mirror prints them."""
    from opencc_purepy import OpenCC

    spec = synth.random_spec(random.Random(3), body="新源县别斯托别乡人民政府")
    spec.prose[1] = spec.prose.get(1, "") + "\n对新源镇下辖 11 个村进行督导，强化镇政务公开办的职责。"
    text = OpenCC(config).convert(synth.render_text(spec, "tab"))
    assert "新源鎮" in text
    report = parse_document(text_document(text.encode(), "r.txt"), level="township",
                            body=spec.body, region=XINYUAN)
    found = report.metadata["other_bodies"]
    assert [t["word"] for t in found] == ["新源镇", "镇政务公开"]
    assert "新源鎮" in found[0]["text"] and "鎮政務公開" in found[1]["text"]
