"""``builder add``: put a report a volunteer found into content/ with its sidecar."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import regions
from .build import collect
from .content import REPORT_SUFFIXES, dump_sidecar
from .errors import ReportError
from .model import Problem
from .parse import parse_document
from .read import MAX_BINARY_BYTES, read_document, sniff, suffix_by_content

_TOWNSHIP = re.compile(r"(镇|乡|街道|苏木)(人民政府|政府|办事处|党群服务中心)?$")
_COUNTY = re.compile(r"(县|区|市|旗)(人民)?政府$")
_GOVERNMENT = re.compile(r"(人民)?政府$")
_DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办|中心|厅|院|署)$")


@dataclass
class Added:
    report: Path
    sidecar: Path
    body: str
    year: int
    region: regions.Region
    messages: list[str]
    errors: int


def level_of(body: str, region: regions.Region | None = None) -> str:
    """The body's level from its name (and, for a body above the counties, its region)."""
    if _TOWNSHIP.search(body):
        return "township"
    if region is not None and region.county is None:
        if _GOVERNMENT.search(body):  # 焦作市人民政府, 河南省人民政府, 北京市人民政府
            return "prefecture" if region.prefecture else "province"
        return "department"  # 焦作市生态环境局, 河南省教育厅
    if _COUNTY.search(body):
        return "county"
    if _DEPARTMENT.search(body):
        return "department"
    return "township"


def _regions(body: str, text: str, province: str | None, prefecture: str | None,
             county: str | None) -> list[regions.Region]:
    """Where the body belongs: a county; or, for a body above the counties (焦作市人民政府,
    焦作市生态环境局, 河南省人民政府), its prefecture or province — only when its own name
    begins with that prefecture or province and names no county, and it is no township."""
    township = bool(_TOWNSHIP.search(body))
    if province or prefecture or county:
        found = regions.find(province, prefecture, county)
        if county or township or len(found) <= 1:
            return found
        upper = [r for r in regions.upper_divisions() if r.province == (province or r.province)
                 and r.prefecture == prefecture]
        return upper if body and not regions.propose(body) else found
    if body and not township and not regions.propose(body):
        upper = regions.named_first(body)
        if upper:
            return upper
    return regions.propose(body + " " + text)


def short_name(body: str, region: regions.Region) -> str:
    """Folder name: the body without its county prefix and 人民政府, e.g. 许良镇."""
    name = body
    for prefix in (region.province, region.prefecture, region.county):
        if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
    name = re.sub(r"(人民政府|政府)$", "", name) or body
    return re.sub(r'[\\/:*?"<>|\s]', "", name)


URL = re.compile(r"^https?://\S+$")


def download(url: str, folder: Path, timeout: float = 60) -> Path:
    """The file at ``url`` saved in ``folder`` under the name the server gives it (its
    Content-Disposition), else the last part of the URL's path; a web page with no report
    suffix is named .html (builder add then files any file under what it holds). ReportError
    when it cannot be fetched or is larger than a report file may be."""
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    if not URL.match(url):
        raise ReportError(url, f"网址格式不对 / expected an http(s) URL, found {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": "gov-disclosure-reports/add"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BINARY_BYTES + 1)
            given = response.headers.get_filename()
            page = response.headers.get_content_type() == "text/html"
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) if not isinstance(exc, urllib.error.HTTPError) \
            else None
        raise ReportError(url, f"无法下载 / cannot download: expected the report at this "
                               f"address, found {reason or exc}") from None
    if len(data) > MAX_BINARY_BYTES:
        raise ReportError(url, f"文件过大 / file too large: expected at most "
                               f"{MAX_BINARY_BYTES // 1048576} MB, found more")
    if not data:
        raise ReportError(url, "空文件 / empty file: expected a report, found 0 bytes")
    name = urllib.parse.unquote(given or urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "report"
    if Path(name).suffix.lower() not in REPORT_SUFFIXES and (
            page or sniff(data[:1024]) in ("html", "mhtml")):
        name += ".html"  # (a page at /xxgk/2024/01/123.jsp, or at /)
    path = folder / name
    path.write_bytes(data)
    return path


def fetch_report(url: str, folder: Path) -> tuple[Path, str | None]:
    """The report at ``url``: the file it serves (download), or where that is a page with no
    table that links the report as a file (附件：2023年报告.pdf), that file. Returns the file
    and the attachment's own URL (None for what ``url`` served)."""
    import urllib.parse

    path = download(url, folder)
    if suffix_by_content(path) not in (".html", ".htm"):
        return path, None
    from .read_html import attachment_of

    link = attachment_of(path.read_bytes(), url)
    if link is None:
        return path, None
    target = urllib.parse.urljoin(url, link)
    (folder / "attachment").mkdir()
    return download(target, folder / "attachment"), target


def add_report(source: Path, url: str | None, root: Path, *, province: str | None = None,
               prefecture: str | None = None, county: str | None = None,
               body: str | None = None, year: int | None = None,
               transcription: str | None = None, today: dt.date | None = None,
               name: str | None = None) -> Added:
    """Copy ``source`` into content/ with a sidecar; raise ReportError with every problem.
    ``name``: what messages call the source (its URL, where it was downloaded)."""
    name = name or source.as_posix()
    if source.is_dir():
        raise ReportError(name, "是文件夹 / a folder: expected a report file, found a folder")
    # (filed under the suffix of what it holds: a PDF a download link saved as .html or .jsp
    # is filed as .pdf, so that the site offers it as one)
    suffix = suffix_by_content(source) if source.is_file() else source.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ReportError(name, f"不支持的文件类型 / unsupported file type '{source.suffix}': "
                                f"expected one of {', '.join(REPORT_SUFFIXES)}")
    if url is not None and not URL.match(url):
        raise ReportError(name, f"网址格式不对 / --url: expected an http(s) URL, found {url!r}")
    doc = read_document(source, name)
    report = parse_document(doc)
    body = body or report.body
    year = year or report.year
    problems = []
    if not body:
        problems.append(Problem("未识别出机关名称 / could not find the body's name in the title: "
                                "give it with --body"))
    elif "\ufffd" in body:
        problems.append(Problem(f"标题中的机关名称有字无法还原（乱码）/ the body's name in the title "
                                f"has characters lost (mojibake): expected a whole name, found "
                                f"“{body}”; give it with --body"))
        body = None
    if not year:
        problems.append(Problem("未识别出年度 / could not find the year in the title: give it "
                                "with --year"))
    text = " ".join(c.text for row in doc.rows[:60] for c in row.cells)
    candidates = _regions(body or "", text, province, prefecture, county)
    if len(candidates) != 1:
        names = "; ".join("/".join(r.path) for r in candidates[:6]) or "none"
        problems.append(Problem(
            f"无法确定所属地区 / cannot tell the region: expected one county (or, for a city's "
            f"or province's own body, that city or province), found {len(candidates)} "
            f"({names}); give --province, --prefecture and --county"))
    if problems:
        raise ReportError(name, problems)
    assert body and year
    region = candidates[0]
    folder = root.joinpath("content", *region.path, short_name(body, region))
    target = folder / f"{year}{suffix}"
    existing = collect(root)
    for e in existing.entries:
        if e.meta.region_path == region.path and e.meta.year == year and (
                e.meta.body == body or Path(e.meta.path).parent == target.parent.relative_to(root)):
            raise ReportError(name, f"重复的报告 / duplicate: {body} {year} is already in "
                                    f"{e.meta.path}")
    if target.exists() or target.with_suffix(".yml").exists():
        raise ReportError(name, f"目标文件已存在 / already exists: "
                                f"{target.relative_to(root).as_posix()}")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    published = report.metadata.get("published", {}).get("value")
    sidecar = target.with_suffix(".yml")
    sidecar.write_text(dump_sidecar({
        "body": body, "level": level_of(body, region), "province": region.province,
        "prefecture": region.prefecture, "county": region.county, "region_code": region.code,
        "year": year, "source_url": url, "published": published,
        "retrieved": (today or dt.date.today()).isoformat(),
        "original": None, "transcription": transcription, "notes": None}), "utf-8")
    result = collect(root, [target])
    messages = [m.text() for m in result.messages()]
    return Added(target, sidecar, body, year, region, messages, len(result.errors))
