"""The package stage: Frictionless data packages, zips and SQLite, checked with the real
frictionless validator and the sqlite3 shell."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builder import PARSER_VERSION, codes, package, schema
from builder.content import ReportMeta
from builder.errors import ReportError
from builder.model import Cell, Entry, Finding, ParsedReport, Problem, Source

from .conftest import console_script

# -- entries ------------------------------------------------------------------------------------


def make_entry(n: int, *, body: str, year: int, template: str, level: str = "township",
               blank: tuple[str, str, str] | None = None, incomplete: bool = False,
               county: str | None = "新华区") -> Entry:
    """A report with a distinct non-zero value in every cell of its template."""
    meta = ReportMeta(
        path=f"content/河南省/平顶山市/{body}/{year}.txt",
        sidecar=f"content/河南省/平顶山市/{body}/{year}.yml",
        body=body, level=level, province="河南省", prefecture="平顶山市", county=county,
        region_code="410402", year=year, source_url=f"https://example.gov.cn/{n}/{year}.html",
        published=f"{year + 1}-01-20")
    cells = []
    for i, (table, row, column) in enumerate(codes.cell_keys(template)):
        value: int | float | None = 1 + (n * 7 + i * 3) % 97
        if column == "amount":
            value = value + 0.25
        if column == "change":
            value = -value  # 本年增/减 may be negative
        if (table, row, column) == blank:
            value = None
        raw = "/" if value is None else str(value)
        unit = None
        if (table, row, column) == ("proactive", "procurement", "amount"):
            unit = "元" if n % 2 == 0 else "万元"  # 2019's amount, as printed with its unit
            raw += unit
        cells.append(Cell(table, row, column, value, raw, Source(line=100 + i), unit))
    errors = []
    if incomplete:  # the applications table was cut off: only the cells that were read
        cells = [c for c in cells if c.table != "applications" or c.row == "new"]
        errors = [Problem("表三不完整 / table applications ends after row new", line=150,
                          table="applications", row="carried_over")]
    findings = [Finding("R1", "本年新收+上年结转≠办理结果总计+结转下年",
                        (("applications", "new", "total"),
                         ("applications", "results_total", "total")), 10, 12.5, line=120),
                Finding("W1", "乡镇制发规章 / a township made rules", (), None, "3", line=None)]
    report = ParsedReport(path=meta.path, body=body, year=year, template=template,
                          layout="tab", cells=cells, errors=errors, findings=findings)
    return Entry(meta, report)


def corpus() -> list[Entry]:
    return [
        make_entry(1, body="新华区焦店镇人民政府", year=2023, template="2021",
                   blank=("applications", "new", "research")),
        make_entry(2, body="新华区焦店镇人民政府", year=2020, template="2019",
                   blank=("proactive", "fees", "change")),
        make_entry(3, body='博爱县"许良镇",人民政府', year=2022, template="2021"),
        make_entry(4, body="林西县林西镇人民政府", year=2023, template="2021", incomplete=True),
        make_entry(5, body="平顶山市司法局", year=2019, template="2019", level="department",
                   county=None),
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("pkg")
    entries = corpus()
    rendered = package.render(entries)
    package.write_datapackage(rendered, root / "datapackage")
    downloads = package.write_downloads(rendered, root / "datapackage", root / "downloads")
    return {"root": root, "entries": entries, "dp": root / "datapackage",
            "dl": root / "downloads", "downloads": downloads}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# -- validity -----------------------------------------------------------------------------------


def test_corpus_and_every_report_package_are_valid(built: dict) -> None:
    dp = built["dp"]
    assert package.validate_package(dp / "datapackage.json") == []
    for e in built["entries"]:
        assert package.validate_package(dp / "reports" / e.meta.id / "datapackage.json") == []


def test_frictionless_cli_accepts_the_corpus(built: dict) -> None:
    exe = console_script("frictionless")
    run = subprocess.run([exe, "validate", "--json", "datapackage.json"], cwd=built["dp"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert json.loads(run.stdout)["valid"] is True


def test_zips_validate_with_frictionless(built: dict, tmp_path: Path) -> None:
    dl = built["dl"]
    assert package.validate_package(dl / package.ZIP_NAME) == []
    rid = built["entries"][0].meta.id
    report_zip = dl / "reports" / f"{rid}.zip"
    assert package.validate_package(report_zip) == []
    with zipfile.ZipFile(report_zip) as z:
        z.extractall(tmp_path / "unzipped")
        assert z.namelist()[0] == "datapackage.json"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert package.validate_package(tmp_path / "unzipped" / "datapackage.json") == []
    with zipfile.ZipFile(dl / package.CSV_ZIP_NAME) as z:
        assert sorted(z.namelist()) == sorted(f"{t.name}.csv" for t in schema.TABLES)


def _break(lines: list[str], how: str) -> list[str]:
    first = lines[1].split(",")
    if how == "type-error":
        first[4] = "many"
    elif how == "foreign-key":
        first[0] = "b000000000-2023"
    elif how == "constraint-error":
        first[4] = "-3"
    elif how == "primary-key":
        return lines + [lines[1]]
    return [lines[0], ",".join(first)] + lines[2:]


@pytest.mark.parametrize("how", ["type-error", "foreign-key", "primary-key",
                                 "constraint-error"])
def test_frictionless_rejects_a_broken_copy(built: dict, tmp_path: Path, how: str) -> None:
    copy = tmp_path / "dp"
    shutil.copytree(built["dp"], copy, ignore=shutil.ignore_patterns("reports"))
    path = copy / "data" / "applications.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(_break(lines, how)), encoding="utf-8")
    errors = package.validate_package(copy / "datapackage.json")
    assert any(f": {how}: " in e and "applications.csv" in e for e in errors), errors


def test_a_cell_code_not_in_the_template_is_rejected(built: dict, tmp_path: Path) -> None:
    e = built["entries"][0]  # template 2021 has no 2019 column "made"
    odd = Cell("proactive", "rules", "made", 5, "5", Source(line=9))
    bad = Entry(e.meta, dataclasses.replace(e.report, cells=e.report.cells + [odd]))
    package.write_datapackage([bad], tmp_path / "dp", reports=False)
    errors = package.validate_package(tmp_path / "dp" / "datapackage.json")
    assert any("foreign-key" in x and "proactive.csv" in x for x in errors), errors


# -- content ------------------------------------------------------------------------------------


def _expected_text(value: int | float | None) -> str:
    return "" if value is None else str(value)


def test_csv_values_equal_the_entries_cells(built: dict) -> None:
    for table in codes.TABLES:
        rows = read_csv(built["dp"] / "data" / f"{table}.csv")
        got = {(r["report_id"], r["row"], r["column"]): (r["value"], r["line"], r["template"])
               for r in rows}
        want = {(e.meta.id, c.row, c.column): (_expected_text(c.value), str(c.source.line),
                                               e.report.template)
                for e in built["entries"] for c in e.report.cells if c.table == table}
        assert got == want
        assert len(rows) == len(want)
        for e in built["entries"]:  # the per-report CSV holds the same rows
            mine = read_csv(built["dp"] / "reports" / e.meta.id / f"{table}.csv")
            assert mine == [r for r in rows if r["report_id"] == e.meta.id]


def test_every_column_of_both_templates_is_non_zero(built: dict) -> None:
    seen = {}
    for table in codes.TABLES:
        for r in read_csv(built["dp"] / "data" / f"{table}.csv"):
            if r["value"]:
                seen[(r["template"], table, r["row"], r["column"])] = float(r["value"])
    for template in codes.TEMPLATES:
        for key in codes.cell_keys(template):
            assert seen.get((template, *key)), (template, key)
    assert seen[("2019", "proactive", "licensing", "change")] < 0
    assert seen[("2021", "proactive", "fees", "amount")] % 1 == 0.25


def test_a_blank_cell_is_empty_never_zero(built: dict) -> None:
    rid = built["entries"][0].meta.id
    rows = read_csv(built["dp"] / "data" / "applications.csv")
    blank = [r for r in rows if r["report_id"] == rid and r["row"] == "new"
             and r["column"] == "research"]
    assert [r["value"] for r in blank] == [""]
    con = sqlite3.connect(built["dl"] / package.SQLITE_NAME)
    value = con.execute("SELECT value FROM applications WHERE report_id = ? AND row = 'new' "
                        "AND \"column\" = 'research'", (rid,)).fetchall()
    assert value == [(None,)]
    con.close()


def test_reports_table_findings_and_errors(built: dict) -> None:
    reports = {r["report_id"]: r for r in read_csv(built["dp"] / "data" / "reports.csv")}
    entries = {e.meta.id: e for e in built["entries"]}
    assert list(reports) == sorted(entries)
    for rid, e in entries.items():
        r = reports[rid]
        assert r["body"] == e.meta.body and r["body_id"] == e.meta.body_id
        assert r["year"] == str(e.meta.year) and r["template"] == e.report.template
        assert r["path"] == e.meta.path and r["source_url"] == e.meta.source_url
        assert r["complete"] == ("true" if e.report.complete else "false")
        assert r["cells"] == str(len(e.report.cells))
        assert r["findings"] == "2" and r["errors"] == str(len(e.report.errors))
    incomplete = [e for e in entries.values() if not e.report.complete]
    assert len(incomplete) == 1 and reports[incomplete[0].meta.id]["complete"] == "false"
    errors = read_csv(built["dp"] / "data" / "errors.csv")
    assert [(x["report_id"], x["table"], x["row"], x["line"]) for x in errors] == [
        (incomplete[0].meta.id, "applications", "carried_over", "150")]
    findings = read_csv(built["dp"] / "data" / "findings.csv")
    assert len(findings) == 2 * len(entries)
    r1 = findings[0]
    assert (r1["rule"], r1["severity"], r1["expected"], r1["found"], r1["line"]) == (
        "R1", "inconsistency", "10", "12.5", "120")
    assert r1["cells"] == "applications.new.total;applications.results_total.total"


def test_code_lists_cover_the_templates(built: dict) -> None:
    rows = read_csv(built["dp"] / "data" / "rows.csv")
    assert len(rows) == sum(len(codes.rows(t, x)) for t in codes.TEMPLATES for x in codes.TABLES)
    cells = read_csv(built["dp"] / "data" / "template_cells.csv")
    assert len(cells) == sum(len(codes.cell_keys(t)) for t in codes.TEMPLATES)
    columns = read_csv(built["dp"] / "data" / "columns.csv")
    made = [c for c in columns if c["column"] == "made"]
    assert [(c["table"], c["template"], c["label"]) for c in made] == [
        ("proactive", "2019", "本年新制作数量")]


def test_descriptors_carry_licence_sources_and_provenance(built: dict) -> None:
    corpus_d = json.loads((built["dp"] / "datapackage.json").read_text(encoding="utf-8"))
    assert corpus_d["licenses"][0]["name"] == "CC-BY-4.0"
    assert f"parser version {PARSER_VERSION}" in corpus_d["description"]
    assert [s["path"] for s in corpus_d["sources"]] == [
        e.meta.source_url for e in sorted(built["entries"], key=lambda e: e.meta.id)]
    assert [r["name"] for r in corpus_d["resources"]] == [t.name for t in schema.TABLES]
    for r in corpus_d["resources"]:
        for f in r["schema"]["fields"]:
            assert f["title"] and any("\u4e00" <= ch <= "\u9fff" for ch in f["description"])
    e = built["entries"][2]
    one = json.loads((built["dp"] / "reports" / e.meta.id / "datapackage.json").read_text())
    assert one["name"] == e.meta.id and one["licenses"] == corpus_d["licenses"]
    assert one["sources"] == [{"title": f"{e.meta.body}{e.meta.year}年政府信息公开工作年度报告",
                               "path": e.meta.source_url}]
    # the same schemas, less the foreign keys to the code lists the corpus alone has
    by_name = {r["name"]: r["schema"] for r in corpus_d["resources"]}
    for r in one["resources"]:
        assert r["schema"]["fields"] == by_name[r["name"]]["fields"]
        assert r["schema"]["primaryKey"] == by_name[r["name"]]["primaryKey"]


def test_descriptor_json_is_json_dumps(built: dict) -> None:
    r = package.render(built["entries"])
    for pkg in r.reports.values():
        d = json.loads(pkg.descriptor)
        assert pkg.descriptor == (json.dumps(d, ensure_ascii=False, indent=2) + "\n").encode()
        paths = {t.name: f"{t.name}.csv" for t in schema.REPORT_TABLES}
        assert d == schema.package_descriptor(pkg.head, schema.REPORT_TABLES, paths, pkg.csv)
    d = json.loads(r.corpus["datapackage.json"])
    assert r.corpus["datapackage.json"] == (json.dumps(d, ensure_ascii=False, indent=2)
                                            + "\n").encode()


def test_fast_cell_csv_equals_the_csv_module(built: dict) -> None:
    for e in built["entries"]:
        want = {n: package._csv_text(rows) for n, rows in package.report_rows(e).items()}
        assert package.report_csv(e) == want
        cells = list(e.report.cells)
        random.Random(7).shuffle(cells)
        shuffled = Entry(e.meta, dataclasses.replace(e.report, cells=cells))
        assert package.report_csv(shuffled) == want


def test_fast_cell_csv_writes_places_in_an_original_as_the_csv_module() -> None:
    """Cells read from HTML, DOCX or PDF tables carry their place (表1第3行第2列, 第2页): the
    fast path writes it too, as csv.writer would."""
    places = (Source(table=1, row=3, col=2), Source(line=7, page=2), Source(page=3, table=2,
              row=4, col=1), Source(table=2, row=5), Source(line=9), Source())
    for e in corpus():
        cells = [c._replace(source=places[i % len(places)])
                 for i, c in enumerate(e.report.cells)]
        entry = Entry(e.meta, dataclasses.replace(e.report, cells=cells))
        want = {n: package._csv_text(rows) for n, rows in package.report_rows(entry).items()}
        position = schema.CELL_POSITIONS[e.report.template]
        assert package._plain_cell_lines(cells, position, "x,") is not None
        assert package.report_csv(entry) == want
        assert "表1第3行第2列" in want["applications"] and "第2页" in want["applications"]


def test_two_reports_with_one_id_are_refused() -> None:
    e = corpus()[0]
    with pytest.raises(ValueError, match="same body and year"):
        package.render([e, Entry(dataclasses.replace(e.meta, path="content/x.txt"), e.report)])


def test_an_amount_printed_with_its_unit_keeps_it_in_csv_and_sqlite(built: dict) -> None:
    """The 2019 template's 采购总金额 as printed (251000元, 25.1万元): the proactive table's
    unit field holds the unit beside the value, empty for every other cell; the SQLite
    database and its cells view have it too."""
    rows = read_csv(built["dp"] / "data" / "proactive.csv")
    assert list(rows[0]) == ["report_id", "template", "row", "column", "value", "unit", "line",
                             "source"]
    units = {(r["report_id"], r["row"], r["column"]): r["unit"] for r in rows if r["unit"]}
    by_n = {e.meta.id: e for e in built["entries"]}
    assert units == {(rid, "procurement", "amount"): u for rid, u in (
        (e.meta.id, c.unit) for e in by_n.values() for c in e.report.cells if c.unit)}
    assert sorted(units.values()) == ["万元", "元"]
    con = sqlite3.connect(built["dl"] / package.SQLITE_NAME)
    try:
        got = con.execute('SELECT report_id, value, unit FROM cells WHERE unit IS NOT NULL '
                          'ORDER BY report_id').fetchall()
        n = con.execute("SELECT COUNT(*) FROM cells WHERE unit IS NULL").fetchone()[0]
    finally:
        con.close()
    want = sorted((e.meta.id, c.value, c.unit) for e in built["entries"]
                  for c in e.report.cells if c.unit)
    assert got == want
    assert n == sum(len(e.report.cells) for e in built["entries"]) - len(want)


# -- SQLite -------------------------------------------------------------------------------------


def test_sqlite_shell_answers_applications_per_body(built: dict) -> None:
    exe = shutil.which("sqlite3") or pytest.fail(
        "the sqlite3 shell is missing: apt-get install -y sqlite3 (see .ci/run)")
    query = ("SELECT r.body, SUM(a.value) AS n FROM applications a JOIN reports r "
             "USING (report_id) WHERE a.row = 'new' AND a.\"column\" = 'total' "
             "GROUP BY r.body_id, r.body ORDER BY n DESC, r.body;")
    run = subprocess.run([exe, "-readonly", "-separator", "\t",
                          str(built["dl"] / package.SQLITE_NAME), query],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    got = [tuple(line.split("\t")) for line in run.stdout.splitlines()]
    totals: dict[str, int] = {}
    for e in built["entries"]:
        v = e.report.value("applications", "new", "total")
        totals[e.meta.body] = totals.get(e.meta.body, 0) + v
    want = sorted(((b, str(n)) for b, n in totals.items()), key=lambda x: (-int(x[1]), x[0]))
    assert got == want
    assert len(got) == 4  # 新华区焦店镇 has two reports, summed


def test_sqlite_keys_constraints_and_values(built: dict) -> None:
    con = sqlite3.connect(built["dl"] / package.SQLITE_NAME)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    n_cells = sum(len(e.report.cells) for e in built["entries"])
    assert con.execute("SELECT COUNT(*) FROM cells").fetchone() == (n_cells,)
    for e in built["entries"]:
        for c in e.report.cells:
            got = con.execute(f'SELECT value FROM "{c.table}" WHERE report_id = ? AND row = ? '
                              'AND "column" = ?', (e.meta.id, c.row, c.column)).fetchone()
            assert got == (c.value,)
    assert con.execute("SELECT complete FROM reports WHERE complete = 0").fetchall() == [(0,)]
    assert con.execute("SELECT value FROM metadata WHERE key = 'parser_version'").fetchone() \
        == (PARSER_VERSION,)
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO applications VALUES ('b000000000-2023', '2021', 'new', "
                    "'total', 1, 1, NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE applications SET value = -1 WHERE rowid = 1")
    con.close()


# -- determinism and incremental writes ---------------------------------------------------------


def test_building_twice_gives_identical_bytes(built: dict, tmp_path: Path) -> None:
    entries = corpus()
    random.Random(3).shuffle(entries)  # input order does not matter
    package.write_datapackage(entries, tmp_path / "datapackage")
    package.write_downloads(entries, tmp_path / "datapackage", tmp_path / "downloads")
    for name in ("datapackage", "downloads"):
        first, second = all_files(built["root"] / name), all_files(tmp_path / name)
        assert sorted(first) == sorted(second)
        assert [k for k in first if first[k] != second[k]] == []
    # and rebuilding in place writes nothing
    assert package.write_datapackage(entries, tmp_path / "datapackage") == []
    again = package.write_downloads(entries, tmp_path / "datapackage", tmp_path / "downloads")
    assert again["changed"] == []
    assert package.stale_files(entries, tmp_path / "datapackage") == []


def test_only_the_changed_report_is_rewritten(tmp_path: Path) -> None:
    entries = corpus()
    out = tmp_path / "dp"
    package.write_datapackage(entries, out)
    e = entries[2]
    cells = [c._replace(value=999) if (c.row, c.column) == ("new", "total") else c
             for c in e.report.cells]
    entries[2] = Entry(e.meta, dataclasses.replace(e.report, cells=cells))
    rid = e.meta.id
    want = ["data/applications.csv", "datapackage.json",
            f"reports/{rid}/applications.csv", f"reports/{rid}/datapackage.json"]
    assert package.stale_files(entries, out) == [f"{p}: differs" for p in want]
    changed = package.write_datapackage(entries, out)
    assert sorted(p.relative_to(out).as_posix() for p in changed) == sorted(want)
    assert package.stale_files(entries, out) == []
    # a report that is gone leaves no package behind
    gone = entries.pop(0)
    package.write_datapackage(entries, out)
    assert not (out / "reports" / gone.meta.id).exists()
    assert package.stale_files(entries, out) == []
    # a file edited by hand is reported, and a full write repairs it
    victim = out / "reports" / rid / "proactive.csv"
    victim.write_text("edited", encoding="utf-8")
    assert package.stale_files(entries, out) == [f"reports/{rid}/proactive.csv: differs"]
    assert package.write_datapackage(entries, out, full=True) == [victim]
    assert package.stale_files(entries, out) == []
    (out / "data" / "extra.csv").write_text("x", encoding="utf-8")
    assert package.stale_files(entries, out) == ["data/extra.csv: not produced by the reports"]


def test_write_downloads_from_a_package_directory(built: dict, tmp_path: Path) -> None:
    out = package.write_downloads(None, built["dp"], tmp_path)
    assert (tmp_path / package.ZIP_NAME).read_bytes() == (
        built["dl"] / package.ZIP_NAME).read_bytes()
    assert sorted(out["reports"]) == sorted(e.meta.id for e in built["entries"])
    assert package.validate_package(next(iter(out["reports"].values()))) == []


def test_sqlite_ddl_matches_the_schemas() -> None:
    con = sqlite3.connect(":memory:")
    for ddl in schema.sqlite_ddl():
        con.execute(ddl)
    for t in schema.TABLES:
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t.name}")')]
        assert cols == t.field_names
    # each code list is a CHECK of its own (foreign keys are off by default in SQLite)
    con.execute("INSERT INTO applications VALUES ('r', '2021', 'new', 'total', 1, 1, NULL)")
    for row, column in (("new", "Total"), ("neww", "total"), ("", "total")):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute("INSERT INTO applications VALUES ('r', '2021', ?, ?, 1, 1, NULL)",
                        (row, column))
    con.close()




def test_report_packages_can_be_left_out(tmp_path: Path) -> None:
    entries = corpus()
    out = tmp_path / "dp"
    package.write_datapackage(entries, out)
    (out / "reports" / "README.txt").write_text("not ours", encoding="utf-8")
    package.write_datapackage(entries, out, reports=False)
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["README.txt"]
    (out / "reports" / "README.txt").unlink()
    assert package.stale_files(entries, out, reports=False) == []


def _pages_root(tmp_path: Path) -> Path:
    root = tmp_path / "site-root"
    root.mkdir()
    (root / "CONTRIBUTING.md").write_text("# 参与\n", "utf-8")
    return root


def test_downloads_written_beside_the_pages_are_the_same(built: dict, tmp_path: Path) -> None:
    """`builder build` writes the downloads in a forked process while the pages render and
    MkDocs runs; that process writes the downloads page with their sizes and then the mark
    MkDocs waits for."""
    from builder import build
    from builder.site_plugins import wait_for_downloads

    root = _pages_root(tmp_path)
    rendered = package.render(built["entries"])
    package.write_datapackage(rendered, root / "datapackage")
    child = build.start_pages(root, built["entries"], [], rendered)
    assert (root / "docs" / "downloads.md").is_file()  # for MkDocs, before the child ends
    assert child.pid is not None
    wait_for_downloads(root / "docs", child.pid)
    result = child.next()
    child.close()
    dl = root / "docs" / "downloads"
    assert (dl / build.DOWNLOADS_DONE).read_text("utf-8") == "ok\n"
    files = all_files(dl)
    del files[build.DOWNLOADS_DONE]
    assert {k: v for k, v in files.items() if not k.startswith("sources/")} \
        == all_files(built["dl"])
    assert sorted(result) == sorted(built["downloads"])
    size = (dl / package.SQLITE_NAME).stat().st_size
    assert f"{size / 1024 / 1024:.1f} MB" in (root / "docs" / "downloads.md").read_text("utf-8") \
        or f"{size / 1024:.1f} KB" in (root / "docs" / "downloads.md").read_text("utf-8")
    build.publish_downloads(root)
    site = all_files(root / "site" / "downloads")
    assert site == {k: v for k, v in all_files(dl).items() if k != build.DOWNLOADS_DONE}


def test_mkdocs_reads_the_downloads_page_last(tmp_path: Path) -> None:
    """A real `mkdocs build` with the gd-downloads plugin reads the downloads page after every
    other page, so that the pages cover the time its writer takes (it had been read among the
    first, and MkDocs waited for the downloads doing nothing else), and waits for the mark."""
    docs = tmp_path / "docs"
    for name in ("index.md", "about.md", "downloads.md", "quality.md", "bodies/b1.md",
                 "bodies/b2.md", "regions/r1.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n", "utf-8")
    (docs / "downloads").mkdir()
    order = tmp_path / "order.txt"
    (tmp_path / "record.py").write_text(
        "def on_page_read_source(page, config):\n"
        f"    open({str(order)!r}, 'a').write(page.file.src_uri + '\\n')\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins: [gd-downloads]\nhooks: [record.py]\n", "utf-8")
    mark = docs / "downloads" / ".written"
    writer = subprocess.Popen([sys.executable, "-c", "import time, pathlib; time.sleep(1); "
                               f"pathlib.Path({str(mark)!r}).write_text('ok\\n')"])
    try:
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                              str(tmp_path / "mkdocs.yml")], cwd=tmp_path, capture_output=True,
                             text=True, timeout=120,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                                      GD_DOWNLOADS_PID=str(writer.pid)))
    finally:
        writer.wait()
    assert run.returncode == 0, run.stderr
    read = order.read_text("utf-8").split()
    assert sorted(read) == sorted(["index.md", "about.md", "downloads.md", "quality.md",
                                   "bodies/b1.md", "bodies/b2.md", "regions/r1.md"])
    assert read[-1] == "downloads.md"
    assert (tmp_path / "site" / "downloads" / "index.html").is_file()


def test_a_failing_downloads_process_is_an_error_of_ours(built: dict, tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from builder import build
    from builder.site_plugins import wait_for_downloads

    root = _pages_root(tmp_path)
    (root / "docs" / "downloads").mkdir(parents=True)
    (root / "docs" / "downloads" / "reports").write_text("a file where a folder should be")
    rendered = package.render(built["entries"])
    child = build.start_pages(root, built["entries"], [], rendered)
    with pytest.raises(PluginError, match="writing the downloads failed"):
        wait_for_downloads(root / "docs", child.pid)
    with pytest.raises(ReportError, match="writing the downloads failed"):
        child.next()
    child.close()


def test_mkdocs_stops_waiting_when_the_downloads_process_ends_without_its_mark(
        tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from builder.site_plugins import wait_for_downloads

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    (tmp_path / "downloads").mkdir()
    with pytest.raises(PluginError, match="ended without finishing"):
        wait_for_downloads(tmp_path, proc.pid)
