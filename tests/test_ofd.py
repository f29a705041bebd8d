"""OFD files (GB/T 33190), made from the fixtures' PDFs as converters write them: the text
objects laid out as aligned text and read like pdftotext -layout's text."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest

from builder.errors import ReportError
from builder.parse import parse_document, parse_file
from builder.read_ofd import read_ofd

from .conftest import pdf_to_ofd
from .conftest import rendered_expected as _expected
from .conftest import report_cells as _cells

RENDERED = Path(__file__).parent / "fixtures" / "rendered"
FOLDERS = sorted(d for d in RENDERED.iterdir() if d.is_dir())


@functools.cache
def _ofd(folder: str, pdf: str = "report.pdf", per_char: bool = False,
         scaled: bool = False) -> bytes:
    return pdf_to_ofd(RENDERED / folder / pdf, per_char=per_char, scaled=scaled)


CASES = ([(d.name, "report.pdf", False, False) for d in FOLDERS]
         + [(name, pdf, False, False) for name, pdf in
            (("random-1", "report-paged.pdf"), ("random-2", "report-borderless.pdf"))]
         + [("random-3", "report.pdf", True, False), ("template-2019", "report.pdf", True, False),
            ("random-4", "report.pdf", False, True), ("seed-003", "report.pdf", False, True)])


@pytest.mark.parametrize(("folder", "pdf", "per_char", "scaled"), CASES,
                         ids=[f"{f}-{p}-{'chars' if c else 'words'}{'-ctm' if s else ''}"
                              for f, p, c, s in CASES])
def test_an_ofd_reads_as_the_report(folder: str, pdf: str, per_char: bool,
                                    scaled: bool) -> None:
    """Every figure, body and year, from text objects of a word each or a character each,
    scaled by their CTM or not, on pages with running headers (第 1 页 共 2 页) or tables
    without rules; missing-cells' blanks stay missing, or their row is refused."""
    report = parse_document(read_ofd(_ofd(folder, pdf, per_char, scaled), f"{folder}.ofd"))
    expected = _expected(folder)
    got = _cells(report)
    assert {k: v for k, v in got.items() if expected["cells"].get(k, "absent") != v} == {}
    assert (report.body, report.year, report.template, report.layout) == (
        expected["body"], expected["year"], expected["template"], "ofd")
    if folder == "missing-cells":
        assert all(e.row for e in report.errors)
        assert {k[1] for k in set(expected["cells"]) - set(got)} <= {e.row for e in report.errors}
        return
    assert report.complete, [e.message for e in report.errors][:3]
    assert got == expected["cells"]


def test_a_figure_in_an_ofd_names_its_page_and_line(tmp_path: Path) -> None:
    """The source of a figure is the page and the line of that page (第2页第36行): what a reader
    of the OFD finds; builder reads a .ofd file in content/ like any report."""
    target = tmp_path / "report.ofd"
    target.write_bytes(_ofd("random-1", "report-paged.pdf"))
    report = parse_file(target)
    first = report.index()[("proactive", "rules", "issued")].source
    last = report.index()[("review_litigation", "litigation_after_review", "total")].source
    assert (first.page, last.page) == (1, 2)
    assert first.describe() == f"第1页第{first.row}行" and 1 < first.row < last.line
    assert last.describe() == f"第2页第{last.row}行" and last.row < last.line


def _package(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(_ofd("random-1"))) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_a_scanned_ofd_is_refused_as_such() -> None:
    parts = _parts()
    image = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org'
             '/2016"><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="3" ResourceID="9" '
             'Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content>'
             '</ofd:Page>')
    for name in parts:
        if name.endswith("Content.xml"):
            parts[name] = image.encode()
    with pytest.raises(ReportError) as exc:
        read_ofd(_package(parts), "scan.ofd")
    assert "scanned OFD" in exc.value.problems[0].message
    assert "2 images" in exc.value.problems[0].message


@pytest.mark.parametrize(("boundary", "ocr"), [("0 0 210 297", True), ("-5 -5 220 307", True),
                                              ("0 0 210 120", False), ("0 300 210 297", False)])
def test_text_over_a_scan_of_the_page_is_refused_as_ocr(boundary: str, ocr: bool) -> None:
    """A scanned OFD with an OCR text layer (the page's image under its text objects): its
    tables are refused as OCR; an image over part of the page (a seal, a letterhead) or off
    the page changes nothing."""
    parts = _parts()
    page = "Doc_0/Pages/Page_0/Content.xml"
    picture = (f'<ofd:ImageObject ID="9001" ResourceID="9" Boundary="{boundary}" '
               'CTM="210 0 0 297 0 0"/>')
    parts[page] = parts[page].replace(b'<ofd:Layer ID="2">',
                                      b'<ofd:Layer ID="2">' + picture.encode(), 1)
    assert picture.encode() in parts[page]
    report = parse_document(read_ofd(_package(parts), "scan.ofd"))
    if ocr:
        assert not report.cells
        assert {e.table for e in report.errors if "OCR" in e.message} == {
            "proactive", "applications", "review_litigation"}
        assert "第1页的文字叠在整页图像上" in report.errors[0].message
    else:
        assert report.complete and not any("OCR" in e.message for e in report.errors)


@pytest.mark.parametrize(("change", "says"), [
    (lambda p: {"a.txt": "not an OFD"} | {"OFD.xml": b""}, "cannot read OFD"),
    (lambda p: {k: v for k, v in p.items() if k != "Doc_0/Pages/Page_1/Content.xml"},
     "expected the part Doc_0/Pages/Page_1/Content.xml"),
    (lambda p: p | {"OFD.xml": p["OFD.xml"].replace(b"DocRoot", b"DocRoom")},
     "expected a DocRoot"),
])
def test_a_broken_ofd_is_refused_with_the_reason(change, says: str) -> None:
    with pytest.raises(ReportError) as exc:
        read_ofd(_package(change(_parts())), "broken.ofd")
    assert says in str(exc.value)


def test_a_file_named_ofd_that_is_no_zip_is_refused() -> None:
    with pytest.raises(ReportError) as exc:
        read_ofd(b"%PDF-1.7 not a zip", "x.ofd")
    assert "expected a zip package" in str(exc.value)


@pytest.mark.parametrize("style", ["word", "cms"])
@pytest.mark.parametrize("folder", ["random-1", "template-2019"])
def test_an_ofd_of_a_page_printed_by_chromium_never_puts_a_figure_a_row_off(
        tmp_path: Path, folder: str, style: str) -> None:
    """Pages as Word and site editors save them, printed to PDF by the real Chromium and made
    OFD: labels break mid-word over lines and figures stand between a label's lines (a
    figure centred in its cell; digits in another font than the words). Read, or refused by
    row, never a figure of another row; Word's pages read whole."""
    from builder import synth

    from .conftest import print_to_pdf

    page = tmp_path / "page.html"
    page.write_text(synth.render_html(synth.fixture_specs()[folder], style), "utf-8")
    pdf = tmp_path / "page.pdf"
    print_to_pdf(page.as_uri(), pdf, "--no-pdf-header-footer")
    report = parse_document(read_ofd(pdf_to_ofd(pdf), "printed.ofd"))
    expected = _expected(folder)["cells"]
    got = _cells(report)
    assert {k: v for k, v in got.items() if expected.get(k, "absent") != v} == {}
    assert len(got) > len(expected) // 3
    if style == "word":  # figures centred between a label's lines join the line they stand on
        assert report.complete and got == expected, [e.message for e in report.errors][:3]
