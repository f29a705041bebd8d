"""Make tests/fixtures/narrow/ again: pages whose tables are printed narrow, read as PDF text.

    python3 tools/narrow_fixtures.py [OUT]   (OUT: tests/fixtures/narrow/ unless given)

Real report tables are often narrow: a site editor's page in a column of its own, the merged
group cells (三、本年度办理结果, （三）不予公开) a character or two wide. Printed to PDF, long
labels wrap over several lines and figures wider than their cell break over lines (the editors'
style sheets set ``word-break: break-all``): 1978 as 19 above the row's line and 78 below it.
Each page is a synthetic report (builder.synth, seeds below), clean, as Word saves it or in the
site editors' style, with a style sheet added, printed by Chromium, and read by six text
extractors. The figures the
reports hold are the synth's, so the tests know them. Needs chromium, pdftotext (poppler),
pypdf, pymupdf and pdfplumber; pypdf and pymupdf are no dependencies of the project.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from extract import pdf_text, print_to_pdf  # noqa: E402

from builder import synth  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "narrow"
# page name -> (seed of synth.random_spec, the page's style (synth.render_html), style sheet
# added to it)
_BREAK = "table{width:65%} td{word-break:break-all} td[rowspan]{width:1em}"
PAGES = {
    "width70-501": (501, "cms", "td[rowspan]{width:1em} table{width:70%}"),
    "width70-504": (504, "cms", "td[rowspan]{width:1em} table{width:70%}"),
    "width70-505": (505, "cms", "td[rowspan]{width:1em} table{width:70%}"),
    "width60-500": (500, "cms", "table{width:60%}"),
    "width60-503": (503, "cms", "table{width:60%}"),
    "break65-503": (503, "plain", _BREAK),
    "break65-504": (504, "plain", _BREAK),
    "word60-601": (601, "word", "td[rowspan]{width:1em} table{width:60%} td{word-break:break-all}"),
    "word60-602": (602, "word", "td[rowspan]{width:1em} table{width:60%} td{word-break:break-all}"),
    "width55-606": (606, "cms", "td[rowspan]{width:1em} table{width:55%;font-size:12pt}"),
    "word75-800": (800, "word", "td{word-break:break-all} table{width:75%}"),
}
TOOLS = ("pdftotext", "pdftotext-layout", "pdfplumber-layout", "pymupdf", "pypdf", "pypdf-layout")


def page_html(seed: int, page: str, style: str) -> str:
    spec = synth.random_spec(random.Random(seed))
    return synth.render_html(spec, page).replace("</head>", f"<style>{style}</style></head>", 1)


def texts(html: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        page.write_text(html, "utf-8")
        print_to_pdf(str(page), str(pdf))
        return {tool: pdf_text(tool, str(pdf)) for tool in TOOLS}


def run(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (seed, page, style) in PAGES.items():
        for tool, text in texts(page_html(seed, page, style)).items():
            (out / f"{name}-{tool}.txt").write_text(text, "utf-8")


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
