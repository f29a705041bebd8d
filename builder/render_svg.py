"""Inline SVG charts (no JavaScript, no network): horizontal bars, year columns, a stacked bar.

Sizes are in a fixed viewBox; CSS (gd-chart) scales the SVG to the column width. Labels are
escaped (body names are untrusted text).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .model import Number
from .render_figures import fmt_number
from .render_html import esc

WIDTH = 640
PALETTE = ("#2e6bc6", "#58a55c", "#e0a030", "#d1584a", "#8a6bbf", "#5fa8b8", "#9a9a9a")


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _frame(height: float, title: str, body: str) -> str:
    return (f'<figure class="gd-chart" data-search-exclude data-pagefind-ignore>'
            f'<svg viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-label="{esc(title)}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>{body}</svg>'
            f"<figcaption>{esc(title)}</figcaption></figure>")


#: after a chart's title when some of its values are partial sums
PARTIAL_CAPTION = "（* 为部分报告的合计：有报告缺少此项）"


def hbars(items: Sequence[tuple[str, Number | None]], title: str, unit: str = "件",
          label_width: int = 200, partial: Collection[str] = ()) -> str:
    """One horizontal bar per item; a missing value is drawn as “—” with no bar; the values
    of the labels in ``partial`` (sums that some reports could not contribute to) get a
    ``*``."""
    row, top = 26, 8
    top_value = max([v for _, v in items if v is not None] + [0])
    span = WIDTH - label_width - 70
    parts = []
    for i, (label, v) in enumerate(items):
        y = top + i * row
        text = label if len(label) <= 16 else label[:15] + "…"
        parts.append(f'<text class="lbl" x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
                     f"{esc(text)}</text>")
        w = 0.0 if v is None or top_value <= 0 else max(span * v / top_value, 1.5 if v else 0)
        if w:
            parts.append(f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{_n(w)}" '
                         f'height="{row - 8}" rx="2"/>')
        shown = "—" if v is None else fmt_number(v, grouping=True) + unit + (
            "*" if label in partial else "")
        parts.append(f'<text class="val" x="{_n(label_width + w + 6)}" y="{y + 17}">'
                     f"{esc(shown)}</text>")
    return _frame(top * 2 + row * len(items), _titled(title, partial), "".join(parts))


def _titled(title: str, partial: Collection[str] | bool) -> str:
    return title + PARTIAL_CAPTION if partial else title


def columns(items: Sequence[tuple[str, Number | None]], title: str, unit: str = "件",
            partial: Collection[str] = ()) -> str:
    """Vertical columns, e.g. one per year (``partial``: as for ``hbars``)."""
    height, base, top = 220, 190, 24
    n = max(len(items), 1)
    slot = min((WIDTH - 40) / n, 90)
    left = (WIDTH - slot * n) / 2
    top_value = max([v for _, v in items if v is not None] + [0])
    parts = [f'<line class="axis" x1="{_n(left)}" y1="{base}" x2="{_n(left + slot * n)}" '
             f'y2="{base}"/>']
    for i, (label, v) in enumerate(items):
        x = left + i * slot + slot * 0.2
        w = slot * 0.6
        h = 0.0 if v is None or top_value <= 0 else (base - top) * v / top_value
        if h:
            parts.append(f'<rect class="bar" x="{_n(x)}" y="{_n(base - h)}" width="{_n(w)}" '
                         f'height="{_n(h)}" rx="2"/>')
        shown = "—" if v is None else fmt_number(v, grouping=True) + (
            "*" if label in partial else "")
        parts.append(f'<text class="val" x="{_n(x + w / 2)}" y="{_n(base - h - 6)}" '
                     f'text-anchor="middle">{esc(shown)}</text>')
        parts.append(f'<text class="lbl" x="{_n(x + w / 2)}" y="{base + 20}" '
                     f'text-anchor="middle">{esc(label)}</text>')
    return _frame(height, _titled(f"{title}（{unit}）" if unit else title, partial),
                  "".join(parts))


#: after a stacked bar's title when a part is missing or a partial sum
NO_SHARES_CAPTION = "（有数字缺失，不计算各项比例）"


def stacked(parts: Sequence[tuple[str, Number | None]], title: str, unit: str = "件",
            partial: bool = False) -> str:
    """One bar split into shares, with a legend; for the outcome of applications. When a part
    is missing (None) or ``partial`` (sums that some reports could not contribute to), the
    legend gives no shares: they would be shares of the known parts only."""
    if partial or any(v is None for _, v in parts):
        title += NO_SHARES_CAPTION
        shares = False
    else:
        shares = True
    values = [(label, v or 0) for label, v in parts]
    total = sum(v for _, v in values)
    x0, bar_w, y = 10, WIDTH - 20, 8
    out = []
    if total > 0:
        x = float(x0)
        for i, (label, v) in enumerate(values):
            if not v:
                continue
            w = bar_w * v / total
            out.append(f'<rect x="{_n(x)}" y="{y}" width="{_n(w)}" height="30" '
                       f'fill="{PALETTE[i % len(PALETTE)]}"><title>{esc(label)}：'
                       f'{esc(fmt_number(v, grouping=True))}{unit}</title></rect>')
            x += w
    else:
        out.append(f'<rect class="empty" x="{x0}" y="{y}" width="{bar_w}" height="30"/>'
                   f'<text class="lbl" x="{WIDTH / 2}" y="{y + 20}" text-anchor="middle">'
                   f"没有办理结果（未收到申请或办理结果缺失）</text>")
    if total <= 0:
        return _frame(y + 38, title, "".join(out))
    per_row = 3
    for i, (label, v) in enumerate(values):
        lx = x0 + (i % per_row) * (bar_w / per_row)
        ly = y + 52 + (i // per_row) * 24
        share = f"（{v / total * 100:.1f}%）" if total and shares else ""
        out.append(f'<rect x="{_n(lx)}" y="{ly - 11}" width="12" height="12" rx="2" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text class="lbl" x="{_n(lx + 18)}" y="{ly}">{esc(label)} '
                   f"{esc(fmt_number(parts[i][1], grouping=True))}{share}</text>")
    rows = (len(values) + per_row - 1) // per_row
    return _frame(y + 52 + rows * 24, title, "".join(out))
