"""Files for the site's search.

Search has two engines, joined in the browser by docs/assets/javascripts/search.js:

* Material's built-in search (lunr, segmented with jieba at build time) indexes the hand-written
  and summary pages and, up to ``render.LUNR_BODY_LIMIT`` bodies, one short entry per body page
  (its name, region and level: everything below the first heading is excluded). Its jieba user
  dictionary (``assets/search/jieba-userdict.txt``) holds every region name, the distinctive
  part of every body name (许良镇 of 博爱县许良镇人民政府) and the template's terms, so these
  stay whole words in the index.
* ``assets/data/names.json`` lists every body and region name with its page; search.js
  matches what was typed against it (substring, exact names first) and lists these first.
* Pagefind (fed each page as MkDocs writes it, builder.live_index) indexes body names,
  regions and the report texts at any scale; search.js asks it for the same query and lists its full-text hits after the names,
  in the header search box, on the home page and on the search page.

Material's search worker segments a Chinese query greedily by the words of its index but never
tries a word that ends at the last character of the query, so 许良镇 became 许良* and 行政处罚
became 行政*. ``patched_worker`` writes the installed worker with that bound fixed (`<` -> `<=`)
into docs/, where it takes the place of the theme's file of the same name.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from .render import Site, page_url

log = logging.getLogger(__name__)

USERDICT = "assets/search/jieba-userdict.txt"
NAMES = "assets/data/names.json"
FREQ = 200000

TERMS = (
    "政府信息公开", "政务公开", "年度报告", "工作年度报告", "主动公开", "依申请公开", "予以公开",
    "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "行政处罚", "行政许可",
    "行政强制", "行政复议", "行政诉讼", "行政事业性收费", "规范性文件", "规章", "政府集中采购",
    "信息处理费", "勾稽关系", "国家秘密", "三安全一稳定", "第三方合法权益", "内部事务信息",
    "过程性信息", "行政执法案卷", "行政查询事项", "信访举报投诉", "重复申请", "公开出版物",
    "上年结转", "结转下年度", "本年新收", "结果维持", "结果纠正", "尚未审结", "复议后起诉",
    "未经复议直接起诉", "政府信息公开条例", "政府信息公开申请", "政府网站", "政务新媒体",
    "监督保障", "教育培训", "公开率", "纠错率", "乡镇", "街道", "街道办事处", "党群服务中心",
    "人民政府",
)
_SUFFIXES = ("人民政府", "街道办事处", "办事处", "党群服务中心", "便民服务中心", "政府", "委员会",
             "管理委员会", "管委会")


def name_words(body: str, region: tuple[str, ...]) -> list[str]:
    """The words a person types for a body: its own place name and the kind of body."""
    name = body
    for r in region:
        if name.startswith(r) and len(name) > len(r):
            name = name[len(r):]
    words = []
    for s in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(s) and len(name) > len(s):
            words.append(s)
            name = name[: -len(s)]
            break
    if len(name) >= 2:
        words.insert(0, name)
    return words


def userdict(site: Site) -> str:
    words: set[str] = set(TERMS)
    for r in site.root.walk():
        if r.path:
            words.add(r.name)
    for b in site.bodies.values():
        words.update(name_words(b.name, b.region))
    clean = sorted(w for w in words if w and not re.search(r"\s", w))
    return "".join(f"{w} {FREQ}\n" for w in clean)


def material_worker() -> Path | None:
    try:
        import material  # noqa: PLC0415
    except ImportError:
        return None
    base = Path(material.__file__).parent / "templates/assets/javascripts/workers"
    found = sorted(base.glob("search.*.min.js"))
    return found[0] if found else None


_SEGMENT_BOUND = re.compile(
    r"(new Uint16Array\((\w+)\.length\);for\(let (\w+)=0;\3<\2\.length;\3\+\+\)"
    r"for\(let (\w+)=\3\+1;\4)<(\2\.length;\4\+\+\))")


def patched_worker() -> tuple[str, bytes] | None:
    """(docs path, bytes) of Material's search worker with the query segmentation fixed."""
    path = material_worker()
    if path is None:
        return None
    text = path.read_text(encoding="utf-8")
    fixed, n = _SEGMENT_BOUND.subn(r"\1<=\5", text)
    if n != 1:
        log.warning("Material's search worker %s has changed: Chinese query segmentation is "
                    "left unpatched", path.name)
        return None
    return f"assets/javascripts/workers/{path.name}", fixed.encode("utf-8")


GLOSSARY_PAGE = "about/index.md"
_GLOSSARY_HEADING = re.compile(r"^### (.+?) \{ #([A-Za-z][\w-]*) \}\s*$", re.M)


def glossary_terms(docs_dir: Path | None) -> list[tuple[str, str]]:
    """(term, site url with its anchor) of the hand-written glossary (### headings of the
    名词解释 section of about/index.md): a search for 行政处罚 offers its explanation first."""
    if docs_dir is None or not (docs_dir / GLOSSARY_PAGE).is_file():
        return []
    text = (docs_dir / GLOSSARY_PAGE).read_text("utf-8")
    start = text.find("{ #glossary }")
    if start < 0:
        return []
    end = text.find("\n## ", start)
    section = text[start:end if end > 0 else len(text)]
    return [(term, f"{page_url(GLOSSARY_PAGE)}#{anchor}")
            for term, anchor in _GLOSSARY_HEADING.findall(section)]


def names_json(site: Site, glossary: Sequence[tuple[str, str]] = ()) -> str:
    """Every body and region with its page, and the glossary's terms: what search.js
    matches a typed name against.

    ``{"regions": [region text, ...], "items": [[name, url, region index, short name], ...],
    "terms": [[glossary term, url#anchor], ...]}``;
    urls are relative to the site root. Pagefind alone does not find names reliably: it splits
    an unknown name such as 许良镇 into single characters and ranks other names sharing them
    higher (the right page came 25th of 547 in a 1,000-body test)."""
    from .content import LEVEL_TITLES  # noqa: PLC0415

    regions: dict[str, int] = {}

    def region_index(text: str) -> int:
        return regions.setdefault(text, len(regions))

    items: list[list[object]] = []
    levels = {1: "省级行政区", 2: "地级行政区", 3: "县级行政区"}
    for r in site.root.walk():
        if r.path:
            where = " ".join(r.path[:-1])
            label = levels.get(len(r.path), "地区") + (" · " + where if where else "")
            items.append([r.name, page_url(r.page), region_index(label), ""])
    for b in site.bodies.values():
        label = f"{LEVEL_TITLES.get(b.level, b.level)} · {' '.join(b.region)}"
        words = name_words(b.name, b.region)
        items.append([b.name, page_url(b.page), region_index(label), words[0] if words else ""])
    data = {"regions": list(regions), "items": items,
            "terms": [[term, url] for term, url in glossary]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def search_files(site: Site, docs_dir: Path | None = None) -> dict[str, bytes]:
    names = names_json(site, glossary_terms(docs_dir))
    files = {USERDICT: userdict(site).encode("utf-8"), NAMES: names.encode("utf-8")}
    worker = patched_worker()
    if worker:
        files[worker[0]] = worker[1]
    return files
