"""The render stage: Markdown pages from entries, in a temporary docs/ directory (no MkDocs)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
import pytest

from builder import codes
from builder.content import ReportMeta, region_id
from builder.model import Cell, Entry, Failure, Finding, ParsedReport, Problem, Section, Source
from builder.render import page_url, render_site
from builder.render_search import material_worker, name_words

INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[点我](javascript:alert(3))",
    "{{ config }}",
    "{% include 'x' %}",
    "**粗体** _斜体_ `代码` <b>raw</b> &amp;",
)
PROSE = ("本镇全年主动公开政府信息72条，依申请公开工作依法办理。" * 40)  # ~1,000 characters


def make_entry(body: str = "博爱县许良镇人民政府", year: int = 2023,
               region: tuple[str, ...] = ("河南省", "焦作市", "博爱县"), *,
               level: str = "township", template: str = "2021", base: int = 1,
               missing: dict[tuple[str, str, str], str] | None = None,
               absent: tuple[tuple[str, str, str], ...] = (), prose: str = PROSE,
               findings: tuple[Finding, ...] = (), errors: tuple[Problem, ...] = (),
               notes: str | None = None, source_url: str | None = None,
               path: str | None = None, transcription: str | None = None) -> Entry:
    """An entry whose every cell has its own non-zero value and a source line per row.

    ``missing`` maps cells to the raw text of a blank cell ('' or '/'); ``absent`` cells are
    left out as a truncated report would have them."""
    missing = missing or {}
    path = path or f"content/{'/'.join(region)}/{body}/{year}.txt"
    meta = ReportMeta(path=path, sidecar=path[:-4] + ".yml", body=body, level=level,
                      province=region[0], prefecture=region[1] if len(region) > 1 else None,
                      county=region[2] if len(region) > 2 else None, region_code="410822",
                      year=year, source_url=source_url, notes=notes,
                      transcription=transcription)
    cells, line, last_row = [], 19, None
    for i, (table, row, column) in enumerate(codes.cell_keys(template)):
        if (table, row) != last_row:
            line += 1
            last_row = (table, row)
        key = (table, row, column)
        if key in absent:
            continue
        value: int | float | None = base + i
        if codes.COLUMNS[column].decimal:
            value = base + i + 0.5
        raw = str(value)
        if key in missing:
            value, raw = None, missing[key]
        cells.append(Cell(table, row, column, value, raw, Source(line=line)))
    sections = [Section(1, "一、总体情况", 5, prose),
                Section(5, "五、存在的主要问题及改进情况", 90, "存在问题：公开不够及时。"),
                Section(6, "六、其他需要报告的事项", 95, "本年度未收取信息处理费。")]
    report = ParsedReport(path=path, body=body, year=year, template=template, layout="tab",
                          cells=cells, errors=list(errors), findings=list(findings),
                          sections=sections)
    return Entry(meta, report)


def line_of(entry: Entry, key: tuple[str, str, str]) -> int:
    return entry.report.index()[key].source.line  # type: ignore[return-value]


def _tooltip(a: dict) -> str:
    """What cells.js writes from a plain cell's data attributes (Source.describe's words)."""
    s = f"第{a['data-p']}页" if a.get("data-p") else ""
    if a.get("data-t"):
        t = a["data-t"].split(".")
        s += f"表{t[0]}" + (f"第{t[1]}行" if len(t) > 1 else "") + (f"第{t[2]}列" if len(t) > 2
                                                                 else "")
    elif a.get("data-l"):
        s += f"第{a['data-l']}行"
    return "原文" + s if s else ""


class Cells(HTMLParser):
    """(tooltip, text) of every td: its title, or the one cells.js gives a plain cell from
    data-l (checked in the browser by test_site_browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self._title: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            a = dict(attrs)
            self._title = a.get("title") or _tooltip(a)
            self._text = []

    def handle_data(self, data):
        if self._title is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._title is not None:
            self.cells.append((self._title, "".join(self._text).strip()))
            self._title = None


def td_cells(text: str) -> list[tuple[str, str]]:
    p = Cells()
    p.feed(text)
    return p.cells


def render(tmp_path: Path, entries: list[Entry], failures: list[Failure] = (),
           **kw) -> dict[str, str]:
    docs = tmp_path / "docs"
    render_site(list(entries), list(failures), docs, root=tmp_path, **kw)
    return {p.relative_to(docs).as_posix(): p.read_text("utf-8")
            for p in docs.rglob("*.md")}


def body_page(pages: dict[str, str], entry: Entry) -> str:
    return pages[f"bodies/{entry.meta.body_id}.md"]


def to_html(page: str) -> str:
    """The page through Python-Markdown with the site's extensions (front matter removed)."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc",
                                               "admonition"])


# -- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("template", codes.TEMPLATES)
def test_every_number_is_shown_with_its_source_line(tmp_path, template):
    e = make_entry(template=template, base=3)
    cells = set(td_cells(to_html(body_page(render(tmp_path, [e]), e))))
    for c in e.report.cells:
        shown = f"{c.value:g}" if isinstance(c.value, float) else str(c.value)
        assert (f"原文第{c.source.line}行", shown) in cells, (c.table, c.row, c.column)


def test_an_amount_with_six_decimals_is_shown_as_printed(tmp_path):
    """38.441094（万元）is shown so on the body page, in `builder parse` and in a finding's
    message: it had been rounded to 38.4411 (four places on the site, :g elsewhere)."""
    from builder.render_text import summary

    e = make_entry()
    fees = next(i for i, c in enumerate(e.report.cells) if c.row == "fees")
    e.report.cells[fees] = e.report.cells[fees]._replace(value=38.441094, raw="38.441094")
    cells = set(td_cells(to_html(body_page(render(tmp_path, [e]), e))))
    assert any(text == "38.441094" for _, text in cells)
    assert "amount=38.441094" in summary(e.report)
    from builder.normalize import number_text

    assert [number_text(v) for v in (38.441094, 12.300000000000001, 3.0, 1234567)] == [
        "38.441094", "12.3", "3", "1234567"]
    assert number_text(1234567.5, grouping=True) == "1,234,567.5"


def test_blank_and_absent_cells_show_a_dash_never_zero(tmp_path):
    blank = ("applications", "new", "research")
    slash = ("review_litigation", "review", "pending")
    gone = ("applications", "carried_forward", "total")
    e = make_entry(missing={blank: "", slash: "/"}, absent=(gone,))
    cells = td_cells(to_html(body_page(render(tmp_path, [e]), e)))
    assert (f"原文第{line_of(e, blank)}行此格空白：数据缺失，不是 0", "—") in cells
    assert (f"原文第{line_of(e, slash)}行此格为“/”：数据缺失，不是 0", "—") in cells
    assert ("原文未列出此项：数据缺失，不是 0", "—") in cells
    assert not any(text == "0" for _, text in cells)


def test_an_amount_printed_with_its_unit_is_shown_with_it(tmp_path):
    """The 2019 template's 采购总金额 is published as printed with its unit (251000元): the
    page shows the unit beside the figure, as the report does, and the hover its line."""
    e = make_entry(template="2019", year=2020)
    key = ("proactive", "procurement", "amount")
    cells = [c._replace(value=251000, raw="251000元", unit="元") if c[:3] == key else c
             for c in e.report.cells]
    e = Entry(e.meta, ParsedReport(**{**vars(e.report), "cells": cells}))
    page = to_html(body_page(render(tmp_path, [e]), e))
    assert [text for _, text in td_cells(page)].count("251000元") == 1
    assert "251000<" not in page


def test_a_cell_not_read_says_why(tmp_path):
    """A cell the report has no figure for says why on hover: the error of that cell in its
    own words (采购总金额 printed with ￥), a pointer to the errors listed below for a row's or a
    table's (not the message a hundred times), else that the text does not list it."""
    amount = ("proactive", "procurement", "amount")
    row = ("applications", "withheld_state_secret")
    table = "review_litigation"
    gone = [amount] + [(*row, c) for c in codes.APPLICATION_COLUMNS] + [
        (table, r.code, c) for r in codes.REVIEW_ROWS for c in codes.REVIEW_COLUMNS]
    e = make_entry(template="2019", year=2020, absent=tuple(gone), errors=(
        Problem("表格 proactive，行 procurement，列 amount：应为数字，实为“￥251000” / expected a "
                "number, found '￥251000'", line=60, table="proactive", row="procurement",
                column="amount"),
        Problem("表格 applications，缺少行 withheld_state_secret（1.属于国家秘密）/ row not found",
                line=70, table="applications", row="withheld_state_secret"),
        Problem("未找到表格 / table review_litigation not found", table=table)))
    cells = td_cells(to_html(body_page(render(tmp_path, [e]), e)))
    assert cells.count(("未能读取：表格 proactive，行 procurement，列 amount：应为数字，实为“￥251000”；"
                        "数据缺失，不是 0", "—")) == 1
    assert cells.count(("本行未能读取，原因见下方“勾稽检查”：数据缺失，不是 0", "—")) == 7
    assert cells.count(("本表未能读取，原因见下方“勾稽检查”：数据缺失，不是 0", "—")) == 15
    assert not any(title.startswith("原文未列出") for title, _ in cells)


def test_two_years_side_by_side_and_2019_columns(tmp_path):
    old = make_entry(year=2020, template="2019", base=500)
    mid = make_entry(year=2022, base=700)
    new = make_entry(year=2023, base=900)
    pages = render(tmp_path, [new, old, mid])
    html = to_html(body_page(pages, new))
    assert "2022 年 申请人情况" in html and "2023 年 申请人情况" in html
    assert html.index("2022 年 申请人情况") < html.index("2023 年 申请人情况")
    for y in (2022, 2023):  # review table: one row per year shown side by side
        assert f'<th class="yr">{y}</th>' in html
    # an older year: its tables (in the 2019 template's columns) on its own page, linked
    assert "2020 年 申请人情况" not in html and "本年新制作数量" not in html
    assert f'href="../../reports/{old.meta.id}/"' in html
    report = to_html(pages[f"reports/{old.meta.id}.md"])
    assert "申请人情况" in report and "本年新制作数量" in report and ">500<" in report
    assert '<th class="yr">2020</th>' in report and 'id="findings"' in report
    both = to_html(body_page(render(tmp_path / "b", [make_entry(year=2020, template="2019"),
                                                     new]), new))
    assert "本年新制作数量" in both and "本年制发件数" in both  # each template its own table二
    assert "2019 年版格式" in both and "2021 年版格式" in both


def test_a_body_page_stays_small_however_many_years(tmp_path):
    """The latest two years side by side; each older year's tables and findings on the
    report's own page, which the list of files, the findings and the data-quality pages link
    to."""
    f = Finding("R1", "“自然人”一列：本年新收加上年结转应等于办理结果总计加结转下年度（3+0=3，而4+0=4）",
                (("applications", "new", "natural_person"),), expected=3, found=4, line=57)
    entries = [make_entry(year=y, template="2019" if y < 2021 else "2021", base=100 * y,
                          findings=(f,)) for y in range(2011, 2025)]
    pages = render(tmp_path, entries)
    latest = entries[-1]
    page = body_page(pages, latest)
    few = body_page(render(tmp_path / "few", entries[-2:]), latest)
    assert len(page.encode()) < len(few.encode()) + 14 * 1000  # under 1 KB a year more
    html = to_html(page)
    assert html.count("申请人情况") == len(re.findall(r"20(23|24) 年 申请人情况", html)) == 2
    assert 'id="findings-2024"' in html and 'id="findings-2022"' not in html
    for e in entries[:-2]:
        report = f"reports/{e.meta.id}.md"
        assert report in pages and "申请人情况" in to_html(pages[report])
        assert f"{e.meta.year} 年度报告" in pages[report]
        assert f'href="../../reports/{e.meta.id}/#findings"' in html  # list of files, findings
    quality = pages["quality/henan.md"] if "quality/henan.md" in pages else next(
        v for k, v in pages.items() if k.startswith("quality/") and k != "quality.md")
    assert f"reports/{entries[0].meta.id}/#findings" in quality
    assert f"bodies/{latest.meta.body_id}/#findings-2024" in quality


def test_findings_in_plain_chinese_with_line(tmp_path):
    f = Finding("R1", "“自然人”一列：本年新收加上年结转应等于办理结果总计加结转下年度（3+0=3，而4+0=4）",
                (("applications", "new", "natural_person"),), expected=3, found=4, line=57)
    e = make_entry(findings=(f,))
    pages = render(tmp_path, [e])
    page = body_page(pages, e)
    assert "按勾稽关系，第一项加第二项应等于第三项加第四项：“自然人”一列" in page
    assert "原文第57行" in page
    assert "不符合勾稽关系 R1" in page  # the cell is marked
    # the national page counts by province; the province's page lists the report
    quality = pages["quality.md"]
    province = f"quality/{region_id(('河南省',))}.md"
    assert f'href="../{page_url(province)}"' in quality and ">河南省</a>" in quality
    listed = pages[province]
    assert f"../../bodies/{e.meta.body_id}/#findings-2023" in listed
    assert "本年新收加上年结转" in listed
    assert "<td class=\"txt\">R1</td>" in listed


def test_quality_pages_stay_small_and_list_incomplete_reports(tmp_path):
    f = Finding("R3", "“新收”一行：总计应等于各类申请人之和", (("applications", "new", "total"),),
                expected=10, found=11, line=60)
    entries = [make_entry(body=f"博爱县{i:03d}镇人民政府", findings=(f,) * 3)
               for i in range(300)]
    entries.append(make_entry(body="林西县林西镇人民政府", region=("内蒙古自治区", "赤峰市", "林西县"),
                              errors=(Problem("expected 7 numbers, found 6", line=88),)))
    pages = render(tmp_path, entries)
    assert len(pages["quality.md"].encode()) < 20_000
    henan = pages[f"quality/{region_id(('河南省',))}.md"]
    assert henan.count("<tr><td>") == 300 and "R3 ×3" in henan and "（另有 2 处）" in henan
    inner = pages[f"quality/{region_id(('内蒙古自治区',))}.md"]
    assert "expected 7 numbers, found 6" in inner and ":88:" in inner


def test_hints_are_counted_apart_from_broken_rules(tmp_path):
    """A W finding is a hint, not an error: no page counts it as a figure that breaks the
    template's rules (every synthetic township's 规章 gave a W1, and the data-quality page
    said that all 1,000 reports broke the rules)."""
    r1 = Finding("R1", "“自然人”一列：…", (("applications", "new", "natural_person"),), 3, 4, 57)
    w1 = Finding("W1", "乡镇（街道）无权制定规章，但“规章·本年制发件数”为 2",
                 (("proactive", "rules", "issued"),), 0, 2, 35)
    broken = make_entry(findings=(r1, w1, w1))
    hinted = make_entry(body="博爱县柏山镇人民政府", findings=(w1,))
    clean = make_entry(body="博爱县月山镇人民政府")
    pages = render(tmp_path, [broken, hinted, clean])
    assert ("3 份报告中，有 1 份的数字不符合年度报告格式规定的勾稽关系（R1–R5），共 1 处；"
            "2 份报告有提示（W1–W3，不一定是错误），共 3 条") in pages["quality.md"]
    assert '<td class="num">1</td><td class="num">1</td><td class="num">3</td>' \
        in pages["quality.md"]
    province = pages[f"quality/{region_id(('河南省',))}.md"]
    assert "河南省有 1 份报告的数字不符合年度报告格式规定的勾稽关系（R1–R5），2 份报告有提示" in province
    assert "报告中不符合勾稽关系的数字1 处" in pages["index.md"]
    page = body_page(pages, broken)
    assert '<span class="v">1</span><span class="k">勾稽问题（处），另有提示 2 条</span>' in page
    assert ">1 处，提示 2 条</a>" in page
    page = body_page(pages, hinted)
    assert '<span class="v">0</span><span class="k">勾稽问题（处），另有提示 1 条</span>' in page
    assert ">提示 1 条</a>" in page
    # a figure only a hint names is marked as a hint, not as one that breaks a rule, and the
    # hint's text says why once (it had read 提示：乡镇（街道）一般无权制定规章：乡镇（街道）无权…)
    marked = re.findall(r'<td class="([^"]*)"[^>]*title="([^"]*)"', page)
    assert [c for c, t in marked if "提示 W1" in t] and all(
        "hint" in c.split() and "bad" not in c.split() for c, t in marked if "W1" in t)
    assert not any("不符合勾稽关系" in t for c, t in marked)
    assert "提示：乡镇（街道）无权制定规章，但“规章·本年制发件数”为 2" in page
    page = body_page(pages, broken)
    marked = re.findall(r'<td class="([^"]*)"[^>]*title="([^"]*)"', page)
    assert any("bad" in c.split() and "不符合勾稽关系 R1" in t for c, t in marked)


def test_traces_of_a_copied_report_are_shown_and_counted(tmp_path):
    """check.other_bodies's traces: on the body's page with their lines, counted on the
    data-quality page, listed on the province's (a hint: no rule is said to be broken)."""
    from builder.check import other_bodies

    traced = make_entry(body="新源县别斯托别乡人民政府",
                        region=("新疆维吾尔自治区", "伊犁哈萨克自治州", "新源县"))
    traced.report.metadata["other_bodies"] = other_bodies(
        [(21, "对新源镇下辖 11 个村进行督导。"), (90, "强化镇政务公开办与各中心联动")],
        (traced.meta.body,), traced.meta.region_path, "township")
    clean = make_entry()
    pages = render(tmp_path, [traced, clean])
    page = body_page(pages, traced)
    assert "正文疑点（提示，不一定是错误）：" in page
    assert "<li>第21行：正文提到新源县的另一个乡镇“新源镇”（“对新源镇下辖 11 个村进行…”），" in page
    assert "<li>第90行：本机关是乡，正文却称“镇政务公开”" in page
    assert " / the prose" not in page  # the Chinese half only
    assert '<span class="v">0</span><span class="k">勾稽问题（处），正文疑点 2 处</span>' in page
    assert "正文疑点" not in body_page(pages, clean)
    assert "1 份报告的正文有其他机关的痕迹" in pages["quality.md"]
    province = pages[f"quality/{region_id(('新疆维吾尔自治区',))}.md"]
    assert "1 份报告的正文有其他机关的痕迹" in province and "，1 份报告有正文疑点。" in province
    assert "正文提到新源县的另一个乡镇“新源镇”" in province and "（另有 1 处）" in province
    assert f"quality/{region_id(('河南省',))}.md" not in pages  # nothing to say there


def test_failures_listed_with_their_lines(tmp_path):
    fail = Failure("content/河南省/x/2023.txt", (Problem("not a report", line=3),))
    pages = render(tmp_path, [make_entry()], [fail])
    assert "content/河南省/x/2023.txt:3: not a report" in pages["quality.md"]


def test_summary_tables_and_totals(tmp_path):
    a = make_entry(base=10)
    b = make_entry(body="博爱县柏山镇人民政府", base=20)
    c = make_entry(body="某区某局", region=("山东省", "青岛市"), level="department", base=30,
                   template="2019", year=2020)
    pages = render(tmp_path, [a, b, c])
    new = {e.meta.id: e.report.value("applications", "new", "total") for e in (a, b, c)}
    total = sum(new.values())
    assert f"{total:,}" in pages["index.md"]
    bodies = pages["tables/bodies.md"]
    assert 'class="gd-table gd-sortable' in bodies and "<tfoot>" in bodies
    for e in (a, b, c):
        assert f"bodies/{e.meta.body_id}/" in bodies
    assert "2019 年版格式，此项与 2021 年版不可比" in bodies  # penalties of the 2019 report
    years = pages["tables/years.md"]
    assert "行政处罚" not in years.split("<thead>", 1)[1]  # cross-year: comparable columns only
    county = next(p for k, p in pages.items() if k.startswith("regions/") and "博爱县</h1>" in p)
    assert "博爱县许良镇人民政府" in county and "博爱县柏山镇人民政府" in county


def _total_row(table_html: str) -> str:
    return table_html.split('<tr class="gd-total">', 1)[1].split("</tr>", 1)[0]


def test_region_totals_count_every_report_once(tmp_path):
    """tables/regions.md lists provinces and their prefectures: the total row sums each
    report once (it summed both levels: twice the reports)."""
    a = make_entry(base=10)
    b = make_entry(body="博爱县柏山镇人民政府", base=20, region=("河南省", "新乡市", "辉县市"))
    c = make_entry(body="某区某局", region=("山东省", "青岛市"), level="department", base=30)
    pages = render(tmp_path, [a, b, c])
    new = sum(e.report.value("applications", "new", "total") for e in (a, b, c))
    table = pages["tables/regions.md"].split("全部年度合计", 1)[1]
    foot = _total_row(table)
    assert "（3 份报告）" in foot
    assert f">{new:,}</td>" in foot
    province = _total_row(pages["regions/index.md"])
    assert "（3 份报告）" in province and f">{new:,}</td>" in province


def test_a_sum_missing_some_reports_is_marked_partial(tmp_path):
    """A figure one report lacks is left out of a sum (never 0) and the sum says so; a rate
    over several reports takes numerator and denominator from the same reports."""
    new = ("applications", "new", "total")
    results = ("applications", "results_total", "total")
    a = make_entry(base=10)
    b = make_entry(body="博爱县柏山镇人民政府", base=20, missing={new: "", results: "/"})
    c = make_entry(body="博爱县清化镇人民政府", base=30, template="2019", year=2023)
    pages = render(tmp_path, [a, b, c])
    known = [e.report.value(*new) for e in (a, c)]

    def rate(e: Entry) -> tuple[int, int]:
        v = e.report.value
        return (v("applications", "granted", "total")
                + v("applications", "partially_granted", "total"), v(*results))

    parts = [rate(a), rate(c)]
    expected = sum(x for x, _ in parts) / sum(y for _, y in parts)
    star = '<sup class="gd-partial" title="1 份报告缺少此项，未计入合计（不当作 0）">*</sup>'
    rate_star = ('<sup class="gd-partial" title="1 份报告缺少此项，未计入此比率'
                 '（不当作 0）">*</sup>')
    for page in ("index.md", "tables/years.md", "tables/regions.md", "regions/index.md"):
        html = pages[page]
        assert f"{sum(known):,}{star}" in html, page
        assert f"{expected * 100:.1f}%{rate_star}" in html, page
        assert "带 * 的合计只含给出该项的报告" in html, page
    bodies = pages["tables/bodies.md"]
    foot = _total_row(bodies)
    assert f">{sum(known):,}{star}</td>" in foot
    # penalties: the 2019 report has no such figure; it is not counted as missing
    assert "penalt" not in foot and foot.count("gd-partial") == 2
    # one report's missing figure is a dash, never a star
    row = next(r for r in bodies.split("<tr>") if "柏山镇" in r)
    assert "gd-partial" not in row and '<td class="na" data-sort="">—</td>' in row
    # a complete corpus has no star and no note
    clean = render(tmp_path / "clean", [a, c])
    assert not any("gd-partial" in t or "带 * 的合计" in t for t in clean.values())


def test_outcome_shares_only_when_every_part_is_known(tmp_path):
    withheld = ("applications", "withheld_state_secret", "total")
    a = make_entry(base=10)
    b = make_entry(body="博爱县柏山镇人民政府", base=20, missing={withheld: ""})
    pages = render(tmp_path, [a, b])
    assert "%）</text>" in body_page(pages, a)
    page = body_page(pages, b)
    assert "有数字缺失，不计算各项比例" in page and "%）</text>" not in page
    home = pages["index.md"]
    assert "有数字缺失，不计算各项比例" in home and "%）</text>" not in home
    assert "%）</text>" in render(tmp_path / "one", [a])["index.md"]


def test_region_pages_and_breadcrumbs(tmp_path):
    e = make_entry()
    pages = render(tmp_path, [e])
    page = body_page(pages, e)
    for name in e.meta.region_path:
        assert f">{name}</a>" in page
    assert "../../regions/" in page
    assert "../../downloads/reports/" + e.meta.id + ".zip" in page


def test_links_point_at_generated_pages_or_downloads(tmp_path):
    entries = [make_entry(), make_entry(year=2022, base=7),
               make_entry(body="别的镇", region=("山东省", "青岛市", "黄岛区"))]
    src = tmp_path / entries[0].meta.path
    src.parent.mkdir(parents=True)
    src.write_text("原文", "utf-8")
    pages = render(tmp_path, entries)
    hand_written = {"find.md", "about/index.md"}
    targets = {page_url(p) for p in list(pages) + list(hand_written)}
    for path, text in pages.items():
        base = PurePosixPath("/" + page_url(path))
        for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', text):
            if not href or href.startswith(("http://", "https://")):
                continue
            resolved = PurePosixPath(re.sub(r"/+", "/", str(base / href)))
            parts: list[str] = []
            for part in resolved.parts[1:]:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            target = "/".join(parts)
            if parts and (href.endswith("/") or href == "./"):
                target += "/"
            if target.startswith("downloads/"):
                if target.startswith("downloads/sources/"):
                    assert (tmp_path / "docs" / target).is_file(), (path, href)
                continue
            assert target in targets, (path, href, target)


# -- safety -------------------------------------------------------------------------------------

def test_report_text_is_escaped_everywhere(tmp_path):
    bad = " ".join(INJECTIONS)
    e = make_entry(body="坏镇<script>alert(1)</script>", prose=bad + "\n第二段" + bad,
                   notes=bad, findings=(Finding("W3", bad, (), None, None, 3),),
                   errors=(Problem(bad, line=4),), source_url="javascript:alert(4)")
    fail = Failure("content/x<script>.txt", (Problem(bad),))
    pages = render(tmp_path, [e], [fail])
    for path, page in pages.items():
        html = to_html(page)
        assert "<script>" not in html, path
        assert "onerror" not in re.sub(r"&lt;img[^<]*", "", html), path
        assert 'href="javascript:' not in html, path
        assert "<b>raw</b>" not in html, path
    page = to_html(body_page(pages, e))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[点我](javascript:alert(3))" in page  # shown as typed, not a link
    assert "{{ config }}" in page and "{% include &#39;x&#39; %}" in page
    assert "**粗体**" in page
    front = body_page(pages, e).split("---")[1]
    assert "<script>" not in front  # Material prints the title unescaped


# -- files --------------------------------------------------------------------------------------

def test_same_input_same_bytes_and_no_rewrite(tmp_path):
    entries = [make_entry(), make_entry(body="别的镇", base=50)]
    a = render(tmp_path / "a", entries)
    b = render(tmp_path / "b", list(reversed(entries)))
    assert a == b
    docs = tmp_path / "a" / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    render_site(entries, [], docs, root=tmp_path / "a")
    after = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    assert before == after


def test_stale_pages_removed_hand_written_kept(tmp_path):
    docs = tmp_path / "docs"
    (docs / "about").mkdir(parents=True)
    (docs / "about" / "index.md").write_text("# 关于\n", "utf-8")
    gone = make_entry(body="撤并的镇")
    render_site([make_entry(), gone], [], docs, root=tmp_path)
    assert (docs / f"bodies/{gone.meta.body_id}.md").exists()
    render_site([make_entry()], [], docs, root=tmp_path)
    assert not (docs / f"bodies/{gone.meta.body_id}.md").exists()
    assert (docs / "about" / "index.md").read_text("utf-8") == "# 关于\n"


def test_source_file_copied_and_linked(tmp_path):
    e = make_entry()
    src = tmp_path / e.meta.path
    src.parent.mkdir(parents=True)
    src.write_bytes("原文内容".encode())
    pages = render(tmp_path, [e])
    copy = tmp_path / "docs" / "downloads" / "sources" / f"{e.meta.id}.txt"
    assert copy.read_bytes() == src.read_bytes()
    assert f'href="../../downloads/sources/{e.meta.id}.txt"' in body_page(pages, e)


def test_a_web_page_report_is_published_as_text_and_saved_under_its_name(tmp_path):
    """Served from the site's own address as HTML, a report page's scripts would run there:
    its copy is .html.txt (served as text), and the link's download attribute saves it as
    .html. The download list links it the same way."""
    e = make_entry(path="content/河南省/焦作市/博爱县/博爱县许良镇人民政府/2023.html")
    src = tmp_path / e.meta.path
    src.parent.mkdir(parents=True)
    src.write_bytes(b"<html><script>alert(1)</script><body>x</body></html>")
    pages = render(tmp_path, [e])
    sources = tmp_path / "docs" / "downloads" / "sources"
    assert sorted(p.name for p in sources.iterdir()) == [f"{e.meta.id}.html.txt"]
    assert (sources / f"{e.meta.id}.html.txt").read_bytes() == src.read_bytes()
    link = (f'href="../../downloads/sources/{e.meta.id}.html.txt" '
            f'download="{e.meta.id}.html">原文</a>')
    assert link in body_page(pages, e)
    assert (f'sources/{e.meta.id}.html.txt" download="{e.meta.id}.html">原文'
            in pages["downloads.md"])


@pytest.mark.parametrize(("transcription", "says"), [
    ("ocr", "经 OCR（光学字符识别）识别并由志愿者对照原件核对"), ("typed", "由志愿者对照原件手工录入"),
    (None, None)])
def test_a_transcribed_reports_page_says_how_its_figures_were_had(tmp_path, transcription, says):
    """A scan's figures typed in or read by OCR may carry errors the original does not have:
    the page says so above the report's findings; a report read from its own text does not."""
    e = make_entry(transcription=transcription)
    page = body_page(render(tmp_path, [e]), e)
    if says is None:
        assert "原件是扫描件" not in page
    else:
        assert f"原件是扫描件，本报告的数字{says}，可能有原件没有的错误" in page


def test_page_size_budget(tmp_path):
    e = make_entry(prose="总体情况。" * 600)  # ~3,000 characters of prose
    page = body_page(render(tmp_path, [e]), e)
    assert len(page.encode("utf-8")) < 40_000  # + Material's page frame stays < 60 KB


def test_download_sizes_from_the_package_stage(tmp_path):
    docs = tmp_path / "docs"
    z = docs / "downloads" / "gov-disclosure-reports.zip"
    z.parent.mkdir(parents=True)
    z.write_bytes(b"x" * 2048)
    e = make_entry()
    pages = render(tmp_path, [e], downloads={"zip": z, "reports": {}, "changed": [z]})
    assert "2.0 KB" in pages["downloads.md"]


def test_downloads_page_documents_schema(tmp_path):
    from builder import schema

    pages = render(tmp_path, [make_entry()])
    page = pages["downloads.md"]
    for t in schema.TABLES:
        assert f'id="schema-{t.name}"' in page
        for f in t.fields:
            assert f"<code>{f.name}</code>" in page
    assert "gov-disclosure-reports.zip" in page and "gov-disclosure-reports.sqlite" in page


# -- search -------------------------------------------------------------------------------------

def test_jieba_dictionary_holds_names_and_terms(tmp_path):
    render(tmp_path, [make_entry(), make_entry(body="林西县林西镇党群服务中心",
                                               region=("内蒙古自治区", "赤峰市", "林西县"))])
    words = {line.split()[0] for line in
             (tmp_path / "docs/assets/search/jieba-userdict.txt").read_text("utf-8").splitlines()}
    assert {"许良镇", "博爱县", "焦作市", "林西镇", "行政处罚", "依申请公开"} <= words
    assert "博爱县许良镇人民政府" not in words  # a whole name would hide 许良镇 from the index
    assert name_words("博爱县许良镇人民政府", ("河南省", "焦作市", "博爱县")) == ["许良镇", "人民政府"]


def test_material_worker_patched_once(tmp_path):
    render(tmp_path, [make_entry()])
    original = material_worker()
    assert original is not None
    patched = tmp_path / "docs/assets/javascripts/workers" / original.name
    a, b = original.read_text("utf-8"), patched.read_text("utf-8")
    assert len(b) == len(a) + 1 and b.replace("<=t.length", "<t.length", 1) == a


def test_body_pages_leave_lunr_at_scale(tmp_path, monkeypatch):
    import builder.render as r

    monkeypatch.setattr(r, "LUNR_BODY_LIMIT", 1)
    pages = render(tmp_path, [make_entry(), make_entry(body="别的镇")])
    body = next(p for k, p in pages.items() if k.startswith("bodies/"))
    assert "search:\n  exclude: true" in body
    assert json.dumps  # pages still render


def test_compact_cell_attributes_give_the_words_of_source_describe():
    from builder.model import Cell, Source
    from builder.render_body import cell_td

    for src in (Source(line=57), Source(line=12, table=2, row=5, col=3), Source(page=2),
                Source(page=3, table=1, row=4, col=6), Source(table=1, row=2, col=3),
                Source(line=40, page=2, row=36)):
        p = Cells()
        p.feed(cell_td(Cell("applications", "new", "total", 7, "7", src)))
        assert p.cells == [("原文" + src.describe(), "7")]


def test_download_sizes_when_the_downloads_come_from_a_child(tmp_path):
    """render_site may get a function that waits for the downloads (written meanwhile):
    the page that shows their sizes is rendered after it returned."""
    docs = tmp_path / "docs"
    z = docs / "downloads" / "gov-disclosure-reports.zip"
    calls = []

    def wait():
        z.parent.mkdir(parents=True, exist_ok=True)
        z.write_bytes(b"x" * 3072)
        calls.append(1)
        return {"zip": z, "reports": {}, "changed": [z]}

    pages = render(tmp_path, [make_entry()], downloads=wait)
    assert calls == [1]
    assert "3.0 KB" in pages["downloads.md"]


def test_glossary_terms_go_into_the_names_index(tmp_path):
    docs = tmp_path / "docs"
    (docs / "about").mkdir(parents=True)
    shutil.copy(Path(__file__).parents[1] / "docs" / "about" / "index.md", docs / "about")
    render(tmp_path, [make_entry()])
    data = json.loads((docs / "assets" / "data" / "names.json").read_text("utf-8"))
    terms = dict(data["terms"])
    assert terms["行政处罚"] == "about/#penalty"
    assert terms["依申请公开"] == "about/#on-request"
    # every anchor exists in the hand-written page
    text = (docs / "about" / "index.md").read_text("utf-8")
    assert all(f"{{ #{url.split('#')[1]} }}" in text for url in terms.values())


def test_body_pages_on_two_processes_are_the_same(tmp_path, monkeypatch):
    """At scale the body pages are rendered by two forked processes: same files, same bytes,
    and a stale page is still removed."""
    from builder import render as render_mod

    entries = [make_entry(body=f"博爱县{i:02d}镇人民政府", base=i + 1) for i in range(7)]
    one = render(tmp_path / "one", entries)
    monkeypatch.setattr(render_mod, "BODY_PAGES_PER_PROCESS", 1)
    two = render(tmp_path / "two", entries)
    assert one == two
    gone = entries.pop()
    again = render(tmp_path / "two", entries)
    assert body_page(two, gone) and f"bodies/{gone.meta.body_id}.md" not in again
