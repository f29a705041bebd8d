"""Make the Umi-OCR outputs among tests/fixtures/ocr/ again: random-1's rendered PDFs read as
Umi-OCR reads them, by its own code.

    python3 tools/umi_fixtures.py UMI_OCR_CHECKOUT [OUT]   (OUT: tests/fixtures/ocr/)

UMI_OCR_CHECKOUT is a checkout of https://github.com/hiroi-sora/Umi-OCR (the fixtures: commit
83173ef); its UmiOCR-data/py_src/ocr/ (the layout parsers, tbpu, and the output writers) is
imported from there, with two stand-ins for what they import from the rest of the program (its
logger and its Platform). Umi-OCR's engine is RapidOCR: rapidocr-onnxruntime 1.4.4 reads each
page rendered at 300 dpi by pdftoppm; PyMuPDF gives a PDF's own text as Umi-OCR's document
task copies it (its spans scored 1). None of these is a dependency of the project. The
outputs, all through the "single_line" layout parser (每行换行):

- random-1-report.umi.{txt,md,csv,jsonl}: report.pdf's pages as pictures (Umi-OCR's batch
  OCR, each page a PNG named page-N.png);
- random-1-report-paged.umi-doc.txt: report-paged.pdf as a document, every page read by OCR
  (its pages named by their numbers);
- random-1-report-paged.umi-text.jsonl: the same document's own text (its text-only mode).

See tests/fixtures/ocr/README.md.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERED = ROOT / "tests" / "fixtures" / "rendered" / "random-1"
START = "2024-03-05 10:11:12"  # the task's start, which the outputs print first


def _import_umi(checkout: Path) -> tuple[dict, object]:
    """Umi-OCR's writers (Output) and single_line layout parser."""
    import logging

    sys.modules["umi_log"] = types.SimpleNamespace(logger=logging.getLogger("umi"))
    package = types.ModuleType("py_src")
    package.__path__ = [str(checkout / "UmiOCR-data" / "py_src")]
    sys.modules["py_src"] = package
    platform = types.ModuleType("py_src.platform")
    platform.Platform = types.SimpleNamespace(startfile=lambda path: None)
    sys.modules["py_src.platform"] = platform
    ocr = types.ModuleType("py_src.ocr")
    ocr.__path__ = [str(checkout / "UmiOCR-data" / "py_src" / "ocr")]
    sys.modules["py_src.ocr"] = ocr
    from py_src.ocr.output import Output  # type: ignore[import-not-found]
    from py_src.ocr.tbpu import getParser  # type: ignore[import-not-found]

    return Output, getParser("single_line")


def _ocr_pages(pdf: Path) -> list[list[dict]]:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), f"{work}/p"], check=True)
        pages = []
        for png in sorted(Path(work).glob("p-*.png"), key=lambda p: int(p.stem[2:])):
            result, _ = engine(str(png))
            pages.append([{"box": [[float(x), float(y)] for x, y in box], "text": text,
                           "score": float(score)} for box, text, score in result or []])
    return pages


def _text_pages(pdf: Path) -> list[list[dict]]:
    import fitz  # PyMuPDF

    pages = []
    for page in fitz.open(pdf):
        boxes = []
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []) if block["type"] == 0 else []:
                for span in line["spans"]:
                    x0, y0, x1, y1 = span["bbox"]
                    boxes.append({"box": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
                                  "text": span["text"], "score": 1})
        pages.append(boxes)
    return pages


def _write(output: dict, out: Path, name: str, kinds: list[str], results: list[dict],
           source: Path) -> None:
    argd = {"outputDir": str(out), "outputDirType": "specify", "outputFileName": name,
            "startDatetime": START, "ingoreBlank": True, "ignoreBlank": True,
            "originPath": str(source)}
    writers = [output[kind](argd) for kind in kinds]
    for res in results:
        for writer in writers:
            writer.print(copy.deepcopy(res))
    for writer in writers:
        writer.onEnd()


def main(checkout: Path, out: Path) -> None:
    output, parser = _import_umi(checkout)
    report, paged = RENDERED / "report.pdf", RENDERED / "report-paged.pdf"
    pictures = [{"code": 100, "data": parser.run(boxes), "path": f"D:/scans/page-{n}.png",
                 "fileName": f"page-{n}.png", "timestamp": 1709604672.0}
                for n, boxes in enumerate(_ocr_pages(report), 1)]
    _write(output, out, "random-1-report.umi", ["txt", "md", "csv", "jsonl"], pictures, report)
    document = [{"code": 100, "data": parser.run(boxes), "path": str(paged), "fileName": str(n),
                 "page": n} for n, boxes in enumerate(_ocr_pages(paged), 1)]
    _write(output, out, "random-1-report-paged.umi-doc", ["txt"], document, paged)
    text = [{"code": 100, "data": parser.run(boxes), "path": str(paged), "fileName": str(n),
             "page": n} for n, boxes in enumerate(_text_pages(paged), 1)]
    _write(output, out, "random-1-report-paged.umi-text", ["jsonl"], text, paged)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else
         ROOT / "tests" / "fixtures" / "ocr")
