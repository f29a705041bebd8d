"""Data quality, downloads (with the schema documentation) and the codes page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from . import codes, content, schema
from .check import trace_text
from .errors import format_problem
from .model import Entry, Finding, finding_counts
from .render import CORPUS_DOWNLOADS, Body, Site, rel, source_download_name
from .render_body import (
    RULE_INTRO,
    TEMPLATE_NAMES,
    finding_text,
    findings_href,
)
from .render_html import crumbs, esc, front_matter, link, render_template

#: Per-report package list on the downloads page up to this many reports (else: body pages).
REPORT_LIST_LIMIT = 1500

RULE_NAMES = {
    "R1": "新收 + 上年结转 = 办理结果总计 + 结转下年度（表三每列）",
    "R2": "（七）总计 = 各项办理结果之和（表三每列）",
    "R3": "总计 = 六类申请人之和（表三每行）",
    "R4": "总计 = 维持 + 纠正 + 其他结果 + 尚未审结（表四）",
    "R5": "上年“结转下年度” = 本年“上年结转”（同一机关相邻两年）",
    "W1": "乡镇（街道）的“规章”不为 0（提示）",
    "W2": "现行有效件数 ≈ 上年现行有效 + 本年制发 − 本年废止（提示）",
    "W3": "正文所述数字与表格一致（提示）",
}


def info_pages(site: Site) -> dict[str, str]:
    """The data-quality pages and the codes page (the downloads page, which shows the files'
    sizes, is written once they exist: render.SitePages)."""
    pages = info_pages_quality(site)
    pages["about/codes.md"] = codes_page()
    return pages


def _size(n: int | None) -> str:
    if n is None:
        return "—"
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


# -- quality -----------------------------------------------------------------------------------

def info_pages_quality(site: Site) -> dict[str, str]:
    """quality.md (counts, by province, unreadable files) and one page per province with
    its reports' findings and incomplete tables: the national page stays small at any size
    of the corpus (every finding in one page was 15 MB at 10,000 reports)."""
    pages = {"quality.md": quality(site)}
    for province, bodies in _quality_by_province(site).items():
        pages[_quality_page(province)] = quality_province(site, province, bodies)
    return pages


def _quality_page(province: str) -> str:
    return f"quality/{content.region_id((province,))}.md"


def _quality_by_province(site: Site) -> dict[str, list[Body]]:
    """Provinces with at least one report that has findings or errors, and those bodies."""
    out: dict[str, list[Body]] = {}
    for b in site.bodies.values():
        if any(e.report.findings or e.report.errors or _traces(e) for e in b.entries):
            out.setdefault(b.region[0] if b.region else "", []).append(b)
    return dict(sorted(out.items()))


def _traces(e: Entry) -> list[dict]:
    """Traces of another body's report in the prose (check.other_bodies)."""
    return e.report.metadata.get("other_bodies", [])


def _tally(findings: Sequence[Finding]) -> str:
    counts = Counter(f.rule for f in findings)
    return "、".join(f"{r} ×{n}" if n > 1 else r for r, n in sorted(counts.items()))


def quality(site: Site) -> str:
    page = "quality.md"
    counts = Counter(f.rule for e in site.entries for f in e.report.findings)
    rules = [(r, RULE_NAMES[r], counts.get(r, 0)) for r in schema.RULES]
    rows = []
    for province, bodies in _quality_by_province(site).items():
        entries = [e for b in bodies for e in b.entries]
        counts_of = [finding_counts(e.report.findings) for e in entries]
        broken = sum(1 for n, _ in counts_of if n)
        incomplete = sum(1 for e in entries if e.report.errors)
        rows.append(f"<tr><td>{link(rel(page, _quality_page(province)), province or '—')}</td>"
                    f'<td class="num">{broken}</td>'
                    f'<td class="num">{sum(n for n, _ in counts_of)}</td>'
                    f'<td class="num">{sum(h for _, h in counts_of)}</td>'
                    f'<td class="num">{sum(1 for e in entries if _traces(e))}</td>'
                    f'<td class="num">{incomplete}</td></tr>')
    failures = []
    for f in site.failures:
        lines = "\n".join(format_problem(f.path, p) for p in f.problems) or f.path
        failures.append(f"<h3><code>{esc(f.path)}</code></h3><pre>{esc(lines)}</pre>")
    split = [finding_counts(e.report.findings) for e in site.entries]
    return render_template(
        "quality.md", front=front_matter("数据质量", hide=("navigation",)),
        crumbs=Markup(crumbs([(rel(page, "index.md"), "首页"), (None, "数据质量")])),
        nreports=len(site.entries), nwith=sum(1 for n, _ in split if n),
        nfindings=sum(n for n, _ in split), nhints=sum(h for _, h in split),
        nhinted=sum(1 for _, h in split if h),
        nincomplete=sum(1 for e in site.entries if e.report.errors),
        ntraced=sum(1 for e in site.entries if _traces(e)),
        nfailures=len(site.failures), rules=rules,
        provinces=Markup("".join(rows)),
        failures=Markup('<div class="gd-quality" data-search-exclude data-pagefind-ignore>'
                        + "".join(failures) + "</div>") if failures else "",
        about_url=rel(page, "about/index.md"))


def quality_province(site: Site, province: str, bodies: list[Body]) -> str:
    page = _quality_page(province)
    rows = []
    incomplete = []
    traced = []
    broken = hinted = 0
    for b in bodies:
        for e in reversed(b.entries):
            if traces := _traces(e):
                more = f"（另有 {len(traces) - 1} 处）" if len(traces) > 1 else ""
                traced.append(
                    f"<tr><td>{link(findings_href(page, b, e), b.name)}</td>"
                    f'<td class="txt">{esc(" ".join(b.region[1:]))}</td>'
                    f'<td class="num">{e.meta.year}</td>'
                    f'<td class="txt">{esc(trace_text(traces[0]))}{more}</td></tr>')
            fs = e.report.findings
            n, h = finding_counts(fs)
            broken, hinted = broken + bool(n), hinted + bool(h)
            if fs:
                href = findings_href(page, b, e)
                first = esc(finding_text(fs[0]))
                more = f"（另有 {len(fs) - 1} 处）" if len(fs) > 1 else ""
                rows.append(
                    f"<tr><td>{link(href, b.name)}</td>"
                    f'<td class="txt">{esc(" ".join(b.region[1:]))}</td>'
                    f'<td class="num">{e.meta.year}</td><td class="txt">{esc(_tally(fs))}</td>'
                    f'<td class="txt">{first}{more}</td></tr>')
            if e.report.errors:
                lines = "\n".join(format_problem(e.meta.path, p) for p in e.report.errors)
                incomplete.append(f"<h3>{link(rel(page, b.page), b.name)} <small>{e.meta.year} "
                                  f"年度</small></h3><pre>{esc(lines)}</pre>")
    return render_template(
        "quality_province.md",
        front=front_matter(f"数据质量 · {province}", hide=("navigation",)),
        crumbs=Markup(crumbs([(rel(page, "index.md"), "首页"),
                              (rel(page, "quality.md"), "数据质量"), (None, province)])),
        province=province, nbroken=broken, nhinted=hinted, ntraced=len(traced),
        rows=Markup("".join(rows)), traced=Markup("".join(traced)),
        incomplete=Markup('<div class="gd-quality" data-search-exclude data-pagefind-ignore>'
                          + "".join(incomplete) + "</div>") if incomplete else "")


# -- downloads ---------------------------------------------------------------------------------

def downloads(site: Site) -> str:
    page = "downloads.md"
    corpus = []
    for path, what in CORPUS_DOWNLOADS:
        known = path in site.downloads
        if not known and site.downloads and path.endswith(".json"):
            continue
        corpus.append((rel(page, path), path.rsplit("/", 1)[-1], what,
                       _size(site.downloads.get(path))))
    reports = []
    if len(site.entries) <= REPORT_LIST_LIMIT:
        for b in sorted(site.bodies.values(), key=lambda b: (b.region, b.name)):
            for e in reversed(b.entries):
                pkg = f"downloads/reports/{e.meta.id}.zip"
                src = site.sources.get(e.meta.id)
                reports.append(
                    f"<tr><td>{link(rel(page, b.page), b.name)}</td><td>{e.meta.year}</td>"
                    f"<td>{link(rel(page, pkg), e.meta.id + '.zip', download='')}</td>"
                    f"<td>{_size(site.downloads.get(pkg))}</td>"
                    f"<td>{link(rel(page, src), '原文', download=source_download_name(src)) if src else '—'}"
                    "</td></tr>")
    return render_template(
        "downloads.md", front=front_matter("下载数据", hide=("navigation",)),
        crumbs=Markup(crumbs([(rel(page, "index.md"), "首页"), (None, "下载数据")])),
        corpus=corpus, nreports=len(site.entries),
        reports=Markup("".join(reports)), listed=bool(reports),
        schema=Markup(schema_html()), codes_url=rel(page, "about/codes.md"))


def schema_html() -> str:
    """Documentation of every resource of the data packages, from builder.schema."""
    out = []
    for t in schema.TABLES:
        rows = []
        for f in t.fields:
            c = f.descriptor().get("constraints", {})
            cons = []
            if c.get("required"):
                cons.append("必填")
            if "enum" in c:
                vals = c["enum"]
                shown = "、".join(vals[:8]) + ("……" if len(vals) > 8 else "")
                cons.append(f"取值：{shown}")
            if "minimum" in c:
                cons.append(f"最小 {c['minimum']}")
            if "maximum" in c:
                cons.append(f"最大 {c['maximum']}")
            if "pattern" in c:
                cons.append(f"格式 {c['pattern']}")
            rows.append(f"<tr><td><code>{esc(f.name)}</code></td><td>{esc(f.title)}</td>"
                        f"<td>{esc(f.type)}</td><td>{esc(f.description)}</td>"
                        f"<td>{esc('；'.join(cons))}</td></tr>")
        keys = f"主键：<code>{esc(', '.join(t.primary_key))}</code>"
        for fk in t.foreign_keys:
            keys += (f"；外键 <code>{esc(', '.join(fk.fields))}</code> → "
                     f"<code>{esc(fk.resource)}</code>")
        where = "仅整套数据包" if not t.per_report else "整套数据包和每份报告的数据包"
        out.append(
            f'<h3 id="schema-{esc(t.name)}" data-search-exclude><code>{esc(t.name)}</code> '
            f"{esc(t.title)}</h3><p>{esc(t.description)}</p><p class=\"gd-note\">{keys}。"
            f"见于：{where}。</p>"
            '<div class="gd-scroll"><table class="gd-table gd-schema" data-search-exclude>'
            "<thead><tr><th>字段</th><th>中文名</th><th>类型</th><th>说明</th><th>约束</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
    return '<div class="gd-schemas" data-pagefind-ignore>' + "".join(out) + "</div>"


# -- contributing guide ------------------------------------------------------------------------

def contributing(path: Path) -> str:
    """The repository's CONTRIBUTING.md as a page (project text, not report text)."""
    if path.is_file():
        text = path.read_text("utf-8")
        return front_matter("参与贡献") + "\n" + text.rstrip("\n") + "\n"
    return (front_matter("参与贡献") + "\n# 参与贡献\n\n"
            "<p>贡献指南见项目仓库中的 <code>CONTRIBUTING.md</code>。</p>\n")


# -- codes -------------------------------------------------------------------------------------

def codes_page() -> str:
    sections = []
    for table in codes.TABLES:
        for template in codes.TEMPLATES:
            rows = []
            for r in codes.rows(template, table):
                cols = "、".join(f"<code>{esc(c)}</code> {esc(r.column_title(c))}"
                                 for c in r.columns)
                rows.append(f"<tr><td><code>{esc(r.code)}</code></td><td>{esc(r.group)}"
                            f"</td><td>{esc(r.label)}</td><td>{cols}</td></tr>")
            sections.append((codes.TABLE_TITLES[table], table, TEMPLATE_NAMES[template],
                             Markup('<div class="gd-scroll"><table class="gd-table gd-codes" '
                                    'data-search-exclude><thead><tr><th>行代码</th>'
                                    "<th>上级项目</th><th>名称</th><th>列</th></tr></thead>"
                                    "<tbody>" + "".join(rows) + "</tbody></table></div>")))
    columns = "".join(f"<tr><td><code>{esc(c.code)}</code></td><td>{esc(c.label)}</td>"
                      f"<td>{esc(c.description)}</td><td>{'是' if c.decimal else ''}</td></tr>"
                      for c in codes.COLUMNS.values())
    return render_template(
        "codes.md", front=front_matter("代码表"),
        crumbs=Markup(crumbs([("../../", "首页"), ("../", "关于"), (None, "代码表")])),
        sections=sections, columns=Markup(columns),
        rules=[(r, RULE_INTRO[r], RULE_NAMES[r]) for r in schema.RULES])
