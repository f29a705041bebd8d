"""Text normalisation for matching. The original text is always kept for display."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .trad import PAIRS

_PAIRS_TEXT = "".join(PAIRS)

# Full-width ASCII (！ … ～) to half-width, ideographic and other odd spaces to a plain space,
# CJK punctuation that only differs in width.
_FW = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FW.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: None,
            0xFEFF: None, 0x3002: 0x3002, 0x2014: 0x2014, 0xFF0E: 0x2E, 0x2212: 0x2D,
            0x3010: 0x5B, 0x3011: 0x5D, 0x3014: 0x28, 0x3015: 0x29, 0xFE59: 0x28, 0xFE5A: 0x29})
# characters that show nothing (format characters: joiners, the word joiner, a soft hyphen,
# direction marks and embeddings a copy from some pages carries): no part of a word or a figure
# (3 and a zero-width joiner and 47 is 347 on the page; it had been no number)
_FW.update(dict.fromkeys((0x200C, 0x200D, 0x2060, 0x00AD, 0x200E, 0x200F, *range(0x202A, 0x202F),
                          *range(0x2066, 0x206A)), None))

# Traditional characters to simplified: every traditional-only character of OpenCC's table
# (builder/trad.py, which holds those of the template's labels and headings too), for the
# labels, titles and bodies of a whole page a mirror site converted
_TRADITIONAL = {_PAIRS_TEXT[i]: _PAIRS_TEXT[i + 1] for i in range(0, len(_PAIRS_TEXT) - 1, 2)}
_FW.update({ord(t): ord(s) for t, s in _TRADITIONAL.items()})
# the characters only traditional text uses
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
# the words a conversion to Taiwan usage changes (OpenCC s2twp: 信息 → 資訊, 文件 → 檔案), each
# as long as the template's word it stands for. Only in a page that is traditional throughout:
# 档案 is a word of simplified text too (档案馆, the archives, publish reports of their own)
_TAIWAN_WORDS = {"資訊": "信息", "檔案": "文件", "專案": "项目", "釋出": "发布"}
_TAIWAN_RE = re.compile("|".join(_TAIWAN_WORDS))
#: a page is traditional when this many traditional-only characters are in it
TRADITIONAL_PAGE = 20


def traditional(text: str) -> bool:
    """Whether a page's text is traditional Chinese throughout (a mirror's conversion)."""
    return sum(1 for _ in zip(range(TRADITIONAL_PAGE), _TRADITIONAL_RE.finditer(text),
                              strict=False)) >= TRADITIONAL_PAGE


# the pinyin a mirror site puts after some characters of a page it copies (規(guī)章,
# 行政強(qiáng)制, 件數(shù)): a syllable with its tone's mark, in brackets, right after a character
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[{_TONED}])"
                          rf"[a-zü{_TONED}]{{1,6}}[)）]")


def without_pinyin(text: str) -> str:
    """The text without the pinyin a mirror site glossed its characters with."""
    return PINYIN_GLOSS.sub("", text) if "(" in text or "（" in text else text


def taiwan_words(text: str) -> str:
    """The template's words for the words a conversion to Taiwan usage put in their place;
    the text keeps its length."""
    return _TAIWAN_RE.sub(lambda m: _TAIWAN_WORDS[m.group()], text) \
        if _TAIWAN_RE.search(text) else text


# str.translate looks every character up in the table (about 60 ns each); a character class
# finds the few that change in C and only those are looked up: the same text, 2.6 times faster
# on report lines
_FW_CHAR = {chr(k): "" if v is None else chr(v) for k, v in _FW.items()}
_FW_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FW_CHAR)) + "]")


def _fw(m: re.Match[str]) -> str:
    return _FW_CHAR[m.group()]


# Radicals where a PDF's font maps a character's glyph (Chrome's "print to PDF", many
# converters): ⼈⺠政府 is 人民政府, ⾏政 is 行政. Kangxi radicals by their compatibility
# decomposition; of the supplement's radicals those that are a whole character themselves.
_RADICALS = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
_RADICALS.update(zip(
    "⺁⺄⺇⺊⺌⺍⺎⺐⺒⺓⺕⺗⺜⺝⺟⺠⺧⺩⺪⺫⺬⺮⺶⺷⺻⺼⺽⻁⻄⻅⻆⻉⻊⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "厂乙几卜小小兀尢巳幺彐心日月母民牛王疋目示竹羊羊聿月臼虎西见角贝足车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
    strict=True))
_RADICAL_RE = re.compile("[" + "".join(sorted(_RADICALS)) + "]")


def unify_radicals(text: str) -> str:
    """The characters that a text extracted from a PDF gives as radicals, as characters."""
    return _RADICAL_RE.sub(lambda m: _RADICALS[m.group()], text) if _RADICAL_RE.search(text) \
        else text


# Text a tool decoded with the wrong single-byte code page and saved again as UTF-8 (mojibake:
# markitdown's guess of mac_cyrillic for a UTF-8 page gives 首页 as й¶Цй°µ; Windows tools'
# cp1252 gives 政府 as æ”¿åºœ): its bytes are got back through that code page and read as UTF-8
# or GB18030. ASCII — the figures, the line breaks — is the same in all of them, so no figure
# or line moves; a byte the tool changed on the way (a no-break space it made a space) is
# U+FFFD, a character lost, never another.
_MISREAD_AS = ("cp1252", "mac_cyrillic", "cp1251", "mac_roman", "koi8_r", "cp850")
_MISREAD_SIGNS = re.compile("[\u0080-\u04ff\u2013-\u203a\u2116\u2122\u2260\u2264\u2265\u221a\u221e\u2248"
                            "\u2500-\u257f\u2580-\u259f]")
_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
# how repair_misread's encoding names the code page (utf-8 (misread as mac_cyrillic))
_MISREAD_NAME = " (misread as "
_TEN_CJK = re.compile("(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){10}")  # (stops at the tenth)


def _bytes_back(text: str, codec: str) -> bytes | None:
    """The bytes that ``codec`` would have read as ``text`` (a byte it leaves undefined, as
    cp1252 does 0x81, read as Latin-1's control character by lenient tools), or None."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            if ord(ch) >= 0xA0:
                return None
            out.append(ord(ch))
    return bytes(out)


def repair_misread(text: str) -> tuple[str, str] | None:
    """``text`` read back (above) and the code page it had been misread with — when it holds
    almost no Chinese but many characters of those code pages, and read back it is Chinese
    with at most one character in twenty lost; else None. UTF-8 first: GB18030 reads most
    bytes as some characters, UTF-8's own bytes too, so it is taken only whole, when no code
    page gives UTF-8 (a GBK page misread). Text of Chinese characters that holds none of a
    report's words may be UTF-8 misread as GBK (_gbk_back)."""
    if _TEN_CJK.match(text):
        return _gbk_back(text)
    if len(_MISREAD_SIGNS.findall(text)) < 30:
        return None
    found: dict[str, tuple[int, str, str]] = {}
    for codec in _MISREAD_AS:
        if (data := _bytes_back(text, codec)) is None:
            continue
        back = data.decode("utf-8", errors="replace")
        cjk = len(_CJK_CHAR.findall(back))
        if cjk >= 10 and back.count("\ufffd") * 20 <= cjk and cjk > found.get("utf-8", (0,))[0]:
            found["utf-8"] = (cjk, back, codec)
        if "gb18030" not in found:
            try:
                back = data.decode("gb18030")
            except UnicodeDecodeError:
                continue
            if (cjk := len(_CJK_CHAR.findall(back))) >= 10:
                found["gb18030"] = (cjk, back, codec)
    for target in ("utf-8", "gb18030"):
        if target in found:
            return found[target][1], f"{target}{_MISREAD_NAME}{found[target][2]})"
    return None


# UTF-8 text a tool decoded as GBK and saved again (a Chinese system's default code page, or a
# crawler that takes every government site for GBK): 政府 as 鏀垮簻, 信息公开 as 淇℃伅鍏紑 or
# 淇℃伅鍏�寮�. Read back through GB18030 (GBK's superset; a browser's "GBK" is GB18030 and
# gives the byte 0x80 as €), its figures and line breaks — ASCII, the same in both — stay
# where they were. A UTF-8 byte the decoder could not pair (a character's last byte before a
# figure, a tab or a line break; a pair GBK leaves unmapped) it wrote as U+FFFD or dropped:
# that character is lost. Its lead byte and any byte left narrow it down, so where the text
# around it reads as one of the template's words with a character it can have been, and no
# other reads as well, the character is given back (_restore_by_words); else it stays U+FFFD
# — lost, never another. No figure is guessed: digits are never lost.
GBK_MISREAD = "gbk"
_LOST = "\ufffd"


def _gbk_back(text: str) -> tuple[str, str] | None:
    """``text`` read back as UTF-8 when a tool had misread it as GBK (above), and its encoding;
    else None: text that holds 公开 or 信息, or that read back holds no 信息公开."""
    if "公开" in text or "信息" in text:
        return None
    data = bytearray()
    for ch in text:
        if ch == _LOST:
            continue
        if ch == "\u20ac":
            data.append(0x80)
            continue
        try:
            both = ch.encode("gb18030")
        except UnicodeEncodeError:
            return None
        # four bytes (a digit second and fourth) no GBK decoder reads from UTF-8: a character
        # the tool put in afterwards (a no-break space of an &nbsp;), itself
        data += both if len(both) < 4 else ch.encode("utf-8")
    back = data.decode("utf-8", errors="surrogateescape")
    pieces: list[str] = []
    known: dict[int, bytes] = {}  # a lost character's place in the text read back: its bytes
    i = at = 0
    for m in _BROKEN.finditer(back):
        pieces.append(back[i:m.start()])
        at += m.start() - i
        known[at] = bytes(ord(c) - 0xDC00 for c in m.group())
        pieces.append(_LOST)
        at += 1
        i = m.end()
    pieces.append(back[i:])
    if len(known) * 2 > len(_CJK_CHAR.findall(back)):
        return None  # Chinese text, not UTF-8's bytes: most of it breaks (a third, misread)
    restored = _restore_by_words("".join(pieces), known)
    if "信息公开" not in restored or len(_CJK_CHAR.findall(restored)) < 10:
        return None
    return restored, f"utf-8{_MISREAD_NAME}{GBK_MISREAD})"


# a UTF-8 sequence some of whose bytes were lost: its lead byte and what follows of it, as
# surrogateescape gives undecodable bytes (a lone continuation byte, with no lead, too)
_BROKEN = re.compile("[\udcc2-\udcf4][\udc80-\udcbf]*|[\udc80-\udcbf]+")


def _could_be(char: str, known: bytes) -> bool:
    """Whether ``char`` can be the character of a UTF-8 sequence of which ``known`` is left:
    its lead byte and the bytes kept, in order, one or two lost."""
    whole = char.encode("utf-8")
    if not known or whole[0] != known[0] or len(known) >= len(whole):
        return False
    rest = iter(whole[1:])
    return all(b in rest for b in known[1:])


@lru_cache(maxsize=1)
def _word_places() -> dict[int, list[tuple[str, str, int]]]:
    """The template's words — its rows' and columns' labels (with their numbering, and their
    runs of Chinese characters), its tables' and sections' titles, a township's body — as
    (character, word, its place in the word) for each of their characters, by the character's
    UTF-8 lead byte (built once, when first asked for)."""
    from . import codes

    words = {"政府信息公开工作年度报告", "人民政府", "中华人民共和国政府信息公开条例", "申请人情况",
             "信息内容", "第二十条第", "总计", "维持", "纠正", "审结", "主动公开情况",
             "依申请公开情况", "政府信息管理情况", "监督保障情况", "平台建设情况", "镇人民政府",
             "乡人民政府", "街道办事处", "党群服务中心", *codes.SECTION_TITLES.values(),
             *codes.TABLE_TITLES.values()}
    for column in codes.COLUMNS.values():
        words.add(column.label)
    for template in codes.ROWS.values():
        for rows in template.values():
            for row in rows:
                words |= {row.label, row.group, *row.column_titles}
    words |= {w for label in words for w in re.split(r"[^\u4e00-\u9fff]+", label)}
    places: dict[int, list[tuple[str, str, int]]] = {}
    for word in sorted(w for w in words if len(w) >= 2):
        for k, char in enumerate(word):
            places.setdefault(char.encode("utf-8")[0], []).append((char, word, k))
    return places


def _restore_by_words(text: str, known: dict[int, bytes]) -> str:
    """``text`` with each lost character (U+FFFD at a place of ``known``, the bytes left of it;
    a U+FFFD the text held already, 锟斤拷 read back, is none) given back where it reads as a
    character of one of the template's words that can have been it, the text on either side
    reading as the word's characters around it: that one of the longest such readings, where
    no other character reads as long. A reading counts
    the characters not lost, at least two (one in a word of two); a lost character on the way
    reads as the word's if it can have been it. Lines break words (a label wrapped in a
    narrow column), so a reading may end at a line's end. And an ideographic space lost beside
    white space or a figure (a table's cell padded with U+3000: its 0xE3 0x80 left, which no
    digit or letter has) — a run of them between white space, a line's edge or a figure."""
    if not known:
        return text
    at = sorted(known)

    def agrees(pos: int, char: str) -> bool:
        ch = text[pos]
        return ch == char or pos in known and _could_be(char, known[pos])

    places = _word_places()
    chosen: dict[int, str] = {}
    for pos in at:
        best: dict[str, int] = {}
        for char, word, k in places.get(known[pos][0], ()) if known[pos] else ():
            if not _could_be(char, known[pos]):
                continue
            kept = 0
            left = 1
            while k - left >= 0 and pos - left >= 0 and agrees(pos - left, word[k - left]):
                kept += text[pos - left] != _LOST
                left += 1
            right = 1
            while k + right < len(word) and pos + right < len(text) \
                    and agrees(pos + right, word[k + right]):
                kept += text[pos + right] != _LOST
                right += 1
            if kept >= min(2, len(word) - 1) and kept > best.get(char, 0):
                best[char] = kept
        tops = [c for c, n in best.items() if n == max(best.values())]
        if len(tops) == 1:
            chosen[pos] = tops[0]
    out = list(text)
    for pos, char in chosen.items():
        out[pos] = char
    spaces = [pos for pos in at if pos not in chosen and known[pos] == _IDEOGRAPHIC_SPACE]
    for run in _runs(spaces):
        before = out[run[0] - 1] if run[0] else "\n"
        after = out[run[-1] + 1] if run[-1] + 1 < len(out) else "\n"
        if before in _BESIDE_SPACE and after in _BESIDE_SPACE \
                and not (before.isdigit() and after.isdigit()):
            for pos in run:
                out[pos] = "\u3000"
    return "".join(out)


def _runs(places: list[int]) -> list[list[int]]:
    """Places in order as runs of places one after another."""
    runs: list[list[int]] = []
    for pos in places:
        if runs and runs[-1][-1] == pos - 1:
            runs[-1].append(pos)
        else:
            runs.append([pos])
    return runs


_IDEOGRAPHIC_SPACE = "\u3000".encode()[:2]
# what stands on either side of a table's cell padded with U+3000: white space, a line's
# start or end, a figure (not on both sides: 1、2)
_BESIDE_SPACE = frozenset(" \t\r\n\u3000|-0123456789０１２３４５６７８９")


def misread_as(encoding: str) -> tuple[str, str] | None:
    """(the encoding text was read back as, the code page a tool had misread it with) when
    ``encoding`` is one repair_misread gave, else None."""
    target, named, codec = encoding.partition(_MISREAD_NAME)
    return (target, codec.removesuffix(")")) if named else None


WHITESPACE = re.compile(r"\s+")

#: A line break inside a table cell (HTML <br> or <p>, DOCX paragraphs and w:br).
BREAK = "\x00"
_DIGIT_BREAK = re.compile(r"(?<=\d)\x00+(?=\s*\d)")


def join_breaks(text: str) -> str:
    """Line breaks inside a cell: nothing between words (a label wrapped in its cell, 商业 /
    企业), a space between figures (0 / 7 / 9 is three figures, never 79)."""
    if BREAK not in text:
        return text
    return _DIGIT_BREAK.sub(" ", text).replace(BREAK, "")


def halfwidth(text: str) -> str:
    """Full-width digits, letters, brackets and spaces to half-width; traditional characters
    to simplified. Length and lines are preserved."""
    return _FW_RE.sub(_fw, text)


def norm(text: str) -> str:
    """Matching key of a label: half-width, no white space. Short texts (labels, cells) repeat
    from report to report and are memoised."""
    if len(text) > 64:
        return WHITESPACE.sub("", halfwidth(text))
    return _norm_short(text)


@lru_cache(maxsize=131072)
def _norm_short(text: str) -> str:
    return WHITESPACE.sub("", halfwidth(text))


def number_text(v: int | float, grouping: bool = False) -> str:
    """A figure as reports print it: a whole number plainly, a decimal to six places (the
    fen of an amount in 万元) without trailing zeros: 38.441094 stays 38.441094 (``:g``
    printed 38.4411), and a sum of amounts loses the float's noise (12.300000000000001)."""
    if isinstance(v, float) and not v.is_integer():
        return (f"{v:,.6f}" if grouping else f"{v:.6f}").rstrip("0").rstrip(".")
    return f"{int(v):,}" if grouping else str(int(v))


# digits raised (superscript) or lowered (subscript) in a page or a Word file, given as the
# characters that show them so (347 and a raised 1 is 347¹, no number): keyed by HTML's tags
SCRIPTS = {"sup": str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾"),
           "sub": str.maketrans("0123456789()", "₀₁₂₃₄₅₆₇₈₉₍₎")}
# the same by the values of Office Open XML's vertAlign (Word's w:vertAlign, Excel's rich text)
VERT_ALIGN = {"superscript": SCRIPTS["sup"], "subscript": SCRIPTS["sub"]}
# and by the codes of the binary formats (Word 97's sprmCIss, Excel 97's font escapement)
SCRIPT_CODES = {1: "sup", 2: "sub"}
