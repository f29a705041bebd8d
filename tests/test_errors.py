"""Every error path gives the exact, clear line a user sees: path:line: expected, found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main

from .conftest import ROOT, sample

XULIANG = sample("许良镇")


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is None:
        r = runner.invoke(main, list(args))
    else:
        with runner.isolated_filesystem(temp_dir=cwd):
            r = runner.invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")


def _write(tmp: Path, name: str, lines: list[str]) -> Path:
    p = tmp / name
    p.write_text("\n".join(lines), "utf-8")
    return p


def _errors(path: Path) -> list[str]:
    code, out, err = _run("parse", str(path))
    assert code == 1
    body = out.splitlines()[1:] + err.splitlines()  # the first line of out is the summary
    return [line.strip() for line in body if line.strip().startswith(f"{path}:")]


def test_row_deleted(tmp_path: Path) -> None:
    lines = _lines(XULIANG)
    del lines[47]  # 2. 其他法律行政法规禁止公开 (line 48)
    p = _write(tmp_path, "r.txt", lines)
    assert _errors(p) == [
        f"{p}:47: 表格 applications，缺少行 withheld_prohibited_by_law（2.其他法律行政法规禁止公开）/ "
        "row withheld_prohibited_by_law not found after row withheld_state_secret: expected "
        "“2.其他法律行政法规禁止公开” with 7 numbers"]


def test_number_replaced_by_letter(tmp_path: Path) -> None:
    lines = _lines(XULIANG)
    lines[49] = lines[49].replace("\t0\t0\t0", "\t0\ta\t0", 1)  # line 50, commercial
    p = _write(tmp_path, "r.txt", lines)
    assert _errors(p) == [
        f"{p}:50: 表格 applications，行 withheld_third_party_rights，列 commercial：应为数字，实为“a” / "
        "expected a number, found 'a'"]


def test_cut_in_half(tmp_path: Path) -> None:
    p = _write(tmp_path, "r.txt", _lines(XULIANG)[:55])
    assert _errors(p) == [
        f"{p}:55: 表格 applications 在“unavailable_not_held”之后中断，缺少 12 行 / table cut off "
        "after row unavailable_not_held: 12 rows missing (unavailable_needs_creation … "
        "carried_forward)",
        f"{p}:55: 未找到表格 review_litigation（政府信息公开行政复议、行政诉讼情况）：文字在表格 "
        "applications 处已结束，报告可能不完整 / table review_litigation (政府信息公开行政复议、行政诉讼"
        "情况) not found: expected its heading and rows, found the end of the text in table "
        "applications — the copy of the report may be cut off"]


def test_cut_inside_a_row(tmp_path: Path) -> None:
    """A copy that ends in the middle of a row (the page's text cut off after four of its
    figures): the row's error says the text ends there, then the table is cut off."""
    lines = _lines(XULIANG)[:50]
    lines[49] = "\t".join(lines[49].split("\t")[:7])
    p = _write(tmp_path, "r.txt", lines)
    errors = _errors(p)
    assert errors[0] == (
        f"{p}:50: 表格 applications，行 withheld_third_party_rights（4.保护第三方合法权益）：应有 7 "
        "个数字，只读到 4 个，文字在本行结束 / expected 7 numbers, found 4 and then the end of the "
        "text")
    assert "table cut off after row withheld_third_party_rights" in errors[1]


def test_cut_in_half_is_never_zero_filled(tmp_path: Path) -> None:
    p = _write(tmp_path, "r.txt", _lines(XULIANG)[:55])
    code, out, _ = _run("parse", str(p), "--format", "json")
    assert code == 1
    record = json.loads(out)
    assert record["complete"] is False
    rows = {(c["table"], c["row"]) for c in record["cells"]}
    assert ("applications", "results_total") not in rows
    assert not any(c["table"] == "review_litigation" for c in record["cells"])


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"")
    assert _errors(p) == [f"{p}: 空文件 / empty file: expected the text of a report, found 0 bytes"]


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(bytes(range(256)) * 20)
    assert _errors(p) == [f"{p}: 二进制文件 / binary file: expected text (UTF-8 or GB18030), "
                          "found NUL bytes"]


def test_not_a_report(tmp_path: Path) -> None:
    p = _write(tmp_path, "r.txt", ["今天天气很好。", "我们去公园散步，看到很多人在跑步。"])
    assert _errors(p) == [
        f"{p}: 不是政府信息公开工作年度报告 / not an annual disclosure report: expected a title such "
        "as “××镇2023年政府信息公开工作年度报告” and the template's tables, found neither"]


def test_unreadable_json_record(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"")
    code, out, _ = _run("parse", str(p), "--format", "json")
    assert code == 1
    assert json.loads(out) == {"path": str(p), "body": None, "year": None, "template": None,
                               "complete": False, "cells": [], "findings": [],
                               "errors": [{"message": "空文件 / empty file: expected the text of "
                                                      "a report, found 0 bytes"}]}


@pytest.mark.parametrize("encode", ["gb18030", "bom-crlf", "gbk"])
def test_encodings_read_the_same(tmp_path: Path, encode: str) -> None:
    text = XULIANG.read_text("utf-8")
    p = tmp_path / "r.txt"
    if encode == "bom-crlf":
        p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    else:
        p.write_bytes(text.encode(encode))
    _, a, _ = _run("parse", str(XULIANG), "--format", "json")
    _, b, _ = _run("parse", str(p), "--format", "json")
    ra, rb = json.loads(a), json.loads(b)
    assert rb["complete"] and ra["cells"] == rb["cells"]
    assert rb["body"] == ra["body"]


def test_several_files_json_lines_in_order(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    files = [str(sample("焦店镇")), str(bad), str(XULIANG)]
    code, out, _ = _run("parse", *files, "--format", "json")
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == files
    assert [r["complete"] for r in records] == [True, False, True]


def _content_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def test_check_one_line_per_problem(tmp_path: Path) -> None:
    root = _content_copy(tmp_path)
    folder = root / "content/河南省/焦作市/博爱县/许良镇"
    lines = _lines(folder / "2023.txt")
    lines[49] = lines[49].replace("\t0\t0\t0", "\t0\ta\t0", 1)
    (folder / "2023.txt").write_text("\n".join(lines), "utf-8")
    code, out, err = _run("check", "--root", str(root))
    assert code == 1
    # (seed 004's two warnings of its prose, test_content.py, stand beside it)
    assert [line for line in out.splitlines() if "别斯托别乡" not in line] == [
        "content/河南省/焦作市/博爱县/许良镇/2023.txt:50: 表格 applications，行 "
        "withheld_third_party_rights，列 commercial：应为数字，实为“a” / expected a number, found 'a'"]
    assert "5 report(s) read, 0 unreadable; 1 error(s), 2 warning(s)" in err


def test_check_github_annotations(tmp_path: Path) -> None:
    root = _content_copy(tmp_path)
    folder = root / "content/河南省/平顶山市/新华区/焦店镇"
    text = (folder / "2023.txt").read_text("utf-8")
    # break R3 in the report itself: total 2 where the applicants sum to 1
    text = text.replace("一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
                        "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t2")
    (folder / "2023.txt").write_text(text, "utf-8")
    code, out, _ = _run("check", "--root", str(root), "--format", "github")
    assert code == 0  # findings are warnings: the report is still published
    rules = [line for line in out.splitlines() if line.startswith("::warning")]
    assert any("file=content/河南省/平顶山市/新华区/焦店镇/2023.txt,line=39" in r and "R3" in r
               for r in rules), out
    assert any("R1" in r for r in rules)


def test_a_row_with_a_cell_too_many_says_so_not_that_figures_are_missing() -> None:
    """A table row with all its figures and an empty cell among them that no column of the
    table places (a figure broken over two cells of a printed page): the message counts the
    cells, it does not say "expected 7 numbers, found 7"."""
    from builder.parse import parse_document
    from builder.read_html import read_html

    page = (ROOT / "tests" / "fixtures" / "rendered" / "random-1" / "report.html").read_text("utf-8")
    row = page[page.index("（一）予以公开</td>"):]
    row = row[:row.index("</tr>")]
    cells = row.split('<td style="text-align:center">')
    # an empty cell after the third figure, the label one column narrower: the row is as
    # wide as the others, its figures in no column of theirs
    broken = row.replace(cells[3], cells[3] + "<td></td>", 1)
    start = page.index(row)
    head = page[:start]
    label = head.rindex('<td colspan="2">')
    head = head[:label] + '<td colspan="1">' + head[label + len('<td colspan="2">'):]
    report = parse_document(read_html((head + broken + page[start + len(row):]).encode(),
                                      "extra-cell.html"))
    errors = [e.message for e in report.errors if e.row == "granted"]
    assert len(errors) == 1 and "found 7 numbers among 8 cells" in errors[0]
    assert not any(c.row == "granted" for c in report.cells)


def test_a_report_from_before_the_template(tmp_path: Path) -> None:
    """A report for 2017 (free prose, as every report was before the 2019 template): one
    answer at its title, not every row of three tables reported missing."""
    p = _write(tmp_path, "r.txt", [
        "丽水市2017年政府信息公开工作年度报告",
        "报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。",
        "一、概述", "2017年，我市全面贯彻落实党的十九大精神。",
        "二、主动公开政府信息情况", "2017年，全市共主动公开政府信息35421条。",
        "三、依申请公开政府信息情况", "全市共受理政府信息公开申请1234件。"])
    assert _errors(p) == [
        f"{p}:1: 2017 年度的报告早于全国统一格式，没有三张表，本项目从 2019 年度收录 / a report for "
        "2017: expected the national template's tables, which begin with the reports for 2019, "
        "found none"]


def test_tables_published_as_images(tmp_path: Path) -> None:
    """A page whose tables are images (as 冲口街道's 2021 page: the sections' headings, then
    nothing or a sentence announcing the table): one answer per table at its heading, not
    every row of it missing."""
    p = _write(tmp_path, "r.txt", [
        "冲口街道2021年政府信息公开工作年度报告", "一、总体情况",
        "2021年，冲口街道认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "二、主动公开政府信息情况", "该部分以表格形式报告。表格如下：",
        "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "信息公开内容不够及时。", "六、其他需要报告的事项", "无。"])
    why = ("标题之下没有表格内容，表格可能是图片 / table {t}: expected its rows under its heading, "
           "found none — the table may be an image; find the Word or PDF version of the report, "
           "or type the table in")
    assert _errors(p) == [
        f"{p}:5: 表格 proactive（主动公开政府信息情况）：" + why.format(t="proactive"),
        f"{p}:6: 表格 applications（收到和处理政府信息公开申请情况）：" + why.format(t="applications"),
        f"{p}:7: 表格 review_litigation（政府信息公开行政复议、行政诉讼情况）："
        + why.format(t="review_litigation")]


def test_tables_with_labels_and_no_figure(tmp_path: Path) -> None:
    """A page whose tables kept their labels and lost every figure (the figures pictures, or
    a form left empty; a real 2022 page of a 镇, one cell a line): one answer per table at its
    first line, not every row “not found” where its label stands."""
    cells = [c.strip() for line in _lines(XULIANG) for c in line.split("\t")
             if c.strip() and not c.strip().isdigit()]
    p = _write(tmp_path, "r.txt", cells)
    errors = _errors(p)
    text = p.read_text("utf-8").split("\n")
    why = ("只有栏目名称，没有一个数字（数字可能是图片，或表格未填写）/ table {t}: expected figures "
           "beside its row labels, found the labels only, not one figure — the figures may be "
           "pictures, or the form was left empty; find the Word or PDF version of the report")
    assert errors[:2] == [
        f"{p}:{text.index('第二十条第（一）项') + 1}: 表格 proactive（主动公开政府信息情况）："
        + why.format(t="proactive"),
        f"{p}:{next(n for n, line in enumerate(text, 1) if line.startswith('(本列数据'))}: 表格 "
        "applications（收到和处理政府信息公开申请情况）：" + why.format(t="applications")]
    assert not any("not found" in e for e in errors[:2])


def test_text_cut_off_in_a_tables_headings(tmp_path: Path) -> None:
    """A copy of a page that ends among the applications table's headings (its first row's
    label cut short): one answer, the table cut off at its start, at the text's last line —
    not each of its 26 rows “not found”."""
    lines = _lines(XULIANG)
    end = next(n for n, line in enumerate(lines) if line.startswith("一、本年新收"))
    p = _write(tmp_path, "r.txt", lines[:end] + ["一、本年新收政府"])
    errors = [e for e in _errors(p) if ": 表格 applications" in e]
    assert errors == [
        f"{p}:{end + 1}: 表格 applications（收到和处理政府信息公开申请情况）：文字在表格开头处中断，"
        "表格的行全部缺失 / table applications cut off at its start: expected its rows, found the "
        "end of the text"]


@pytest.mark.parametrize("sign", ["(", "（", "“"])
def test_text_cut_off_at_a_labels_opening_sign(tmp_path: Path, sign: str) -> None:
    """A copy of a page that ends at the `(` opening the applications table's first heading
    (`(本列数据的勾稽关系…`, a real 2021 page of a township): the table cut off at its start —
    not its structure lost with “1 numbers” that cannot be matched (the sign is no number)."""
    lines = _lines(XULIANG)
    end = next(n for n, line in enumerate(lines) if line.startswith("三、收到和处理"))
    p = _write(tmp_path, "r.txt", [*lines[:end + 1], sign])
    errors = [e for e in _errors(p) if ": 表格 applications" in e]
    assert errors == [
        f"{p}:{end + 2}: 表格 applications（收到和处理政府信息公开申请情况）：文字在表格开头处中断，"
        "表格的行全部缺失 / table applications cut off at its start: expected its rows, found the "
        "end of the text"]


def test_last_rows_with_their_labels_and_no_figures_are_no_cut(tmp_path: Path) -> None:
    """A table whose last rows stand with their labels and no figure (a real 2022 page of a
    county bureau: 行政许可 … 行政事业性收费 printed, their cells empty), the text going on after
    them: each such row named at its label's line — not the table “cut off” after the last
    row read."""
    lines = _lines(XULIANG)
    labels = ("行政许可", "行政处罚", "行政强制", "行政事业性收费")
    at = {}
    for n, line in enumerate(lines):
        if line.startswith(labels) and "\t" in line:
            lines[n] = line.split("\t")[0] + "\t" * line.count("\t")
            at[line.split("\t")[0]] = n + 1
    assert sorted(at) == sorted(labels)
    p = _write(tmp_path, "r.txt", lines)
    errors = [e for e in _errors(p) if ": 表格 proactive" in e]
    assert errors == [f"{p}:{at[label]}: 表格 proactive，行 {code}（{label}）：有栏目名称，未读出本行的"
                      f"数字 / row {code}: expected 1 number beside its label, found none that "
                      "could be read" for label, code in zip(
                          labels, ("licensing", "penalty", "coercion", "fees"), strict=True)]


def test_text_cut_off_in_the_reviews_row_says_so(tmp_path: Path) -> None:
    """A copy that ends inside the reviews table's row (its last figures cut off): the row
    is refused, and the answer says the text ends there, as for the other tables' rows."""
    lines = _lines(XULIANG)
    n = max(i for i, line in enumerate(lines) if line.count("\t") >= 14)
    p = _write(tmp_path, "r.txt", [*lines[:n], "\t".join(lines[n].split("\t")[:9])])
    errors = [e for e in _errors(p) if ": 表格 review_litigation" in e]
    assert errors == [
        f"{p}:{n + 1}: 表格 review_litigation（行政复议、行政诉讼）：应有 15 个数字，只读到 9 个，"
        "文字在本行结束 / expected 15 numbers, found 9 and then the end of the text"]


def test_row_with_its_label_and_no_figure(tmp_path: Path) -> None:
    """A row whose label stands with blank cells beside it (行政事业性收费 and tabs): the error
    names the label's own line and says the label is there, not that the row is missing."""
    lines = _lines(XULIANG)
    n = next(i for i, line in enumerate(lines) if line.startswith("行政事业性收费"))
    lines[n] = "行政事业性收费\t\t\t"
    p = _write(tmp_path, "r.txt", lines)
    assert _errors(p) == [
        f"{p}:{n + 1}: 表格 proactive，行 fees（行政事业性收费）：有栏目名称，未读出本行的数字 / row "
        "fees: expected 1 number beside its label, found none that could be read"]


def test_refusals_name_the_page_where_a_reader_gives_no_line():
    """A PDF's text read without line numbers (its cells' sources a page, a table, a row): a
    refusal that names where a piece of the table stands words the place as the source gives
    it (第2页, 第2页表1第5行第3列), never “第 None 行”. The printed-page fixtures, each a
    refusal of its own, read with every line's source made its page (60 lines a page)."""
    import dataclasses

    from builder.errors import ReportError
    from builder.model import GridRow, Source
    from builder.parse import parse_document
    from builder.read import read_document

    named = 0
    fixtures = ROOT / "tests" / "fixtures" / "printed"
    for f in sorted(fixtures.iterdir()):
        if f.name.endswith(".expected.json") or f.name == "README.md":
            continue
        try:
            doc = read_document(f)
        except ReportError:
            continue
        rows = tuple(GridRow(tuple(c._replace(source=Source(page=1 + i // 60)) for c in r.cells),
                             r.aligned) for i, r in enumerate(doc.rows))
        report = parse_document(dataclasses.replace(doc, rows=rows))
        for p in (*report.errors, *report.notes):
            assert "None" not in p.message, (f.name, p.message)
            named += "页）" in p.message or "在第1页" in p.message or "在第2页" in p.message
    assert named >= 20


def test_a_file_named_pdf_that_is_no_pdf_is_named_so_with_what_it_begins_with(tmp_path: Path):
    """A .pdf without the PDF header in its first 1,024 bytes is refused with its start shown
    (text as text, else its first bytes), not with the PDF library's complaint."""
    cases = {"text.pdf": (b"  hello, \nnot a PDF", "found 'hello, not a PDF'"),
             "binary.pdf": (bytes(range(200, 240)), "found binary data (c8 c9 ca cb cc cd ce cf …)"),
             "blank.pdf": (b" \n\t\n", "found only white space")}
    for name, (data, found) in cases.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = _run("parse", str(tmp_path / name))
        assert code == 1
        assert f"{tmp_path / name}: 不是 PDF 文件 / not a PDF: expected “%PDF-” in its first " \
            f"1,024 bytes, {found}" in (out + err).splitlines()


def test_a_damaged_pdf_says_what_was_expected_and_found(tmp_path: Path):
    p = tmp_path / "damaged.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    code, out, err = _run("parse", str(p))
    assert code == 1
    line = next(x for x in (out + err).splitlines() if x.startswith(f"{p}: "))
    assert line.startswith(f"{p}: PDF 无法读取 / cannot read PDF: expected a PDF document, "
                           "found a damaged one (")


def test_a_web_page_saved_under_a_pdf_name_is_read_as_the_page(tmp_path: Path):
    """A site's download link that served a web page, saved as .pdf: read as the page it is."""
    from builder.parse import parse_file

    page = ROOT / "tests" / "fixtures" / "real" / "shanghai-2019-general-office.html"
    shutil.copy(page, tmp_path / "report.pdf")
    from builder.read import suffix_by_content

    assert suffix_by_content(tmp_path / "report.pdf") == ".html"  # (as `builder add` files it)
    as_pdf, as_html = parse_file(tmp_path / "report.pdf"), parse_file(page)
    assert as_pdf.cells and as_pdf.layout == as_html.layout == "html"
    assert [(c.table, c.row, c.column, c.value) for c in as_pdf.cells] == \
        [(c.table, c.row, c.column, c.value) for c in as_html.cells]
    assert as_pdf.body == as_html.body and as_pdf.complete == as_html.complete


@pytest.mark.parametrize("suffix", [".html", ".txt", ".doc", ".docx", ".xlsx", ".ofd", ".jsp"])
def test_a_pdf_saved_under_another_name_is_read_as_the_pdf(tmp_path: Path, suffix: str):
    """A site's download link (download.jsp?id=…) saved as .html, .doc or anything else: a file
    that begins with the PDF header is the PDF, whatever its name."""
    from builder.parse import parse_file

    pdf = ROOT / "tests" / "fixtures" / "libreoffice" / "lo2021-14.pdf"
    shutil.copy(pdf, tmp_path / f"report{suffix}")
    renamed, original = parse_file(tmp_path / f"report{suffix}"), parse_file(pdf)
    assert renamed.layout == original.layout == "pdf" and original.cells
    assert [(c.table, c.row, c.column, c.value) for c in renamed.cells] == \
        [(c.table, c.row, c.column, c.value) for c in original.cells]


def test_a_web_pages_source_saved_as_text_is_read_as_the_page(tmp_path: Path):
    """A page's source saved as .txt (a crawler's, or view-source saved): the page, not its
    markup read as lines of text (which gave no cell)."""
    from builder.parse import parse_file

    page = ROOT / "tests" / "fixtures" / "real" / "shanghai-2019-general-office.html"
    shutil.copy(page, tmp_path / "page.txt")
    as_text, as_html = parse_file(tmp_path / "page.txt"), parse_file(page)
    assert as_text.layout == "html" and as_text.complete and as_text.body == as_html.body
    assert [(c.table, c.row, c.column, c.value) for c in as_text.cells] == \
        [(c.table, c.row, c.column, c.value) for c in as_html.cells]


@pytest.mark.parametrize("fixture", ["printed/w2019-11.pdf2docx.docx",
                                     "dataframes/missing-cells-word.to_excel.xlsx",
                                     "libreoffice/lo2021-14.doc"])
@pytest.mark.parametrize("suffix", [".jsp", ".html", ".txt"])
def test_an_office_file_saved_under_a_text_name_is_read_as_what_it_is(
        tmp_path: Path, fixture: str, suffix: str):
    """A Word or Excel file a download link saved as download.jsp, .html or .txt: read as the
    .docx, .xlsx or .doc it is (by its parts), and `builder add` would file it so."""
    from builder.parse import parse_file
    from builder.read import suffix_by_content

    original = ROOT / "tests" / "fixtures" / fixture
    renamed = tmp_path / f"download{suffix}"
    shutil.copy(original, renamed)
    assert suffix_by_content(renamed) == original.suffix
    a, b = parse_file(renamed), parse_file(original)
    assert a.layout == b.layout == original.suffix[1:] and b.cells
    assert [(c.table, c.row, c.column, c.value) for c in a.cells] == \
        [(c.table, c.row, c.column, c.value) for c in b.cells]


@pytest.mark.parametrize(("fixture", "suffix"), [
    ("printed/w2019-11.pdf2docx.docx", ".xlsx"), ("libreoffice/lo2021-14.doc", ".xls"),
    ("dataframes/missing-cells-word.to_excel.xlsx", ".docx"),
    ("printed/w2019-11.pdf2docx.docx", ".ofd"),
    ("real/shanghai-2019-general-office.html", ".xlsx"),
    ("dataframes/missing-cells-word.to_excel.xlsx", ".pdf"), ("libreoffice/lo2021-14.doc", ".pdf")])
def test_an_office_file_under_another_office_files_name_is_read_as_what_it_is(
        tmp_path: Path, fixture: str, suffix: str):
    """A Word file named .xlsx, a Word 97 file named .xls, a workbook named .docx, a page a
    site's "export to Excel" named .xlsx: read by their parts, streams or markup (they had been
    refused as damaged workbooks or documents)."""
    from builder.parse import parse_file
    from builder.read import suffix_by_content

    original = ROOT / "tests" / "fixtures" / fixture
    renamed = tmp_path / f"report{suffix}"
    shutil.copy(original, renamed)
    assert suffix_by_content(renamed) == original.suffix
    a, b = parse_file(renamed), parse_file(original)
    assert a.layout == b.layout and b.cells
    assert [(c.table, c.row, c.column, c.value) for c in a.cells] == \
        [(c.table, c.row, c.column, c.value) for c in b.cells]
