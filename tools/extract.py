"""Print the text a Python extraction library gives for a file (used by make_fixtures.py).

    python3 tools/extract.py TOOL FILE

TOOL is one of: pypdf, pypdf-layout, pymupdf, pdfplumber, pdfplumber-layout, pdfplumber-tables,
pdfplumber-text-tables,
pypdfium2, pymupdf4llm (PDF), trafilatura, markdownify (HTML), mammoth-html, mammoth-md, docx2python,
python-docx (DOCX), chromium-layout (HTML printed by Chromium, then pdftotext -layout), camelot-lattice, camelot-stream
(PDF tables as CSV), pdf2docx (the PDF as a Word file again, written as bytes), unstructured (HTML),
docling (HTML or DOCX, as Markdown), pdfplumber-json, pdfplumber-text-json (PDF tables dumped
as JSON), unstructured-json, docling-json (the tools' own JSON of a document), selenium (HTML: WebDriver's element text, with chromedriver). Exits with 3 when the library is not installed (the fixture is then
reported missing, not failed).
"""

from __future__ import annotations

import csv
import io
import os
import sys

# Chromium without a sandbox, GPU or network services, as this machine runs it
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync")


def stable_zip(data: bytes) -> bytes:
    """An Office file (zip) with the same bytes on every run: fixed dates in the zip and in
    the core properties (docProps/core.xml), which the writing library stamps with the time."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?",
                              b"2000-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def print_to_pdf(page: str, pdf: str) -> None:
    """A web page printed to PDF by Chromium, without the header and footer."""
    import subprocess

    subprocess.run(["chromium", "--headless", *CHROMIUM_FLAGS, "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", f"file://{os.path.abspath(page)}"],
                   check=True, capture_output=True, timeout=120)


def _unstructured_elements(path: str) -> list:
    """unstructured's elements of a page. Its English spaCy model, downloaded at first use,
    only tells titles from prose: a blank pipeline stands in."""
    os.environ["UNSTRUCTURED_DISABLE_NOTICE"] = "1"
    import spacy
    import unstructured.nlp.tokenize as tokenize
    from unstructured.partition.html import partition_html

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tokenize._load_spacy_model = lambda: nlp
    tokenize._get_nlp = lambda: nlp
    return partition_html(filename=path)


# poppler's pdftotext as the trial and narrow fixtures name it: plain, -layout, -tsv
PDFTOTEXT_FLAGS = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext.tsv": ["-tsv"]}


def pdf_text(tool: str, pdf: str) -> str:
    """A PDF's text as ``tool`` gives it: pdftotext (PDFTOTEXT_FLAGS) or a library (main)."""
    import subprocess

    if tool in PDFTOTEXT_FLAGS:
        return subprocess.run(["pdftotext", *PDFTOTEXT_FLAGS[tool], pdf, "-"], check=True,
                              capture_output=True, text=True).stdout
    text = main(tool, pdf)
    assert isinstance(text, str)
    return text


def main(tool: str, path: str) -> str | bytes:
    if tool in ("pypdf", "pypdf-layout"):
        import pypdf

        reader = pypdf.PdfReader(path)
        mode = "layout" if tool == "pypdf-layout" else "plain"
        return "\n".join(page.extract_text(extraction_mode=mode) for page in reader.pages)
    if tool == "pymupdf":
        import pymupdf

        with pymupdf.open(path) as doc:
            return "".join(page.get_text() for page in doc)
    if tool in ("pdfplumber-tables", "pdfplumber-text-tables"):
        # the tables alone as CSV, as tabula and camelot export them; with the "text" strategy
        # (for tables without rules) columns and rows are guessed from the words' positions
        import pdfplumber

        settings = ({"vertical_strategy": "text", "horizontal_strategy": "text"}
                    if tool == "pdfplumber-text-tables" else None)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables(settings):
                    writer.writerows(["" if c is None else c for c in row] for row in table)
        return out.getvalue()
    if tool in ("pdfplumber-json", "pdfplumber-text-json"):
        # the tables as a scraper's script dumps them: json.dump of extract_tables() (a list
        # of tables, each rows of cells, null for a merged cell's covered slots)
        import json

        import pdfplumber

        settings = ({"vertical_strategy": "text", "horizontal_strategy": "text"}
                    if tool == "pdfplumber-text-json" else None)
        with pdfplumber.open(path) as pdf:
            tables = [t for page in pdf.pages for t in page.extract_tables(settings)]
        return json.dumps(tables, ensure_ascii=False, indent=2) + "\n"
    if tool == "pypdfium2":  # PDFium's text (the engine of Chrome's viewer; docling reads with it)
        import pypdfium2

        pdf = pypdfium2.PdfDocument(path)
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    if tool.startswith("pdfplumber"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text(layout=tool == "pdfplumber-layout") or ""
                             for page in pdf.pages)
    if tool == "trafilatura":  # web scraping: the main text with its tables, no title
        import trafilatura

        with open(path, encoding="utf-8") as fh:
            return trafilatura.extract(fh.read(), include_tables=True, favor_recall=True) or ""
    if tool == "markdownify":
        import markdownify

        with open(path, encoding="utf-8") as fh:
            return markdownify.markdownify(fh.read())
    if tool == "pymupdf4llm":  # Markdown for language models: tables found by PyMuPDF
        import pymupdf4llm

        return pymupdf4llm.to_markdown(path)
    if tool.startswith("mammoth"):  # DOCX to HTML, or to Markdown (no tables: a cell a line)
        import mammoth

        with open(path, "rb") as fh:
            if tool == "mammoth-md":
                return mammoth.convert_to_markdown(fh).value
            return mammoth.convert_to_html(fh).value
    if tool == "docx2python":  # a merged cell's text in every grid cell it spans
        from docx2python import docx2python

        with docx2python(path) as result:
            return result.text
    if tool == "python-docx":
        # the script found in many scrapers: the paragraphs, then the tables a row a line,
        # cells joined by tabs; python-docx gives a merged cell once for every cell it spans
        import docx

        document = docx.Document(path)
        lines = [p.text for p in document.paragraphs]
        lines += ["\t".join(cell.text for cell in row.cells)
                  for table in document.tables for row in table.rows]
        return "\n".join(lines)
    if tool == "pdf2docx":  # a PDF made into a Word file again (as "PDF to Word" services do)
        import logging
        import tempfile

        from pdf2docx import Converter

        logging.disable(logging.CRITICAL)
        with tempfile.TemporaryDirectory() as tmp:
            converter = Converter(path)
            converter.convert(f"{tmp}/out.docx")
            converter.close()
            with open(f"{tmp}/out.docx", "rb") as f:
                return stable_zip(f.read())
    if tool.startswith("camelot-"):  # camelot's tables (lattice: ruled cells; stream: text rows)
        import camelot

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for table in camelot.read_pdf(path, pages="all", flavor=tool.split("-", 1)[1]):
            writer.writerows(table.df.values.tolist())
        return out.getvalue()
    if tool == "unstructured":
        # unstructured's elements as LangChain's loaders pass them on: a table's cells joined
        # by single spaces on one line (blank cells leave nothing)
        return "\n\n".join(str(element) for element in _unstructured_elements(path))
    if tool == "unstructured-json":
        # unstructured's elements as its own JSON (elements_to_json): a table's cells as one
        # line of text and as HTML (metadata.text_as_html)
        from unstructured.staging.base import elements_to_json

        elements = _unstructured_elements(path)
        for element in elements:  # the time the file was written, where it was
            element.metadata.last_modified = None
            element.metadata.file_directory = None
        return elements_to_json(elements) + "\n"
    if tool == "docling-json":
        # docling's document as JSON (export_to_dict): texts, tables (a grid of cells, each
        # with its text) and groups, in reading order by the body's references
        import json
        import logging

        from docling.document_converter import DocumentConverter

        logging.disable(logging.CRITICAL)
        document = DocumentConverter().convert(path).document.export_to_dict()
        document["origin"]["binary_hash"] = 0  # of the file's bytes; the same on every run
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if tool == "docling":
        # docling's Markdown (its HTML and Word readers need no model): a merged cell's text
        # in every cell it spans, the headings' too
        import logging

        from docling.document_converter import DocumentConverter

        logging.disable(logging.CRITICAL)
        return DocumentConverter().convert(path).document.export_to_markdown()
    if tool == "selenium":
        # the page's text as Selenium gives it (WebDriver's element text, which scrapers
        # keep): Chromium through chromedriver, each table cell on a line of its own
        from pathlib import Path

        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By

        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", *CHROMIUM_FLAGS):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        try:
            driver.get(Path(path).resolve().as_uri())
            return driver.find_element(By.TAG_NAME, "body").text
        finally:
            driver.quit()
    if tool == "chromium-layout":
        # a web page printed to PDF by Chrome (site editors' tables break figures with
        # word-break: break-all), then pdftotext -layout
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            pdf = f"{tmp}/page.pdf"
            print_to_pdf(path, pdf)
            return subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True,
                                  capture_output=True, text=True).stdout
    raise SystemExit(f"unknown tool {tool}")


if __name__ == "__main__":
    try:
        result = main(sys.argv[1], sys.argv[2])
        if isinstance(result, bytes):
            sys.stdout.buffer.write(result)
        else:
            sys.stdout.write(result + "\n")
    except ImportError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(3) from None
