"""Home, region pages and the summary tables (every body side by side, by region, by year)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from . import content
from .model import Entry, finding_counts
from .render import BODY_TABLE_LIMIT, Body, Region, Site, rel
from .render_body import region_crumbs
from .render_figures import (
    COLUMNS,
    COMPARABLE,
    OUTCOMES,
    Figures,
    entries_total,
    fmt_number,
    outcome_parts,
    report_figures,
    total,
)
from .render_html import (
    crumbs,
    esc,
    figure_cells,
    figure_headers,
    front_matter,
    link,
    partial_note,
    render_template,
    sortable,
    total_number,
)
from .render_svg import columns, hbars, stacked

LEVEL_NAMES = {"province": "省级", "prefecture": "地级", "county": "县级"}

# sums over a region's reports (of one year, or of all years: None), asked for by the region
# pages, the region tables and the charts alike; emptied by all_pages
_REGION_TOTALS: dict[tuple[tuple[str, ...], int | None], tuple[Figures, int]] = {}


def all_pages(site: Site) -> dict[str, str]:
    from . import render_info  # noqa: PLC0415

    _REGION_TOTALS.clear()
    pages = {"index.md": home(site)}
    pages.update(region_pages(site))
    pages.update(table_pages(site))
    pages.update(render_info.info_pages(site))
    return pages


# -- shared pieces -----------------------------------------------------------------------------

def body_link(page: str, body: Body) -> str:
    return link(rel(page, body.page), body.name)


def report_row(page: str, e: Entry, body: Body, *, region: bool = True,
               year: bool = False) -> str:
    f = report_figures(e)
    cells = [f'<td data-sort="{esc(body.name)}">{body_link(page, body)}</td>']
    if region:
        cells.append(f'<td class="txt">{esc(" ".join(body.region[1:] or body.region))}</td>')
    if year:
        cells.append(f'<td data-sort="{e.meta.year}">{e.meta.year}</td>')
    return ("<tr>" + "".join(cells)
            + figure_cells(f, COLUMNS, template_2019=e.report.template == "2019") + "</tr>")


def totals_row(label: str, t: Figures, cols: Sequence[tuple[str, str, str]],
               lead_cells: int) -> str:
    pad = "<td></td>" * (lead_cells - 1)
    return (f'<tr class="gd-total"><th>{esc(label)}（{t.n} 份报告）</th>{pad}'
            + figure_cells(t, cols) + "</tr>")


def bodies_table(page: str, items: list[tuple[Entry, Body]], *, region: bool = True,
                 year: bool = False, caption: str = "") -> str:
    head = "<th>机关</th>" + ("<th>地区</th>" if region else "") + \
        ("<th class=\"num\">年度</th>" if year else "") + figure_headers(COLUMNS)
    rows = [report_row(page, e, b, region=region, year=year) for e, b in items]
    lead = 1 + int(region) + int(year)
    foot = totals_row("合计", entries_total(e for e, _ in items), COLUMNS, lead)
    return sortable(head, rows, foot, caption=caption)


def region_total(r: Region, year: int | None) -> tuple[Figures, int]:
    """The sum of a region's reports (of ``year``; None: every year) and how many bodies
    they come from. Not to be changed (memoised)."""
    key = (r.path, year)
    hit = _REGION_TOTALS.get(key)
    if hit is None:
        entries = [e for b in r.all_bodies() for e in b.entries
                   if year is None or e.meta.year == year]
        hit = (entries_total(entries), len({e.meta.body_id for e in entries}))
        _REGION_TOTALS[key] = hit
    return hit


def region_summary_rows(page: str, regions: Iterable[Region], year: int | None,
                        cols: Sequence[tuple[str, str, str]]) -> list[str]:
    rows = []
    for r in regions:
        f, nb = region_total(r, year)
        if not f.n:
            continue
        indent = "　" * max(len(r.path) - 1, 0)
        rows.append(f'<tr><td data-sort="{esc("/".join(r.path))}">{indent}'
                    f"{link(rel(page, r.page), r.name)}</td>"
                    f'<td data-sort="{nb}">{nb}</td>' + figure_cells(f, cols) + "</tr>")
    return rows


def regions_table(page: str, regions: Sequence[Region], year: int | None,
                  cols: Sequence[tuple[str, str, str]], caption: str = "") -> str:
    """One row per region; the total row sums every report once, also when the list holds a
    region and regions inside it (a province and its prefectures)."""
    rows = region_summary_rows(page, regions, year, cols)
    head = '<th>地区</th><th class="num">机关数</th>' + figure_headers(cols)
    paths = {r.path for r in regions}
    outer = [r for r in regions
             if not any(r.path[:i] in paths for i in range(1, len(r.path)))]
    foot = totals_row("合计", total(region_total(r, year)[0] for r in outer), cols, 2)
    return sortable(head, rows, foot, caption=caption)


def _year_totals(site: Site) -> list[tuple[int, Figures]]:
    return [(y, region_total(site.root, y)[0]) for y in site.years]


def _new_chart(site: Site, title: str) -> str:
    """Columns of the applications received each year (``*``: a partial sum)."""
    totals = _year_totals(site)
    return columns([(str(y), t.new) for y, t in totals], title,
                   partial={str(y) for y, t in totals if t.missing("new")})


def _headline(t: Figures) -> dict[str, Markup]:
    """The sums the home and region pages show above their tables."""
    return {"applications": total_number(t, "new"), "rate": total_number(t, "disclosure_rate"),
            "reviews": total_number(t, "reviews"), "lawsuits": total_number(t, "lawsuits")}


def _outcome_chart(t: Figures, title: str) -> str:
    return stacked(outcome_parts(t), title,
                   partial=any(t.missing(attr) for _, attr in OUTCOMES))


# -- home --------------------------------------------------------------------------------------

def home(site: Site) -> str:
    page = "index.md"
    t = region_total(site.root, None)[0]
    headline = _headline(t)
    years = site.years
    provinces = list(site.root.children.values())
    chart = _new_chart(site, "历年新收政府信息公开申请") if len(years) > 1 else ""
    outcome = _outcome_chart(t, "全部报告的申请办理结果")
    top = sorted(((report_figures(b.latest).new, b) for b in site.bodies.values()),
                 key=lambda x: (-(x[0] or 0), x[1].name))[:10]
    top_chart = hbars([(b.name, v) for v, b in top],
                      "新收申请最多的机关（最近一年）") if top else ""
    ctx = dict(
        front=front_matter("首页", hide=("navigation", "toc")),
        bodies=fmt_number(len(site.bodies), grouping=True),
        reports=fmt_number(len(site.entries), grouping=True),
        years=f"{years[0]}—{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—"),
        **headline,
        partial_note=partial_note(*headline.values()),
        findings=fmt_number(sum(finding_counts(e.report.findings)[0] for e in site.entries),
                            grouping=True),
        chart=Markup(chart), outcome=Markup(outcome), top_chart=Markup(top_chart),
        provinces=[(p.name, rel(page, p.page), len(p.all_bodies())) for p in provinces],
        regions_url=rel(page, "regions/index.md"), tables_url=rel(page, "tables/index.md"),
        downloads_url=rel(page, "downloads.md"), quality_url=rel(page, "quality.md"),
        about_url=rel(page, "about/index.md"), find_url=rel(page, "find.md"),
        failures=len(site.failures),
    )
    return render_template("home.md", **ctx)


# -- regions -----------------------------------------------------------------------------------

def region_pages(site: Site) -> dict[str, str]:
    out = {"regions/index.md": regions_index(site)}
    for r in site.root.walk():
        if r.path:
            out[r.page] = region_page(site, r)
    return out


def _tree(page: str, root: Region) -> str:
    """Provinces as headings; each prefecture on one line with its counties."""
    def a(r: Region) -> str:
        return (f"{link(rel(page, r.page), r.name)}"
                f'<span class="gd-count">{len(r.all_bodies())}</span>')

    out = []
    for p in root.children.values():
        lines = []
        for pref in p.children.values():
            counties = " · ".join(a(c) for c in pref.children.values())
            lines.append(f"<li>{a(pref)}{'：' + counties if counties else ''}</li>")
        out.append(f'<div class="gd-prov"><h3>{link(rel(page, p.page), p.name)} '
                   f'<span class="gd-count">{len(p.all_bodies())} 个机关</span></h3>'
                   f"<ul>{''.join(lines)}</ul></div>")
    return "".join(out)


def regions_index(site: Site) -> str:
    page = "regions/index.md"
    provinces = list(site.root.children.values())
    table = regions_table(page, provinces, None, COMPARABLE, caption="各省份汇总（全部年度）")
    return render_template(
        "regions_index.md", front=front_matter("按地区浏览", hide=("navigation",)),
        crumbs=Markup(crumbs([(rel(page, "index.md"), "首页"), (None, "按地区浏览")])),
        nbodies=len(site.bodies), nprovinces=len(provinces),
        tree=Markup('<div class="gd-tree" data-search-exclude data-pagefind-ignore>'
                    + _tree(page, site.root) + "</div>"),
        table=Markup(table), partial_note=partial_note(table))


def region_page(site: Site, r: Region) -> str:
    page = r.page
    bodies = r.all_bodies()
    entries = [e for b in bodies for e in b.entries]
    years = sorted({e.meta.year for e in entries})
    headline = _headline(region_total(r, None)[0])
    children = list(r.children.values())
    child_table = regions_table(page, children, None, COMPARABLE,
                                caption="下级地区汇总（全部年度）") if children else ""
    direct = sorted(r.bodies, key=lambda b: b.name)
    # bodies of this region and of its sub-regions, latest report each
    shown = bodies if len(bodies) <= 400 else direct
    latest = [(b.latest, b) for b in shown]
    body_table = bodies_table(page, latest, region=len(shown) != len(direct), year=True,
                              caption="各机关最近一年报告") if latest else ""
    level = LEVEL_NAMES.get(r.level, "")
    return render_template(
        "region.md", front=front_matter(
            # found by name (assets/data/names.json); their lists of bodies and figures
            # would only repeat the body pages in the full-text index
            r.name, hide=("navigation", "toc"), pagefind=False),
        crumbs=Markup(region_crumbs(site, page, r.path[:-1], r.name)),
        name=r.name, level=level, parent=" ".join(r.path[:-1]),
        nbodies=len(bodies), nreports=len(entries),
        years="、".join(str(y) for y in years),
        **headline, partial_note=partial_note(*headline.values(), child_table, body_table),
        child_table=Markup(child_table), body_table=Markup(body_table),
        partial=len(shown) != len(bodies))


# -- summary tables ----------------------------------------------------------------------------

def table_pages(site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    split = len(site.entries) > BODY_TABLE_LIMIT
    parts: list[tuple[str, str, int]] = []  # (title, page, reports)
    if split:
        for p in site.root.children.values():
            page = f"tables/bodies/{p.id}.md"
            items = [(e, b) for b in p.all_bodies() for e in b.entries]
            out[page] = bodies_page(site, page, items, f"{p.name}：各机关报告")
            parts.append((p.name, page, len(items)))
        index = "tables/bodies.md"
        out[index] = render_template(
            "tables_bodies_index.md", front=front_matter("各机关报告一览"),
            crumbs=_table_crumbs(index, "各机关报告一览"),
            parts=[(t, rel(index, p), n) for t, p, n in parts])
    else:
        page = "tables/bodies.md"
        items = [(e, b) for b in site.bodies.values() for e in b.entries]
        out[page] = bodies_page(site, page, items, "各机关报告一览")
        parts.append(("全部地区", page, len(items)))
    out["tables/index.md"] = tables_index(site, parts)
    out["tables/regions.md"] = regions_summary(site)
    out["tables/years.md"] = years_summary(site)
    return out


def _table_crumbs(page: str, title: str) -> Markup:
    return Markup(crumbs([(rel(page, "index.md"), "首页"), (rel(page, "tables/index.md"), "统计表"),
                          (None, title)]))


def bodies_page(site: Site, page: str, items: list[tuple[Entry, Body]], title: str) -> str:
    years = sorted({e.meta.year for e, _ in items}, reverse=True)
    sections = []
    for y in years:
        rows = sorted(((e, b) for e, b in items if e.meta.year == y),
                      key=lambda x: (x[0].meta.region_code or "999999", x[1].region, x[1].name))
        sections.append((y, len(rows), Markup(bodies_table(page, rows))))
    return render_template("tables_bodies.md", front=front_matter(title, hide=("navigation", "toc")),
                           crumbs=_table_crumbs(page, title), title=title, sections=sections,
                           partial_note=partial_note(*(t for _, _, t in sections)))


def tables_index(site: Site, parts: list[tuple[str, str, int]]) -> str:
    page = "tables/index.md"
    years = site.years
    chart = _new_chart(site, "各年度新收政府信息公开申请") if len(years) > 1 else ""
    provinces = [(p.name, region_total(p, None)[0]) for p in site.root.children.values()]
    provinces.sort(key=lambda x: -(x[1].new or 0))
    chart += hbars([(name, t.new) for name, t in provinces[:15]],
                   "各省份新收政府信息公开申请（全部年度）", label_width=140,
                   partial={name for name, t in provinces[:15] if t.missing("new")}) \
        if provinces else ""
    return render_template(
        "tables_index.md", front=front_matter("统计表"),
        crumbs=Markup(crumbs([(rel(page, "index.md"), "首页"), (None, "统计表")])),
        parts=[(t, rel(page, p), n) for t, p, n in parts],
        regions_url=rel(page, "tables/regions.md"), years_url=rel(page, "tables/years.md"),
        chart=Markup(chart), help=[(t, h) for t, h in _column_help()])


def _column_help() -> list[tuple[str, str]]:
    from .render_figures import COLUMN_HELP  # noqa: PLC0415

    return [(title, COLUMN_HELP[attr]) for attr, title, _ in COLUMNS]


def regions_summary(site: Site) -> str:
    page = "tables/regions.md"
    regions = [r for p in site.root.children.values() for r in [p, *p.children.values()]]
    sections = [(y, Markup(regions_table(page, regions, y, COLUMNS, caption=f"{y} 年度")))
                for y in sorted(site.years, reverse=True)]
    overall = Markup(regions_table(page, regions, None, COMPARABLE, caption="全部年度合计"))
    return render_template("tables_regions.md", front=front_matter("按地区汇总", hide=("navigation", "toc")),
                           crumbs=_table_crumbs(page, "按地区汇总"), sections=sections,
                           overall=overall,
                           partial_note=partial_note(overall, *(t for _, t in sections)))


def years_summary(site: Site) -> str:
    page = "tables/years.md"
    rows = []
    for y in site.years:
        t, nb = region_total(site.root, y)
        rows.append(f'<tr><td data-sort="{y}">{y}</td><td data-sort="{nb}">{nb}</td>'
                    + figure_cells(t, COMPARABLE) + "</tr>")
    head = '<th class="num">年度</th><th class="num">机关数</th>' + figure_headers(COMPARABLE)
    table = sortable(head, rows, totals_row("合计", region_total(site.root, None)[0],
                                            COMPARABLE, 2))
    chart = _new_chart(site, "各年度新收政府信息公开申请") if site.years else ""
    return render_template("tables_years.md", front=front_matter("按年度汇总"),
                           crumbs=_table_crumbs(page, "按年度汇总"), table=Markup(table),
                           chart=Markup(chart), partial_note=partial_note(table))


__all__ = ["all_pages", "content"]
