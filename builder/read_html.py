"""A saved report page (HTML) -> Document: <table> rows keep their cells (rowspan/colspan cells
appear once, where they start); paragraphs and headings become one-cell rows. Each cell's
source is its line in the HTML file plus table/row/column (column counted after spans).

The grid is built from html.parser's events: start tags, end tags and text, each with its line.
Pages as Word and site editors save them carry thousands of tags, and html.parser spends about
6 µs on each; ``_scan`` produces the same events for markup it recognises as written well
(about twice as fast) and declines anything else, which html.parser then reads. Tests compare the
two event by event on every fixture and on mutated pages.
"""

from __future__ import annotations

import datetime
import re
from html import unescape
from html.parser import HTMLParser

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .normalize import BREAK, SCRIPTS, join_breaks
from .read import MAX_TEXT_BYTES, decode_raw, finish_text

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "br",
          "tr", "td", "th", "table", "title", "header", "footer", "center", "blockquote", "pre",
          "dd", "dt"}
# not read: scripts and the head, and deleted or struck-out text (Word saves tracked
# deletions as <del>; a corrected figure is often printed struck out beside the new one)
_SKIP = {"script", "style", "noscript", "template", "head", "del", "s", "strike"}
# text a browser does not show: an element hidden by its inline style or its hidden attribute
# (anti-copy marks inside a figure's cell, Word's hidden text, saved as display:none;
# mso-hide:all: 34<span style="display:none">9</span>7 reads 347 on the page); _HIDES is the
# cheap test of a tag's attributes, _HIDDEN_STYLE the exact one of its style. Word's mso-hide
# alone hides nothing in a browser, and is read.
_HIDES = re.compile(r"display|visibility|hidden|size\s*:\s*0|opacity|transparent|line-through",
                    re.I)
# the same words as plain substrings (visibility:hidden has "idden"), in either case for the
# hiding ones, as pages write them (IE's editors: DISPLAY: none; FONT-SIZE: 0px); each search
# of a page as Word saves it costs some 80 µs, so the page is searched once (may_hide)
_HIDING_WORDS = ("isplay", "idden", "ISPLAY", "IDDEN", "ize:0", "ize: 0", "IZE: 0", "pacity",
                 "ransparent", "hrough", "HROUGH")
# text an inline element's own style makes invisible where it stands (anti-copy marks: a
# digit of font-size 0, of opacity 0 or of a transparent colour inside a figure): a browser
# lays it out and its innerText gives it, but no reader sees it. Only for inline elements:
# a cell or a paragraph so styled keeps its place (and a child may set its own size)
_INVISIBLE_STYLE = re.compile(r"(?:^|;)\s*(?:font-size\s*:\s*0*(?:\.0*)?(?:px|pt|em|rem|%)?"
                              r"|opacity\s*:\s*0*(?:\.0*)?|color\s*:\s*transparent)"
                              r"\s*(?:!important\s*)?(?:;|$)", re.I)
# and text an inline element's style strikes out (web editors strike a figure out with a style,
# not <s>: a corrected figure printed struck out beside the new one, as <s> is left out)
_STRUCK_STYLE = re.compile(r"(?:^|;)\s*text-decoration(?:-line)?\s*:[^;]*\bline-through", re.I)
_INLINE = {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "sup", "sub", "label",
           "a", "ins", "mark", "code", "o:p"}
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)"
                           r"\s*(?:!important\s*)?(?:;|$)", re.I)
# an element's own style that shows it whatever a class rule says
_SHOWN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible)",
                          re.I)
# the elements whose hiding is honoured: text inside a paragraph or a cell, cells and rows. A
# container (div, table, section …) hidden in the saved page is often one the page's script
# shows (tabs, a body revealed once loaded): read as it stands, as before
_HIDEABLE = _INLINE | {"p", "td", "th", "tr"}
# a hidden cell or row ends where the next one starts, as a browser closes it
_ENDED_BY = {"td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "tr": {"tr"}}
# the end tags that end a hidden cell or row (the row's and the table's end a cell too)
_CLOSED_BY = {"td": {"td", "th", "tr", "table"}, "th": {"td", "th", "tr", "table"},
              "tr": {"tr", "table"}}
# a page's own style sheet may hide what a class or id names (anti-copy marks: a digit in
# <span class="x7f"> with .x7f{display:none} in a <style>): the rules at the sheet's top level
# whose declarations hide, for selectors whose subject (the last compound, after descendant or
# child combinators) names a class or an id. Rules inside @media and other at-rules (print
# sheets, narrow screens) and selectors with pseudo-classes, attributes or sibling combinators
# hide only in some states, and are not honoured; a sheet in another file is not seen.
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_BRACE = re.compile(r"[{}]")
_COMPOUND = re.compile(r"([a-zA-Z][-\w]*)?((?:[.#][-\w]+)+)")
_CSS_PART = re.compile(r"([.#])([-\w]+)")
_CONDITIONAL = re.compile(r"[:\[\]+~*()\\]")
# a tag's attributes that may name a class or an id
_NAMES = re.compile(r"\b(?:class|id)\s*=", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\u3000\xa0]+")
# a list item's text that starts with a figure: shown after the list's bullet, as a browser
# shows it. Tools that turn a PDF's lines into HTML take a line's leading figure and point for
# an ordered list's number and drop it (kreuzberg: 438.33 as <ul><li>33</li></ul>): what is
# left is no figure of the report, and the bullet keeps it from being read as one
_FIGURE_FIRST = re.compile(r"[-+−]?[0-9０-９][0-9０-９,，.．]*(?:\s|$)")


def _cell_text(parts: list[str]) -> str:
    return _SPACES.sub(" ", join_breaks("".join(parts))).strip()


class _Grid:
    """Builds the rows from the events of either tokenizer; ``line`` is the line of the event
    being handled (the tag's ``<``, or the start of the text)."""

    def __init__(self, hiding: tuple[Compound, ...] = (), may_hide: bool | None = None) -> None:
        self.line = 1
        self.rows: list[GridRow] = []
        self.text: list[str] = []
        self.text_line: int | None = None
        self.skip = 0
        self.tables: list[dict] = []  # stack of open tables
        self.table_count = 0
        self.images_in_body = 0
        self.in_title = False
        self.layout_depth = 0  # open tables used for page layout (they hold other tables)
        self.hidden_tag: str | None = None  # the hidden element whose content is skipped
        self.hidden_depth = 0  # its tag's elements open inside it (it among them)
        self.hiding = hiding  # the page's style rules that hide (_hidden)
        self.may_hide = may_hide  # whether the page holds a word that may hide (None: unknown)
        # inside <sup> or <sub>: digits raised or lowered are no part of the figure beside
        # them (a footnote mark, 347<sup>1</sup>, had been read as 3471); given as they show,
        # 347¹ is no number (normalize.SCRIPTS)
        self.script: str | None = None
        self.in_item = False  # in a list item (<li>) outside tables, before its first text

    # paragraphs outside tables -------------------------------------------------------------
    def flush_text(self) -> None:
        text = _SPACES.sub(" ", "".join(self.text)).strip()
        if text and self.text_line is not None:
            if self.in_item:
                self.in_item = False
                if _FIGURE_FIRST.match(text):
                    text = f"• {text}"
            self.rows.append(GridRow((GridCell(text, Source(line=self.text_line)),)))
        self.text = []
        self.text_line = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = self.hidden_tag
        if hidden is not None:
            if hidden in _ENDED_BY:  # a cell or row: its depth counts the tables inside it
                if tag == "table":
                    self.hidden_depth += 1
                    return
                if self.hidden_depth > 1 or tag not in _ENDED_BY[hidden]:
                    return
            elif hidden == "p":
                if tag not in _BLOCK or tag == "br":
                    return
            else:
                if tag == hidden:
                    self.hidden_depth += 1
                return
            self.hidden_tag = None  # the next cell or row, or a block after a paragraph
        if attrs and tag in _HIDEABLE and _hidden(tag, attrs, self.hiding):
            self.hidden_tag = tag
            self.hidden_depth = 1
            return
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in SCRIPTS:
            self.script = tag
            return
        if tag in _CELL_EDGES:
            self.script = None  # a browser closes what a cell left open
        if tag == "img" and not self.tables:
            self.images_in_body += 1
        if tag == "table":
            if self.tables:
                # a table inside a table: the outer ones lay out the page; their cells are
                # paragraphs, and only tables without tables inside are read as tables
                self._to_layout()
            self.flush_text()
            self.table_count += 1
            self.tables.append({"index": self.table_count, "rows": [], "row": None,
                                "cell": None, "spans": {}, "r": -1})
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "tr":
                self._close_cell(t)
                self._close_row(t)
                t["r"] += 1
                t["row"] = []
                t["col"] = 0
            elif tag in ("td", "th"):
                self._close_cell(t)
                if t["row"] is None:
                    t["r"] += 1
                    t["row"] = []
                    t["col"] = 0
                col = t["col"]
                while (t["r"], col) in t["spans"]:
                    col += 1
                a = dict(attrs)
                rs = _int(a.get("rowspan"))
                cs = _int(a.get("colspan"))
                for dr in range(rs):
                    for dc in range(cs):
                        t["spans"][(t["r"] + dr, col + dc)] = True
                t["cell"] = {"text": [], "line": self.line, "col": col}
                t["col"] = col + cs
            elif tag in ("br", "p", "div") and t["cell"] is not None:
                t["cell"]["text"].append(BREAK)
            return
        if tag in _BLOCK:
            self.flush_text()
            if tag == "li":
                self.in_item = True

    def handle_endtag(self, tag: str) -> None:
        hidden = self.hidden_tag
        if hidden is not None:
            if hidden in _ENDED_BY:
                if tag == "table" and self.hidden_depth > 1:
                    self.hidden_depth -= 1
                    return
                if self.hidden_depth > 1 or tag not in _CLOSED_BY[hidden]:
                    return
                self.hidden_tag = None
                if tag == hidden or tag in ("td", "th") and hidden != "tr":
                    return  # the hidden element's own end (a cell's </td> or </th>)
            elif hidden == "p":
                if tag != "p" and tag not in _BLOCK:
                    return
                self.hidden_tag = None
                if tag == "p":
                    return
            else:
                if tag == hidden:
                    self.hidden_depth -= 1
                    if not self.hidden_depth:
                        self.hidden_tag = None
                return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in SCRIPTS or tag in _CELL_EDGES:
            self.script = None
            if tag in SCRIPTS:
                return
        if self.tables:
            t = self.tables[-1]
            if tag in ("td", "th"):
                self._close_cell(t)
            elif tag == "tr":
                self._close_cell(t)
                self._close_row(t)
            elif tag == "table":
                self._close_cell(t)
                self._close_row(t)
                self.tables.pop()
                self.rows.extend(t["rows"])
            return
        if tag == "table" and self.layout_depth:
            self.layout_depth -= 1
        if tag in _BLOCK:
            self.flush_text()
            if tag == "li":
                self.in_item = False

    def handle_data(self, data: str) -> None:
        if self.skip or self.hidden_tag is not None:
            return
        if self.script is not None:
            data = data.translate(SCRIPTS[self.script])
        if self.tables:
            cell = self.tables[-1]["cell"]
            if cell is not None:
                cell["text"].append(data)
            return
        if data.strip() and self.text_line is None:
            self.text_line = self.line
        self.text.append(data)

    def _to_layout(self) -> None:
        """Turn the open tables into layout: what they hold so far becomes paragraphs, in
        order, and their remaining cells are read as paragraphs too."""
        for t in self.tables:
            for row in t["rows"]:
                for cell in row.cells:
                    if cell.text:
                        self.rows.append(GridRow((GridCell(cell.text, Source(
                            line=cell.source.line)),)))
            cell = t["cell"]
            if cell is not None:
                text = _cell_text(cell["text"])
                if text:
                    self.rows.append(GridRow((GridCell(text, Source(line=cell["line"])),)))
        self.layout_depth += len(self.tables)
        self.tables = []

    def _close_cell(self, t: dict) -> None:
        cell = t["cell"]
        if cell is None:
            return
        text = _cell_text(cell["text"])
        t["row"].append(GridCell(text, Source(line=cell["line"], table=t["index"],
                                              row=t["r"] + 1, col=cell["col"] + 1)))
        t["cell"] = None

    def _close_row(self, t: dict) -> None:
        if t["row"]:
            t["rows"].append(GridRow(tuple(t["row"]), aligned=True))
        t["row"] = None

    def finish(self) -> None:
        self.flush_text()
        for t in self.tables:  # unclosed tables
            self._close_cell(t)
            self._close_row(t)
            self.rows.extend(t["rows"])
        self.tables = []


# a compound selector that hides: its tag (or None), classes and id (or None), and whether
# it hides inline elements only (a rule making text invisible where it stands, _INVISIBLE_STYLE)
Compound = tuple[str | None, frozenset[str], str | None, bool]


def hiding_rules(css: str) -> tuple[Compound, ...]:
    """The compound selectors that a style sheet's top-level rules hide (display:none or
    visibility:hidden among their declarations; font-size:0, opacity:0 or a transparent
    colour, for inline elements); see _STYLE_ELEMENT."""
    css = _CSS_COMMENT.sub(" ", css).replace("<!--", " ").replace("-->", " ")
    found: list[Compound] = []
    depth, start, selector = 0, 0, None
    for m in _CSS_BRACE.finditer(css):
        if m.group() == "{":
            if depth == 0:
                prelude = css[start:m.start()].rpartition(";")[2].strip()  # after an @import
                selector = None if prelude.startswith("@") else prelude
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and selector:
                declarations = css[start:m.start()].strip()
                if _HIDDEN_STYLE.search(declarations):
                    found.extend(_subjects(selector, False))
                elif _unread_inline(declarations):
                    found.extend(_subjects(selector, True))
            if depth == 0:
                selector = None
        start = m.end()
    return tuple(dict.fromkeys(found))


def _subjects(selector: str, inline_only: bool) -> list[Compound]:
    """The subjects of a selector list that name a class or an id, unconditional ones only."""
    out: list[Compound] = []
    for one in selector.split(","):
        one = one.strip()
        if not one or _CONDITIONAL.search(one):
            continue
        m = _COMPOUND.fullmatch(one.replace(">", " ").split()[-1])
        if m is None:
            continue
        parts = _CSS_PART.findall(m.group(2))
        ids = {name for kind, name in parts if kind == "#"}
        if len(ids) > 1:
            continue
        out.append(((m.group(1) or "").lower() or None,
                    frozenset(name for kind, name in parts if kind == "."),
                    next(iter(ids), None), inline_only))
    return out


def _unread_inline(style: str) -> bool:
    """Whether a style makes an inline element's text invisible or strikes it out."""
    return _INVISIBLE_STYLE.search(style) is not None or _STRUCK_STYLE.search(style) is not None


def may_hide(text: str) -> bool:
    """Whether a page holds any word with which its markup may hide text (_HIDING_WORDS)."""
    return any(word in text for word in _HIDING_WORDS)


def page_hiding_rules(text: str, hides: bool | None = None) -> tuple[Compound, ...]:
    """The hiding rules of a page's <style> elements (none without a word that may hide;
    ``hides``: may_hide of the page, when known)."""
    if not (may_hide(text) if hides is None else hides):
        return ()
    return hiding_rules("\n".join(_STYLE_ELEMENT.findall(text)))


def _hidden(tag: str, attrs: list[tuple[str, str | None]],
            rules: tuple[Compound, ...] = ()) -> bool:
    """Whether a tag's attributes hide it as a browser does: display:none or visibility:hidden
    in its style, the hidden attribute (aria-hidden hides nothing on screen), or a class or id
    that one of the page's style rules hides, unless its own style shows it."""
    classes: frozenset[str] = frozenset()
    ident = None
    shown = False
    for name, value in attrs:
        if name == "hidden" or name == "style" and value and (
                _HIDDEN_STYLE.search(value)
                or tag in _INLINE and _unread_inline(value)):
            return True
        if name == "style" and value and _SHOWN_STYLE.search(value):
            shown = True
        elif name == "class" and value:
            classes = frozenset(value.split())
        elif name == "id" and value:
            ident = value.strip()
    if shown or not rules or not (classes or ident):
        return False
    return any((want_tag is None or want_tag == tag) and want_classes <= classes
               and (want_id is None or want_id == ident) and (not inline or tag in _INLINE)
               for want_tag, want_classes, want_id, inline in rules)


class _Stdlib(HTMLParser):
    """html.parser's events, with their lines, into a grid."""

    def __init__(self, grid: _Grid) -> None:
        super().__init__(convert_charrefs=True)
        self.grid = grid

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.grid.line = self.getpos()[0]
        self.grid.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.grid.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.grid.line = self.getpos()[0]
        self.grid.handle_data(data)


# Markup as written well, read as html.parser reads it: text; end tags; start tags whose
# attributes are name, name=value, name="value" or name='value' (a bare value takes a "/"
# before ">" as html.parser does: <br clear=all/> is a start tag); comments without "--"
# inside, <!DOCTYPE …>, Word's <![if …]> and <![endif]>, <?xml …?>. Any other "<" is "bad":
# the page goes to html.parser.
_TOKEN = re.compile(r"""(?P<text>[^<]+)|<(?:
    /(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>
  | (?P<name>[a-zA-Z][^\t\n\r\f />\x00"'<=]*)
    (?P<attrs>(?:\s+[^\s"'/<>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|(?!=)[^\s"'<>`]+))?)*)
    \s*(?P<close>/?)>
  | (?P<skip>!--(?!-?>)(?:[^-]|-(?!-))*-->
      | ![dD][oO][cC][tT][yY][pP][eE][^>]*>
      | !\[(?i:if|endif|else)\b[^\]>]*\]>
      | \?[^>]*>)
  )|(?P<bad><)""", re.X)
_ATTR = re.compile(r"""([^\s"'/<>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(?!=)([^\s"'<>`]+)))?""")
# script and style are skipped whole, up to their end tag written as "</script>" (html.parser
# 3.11 also ends them at "</ script >", newer versions at "</script/"); the elements that newer
# versions read as raw text are scanned only when their content holds no "<" at all
_RAW = {t: re.compile(rf"</\s*{t}", re.I) for t in ("script", "style")}
_GUARDED = {t: re.compile(rf"</{t}", re.I) for t in (
    "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")}
_SCRIPT_OPEN = re.compile(r"<script", re.I)
# the tags _Grid acts on; the others (span, font, b, o:p …) change nothing and are not passed
_ACTED_ON = _BLOCK | _SKIP | {"img", "table", "tr", "td", "th", "br", "p", "div", "sup", "sub"}
_CELL_EDGES = {"table", "tr", "td", "th"}


def _scan(text: str, grid: _Grid) -> bool:
    """Feed ``grid`` the events html.parser would give for ``text``; False (the grid is then
    unusable) at the first construct outside the well-written subset."""
    if "\x00" in text:
        return False
    line, counted, pos, n = 1, 0, 0, len(text)
    # whether any tag may hide: most pages have no word for it anywhere, and no tag is tested
    # (four substring searches of the page cost a tenth of one case-blind regular expression)
    hides_any = bool(grid.hiding) or (may_hide(text) if grid.may_hide is None
                                      else grid.may_hide)
    count, match = text.count, _TOKEN.match
    while pos < n:
        m = match(text, pos)  # always a token: text, markup, or a "bad" "<"
        at, pos = pos, m.end()
        kind = m.lastgroup
        if kind == "text":
            line += count("\n", counted, at)
            counted = at
            grid.line = line
            chunk = m.group()
            grid.handle_data(unescape(chunk) if "&" in chunk else chunk)
        elif kind == "end":
            tag = m.group("end").lower()
            if tag in _ACTED_ON or tag == grid.hidden_tag:
                grid.handle_endtag(tag)
        elif kind == "close":
            tag = m.group("name").lower()
            if tag in _GUARDED:
                c = _GUARDED[tag].search(text, pos)
                if c is None or text.find("<", pos, c.start()) >= 0:
                    return False
            source = m.group("attrs")
            hides = hides_any and bool(source) and (
                _HIDES.search(source) is not None
                or bool(grid.hiding) and _NAMES.search(source) is not None)
            if tag not in _ACTED_ON and not hides and tag != grid.hidden_tag:
                continue
            attrs: list[tuple[str, str | None]] = []
            # the grid reads a cell's rowspan and colspan and what hides a tag only: a tag
            # whose attributes hold neither "span" (in a cell) nor a word that hides passes none
            if source and (hides or tag in ("td", "th") and "span" in source.lower()):
                for a in _ATTR.finditer(source):
                    value = next((v for v in a.group(2, 3, 4) if v is not None), None)
                    attrs.append((a.group(1).lower(), unescape(value) if value else value))
            line += count("\n", counted, at)
            counted = at
            grid.line = line
            if tag in _RAW:
                c = _RAW[tag].search(text, pos)
                close = f"</{tag}>"
                if (m.group("close") or c is None
                        or text[c.start():c.start() + len(close)].lower() != close
                        or "<!--" in text[pos:c.start()]
                        and _SCRIPT_OPEN.search(text, pos, c.start())):
                    return False
                grid.handle_starttag(tag, attrs)
                grid.handle_endtag(tag)
                pos = c.start() + len(close)  # the content is skipped whole
                continue
            grid.handle_starttag(tag, attrs)
            if m.group("close"):
                grid.handle_endtag(tag)
        elif kind == "bad":
            return False
    return True


def _int(value: str | None) -> int:
    if value is None:  # no such attribute: most cells
        return 1
    try:
        return max(1, min(int(str(value).strip()), 200))
    except (TypeError, ValueError):
        return 1


def _codec(charset: str) -> str:
    """The codec for a declared charset: GB18030 for the GB family, of which it is the
    superset (pages that declare gb2312 hold GBK characters)."""
    charset = charset.lower()
    return "gb18030" if charset in ("gb2312", "gbk", "gb18030", "x-gbk") else charset


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text and encoding (_decode_html, then read.finish_text)."""
    return finish_text(*_decode_html(data, name))


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text: a byte-order mark first; then UTF-8 when the bytes are UTF-8 whatever
    the page declares (sites moved to UTF-8 and kept their templates' charset=gb2312; Chinese
    text in GBK is practically never valid UTF-8); then the declared charset; then as text."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_raw(data, name)
    m = _CHARSET.search(data[:4096])
    if m and not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if m:
        charset = _codec(m.group(1).decode("ascii", "replace"))
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_raw(data, name)


# a link to, or an embedded viewer of, the report as a file
_ATTACHMENT = re.compile(r"""(?:href|src|data)\s*=\s*["']?([^"'\s<>]+?\.(?:pdf|docx?|wps|ofd))\b""",
                         re.I)
# words of the template's tables, in text that was not laid out as a <table>
_TABLE_WORDS = re.compile(r"第二十条|信息内容|申请人情况|本年新收|本年制发件数")


def html_grid(text: str, name: str, fast: bool = True, css: str = "") -> _Grid:
    """The grid of a page: from ``_scan`` when it reads the whole page, else html.parser;
    ``css``: the page's style sheets kept beside it (an MHTML file's parts)."""
    hides = may_hide(text)
    rules = page_hiding_rules(text, hides)
    if css:
        rules = tuple(dict.fromkeys(rules + hiding_rules(css)))
    grid = _Grid(rules, hides)
    if fast and _scan(text, grid):
        grid.finish()
        return grid
    grid = _Grid(rules, hides)
    parser = _Stdlib(grid)
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; be safe anyway
        raise ReportError(name, f"HTML 无法解析 / cannot parse HTML: {exc}") from None
    grid.finish()
    return grid


# a page's own titles: its <title>, and the meta tags content management systems fill with
# the article's title (<meta name="ArticleTitle" content="…">, as Chinese government sites do)
_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_TITLE_METAS = {"articletitle", "title", "dc.title", "og:title"}
_TAG = re.compile(r"<[^>]*>")


# the meta tags that give the day a page was published (PubDate, as government sites' content
# systems fill it; Open Graph's article:published_time)
_DATE_METAS = {"pubdate", "publishdate", "publish_date", "article:published_time"}
_META_DATE = re.compile(r"^\s*((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})(?!\d)")


def page_head(text: str) -> tuple[tuple[tuple[str, Source], ...], tuple[str, Source] | None]:
    """What a page's head says apart from its text, each with its line: its titles (the
    article's meta tags first, then <title>), and the day it was published as YYYY-MM-DD (a
    day of the calendar: 2024-02-30 is none)."""
    end = text.find("</head")
    end = end if end >= 0 else min(len(text), 65536)
    found: list[tuple[str, int]] = []
    published: tuple[str, Source] | None = None
    dated = False  # the first date meta decides, a day of the calendar or none
    for m in _META_TAG.finditer(text, 0, end):
        attrs = {k.lower(): v or w or u for k, v, w, u in _ATTR.findall(m.group())}
        kind = (attrs.get("name") or attrs.get("property") or "").lower()
        content = attrs.get("content") or ""
        if kind in _TITLE_METAS and content:
            found.append((content, m.start()))
        elif kind in _DATE_METAS and not dated and (d := _META_DATE.match(content)):
            dated = True
            try:
                day = datetime.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
            except ValueError:
                continue
            published = day.isoformat(), Source(line=text.count("\n", 0, m.start()) + 1)
    if m := _TITLE_TAG.search(text, 0, end):
        found.append((_TAG.sub("", m.group(1)), m.start()))
    titles = ((_SPACES.sub(" ", unescape(t)).strip(), at) for t, at in found)
    return tuple(dict.fromkeys((t, Source(line=text.count("\n", 0, at) + 1))
                               for t, at in titles if t)), published


def _attachment(text: str, grid: _Grid) -> re.Match[str] | None:
    """The link of a page that only shows or links the report as a file (附件：….pdf, a PDF
    viewer): no table, no words of the template's tables, a link to a .pdf, .doc … file."""
    if grid.table_count == 0 and (m := _ATTACHMENT.search(text)) and not any(
            _TABLE_WORDS.search(row.cells[0].text) for row in grid.rows if row.cells):
        return m
    return None


def attachment_of(data: bytes, name: str) -> str | None:
    """Where a page that only links its report as a file links it (as written in the page,
    its entities undone), else None — also where the page shows the tables as images beside
    the link."""
    text, _ = decode_html(data, name)
    m = _attachment(text, html_grid(text, name))
    if m is None:
        return None
    end = _VALUE_END.search(text, m.end(1))  # (the whole value: files/a.pdf?v=1&amp;t=2)
    return unescape(text[m.start(1):end.start() if end else len(text)])


_VALUE_END = re.compile(r"[\"'\s<>]")


def read_html(data: bytes, name: str, css: str = "") -> Document:
    text, encoding = decode_html(data, name)
    grid = html_grid(text, name, css=css)
    warnings: tuple[str, ...] = ()
    if grid.table_count == 0 and grid.images_in_body:
        raise ReportError(name, Problem(
            "表格是图片，无法读取 / the tables are images: expected HTML <table> elements, found "
            f"{grid.images_in_body} image(s) and no table; enter the figures as text"))
    if (m := _attachment(text, grid)) is not None:
        raise ReportError(name, Problem(
            "报告在附件里 / the report is an attachment: expected the tables on the page, found "
            f"none and a link to “{m.group(1)}”; download that file and add it instead of "
            "the page", line=text.count("\n", 0, m.start()) + 1))
    titles, published = page_head(text)
    return Document(path=name, rows=tuple(grid.rows), layout="html", encoding=encoding,
                    warnings=warnings, titles=titles, published=published)


def read_mhtml(data: bytes, name: str) -> Document:
    """A page saved as one file (.mhtml by Chrome and Edge, .mht by Word and Internet
    Explorer): a MIME message whose first text/html part is the page. Lines are the lines of
    that page as decoded from the message."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001 - the email parser is lenient; be safe anyway
        raise ReportError(name, f"MHTML 无法读取 / cannot read MHTML: {exc}") from None
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ReportError(name, "MHTML 中没有网页 / no web page in the MHTML file: expected a "
                                "text/html part, found none")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        raise ReportError(name, "MHTML 中的网页是空的 / the web page in the MHTML file is empty")
    if len(payload) > MAX_TEXT_BYTES:
        raise ReportError(name, f"文件过大 / the web page in the MHTML file is too large: expected "
                                f"at most {MAX_TEXT_BYTES // 1048576} MB, found "
                                f"{len(payload) / 1048576:.1f} MB")
    charset = part.get_content_charset()
    if charset:
        try:  # the part's declared charset: given to decode_html as UTF-8 with its mark
            payload = b"\xef\xbb\xbf" + payload.decode(_codec(charset)).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # the page's own declaration, or detection, decides
    # the page's style sheets, saved as parts of their own (Chrome): what they hide is hidden
    css = "\n".join(_part_text(p) for p in message.walk() if p.get_content_type() == "text/css")
    doc = read_html(payload, name, css)
    return Document(path=doc.path, rows=doc.rows, layout="mhtml", encoding=doc.encoding,
                    warnings=doc.warnings, titles=doc.titles, published=doc.published)


def _part_text(part) -> str:  # noqa: ANN001 - an email.message.Message
    """A MIME part's text, decoded by its charset (UTF-8 when none or unknown)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return payload.decode(_codec(part.get_content_charset() or "utf-8"), "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")
