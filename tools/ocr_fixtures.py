"""Make tests/fixtures/ocr/ again: the rendered reports' PDFs read by two OCR engines.

    python3 tools/ocr_fixtures.py [OUT]   (OUT: tests/fixtures/ocr/ unless given)

Needs pdftoppm (poppler), tesseract with its chi_sim data (Debian: tesseract-ocr-chi-sim),
rapidocr-onnxruntime and Pillow; none of them is a dependency of the project. Each page is
rendered at 300 dpi; the "scan150" pages are `report.pdf`'s worn as a scan (150 dpi, turned by
up to 0.8°, blurred, specked; seeded), the "skew" pages six reports' turned by 0.3–0.7° (read
by RapidOCR only). See tests/fixtures/ocr/README.md.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERED = ROOT / "tests" / "fixtures" / "rendered"
OUT = ROOT / "tests" / "fixtures" / "ocr"
PDFS = ("report.pdf", "report-paged.pdf", "report-borderless.pdf")


def _pages(pdf: Path, work: Path, stem: str) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(work / stem)], check=True)
    return sorted(work.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _worn(pages: list[Path], rng: random.Random) -> list[Path]:
    from PIL import Image, ImageFilter

    out = []
    for page in pages:
        im = Image.open(page).convert("L")
        im = im.resize((im.width // 2, im.height // 2), Image.BILINEAR)
        im = im.rotate(rng.uniform(-0.8, 0.8), resample=Image.BILINEAR, fillcolor=255)
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        px = im.load()
        for _ in range(im.width * im.height // 200):
            x, y = rng.randrange(im.width), rng.randrange(im.height)
            px[x, y] = rng.choice((0, 90, 255))
        worn = page.with_name(page.stem + "-scan.png")
        im.save(worn)
        out.append(worn)
    return out


SKEWED = ("random-1", "random-2", "random-3", "random-4", "missing-cells", "seed-003")


def _turned(pages: list[Path], rng: random.Random) -> list[Path]:
    """The pages turned by 0.3–0.7° either way, as a sheet lies on a scanner's glass."""
    from PIL import Image

    out = []
    for page in pages:
        im = Image.open(page).convert("L")
        angle = rng.choice((-1, 1)) * rng.uniform(0.3, 0.7)
        turned = page.with_name(page.stem + "-skew.png")
        im.rotate(angle, resample=Image.BICUBIC, fillcolor=255).save(turned)
        out.append(turned)
    return out


def _tesseract(page: Path, *options: str) -> str:
    return subprocess.run(["tesseract", str(page), "-", "-l", "chi_sim", *options], check=True,
                          capture_output=True, text=True).stdout


def main(out: Path) -> None:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()

    def rapid(page: Path) -> str:
        boxes, _ = engine(str(page))
        return "\n".join(text for _, text, _ in (boxes or [])) + "\n"

    def write(name: str, texts: list[str]) -> None:
        (out / name).write_text("".join(texts), "utf-8")

    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(3)
    skew = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for folder in sorted(p for p in RENDERED.iterdir() if p.is_dir()):
            for pdf in PDFS:
                if not (folder / pdf).exists():
                    continue
                base = f"{folder.name}-{pdf[:-4]}"
                pages = _pages(folder / pdf, work, base)
                write(f"{base}.tesseract.txt", [_tesseract(p) for p in pages])
                write(f"{base}.tesseract-psm6.txt",
                       [_tesseract(p, "--psm", "6", "-c", "preserve_interword_spaces=1")
                        for p in pages])
                write(f"{base}.rapidocr.txt", [rapid(p) for p in pages])
                if pdf == "report.pdf":
                    worn = _worn(pages, rng)
                    write(f"{base}.scan150.tesseract.txt", [_tesseract(p) for p in worn])
                    write(f"{base}.scan150.rapidocr.txt", [rapid(p) for p in worn])
                print(base, file=sys.stderr)
        for name in SKEWED:
            pages = _pages(RENDERED / name / "report.pdf", work, f"{name}-turned")
            write(f"{name}-report.skew.rapidocr.txt", [rapid(p) for p in _turned(pages, skew)])
            print(f"{name}-report.skew", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else OUT)
