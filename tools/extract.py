"""Print the text a Python extraction library gives for a file (used by make_fixtures.py).

    python3 tools/extract.py TOOL FILE

TOOL is one of: pypdf, pypdf-layout, pymupdf, pdfplumber, pdfplumber-layout (PDF), trafilatura,
markdownify (HTML). Exits with 3 when the library is not installed (the fixture is then
reported missing, not failed).
"""

from __future__ import annotations

import sys


def main(tool: str, path: str) -> str:
    if tool.startswith("pypdf"):
        import pypdf

        reader = pypdf.PdfReader(path)
        mode = "layout" if tool == "pypdf-layout" else "plain"
        return "\n".join(page.extract_text(extraction_mode=mode) for page in reader.pages)
    if tool == "pymupdf":
        import pymupdf

        with pymupdf.open(path) as doc:
            return "".join(page.get_text() for page in doc)
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
    raise SystemExit(f"unknown tool {tool}")


if __name__ == "__main__":
    try:
        sys.stdout.write(main(sys.argv[1], sys.argv[2]) + "\n")
    except ImportError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(3) from None
