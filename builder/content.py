"""The content/ folder: report files and their YAML sidecars.

Layout (see CONTRIBUTING.md): ``content/<省>/<市>/<县>/<机关>/<year>.<ext>`` with the sidecar
``<year>.yml`` beside it. The path is for people; the sidecar is what counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import codes
from .errors import ReportError
from .model import Problem

REPORT_SUFFIXES = (".txt", ".md", ".csv", ".xlsx", ".xls", ".html", ".htm", ".mhtml", ".mht", ".docx",
                   ".pdf", ".ofd", ".doc", ".wps", ".json", ".jsonl", ".tsv", ".xml",
                   ".hocr")
SIDECAR_SUFFIX = ".yml"
MAX_SIDECAR_BYTES = 16 * 1024
LEVELS = ("township", "county", "prefecture", "province", "department")
LEVEL_TITLES = {"township": "乡镇（街道）", "county": "县级", "prefecture": "地市级",
                "province": "省级", "department": "政府部门"}
# how the figures of a scanned report reached the text: read by OCR and checked by hand against
# the original, or typed in by hand (absent: the text is the published file's own)
TRANSCRIPTIONS = ("ocr", "typed")
TRANSCRIPTION_TITLES = {"ocr": "经 OCR（光学字符识别）识别并由志愿者对照原件核对",
                        "typed": "由志愿者对照原件手工录入"}

# key -> (required, type description, Chinese meaning)
SIDECAR_FIELDS: dict[str, tuple[bool, str, str]] = {
    "body": (True, "text", "机关全称（以落款为准）"),
    "level": (True, "one of " + "/".join(LEVELS), "层级"),
    "province": (True, "text", "省级行政区"),
    "prefecture": (False, "text", "地级行政区"),
    "county": (False, "text", "县级行政区"),
    "region_code": (False, "6 digits", "县级（或所属）行政区划代码"),
    "year": (True, f"a year from {codes.FIRST_YEAR} on, such as 2023", "报告年度"),
    "source_url": (False, "http(s) URL", "原文网址"),
    "published": (False, "date YYYY-MM-DD", "发布日期"),
    "retrieved": (False, "date YYYY-MM-DD", "获取日期"),
    "original": (False, "file name", "原始文件（如从 PDF 提取文字）"),
    "transcription": (False, "one of " + "/".join(TRANSCRIPTIONS),
                      "扫描件的数字如何得到：ocr（识别后核对）或 typed（手工录入）"),
    "notes": (False, "text", "备注"),
}


@dataclass(frozen=True)
class ReportMeta:
    """What the sidecar says about one report, plus the ids derived from it."""

    path: str  # the report file, relative to the repository root
    sidecar: str
    body: str
    level: str
    province: str
    year: int
    prefecture: str | None = None
    county: str | None = None
    region_code: str | None = None
    source_url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    original: str | None = None
    transcription: str | None = None
    notes: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # cached: a build asks each report's ids several times (10,000 reports: 0.3 s uncached)
    @cached_property
    def region_path(self) -> tuple[str, ...]:
        return tuple(x for x in (self.province, self.prefecture, self.county) if x)

    @cached_property
    def body_id(self) -> str:
        return body_id(self.region_path, self.body)

    def parse_options(self) -> dict[str, Any]:
        """What parse_file takes from the sidecar: the body's level, name and region (for
        W1 and the checks of the prose) and whether its OCR figures were checked."""
        return {"level": self.level, "ocr_checked": self.transcription == "ocr",
                "body": self.body, "region": self.region_path}

    @cached_property
    def id(self) -> str:
        return f"{self.body_id}-{self.year}"


def body_id(region: tuple[str, ...], body: str) -> str:
    key = "/".join(region + (body,))
    return "b" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:9]


def region_id(region: tuple[str, ...]) -> str:
    return "r" + hashlib.sha1("/".join(region).encode("utf-8")).hexdigest()[:9]


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses anchors/aliases (no YAML bombs) and any tag."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a sidecar", event.start_mark)
        return super().compose_node(parent, index)


def _no_tags(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"YAML tag {node.tag} is not allowed in a sidecar", node.start_mark)


_NoAliasLoader.add_multi_constructor("!", _no_tags)
_NoAliasLoader.add_multi_constructor("tag:yaml.org,2002:python", _no_tags)



def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # a date stays the text it is (checked as a date later, with its line): PyYAML would
    # build a datetime and raise a bare ValueError on 2024-02-30
    return loader.construct_scalar(node)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_FAST: type | None = None
if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):  # libyaml's parser, the safe constructors but dates
        pass

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    _FAST = _FastLoader


def _load_yaml(text: str) -> Any:
    """Safe YAML without aliases or tags; libyaml's C parser when available."""
    if _FAST is None:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - safe loader subclass
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a sidecar", event.start_mark)
        implicit = getattr(event, "implicit", True)
        explicit = implicit is False or (isinstance(implicit, tuple) and not any(implicit))
        if getattr(event, "tag", None) and explicit:
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML tag {event.tag} is not allowed in a sidecar", event.start_mark)
    return yaml.load(text, Loader=_FAST)  # noqa: S506 - libyaml's safe loader


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s]+$")


def load_sidecar(sidecar: Path, report: Path, root: Path) -> ReportMeta:
    """Read and validate a sidecar; every problem is collected before raising."""
    rel = _rel(sidecar, root)
    data = sidecar.read_bytes()
    if len(data) > MAX_SIDECAR_BYTES:
        raise ReportError(rel, f"侧车文件过大 / sidecar too large: expected at most "
                               f"{MAX_SIDECAR_BYTES} bytes, found {len(data)}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(rel, "侧车文件不是 UTF-8 / sidecar is not UTF-8 text") from None
    try:
        raw = _load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReportError(rel, Problem(f"YAML 无法读取 / cannot read YAML: {problem}",
                                       line=line)) from None
    if not isinstance(raw, dict):
        raise ReportError(rel, f"expected a YAML mapping of the fields "
                               f"{', '.join(SIDECAR_FIELDS)}, found {type(raw).__name__}")
    lines = _key_lines(text)
    problems: list[Problem] = []
    for key in raw:
        if key not in SIDECAR_FIELDS:
            problems.append(Problem(
                f"未知字段 / unknown key '{key}': expected one of {', '.join(SIDECAR_FIELDS)}",
                line=lines.get(str(key))))
    for key, (required, kind, _) in SIDECAR_FIELDS.items():
        if required and raw.get(key) in (None, ""):
            problems.append(Problem(f"缺少必填字段 / missing required key '{key}' ({kind})"))
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in SIDECAR_FIELDS or value is None or value == "":
            continue
        ok, norm = _check_value(str(key), value)
        if key == "year" and ok and norm < codes.FIRST_YEAR:
            problems.append(Problem(
                f"字段 'year'：{norm} 年度的报告早于全国统一格式，没有三张表，本项目从 {codes.FIRST_YEAR} "
                f"年度收录 / key 'year': expected a year from {codes.FIRST_YEAR} on (the national "
                f"template's tables begin with the reports for {codes.FIRST_YEAR}), found {norm}",
                line=lines.get("year")))
        elif not ok:
            kind = SIDECAR_FIELDS[str(key)][1]
            problems.append(Problem(f"字段 '{key}' 格式不对 / key '{key}': expected {kind}, "
                                    f"found {value!r}", line=lines.get(str(key))))
        else:
            values[str(key)] = norm
    if problems:
        raise ReportError(rel, problems)
    return ReportMeta(path=_rel(report, root), sidecar=rel, **values)


def _check_value(key: str, value: Any) -> tuple[bool, Any]:
    if key == "year":
        return (isinstance(value, int) and not isinstance(value, bool)
                and 2008 <= value <= 2100), value
    if key in ("published", "retrieved"):
        if isinstance(value, dt.date):
            return True, value.isoformat()
        if not (isinstance(value, str) and _DATE.match(value)):
            return False, value
        try:  # a day of the calendar: 2024-02-30 is none
            dt.date.fromisoformat(value)
        except ValueError:
            return False, value
        return True, value
    if key == "level":
        return value in LEVELS, value
    if key == "transcription":
        return value in TRANSCRIPTIONS, value
    if key == "region_code":
        s = str(value)
        return bool(re.fullmatch(r"\d{6}", s)), s
    if key == "source_url":
        return isinstance(value, str) and bool(_URL.match(value)), value
    return isinstance(value, str) and "\n" not in value.strip() or key == "notes", str(value)


_BODY_SUFFIX = re.compile(r"(人民政府|政府|办事处|党群服务中心)$")


def body_disagreement(meta: ReportMeta, body: str | None, root: Path) -> Problem | None:
    """The report's own title names another body than its sidecar (filed under another town,
    or a report copied from another town's): a problem at the sidecar's line of ``body``. A
    title that names no body, or a shorter or longer form of the same name (海青镇 for
    海青镇人民政府, 别斯托别乡 for 新源县别斯托别乡人民政府), is no disagreement. (The year
    is compared where the report is read: another year there is an error of the report.) A
    character the title lost (U+FFFD: text a tool had misread, read back) stands for any."""
    if not body:
        return None
    a, b = _BODY_SUFFIX.sub("", body), _BODY_SUFFIX.sub("", meta.body)
    if not a or not b or a in b or b in a or "\ufffd" in a and re.search(
            ".".join(map(re.escape, a.split("\ufffd"))), b):
        return None
    try:
        line = _key_lines((root / meta.sidecar).read_text("utf-8")).get("body")
    except (OSError, UnicodeDecodeError):
        line = None
    return Problem(f"侧车文件的机关为“{meta.body}”，报告标题为“{body}” / body: the sidecar says "
                   f"{meta.body}, the report's title {body}", line=line, expected=body,
                   found=meta.body)


def _key_lines(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m:
            out.setdefault(m.group(1), n)
    return out


def _rel(path: Path, root: Path) -> str:
    if ".." not in path.parts:  # the cheap answer first (no file-system calls)
        try:
            return path.absolute().relative_to(root.absolute()).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def dump_sidecar(meta: dict[str, Any]) -> str:
    """Sidecar text in the documented key order, with a comment per key."""
    out = []
    for key, (_, _, title) in SIDECAR_FIELDS.items():
        value = meta.get(key)
        if value is None:
            out.append(f"{key}:  # {title}")
        else:
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False,
                                    width=1000).strip()
            out.append(f"{dumped}  # {title}")
    return "\n".join(out) + "\n"
