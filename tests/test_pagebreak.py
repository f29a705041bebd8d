"""Tables that run over a page break (builder/read_pdf.py), with no rule drawn at it (Chromium)
or with rules closing each half (Word, WPS): the row a break cut is joined to its rest, rows
apart stay apart, and a break that may have cut a figure is refused, not read as a figure. The
PDFs are in tests/fixtures/pagebreak and tests/fixtures/wordbreak (a README in each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model import ParsedReport
from builder.parse import parse_file
from builder.read import read_document

from .conftest import page_expected, report_cells
from .conftest import read_without_wrong_figures as without_wrong_figures

PAGEBREAK = Path(__file__).parent / "fixtures" / "pagebreak"


def _labels(path: Path) -> list[tuple[str, int | None, list[str]]]:
    """Each table row's label (its longest cell without a figure, spaces left out), the page
    it stands on and its figures."""
    out = []
    for row in read_document(path).rows:
        words = [c.text.replace(" ", "") for c in row.cells if c.text and not c.text.isdigit()]
        out.append((max(words, key=len) if words else "", row.cells[0].source.page,
                    [c.text for c in row.cells if c.text.isdigit()]))
    return out


def test_a_row_a_page_break_cut_is_joined_to_its_rest() -> None:
    """1. 信访举报投诉类申请 begins at the foot of page 3 (1. 信 / 访 举, its figures beside it)
    and ends at the head of page 4 (报 投 / 诉 类 / 申请), neither closed by a rule: before, the
    table finder left the row out of its table and its lines were refused as text; now its
    words are joined cell by cell, one row, every figure of the report the page's."""
    path = PAGEBREAK / "word60-601.pdf"
    rows = _labels(path)
    joined = [r for r in rows if r[0].startswith("1.信访举报投诉类申请")]
    assert [(page, figures) for _, page, figures in joined] == \
        [(3, ["2", "8", "6", "2", "7", "5", "30"])]
    assert not any(label.startswith("报投诉") for label, _, _ in rows)
    report = parse_file(path)
    assert report.complete, [e.message for e in report.errors]
    assert report_cells(report) == page_expected(path)


def test_rows_apart_at_a_page_break_stay_apart() -> None:
    """3. 危及“三安全一稳定” ends page 2 and 4. 保护第三方合法权益 begins page 3, with no rule
    between them on either page: the second begins with its numbering in the first's column,
    a row of its own — both read, each with its own figures (not joined: 3.危及…4.保护…, 46)."""
    path = PAGEBREAK / "word60-601.pdf"
    rows = {label[:4]: (page, figures) for label, page, figures in _labels(path)}
    assert rows["3.危及"] == (2, ["4", "4", "4", "1", "2", "8", "23"])
    assert rows["4.保护"] == (3, ["6", "6", "3", "4", "2", "5", "26"])
    cells = report_cells(parse_file(path))
    expected = page_expected(path)
    for row in ("withheld_security_stability", "withheld_third_party_rights"):
        assert cells[("applications", row, "total")] == expected[("applications", row, "total")]


def test_a_figure_a_page_break_may_have_cut_is_refused() -> None:
    """A break cuts 一、本年新收政府信息公开申请数量 and its total 375 (3 / 7 in its cell at the
    foot of page 2, 5 alone at the head of page 3): a figure at a page's head without a
    numbered label beside it could be the rest of a figure or a row of its own — not told, so
    the break is read as before (the cut row as text), the row refused with the piece it found
    (3, not 37 or 375); no figure other than the page's."""
    path = PAGEBREAK / "plain2019-702.pdf"
    report = parse_file(path)
    expected = page_expected(path)
    cells = report_cells(report)
    assert {k: (v, expected[k]) for k, v in cells.items() if v is not None and v != expected[k]} \
        == {}
    assert [(e.row, e.found) for e in report.errors] == [("new", "3")]
    assert sum(1 for k in expected if cells.get(k) == expected[k]) == len(expected) - 7


def test_a_page_whose_table_splits_its_columns_otherwise_is_placed_by_position() -> None:
    """The rows at a break as a page printed by a site's editor gives them (a trial of the
    seventeenth session): （二）部分公开 ends page 2 in a cell over two columns, （三）不予公开 /
    1.属于国家秘密 begins page 3 in two (the tables found on the two pages have 9 and 10
    columns). Told apart by where the cells begin, not by their index: the second row's
    numbered label begins where the first's does — a row of its own; the columns differ —
    never joined cell by cell."""
    from builder.read_pdf import _rest_of_a_row, _row_of_its_own, _same_columns

    cut = ([None, "（二）部分公开（区分处理的，只计这一情形，不\n计其他情形）", "15", "3", "43", "3",
            "69", "14", "14\n7"],
           [None, 98.6, 374.6, 398.6, 428.6, 458.6, 499.9, 541.1, 559.1])
    rest = (["", "（三）不\n予公开", "1.属于国家秘密", "95", "6", "74", "1", "65", "2", "24\n3"],
            [34.1, 98.6, 157.9, 374.6, 398.6, 428.6, 458.6, 499.9, 541.1, 559.1])
    assert _row_of_its_own(rest, cut) and not _same_columns(rest, cut)
    assert not _rest_of_a_row(rest[0])
    # the same words a column further right are not where the row before has its label
    moved = (rest[0], [x + 30 if x else x for x in rest[1]])
    assert not _row_of_its_own(moved, cut)
    # words of a label only, in the same columns, are the rest of the row
    tail = (["", "", "息", "", "", "", "", "", ""], [34.1, 98.6, 374.6, 398.6, 428.6, 458.6,
                                                     499.9, 541.1, 559.1])
    assert _same_columns(tail, cut) and _rest_of_a_row(tail[0])
    assert not _rest_of_a_row(["", "4. 保护第三方合法权益", "", ""])
    assert not _rest_of_a_row(["", "", "", "25"])


def test_a_row_of_its_own_is_known_by_its_label_beside_a_group_label() -> None:
    """Rows at breaks in the fourteenth session's trials (a Word-saved page printed narrow):
    1.本机关不掌握相关政府信息 begins page 5 under 8.属于行政查询事项 with its group's label,
    （四）无法提供, to its left — a row of its own, known by the numbered label where the row
    before has its label; （二）部分公开 begins a page beside the rest of its group's label
    (理结果, of 三、本年度办理结果) — a row of its own too; and where the break fell before
    any words of the row (its cells empty), the row at the head is all of it."""
    from builder.read_pdf import _row_of_its_own

    before = ([None, None, "8.属于行政查询事项", "2", "517", "5", "114", "118", "61\n4", "13\n70"],
              [None, None, 217.9, 325.1, 337.9, 357.4, 377.6, 402.4, 427.1, 442.9])
    row = (["", "（四）\n无法提\n供", "1.本机关不掌握相关\n政府信息", "65\n2", "3", "104", "2", "4",
            "20", "78\n5"], [156.4, 181.1, 217.9, 325.1, 337.9, 357.4, 377.6, 402.4, 427.1, 442.9])
    assert _row_of_its_own(row, before)
    # the rest of the label where the label was (no numbering): not told
    assert not _row_of_its_own((["", "（四）", "政府信息", "2", "", "", "", "", "", ""], row[1]),
                               before)
    before = (["三、\n本年\n度办", "（一）予以公开", "5", "96", "57", "22", "2", "1", "18\n3"],
              [156.4, 181.1, 325.1, 337.9, 357.4, 377.6, 402.4, 427.1, 442.9])
    row = (["理结\n果", "（二）部分公开（区分处\n理的，只计这一情形，不\n计其他情形）", None, "62", "6",
            "9", "3", "11", "89", "18\n0"],
           [156.4, 181.1, None, 325.1, 337.9, 357.4, 377.6, 402.4, 427.1, 442.9])
    assert _row_of_its_own(row, before)
    empty = ([None, "", None, None], [None, 69.2, None, None])
    assert _row_of_its_own((["", "（四）无法提供", "1.本机关不掌握相关政府信息", "16"],
                            [34.5, 69.1, 114.2, 159.7]), empty)


def _complete_and_exact(path: Path) -> dict:
    report = parse_file(path)
    assert report.complete, [e.message for e in report.errors]
    cells = report_cells(report)
    assert cells == page_expected(path)
    return {(c.row, c.column): c for c in report.cells if c.table == "applications"}


def test_a_whole_row_at_a_page_head_stands_whatever_its_labels_cell() -> None:
    """cms70-2021-1216.pdf (a site editor's page, the tables at 70 %, printed by Chromium):
    3.其他 ends page 3, （七）总计 begins page 4, neither closed by a rule. （七）总计's label
    stands in a wider cell than 3.其他's, so the numbered label was not where the row above
    has its label, and the break was read as text: the total 410, wrapped in its cell as 41 /
    0, was refused (6 figures for 7). A row at the head whose labels begin with their
    numbering beside seven figures that add up (71 + 63 + 71 + 70 + 69 + 66 = 410) is a row
    of its own: read, the report complete and every figure its own."""
    cells = _complete_and_exact(PAGEBREAK / "cms70-2021-1216.pdf")
    total = cells[("results_total", "total")]
    assert (total.value, total.source.page) == (410, 4)


def test_pieces_of_figures_that_make_the_row_add_up_are_joined() -> None:
    """cms70-2021-1162.pdf: Chromium breaks 2.重复申请 below its first lines, 17 / 36 of its
    total at the foot of page 3, 9 alone at the head of page 4 with no word beside it. A
    figure at a page's head could be the rest of a figure or a row of its own; here the row
    above does not add up alone (… 41 21 / 17 36) and does with the pieces joined (3 + 9264 +
    11 + 3943 + 27 + 4121 = 17369): joined. Before, the row was refused (10 cells for 7)."""
    cells = _complete_and_exact(PAGEBREAK / "cms70-2021-1162.pdf")
    total = cells[("not_processed_duplicate", "total")]
    assert (total.value, total.source.page) == (17369, 3)


def test_a_row_that_breaks_its_sum_beside_a_second_copy_of_a_row_is_refused() -> None:
    """cms45-2021-2090.pdf: a row broken over pages 5 and 6, its figures wrapped in three lines
    each, read as text: the first lines' figures (16 10 15 2 40 57 57 for 16383 10 150 2
    40965 57 57567) were published as 1.申请人无正当理由逾期不补正…'s, its sum broken as if
    the report's own error, because the next line's (38 0 96 56, beside 无正当理) were taken
    for a second copy of 4.无正当理由大量反复申请 rather than figures of no row. A row's
    copies printed twice with other figures all count as figures of no row near a row that
    does not add up: refused."""
    report, expected, cells = without_wrong_figures(PAGEBREAK / "cms45-2021-2090.pdf")
    assert not any(k[1] == "other_no_correction" for k in cells)
    problem = next(e for e in report.errors if e.row == "other_no_correction")
    assert "各栏之和不等于总计" in problem.message
    assert cells[("applications", "other_no_fee", "total")] == expected[
        ("applications", "other_no_fee", "total")]


def test_a_label_cut_at_a_page_break_beside_a_piece_of_its_groups_label() -> None:
    """plain45-2021-2165.pdf: （二）部分公开（区分处理的…） breaks over pages 3 and 4, read as
    text; its figures stand on page 3 beside 度办 （二）部分 — 度办 two characters of the
    group's label 三、本年度办理结果, printed two a line in its narrow cell — the rest of its
    label (公开（区分 / 处理的，只 …) below and over the page. Before, the row was refused (a
    row of numbers whose label is not a row of the template: a label's numbered start was
    known only where its label has no remark in brackets, and not after a piece of its
    group's label); now read, the report complete and every figure its own."""
    cells = _complete_and_exact(PAGEBREAK / "plain45-2021-2165.pdf")
    total = cells[("partially_granted", "total")]
    assert (total.value, total.source.page) == (163, 3)


def test_a_row_cut_at_a_foot_where_a_groups_cell_closes_above_the_rule_added() -> None:
    """plain45-2021-2018.pdf: 8.属于行政查询事项 begins at the foot of page 4 (8.属 / 于行 /
    政查, its figures beside it) and ends at the head of page 5 (询事 / 项), no rule drawn at
    the break; but Chromium closes its group's cell, （三）不予公开, 1.5 points above the
    rule added at the foot, and the table finder snaps the two together, so the table was
    not taken to end at the rule: the row was lost, its words inside the table's box but in
    none of its cells. A table's edge within the finder's snap of the rule added is the
    rule's: the row is joined to its rest, the report complete and every figure its own."""
    cells = _complete_and_exact(PAGEBREAK / "plain45-2021-2018.pdf")
    row = cells[("withheld_query_matters", "total")]
    assert (row.value, row.source.page) == (909, 4)


def test_a_row_at_a_page_head_is_whole_by_its_sum_or_its_pieces_by_theirs() -> None:
    """_whole_row and _pieces_complete on rows as pdfplumber gives them: a numbered label and
    seven figures that add up is a row; a piece, an unnumbered word, a sum broken is not; the
    pieces join only under figures, with no word, where the row does not add up without
    them and does with them; and _labelled, the table those rows stand in."""
    from builder.read_pdf import _pieces_complete, _whole_row

    assert _whole_row(["", "（七）总计", "71", "63", "71", "70", "69", "66", "41\n0"])
    assert not _whole_row(["", "（七）总计", "71", "63", "71", "70", "69", "66", "41"])
    assert not _whole_row(["理结果", "（二）部分公开", None, "1", "0", "0", "0", "0", "0", "1"])
    assert not _whole_row(["", "", "", "", "", "", "", "", "9"])
    cut = [None, None, "2.重复申请", "3", "926\n4", "11", "3943", "27", "41\n21", "17\n36"]
    assert _pieces_complete(cut, ["", "", "", "", "", "", "", "", "", "9"])
    assert not _pieces_complete(cut, ["", "", "", "", "", "", "", "", "", "8"])
    assert not _pieces_complete(cut, ["", "", "请", "", "", "", "", "", "", "9"])
    assert not _pieces_complete([None, None, "2.重复申请", "3", "9264", "11", "3943", "27", "4121",
                                 ""], ["", "", "", "", "", "", "", "", "", "17369"])
    # a table found with the rule added at a page's head whose rows hold figures without
    # their labels (PyMuPDF's Story draws no rule left of 四、结转下年度继续办理: its label
    # outside the table found) is not taken, whole first row or not
    from types import SimpleNamespace

    from builder.read_pdf import _labelled

    head = ["（七）总计", "502", "265", "542", "451", "409", "309", "2478"]
    assert _labelled(SimpleNamespace(tables=[((0, 0, 1, 1), [head, ["四、结转下年度继续办理", "1",
                                                                   "1", "3", "18", "5", "19", "47"]])]))
    assert not _labelled(SimpleNamespace(tables=[((0, 0, 1, 1), [head, ["1", "1", "3", "18", "5",
                                                                       "19", "47"]])]))


# --- rules drawn at the break (Word, WPS) ------------------------------------------------------

WORDBREAK = Path(__file__).parent / "fixtures" / "wordbreak"


def read_without_wrong_figures(name: str) -> tuple[ParsedReport, dict, dict]:
    """A fixture of wordbreak/ parsed, its figures and the report's cells, once asserted that
    no figure published differs from the report's own."""
    return without_wrong_figures(WORDBREAK / name)


@pytest.mark.parametrize("name", ["drawn-2019-282", "drawn-2021-200", "drawn-2021-201",
                                  "open-2021-281"])
def test_rows_a_word_processor_breaks_over_pages_read_whole(name: str) -> None:
    """Synthetic reports laid out with every cell ruled and rows that break over pages
    (tests/fixtures/wordbreak/README.md): where rules close each half at the break (as Word
    and WPS print them), or the next page opens with the table's heading rows repeated, both
    halves of a cut row are rows of the table. Before, each half was read as a row of its own:
    a figure cut by the break published as its first piece (38 for 383, 5 for 755) — every
    report of the four had wrong figures. Now each report is complete and every figure its
    own."""
    path = WORDBREAK / f"{name}.pdf"
    report = parse_file(path)
    assert report.complete, [e.message for e in report.errors]
    assert report_cells(report) == page_expected(path)


def _cell(path: Path, row: str, column: str):  # noqa: ANN202 - a Cell
    return next(c for c in parse_file(path).cells
                if (c.table, c.row, c.column) == ("applications", row, column))


def test_a_figure_cut_by_a_ruled_break_is_joined_to_its_rest() -> None:
    """drawn-2019-282: 1.本机关不掌握相 / 关政府信息 with 38 / 3 (383) and 12 / 55 (1255), its
    group's label （四 / ）无法提供 beside it: the rest has no label of its own (words that
    begin no label of the template under a label cut short) — joined, the figure's source the
    page where it begins."""
    path = WORDBREAK / "drawn-2019-282.pdf"
    cell = _cell(path, "unavailable_not_held", "natural_person")
    assert (cell.value, cell.source.page) == (383, 3)
    assert _cell(path, "unavailable_not_held", "total").value == 1255
    assert _cell(path, "results_total", "total").value == 15126  # （七）总 / 计, 1512 / 6


def test_heading_rows_repeated_at_a_page_head_are_passed_over() -> None:
    """drawn-2021-200 repeats the applications table's three heading rows on each page: the
    rest of 3.危及“三安全 (稳定” with 3 under 85: 853) stands after them. A row's lone
    figure left at a page's foot (8, its label and other figures on the next page) goes with
    the row under it, which has nothing in its column; the review table's one row of figures
    goes on at the next page's head (147 / 4: 1474)."""
    path = WORDBREAK / "drawn-2021-200.pdf"
    assert _cell(path, "withheld_security_stability", "commercial").value == 853
    assert _cell(path, "not_processed_complaint", "commercial").value == 8
    review = {(c.row, c.column): c.value for c in parse_file(path).cells
              if c.table == "review_litigation"}
    assert review[("litigation_direct", "total")] == 1474


def test_a_numbering_alone_is_no_row() -> None:
    """drawn-2021-201: （七） ends page 3 with the figures' first digits, 总计 begins page 4
    with the rest — 总计 is a whole label, but （七） alone names no row: one row, 755 / 477 …
    (before: 5, 7 … published for the total row)."""
    path = WORDBREAK / "drawn-2021-201.pdf"
    assert _cell(path, "results_total", "natural_person").value == 755


def test_a_row_left_open_at_a_foot_goes_on_after_repeated_headings() -> None:
    """open-2021-281: no rule at the foot of the page (as Chromium prints), the heading rows
    repeated, ruled, at the next page's head, then the rest of the row: （三 1.属于国家秘密 …
    19 / ）不予公开 … 2 — joined (192), where before the rest was a row of its own."""
    path = WORDBREAK / "open-2021-281.pdf"
    assert _cell(path, "withheld_state_secret", "total").value == 192
    assert _cell(path, "other_no_correction", "total").value == 123


def test_rows_at_a_ruled_break_told_apart_or_refused() -> None:
    """_rest_drawn on rows as pdfplumber gives them (the foot's last row, the head's first):
    a row of its own, the rest of a row, or not told — then the columns where both hold
    figures, whose figures the parser does not publish."""
    from builder.read_pdf import _rest_drawn

    def rows(before: list, row: list) -> bool | list[int] | None:
        return _rest_drawn((row, [0.0] * len(row)), (before, [0.0] * len(before)))

    # a whole label under a whole label: rows of their own (行政处罚 4, 行政强制 968)
    assert rows(["行政处罚", "4"], ["行政强制", "968"]) == []
    # a numbered label begins a row, whatever is above
    assert rows(["", "3.危及“三安全", "5", "1\n2"], ["", "4.保护第三方合法权益", "6", "3"]) == []
    # the rest of a label and of its figures
    assert rows(["", "1.本机关不掌握相", "38", "12"], ["", "关政府信息", "3", "55"]) is True
    assert rows(["", "（七", "37", "18"], ["", "）总计", "52", "380"]) is True
    # words under a whole label (a row the template has not, 合计), figures under figures:
    # one figure cut, or two rows' — not told, both columns refused
    assert rows(["", "3.其他", "12", "30"], ["", "合计", "4", "77"]) == [2, 3]
    # the first words of a label under a label cut short: 行政 / 规范性文件
    assert rows(["行政", "5", "", "1"], ["规范性文件", "2", "3", ""]) == [1]
    # a heading (words over figures) and no figure in the same column: apart, nothing refused
    assert rows(["", "8.属于行政查询事项", "1", "401"], ["", "", "自然人", "总计"]) is None
    # a heading cell that holds a digit under a figure (总计2: its rule not drawn) is refused
    assert rows(["", "1.属于国家秘密", "77", "19"], ["", "", "自然人", "总计2"]) == [3]


def test_a_cell_the_reader_cannot_vouch_for_is_not_published() -> None:
    """A document's doubtful cells (read_pdf's figures at a ruled break that could be one
    figure cut or two rows'): the parser publishes none of them, each a problem with the
    reader's why at its row and column; the row's other cells stand."""
    import dataclasses

    from builder.parse import parse_document
    from builder.read import read_document

    path = WORDBREAK / "drawn-2021-201.pdf"
    doc = read_document(path)
    whole = parse_document(doc)
    cell = next(c for c in whole.cells if (c.row, c.column) == ("new", "commercial"))
    report = parse_document(dataclasses.replace(
        doc, doubtful=((cell.source, "第2页末与第3页首：无法确定 / cannot be told"),)))
    assert ("applications", "new", "commercial") not in report_cells(report)
    assert [(e.row, e.column, e.found) for e in report.errors] == \
        [("new", "commercial", str(cell.value))]
    assert "无法确定 / cannot be told" in report.errors[0].message
    assert len(report.cells) == len(whole.cells) - 1


def test_a_figure_a_ruled_break_may_have_cut_is_refused() -> None:
    """unruled-heads-2021-281: the heading rows repeated at a page's head without the rule
    under their cells that span two rows, so the rest of a cut row (2 of 192, 3 of 123) is
    read into the heading's cell (总计2) — no row of its own to join. The figure at the foot
    (19) may be all of it or its first piece: not published, a problem naming both pieces
    (before: 19 published for 192). No figure other than the report's."""
    report, expected, cells = read_without_wrong_figures("unruled-heads-2021-281.pdf")
    assert [(e.row, e.column, e.found) for e in report.errors] == [
        ("withheld_state_secret", "total", "19"), ("other_no_correction", "total", "12")]
    assert "“19”与“总计2”" in report.errors[0].message
    assert "(192)" in report.errors[0].message.replace("（", "(").replace("）", ")")
    assert len(cells) == len(expected) - 2


def test_figures_of_no_row_past_a_group_letter_refuse_the_row_beside_them() -> None:
    """drawn-2021-180.layout.txt: pdfplumber's layout text of a narrow ruled table (a row's
    figures broken in their cells, 88 / 9 of 889, 10 / 79 of 1079, the group's label a
    character a line beside them). The line 度 88 11 10 holds figures of no row; the row's
    label goes on under it (政法规禁止 9 9 30 4 35 2 79, which breaks its sum), with 办 （ — a
    group's letter and a bracket, no figure — between the two runs. Before, that run parted
    them and the row was published with the pieces (9 for 889); now a run without figures
    does not part a row from the figures of no row beside it: refused, and no figure other
    than the report's. (Since the thirty-eighth session the bracket alone before words is
    the label's, no cell, and the row is refused as named by its label's tail while its
    numbered start, 2.其他法律行, stands beside the figures of no row.)"""
    report, expected, cells = read_without_wrong_figures("drawn-2021-180.layout.txt")
    assert ("applications", "withheld_prohibited_by_law", "total") not in cells
    # (since the forty-fourth session 年2.其他法律行度 — the row's start among pieces of the
    # group cells' labels — names the row, whose 3 figures there are too few; its tail then
    # names it again: printed twice)
    assert any(e.row == "withheld_prohibited_by_law" and (
        "紧邻的一行数字" in e.message or "“2.其他法律行”在第 122 行另一行数字旁" in e.message
        or "该行出现两次且数字不同" in e.message) for e in report.errors)


def test_a_row_named_by_its_tail_while_its_start_stands_beside_other_figures_is_refused() -> None:
    """split-2021-39.layout.txt: pdfplumber's layout text of a report reportlab broke over a
    page. 2.其他法律行政法 begins its label on a line of figures (38 7 60 2 40 58 205, its own)
    that no row takes, the group's letters beside it (办三）理 … 不); the rest of its label
    (规禁止公开) goes on, then a row of figures left at the page's foot (1 2 17 4 2 10 36, which
    add up) whose label, 3.危及“三安全一稳定”, stands on the next page. Before, the label's tail
    took those figures: 3.危及's published as 2.其他法律's. Now the row named by its tail alone
    while its numbered start stands beside another line of figures is refused, and no figure
    other than the report's is published."""
    report, expected, cells = read_without_wrong_figures("split-2021-39.layout.txt")
    assert not any(k[1] == "withheld_prohibited_by_law" for k in cells)
    problem = next(e for e in report.errors if e.row == "withheld_prohibited_by_law")
    # since the forty-fourth session the start among the group's letters (办三）理2.其他法律行政法
    # 不) names the row beside its own figures; its tail then names it again beside the next
    # row's: the row printed twice with other figures, refused
    assert "“2.其他法律行政法”" in problem.message and "第 122 行" in problem.message \
        or "该行出现两次且数字不同" in problem.message
    assert problem.line == 127
    # the rows around it are read, and read right
    assert cells[("applications", "withheld_state_secret", "total")] == 130


def test_a_row_whose_start_stands_beside_a_sub_rows_figures_is_refused() -> None:
    """split-2019-7.pdfplumber.txt: pdfplumber's plain text of the same kind of PDF. The line
    3.危及“三安全 / 果 予 26 32 23 3 1 2 87 (the row's figures, the group's letters before
    them) is read as a sub-row of 3.危及 (果 予), its figures no row's; the rest of the label,
    一稳定”, then 公 / 开 and the next row's figures (13 2 7 6 62 5 95, before the label
    4.保护第三方合法权益) — before, the tail took them: 4.保护's figures published as
    3.危及's. Now refused."""
    report, expected, cells = read_without_wrong_figures("split-2019-7.pdfplumber.txt")
    assert not any(k[1] == "withheld_security_stability" for k in cells)
    problem = next(e for e in report.errors if e.row == "withheld_security_stability")
    # (since the forty-fourth session 3.危及“三安全 with 果 予 — its start among its group
    # cells' pieces — is the row, beside its own figures; its tail then names it again beside
    # the next row's: printed twice with other figures, refused)
    assert "该行的开头“3.危及”" in problem.message or "该行出现两次且数字不同" in problem.message
    assert cells[("applications", "withheld_state_secret", "total")] == 83


def test_a_bracket_far_left_of_a_rows_figures_is_no_cell() -> None:
    """drawn-2019-118.pymupdf-sorted.txt: PyMuPDF's sorted text of a drawn PDF (make.py). The
    line `（      39   8   2   5   3   85   142理   府信息`: the bracket of （四）无法提供 stands
    where the first figure would, far left of the figures, and the row's total is glued to a
    group letter after them. Before, the bracket was read as the first cell (refused) and
    39 … 85 published a column off (39 as commercial, 85 as the total 142). Now the row is
    refused: text at the edge of a row's figures, more than twice as far from them as they
    stand apart, is no cell of it."""
    report, expected, cells = read_without_wrong_figures("drawn-2019-118.pymupdf-sorted.txt")
    assert not any(k[1] == "unavailable_not_held" for k in cells)
    problem = next(e for e in report.errors if e.row == "unavailable_not_held")
    # (since the forty-fourth session the bracket, alone at its line's start, is a piece of
    # （四）无法提供's label, and the row is refused for its six figures: 142 is glued to 理)
    assert problem.found == "（" and "远离" in problem.message \
        or problem.message.endswith("expected 7 numbers, found 6")
    assert cells[("applications", "withheld_query_matters", "total")] == 90


def test_figures_read_as_words_inside_a_rows_label_refuse_the_row() -> None:
    """drawn-2019-275.pdfplumber.txt: pdfplumber's plain text of a drawn PDF (make.py).
    二、上年结转政府信息公开申请 / 本 （ 559 580 975 388 522 411 3435 / 数量: the row's figures
    after a group's letter and bracket, the line read as words; the next figures, 377 19 146
    122 210 85 959, are （一）予以公开's, its label broken by the group's letters (年 一） / 度
    予 / 办 以公开). Before, 上年结转 took them. Now a row whose label holds a row's worth of
    figures after the words that name it is refused; where the figures stand before those
    words (the row above's: （ 1 21 34 … / 关政府信息 / 2.没有现成信息需) the row is read."""
    report, expected, cells = read_without_wrong_figures("drawn-2019-275.pdfplumber.txt")
    assert not any(k[1] in ("carried_over", "granted") for k in cells)
    problem = next(e for e in report.errors if e.row == "carried_over")
    assert "559 580 975 388 522 411 3435" in problem.message
    # `（ 9 1 284 125 35 122 576` / 政府信息 / 四） / 无 2.没有现成信息需要, then its figures:
    # the figures in the label stand before the words that name the row, which is read
    assert cells[("applications", "unavailable_needs_creation", "total")] == 406 == expected[
        ("applications", "unavailable_needs_creation", "total")]
    assert cells[("applications", "withheld_state_secret", "total")] == expected[
        ("applications", "withheld_state_secret", "total")]


def test_a_figure_after_the_names_of_two_rows_is_refused() -> None:
    """drawn-2021-215.pdfminer.txt: pdfminer's text of a drawn PDF (make.py), the table's
    labels in one block and its figures in another: 第二十条第（五）项 / 信息内容 / 行政许可 /
    信息内容 / 行政处罚 / 本年处理决定数量 / 1. Before, the 1 (行政许可's) was published as
    行政处罚's; now a figure after the names of two rows of the proactive table is no one's."""
    report, expected, cells = read_without_wrong_figures("drawn-2021-215.pdfminer.txt")
    assert ("proactive", "penalty", "decisions") not in cells
    problem = next(e for e in report.errors if e.row == "penalty")
    assert problem.found == "行政处罚、行政许可"


def test_a_figure_under_another_sections_heading_is_not_the_rows() -> None:
    """drawn-2021-162.pdfminer.txt: 信息内容 / 行政许可 / 信息内容 / 行政处罚 / 行政强制 /
    第二十条第（五）项 / 本年处理决定数量 / 3 — the 3 under the heading of （五） is 行政许可's; it
    had been published as 行政强制's (the last name before it), which is under （六）."""
    report, expected, cells = read_without_wrong_figures("drawn-2021-162.pdfminer.txt")
    assert ("proactive", "coercion", "decisions") not in cells
    problem = next(e for e in report.errors if e.row == "coercion")
    assert problem.found == "第二十条第（五）项"
    assert cells[("proactive", "fees", "amount")] == expected[("proactive", "fees", "amount")]


def test_figures_left_after_a_reviews_table_that_does_not_add_up_refuse_it() -> None:
    """drawn-2021-291.pdfminer.txt: pdfminer's text of a drawn PDF (make.py) whose reviews
    table is so narrow that its figures stand a digit a line: 8 0 9 9 4 2 2 5 2 3 2 8 9 1 1,
    then 总 计 and more digits (3 2 7 …, 7 9 1 …). Before, the first 15 digits were published
    as the table (80 as 8 and 0), every block breaking R4 as if the report's own error. Now
    a reviews table read from a stream whose blocks do not all add up, with figures left
    after it, is refused."""
    report, expected, cells = read_without_wrong_figures("drawn-2021-291.pdfminer.txt")
    assert not any(k[0] == "review_litigation" for k in cells)
    problem = next(e for e in report.errors if e.table == "review_litigation")
    assert problem.found.startswith("3 2 7 7 9 1")


def test_a_figure_cut_at_its_point_after_a_rows_figures_refuses_the_row() -> None:
    """drawn-2019-364.pymupdf4llm.txt: pymupdf4llm's Markdown of a drawn PDF (make.py) whose
    narrow cells its table finder cut through: `|政府集中采购|2|8||91.|6||` for 28 and 91.96.
    Before, 2 and 8 were published as the row's two figures and `91. | 6` set aside as a row
    of no label; now a figure cut at its point on the row's line after its figures refuses
    the row."""
    report, expected, cells = read_without_wrong_figures("drawn-2019-364.pymupdf4llm.txt")
    assert not any(k[1] == "procurement" for k in cells)
    problem = next(e for e in report.errors if e.row == "procurement")
    assert problem.found == "91. 6"
    assert cells[("proactive", "licensing", "decisions")] == expected[
        ("proactive", "licensing", "decisions")]


def test_a_row_at_a_page_break_that_breaks_its_sum_is_refused() -> None:
    """drawn-2019-411.pdf: the label of 二、上年结转… drawn by reportlab over the cells above
    it, so the reader took the next page's first row (政府信息公开申请数量 50 49 … 341) for the
    rest of 一、本年新收…'s and joined them cell by cell: 36550 for 365 and 50, 2001341 for
    2001 and 341. Before, the row was published (its sum broken, as if the report's own
    error); now a row of a PDF's table at a page break that does not add up is refused."""
    report, expected, cells = read_without_wrong_figures("drawn-2019-411.pdf")
    assert not any(k[1] == "new" for k in cells)
    problem = next(e for e in report.errors if e.row == "new")
    assert "跨页" in problem.message and "36550" in problem.found
    assert cells[("applications", "granted", "total")] == expected[
        ("applications", "granted", "total")]


def test_a_row_with_blank_cells_at_a_page_break_beside_figures_of_no_row_is_refused() -> None:
    """drawn-2021-351.pdf: （二 and the row's figures (35 … 19 of … 190) at a page's foot, the
    heading rows repeated at the next page's head, then the rest of its label
    (）部分公开…) over blank cells and the 0 of 190. Before, the rest was published as the row:
    six missing cells and a total of 0; now a row with blank cells at a page break beside
    figures of no row is refused."""
    report, expected, cells = read_without_wrong_figures("drawn-2021-351.pdf")
    assert not any(k[1] == "partially_granted" for k in cells)
    problem = next(e for e in report.errors if e.row == "partially_granted")
    assert "跨页" in problem.message


def test_a_row_of_its_own_after_a_closed_row_at_a_head_without_a_rule() -> None:
    """open-2019-373.pdf: a table that goes on at a page's head with no rule drawn above its
    first row (as a browser prints it), the row before closed by a rule at the foot. The rule
    added at the head stood alone and was dropped, the row read as text; a row at the head
    that is whole by its own sum is now read as the table's."""
    report, expected, cells = read_without_wrong_figures("open-2019-373.pdf")
    assert report.complete, [e.message for e in report.errors]
    assert cells == expected


def test_an_empty_rest_at_a_page_head_closes_the_row_above() -> None:
    """open-2021-472.pdf: 4.保护第三方合法权益 ends page 2 with all its text; the rest of its
    cells, empty, stands at the head of page 3 with no rule between. Nothing of the row is on
    the next page: joined (nothing added), where before the break was read as text and the
    row refused."""
    report, expected, cells = read_without_wrong_figures("open-2021-472.pdf")
    assert report.complete, [e.message for e in report.errors]
    assert cells == expected


def test_pieces_at_a_page_head_that_cannot_be_joined_refuse_the_row() -> None:
    """unjoined-2021-15.pdf: 3.其他 at the foot of page 4 (38 31 2 44 38 42 88), pieces of
    its figures at the head of page 5 (9, 1, 9 of 389, 381, 889) that make it add up; but the
    tables found again once the page's other added rule is dropped no longer place the
    pieces under its cells. The reader vouches for none of the row's figures (each refused
    with why), rather than leave 38 for 389 to the parser's check of rows at page breaks."""
    report, expected, cells = read_without_wrong_figures("unjoined-2021-15.pdf")
    assert not any(k[1] == "other_other" for k in cells)
    problems = [e for e in report.errors if e.row == "other_other"]
    assert len(problems) == 7 and all("无法接回原行" in e.message for e in problems)
