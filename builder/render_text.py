"""Plain-text summaries for the terminal (``builder parse`` without --format json)."""

from __future__ import annotations

from . import codes
from .errors import format_problem
from .model import ParsedReport
from .normalize import number_text


def _fmt(v: int | float | None) -> str:
    return "—" if v is None else number_text(v)


def summary(report: ParsedReport) -> str:
    idx = report.index()
    out = [f"{report.path}: {report.body or '（未识别机关名称）'} {report.year or '?'} "
           f"template {report.template}, layout {report.layout}, "
           f"{'complete' if report.complete else 'INCOMPLETE'}, {len(report.cells)} cells"]
    for table in codes.TABLES:
        out.append(f"  [{table}] {codes.TABLE_TITLES[table]}")
        for row in codes.rows(report.template, table):
            vals = []
            for col in row.columns:
                c = idx.get((table, row.code, col))
                vals.append(f"{col}={_fmt(c.value) if c else '?'}{c.unit if c and c.unit else ''}")
            first = next((c for col in row.columns if (c := idx.get((table, row.code, col)))),
                         None)
            where = ""
            if first is not None and first.source.line and first.source.row is None:
                where = f" (line {first.source.line})"
            elif first is not None and first.source.known:
                where = f" ({first.source.describe()})"
            out.append(f"    {row.code:<30} {' '.join(vals)}{where}")
    for f in report.findings:
        out.append(f"  {f.rule}: {f.message}" + (f" (line {f.line})" if f.line else ""))
    for t in report.metadata.get("other_bodies", ()):
        out.append(f"  prose: {t['message']}" + (f" (line {t['line']})" if t["line"] else ""))
    for n in report.notes:
        out.append(f"  note: {n.message}" + (f" (line {n.line})" if n.line else ""))
    for e in report.errors:
        out.append("  " + format_problem(report.path, e))
    return "\n".join(out)
