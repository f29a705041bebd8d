"""The page of one body (bodies/<body_id>.md): its reports, the three tables of the template
with every year side by side, findings, the report text, downloads.

Every number carries its place in the source as a tooltip (title="原文第57行", written by
cells.js from data-l="57" for plain cells to keep pages small); a blank or
missing cell is shown as “—” with the reason, never as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from . import codes, content
from .check import trace_text
from .codes import APPLICANT_COLUMNS, APPLICATION_COLUMNS, REVIEW_COLUMNS
from .model import Cell, Entry, Finding, Note, Source, finding_counts, is_hint
from .render import Body, Site, rel, source_download_name
from .render_figures import fmt_number, fmt_rate, outcome_parts, report_figures
from .render_html import crumbs, esc, front_matter, link, render_template
from .render_svg import columns, stacked

Key = tuple[str, str, str]

PROACTIVE_CLAUSES = {
    "2021": (("第二十条第（一）项", ("rules", "normative_documents")),
             ("第二十条第（五）项", ("licensing",)),
             ("第二十条第（六）项", ("penalty", "coercion")),
             ("第二十条第（八）项", ("fees",))),
    "2019": (("第二十条第（一）项", ("rules", "normative_documents")),
             ("第二十条第（五）项", ("licensing", "other_services")),
             ("第二十条第（六）项", ("penalty", "coercion")),
             ("第二十条第（八）项", ("fees",)),
             ("第二十条第（九）项", ("procurement",))),
}
TEMPLATE_NAMES = {"2021": "2021 年版格式", "2019": "2019 年版格式"}
RULE_INTRO = {
    "R1": "按勾稽关系，第一项加第二项应等于第三项加第四项",
    "R2": "按勾稽关系，“（七）总计”应等于各项办理结果之和",
    "R3": "按勾稽关系，“总计”应等于六类申请人之和",
    "R4": "按勾稽关系，行政复议、行政诉讼的“总计”应等于维持、纠正、其他结果、尚未审结之和",
    "R5": "上一年度“结转下年度继续办理”应等于本年度“上年结转政府信息公开申请数量”",
    "W1": "提示：乡镇（街道）一般无权制定规章",
    "W2": "提示：现行有效件数一般等于上年现行有效件数加本年制发、减本年废止",
    "W3": "提示：正文所述数字与表格不一致",
}
MISSING_NOTE = ("“—”表示原文此格空白、为“/”“—”或未列出：数据缺失，不等于 0。"
                "红框的数字不符合勾稽关系，黄色虚框的数字有提示（见“勾稽检查”）。"
                "把鼠标移到数字上，可看到它在原文中的位置（行号）。")
PROSE_SECTIONS = (1, 5, 6)


def where(source: Source) -> str:
    d = source.describe()
    return "原文位置未知" if d == "—" else "原文" + d


def _flags(entry: Entry) -> dict[Key, list[str]]:
    out: dict[Key, list[str]] = {}
    for f in entry.report.findings:
        keys = f.cells if f.rule == "R1" else f.cells[:1]
        for k in keys:
            out.setdefault(tuple(k), []).append(f.rule)  # type: ignore[arg-type]
    return out


#: the title of a cell the report's page shows as "—" for want of a figure: not in the text
ABSENT = "原文未列出此项：数据缺失，不是 0"
_UNREAD_ROW = "本行未能读取，原因见下方“勾稽检查”：数据缺失，不是 0"
_UNREAD_TABLE = "本表未能读取，原因见下方“勾稽检查”：数据缺失，不是 0"


def _unread(entry: Entry) -> Callable[[Key], str]:
    """Why a cell of the template has no cell in the report: the error that names it (its
    own words, for an error of that cell alone), its row's or its table's (a short pointer to
    the errors listed on the page: a table's hundred cells would each repeat it), else not in
    the text."""
    cells: dict[Key, str] = {}
    rows: set[tuple[str, str]] = set()
    tables: set[str] = set()
    for e in entry.report.errors:
        if e.table and e.row and e.column:
            cells.setdefault((e.table, e.row, e.column), e.message.split(" / ")[0])
        elif e.table and e.row:
            rows.add((e.table, e.row))
        elif e.table:
            tables.add(e.table)

    def why(key: Key) -> str:
        if key in cells:
            return f"未能读取：{cells[key]}；数据缺失，不是 0"
        if key[:2] in rows:
            return _UNREAD_ROW
        return _UNREAD_TABLE if key[0] in tables else ABSENT
    return why


def source_attrs(src: Source) -> str:
    """data-l (line), data-p (page), data-t (table.row.col): what cells.js needs to write the
    same words as Source.describe()."""
    out = ""
    if src.page is not None:
        out += f' data-p="{src.page}"'
    if src.table is not None and src.row is not None:
        out += f' data-t="{src.table}.{src.row}' + (f'.{src.col}"' if src.col is not None else '"')
    elif src.table is not None:
        out += f' data-t="{src.table}"'
    if src.row is not None and src.table is None:
        out += f' data-l="{src.row}"'  # a line of a page (第2页第36行: word boxes, a PDF's text)
    elif src.line is not None and src.row is None:
        out += f' data-l="{src.line}"'
    return out


def cell_td(cell: Cell | None, rules: Sequence[str] = (), colspan: int = 1,
            absent: str = ABSENT) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    if cell is None:
        title, text, cls = absent, "—", "na"
    elif cell.value is None:
        raw = cell.raw.strip()
        what = "空白" if not raw else f"为“{raw}”"
        title, text, cls = f"{where(cell.source)}此格{what}：数据缺失，不是 0", "—", "na"
    else:
        text = fmt_number(cell.value) + (cell.unit or "")  # an amount as printed: 251000元
        raw = cell.raw.strip()
        src = cell.source
        if not rules and (not raw or raw == text) and src.known:
            # the common case, kept small (a page has hundreds of these): cells.js turns the
            # source into the tooltip (title="原文第57行", as Source.describe) and marks
            # non-zero figures
            return f"<td{span}{source_attrs(src)}>{esc(text)}</td>"
        title = where(cell.source)
        if raw and raw != text:
            title += f"（原文写作“{raw}”）"
        cls = "nz" if cell.value != 0 else ""
    if rules:
        # a figure that breaks a rule (R1–R5) is marked as such; one that only a hint names
        # (W1–W3: not always an error) is marked as a hint
        broken = [r for r in dict.fromkeys(rules) if not is_hint(r)]
        hints = [r for r in dict.fromkeys(rules) if is_hint(r)]
        cls = (cls + (" bad" if broken else " hint")).strip()
        if broken:
            title += "；不符合勾稽关系 " + "、".join(broken)
        if hints:
            title += "；提示 " + "、".join(hints)
    c = f' class="{cls}"' if cls else ""
    return f'<td{c}{span} title="{esc(title)}">{esc(text)}</td>'


#: The body page puts this many years side by side (the latest: this year against the last);
#: each older year's tables and findings are on a page of their own (reports/<report_id>),
#: so that a body page stays under 60 KB however many years a body has (all years side by
#: side: 86 KB for six years, 124 KB for ten; now 54 KB for ten: the list of files and the
#: chart grow by about 0.8 KB a year).
SIDE_BY_SIDE_YEARS = 2


def shown_years(body: Body) -> list[Entry]:
    """The reports whose tables and findings the body page shows side by side."""
    return body.entries[-SIDE_BY_SIDE_YEARS:]


def report_page(entry: Entry) -> str:
    """The page of one report's prose (and, for a year older than those the body page shows
    side by side, its tables and findings)."""
    return f"reports/{entry.meta.id}.md"


def findings_href(from_page: str, body: Body, entry: Entry) -> str:
    """Where a report's consistency findings are shown: on its body's page for the years
    shown side by side, else on the report's own page."""
    if any(e is entry for e in shown_years(body)):
        anchor = f"#findings-{entry.meta.year}"
        return anchor if from_page == body.page else rel(from_page, body.page) + anchor
    return rel(from_page, report_page(entry)) + "#findings"


def _groups(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries by template, the template of the latest year first."""
    out: dict[str, list[Entry]] = {}
    for e in reversed(entries):
        out.setdefault(e.report.template, []).append(e)
    return [(t, sorted(es, key=lambda e: e.meta.year)) for t, es in out.items()]


def _year_th(entry: Entry, span: int) -> str:
    return f'<th colspan="{span}" class="yr">{entry.meta.year} 年</th>'


def _table(cls: str, head: str, rows: list[str]) -> str:
    return (f'<div class="gd-scroll" data-pagefind-ignore><table class="gd-table gd-report {cls}"'
            f' data-search-exclude><thead>{head}</thead><tbody>\n' + "\n".join(rows)
            + "\n</tbody></table></div>")


def proactive_table(template: str, entries: list[Entry]) -> str:
    rows_by_code = {r.code: r for r in codes.rows(template, "proactive")}
    width = max(len(r.columns) for r in rows_by_code.values())
    idx = [e.report.index() for e in entries]
    flags = [_flags(e) for e in entries]
    why = [_unread(e) for e in entries]
    head = ""
    if len(entries) > 1:
        head = "<tr><th></th>" + "".join(_year_th(e, width) for e in entries) + "</tr>"
    rows: list[str] = []
    for clause, codes_ in PROACTIVE_CLAUSES.get(template, ()):
        first = rows_by_code[codes_[0]]
        rows.append(f'<tr class="clause"><th colspan="{1 + width * len(entries)}">'
                    f"{esc(clause)}</th></tr>")
        sub = "".join(_spread([f"<th{{span}}>{esc(first.column_title(c))}</th>"
                               for c in first.columns], width))
        rows.append('<tr class="sub"><th>信息内容</th>' + sub * len(entries) + "</tr>")
        for code in codes_:
            r = rows_by_code[code]
            tds = []
            for i in range(len(entries)):
                cells = [cell_td(idx[i].get(("proactive", code, c)),
                                 flags[i].get(("proactive", code, c), ()), span,
                                 why[i](("proactive", code, c)))
                         for c, span in zip(r.columns, _spans(len(r.columns), width), strict=True)]
                tds.extend(cells)
            rows.append(f'<tr><th class="lbl">{esc(r.label)}</th>{"".join(tds)}</tr>')
    return _table("gd-proactive", head, rows)


def _spans(n: int, width: int) -> list[int]:
    return [1] * (n - 1) + [width - n + 1]


def _spread(ths: list[str], width: int) -> list[str]:
    return [th.replace("{span}", f' colspan="{s}"' if s > 1 else "")
            for th, s in zip(ths, _spans(len(ths), width), strict=True)]


def applications_table(template: str, entries: list[Entry]) -> str:
    rows_ = codes.rows(template, "applications")
    idx = [e.report.index() for e in entries]
    flags = [_flags(e) for e in entries]
    why = [_unread(e) for e in entries]
    ncol = len(APPLICATION_COLUMNS)
    corner = ('<th colspan="3" rowspan="3" class="corner">（本列数据的勾稽关系为：第一项加第二项之和，'
              "等于第三项加第四项之和）</th>")
    if len(entries) > 1:
        top = "".join(f'<th colspan="{ncol}" class="yr">{e.meta.year} 年 申请人情况</th>'
                      for e in entries)
    else:
        top = f'<th colspan="{ncol}">申请人情况</th>'
    mid = ('<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th>'
           '<th rowspan="2">总计</th>') * len(entries)
    low = "".join(f"<th>{esc(codes.COLUMNS[c].label)}</th>"
                  for c in APPLICANT_COLUMNS[1:]) * len(entries)
    head = f"<tr>{corner}{top}</tr><tr>{mid}</tr><tr>{low}</tr>"
    result_rows = [r for r in rows_ if r.group]
    rows: list[str] = []
    seen_groups: set[str] = set()
    for r in rows_:
        if not r.group:
            label = f'<th colspan="3" class="lbl">{esc(r.label)}</th>'
        else:
            label = ""
            if r is result_rows[0]:
                label += (f'<th rowspan="{len(result_rows)}" class="grp">'
                          f'{esc(result_rows[0].group)}</th>')
            if r.group == result_rows[0].group:
                label += f'<th colspan="2" class="lbl">{esc(r.label)}</th>'
            else:
                if r.group not in seen_groups:
                    seen_groups.add(r.group)
                    n = sum(1 for x in rows_ if x.group == r.group)
                    label += f'<th rowspan="{n}" class="grp">{esc(r.group)}</th>'
                label += f'<th class="lbl">{esc(r.label)}</th>'
        tds = "".join(cell_td(idx[i].get(("applications", r.code, c)),
                              flags[i].get(("applications", r.code, c), ()),
                              absent=why[i](("applications", r.code, c)))
                      for i in range(len(entries)) for c in APPLICATION_COLUMNS)
        rows.append(f"<tr>{label}{tds}</tr>")
    return _table("gd-applications", head, rows)


def review_table(entries: list[Entry]) -> str:
    labels = "".join(f"<th>{esc(codes.COLUMNS[c].label)}</th>" for c in REVIEW_COLUMNS) * 3
    head = ('<tr><th rowspan="3">年度</th><th colspan="5" rowspan="2">行政复议</th>'
            '<th colspan="10">行政诉讼</th></tr>'
            '<tr><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>'
            f"<tr>{labels}</tr>")
    rows = []
    for e in entries:
        idx, flags, why = e.report.index(), _flags(e), _unread(e)
        tds = "".join(cell_td(idx.get(("review_litigation", r.code, c)),
                              flags.get(("review_litigation", r.code, c), ()),
                              absent=why(("review_litigation", r.code, c)))
                      for r in codes.REVIEW_ROWS for c in REVIEW_COLUMNS)
        rows.append(f'<tr><th class="yr">{e.meta.year}</th>{tds}</tr>')
    return _table("gd-review", head, rows)


# what a finding's text begins with on the site: its rule's intro, but for W1, whose message
# says why already (乡镇（街道）一般无权制定规章，但…), only that it is a hint
_FINDING_LEAD = {**RULE_INTRO, "W1": "提示"}


def finding_text(f: Finding) -> str:
    intro = _FINDING_LEAD.get(f.rule)
    return f"{intro}：{f.message}" if intro else f.message


def findings_html(entry: Entry) -> str:
    rep = entry.report
    out = []
    if entry.meta.transcription:
        # the figures are a volunteer's transcription of a scan, not the published file's text
        out.append(f'<p class="gd-warn">原件是扫描件，本报告的数字'
                   f"{esc(content.TRANSCRIPTION_TITLES[entry.meta.transcription])}，可能有原件没有的"
                   "错误；请以原件为准。</p>")
    items = []
    for f in rep.findings:
        line = f' <span class="gd-line">原文第{f.line}行</span>' if f.line else ""
        kind = "warn" if f.severity == "warning" else "bad"
        items.append(f'<li class="{kind}"><span class="gd-rule">{esc(f.rule)}</span> '
                     f"{esc(finding_text(f))}{line}</li>")
    if items:
        out.append('<ol class="gd-findings">' + "".join(items) + "</ol>")
    else:
        out.append("<p>未发现不符合勾稽关系的数字。</p>")
    if traces := rep.metadata.get("other_bodies"):
        # traces of a copied report in the prose: the Chinese half of each message
        items = "".join(f"<li>{esc(_problem(Note(trace_text(t), t['line'])))}</li>"
                        for t in traces)
        out.append('<p class="gd-warn">正文疑点（提示，不一定是错误）：</p>'
                   f'<ul class="gd-traces">{items}</ul>')
    if rep.errors:
        errs = "".join(f"<li>{esc(_problem(p))}</li>" for p in rep.errors)
        out.append('<p class="gd-warn">本报告未能完整读取，缺失的数字显示为“—”：</p>'
                   f'<ul class="gd-errors">{errs}</ul>')
    if rep.notes:
        notes = "".join(f"<li>{esc(_problem(n))}</li>" for n in rep.notes)
        out.append(f'<details class="gd-notes"><summary>读取说明（{len(rep.notes)} 条）</summary>'
                   f"<ul>{notes}</ul></details>")
    return "".join(out)


def _problem(p) -> str:
    return f"第{p.line}行：{p.message}" if getattr(p, "line", None) else p.message


def prose_html(entry: Entry) -> str:
    sections = [s for s in entry.report.sections if s.number in PROSE_SECTIONS and s.text.strip()]
    if not sections:
        return "<p>未能从原文中分出正文段落，请阅读原文。</p>"
    out = []
    for s in sections:
        line = f' <span class="gd-line" data-pagefind-ignore>原文第{s.line}行起</span>' if s.line else ""
        paras = "".join(f"<p>{esc(p.strip())}</p>" for p in s.text.splitlines() if p.strip())
        out.append(f"<h3>{esc(s.title)}{line}</h3>{paras}")
    return '<section class="gd-prose" data-search-exclude>' + "".join(out) + "</section>"


def findings_label(findings: Sequence[Finding]) -> str:
    """"3 处", "3 处，提示 2 条", "提示 2 条"."""
    broken, hints = finding_counts(findings)
    parts = ([f"{broken} 处"] if broken or not hints else []) + ([f"提示 {hints} 条"] if hints else [])
    return "，".join(parts)


def _fact(value: str, label: str, title: str = "") -> str:
    t = f' title="{esc(title)}"' if title else ""
    return (f'<div class="gd-fact"{t}><span class="v">{esc(value)}</span>'
            f'<span class="k">{esc(label)}</span></div>')


def facts_html(entry: Entry) -> str:
    f = report_figures(entry)
    idx = entry.report.index()

    def src(key: Key, what: str) -> str:
        c = idx.get(key)
        return f"{what}，{where(c.source)}" if c else what

    out = [
        _fact(fmt_number(f.new, grouping=True), "新收申请（件）",
              src(("applications", "new", "total"), "表三“本年新收政府信息公开申请数量”总计")),
        _fact(fmt_rate(f.disclosure_rate), "公开率", "（予以公开 + 部分公开）÷ 办理结果总计"),
        _fact(fmt_number(f.reviews, grouping=True), "行政复议（件）",
              src(("review_litigation", "review", "total"), "表四行政复议总计")),
        _fact(fmt_number(f.lawsuits, grouping=True), "行政诉讼（件）",
              "表四行政诉讼总计（未经复议直接起诉 + 复议后起诉）"),
    ]
    if entry.report.template == "2021":
        out.append(_fact(fmt_number(f.penalties, grouping=True), "行政处罚（件）",
                         src(("proactive", "penalty", "decisions"), "表二行政处罚本年处理决定数量")))
    broken, hints = finding_counts(entry.report.findings)
    # traces of another body's report in the prose (check.other_bodies), said beside them
    traces = len(entry.report.metadata.get("other_bodies", ()))
    out.append(_fact(str(broken), f"勾稽问题（处）{f'，另有提示 {hints} 条' if hints else ''}"
                                  f"{f'，正文疑点 {traces} 处' if traces else ''}",
                     "不符合年度报告格式规定的勾稽关系（R1–R5）的数字；提示（W1–W3）不一定是错误"
                     + ("；正文疑点：正文中其他机关的痕迹，可能有段落抄自其他机关的报告"
                        if traces else "")))
    return '<section class="gd-facts" data-search-exclude>' + "".join(out) + "</section>"


def chart_html(body: Body) -> str:
    if len(body.entries) > 1:
        return columns([(str(e.meta.year), report_figures(e).new) for e in body.entries],
                       "历年新收政府信息公开申请")
    f = report_figures(body.latest)
    return stacked(outcome_parts(f), f"{body.latest.meta.year} 年申请办理结果")


def reports_table(site: Site, body: Body, page: str) -> str:
    rows = []
    for e in reversed(body.entries):
        m, rep = e.meta, e.report
        links = []
        url = m.source_url or ""
        if url.startswith(("http://", "https://")):
            links.append(link(url, "原文网址", rel="noopener noreferrer nofollow"))
        for key, what in ((m.id, "原文"), (f"{m.id}-original", "原始文件")):
            if key in site.sources:
                copy = site.sources[key]
                links.append(link(rel(page, copy), what, download=source_download_name(copy)))
        pkg = f"downloads/reports/{m.id}.zip"
        package = link(rel(page, pkg), "数据包", download="")
        state = "完整" if rep.complete else f"不完整（{len(rep.errors)} 处）"
        finds = link(findings_href(page, body, e), findings_label(rep.findings)) \
            if rep.findings else "无"
        rows.append(f'<tr><th class="yr">{m.year}</th><td>{esc(TEMPLATE_NAMES.get(rep.template, rep.template))}</td>'
                    f"<td>{esc(m.published or '—')}</td><td>{' · '.join(links) or '—'}</td>"
                    f"<td>{package}</td><td>{esc(state)}</td><td>{finds}</td></tr>")
    head = ("<tr><th>年度</th><th>报告格式</th><th>发布日期</th><th>原文</th><th>数据包</th>"
            "<th>读取</th><th>勾稽问题</th></tr>")
    return ('<div class="gd-scroll" data-pagefind-ignore><table class="gd-table gd-files" '
            f"data-search-exclude><thead>{head}</thead><tbody>" + "".join(rows)
            + "</tbody></table></div>")


def region_crumbs(site: Site, page: str, region: tuple[str, ...], last: str | None) -> str:
    items: list[tuple[str | None, str]] = [(rel(page, "index.md"), "首页"),
                                           (rel(page, "regions/index.md"), "按地区浏览")]
    for i in range(len(region)):
        items.append((rel(page, site.region(region[: i + 1]).page), region[i]))
    if last:
        items.append((None, last))
    return crumbs(items)


def lede(body: Body) -> str:
    m = body.latest.meta
    place = " ".join(body.region)
    code = f"（行政区划代码 {m.region_code}）" if m.region_code else ""
    years = "、".join(str(y) for y in body.years)
    return (f'<p class="gd-lede" data-pagefind-meta="region">'
            f'{esc(content.LEVEL_TITLES.get(body.level, body.level))} · '
            f"{esc(place)}{esc(code)} · {esc(years)} 年度政府信息公开工作年度报告</p>")


def body_pages(site: Site, body: Body) -> dict[str, str]:
    page = body.page
    latest = body.latest
    shown = shown_years(body)
    earlier = body.entries[:len(body.entries) - len(shown)]  # on pages of their own
    own_page = {id(e) for e in earlier}
    older = [e for e in body.entries[:-1] if id(e) in own_page or any(
        s.number in PROSE_SECTIONS for s in e.report.sections)]
    groups = _groups(shown)
    ctx = dict(
        front=front_matter(body.name, search_exclude=not site.lunr_bodies, hide=("navigation",)),
        crumbs=Markup(region_crumbs(site, page, body.region, None)),
        name=body.name, region=" ".join(body.region), lede=Markup(lede(body)),
        facts=Markup(facts_html(latest)), latest_year=latest.meta.year,
        chart=Markup(chart_html(body)), reports=Markup(reports_table(site, body, page)),
        groups=[(TEMPLATE_NAMES.get(t, t), Markup(proactive_table(t, es)),
                 Markup(applications_table(t, es))) for t, es in groups],
        multi_template=len(groups) > 1,
        review=Markup(review_table(shown)),
        earlier=[(e.meta.year, rel(page, report_page(e))) for e in reversed(earlier)],
        side_by_side=SIDE_BY_SIDE_YEARS,
        findings=[(e.meta.year, Markup(findings_html(e))) for e in reversed(shown)],
        prose=Markup(prose_html(latest)),
        older=[(e.meta.year, rel(page, report_page(e))) for e in reversed(older)],
        notes=[(e.meta.year, e.meta.notes) for e in reversed(body.entries) if e.meta.notes],
        missing_note=MISSING_NOTE,
    )
    out = {page: render_template("body.md", **ctx)}
    for e in older:
        p = report_page(e)
        tables = id(e) in own_page
        t = e.report.template
        out[p] = render_template(
            "report_text.md", front=front_matter(
                f"{body.name} {e.meta.year} 年度报告" + ("" if tables else "正文"),
                search_exclude=True, hide=("navigation",)),
            crumbs=Markup(region_crumbs(site, p, body.region, f"{e.meta.year} 年度")),
            name=body.name, year=e.meta.year, body_url=rel(p, page),
            tables=tables, template_name=TEMPLATE_NAMES.get(t, t),
            proactive=Markup(proactive_table(t, [e]) if tables else ""),
            applications=Markup(applications_table(t, [e]) if tables else ""),
            review=Markup(review_table([e]) if tables else ""),
            findings=Markup(findings_html(e) if tables else ""),
            missing_note=MISSING_NOTE, prose=Markup(prose_html(e)))
    return out
