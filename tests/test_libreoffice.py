"""Reports a word processor laid out (LibreOffice Writer: rows broken over pages line by line,
heading rows repeated), read by the project's readers and from extraction tools' outputs of
the PDFs (tests/fixtures/libreoffice, a README there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.parse import parse_file

from .conftest import page_expected, read_without_wrong_figures, report_cells

LIBREOFFICE = Path(__file__).parent / "fixtures" / "libreoffice"


@pytest.mark.parametrize("name", ["lo2021-14.pdf", "lo2021-14.doc"])
def test_a_word_processors_pdf_and_word_97_file_read_whole(name: str) -> None:
    """The row 一、本年新收… broken over pages 1 and 2 line by line, each wide figure cut in
    two in its narrow cell (1073 / 6 of 10736), the heading rows repeated between: the PDF
    reader joins the halves, and the Word 97 file has the row whole — both complete, every
    figure the report's."""
    path = LIBREOFFICE / name
    report = parse_file(path)
    assert report.complete, [e.message for e in report.errors]
    assert report_cells(report) == page_expected(path)


def _refusals(report, table: str) -> list[str]:  # noqa: ANN001 - a ParsedReport
    return [e.message for e in report.errors if e.table == table]


def test_a_row_broken_over_a_page_in_a_tools_cells_is_refused() -> None:
    """PyMuPDF's table finder gives the first line of each cell of 一、本年新收… at page 1's
    foot (1073 | 4066 | 1685 …) and, after the headings repeated at page 2's head, the rest
    on a row of no label (6 | | 3 | 6 …): the row does not add up beside figures of no row
    with only the repeated headings between — refused (it had been published with the
    pieces, as if the report broke its own sum)."""
    report, expected, cells = read_without_wrong_figures(LIBREOFFICE / "lo2021-14.mutables.csv")
    assert cells.get(("applications", "new", "total")) is None
    assert any("new" in m and "不属于任何栏目" in m for m in _refusals(report, "applications"))
    # the rows after the break, whole on page 2, are read
    assert cells[("applications", "granted", "total")] == expected[
        ("applications", "granted", "total")]


def test_a_reviews_row_cut_short_in_a_tools_cells_is_refused() -> None:
    """The reviews table's one row at a page's foot, each wide figure's last digit on the
    next page outside the tables PyMuPDF found (510 for 5107, 559 for 5591): no block adds
    up — each refused (all three had been published as the report's own errors)."""
    report, _, cells = read_without_wrong_figures(LIBREOFFICE / "lo2021-62.mutables.csv")
    assert not any(v is not None for (t, _, _), v in cells.items()
                   if t == "review_litigation")
    assert len([m for m in _refusals(report, "review_litigation") if "截断" in m]) == 3


def test_reviews_figures_counted_out_from_pieces_of_a_tools_cells_are_refused() -> None:
    """pdfplumber's cells by the text strategy: `2 1 | 6 11 | 4 | 3 | 6 | 5 1 | 8 …` for
    2 2 1 6 11 | 4 3 6 5 18 | 3 8 1 6 18, a 2 lost and 18 split over two cells. The two
    blocks that do not add up stand a place off: refused; the third adds up and stands."""
    report, expected, cells = read_without_wrong_figures(
        LIBREOFFICE / "lo2019-102.pdfplumber-text-tables.csv")
    refused = _refusals(report, "review_litigation")
    assert len([m for m in refused if "提取工具的单元格与表格的栏目不一致" in m]) == 2
    for column in ("upheld", "corrected", "other", "pending", "total"):
        key = ("review_litigation", "litigation_after_review", column)
        assert cells[key] == expected[key]
        assert cells.get(("review_litigation", "review", column)) is None


def test_a_count_read_as_a_fraction_beside_an_amount_refuses_the_row() -> None:
    """pymupdf4llm prints 政府集中采购's figures at a page's head in the other order (5.87,
    then 8): the count a fraction, refused, and 8 had been published as the amount. A row
    with an amount column whose count reads as a fraction is refused whole."""
    report, _, cells = read_without_wrong_figures(LIBREOFFICE / "lo2019-36.pymupdf4llm.txt")
    assert cells.get(("proactive", "procurement", "amount")) is None
    assert cells.get(("proactive", "procurement", "items")) is None
    assert any("procurement" in m and "次序" in m for m in _refusals(report, "proactive"))


def test_the_rest_of_a_broken_row_taken_for_a_row_printed_twice_counts_as_no_rows() -> None:
    """pymupdf4llm's Markdown of the same PDF: the rest of 一、本年新收…, `6 | | 3 | 6 …`,
    stands after the repeated headings' last word, 总计, and is read as （七）总计 — refused
    when the real （七）总计 shows the row printed twice. Its figures are then figures of no
    row beside the cut row, which does not add up: refused (it had been published)."""
    report, expected, cells = read_without_wrong_figures(
        LIBREOFFICE / "lo2021-14.pymupdf4llm.txt")
    assert cells.get(("applications", "new", "total")) is None
    refused = _refusals(report, "applications")
    assert any("results_total" in m and "出现两次" in m for m in refused)
    assert any("new" in m and "不属于任何栏目" in m for m in refused)
    assert cells[("applications", "granted", "total")] == expected[
        ("applications", "granted", "total")]


def test_a_numberings_point_after_the_label_in_a_tools_cells_names_the_row() -> None:
    """PyMuPDF's cells print 3.其他 as `3 其他` with the point on a line of its own after it
    (the point drawn lower than the CJK glyphs): the row is 3.其他, read with its figures —
    it had been a row of no label, its figures left out, in 133 of the 240 trial outputs."""
    _, expected, cells = read_without_wrong_figures(LIBREOFFICE / "lo2021-14.mutables.csv")
    for column in ("natural_person", "commercial", "total"):
        key = ("applications", "other_other", column)
        assert cells[key] == expected[key]
