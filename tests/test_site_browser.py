"""The built site in headless Chromium: search, tables, downloads, escaping, no network.

Builds a site in a temporary directory from the sample reports (content/) plus a few made-up
entries (two years of one body, a report with injection strings), with the package stage, the
render stage, ``mkdocs build --strict`` and Pagefind, serves it on 127.0.0.1 and drives it with
Playwright. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import inspect
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from builder.model import Finding

from .test_render import INJECTIONS, make_entry

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
HAND_WRITTEN = ("find.md", "about/index.md", "assets/stylesheets", "assets/javascripts/sort.js",
                "assets/javascripts/search.js")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass

    def handle_one_request(self):  # a closed page may drop its connection
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _copy_project(dest: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    for rel in HAND_WRITTEN:
        src, dst = ROOT / "docs" / rel, dest / "docs" / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy(src, dst)


def _downloads(entries, docs: Path):
    try:
        from builder import package
    except ImportError:  # package stage not there: a placeholder corpus zip
        out = docs / "downloads"
        out.mkdir(parents=True, exist_ok=True)
        for name in ("gov-disclosure-reports.zip", *(f"reports/{e.meta.id}.zip" for e in entries)):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(out / name, "w") as z:
                z.writestr("README.txt", "placeholder")
        return None
    params = inspect.signature(package.write_downloads).parameters
    extra = {"package_dir": None} if "package_dir" in params else {}
    return package.write_downloads(entries, out=docs / "downloads", **extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(site directory, entries by name) of a freshly built site."""
    from builder.build import collect
    from builder.render import render_site

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    project = tmp_path_factory.mktemp("site")
    _copy_project(project)
    result = collect(ROOT)
    finding = Finding("R1", "“自然人”一列：本年新收加上年结转应等于办理结果总计加结转下年度"
                            "（3+0=3，而4+0=4）", (("applications", "new", "natural_person"),),
                      expected=3, found=4, line=21)
    extra = {
        "two_years_2022": make_entry(body="修武县郇封镇人民政府", year=2022,
                                     region=("河南省", "焦作市", "修武县"), base=40),
        "two_years": make_entry(body="修武县郇封镇人民政府", year=2023,
                                region=("河南省", "焦作市", "修武县"), base=60,
                                findings=(finding,),
                                missing={("applications", "new", "research"): ""}),
        "injection": make_entry(body="测试镇人民政府", region=("河南省", "焦作市", "修武县"),
                                prose="\n".join(INJECTIONS), notes=INJECTIONS[0]),
    }
    entries = list(result.entries) + list(extra.values())
    docs = project / "docs"
    downloads = _downloads(entries, docs)
    render_site(entries, result.failures, docs, downloads=downloads, root=ROOT)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                           env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    index = subprocess.run([sys.executable, "-m", "pagefind", "--site", "site"], cwd=project,
                           capture_output=True, text=True)
    assert index.returncode == 0, index.stdout + index.stderr
    named = {e.meta.body.replace("人民政府", ""): e for e in result.entries}
    named.update(extra)
    return project / "site", named


@pytest.fixture(scope="module")
def server(built):
    site, _ = built
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
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
    link = page.wait_for_selector('.md-search-result__item a[href*="about/"][href*="#penalty"]')
    page.screenshot(path=str(ARTIFACTS / "search-penalty.png"))
    link.click()
    page.wait_for_url(re.compile(r"about/.*#penalty"))
    assert "行政处罚" in page.inner_text("#penalty")


def test_search_page_county_term_and_phrase(page, built):
    _, named = built
    page.goto(page.base + "find/?s=博爱县")
    first = page.wait_for_selector(".gd-results a.gd-r-title")
    assert first.inner_text() == "博爱县"
    assert "博爱县许良镇人民政府" in page.inner_text(".gd-search-results")
    page.goto(page.base + "find/?s=依申请公开")
    page.wait_for_selector(".gd-results mark")
    assert "依申请公开" in page.inner_text(".gd-results mark")
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

def test_body_page_cell_shows_number_and_source_line(page, built):
    _, named = built
    e = named["新华区焦店镇"]
    cell = e.report.index()[("applications", "new", "natural_person")]
    page.goto(page.base + _body_url(e))
    td = page.locator("table.gd-applications tbody tr").first.locator("td").first
    assert td.inner_text() == "1" == str(cell.value)
    assert td.get_attribute("title") == f"原文第{cell.source.line}行"
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
    page.goto(page.base + _body_url(named["博爱县许良镇"]))
    with page.expect_download() as d:
        page.click("a:text('数据包')")
    one = tmp_path / "one.zip"
    d.value.save_as(one)
    assert zipfile.is_zipfile(one)
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
    page.goto(page.base + "regions/")
    page.click("text=河南省")
    assert page.inner_text("h1") == "河南省"


def test_page_sizes(built):
    site, _ = built
    sizes = {p: p.stat().st_size for p in (site / "bodies").glob("*/index.html")}
    assert sizes and max(sizes.values()) < 60_000, max(sizes.items(), key=lambda kv: kv[1])
