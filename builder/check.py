"""Consistency rules (勾稽关系) of template.md as findings. Never raises on bad data: a rule
whose cells are missing is not evaluated."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple

from . import codes
from .codes import APPLICANT_COLUMNS, APPLICATION_COLUMNS
from .model import Finding, Number, ParsedReport
from .normalize import halfwidth, number_text
from .regions import townships

Key = tuple[str, str, str]
Values = Mapping[Key, Number | None]

_COL = {c: codes.COLUMNS[c].label for c in codes.COLUMNS}
_EPS = 1e-6


def _row_label(template: str, table: str, row: str) -> str:
    try:
        return codes.row(template, table, row).label
    except KeyError:
        return row


def _num(x: Number) -> str:
    return number_text(x)


# the rows of R1 (per column: new + carried_over = results_total + carried_forward)
R1_ROWS = ("new", "carried_over", "results_total", "carried_forward")


def result_leaves(template: str) -> tuple[str, ...]:
    """The leaf result rows whose sum R2 checks against results_total, per column."""
    return codes.RESULT_LEAVES_2019 if template == "2019" else codes.RESULT_LEAVES_2021


class _Rule(NamedTuple):
    """One rule over one set of cells: R1 (``keys`` are new, carried_over, results_total,
    carried_forward of a column; ``message`` is the column's name) or a sum rule R2–R4
    (``keys`` are the total then its parts; ``message`` waits for the sum and the total)."""

    rule: str
    keys: tuple[Key, ...]
    message: str


@cache
def _rules(template: str, applications: bool, review: bool) -> tuple[_Rule, ...]:
    """The rules of table_rules in their order, with their cells and messages, made once per
    template: they are the same for every report."""
    out: list[_Rule] = []
    if applications:
        leaves = result_leaves(template)
        a = "applications"
        for col in APPLICATION_COLUMNS:
            name = _COL[col]
            # R1: new + carried_over = results_total + carried_forward
            out.append(_Rule("R1", tuple([(a, r, col) for r in R1_ROWS]), name))
            # R2: results_total = sum of the leaf result rows
            out.append(_Rule("R2", ((a, "results_total", col), *[(a, r, col) for r in leaves]),
                             f"“{name}”一列：（七）总计应等于各项办理结果之和 {{s}}，报告为 {{t}}"))
        # R3: per row, total = sum of six applicant columns
        for r in codes.rows(template, a):
            out.append(_Rule("R3", ((a, r.code, "total"),
                                    *[(a, r.code, c) for c in APPLICANT_COLUMNS]),
                             f"“{_row_label(template, a, r.code)}”一行：总计应等于六类申请人之和 "
                             f"{{s}}，报告为 {{t}}"))
    if review:
        t = "review_litigation"
        for r in codes.REVIEW_ROWS:
            out.append(_Rule("R4", ((t, r.code, "total"),
                                    *[(t, r.code, c) for c in ("upheld", "corrected", "other",
                                                                "pending")]),
                             f"“{r.label}”：总计应等于维持、纠正、其他、尚未审结之和 {{s}}，"
                             f"报告为 {{t}}"))
    return tuple(out)


def table_rules(values: Values, template: str, lines: Mapping[Key, int | None] | None = None,
                tables: Iterable[str] = ("applications", "review_litigation")) -> list[Finding]:
    """R1–R4 over one report's values."""
    out: list[Finding] = []
    lines = lines or {}
    tables = set(tables)
    get = values.get
    for rule, keys, message in _rules(template, "applications" in tables,
                                      "review_litigation" in tables):
        v = list(map(get, keys))
        if None in v:
            continue  # a rule whose cells are missing is not evaluated
        if rule == "R1":
            left, right = v[0] + v[1], v[2] + v[3]  # type: ignore[operator]
            if abs(left - right) > _EPS:
                out.append(Finding(
                    "R1", f"“{message}”一列：本年新收加上年结转应等于办理结果总计加结转下年度"
                          f"（{_num(v[0])}+{_num(v[1])}={_num(left)}，"
                          f"而{_num(v[2])}+{_num(v[3])}={_num(right)}）",
                    keys, expected=left, found=right, line=lines.get(keys[2])))
            continue
        # R2–R4: total = sum(parts)
        total = v[0]
        s = sum(v[1:])  # type: ignore[arg-type]
        if abs(s - total) <= _EPS:  # type: ignore[operator]
            continue
        out.append(Finding(rule, message.format(s=_num(s), t=_num(total)),  # type: ignore[arg-type]
                           keys, expected=s, found=total, line=lines.get(keys[0])))
    return out


_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办事处|苏木|民族乡)(人民政府|党群服务中心|政府)?$")


def is_township(body: str | None, level: str | None = None) -> bool:
    if level:
        return level == "township"
    return bool(body and _TOWNSHIP.search(body))


def check_report(report: ParsedReport, level: str | None = None) -> list[Finding]:
    """All single-report rules: R1–R4, W1, W3."""
    values: dict[Key, Number | None] = {}
    lines: dict[Key, int | None] = {}
    for table, row, column, value, _, source, _ in report.cells:
        key = (table, row, column)
        values[key] = value
        lines[key] = source.line
    findings = table_rules(values, report.template, lines)
    # W1: township bodies cannot make 规章
    if is_township(report.body, level):
        for col in codes.row(report.template, "proactive", "rules").columns:
            v = values.get(("proactive", "rules", col))
            if v:
                findings.append(Finding(
                    "W1", f"乡镇（街道）一般无权制定规章，但“规章·{_COL[col]}”为 {_num(v)}",
                    (("proactive", "rules", col),), expected=0, found=v,
                    line=lines.get(("proactive", "rules", col))))
    findings.extend(_prose_rules(report, values))
    return findings


def _prose_rules(report: ParsedReport, values: Values) -> list[Finding]:
    """W3: figures stated in the prose agree with the tables."""
    out: list[Finding] = []
    meta = report.metadata
    stated = meta.get("applications_stated")
    if stated:
        key = ("applications", "new", "total")
        table = values.get(key)
        if table is not None and abs(table - stated["value"]) > _EPS:
            out.append(Finding(
                "W3", f"正文说本年收到申请 {stated['value']} 件（“{stated['text']}”），"
                      f"表三“本年新收”总计为 {_num(table)}",
                (key,), expected=stated["value"], found=table, line=stated["line"]))
    for item in meta.get("review_litigation_stated", []):
        rows = {"review": ("review",),
                "litigation": ("litigation_direct", "litigation_after_review")}[item["kind"]]
        keys = [("review_litigation", r, "total") for r in rows]
        v = [values.get(k) for k in keys]
        if all(x is not None for x in v) and sum(v) != item["value"]:  # type: ignore[arg-type]
            word = "行政复议" if item["kind"] == "review" else "行政诉讼"
            out.append(Finding(
                "W3", f"正文说{word} {item['value']} 件（“{item['text']}”），"
                      f"表四合计为 {_num(sum(v))}",  # type: ignore[arg-type]
                tuple(keys), expected=item["value"], found=sum(v),  # type: ignore[arg-type]
                line=item["line"]))
    return out


def check_years(reports: list[tuple[int, ParsedReport]]) -> dict[int, list[Finding]]:
    """R5 (and W2) across consecutive years of one body: carried_forward of year N equals
    carried_over of year N+1, per column. Returns findings per later year."""
    out: dict[int, list[Finding]] = {}
    by_year = {year: rep for year, rep in reports}
    for year, rep in sorted(by_year.items()):
        prev = by_year.get(year - 1)
        if prev is None:
            continue
        pv = prev.index()
        cv = rep.index()
        for col in APPLICATION_COLUMNS:
            a = pv.get(("applications", "carried_forward", col))
            b = cv.get(("applications", "carried_over", col))
            if a is None or b is None or a.value is None or b.value is None:
                continue
            if abs(a.value - b.value) > _EPS:
                out.setdefault(year, []).append(Finding(
                    "R5", f"“{_COL[col]}”一列：{year - 1} 年报告结转下年度 {_num(a.value)} 件，"
                          f"{year} 年报告上年结转为 {_num(b.value)} 件",
                    (("applications", "carried_over", col),), expected=a.value, found=b.value,
                    line=b.source.line))
        if prev.template == rep.template == "2021":
            for r in ("rules", "normative_documents"):
                p_in = pv.get(("proactive", r, "in_force"))
                c = [cv.get(("proactive", r, k)) for k in ("in_force", "issued", "repealed")]
                if p_in is None or p_in.value is None or any(x is None or x.value is None
                                                             for x in c):
                    continue
                expected = p_in.value + c[1].value - c[2].value  # type: ignore[union-attr]
                if abs(expected - c[0].value) > _EPS:  # type: ignore[union-attr]
                    out.setdefault(year, []).append(Finding(
                        "W2", f"“{_row_label('2021', 'proactive', r)}”现行有效件数：按上年 "
                              f"{_num(p_in.value)} 加制发减废止应约为 {_num(expected)}，"
                              f"报告为 {_num(c[0].value)}",  # type: ignore[union-attr]
                        (("proactive", r, "in_force"),), expected=expected,
                        found=c[0].value, line=c[0].source.line))  # type: ignore[union-attr]
    return out


# --- the prose: traces of another body's report ------------------------------------------------

# a township body's kind, from its name: 别斯托别乡, 新源县别斯托别乡人民政府 -> 乡
_BODY_KIND = re.compile(r"(镇|乡|街道|苏木)(?:人民政府|党群服务中心|党委|政府|办事处)?$")
# townships whose names are also common words of reports (中心镇建设, 创建文明镇, 小城镇,
# 城区街道清扫): their names in the prose say nothing
_COMMON_WORDS = frozenset({"中心镇", "中心乡", "文明镇", "小城镇", "中心街道", "城区街道",
                           "工业园区街道"})
_KIND_END = re.compile(r"(?:镇|乡|街道|苏木)$")
_KIND_EN = {"镇": "town (镇)", "乡": "township (乡)", "街道": "subdistrict (街道)", "苏木": "sumu (苏木)"}
# a body of one kind spoken of as another: 本镇, 我镇, 全镇 or 镇政府, 镇政务公开 … in a 乡's
# report (not 乡镇, 城镇, 乡村, 城乡, 家乡, 本乡本土: words, not a body)
_ORGANS = "党委|人民政府|政府|政务公开|纪委|人大|党政办"
_AS_KIND = {
    "镇": re.compile(rf"(?:本|我|全)镇(?!区)|(?<![乡城村集古重小市大名])镇(?:{_ORGANS})"),
    "乡": re.compile(rf"(?:本|我|全)乡(?![镇村亲贤情土音里]|本土)|(?<![城家故同老下回返])乡(?:{_ORGANS})"),
    "街道": re.compile(r"(?:本|我|全)街道|街道党工委"),
}
# white space between two Han characters (a PDF's text: 新 源 镇), left out for matching
_SQUEEZE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
MAX_TRACES = 5
_AROUND = 10  # characters of context on either side of a trace


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))


def other_bodies(lines: Iterable[tuple[int | None, str]], bodies: Iterable[str | None],
                 region: tuple[str, ...] = (), level: str | None = None,
                 traditional: bool = False) -> list[dict]:
    """Traces, in a township's prose, of a report copied from another body's (template.md:
    other towns' names pasted into the prose): another township of the same county named
    (新源镇 in 别斯托别乡's report, from the county's townships in builder/data), or the body
    spoken of as another kind of township (本镇, 镇政务公开办 in a 乡's report). ``lines``: the
    prose's (line, text); ``bodies``: the body's names (the sidecar's, the title's). One trace
    per word, its first place and how often it stands there; at most MAX_TRACES. Soft: a
    township may name its neighbour for good reason; the reader is asked to look.
    ``traditional``: the text is a 繁体 mirror's (its characters made simplified to match)."""
    names = [b for b in bodies if b]
    if not names or not is_township(names[0], level):
        return []
    kind = next((m.group(1) for b in names if (m := _BODY_KIND.search(b))), None)
    county = region[-1] if len(region) >= 2 else ""
    # the body's own name, and itself under another kind (a 乡 made a 镇 since the list)
    own = [b.replace(county, "") if county else b for b in names]
    cores = {_BODY_KIND.sub("", b) for b in own}
    others = _names_pattern(tuple(t for t in townships(region) if not any(t in b for b in own)
                                  and _KIND_END.sub("", t) not in cores
                                  and t not in _COMMON_WORDS))
    kinds = [(k, p) for k, p in _AS_KIND.items() if kind and k != kind]
    found: dict[tuple[str, str], list] = {}  # (kind of trace, word) -> [line, excerpt, count]
    for line, raw in lines:
        shown = _SQUEEZE.sub("", raw)
        # (the same length: an excerpt is cut from what is shown)
        text = halfwidth(shown) if traditional else shown
        spans: list[tuple[int, int]] = []
        if others is not None:
            hits = list(others.finditer(text))
            if len({m.group(0) for m in hits}) >= 3:
                continue  # a list of the county's townships (a page's links): not a trace
            for m in hits:
                spans.append(m.span())
                _trace(found, ("township", m.group(0)), line, shown, m)
        for k, pattern in kinds:
            for m in pattern.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in spans):
                    _trace(found, (k, m.group(0)), line, shown, m)
    out = []
    for (what, word), (line, excerpt, count) in list(found.items())[:MAX_TRACES]:
        more = f"，共 {count} 处" if count > 1 else ""
        if what == "township":
            message = (f"正文提到{county}的另一个乡镇“{word}”（“{excerpt}”{more}），这段文字可能抄自"
                       f"其他机关的报告，请核对原文 / the prose names {word}, another township of "
                       f"{county}: a passage may have been copied from another body's report")
        else:
            message = (f"本机关是{kind}，正文却称“{word}”（“{excerpt}”{more}），这段文字可能抄自某个"
                       f"{what}的报告，请核对原文 / the body is a {_KIND_EN[kind or '']}, the prose "
                       f"speaks of a {_KIND_EN[what]} ({word}): a passage may have been copied from "
                       "another body's report")
        out.append({"line": line, "word": word, "kind": what, "text": excerpt,
                    "count": count, "message": message})
    return out


def _trace(found: dict, key: tuple[str, str], line: int | None, text: str,
           m: re.Match[str]) -> None:
    if key in found:
        found[key][2] += 1
        return
    a, b = max(0, m.start() - _AROUND), min(len(text), m.end() + _AROUND)
    excerpt = ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")
    found[key] = [line, excerpt, 1]


def trace_text(trace: dict) -> str:
    """A trace's message in Chinese, for the site (the English half is the CLI's)."""
    return trace["message"].rsplit(" / ", 1)[0]
