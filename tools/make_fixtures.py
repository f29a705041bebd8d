"""Render the synthetic reports of builder.synth and run real extraction tools on them.

    python tools/make_fixtures.py [--out tests/fixtures/rendered] [--only NAME ...]

For every spec of ``builder.synth.fixture_specs()`` this writes ``<out>/<name>/``:

- ``expected.json``: what a parser must recover (body, year, template, every cell in
  ``cell_keys`` order, ``null`` for a missing cell);
- our own renderings: ``tab.txt``, ``cell-per-line.txt``, ``pipe.txt``, ``layout-columns.txt``,
  ``tab-gb18030.txt`` (GB18030), ``tab-bom-crlf.txt`` (UTF-8 with BOM, CRLF), ``report.html``,
  ``report.docx`` and ``report.pdf`` (the DOCX converted by LibreOffice);
- what real tools print: ``w3m.txt``, ``w3m-cols200.txt`` (a few fixtures only), ``lynx.txt``
  (from the HTML),
  ``pandoc.txt``, ``docx2txt.txt`` (from the DOCX), ``pdftotext.txt``, ``pdftotext-layout.txt``
  (from the PDF).

Outputs are deterministic: fixed DOCX core properties and zip dates, and the PDF's creation date,
/ID and checksum replaced by values derived from its content. A missing tool is reported and its
files are left as they were. ``<out>/README.md`` records the tool versions used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import synth  # noqa: E402

DEFAULT_OUT = ROOT / "tests" / "fixtures" / "rendered"
EXTRACT = str(ROOT / "tools" / "extract.py")
# output file -> (input file, command line; {src} is replaced by the input's path)
TOOLS: dict[str, tuple[str, list[str]]] = {
    "w3m.txt": ("report.html", ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8", "{src}"]),
    "w3m-cols200.txt": ("report.html", ["w3m", "-dump", "-cols", "200", "-T", "text/html",
                                        "-O", "UTF-8", "{src}"]),
    "lynx.txt": ("report.html", ["lynx", "-dump", "-nolist", "-assume_charset=utf-8",
                                 "-display_charset=utf-8", "{src}"]),
    "pandoc.txt": ("report.docx", ["pandoc", "{src}", "-t", "plain"]),
    "pandoc-gfm.txt": ("report.docx", ["pandoc", "{src}", "-t", "gfm"]),
    "pandoc-html-gfm.txt": ("report.html", ["pandoc", "-f", "html", "{src}", "-t", "gfm"]),
    "docx2txt.txt": ("report.docx", ["docx2txt", "{src}", "-"]),
    "pdftotext.txt": ("report.pdf", ["pdftotext", "{src}", "-"]),
    "pdftotext-layout.txt": ("report.pdf", ["pdftotext", "-layout", "{src}", "-"]),
    "pdftotext-raw.txt": ("report.pdf", ["pdftotext", "-raw", "{src}", "-"]),
    "pdftotext-layout-paged.txt": ("report-paged.pdf", ["pdftotext", "-layout", "{src}", "-"]),
    "pdftotext-layout-borderless.txt": ("report-borderless.pdf",
                                        ["pdftotext", "-layout", "{src}", "-"]),
    # Markdown from Microsoft's markitdown (pip install "markitdown[docx,pdf]")
    "markitdown-docx.txt": ("report.docx", ["markitdown", "{src}"]),
    "markitdown-html.txt": ("report.html", ["markitdown", "{src}"]),
    "markitdown-pdf.txt": ("report.pdf", ["markitdown", "{src}"]),
    # more converters found in scraping pipelines (pip install html2text inscriptis pypdf
    # pymupdf pdfminer.six)
    "html2text.txt": ("report.html", ["html2text", "{src}", "utf-8"]),
    "inscript.txt": ("report.html", ["inscript", "{src}"]),
    "pandoc-md.txt": ("report.docx", ["pandoc", "{src}", "-t", "markdown"]),
    "pandoc-org.txt": ("report.docx", ["pandoc", "{src}", "-t", "org"]),
    "pandoc-rst.txt": ("report.docx", ["pandoc", "{src}", "-t", "rst"]),
    "pdfminer.txt": ("report.pdf", ["pdf2txt.py", "{src}"]),
    "pdfplumber.txt": ("report.pdf", ["python3", EXTRACT, "pdfplumber", "{src}"]),
    "pdfplumber-layout.txt": ("report.pdf", ["python3", EXTRACT, "pdfplumber-layout", "{src}"]),
    "pymupdf.txt": ("report.pdf", ["python3", EXTRACT, "pymupdf", "{src}"]),
    "pypdf.txt": ("report.pdf", ["python3", EXTRACT, "pypdf", "{src}"]),
    "pypdf-layout.txt": ("report.pdf", ["python3", EXTRACT, "pypdf-layout", "{src}"]),
    "pypdfium2.txt": ("report.pdf", ["python3", EXTRACT, "pypdfium2", "{src}"]),
    # the tables alone, one CSV (as tabula, camelot or a spreadsheet export them)
    "pdfplumber-tables.csv": ("report.pdf", ["python3", EXTRACT, "pdfplumber-tables", "{src}"]),
    # … and with pdfplumber's "text" strategy, which guesses cells from the words' positions
    "pdfplumber-text-tables.csv": ("report.pdf",
                                   ["python3", EXTRACT, "pdfplumber-text-tables", "{src}"]),
    # HTML made from the files, as many government pages are (Word saved as a web page)
    "pdftohtml.html": ("report.pdf", ["pdftohtml", "-i", "-noframes", "-stdout", "{src}"]),
    # the page as Word saves it and as a site's editor writes it (synth.render_html styles,
    # spans in every cell, UTF-8 here), extracted: pandoc keeps the spans' attributes
    # ([347]{style="…"}) and wraps them, and raw <span> tags, over lines; Org tables without a
    # header line; w3m pads the cells of a wide page
    "word-pandoc-md.txt": ("word.html", ["pandoc", "-f", "html", "{src}", "-t", "markdown"]),
    "word-pandoc-gfm.txt": ("word.html", ["pandoc", "-f", "html", "{src}", "-t", "gfm"]),
    "word-pandoc-org.txt": ("word.html", ["pandoc", "-f", "html", "{src}", "-t", "org"]),
    "word-html2text.txt": ("word.html", ["html2text", "{src}", "utf-8"]),
    "word-w3m.txt": ("word.html", ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8", "{src}"]),
    "cms-pandoc-md.txt": ("cms.html", ["pandoc", "-f", "html", "{src}", "-t", "markdown"]),
    "cms-pandoc-org.txt": ("cms.html", ["pandoc", "-f", "html", "{src}", "-t", "org"]),
    "cms-w3m-cols200.txt": ("cms.html", ["w3m", "-dump", "-cols", "200", "-T", "text/html",
                                         "-O", "UTF-8", "{src}"]),
    # web-scraping libraries (pip install trafilatura markdownify)
    "cms-trafilatura.txt": ("cms.html", ["python3", EXTRACT, "trafilatura", "{src}"]),
    "word-markdownify.txt": ("word.html", ["python3", EXTRACT, "markdownify", "{src}"]),
    # converters of document pipelines (pip install pymupdf4llm mammoth docx2python)
    "pymupdf4llm.txt": ("report.pdf", ["python3", EXTRACT, "pymupdf4llm", "{src}"]),
    "mammoth.html": ("report.docx", ["python3", EXTRACT, "mammoth-html", "{src}"]),
    "mammoth-md.txt": ("report.docx", ["python3", EXTRACT, "mammoth-md", "{src}"]),
    "docx2python.txt": ("report.docx", ["python3", EXTRACT, "docx2python", "{src}"]),
    "python-docx.txt": ("report.docx", ["python3", EXTRACT, "python-docx", "{src}"]),
    # camelot's tables as CSV (pip install camelot-py): on LibreOffice's PDFs the lattice
    # flavour moves every row's figures into the row above, the stream flavour prints them on
    # lines of their own
    "camelot-lattice.csv": ("report.pdf", ["python3", EXTRACT, "camelot-lattice", "{src}"]),
    "camelot-stream.csv": ("report.pdf", ["python3", EXTRACT, "camelot-stream", "{src}"]),
    # the PDF made into a Word file again (pip install pdf2docx), as "PDF to Word" services do;
    # the paged PDF's running header and footer (第 2 页) become text beside the tables
    "report-pdf2docx.docx": ("report.pdf", ["python3", EXTRACT, "pdf2docx", "{src}"]),
    "report-paged-pdf2docx.docx": ("report-paged.pdf", ["python3", EXTRACT, "pdf2docx", "{src}"]),
    # document pipelines of language-model tools (pip install unstructured docling):
    # unstructured joins a table's cells with spaces on one line; docling copies a merged
    # cell into every cell it spans, headings and figures alike
    "unstructured.txt": ("report.html", ["python3", EXTRACT, "unstructured", "{src}"]),
    "docling.txt": ("libreoffice.html", ["python3", EXTRACT, "docling", "{src}"]),
    # the tools' JSON: pdfplumber's tables dumped by a script (json.dump(extract_tables())),
    # unstructured's elements (a table as text and as HTML), docling's document (a grid of
    # cells, the body's items in reading order by reference)
    "pdfplumber-tables.json": ("report.pdf", ["python3", EXTRACT, "pdfplumber-json", "{src}"]),
    "pdfplumber-text-tables.json": ("report.pdf",
                                    ["python3", EXTRACT, "pdfplumber-text-json", "{src}"]),
    "unstructured.json": ("report.html", ["python3", EXTRACT, "unstructured-json", "{src}"]),
    "docling.json": ("report.docx", ["python3", EXTRACT, "docling-json", "{src}"]),
    # the page's text as Selenium gives it (pip install selenium; apt install chromium-driver)
    "selenium.txt": ("report.html", ["python3", EXTRACT, "selenium", "{src}"]),
    # the site editor's page and Word's page printed to PDF by Chromium, as -layout text
    "chromium-cms-layout.txt": ("cms.html", ["python3", EXTRACT, "chromium-layout", "{src}"]),
    "chromium-word-layout.txt": ("word.html", ["python3", EXTRACT, "chromium-layout", "{src}"]),
}
# the pages extracted above are made from the spec when the tools run, and not kept
MADE_FOR_TOOLS = {"word.html": "word", "cms.html": "cms"}
STYLED = ("random-1", "random-3", "missing-cells", "template-2019")
# reports also printed with tables without ruled lines (report-borderless.pdf)
BORDERLESS = ("random-1", "random-2")
# reports also saved as Word 97–2003 documents (report.doc, by LibreOffice)
WORD_97 = ("random-1", "missing-cells", "template-2019")
# outputs made for a few fixtures only, to keep the fixtures small
WIDE_ONLY = {"w3m-cols200.txt": ("seed-001", "random-1", "missing-cells", "template-2019"),
             "pdftotext-layout-paged.txt": ("random-1", "random-2", "random-3", "random-4"),
             "pdftotext-layout-borderless.txt": BORDERLESS}
WIDE_ONLY.update({name: STYLED for name, (source, _) in TOOLS.items()
                  if source in MADE_FOR_TOOLS})
WIDE_ONLY.update({"report-pdf2docx.docx": ("random-1", "template-2019"),
                  "docling.json": ("random-1", "template-2019"), "unstructured.json": STYLED,
                  "pdfplumber-text-tables.json": STYLED,
                  "report-paged-pdf2docx.docx": ("random-1", "random-2", "random-3", "random-4")})
def _python_version(distribution: str) -> list[str]:
    """The command that prints an installed Python library's version."""
    return ["python3", "-c", f"import importlib.metadata as m; print(m.version({distribution!r}))"]


VERSION_COMMANDS = {
    "soffice": ["soffice", "--version"], "w3m": ["w3m", "-version"],
    "lynx": ["lynx", "-version"], "pandoc": ["pandoc", "--version"],
    "docx2txt": ["dpkg-query", "-W", "-f=${Version}", "docx2txt"],
    "pdftotext": ["pdftotext", "-v"],
    "markitdown": ["markitdown", "--version"],
    "html2text": _python_version("html2text"),
    "inscriptis": _python_version("inscriptis"),
    "pdfminer.six": _python_version("pdfminer.six"),
    "pdfplumber": _python_version("pdfplumber"),
    "pymupdf": _python_version("pymupdf"),
    "pypdf": _python_version("pypdf"),
    "pypdfium2": _python_version("pypdfium2"),
    "pdftohtml": ["pdftohtml", "-v"],
    "trafilatura": _python_version("trafilatura"),
    "markdownify": _python_version("markdownify"),
    "pymupdf4llm": _python_version("pymupdf4llm"),
    "mammoth": _python_version("mammoth"),
    "docx2python": _python_version("docx2python"),
    "python-docx": _python_version("python-docx"),
    "chromium": ["chromium", "--version"],
    "camelot": _python_version("camelot-py"),
    "pdf2docx": _python_version("pdf2docx"),
    "unstructured": _python_version("unstructured"),
    "docling": _python_version("docling"),
    "selenium": _python_version("selenium"),
}


def write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def dump_expected(record: dict[str, object]) -> str:
    """JSON with one line per field and per cell, so that a diff shows the changed cell."""
    lines = []
    for key, value in record.items():
        if isinstance(value, list):
            items = [json.dumps(item, ensure_ascii=False) for item in value]
            body = ("[\n  " + ",\n  ".join(items) + "\n ]") if items else "[]"
        else:
            body = json.dumps(value, ensure_ascii=False)
        lines.append(f" {json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_text_files(spec: synth.ReportSpec, out: Path) -> None:
    write_bytes(out / "expected.json", dump_expected(spec.expected()).encode())
    for layout in synth.LAYOUTS:
        write_bytes(out / f"{layout}.txt", synth.render_text(spec, layout).encode())
    tab = synth.render_text(spec, "tab")
    write_bytes(out / "tab-gb18030.txt", tab.encode("gb18030"))
    write_bytes(out / "tab-bom-crlf.txt", ("\ufeff" + tab.replace("\n", "\r\n")).encode())
    write_bytes(out / "report.html", synth.render_html(spec).encode())
    synth.write_docx(spec, out / "report.docx")


def convert(docx: Path, profile: Path, to: str) -> bytes | None:
    """The DOCX converted by LibreOffice (a private profile, so that parallel runs don't
    clash): ``pdf`` (made deterministic, see normalise_pdf), ``html`` (saved as a web page,
    as Word users publish reports) or ``doc`` (Word 97–2003)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", to, "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=300)
        data = (Path(tmp) / f"{docx.stem}.{to}").read_bytes()
    return normalise_pdf(data) if to == "pdf" else data


def normalise_pdf(data: bytes) -> bytes:
    """Replace the creation date, and the trailer's /ID and /DocChecksum, by same-length values
    derived from the rest of the file: the xref offsets stay valid and reruns give equal bytes."""
    date = re.compile(rb"/CreationDate\(D:(\d{14})")
    hexes = re.compile(rb"(/ID \[ <|\n<|/DocChecksum /)([0-9A-F]{32})")
    cut = data.rindex(b"trailer")
    head, tail = date.sub(b"/CreationDate(D:20000101000000", data[:cut]), data[cut:]
    digest = hashlib.md5(head + hexes.sub(lambda m: m.group(1), tail)).hexdigest().upper()
    return head + hexes.sub(lambda m: m.group(1) + digest.encode(), tail)


def run_tools(out: Path, spec: synth.ReportSpec) -> list[str]:
    missing = []
    for page, style in MADE_FOR_TOOLS.items():
        write_bytes(out / page, synth.render_html(spec, style).encode())
    try:
        return _run_tools(out, missing)
    finally:
        for page in MADE_FOR_TOOLS:
            (out / page).unlink(missing_ok=True)


def _run_tools(out: Path, missing: list[str]) -> list[str]:
    for name, (source, command) in TOOLS.items():
        if name in WIDE_ONLY and out.name not in WIDE_ONLY[name]:
            (out / name).unlink(missing_ok=True)
            continue
        src = out / source
        if shutil.which(command[0]) is None or not src.exists():
            missing.append(command[0] if src.exists() else source)
            continue
        argv = [str(src) if part == "{src}" else part for part in command]
        result = subprocess.run(argv, capture_output=True, timeout=120, cwd=out)
        if result.returncode == 3 and argv[1:2] == [EXTRACT]:
            missing.append(argv[2])  # the Python library is not installed
            continue
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.decode(errors='replace')}")
        text = result.stdout.replace(str(out).encode() + b"/", b"")
        write_bytes(out / name, text)
    return missing


def tool_versions() -> dict[str, str]:
    versions = {}
    for tool, command in VERSION_COMMANDS.items():
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            versions[tool] = "not installed"
            continue
        lines = (result.stdout or result.stderr).strip().splitlines()
        versions[tool] = next((line for line in lines if line.strip()), "?").strip()
    return versions


TOOL_NOTES = [
    "- `w3m.txt`, `w3m-cols200.txt`: box-drawing tables (`│ ┌ ┼`); merged cells are one box,",
    "  long labels wrap inside their box over several lines (at 80 columns narrow headers go one",
    "  character a line); a blank cell is an empty box. Structure kept.",
    "- `lynx.txt`: one table row a line, cells separated by spaces, merged cells printed once;",
    "  blank cells vanish, so a row with a blank cell has fewer figures. Kept only if no cell is",
    "  blank.",
    "- `pandoc.txt`: simple tables, one row a line (blank line between rows), columns aligned,",
    "  merged labels printed in their first row, covered slots blank; lines are very long.",
    "- `pandoc-gfm.txt`, `pandoc-html-gfm.txt` (pandoc -t gfm from the DOCX and from the HTML):",
    "  Markdown pipe tables (`| a | b |`, a `|---|` line under the first row), every cell in its",
    "  place, merged cells as blank cells; headings and bold as Markdown markup.",
    "- `docx2txt.txt`: one cell a line, centred cells padded with spaces; adjacent left-aligned",
    "  cells run together (`三、本年度办理结果（一）予以公开`); `—` becomes `--`; blank cells are",
    "  lines of spaces. Row boundaries are not marked.",
    "- `pdftotext.txt` (no -layout): text blocks in reading order, table cells column by column",
    "  (all labels, then figures): the table structure is LOST.",
    "- `pdftotext-layout.txt`: aligned columns; merged labels vertically centred and broken",
    "  (`三、本年` / `度办理结` / `果`), figures of a wrapped row on its middle line, figures",
    "  sometimes one space apart, headers scrambled, form feeds at page breaks.",
    "- `markitdown-docx.txt`, `markitdown-html.txt`: Markdown pipe tables like pandoc's, with",
    "  an empty header row; `markitdown-pdf.txt`: tables rebuilt from the PDF's words, columns",
    "  inconsistent from row to row and two figures in one cell (`63 16`): rows that cannot be",
    "  placed are refused, never guessed.",
    "- `html2text.txt`: Markdown tables without the outer pipes (`规章| 347| 531| 41`, a `---|---`",
    "  line under the first row); a `|` at the end of a line stands before an empty last cell.",
    "- `inscript.txt` (inscriptis): columns laid out with spaces, header cells of merged columns",
    "  shifted; a row with blank cells may not line up with the others (then it is refused).",
    "- `pandoc-md.txt` (pandoc -t markdown): simple and multiline tables, aligned columns; `—`",
    "  becomes `---` and `-` becomes `\\-`. `pandoc-org.txt`: Org tables (`|---+---|`).",
    "  `pandoc-rst.txt`: reStructuredText grid tables (`+----+`, `|` cells wrapped over lines).",
    "- `pdfminer.txt` (pdf2txt.py): text boxes in reading order, table columns one after",
    "  another: the structure is LOST, refused.",
    "- `pdfplumber.txt`, `pymupdf.txt`, `pypdf.txt`: one table row a line or one cell a line,",
    "  blank cells vanish. `pdfplumber-layout.txt`, `pypdf-layout.txt`: aligned columns; pypdf",
    "  glues some figures to a label (`稳定”674523790   2`): such rows are refused.",
    "- `pdftotext-raw.txt` (pdftotext -raw): the text in content-stream order, a row's cells",
    "  one to a line, blank cells gone. `pypdfium2.txt` (PDFium's text): a table row a line,",
    "  cells a space apart, blank cells gone.",
    "- `pdfplumber-tables.csv`: the tables alone as CSV (pdfplumber's extract_tables, as tabula",
    "  and camelot export them): merged cells empty fields, wrapped labels quoted over lines; no",
    "  title (body and year come from the sidecar).",
    "- `report.doc` (random-1, missing-cells, template-2019): the DOCX saved by LibreOffice as a",
    "  Word 97–2003 document (read without LibreOffice: builder/read_doc.py).",
    "- `libreoffice.html`: the DOCX saved as a web page by LibreOffice (Word-made pages:",
    "  `<p>` and `<font>` inside every cell). `pdftohtml.html`: the PDF's text as positioned",
    "  lines (`<br>` between them), table structure mostly kept; rows it scrambles are refused.",
    "- `report-paged.pdf` (random-*): the same report with page numbers in the header",
    "  (第 1 页 共 2 页) and footer (— 1 —); `pdftotext-layout-paged.txt` is its -layout text,",
    "  the page marks printed between two rows of the applications table.",
    "- `report-borderless.pdf` (random-1, random-2): the same report, its tables without ruled lines",
    "  (no table for pdfplumber to find: its text lines are read); `pdftotext-layout-borderless.txt`",
    "  is its -layout text: long labels broken mid-word (`2.其他法律行政法规禁` / figures /",
    "  `止公开`), merged labels broken over lines, blank cells gone.",
    "- `word-*.txt`, `cms-*.txt` (random-1, random-3, missing-cells, template-2019): the page",
    "  as Word saves it and as a site editor writes it (`synth.render_html` styles `word`,",
    "  `cms`; the pages themselves are made when the tools run and not kept), extracted.",
    "  pandoc -t markdown keeps the spans' attributes (`[347]{style=\"font-family: 仿宋\"}`),",
    "  wraps them over lines, fences divs with `:::`, writes grid tables when a cell holds a",
    "  line break and keeps a table with merged cells and blanks as raw HTML; pandoc -t gfm keeps",
    "  raw `<span>` and `<div>` tags, wrapped between attributes, and Word's row of column",
    "  widths as a row of empty cells; pandoc -t org writes a table without header without its",
    "  `|---+---|` line; w3m -cols 200 pads a wide page's boxes with many blanks;",
    "  trafilatura keeps the title apart from the text (read with a note: no title);",
    "  markdownify writes Markdown tables with the page's whitespace inside the cells.",
    "- `pymupdf4llm.txt` (PDF), `mammoth.html`, `mammoth-md.txt`, `docx2python.txt`,",
    "  `python-docx.txt` (DOCX): converters of document pipelines. pymupdf4llm writes Markdown",
    "  tables from the tables PyMuPDF finds, a vertically merged label's pieces joined into the",
    "  rows beside it (`|度办理结<br>果<br>（二）部分公…|`: that row is refused) and a 2019 fees",
    "  row's merged figure split over cells (refused); mammoth's HTML keeps every merge;",
    "  mammoth's Markdown has no tables (a cell a line, blank cells lost) and escapes the",
    "  Markdown characters in figures (`801\\.28`, `\\-20`); docx2python gives a merged cell's",
    "  text in every grid cell it spans, a cell a paragraph between blank lines; python-docx",
    "  (the scrapers' script: the paragraphs, then every table's rows with tab-joined",
    "  `row.cells`) prints the tables after all of the prose, merged cells copied into every",
    "  cell they span. A 2019 two-column row's copied figure (16, 29, 29) is read once where",
    "  its heading was copied beside it (python-docx), refused where the text has no columns",
    "  to tell (docx2python, pymupdf4llm).",
    "- `chromium-cms-layout.txt` (random-1, random-3, missing-cells, template-2019): the site",
    "  editor's page printed to PDF by Chromium, then pdftotext -layout. The editor's cells have",
    "  `word-break: break-all`: a figure wider than its cell breaks over lines (101 as 10 / 1),",
    "  and such rows are refused (their figures stand on two lines and break R3); merged labels",
    "  break over many lines. Much is refused, nothing misread.",
    "- `camelot-lattice.csv`, `camelot-stream.csv`: camelot's tables of report.pdf. On these",
    "  LibreOffice PDFs the lattice flavour moves every row's figures into the row above (the",
    "  headings' cells end in the first row's figures: 本年制发件数 / 347) and the stream flavour",
    "  prints each row's figures on a line of its own before its label: both are refused",
    "  table by table, never read a row off.",
    "- `pdfplumber-text-tables.csv`: pdfplumber's tables with the \"text\" strategy (cells guessed",
    "  from the words' positions): a wrapped label leaves rows of figures with no label, which",
    "  are refused table by table (before, 6 figures of missing-cells were published a row off).",
    "- `chromium-word-layout.txt` (random-1, random-3, missing-cells, template-2019): Word's",
    "  page printed to PDF by Chromium, then pdftotext -layout: labels break mid-word over",
    "  lines, their figures after the first part (6. 属于四 228 … / 类过程性 / 信息 / 7. 属于行",
    "  5 …): the numbered start of a row's label after the words of the row above names the",
    "  row (45 figures of each report were published a row off before the eleventh session).",
    "- `unstructured.txt` (report.html), `docling.txt` (libreoffice.html): the pipelines of",
    "  language-model tools. unstructured (its English spaCy model replaced by a blank pipeline:",
    "  it is downloaded at first use) prints each table as one line, its cells apart by single",
    "  spaces; an empty cell leaves nothing, so missing-cells' rows with blanks are refused.",
    "  docling's Markdown copies a merged cell into every cell it spans, headings and figures",
    "  alike (行政许可 | 63 | 63 | 63; the reviews table's 总计 550 | 550 where LibreOffice's",
    "  page has a column more): a figure beside its copy under a copied heading is read once.",
    "  Both read exactly (elinks -dump, antiword and catdoc were tried too: elinks reads like",
    "  w3m; antiword and catdoc garble these LibreOffice .doc files' merged tables, refused).",
    "- `selenium.txt` (report.html): the page's text as Selenium's WebDriver gives it (the body",
    "  element's text in Chromium through chromedriver): a table cell a line, empty cells left",
    "  out (missing-cells' rows with blanks refused). Read exactly.",
    "- `report-pdf2docx.docx` (random-1, template-2019), `report-paged-pdf2docx.docx`",
    "  (random-1 to random-4): the PDFs made into Word files again by pdf2docx, as \"PDF to Word\"",
    "  services do; the paged PDF's running header and footer (第 2 页) become text beside the",
    "  tables. Read exactly.",
    "- `pdfplumber-tables.json`, `pdfplumber-text-tables.json` (the second for random-1,",
    "  random-3, missing-cells, template-2019), `unstructured.json` (report.html; the same four),",
    "  `docling.json` (report.docx; random-1, template-2019): the tools' JSON.",
    "  pdfplumber's tables as a scraper's script dumps them (json.dump of extract_tables(): rows",
    "  of cells, null for a merged cell's covered slots; a page's last row may stand alone as a",
    "  table of one row); unstructured's elements (elements_to_json: each table's cells as one",
    "  line of text and as HTML in metadata.text_as_html, read once, from the HTML); docling's",
    "  document (export_to_dict: texts, tables as grids with a merged cell's text in every cell",
    "  it spans, the body's items in reading order by reference, the cells' texts again as",
    "  children of the tables). Read exactly, the text-strategy tables refused as their CSV is.",
]


def write_readme(out: Path, specs: dict[str, synth.ReportSpec]) -> None:
    lines = [
        "# Rendered synthetic reports",
        "",
        "Generated by `python tools/make_fixtures.py` from `builder.synth.fixture_specs()`; do not",
        "edit by hand. `expected.json` holds the figures every other file of the folder encodes.",
        "",
        "| folder | body | year | template |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {spec.body} | {spec.year} | {spec.template} |"
              for name, spec in specs.items()]
    lines += ["", "What the tools print (tables):", ""] + TOOL_NOTES
    lines += ["", "Tool versions:", ""]
    lines += [f"- {tool}: {version}" for tool, version in tool_versions().items()]
    write_bytes(out / "README.md", ("\n".join(lines) + "\n").encode())


def write_pdf_variant(spec: synth.ReportSpec, target: Path, profile: Path,
                      **docx_options: bool) -> None:
    """The report as a DOCX made with ``docx_options`` (synth.write_docx), printed to PDF by
    LibreOffice; nothing is written without LibreOffice."""
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / target.with_suffix(".docx").name
        synth.write_docx(spec, docx, **docx_options)
        pdf = convert(docx, profile, "pdf")
    if pdf is not None:
        write_bytes(target, pdf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="*", help="fixture names to (re)make")
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice")
    args = parser.parse_args(argv)
    specs = synth.fixture_specs()
    names = args.only or list(specs)
    unknown = sorted(set(names) - set(specs))
    if unknown:
        parser.error(f"unknown fixture(s) {', '.join(unknown)}; known: {', '.join(specs)}")
    missing: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="synth-lo-") as profile:
        for name in names:
            out = args.out / name
            out.mkdir(parents=True, exist_ok=True)
            write_text_files(specs[name], out)
            if not args.no_pdf:
                pdf = convert(out / "report.docx", Path(profile), "pdf")
                if pdf is None:
                    missing.add("soffice")
                else:
                    write_bytes(out / "report.pdf", pdf)
                    html = convert(out / "report.docx", Path(profile), "html")
                    if html is not None:
                        write_bytes(out / "libreoffice.html", html)
                if name.startswith("random-"):
                    # page numbers in header and footer, as most published PDFs carry
                    write_pdf_variant(specs[name], out / "report-paged.pdf", Path(profile),
                                      page_numbers=True)
                if name in WORD_97:
                    doc = convert(out / "report.docx", Path(profile), "doc")
                    if doc is not None:
                        write_bytes(out / "report.doc", doc)
                if name in BORDERLESS:
                    # tables without ruled lines: the PDF has no table to find, its text
                    # lines are read (labels broken mid-word, blank cells gone)
                    write_pdf_variant(specs[name], out / "report-borderless.pdf",
                                      Path(profile), borders=False)
            missing.update(run_tools(out, specs[name]))
            print(f"{out}: {sum(f.stat().st_size for f in out.iterdir()) // 1024} KiB")
    if not args.only:
        write_readme(args.out, specs)
    total = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"total {total / 1e6:.2f} MB")
    if missing:
        print(f"missing, files not (re)made: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
