"""``builder summary``: what a pull request adds or changes, for $GITHUB_STEP_SUMMARY, so that a
reviewer sees the figures and findings without opening the text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .build import collect
from .content import REPORT_SUFFIXES, SIDECAR_SUFFIX
from .errors import ReportError
from .model import Entry, finding_counts
from .render_text import _fmt


def changed_paths(root: Path, base: str) -> tuple[list[Path], list[str]]:
    """Report files added or changed since ``base`` (sidecar changes count for their report),
    and the paths of deleted reports."""
    try:
        out = subprocess.run(["git", "diff", "-z", "--name-status", "--no-renames",
                              f"{base}...HEAD", "--", "content"], cwd=root, capture_output=True,
                             text=True, check=True).stdout
    except (subprocess.CalledProcessError, OSError) as exc:
        raise ReportError("git", f"git diff against {base} failed: {exc}") from None
    changed: set[Path] = set()
    deleted: list[str] = []
    parts = out.split("\0")
    for status, name in zip(parts[0::2], parts[1::2], strict=False):
        path = root / name
        if status.startswith("D"):
            if path.suffix in REPORT_SUFFIXES:
                deleted.append(name)
            continue
        if path.suffix == SIDECAR_SUFFIX:
            for s in REPORT_SUFFIXES:
                if path.with_suffix(s).exists():
                    changed.add(path.with_suffix(s))
        elif path.suffix in REPORT_SUFFIXES:
            changed.add(path)
    return sorted(changed), sorted(deleted)


def _figure(e: Entry, table: str, row: str, col: str) -> str:
    c = e.report.index().get((table, row, col))
    if c is None:
        return "?"
    return _fmt(c.value)


def _sum(e: Entry, table: str, rows: list[str], col: str) -> str:
    idx = e.report.index()
    vals = [idx.get((table, r, col)) for r in rows]
    if any(v is None or v.value is None for v in vals):
        return "—"
    return _fmt(sum(v.value for v in vals))  # type: ignore[misc,union-attr]


def summary_markdown(root: Path, base: str) -> str:
    paths, deleted = changed_paths(root, base)
    lines = ["## 本次提交的报告 / Reports in this pull request", ""]
    if not paths and not deleted:
        lines.append("没有新增或修改的报告。 / No report added or changed.")
        return "\n".join(lines) + "\n"
    result = collect(root, paths) if paths else None
    entries = result.entries if result else []
    if entries:
        lines += ["| 文件 | 机关 | 地区 | 年度 | 完整 | 新收申请 | 予以公开 | 部分公开 | 不予公开 | "
                  "行政复议 | 行政诉讼 | 行政处罚 | 问题 |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        withheld = [r for r in ("withheld_state_secret", "withheld_prohibited_by_law",
                                "withheld_security_stability", "withheld_third_party_rights",
                                "withheld_internal_affairs", "withheld_process_information",
                                "withheld_enforcement_files", "withheld_query_matters")]
        for e in entries:
            r = e.report
            broken, hints = finding_counts(r.findings)
            lit = _sum(e, "review_litigation", ["litigation_direct", "litigation_after_review"],
                       "total")
            lines.append(
                f"| `{e.meta.path}` | {e.meta.body} | {'/'.join(e.meta.region_path)} | "
                f"{e.meta.year} | {'是' if r.complete else '**否**'} | "
                f"{_figure(e, 'applications', 'new', 'total')} | "
                f"{_figure(e, 'applications', 'granted', 'total')} | "
                f"{_figure(e, 'applications', 'partially_granted', 'total')} | "
                f"{_sum(e, 'applications', withheld, 'total')} | "
                f"{_figure(e, 'review_litigation', 'review', 'total')} | {lit} | "
                f"{_figure(e, 'proactive', 'penalty', 'decisions')} | "
                f"{len(r.errors)} 错误, {broken} 勾稽问题, {hints} 提示 |")
        lines.append("")
        for e in entries:
            r = e.report
            traces = r.metadata.get("other_bodies", [])
            if not r.errors and not r.findings and not traces:
                continue
            lines.append(f"### `{e.meta.path}`")
            for p in r.errors:
                where = f"第 {p.line} 行：" if p.line else ""
                lines.append(f"- ❌ {where}{p.message}")
            for f in r.findings:  # a broken rule of the template, then a hint
                where = f"第 {f.line} 行：" if f.line else ""
                mark = "💡" if f.severity == "warning" else "⚠️"
                lines.append(f"- {mark} {f.rule} {where}{f.message}")
            for t in traces:  # traces of a report copied from another body's
                where = f"第 {t['line']} 行：" if t["line"] else ""
                lines.append(f"- 💡 正文疑点 {where}{t['message']}")
            lines.append("")
    if result and (result.failures or result.problems):
        lines.append("### 无法读取 / Unreadable")
        for f in result.failures:
            for p in f.problems:
                lines.append(f"- ❌ `{f.path}`" + (f":{p.line}" if p.line else "") +
                             f" {p.message}")
        for path, p in result.problems:
            lines.append(f"- ❌ `{path}` {p.message}")
        lines.append("")
    if deleted:
        lines.append("### 删除的报告 / Deleted")
        lines += [f"- `{d}`" for d in deleted]
    return "\n".join(lines) + "\n"
