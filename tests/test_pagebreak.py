"""Tables that run over a page break with no rule drawn at it (builder/read_pdf.py): the row a
break cut is joined to its rest, rows apart stay apart, and a break that may have cut a figure
is refused, not read as a figure. The PDFs are in tests/fixtures/pagebreak (README there)."""

from __future__ import annotations

from pathlib import Path

from builder.parse import parse_file
from builder.read import read_document

from .conftest import page_expected, report_cells

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
