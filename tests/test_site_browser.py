"""The built site in headless Chromium: search, tables, downloads, escaping, no network.

Builds a site in a temporary directory from the sample reports (content/) plus a few made-up
entries (two years of one body, a report with injection strings), with the package stage, the
render stage, ``mkdocs build --strict`` and Pagefind, serves it on 127.0.0.1 and drives it with
Playwright. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright import sync_api

from builder import synth
from builder.localserve import serve
from builder.package import validate_package

from .conftest import chromium, copy_project, launch_chromium
from .test_render import INJECTIONS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


SIDECAR = """body: {body}
level: township
province: {region[0]}
prefecture: {region[1]}
county: {region[2]}
year: {year}
source_url: https://example.org/{year}.html
"""


def _add_report(project: Path, folder: str, body: str, year: int, text: str) -> None:
    region = tuple(folder.split("/")[:3])
    d = project / "content" / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{year}.txt").write_text(text, "utf-8")
    (d / f"{year}.yml").write_text(SIDECAR.format(body=body, region=region, year=year), "utf-8")


def _extra_reports(project: Path) -> None:
    """Two years of one body (the later one with a blank cell and a broken R1), and a report
    whose prose carries HTML, Markdown and template injections."""
    body = "修武县郇封镇人民政府"
    for year, seed in ((2022, 40), (2023, 60)):
        spec = synth.random_spec(random.Random(seed), body=body, year=year, province="河南省",
                                 prefecture="焦作市", county="修武县")
        if year == 2023:
            spec.values[("applications", "new", "natural_person")] += 1  # R1 (and R3) broken
            spec.values[("applications", "new", "research")] = None  # printed blank
        _add_report(project, "河南省/焦作市/修武县/郇封镇", body, year,
                    synth.render_text(spec, "tab"))
    seed = (ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.txt").read_text("utf-8")
    seed = seed.replace("博爱县许良镇人民政府", "修武县测试镇人民政府", 1)
    seed = seed.replace("一、总体情况\n", "一、总体情况\n\n" + "\n\n".join(INJECTIONS) + "\n", 1)
    _add_report(project, "河南省/焦作市/修武县/测试镇", "修武县测试镇人民政府", 2023, seed)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(site directory, entries by name) of a site made by the real `builder build`."""
    from builder.build import collect

    chromium()
    project = tmp_path_factory.mktemp("site")
    copy_project(project)
    _extra_reports(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run([sys.executable, "-m", "builder", "build", "--strict",
                            "--root", str(project)], cwd=project, env=env,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    result = collect(project)
    named = {e.meta.body.replace("人民政府", ""): e for e in result.entries}
    by_year = {(e.meta.body, e.meta.year): e for e in result.entries}
    named["two_years_2022"] = by_year[("修武县郇封镇人民政府", 2022)]
    named["two_years"] = by_year[("修武县郇封镇人民政府", 2023)]
    named["injection"] = named["修武县测试镇"]
    return project / "site", named


@pytest.fixture(scope="module")
def server(built):
    site, _ = built
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh page; fails the test on a console error, a dialog or a request off 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    dialogs: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.base = server  # type: ignore[attr-defined]
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()
    assert not errors, errors
    assert not outside, outside
    assert not dialogs, dialogs


def _header_search(pg, query: str) -> None:
    pg.click(".md-search__input")
    pg.fill(".md-search__input", query)
    pg.keyboard.press("End")  # Material's search box reacts to key events


def _body_url(entry) -> str:
    return f"bodies/{entry.meta.body_id}/"


# -- search -------------------------------------------------------------------------------------

def test_header_search_township_lands_on_its_page(page, built):
    _, named = built
    xuliang = named["博爱县许良镇"]
    page.goto(page.base)
    _header_search(page, "许良镇")
    first = page.locator(".gd-pf-names:not([hidden]) a").first
    first.wait_for()
    assert first.get_attribute("href").endswith(_body_url(xuliang))
    # Material's own index finds it as well (hidden there as a duplicate)
    page.wait_for_selector(f'.md-search-result__item a[href*="{_body_url(xuliang)}"]',
                           state="attached")
    page.screenshot(path=str(ARTIFACTS / "search-township.png"))
    first.click()
    page.wait_for_url(re.compile(re.escape(_body_url(xuliang))))
    assert page.inner_text("h1") == "博爱县许良镇人民政府"


def test_header_search_term_lands_on_its_explanation(page):
    page.goto(page.base)
    _header_search(page, "行政处罚")
    section = '.md-search-result__item a[href*="about/"][href*="#penalty"]'
    page.wait_for_selector(section)
    # the full-text hits come in after Material's own results; click once the list settled
    page.wait_for_selector(".gd-pf-text:not([hidden])")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(ARTIFACTS / "search-penalty.png"))
    page.locator(section).first.click()
    page.wait_for_url(re.compile(r"about/.*#penalty"))
    assert "行政处罚" in page.inner_text("#penalty")


def test_search_page_county_term_and_phrase(page, built):
    _, named = built
    page.goto(page.base + "find/?s=博爱县")
    first = page.wait_for_selector(".gd-results a.gd-r-title")
    assert first.inner_text() == "博爱县"
    assert "博爱县许良镇人民政府" in page.inner_text(".gd-search-results")
    page.goto(page.base + "find/?s=依申请公开")
    # the glossary's explanation comes first, then the pages whose text mentions it
    term = page.wait_for_selector(".gd-r-terms a.gd-r-title")
    assert term.inner_text() == "依申请公开"
    assert term.get_attribute("href").endswith("about/#on-request")
    page.wait_for_selector(".gd-results mark")
    assert "依申请公开" in page.inner_text(".gd-r-text .gd-results mark")
    page.goto(page.base + "find/?s=未收到政府信息公开申请")
    page.wait_for_selector(".gd-results mark")
    titles = page.eval_on_selector_all(".gd-results a.gd-r-title", "es => es.map(e => e.textContent)")
    assert "博爱县许良镇人民政府" in titles
    page.screenshot(path=str(ARTIFACTS / "search-phrase.png"), full_page=True)


def test_home_search_box_lists_results_as_one_types(page, built):
    _, named = built
    page.goto(page.base)
    page.fill(".gd-hero input[type=search]", "焦店镇")
    first = page.wait_for_selector(".gd-hero .gd-results a.gd-r-title")
    assert first.inner_text() == "新华区焦店镇人民政府"
    first.click()
    page.wait_for_url(re.compile(re.escape(_body_url(named["新华区焦店镇"]))))


# -- pages --------------------------------------------------------------------------------------

def _package_cell(site: Path, report_id: str, table: str, row: str, column: str) -> dict:
    """The cell as the report's published data package has it."""
    with zipfile.ZipFile(site / "downloads" / "reports" / f"{report_id}.zip") as z:
        name = next(n for n in z.namelist() if n.endswith(f"{table}.csv"))
        rows = csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8"))
        return next(r for r in rows if (r["row"], r["column"]) == (row, column))


def test_body_page_cell_shows_number_and_source_line(page, built):
    site, named = built
    e = named["新华区焦店镇"]
    published = _package_cell(site, e.meta.id, "applications", "new", "natural_person")
    page.goto(page.base + _body_url(e))
    td = page.locator("table.gd-applications tbody tr").first.locator("td").first
    assert td.inner_text() == published["value"] == "1"
    assert td.get_attribute("title") == f"原文第{published['line']}行"
    assert published["line"] == "39"  # 一、本年新收… in the report's text
    td.hover()
    page.screenshot(path=str(ARTIFACTS / "body-page.png"), full_page=True)


def test_two_years_side_by_side_missing_cell_and_finding(page, built):
    _, named = built
    e = named["two_years"]
    page.goto(page.base + _body_url(e))
    head = page.inner_text("table.gd-applications thead")
    assert head.index("2022 年") < head.index("2023 年")
    missing = page.locator('table.gd-applications td[title*="此格空白"]')
    assert missing.count() == 1 and missing.inner_text() == "—"
    assert "按勾稽关系，第一项加第二项应等于第三项加第四项" in page.inner_text("#findings-2023 + div")
    page.screenshot(path=str(ARTIFACTS / "body-two-years.png"), full_page=True)


def test_sort_aggregate_table_by_clicking_a_header(page):
    page.goto(page.base + "tables/bodies/")
    table = page.locator("table.gd-sortable").first
    names_before = table.locator("tbody tr td:first-child").all_inner_texts()
    header = table.locator("thead th", has_text="新收申请")
    col = header.evaluate("th => th.cellIndex")
    header.click()
    values = table.locator(f"tbody tr td:nth-child({col + 1})").evaluate_all(
        "tds => tds.map(td => td.dataset.sort)")
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    assert table.locator("tbody tr td:first-child").all_inner_texts() != names_before
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    page.screenshot(path=str(ARTIFACTS / "tables-sorted.png"))


def test_download_links_give_zips(page, built, tmp_path):
    _, named = built
    page.goto(page.base + "downloads/")
    with page.expect_download() as d:
        page.click('a[href$="gov-disclosure-reports.zip"]')
    corpus = tmp_path / "corpus.zip"
    d.value.save_as(corpus)
    assert zipfile.is_zipfile(corpus)
    assert validate_package(corpus) == []  # frictionless's own validator
    page.goto(page.base + _body_url(named["博爱县许良镇"]))
    with page.expect_download() as d:
        page.click("a:text('数据包')")
    one = tmp_path / "one.zip"
    d.value.save_as(one)
    assert validate_package(one) == []
    with page.expect_download() as d:
        page.click("table.gd-files a:text-is('原文')")
    assert "许良镇" in Path(d.value.path()).read_text("utf-8")


def test_injected_text_shows_as_text_and_runs_nothing(page, built):
    _, named = built
    page.goto(page.base + _body_url(named["injection"]))
    text = page.inner_text(".gd-prose")
    for s in INJECTIONS:
        assert s in text
    assert page.locator("article script").count() == 0
    assert page.locator('article a[href^="javascript:"]').count() == 0
    assert page.locator("article img[src=x]").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "injection.png"), full_page=True)


def test_home_quality_and_regions_render(page, built):
    page.goto(page.base)
    assert "覆盖机关" in page.inner_text(".gd-stats")
    assert page.locator("figure.gd-chart svg").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.goto(page.base + "quality/")
    assert "R1" in page.inner_text("article")
    # by province: 河南省's page lists the report that breaks R1, linked to its findings
    page.click("#provinces ~ div a:text('河南省')")
    page.wait_for_url(re.compile(r"quality/re[0-9a-f]+/"))
    row = page.locator("tr", has_text="修武县郇封镇人民政府").filter(has_text="2023")
    assert "R1" in row.inner_text() and "W1 ×3" in row.inner_text()
    row.locator("a").click()
    page.wait_for_url(re.compile(r"#findings-2023"))
    assert page.inner_text("h1") == "修武县郇封镇人民政府"
    page.goto(page.base + "regions/")
    page.click("text=河南省")
    assert page.inner_text("h1") == "河南省"


def test_page_sizes(built):
    site, _ = built
    sizes = {p: p.stat().st_size for p in (site / "bodies").glob("*/index.html")}
    assert sizes and max(sizes.values()) < 60_000, max(sizes.items(), key=lambda kv: kv[1])


def _pagefind_records(index: Path) -> dict[str, dict]:
    """URL -> what Pagefind stored of the page (title, meta, text, anchors, weights)."""
    import gzip
    import json

    out = {}
    for fragment in (index / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        out[record["url"]] = record
    return out


def test_index_built_beside_mkdocs_equals_pagefind_on_the_site(built, tmp_path):
    """builder build indexes each page as MkDocs writes it (builder.live_index); Pagefind run
    on the finished site afterwards stores the same pages with the same records."""
    site, _ = built
    other = tmp_path / "pagefind"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                    str(other)], check=True, capture_output=True)
    live = _pagefind_records(site / "pagefind")
    assert len(live) > 10 and any(u.startswith("/bodies/") for u in live)
    assert live == _pagefind_records(other)


def test_pages_fit_a_phone_screen(browser, server, built):
    """At a phone's width no page scrolls sideways (wide tables scroll inside their own box)
    and a headline figure stays on one line: one page of every kind the site has."""
    site, named = built
    paths = {"", _body_url(named["two_years"])}
    for section in sorted(d for d in site.iterdir() if (d / "index.html").exists()):
        paths.add(f"{section.name}/")
        inner = sorted(d for d in section.iterdir() if (d / "index.html").exists())
        paths.update(f"{section.name}/{d.name}/" for d in inner[:3])
    assert {"regions/", "tables/", "quality/", "downloads/", "about/codes/"} <= paths
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    pg = context.new_page()
    try:
        for path in sorted(paths):
            pg.goto(server + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
            for v in pg.locator(".gd-stat .v, .gd-fact .v").all():
                box = v.bounding_box()
                assert box is not None and box["height"] < 40, (path, v.inner_text(), box)
    finally:
        context.close()
