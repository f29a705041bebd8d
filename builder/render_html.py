"""Small HTML helpers for the render stage, and the page templates (builder/templates/).

Every string that comes from a report or a sidecar goes through ``esc`` and ends up inside a
raw HTML block, which Markdown passes through untouched: no Markdown, no Jinja, no HTML of the
report is ever interpreted. Templates are Jinja2 with autoescape on; pre-built HTML is passed
as ``Markup``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .render_figures import COLUMN_HELP, Figures, fmt_number, fmt_rate, sort_key

TEMPLATES = Path(__file__).parent / "templates"


def esc(text: object) -> str:
    return _esc(text) if type(text) is str else html.escape(str(text), quote=True)


@lru_cache(maxsize=1 << 16)
def _esc(text: str) -> str:
    """Labels, titles and figures repeat on every page: escaped once each."""
    return html.escape(text, quote=True)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def render_template(template_name: str, /, **context: object) -> str:
    text = _env().get_template(template_name).render(**context)
    return text.rstrip("\n") + "\n"


def front_matter(title: str, *, search_exclude: bool = False, hide: Sequence[str] = (),
                 description: str | None = None, pagefind: bool = True) -> Markup:
    """YAML front matter. The title is HTML-escaped because Material prints page.meta.title
    into the page without escaping; JSON strings are valid YAML. ``pagefind=False`` leaves
    the page out of the full-text index (overrides/main.html)."""
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if not pagefind:
        lines.append("pagefind: false")
    if description:
        lines.append(f"description: {json.dumps(esc(description), ensure_ascii=False)}")
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    if hide:
        lines.append("hide:")
        lines += [f"  - {h}" for h in hide]
    lines.append("---")
    return Markup("\n".join(lines) + "\n")


def link(href: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def crumbs(items: Iterable[tuple[str | None, str]]) -> str:
    """Breadcrumb navigation: (href or None, text) pairs."""
    parts = [link(h, t) if h else f"<span>{esc(t)}</span>" for h, t in items]
    return ('<nav class="gd-crumbs" aria-label="位置" data-search-exclude data-pagefind-ignore>'
            + '<span class="gd-sep">›</span>'.join(parts) + "</nav>")


# -- summary tables (sortable) -----------------------------------------------------------------

def figure_cells(f: Figures, columns: Sequence[tuple[str, str, str]], *,
                 template_2019: bool = False) -> str:
    out = []
    for attr, _, kind in columns:
        if kind in ("p", "m") and template_2019:
            out.append('<td class="na" data-sort="" title="2019 年版格式，此项与 2021 年版不可比">'
                       "—</td>")
            continue
        v = getattr(f, attr)
        text = fmt_rate(v) if kind == "r" else fmt_number(v, grouping=True)
        cls = ' class="na"' if v is None else (' class="nz"' if v else "")
        out.append(f'<td{cls} data-sort="{sort_key(v)}">{text}{partial_mark(f, attr)}</td>')
    return "".join(out)


#: said under the figures of a page that shows a partial sum (partial_note)
PARTIAL_NOTE = ("带 * 的合计只含给出该项的报告：缺少该项的报告未计入（不当作 0），"
                "比率只按给出全部所需数字的报告计算；把鼠标移到 * 上可见缺少的份数。")


def partial_note(*html: str) -> str:
    """PARTIAL_NOTE when some of the HTML shows a partial sum, else ""."""
    return PARTIAL_NOTE if any("gd-partial" in h for h in html) else ""


def partial_mark(f: Figures, attr: str) -> str:
    """A ``*`` after a sum that some of the summed reports could not contribute to (a sum of
    one report, or of none that give the figure, shows "—" instead)."""
    k = f.missing(attr)
    if not k or getattr(f, attr) is None:
        return ""
    what = "未计入此比率" if attr.endswith("_rate") else "未计入合计"
    return (f'<sup class="gd-partial" title="{k} 份报告缺少此项，{what}（不当作 0）">'
            "*</sup>")


def total_number(f: Figures, attr: str) -> Markup:
    """A headline sum, with its ``*`` when it is partial."""
    v = getattr(f, attr)
    text = fmt_rate(v) if attr.endswith("_rate") else fmt_number(v, grouping=True)
    return Markup(esc(text) + partial_mark(f, attr))


def figure_headers(columns: Sequence[tuple[str, str, str]]) -> str:
    return "".join(f'<th class="num" title="{esc(COLUMN_HELP.get(attr, title))}">{esc(title)}</th>'
                   for attr, title, _ in columns)


def sortable(head: str, rows: Sequence[str], foot: str = "", *, caption: str = "",
             cls: str = "") -> str:
    """A table that the site's sort.js makes sortable by clicking a header."""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (f'<div class="gd-scroll" data-pagefind-ignore>'
            f'<table class="gd-table gd-sortable {cls}" data-search-exclude>{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>\n' + "\n".join(rows) + f"\n</tbody>{tfoot}</table></div>")


def number(v: float | int | None) -> str:
    return fmt_number(v, grouping=True)
