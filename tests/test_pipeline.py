"""The whole pipeline on the repository's own content: the committed data package is what the
content produces and passes frictionless's validator; strict builds fail on unreadable reports;
other inputs (traditional characters, .doc without LibreOffice) get their answer."""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import synth
from builder.cli import main
from builder.errors import ReportError
from builder.normalize import _TRADITIONAL
from builder.package import validate_package
from builder.parse import parse_document, parse_file
from builder.read import text_document

from .conftest import ROOT


def _cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def test_committed_datapackage_is_current_and_valid() -> None:
    code, _, err = _cli("build", "--check", "--no-site", "--root", str(ROOT))
    assert code == 0, err
    assert validate_package(ROOT / "datapackage" / "datapackage.json") == []


def test_stale_datapackage_is_detected(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    side = tmp_path / "content/河南省/焦作市/博爱县/许良镇/2023.yml"
    side.write_text(side.read_text("utf-8").replace("source_url:", "source_url: "
                                                    "https://example.org/x"), "utf-8")
    code, _, err = _cli("build", "--check", "--no-site", "--root", str(tmp_path))
    assert code == 1
    assert "datapackage/ is out of date" in err and "data/reports.csv" in err
    assert "run: builder build --no-site" in err


def test_unreadable_report_fails_strict_build_only(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    bad = tmp_path / "content/河南省/焦作市/博爱县/坏镇"
    bad.mkdir()
    (bad / "2023.txt").write_bytes(b"")
    (bad / "2023.yml").write_text((ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.yml")
                                  .read_text("utf-8").replace("许良镇", "坏镇"), "utf-8")
    code, _, err = _cli("build", "--no-site", "--root", str(tmp_path))
    assert code == 0, err
    assert "content/河南省/焦作市/博爱县/坏镇/2023.txt: 空文件 / empty file" in err
    reports = (tmp_path / "datapackage/data/reports.csv").read_text("utf-8")
    assert reports.count("\n") == 6 and "坏镇" not in reports  # the other five are all there
    code, _, err = _cli("build", "--no-site", "--strict", "--root", str(tmp_path))
    assert code == 1 and "--strict: 1 unreadable and 0 incomplete report(s)" in err


def test_traditional_character_mirror_copy_reads_the_same() -> None:
    to_trad = {simple: trad for trad, simple in _TRADITIONAL.items()}
    spec = synth.random_spec(random.Random(11))
    text = synth.render_text(spec, "tab")
    trad = "".join(to_trad.get(ch, ch) for ch in text)
    assert trad != text and "開" in trad
    a = parse_document(text_document(text.encode(), "s.txt"))
    b = parse_document(text_document(trad.encode(), "t.txt"))
    assert b.complete and [(c.table, c.row, c.column, c.value) for c in b.cells] == \
        [(c.table, c.row, c.column, c.value) for c in a.cells]


def _without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_word_97_documents_read_without_libreoffice(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """.doc (and .wps in its format) are read from their piece table and paragraph
    properties: every figure, no LibreOffice needed."""
    _without_libreoffice(tmp_path, monkeypatch)
    folder = ROOT / "tests/fixtures/rendered/random-1"
    expected = {(c["table"], c["row"], c["column"]): c["value"]
                for c in json.loads((folder / "expected.json").read_text("utf-8"))["cells"]}
    for suffix in (".doc", ".wps"):
        target = tmp_path / f"report{suffix}"
        shutil.copy(folder / "report.doc", target)
        report = parse_file(target)
        assert report.layout == "doc" and report.complete
        assert {(c.table, c.row, c.column): c.value for c in report.cells} == expected
        # its place in the original: the second table, the row's eighth cell (the label's
        # merged cell is one)
        cell = next(c for c in report.cells if c.row == "new" and c.column == "total")
        assert (cell.source.table, cell.source.col, cell.raw) == (2, 8, "12355")


@pytest.mark.parametrize("holds", ["docx", "html", "mhtml"])
def test_a_doc_that_holds_another_format_is_read_as_what_it_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, holds: str) -> None:
    """Sites publish as .doc a web page Word saved (HTML or one-file MHTML) and .docx files
    renamed: read as what the bytes are."""
    _without_libreoffice(tmp_path, monkeypatch)
    folder = ROOT / "tests/fixtures/rendered/random-1"
    if holds == "docx":
        data = (folder / "report.docx").read_bytes()
    elif holds == "html":
        data = (folder / "libreoffice.html").read_bytes()
    else:
        page = (folder / "report.html").read_bytes()
        data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
                b"--b\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
                b"Content-Transfer-Encoding: 8bit\r\n\r\n" + page + b"\r\n--b--\r\n")
    target = tmp_path / "report.doc"
    target.write_bytes(data)
    report = parse_file(target)
    assert report.complete and report.body == "杭州市临安区於潜镇人民政府"


@pytest.mark.parametrize(("data", "says"), [
    (b"{\\rtf1\\ansi some text}", "LibreOffice (soffice) is not installed"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
     "cannot read the .doc file: expected a Word 97–2003 document"),
])
def test_a_doc_that_cannot_be_read_here_is_refused_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, says: str) -> None:
    """An RTF file needs LibreOffice; a damaged Word file is said to be one."""
    _without_libreoffice(tmp_path, monkeypatch)
    doc = tmp_path / "report.doc"
    doc.write_bytes(data)
    with pytest.raises(ReportError) as exc:
        parse_file(doc)
    assert says in exc.value.problems[0].message


@pytest.mark.parametrize("name", ["report.rtf", "report.txt"])
def test_an_rtf_file_is_known_whatever_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                name: str) -> None:
    """A Word file saved as RTF, named .rtf or .txt, is said to need LibreOffice (which
    converts it when installed) — it had been read as text, its markup refused as no report."""
    _without_libreoffice(tmp_path, monkeypatch)
    target = tmp_path / name
    target.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 \\f0 2023\\'c4\\'ea}")
    with pytest.raises(ReportError) as exc:
        parse_file(target)
    assert exc.value.problems[0].message.startswith(
        "无法读取 RTF 文件 / cannot read RTF: LibreOffice (soffice) is not installed")


def test_package_rows_carry_the_position_in_an_original() -> None:
    """A figure read from a PDF or Word table is traceable in the data: the `source` column
    gives page/table/row/column in the words of the site's tooltip."""
    from builder import package
    from builder.content import ReportMeta
    from builder.model import Entry

    folder = ROOT / "tests/fixtures/rendered/random-1"
    for name, word in (("report.pdf", "页"), ("report.docx", "表")):
        report = parse_file(folder / name)
        meta = ReportMeta(path=f"content/x/{name}", sidecar="content/x/2023.yml",
                          body=report.body, level="township", province="浙江省",
                          year=report.year)
        text = package.report_csv(Entry(meta, report))["applications"]
        cell = report.index()[("applications", "new", "natural_person")]
        line = next(x for x in text.splitlines() if ",new,natural_person," in x)
        assert line.endswith("," + cell.source.describe()) and word in cell.source.describe()


def test_cells_and_sources_pickle_as_a_call_of_their_class() -> None:
    """The cache pickles every report: Cell and Source are written as Cell(*fields), which
    loads the same as a named tuple's own form (Cell.__new__(Cell, *fields), as older
    pickles have it), in every protocol."""
    import copyreg
    import io
    import pickle

    from builder.model import Cell, Source

    cells = [Cell("applications", "new", "total", 3, "3", Source(line=7)),
             Cell("proactive", "fees", "amount", 1.5, "1.5",
                  Source(line=None, page=2, table=1, row=2, col=3))]

    class OwnForm(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if type(obj) in (Cell, Source):
                return copyreg.__newobj__, (type(obj), *obj)  # type: ignore[misc]
            return NotImplemented

    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        own = io.BytesIO()
        OwnForm(own, max(proto, 2)).dump(cells)
        for data in (pickle.dumps(cells, proto), own.getvalue()):
            back = pickle.loads(data)
            assert back == cells and repr(back) == repr(cells)
            assert [(type(c), type(c.source)) for c in back] == [(Cell, Source)] * 2


def test_the_parse_cache_reparses_only_what_changed(tmp_path: Path, monkeypatch) -> None:
    """The cache is keyed on each report's bytes and sidecar: a second build parses nothing, a
    changed report is parsed again alone, and the results equal an uncached parse."""
    from builder import build

    shutil.copytree(ROOT / "content", tmp_path / "content")
    first = build.collect(tmp_path, jobs=1)
    folder = build.cache_folder(tmp_path)
    assert list(folder.glob("*.pickle"))
    calls: list[str] = []
    real = build._parse_item
    monkeypatch.setattr(build, "_parse_item", lambda a: calls.append(a[0]) or real(a))
    again = build.collect(tmp_path, jobs=1)
    assert calls == []
    assert [e.report for e in again.entries] == [e.report for e in first.entries]
    changed = tmp_path / "content/河南省/焦作市/博爱县/许良镇/2023.txt"
    changed.write_text(changed.read_text("utf-8").replace("一、总体情况", "一、总体情况 ", 1),
                       "utf-8")
    third = build.collect(tmp_path, jobs=1)
    assert [Path(c).name for c in calls] == ["2023.txt"] and "许良镇" in calls[0]
    fresh = build.collect(tmp_path, jobs=1, use_cache=False)
    assert [e.report for e in third.entries] == [e.report for e in fresh.entries]


def test_packages_are_rebuilt_without_reading_the_cached_reports(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """The cache keeps package rows apart from the pickled reports: rebuilding the data
    packages reads no report; a report whose pickle is lost is parsed again when needed."""
    from builder import build, files, package

    shutil.copytree(ROOT / "content", tmp_path / "content")
    first = build.collect(tmp_path, jobs=1)
    folder = build.cache_folder(tmp_path)
    assert list(folder.glob("rows-*.pickle")) and list(folder.glob("reports-*.pickle"))
    read: list[str] = []
    real_load = files.load_pickle
    monkeypatch.setattr(build, "load_pickle", lambda p: read.append(p.name) or real_load(p))
    again = build.collect(tmp_path, jobs=1)
    rendered = package.render(again.entries)
    assert rendered.files(reports=False) == package.render(first.entries).files(reports=False)
    assert read and not any(n.startswith("reports-") for n in read)
    for f in folder.glob("reports-*.pickle"):
        f.unlink()
    assert [e.report for e in build.collect(tmp_path, jobs=1).entries] == \
        [e.report for e in build.collect(tmp_path, jobs=1, use_cache=False).entries]


def test_the_cache_follows_the_parser_code(tmp_path: Path, monkeypatch) -> None:
    """Another parser version or other parser code is another cache folder; after a save only
    the current folder is kept (CI restores whatever was saved last)."""
    from builder import build

    shutil.copytree(ROOT / "content", tmp_path / "content")
    stale = tmp_path / ".cache" / "parse-v0-c1-0123456789ab"
    stale.mkdir(parents=True)
    (stale / "00.pickle").write_bytes(b"not ours")
    folder = build.cache_folder(tmp_path)
    assert build.cache_folder(tmp_path) == folder
    build.collect(tmp_path, jobs=1)
    assert not stale.exists() and folder.is_dir()
    monkeypatch.setattr(build, "CACHED_MODULES", build.CACHED_MODULES[:-1])
    assert build.cache_folder(tmp_path) != folder
    monkeypatch.setattr(build, "PARSER_VERSION", "999")
    assert build.cache_folder(tmp_path).name.startswith("parse-v999-")
    # the counties' townships, which the prose's check reads, are part of the key too
    before = build.cache_folder(tmp_path)
    monkeypatch.setattr(build, "CACHED_DATA", ())
    assert build.cache_folder(tmp_path) != before


def test_every_reader_is_part_of_the_cache_key() -> None:
    """A change to any reader (or to the 繁体 table) gives another cache folder: read_doc,
    read_xls, read_xlsx and trad were missing, so a change there without a new PARSER_VERSION
    would have kept stale results."""
    from builder import build

    here = ROOT / "builder"
    readers = {p.stem for p in here.glob("read*.py")} | {"trad", "normalize", "parse", "check",
                                                          "errors", "files", "regions"}
    assert readers <= set(build.CACHED_MODULES)
    assert all((here / f"{name}.py").is_file() for name in build.CACHED_MODULES)
    assert {p.relative_to(here).as_posix() for p in (here / "data").glob("*.tsv")} \
        <= set(build.CACHED_DATA)


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch) -> None:
    """A stat index (size, mtime, inode, ctime -> key) spares reading 20,000 files to hash them
    when one report changed; a changed file is read and parsed again."""
    from builder import build

    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.setattr(build, "RACY_NS", 0)  # the files were written a moment ago
    first = build.collect(tmp_path, jobs=1)
    hashed: list[str] = []
    real = build._cache_key
    monkeypatch.setattr(build, "_cache_key", lambda i: hashed.append(i.report.name) or real(i))
    again = build.collect(tmp_path, jobs=1)
    assert hashed == []
    assert [e.report for e in again.entries] == [e.report for e in first.entries]
    changed = tmp_path / "content/河南省/焦作市/博爱县/许良镇/2023.yml"
    changed.write_text(changed.read_text("utf-8").replace("year: 2023", "year: 2022"), "utf-8")
    third = build.collect(tmp_path, jobs=1)
    assert hashed == ["2023.txt"]  # its sidecar changed: the pair is hashed again
    assert any("year mismatch" in p.message for e in third.entries for p in e.report.errors)


def test_large_site_runs_pagefind_after_mkdocs(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Above LIVE_PAGEFIND_MAX_PAGES bodies Pagefind runs after MkDocs (its memory grows with
    the pages), not beside it; the site gets its full-text index either way."""
    import json

    from builder import build

    from .conftest import copy_project

    copy_project(tmp_path)
    monkeypatch.setattr(build, "LIVE_PAGEFIND_MAX_PAGES", 0)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    result = build.build(tmp_path)
    assert "pagefind" in result.timings and "mkdocs+pagefind" not in result.timings
    entry = json.loads((tmp_path / "site/pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["zh"]["page_count"] >= 5


def test_downloads_that_cannot_be_written_stop_the_build_with_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The downloads are written beside MkDocs, which waits for their page: when they cannot
    be written, builder build ends with one message (not a hang, not a traceback), and
    MkDocs stops at that page; a file where the folder should be is named."""
    from .conftest import copy_project

    copy_project(tmp_path)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    downloads = tmp_path / "docs" / "downloads"
    downloads.mkdir(parents=True)
    (downloads / "reports").write_text("a file where a folder should be", "utf-8")
    code, _, err = _cli("build", "--root", str(tmp_path))
    assert code == 1
    assert "writing the downloads failed" in err and "Traceback" not in err
    assert (downloads / ".written").read_text("utf-8").startswith("error\n")
    assert not (tmp_path / "site" / "downloads").exists()
    shutil.rmtree(downloads)
    (tmp_path / "docs" / "downloads").write_text("a file where the folder should be", "utf-8")
    code, _, err = _cli("build", "--root", str(tmp_path))
    assert code == 1
    assert "docs/downloads: 下载目录无法写入 / cannot write the downloads folder" in err


def test_an_error_in_a_child_process_comes_back_whole() -> None:
    """The data stages run in a forked child: its ReportError reaches the CLI with its path
    and every problem, any other error as a ReportError naming the stage."""
    from builder.model import Problem
    from builder.parallel import start_in_child

    def fails() -> None:
        raise ReportError("content/a.txt", [Problem("first", line=3), Problem("second")])

    with pytest.raises(ReportError) as exc:
        start_in_child(fails, name="build")()
    assert exc.value.path == "content/a.txt"
    assert exc.value.lines() == ["content/a.txt:3: first", "content/a.txt: second"]
    with pytest.raises(ReportError, match="ZeroDivisionError"):
        start_in_child(lambda: 1 / 0, name="build")()
    assert start_in_child(lambda x: x * 2, 21)() == 42


@pytest.mark.parametrize("fork", [True, False])
def test_steps_of_a_child_come_back_one_by_one(fork: bool, monkeypatch) -> None:
    """The build's child yields the pages' result, then (after MkDocs started) the downloads';
    an error after some steps comes back at the next one. Without fork every step runs in
    this process at once, so that nothing is left for later."""
    import os

    from builder import parallel

    if not fork:
        monkeypatch.setattr(parallel.mp, "get_all_start_methods", lambda: ["spawn"])

    def steps(a: int):
        yield a, os.getpid()
        yield a + 1, os.getpid()
        raise ReportError("content/a.txt", "third")

    s = parallel.start_steps(steps, 1, name="build")
    (one, pid1), (two, pid2) = s.next(), s.next()
    assert (one, two) == (1, 2) and pid1 == pid2
    assert (pid1 == s.pid != os.getpid()) if fork else (pid1 == os.getpid() and s.pid is None)
    with pytest.raises(ReportError, match="third"):
        s.next()
    with pytest.raises(ReportError, match="no more results"):
        s.next()
    s.close()


def test_a_pagefind_service_that_stops_fails_the_build_with_a_message(monkeypatch) -> None:
    """builder.live_index: if the Pagefind service cannot start or stops, MkDocs fails with
    the plugin's message (builder build shows it), not a hang or a traceback."""
    from mkdocs.exceptions import PluginError

    from builder.live_index import PagefindService

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(PluginError, match="pagefind failed / 搜索索引构建失败"):
        PagefindService()


def test_the_pagefind_service_runs_below_mkdocs_priority() -> None:
    """The Pagefind service indexes on several threads beside MkDocs, whose one thread is the
    build's critical path: it runs at niceness 10 (its index still done with MkDocs), and it
    still answers."""
    from builder.live_index import SERVICE_NICENESS, PagefindService

    service = PagefindService()
    try:
        stat = Path(f"/proc/{service._proc.pid}/stat").read_text()
        own = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[16])
        assert int(stat.rsplit(")", 1)[1].split()[16]) == own + SERVICE_NICENESS
        service.add_html("/a/", '<html lang="zh"><body data-pagefind-body><h1>许良镇</h1>'
                                "<p>依申请公开</p></body></html>")
        service.request_files()
    finally:
        service.close()


def test_a_failing_tool_is_reported_with_the_end_of_its_output(tmp_path: Path) -> None:
    """MkDocs and Pagefind failures end the build with the last lines of their output (what
    says why), not a traceback and not the whole log."""
    from builder.build import MkDocsRun, run_pagefind

    script = "import sys\nfor i in range(45): print(f'line {i}')\nsys.exit(1)"
    run = MkDocsRun([sys.executable, "-c", script], tmp_path, dict(os.environ))
    with pytest.raises(ReportError) as err:
        run.wait()
    text = str(err.value)
    assert text.startswith("mkdocs.yml: mkdocs build failed / 站点构建失败:\n")
    assert "line 44" in text and "line 15" in text and "line 14" not in text
    (tmp_path / "site").mkdir()  # no page: Pagefind stops with its reason
    with pytest.raises(ReportError, match=r"(?s)^site: pagefind failed / 搜索索引构建失败:\n.*"
                                          r"Found 0 files"):
        run_pagefind(tmp_path)


def test_whether_a_report_is_complete_is_known_without_unpickling_it() -> None:
    """builder build lists the incomplete reports (--strict fails on them): from the package
    rows of a report still pickled in the cache, as from the report itself."""
    import pickle

    from builder.content import ReportMeta
    from builder.model import Entry
    from builder.package import report_csv

    text = synth.render_text(synth.random_spec(random.Random(3)), "tab")
    whole = parse_document(text_document(text.encode("utf-8"), "a.txt"))
    cut = parse_document(text_document(text[: len(text) * 2 // 3].encode("utf-8"), "b.txt"))
    assert whole.complete and not cut.complete
    meta = ReportMeta(path="content/河南省/焦作市/博爱县/某镇/2023.txt",
                      sidecar="content/河南省/焦作市/博爱县/某镇/2023.yml", body="某镇人民政府",
                      level="township", province="河南省", prefecture="焦作市", county="博爱县",
                      region_code="410822", year=2023)
    def unpickle() -> bytes:
        raise AssertionError("unpickled")

    for report in (whole, cut):
        csv = report_csv(Entry(meta, report))
        assert Entry(meta, blob=unpickle, csv=csv).complete == report.complete
        assert Entry(meta, blob=pickle.dumps(report)).complete == report.complete  # no rows
