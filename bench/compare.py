"""The parser of another commit against this one, report by report, in one process.

    python bench/compare.py REV [--count N] [--repeat K]

This VM's speed changes by half or more within minutes, so two runs of bench/run.py minutes
apart cannot tell a parser 10 % slower from the machine. Here each synthetic report (the
text layouts and HTML styles bench/run.py times) is read and parsed by REV's parser and then
by this tree's, one right after the other, and the median of the per-report time ratios
(this tree / REV) is printed by kind of input: a ratio the machine's drift hardly moves.
REV's ``builder/`` is taken from git (``git archive``) into a temporary folder as a package
of another name; the reports are drawn by this tree's generator.
"""

from __future__ import annotations

import argparse
import importlib
import io
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OTHER = "builder_at_rev"


def import_other(rev: str, where: Path):
    """REV's builder package, imported as OTHER (any absolute import of it rewritten)."""
    data = subprocess.run(["git", "archive", rev, "builder"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        try:
            tar.extractall(where, filter="data")
        except TypeError:  # (Python before 3.11.4: no filter; git's own archive is trusted)
            tar.extractall(where)
    (where / "builder").rename(where / OTHER)
    for py in (where / OTHER).rglob("*.py"):
        # (the package imports itself relatively; an absolute import would take this tree's)
        text = py.read_text(encoding="utf-8")
        text = re.sub(r"^(\s*)(from|import) builder\b", rf"\1\2 {OTHER}", text, flags=re.M)
        py.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(where))
    return (importlib.import_module(f"{OTHER}.parse"), importlib.import_module(f"{OTHER}.read"),
            importlib.import_module(f"{OTHER}.read_html"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the commit to compare this tree's parser with")
    ap.add_argument("--count", type=int, default=200, help="reports of each kind")
    ap.add_argument("--repeat", type=int, default=3, help="times each report is parsed")
    args = ap.parse_args()

    from builder import parse, read, read_html, synth

    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        other = import_other(args.rev, Path(tmp))
        specs = [synth.random_spec(random.Random(i)) for i in range(args.count)]
        kinds = [(layout, "text", [synth.render_text(s, layout).encode("utf-8") for s in specs])
                 for layout in synth.LAYOUTS]
        kinds += [(style, "html", [synth.saved_html(s, style) for s in specs])
                  for style in synth.HTML_STYLES]
        print(f"{args.rev} against this tree, {args.count} reports of each kind, "
              f"each parsed {args.repeat} times by both")
        for kind, how, pages in kinds:
            runs = [(m[0], m[1].text_document if how == "text" else m[2].read_html)
                    for m in (other, (parse, read, read_html))]
            ratios, totals = [], [0.0, 0.0]
            for _ in range(args.repeat):
                for data in pages:
                    took = []
                    for n, (parser, reader) in enumerate(runs):
                        t0 = time.perf_counter()
                        parser.parse_document(reader(data, kind))
                        took.append(time.perf_counter() - t0)
                        totals[n] += took[-1]
                    ratios.append(took[1] / took[0])
            done = args.count * args.repeat
            name = kind if how == "text" else f"html-{kind}"
            print(f"  {name:15} {args.rev[:10]} {done / totals[0]:6.0f}/s   this tree "
                  f"{done / totals[1]:6.0f}/s   median time ratio {statistics.median(ratios):.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
