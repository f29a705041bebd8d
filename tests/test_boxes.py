"""Word boxes as tools write them (builder/read_boxes.py): ``pdftotext -tsv`` and Tesseract's
TSV, ``pdftotext -bbox`` / ``-bbox-layout``, ``pdftohtml -xml``'s runs of text, pdfminer's and
PyMuPDF's XML, hOCR and ALTO — laid out as lines of text in their columns and read as aligned
text is; the real outputs are in tests/fixtures/boxes (README there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.parse import parse_file
from builder.read import read_document

from .conftest import RENDERED, page_expected, rendered_expected, report_cells

BOXES = Path(__file__).parent / "fixtures" / "boxes"
OUTPUTS = sorted(p.name for p in BOXES.iterdir()
                 if ".pdfto" in p.name and not p.name.startswith("narrow-"))


@pytest.mark.parametrize("name", OUTPUTS)
def test_word_boxes_of_a_rendered_report_read_exactly(name: str) -> None:
    """Every figure, blank cells as missing; the source the page and its line (第1页第22行)."""
    expected = rendered_expected(name.split(".")[0])
    report = parse_file(BOXES / name)
    assert report.layout == "word-boxes"
    assert report.complete, [e.message for e in report.errors]
    assert report_cells(report) == expected["cells"]
    assert (report.body, report.year, report.template) == \
        (expected["body"], expected["year"], expected["template"])
    assert all(c.source.page and c.source.row for c in report.cells)


def test_tsv_and_bbox_of_one_pdf_lay_out_alike() -> None:
    """pdftotext's TSV and its -bbox-layout of the same PDF: the same words, the same lines."""
    tsv = read_document(BOXES / "random-1.pdftotext.tsv")
    bbox = read_document(BOXES / "random-1.pdftotext-bbox-layout.html")
    assert [[c.text for c in r.cells] for r in tsv.rows] == \
        [[c.text for c in r.cells] for r in bbox.rows]


NARROW = {
    # 38 44 57 4 above 6 254 403 (the pieces of 387, 449 … broken in narrow cells, adding up
    # by chance: 38 + 44 + 57 + 4 + 6 + 254 = 403): the row is refused, not published
    "narrow-c1-r5.pdftotext-bbox-layout.html": ("new", "38 / 6"),
    # other_org 17 and the total 53, two words in narrow cells with no space between: not 1753
    "narrow-x1-r4.pdftotext.tsv": ("withheld_security_stability", None),
    # other_org 137 and the total 1026 broken as 13 / 7 and 102 / 6 above and below their
    # row's middle, beside a label wrapped over lines: not drawn into one line (173 and 1602)
    "narrow-r1-cms.pdftotext-bbox-layout.html": ("not_processed_publication", None),
}


@pytest.mark.parametrize("name", sorted(NARROW))
def test_a_page_printed_narrow_publishes_no_wrong_figure(name: str) -> None:
    """Pages printed narrow by Chromium (figures broken over lines in their cells): every
    figure published is the page's; the row the guards are for is refused or read right."""
    path = BOXES / name
    expected = page_expected(path)
    report = parse_file(path)
    cells = report_cells(report)
    assert {k: (v, expected[k]) for k, v in cells.items() if expected[k] != v} == {}
    row, pieces = NARROW[name]
    if pieces:
        assert not any(c.row == row for c in report.cells)
        assert any(e.row == row and e.found == pieces for e in report.errors), \
            [(e.row, e.found) for e in report.errors]
    else:  # (the row is refused on this page for its other broken figures)
        assert cells.get(("applications", row, "other_org")) in (
            None, expected[("applications", row, "other_org")])


def test_a_broken_tsv_row_gets_path_line_expected_found(tmp_path: Path) -> None:
    text = (BOXES / "random-1.pdftotext.tsv").read_text("utf-8").split("\n")
    cut = next(n for n, line in enumerate(text) if line.startswith("5\t"))
    for broken, message in [
            ("\t".join(text[cut].split("\t")[:7]), "TSV 行不完整 / a word's row cut short: "
             "expected 12 fields (level\tpage_num"),
            (text[cut].replace("\t", "\tx", 7).replace("\tx", "\t", 6),
             "TSV 数值无法识别 / a word's place unreadable: expected numbers for page_num, left, "
             "top, width and height, found")]:
        path = tmp_path / "report.tsv"
        path.write_text("\n".join([*text[:cut], broken, *text[cut + 1:]]), "utf-8")
        result = CliRunner().invoke(main, ["parse", str(path)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert f"{path}:{cut + 1}: {message}" in result.output, result.output


@pytest.mark.parametrize("box", ['xMin="-" yMin="1" xMax="2" yMax="3"',
                                 'xMin="1e" yMin="1" xMax="2" yMax="3"',
                                 'xMin="1" yMin="1" xMax="2"'])
def test_a_broken_bbox_word_gets_path_line_expected_found(box: str, tmp_path: Path) -> None:
    """A word of pdftotext's -bbox page whose box is no four numbers (a damaged file): the
    line and what was found — it had been an internal error (float('-')), or the word left
    out without a word."""
    text = (BOXES / "random-1.pdftotext-bbox-layout.html").read_text("utf-8")
    at = text.index("<word ", text.index("<word ") + 1)
    end = text.index(">", at)
    path = tmp_path / "report.html"
    path.write_text(text[:at] + f"<word {box}" + text[end:], "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "内部错误" not in result.output
    line = text.count("\n", 0, at) + 1
    assert (f"{path}:{line}: 词的位置无法识别 / a word's box unreadable: expected xMin, yMin, xMax "
            f"and yMax as numbers, found {box!r}") in result.output, result.output


def test_text_that_only_begins_like_a_tsv_is_text(tmp_path: Path) -> None:
    """A report whose first word is "level" followed by a tab is read as text."""
    source = (Path(__file__).parent / "fixtures" / "rendered" / "random-1" / "tab.txt")
    path = tmp_path / "report.txt"
    path.write_text("level\tone\n" + source.read_text("utf-8"), "utf-8")
    report = parse_file(path)
    assert report.layout != "word-boxes"
    assert report_cells(report) == rendered_expected("random-1")["cells"]


def test_a_line_is_measured_from_its_first_word() -> None:
    """A line of words goes on while a word's middle is within half a character of the line's
    first word's, not of the word before it: the wrapped lines of a label beside a row (each a
    little lower) had drawn the row's figures and the pieces below it into one line, and the
    row was refused; here it reads, every figure the page's."""
    path = BOXES / "narrow-x1-r4.pdftotext.tsv"
    expected = page_expected(path)
    cells = report_cells(parse_file(path))
    row = {k: v for k, v in cells.items() if k[1] == "unavailable_needs_creation"}
    assert len(row) == 7 and all(v == expected[k] for k, v in row.items())


def test_tesseracts_tsv_is_ocr_and_its_tables_are_refused() -> None:
    """Tesseract's words carry OCR's confidence: the text is OCR's, whose misread figures no
    sum catches — every table refused with the reason, no figure published; pdftotext's TSV
    (confidence 100) is the PDF's own text."""
    report = parse_file(BOXES / "random-1.tesseract.tsv")
    assert not report.complete and not [c for c in report.cells if c.value is not None]
    ocr = [e for e in report.errors if "OCR 识别置信度 / OCR confidence" in e.message]
    assert {e.table for e in ocr} == {"proactive", "applications", "review_litigation"}
    assert parse_file(BOXES / "random-1.pdftotext.tsv").complete
    # its figures checked (transcription: ocr): read as laid out, no figure other than the page's
    checked = report_cells(parse_file(BOXES / "random-1.tesseract.tsv", ocr_checked=True))
    expected = rendered_expected("random-1")["cells"]
    assert {k: v for k, v in checked.items() if v is not None and v != expected[k]} == {}
    assert len([v for v in checked.values() if v is not None]) > 100


@pytest.mark.parametrize("value", ["inf", "nan", "1e300", "-1e300", "0.0000001"])
def test_a_word_placed_off_any_page_is_no_trouble(value: str, tmp_path: Path) -> None:
    """A word's place infinite, not a number or far off the page (a damaged or made-up TSV):
    the words that are on the page are read, no traceback, no line of a billion spaces."""
    lines = (BOXES / "random-1.pdftotext.tsv").read_text("utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.endswith("\t347"))
    fields = lines[n].split("\t")
    lines.insert(n + 1, "\t".join([*fields[:6], value, fields[7], value, fields[9], "100", "99"]))
    path = tmp_path / "report.tsv"
    path.write_text("\n".join(lines), "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert result.exit_code in (0, 1)


def test_pdftohtml_xml_is_read_whatever_its_name(tmp_path: Path) -> None:
    """pdftohtml -xml's pages are read as placed text, saved as .xml, .txt or .html alike."""
    source = BOXES / "random-1.pdftohtml.xml"
    expected = rendered_expected("random-1")["cells"]
    for suffix in (".txt", ".html"):
        path = tmp_path / f"report{suffix}"
        path.write_bytes(source.read_bytes())
        report = parse_file(path)
        assert report.layout == "word-boxes" and report_cells(report) == expected


@pytest.mark.parametrize("cut, message", [
    ('<text top="1" left="2" width="-3" height="4" font="6">', "文字的位置无法识别 / a run of "
     "text's place unreadable: expected a width and height not below 0, found "
     "'top=\"1\" left=\"2\" width=\"-3\" height=\"4\" font=\"6\"'"),
    ('<text top="nan" left="2" width="3" height="4" font="6">', "文字的位置无法识别"),
    ('<text top="1" left="2" width="3"', "文字不完整 / a run of text cut short: expected "
     "<text …>…</text> on one line, found '<text top=\"1\" left=\"2\" width=\"3\"'"),
])
def test_a_damaged_run_of_text_gets_path_line_expected_found(
        cut: str, message: str, tmp_path: Path) -> None:
    """A run of pdftohtml -xml whose place is no box, or whose element is cut short (its
    figure would have been read into the next run's text, or left out without a word): the
    line and what was found."""
    lines = (BOXES / "random-1.pdftohtml.xml").read_text("utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.endswith(">347</text>"))
    lines[n] = cut + ("347</text>" if cut.endswith(">") else "")
    path = tmp_path / "report.xml"
    path.write_text("\n".join(lines), "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "内部错误" not in result.output
    assert f"{path}:{n + 1}: {message}" in result.output, result.output


@pytest.mark.parametrize("name, word", [
    ("random-1.pdftotext-bbox-layout.html", '<word xMin="9.0" yMin="1.0" xMax="2.0" yMax="3.0">'),
    ("random-1.pdftotext-bbox-layout.html", '<word xMin="1.0" yMin="1.0" xMax="2.0" yMax="3.0">12'),
])
def test_a_damaged_bbox_word_is_refused_not_left_out(name: str, word: str, tmp_path: Path) -> None:
    """A word whose box ends before it begins, or whose element is not closed on its line (read
    until the next word's end, its figure had run into that word's: 12 and 347 as 12347): the
    file is refused at that line."""
    lines = (BOXES / name).read_text("utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.strip().endswith(">347</word>"))
    lines[n] = word + ("347</word>" if word.endswith(">") else "")
    path = tmp_path / "report.html"
    path.write_text("\n".join(lines), "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "内部错误" not in result.output
    assert f"{path}:{n + 1}: " in result.output and ("词的位置无法识别" in result.output
                                                     or "词不完整" in result.output)


def _plumber_words(folder: str, form: str) -> str:
    """pdfplumber's words (or characters) of a rendered report's PDF, dumped as a script
    would dump them: ``words`` a list, ``pages`` a list per page, ``chars`` the characters
    with their page numbers, ``lines`` JSON Lines of words."""
    import json

    import pdfplumber

    with pdfplumber.open(RENDERED / folder / "report.pdf") as pdf:
        if form == "chars":
            keys = ("text", "x0", "x1", "top", "bottom", "doctop", "page_number", "size")
            return json.dumps([{k: c[k] for k in keys} for page in pdf.pages
                               for c in page.chars], ensure_ascii=False)
        pages = [page.extract_words() for page in pdf.pages]
    if form == "pages":
        return json.dumps(pages, ensure_ascii=False, indent=1)
    words = [w for page in pages for w in page]
    if form == "lines":
        return "\n".join(json.dumps(w, ensure_ascii=False) for w in words)
    return json.dumps(words, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("form", ["words", "pages", "chars", "lines"])
@pytest.mark.parametrize("folder", ["random-1", "missing-cells"])
def test_pdfplumbers_words_dumped_as_json_are_laid_out(
        folder: str, form: str, tmp_path: Path) -> None:
    """Words (or characters) with their places, as a script dumps pdfplumber's extract_words
    or chars: laid out in their columns as pdftotext's word boxes are — every figure, blank
    cells missing — not read as text word after word."""
    path = tmp_path / ("report.jsonl" if form == "lines" else "report.json")
    path.write_text(_plumber_words(folder, form), "utf-8")
    report = parse_file(path)
    assert report.layout == "word-boxes"
    assert report.complete, [e.message for e in report.errors]
    assert report_cells(report) == rendered_expected(folder)["cells"]


def test_pymupdfs_words_dumped_as_json_are_laid_out(tmp_path: Path) -> None:
    """PyMuPDF's page.get_text("words") of each page ([x0, y0, x1, y1, text, block, line,
    word]), as a list of pages or one list (a page begins where the block numbers begin
    again): laid out, every figure."""
    import json

    pages = json.loads((BOXES / "random-1.pymupdf-words.json").read_text("utf-8"))
    flat = tmp_path / "flat.json"
    flat.write_text(json.dumps([w for page in pages for w in page], ensure_ascii=False), "utf-8")
    expected = rendered_expected("random-1")
    for path in (BOXES / "random-1.pymupdf-words.json", flat):
        report = parse_file(path)
        assert report.layout == "word-boxes" and report.complete
        assert report_cells(report) == expected["cells"]
        assert (report.body, report.year) == (expected["body"], expected["year"])


def test_words_of_a_narrow_page_never_run_together() -> None:
    """pdfplumber's words of a page printed narrow, read as text word after word, had
    published 114252 for other_org 114 beside the total 252 (and 126 for the total): laid
    out, every figure published is the page's."""
    path = BOXES / "narrow-tj-r12-cms.pdfplumber-words.json"
    expected = page_expected(path)
    cells = report_cells(parse_file(path))
    published = {k: v for k, v in cells.items() if v is not None}
    assert published and all(expected[k] == v for k, v in published.items())
    assert cells.get(("applications", "unavailable_unclear", "other_org")) in (None, 114)


def test_a_word_without_its_place_refuses_the_dump(tmp_path: Path) -> None:
    """A dump of words one of which has lost a coordinate: read as text it would run
    figures together, so the file is refused at that word's line, with what was found."""
    text = (BOXES / "random-1.pymupdf-words.json").read_text("utf-8")
    at = text.index('"347"')
    start = text.rindex("[", 0, at)
    broken = text[:start] + '[null, 1.0, 2.0, 3.0, "347", 5, 0, 0]' + text[text.index("]", at) + 1:]
    path = tmp_path / "report.json"
    path.write_text(broken.replace("], [", "],\n["), "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "内部错误" not in result.output
    line = path.read_text("utf-8")[:path.read_text("utf-8").index("[null")].count("\n") + 1
    assert (f"{path}:{line}: 词的位置无法识别 / a word's box unreadable: expected its text and "
            "place as numbers") in result.output, result.output
    assert "found [null, 1.0, 2.0, 3.0, \"347\", 5, 0, 0]" in result.output


def _tsv_as_dict(name: str) -> str:
    """A TSV of word boxes as pytesseract's image_to_data(output_type=Output.DICT) gives it,
    dumped with json.dump: a list for each field."""
    import csv
    import json

    with (BOXES / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    head, body = rows[0], [r for r in rows[1:] if len(r) == len(rows[0])]
    numeric = {"left", "top", "width", "height", "conf"}
    return json.dumps({k: [r[i] if k == "text" else float(r[i]) if k in numeric else int(r[i])
                           for r in body] for i, k in enumerate(head)}, ensure_ascii=False)


def test_tesseracts_words_as_a_dict_of_lists_are_laid_out_and_ocr(tmp_path: Path) -> None:
    """pytesseract's dict of Tesseract's words: laid out as its TSV is, its confidence a mark
    of OCR (every table refused until the sidecar says the figures were checked; then no
    figure other than the page's); pdftotext's TSV so converted (confidence 100) is read whole."""
    ocr = tmp_path / "ocr.json"
    ocr.write_text(_tsv_as_dict("random-1.tesseract.tsv"), "utf-8")
    doc = read_document(ocr)  # placed on its pages (a source names the page), marked OCR
    assert doc.ocr and all(c.source.page for row in doc.rows for c in row.cells)
    report = parse_file(ocr)
    assert not [c for c in report.cells if c.value is not None]
    assert any("conf" in e.message and "OCR" in e.message for e in report.errors)
    expected = rendered_expected("random-1")["cells"]
    checked = report_cells(parse_file(ocr, ocr_checked=True))
    assert {k: v for k, v in checked.items() if v is not None and v != expected[k]} == {}
    assert len([v for v in checked.values() if v is not None]) > 100
    text = tmp_path / "text.json"
    text.write_text(_tsv_as_dict("random-1.pdftotext.tsv"), "utf-8")
    report = parse_file(text)
    assert report.layout == "word-boxes" and report.complete
    assert report_cells(report) == expected


def _pdfminer_xml(folder: str) -> bytes:
    """pdfminer's XML of a rendered report's PDF, as ``pdf2txt.py -t xml`` writes it (its
    characters, each with its bbox from the foot of the page)."""
    import io

    from pdfminer.high_level import extract_text_to_fp

    out = io.BytesIO()
    with (RENDERED / folder / "report.pdf").open("rb") as f:
        extract_text_to_fp(f, out, output_type="xml", codec="utf-8")
    return out.getvalue()


@pytest.mark.parametrize("folder", ["random-1", "missing-cells", "template-2019"])
def test_pdfminers_xml_is_laid_out_whatever_its_name(folder: str, tmp_path: Path) -> None:
    """pdfminer's characters, each with its box (y from the foot of the page): laid out in
    their columns, every figure, blank cells missing; the source the page and its line. Saved
    as .xml, .txt or .html alike; before, read as text, it gave no report at all."""
    data = _pdfminer_xml(folder)
    expected = rendered_expected(folder)
    for suffix in (".xml", ".txt", ".html"):
        path = tmp_path / f"report{suffix}"
        path.write_bytes(data)
        report = parse_file(path)
        assert report.layout == "word-boxes" and report.complete, \
            [e.message for e in report.errors]
        assert report_cells(report) == expected["cells"]
        assert (report.body, report.year, report.template) == \
            (expected["body"], expected["year"], expected["template"])
        assert all(c.source.page and c.source.row for c in report.cells)


def test_pymupdfs_xml_is_laid_out(tmp_path: Path) -> None:
    """PyMuPDF's get_text("xml") of each page, one after another (its characters, each with
    its four corners in quad, or a bbox of four numbers as older versions wrote): every
    figure."""
    import re

    expected = rendered_expected("random-1")
    source = BOXES / "random-1.pymupdf.xml"
    text = source.read_text("utf-8")

    def as_bbox(m: re.Match[str]) -> str:
        v = [float(x) for x in m.group(1).split()]
        return f'bbox="{min(v[0::2])} {min(v[1::2])} {max(v[0::2])} {max(v[1::2])}"'

    older = tmp_path / "older.xml"
    older.write_text(re.sub(r'quad="([^"]*)"', as_bbox, text), "utf-8")
    assert "quad=" not in older.read_text("utf-8")
    for path in (source, older):
        report = parse_file(path)
        assert report.layout == "word-boxes" and report.complete
        assert report_cells(report) == expected["cells"]
        assert (report.body, report.year) == (expected["body"], expected["year"])


@pytest.mark.parametrize("name", ["random-1.tesseract.hocr", "random-1.tesseract-alto.xml"])
def test_tesseracts_hocr_and_alto_are_ocr_laid_out_as_its_tsv(name: str, tmp_path: Path) -> None:
    """Tesseract's hOCR and ALTO of the same scanned pages as its TSV: the same lines, the
    same cells; OCR (its words' confidences): every table refused with the line of the mark,
    until the sidecar says the figures were checked — then no figure other than the page's."""
    tsv = read_document(BOXES / "random-1.tesseract.tsv")
    doc = read_document(BOXES / name)
    assert [[c.text for c in r.cells] for r in doc.rows] == \
        [[c.text for c in r.cells] for r in tsv.rows]
    assert doc.ocr and all(c.source.page for row in doc.rows for c in row.cells)
    report = parse_file(BOXES / name)
    assert not [c for c in report.cells if c.value is not None]
    mark = "x_wconf 96" if name.endswith(".hocr") else 'WC="0.96"'
    assert {e.table for e in report.errors if mark in e.message} == \
        {"proactive", "applications", "review_litigation"}
    expected = rendered_expected("random-1")["cells"]
    checked = report_cells(parse_file(BOXES / name, ocr_checked=True))
    assert {k: v for k, v in checked.items() if v is not None and v != expected[k]} == {}
    assert len([v for v in checked.values() if v is not None]) > 100
    if name.endswith(".hocr"):  # hOCR saved as a web page is hOCR too
        page = tmp_path / "report.html"
        page.write_bytes((BOXES / name).read_bytes())
        assert read_document(page).rows == doc.rows


def test_hocr_with_character_boxes_reads_as_its_words(tmp_path: Path) -> None:
    """hOCR as tesseract -c hocr_char_boxes=1 writes it: a word's characters each a span of
    its own on a line of its own (ocrx_cinfo, x_bboxes), the word closed lines below — the
    same lines as the words' hOCR; it had been refused as a word cut short."""
    import re

    source = (BOXES / "random-1.tesseract.hocr").read_text("utf-8")

    def characters(m: re.Match[str]) -> str:
        spans = "".join(f"\n       <span class='ocrx_cinfo' title='x_bboxes 1 2 3 4; x_conf 99"
                        f"'>{ch}</span>" for ch in m.group(2))
        return f"{m.group(1)}{spans}\n      </span>"

    text, count = re.subn(r"(<span class='ocrx_word'[^>]*>)([^<\n]+)</span>", characters, source)
    assert count > 1000
    path = tmp_path / "report.hocr"
    path.write_text(text, "utf-8")
    assert [[c.text for c in r.cells] for r in read_document(path).rows] == \
        [[c.text for c in r.cells] for r in read_document(BOXES / "random-1.tesseract.hocr").rows]


def _alto_of_pdf_words(producer: str) -> str:
    """ALTO of a PDF's own words (pdftotext -bbox's, no confidence), as pdfalto writes a PDF's
    text: a String a word with HPOS, VPOS, WIDTH, HEIGHT and CONTENT."""
    import html
    import re

    text = (BOXES / "random-1.pdftotext-bbox-layout.html").read_text("utf-8")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">',
           f"<Description><OCRProcessing><processingSoftware><softwareName>{producer}"
           "</softwareName></processingSoftware></OCRProcessing></Description>", "<Layout>"]
    for page in text.split("<page ")[1:]:
        out.append('<Page ID="p" WIDTH="595" HEIGHT="842"><PrintSpace>')
        for m in re.finditer(r'<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" '
                             r'yMax="([^"]*)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            content = html.escape(html.unescape(m.group(5)), quote=True)
            out.append(f'<String ID="s" HPOS="{x0}" VPOS="{y0}" WIDTH="{x1 - x0:.3f}" '
                       f'HEIGHT="{y1 - y0:.3f}" CONTENT="{content}"/><SP/>')
        out.append("</PrintSpace></Page>")
    return "\n".join([*out, "</Layout>", "</alto>"])


def test_alto_of_a_pdfs_text_is_read_and_other_alto_is_ocr(tmp_path: Path) -> None:
    """ALTO that pdfalto wrote from a PDF's text, no word with a confidence: the PDF's words,
    read whole; ALTO without confidences from any other software is an OCR engine's (ALTO is
    the OCR standard's format): its tables refused."""
    expected = rendered_expected("random-1")
    path = tmp_path / "report.xml"
    path.write_text(_alto_of_pdf_words("pdfalto"), "utf-8")
    report = parse_file(path)
    assert report.layout == "word-boxes" and report.complete, [e.message for e in report.errors]
    assert report_cells(report) == expected["cells"]
    path.write_text(_alto_of_pdf_words("ABBYY FineReader"), "utf-8")
    report = parse_file(path)
    assert not [c for c in report.cells if c.value is not None]
    assert any("ALTO（OCR 软件的输出" in e.message for e in report.errors)


@pytest.mark.parametrize("name, find, damaged, message", [
    ("pdfminer", 'bbox="', 'bbox="1,2,3"', "字符的位置无法识别 / a character's box unreadable: "
     "expected bbox (x0,y0,x1,y1) as numbers, found"),
    ("pdfminer", 'bbox="', 'bbox="9,2,3,4"', "字符的位置无法识别 / a character's box "
     "unreadable: expected x1 not below x0 and y1 not below y0, found"),
    ("pdfminer", "</text>", "", "字符不完整 / a character cut short: expected "
     '<text bbox="…">…</text> on one line, found'),
    ("random-1.pymupdf.xml", 'quad="', 'quad="nan ', "字符的位置无法识别 / a character's box "
     "unreadable: expected quad (or bbox) as numbers, found"),
    ("random-1.pymupdf.xml", "/>", "", "字符不完整 / a character cut short: expected "
     "<char … /> on one line, found"),
    ("random-1.tesseract.hocr", "bbox ", "bbox x", "词的位置无法识别 / a word's box unreadable: "
     "expected bbox x0 y0 x1 y1 in its title as numbers, found"),
    ("random-1.tesseract.hocr", "</span>", "", "词不完整 / a word cut short: expected "
     "<span class='ocrx_word' title='bbox …'>…</span> on one line, found"),
    ("random-1.tesseract-alto.xml", 'HPOS="', 'HPOS="x', "词的位置无法识别 / a word's place "
     "unreadable: expected HPOS, VPOS, WIDTH and HEIGHT as numbers, found"),
    ("random-1.tesseract-alto.xml", 'WIDTH="', 'WIDTH="-', "词的位置无法识别 / a word's place "
     "unreadable: expected a WIDTH and HEIGHT not below 0, found"),
])
def test_a_damaged_character_or_word_gets_path_line_expected_found(
        name: str, find: str, damaged: str, message: str, tmp_path: Path) -> None:
    """A character of pdfminer's or PyMuPDF's XML, a word of hOCR or ALTO, whose place is no
    box or whose element is not closed on its line (a damaged file): refused at its line with
    what was found — not read across into the next element, not left out."""
    text = _pdfminer_xml("random-1").decode("utf-8") if name == "pdfminer" else \
        (BOXES / name).read_text("utf-8")
    lines = text.split("\n")
    element = {"pdfminer": "<text font=", "random-1.pymupdf.xml": "<char ",
               "random-1.tesseract.hocr": "ocrx_word", "random-1.tesseract-alto.xml": "<String "}
    n = [i for i, line in enumerate(lines) if element[name] in line][40]
    assert find in lines[n]
    lines[n] = lines[n].replace(find, damaged, 1)
    path = tmp_path / ("report.hocr" if name.endswith(".hocr") else "report.xml")
    path.write_text("\n".join(lines), "utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "内部错误" not in result.output
    assert f"{path}:{n + 1}: {message}" in result.output, result.output


def test_a_page_that_only_speaks_of_hocr_is_a_web_page(tmp_path: Path) -> None:
    """A web page whose text names ocr_page but holds no OCR engine's words is read as a page."""
    source = RENDERED / "random-1" / "report.html"
    page = source.read_text("utf-8").replace("<body>", "<body><p>ocr_page</p>", 1)
    path = tmp_path / "report.html"
    path.write_text(page, "utf-8")
    report = parse_file(path)
    assert report.layout != "word-boxes" and report.complete
    assert report_cells(report) == rendered_expected("random-1")["cells"]


def test_alto_with_a_namespace_prefix_is_alto(tmp_path: Path) -> None:
    """ALTO whose elements carry their namespace's prefix (<alto:Page>, <alto:String>), as
    XML libraries write it: the same words, the same lines as unprefixed (the reader took the
    prefix; the file's head had been known as ALTO only by an unprefixed <String)."""
    import re

    source = (BOXES / "random-1.tesseract-alto.xml").read_text("utf-8")
    prefixed = re.sub(r"<(/?)(?=[A-Za-z])(?!\?)", r"<\1alto:", source)
    prefixed = prefixed.replace('xmlns="', 'xmlns:alto="', 1)
    assert "<alto:String " in prefixed and "<String" not in prefixed
    path = tmp_path / "report.xml"
    path.write_text(prefixed, "utf-8")
    doc = read_document(path)
    assert doc.layout == read_document(BOXES / "random-1.tesseract-alto.xml").layout
    assert [[c.text for c in r.cells] for r in doc.rows] == [
        [c.text for c in r.cells] for r in read_document(BOXES / "random-1.tesseract-alto.xml").rows]
    assert doc.ocr
