"""Trial outputs of narrow tables, and the parser scored against them.

    python tools/trials.py make OUT --start 1000 --count 600 [--kind more]
    python tools/trials.py score OUT [--show 20]

``make``: synthetic reports (builder.synth, seeds START … START+COUNT-1; the template, the
page's style and a style sheet that prints its tables narrow drawn from the seed), printed to
PDF by Chromium and read by six text extractors — pdftotext (plain, ``-layout``, ``-tsv``),
pdfplumber's layout text, PyMuPDF's text and pypdf's layout text —, each output beside the
report's figures (``<page>.expected.json``, [table, row, column, value]). Needs chromium,
pdftotext (poppler-utils), pdfplumber, pymupdf and pypdf; the last two are no dependencies of
the project. Two processes; about 35 pages a minute on this 2-core VM. ``--kind more``: the
fifth batch's style sheets (cells middle- or bottom-aligned, tables 30 % wide) and tools
(pypdf's, pdfplumber's and pypdfium2's plain text besides).

``score``: every output parsed, its cells compared with the report's: right, wrong (a figure
published that the report does not say: the number that must stay 0), files read whole. The
forty-fifth session's batches (seeds from 1000, 5000, 9000 and 13000; 20000 with ``--kind
more``) are in README.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import warnings
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from extract import pdf_text, print_to_pdf  # noqa: E402

from builder import synth  # noqa: E402

# style sheets added to the page: tables 35–70 % wide, group cells 1em, rows set close (l)
SHEETS = {
    "n35l": "td[rowspan]{width:1em} table{width:35%;line-height:1.0} td{word-break:break-all}",
    "n40l": "td[rowspan]{width:1em} table{width:40%;line-height:1.0} td{word-break:break-all}",
    "n45": "td[rowspan]{width:1em} table{width:45%}",
    "n50l": "td[rowspan]{width:1em} table{width:50%;line-height:1.0} td{word-break:break-all}",
    "n60": "table{width:60%}",
    "n70": "td[rowspan]{width:1em} table{width:70%}",
}
TOOLS = ("pdftotext", "pdftotext-layout", "pdftotext.tsv", "pdfplumber-layout", "pymupdf",
         "pypdf-layout")
# the fifth batch's (``--kind more``): cells middle- or bottom-aligned, tables 30 % wide, and
# the plain text of pypdf, pdfplumber and pypdfium2
MORE_SHEETS = {
    "n30l": "td[rowspan]{width:1em} table{width:30%;line-height:1.0} td{word-break:break-all}",
    "n45m": "td[rowspan]{width:1em} table{width:45%;line-height:1.0} td{vertical-align:middle}",
    "n50b": "td[rowspan]{width:1em} table{width:50%} td{vertical-align:bottom;"
            "word-break:break-all}",
    "n55t": "table{width:55%;line-height:1.1} td{vertical-align:top}",
    "n40": "td[rowspan]{width:1em} table{width:40%}",
}
MORE_TOOLS = ("pypdf", "pdfplumber", "pypdfium2", "pdftotext-layout", "pypdf-layout",
              "pdftotext.tsv")


def make_page(seed: int, out: Path, more: bool = False) -> str:
    """One report printed narrow and read by every tool: its name."""
    sheets, tools = (MORE_SHEETS, MORE_TOOLS) if more else (SHEETS, TOOLS)
    rng = random.Random(seed)
    template = rng.choice(("2021", "2021", "2019"))
    style = rng.choice(("word", "cms", "plain"))
    sheet = rng.choice(sorted(sheets))
    spec = synth.random_spec(random.Random(seed), template=template)
    name = f"t{template}-{seed}-{style}-{sheet}"
    html = synth.render_html(spec, style).replace(
        "</head>", f"<style>{sheets[sheet]}</style></head>", 1)
    cells = [[t, r, c, v] for (t, r, c), v in spec.values.items()]
    (out / f"{name}.expected.json").write_text(json.dumps({"cells": cells}, ensure_ascii=False),
                                              "utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        page.write_text(html, "utf-8")
        print_to_pdf(str(page), str(pdf))
        for tool in tools:
            suffix = "" if tool.endswith(".tsv") else ".txt"
            (out / f"{name}.{tool}{suffix}").write_text(pdf_text(tool, str(pdf)), "utf-8")
    return name


def _make(args: tuple[int, Path, bool]) -> str:
    return make_page(*args)


def score_output(path: Path) -> tuple[str, dict, dict, bool]:
    """An output parsed: its name, its cells, the report's figures, whether read whole."""
    from builder.errors import ReportError
    from builder.parse import parse_file

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    data = json.loads(path.with_name(path.name.split(".")[0] + ".expected.json")
                      .read_text("utf-8"))
    expected = {(t, r, c): v for t, r, c, v in data["cells"]}
    try:
        report = parse_file(path)
    except ReportError:
        return path.name, {}, expected, False
    cells = {(c.table, c.row, c.column): c.value for c in report.cells}
    return path.name, cells, expected, report.complete


def score(out: Path, show: int) -> int:
    files = sorted(p for p in out.iterdir() if not p.name.endswith(".expected.json"))
    right = total = whole = 0
    wrong: list[tuple[str, tuple, object, object]] = []
    with Pool(2) as pool:
        for name, cells, expected, complete in pool.imap_unordered(score_output, files, 8):
            total += sum(v is not None for v in expected.values())
            whole += complete
            for key, value in cells.items():
                if value is None:
                    continue
                if expected.get(key) == value:
                    right += 1
                else:
                    wrong.append((name, key, value, expected.get(key)))
    print(f"{len(files)} outputs, {whole} read whole; right {right:,} of {total:,} figures "
          f"({right / max(total, 1):.1%}); wrong {len(wrong)}")
    for name, key, value, should in sorted(wrong)[:show]:
        print(f"  WRONG {name}: {'/'.join(key)} published {value}, the report says {should}")
    return 1 if wrong else 0


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make")
    make.add_argument("out", type=Path)
    make.add_argument("--start", type=int, default=1000)
    make.add_argument("--count", type=int, default=600)
    make.add_argument("--kind", choices=("first", "more"), default="first",
                      help="the first four batches' sheets and tools, or the fifth's")
    scoring = sub.add_parser("score")
    scoring.add_argument("out", type=Path)
    scoring.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    if args.command == "make":
        args.out.mkdir(parents=True, exist_ok=True)
        seeds = range(args.start, args.start + args.count)
        with Pool(2) as pool:
            jobs = [(s, args.out, args.kind == "more") for s in seeds]
            for i, name in enumerate(pool.imap_unordered(_make, jobs)):
                if i % 50 == 0:
                    print(i, name, flush=True)
        return 0
    return score(args.out, args.show)


if __name__ == "__main__":
    sys.exit(cli())
