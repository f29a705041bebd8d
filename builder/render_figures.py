"""Key figures of reports and their sums, for the summary tables, charts and headline totals.

Only ``applications`` and ``review_litigation`` compare across the 2019 and 2021 templates;
the proactive figures (penalties, licensing, fees) are taken from 2021-template reports only.
A figure is ``None`` when a cell it needs is missing: a sum over reports adds the reports that
give the figure and counts those that do not (``Figures.gaps``), so that a partial sum is shown
as one; it never turns a missing cell into 0. A rate over several reports is taken over the
reports that give all of its figures (numerator and denominator over the same reports).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from . import codes
from .model import Entry, Number
from .normalize import number_text

_RESULTS = {"2021": codes.RESULT_LEAVES_2021, "2019": codes.RESULT_LEAVES_2019}


def _prefix(template: str, prefix: str) -> tuple[str, ...]:
    return tuple(r for r in _RESULTS[template] if r.startswith(prefix))


@dataclass
class Figures:
    """Key figures of one report, or sums over several (``n`` = reports summed)."""

    new: Number | None = None
    carried_over: Number | None = None
    granted: Number | None = None
    partially_granted: Number | None = None
    withheld: Number | None = None
    unavailable: Number | None = None
    not_processed: Number | None = None
    other_handling: Number | None = None
    results_total: Number | None = None
    reviews: Number | None = None
    lawsuits: Number | None = None
    penalties: Number | None = None
    licensing: Number | None = None
    fees: Number | None = None
    # the rates' parts, summed over the reports that give every figure of the rate
    disclosed: Number | None = None  # granted + partially granted
    decided: Number | None = None  # results total, of the same reports
    corrected: Number | None = None  # reviews and lawsuits corrected, of the reports that
    concluded: Number | None = None  # give every concluded case (upheld, corrected, other)
    n: int = 0
    #: per figure (a field or a rate), how many of the ``n`` reports do not give it
    #: (a 2019-template report is not counted for the 2021-only proactive figures)
    gaps: dict[str, int] = field(default_factory=dict)

    @property
    def disclosure_rate(self) -> float | None:
        """(granted + partially granted) / results total."""
        if self.disclosed is None or not self.decided:
            return None
        return self.disclosed / self.decided

    @property
    def corrected_rate(self) -> float | None:
        """Corrected / concluded reviews and lawsuits (pending ones left out)."""
        if self.corrected is None or not self.concluded:
            return None
        return self.corrected / self.concluded

    def missing(self, name: str) -> int:
        """How many of the summed reports do not give figure ``name`` (0 for one report
        that gives it)."""
        return self.gaps.get(name, 0)

    def add(self, other: Figures) -> None:
        for name in _SUMMED:
            b = getattr(other, name)
            if b is None:
                continue
            a = getattr(self, name)
            setattr(self, name, b if a is None else a + b)
        self.n += other.n
        if other.gaps:
            gaps = dict(self.gaps)  # never the dict of a memoised report's figures
            for name, k in other.gaps.items():
                gaps[name] = gaps.get(name, 0) + k
            self.gaps = gaps




#: the fields Figures.add sums (all but the count of reports and the gaps)
_SUMMED = tuple(f.name for f in fields(Figures) if f.name not in ("n", "gaps"))
#: each rate and the part whose gap is the rate's (the parts are known for the same reports)
_RATE_PARTS = {"disclosure_rate": "disclosed", "corrected_rate": "concluded"}
_PROACTIVE = ("penalties", "licensing", "fees")
#: (attribute, Chinese column title, kind) for the summary tables; kind: n = count, r = rate,
#: m = money (万元), p = proactive (2021 template only)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("new", "新收申请", "n"),
    ("granted", "予以公开", "n"),
    ("partially_granted", "部分公开", "n"),
    ("withheld", "不予公开", "n"),
    ("unavailable", "无法提供", "n"),
    ("not_processed", "不予处理", "n"),
    ("other_handling", "其他处理", "n"),
    ("disclosure_rate", "公开率", "r"),
    ("reviews", "行政复议", "n"),
    ("lawsuits", "行政诉讼", "n"),
    ("corrected_rate", "纠错率", "r"),
    ("penalties", "行政处罚", "p"),
    ("licensing", "行政许可", "p"),
    ("fees", "收费（万元）", "m"),
)
#: the outcome of applications as the stacked bars show it: (label, attribute)
OUTCOMES = (("予以公开", "granted"), ("部分公开", "partially_granted"), ("不予公开", "withheld"),
            ("无法提供", "unavailable"), ("不予处理", "not_processed"),
            ("其他处理", "other_handling"))


def outcome_parts(f: Figures) -> list[tuple[str, Number | None]]:
    return [(label, getattr(f, attr)) for label, attr in OUTCOMES]


#: The columns that compare across templates (used for sums over years).
COMPARABLE = tuple(c for c in COLUMNS if c[2] in ("n", "r"))

COLUMN_HELP = {
    "new": "表三“一、本年新收政府信息公开申请数量”总计",
    "granted": "表三“（一）予以公开”总计",
    "partially_granted": "表三“（二）部分公开”总计",
    "withheld": "表三“（三）不予公开”8 项之和",
    "unavailable": "表三“（四）无法提供”3 项之和",
    "not_processed": "表三“（五）不予处理”5 项之和",
    "other_handling": "表三“（六）其他处理”之和",
    "disclosure_rate": "（予以公开 + 部分公开）÷ 办理结果总计",
    "reviews": "表四行政复议总计",
    "lawsuits": "表四行政诉讼总计（未经复议直接起诉 + 复议后起诉）",
    "corrected_rate": "结果纠正 ÷ 已审结（维持 + 纠正 + 其他结果），行政复议与行政诉讼合计",
    "penalties": "表二行政处罚“本年处理决定数量”（仅 2021 年版格式）",
    "licensing": "表二行政许可“本年处理决定数量”（仅 2021 年版格式）",
    "fees": "表二行政事业性收费“本年收费金额”（万元，仅 2021 年版格式）",
}


def _sum(values: Iterable[Number | None]) -> Number | None:
    total: Number = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


_MEMO: dict[int, tuple[object, Figures]] = {}


def report_figures(entry: Entry) -> Figures:
    """The key figures of one report, memoised per report object (region and summary pages ask
    for the same report many times): not to be changed (``add`` changes only the sum)."""
    rep = entry.report
    hit = _MEMO.get(id(rep))
    if hit is not None and hit[0] is rep:
        return hit[1]
    f = _report_figures(rep)
    _MEMO[id(rep)] = (rep, f)
    return f


def clear_memo() -> None:
    _MEMO.clear()


def _report_figures(rep) -> Figures:  # noqa: ANN001 - a ParsedReport
    idx = {(c.table, c.row, c.column): c.value for c in rep.cells}
    template = rep.template if rep.template in _RESULTS else "2021"

    def app(row: str) -> Number | None:
        return idx.get(("applications", row, "total"))

    def apps(rows: Iterable[str]) -> Number | None:
        return _sum(app(r) for r in rows)

    def rev(row: str, col: str) -> Number | None:
        return idx.get(("review_litigation", row, col))

    lit_rows = ("litigation_direct", "litigation_after_review")
    all_rows = ("review",) + lit_rows
    f = Figures(
        new=app("new"), carried_over=app("carried_over"),
        granted=app("granted"), partially_granted=app("partially_granted"),
        withheld=apps(_prefix(template, "withheld_")),
        unavailable=apps(_prefix(template, "unavailable_")),
        not_processed=apps(_prefix(template, "not_processed_")),
        other_handling=apps(_prefix(template, "other_")),
        results_total=app("results_total"),
        reviews=rev("review", "total"),
        lawsuits=_sum(rev(r, "total") for r in lit_rows),
        n=1,
    )
    # the corrected cells are among the concluded ones: both known, or neither
    f.concluded = _sum(rev(r, c) for r in all_rows for c in ("upheld", "corrected", "other"))
    if f.concluded is not None:
        f.corrected = _sum(rev(r, "corrected") for r in all_rows)
    if rep.template == "2021":
        f.penalties = idx.get(("proactive", "penalty", "decisions"))
        f.licensing = idx.get(("proactive", "licensing", "decisions"))
        f.fees = idx.get(("proactive", "fees", "amount"))
    if f.granted is not None and f.partially_granted is not None and f.results_total is not None:
        f.disclosed, f.decided = f.granted + f.partially_granted, f.results_total
    gaps = {name: 1 for name in _SUMMED if getattr(f, name) is None
            and (rep.template == "2021" or name not in _PROACTIVE)}
    for rate, part in _RATE_PARTS.items():
        if part in gaps:
            gaps[rate] = 1
    f.gaps = gaps
    return f


def total(figures: Iterable[Figures]) -> Figures:
    out = Figures()
    for f in figures:
        out.add(f)
    return out


def entries_total(entries: Iterable[Entry]) -> Figures:
    """The sum of the reports' figures."""
    return total(report_figures(e) for e in entries)


def value(f: Figures, attr: str) -> Number | float | None:
    return getattr(f, attr)


# -- formatting ------------------------------------------------------------------------------

def fmt_number(v: Number | None, *, grouping: bool = False) -> str:
    """A number as printed (normalize.number_text); None -> —."""
    return "—" if v is None else number_text(v, grouping)


def fmt_rate(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v * 100:.1f}%"


def sort_key(v: Number | float | None) -> str:
    """data-sort attribute: a plain number, or empty for missing (sorted last)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)
