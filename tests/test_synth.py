"""The synthetic-report generator (builder.synth) and the fixtures rendered from it."""

from __future__ import annotations

import json
import random
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import synth
from builder.codes import (
    APPLICANT_COLUMNS,
    APPLICATION_COLUMNS,
    RESULT_LEAVES_2019,
    RESULT_LEAVES_2021,
    REVIEW_COLUMNS,
    REVIEW_ROWS,
    cell_keys,
    rows,
)

FIXTURES = Path(__file__).parent / "fixtures" / "rendered"
SEEDS = range(12)
TEMPLATES = ("2021", "2019")
TOOL_OUTPUTS = ("w3m.txt", "lynx.txt", "pandoc.txt", "docx2txt.txt", "pdftotext.txt",
                "pdftotext-layout.txt", "pandoc-gfm.txt", "markitdown-docx.txt",
                "markitdown-pdf.txt", "html2text.txt", "inscript.txt", "pandoc-md.txt",
                "pandoc-org.txt", "pandoc-rst.txt", "pdfminer.txt", "pdfplumber.txt",
                "pdfplumber-layout.txt", "pymupdf.txt", "pypdf.txt", "pypdf-layout.txt",
                "libreoffice.html", "pdftohtml.html", "pdftotext-raw.txt", "pypdfium2.txt",
                "pdfplumber-tables.csv", "pymupdf4llm.txt", "mammoth.html", "mammoth-md.txt",
                "docx2python.txt", "python-docx.txt", "pdfplumber-tables.json")


def specs_to_render() -> dict[str, synth.ReportSpec]:
    out = {f"random-{t}-{s}": synth.random_spec(random.Random(s), template=t)
           for t in TEMPLATES for s in (1, 2)}
    out.update(synth.fixture_specs())
    return out


RENDER = specs_to_render()


def expected_marks(spec: synth.ReportSpec) -> list[str]:
    """The printed cells in template order, blanks left out."""
    return [text for key in cell_keys(spec.template) if (text := spec.cell_text(key)) != ""]


def is_cell_value(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?|[/—-]", text))


def table_region(text: str) -> str:
    start = text.index(synth.SECTION_HEADINGS[2])
    return text[start:text.index(synth.SECTION_HEADINGS[5], start)]


def text_cells(text: str, layout: str) -> list[str]:
    """Split the table region of a rendering into cells the way each layout separates them."""
    cells: list[str] = []
    for line in table_region(text).splitlines():
        if layout == "tab":
            cells += [c.strip() for c in line.split("\t")]
        elif layout == "cell-per-line":
            cells.append(line.strip())
        elif layout == "pipe":
            cells.append(re.sub(r"\s*\|[\s|]*$", "", line).strip())
        else:
            cells += re.split(r"\s{2,}", line.strip())
    return [c for c in cells if is_cell_value(c)]


# --------------------------------------------------------------------------- random specs

@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_random_spec_is_consistent_and_non_zero(seed: int, template: str) -> None:
    spec = synth.random_spec(random.Random(seed), template=template)
    v = spec.values
    assert list(v) == cell_keys(template)
    assert all(isinstance(x, int | float) and x != 0 for x in v.values())
    leaves = RESULT_LEAVES_2021 if template == "2021" else RESULT_LEAVES_2019
    assert leaves[-1] == ("other_other" if template == "2021" else "other_handling")

    def a(r: str, c: str) -> float:
        return v[("applications", r, c)]  # type: ignore[return-value]
    for c in APPLICATION_COLUMNS:
        assert a("new", c) + a("carried_over", c) == a("results_total", c) + a("carried_forward", c)
        assert a("results_total", c) == sum(a(leaf, c) for leaf in leaves)
    for r in rows(template, "applications"):
        assert a(r.code, "total") == sum(a(r.code, c) for c in APPLICANT_COLUMNS)
    for r in REVIEW_ROWS:
        parts = [v[("review_litigation", r.code, c)] for c in REVIEW_COLUMNS]
        assert parts[-1] == sum(parts[:-1])  # type: ignore[arg-type]
    assert synth.rule_violations(spec) == []
    amounts = [x for (t, _, c), x in v.items() if c == "amount"]
    assert amounts and all(isinstance(x, float) and x != int(x) for x in amounts)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_sparse_spec_is_consistent_and_mostly_zeros(seed: int, template: str) -> None:
    spec = synth.random_spec(random.Random(seed), template=template, sparse=True)
    assert list(spec.values) == cell_keys(template)
    assert synth.rule_violations(spec) == []
    applications = [x for (t, _, _), x in spec.values.items() if t == "applications"]
    assert applications.count(0) > len(applications) * 0.6
    assert spec == synth.random_spec(random.Random(seed), template=template, sparse=True)
    new = spec.values[("applications", "new", "total")]
    assert f"收到政府信息公开申请{new}件" in spec.prose[1]  # the prose drawn from these figures
    blanked = synth.blank_zeros(spec, random.Random(seed), mark="/")
    gone = [k for k, x in blanked.values.items() if x is None]
    assert 2 <= len(gone) <= 12 and all(spec.values[k] == 0 for k in gone)
    assert all(blanked.cell_text(k) == "/" for k in gone)


def test_rule_violations_finds_a_broken_cell() -> None:
    spec = synth.random_spec(random.Random(3))
    spec.values[("applications", "granted", "research")] += 1  # type: ignore[operator]
    spec.values[("review_litigation", "review", "upheld")] += 1  # type: ignore[operator]
    assert [m.split(":")[0] for m in synth.rule_violations(spec)] == [
        "R2 research", "R3 granted", "R4 review"]


def test_random_spec_is_deterministic_and_varies() -> None:
    assert synth.random_spec(random.Random(7)) == synth.random_spec(random.Random(7))
    assert synth.random_spec(random.Random(7)).values != synth.random_spec(
        random.Random(8)).values
    maxima = []
    for seed in SEEDS:
        values = synth.random_spec(random.Random(seed)).values
        maxima.append(max(values[("applications", leaf, c)] for leaf in RESULT_LEAVES_2021
                          for c in APPLICANT_COLUMNS))  # type: ignore[type-var]
    assert min(maxima) <= 9 and max(maxima) > 100  # small and large magnitudes both occur


@pytest.mark.parametrize("seed", SEEDS)
def test_random_prose_agrees_with_the_tables(seed: int) -> None:
    spec = synth.random_spec(random.Random(seed))
    new = spec.values[("applications", "new", "total")]
    assert f"收到政府信息公开申请{new}件" in spec.prose[1]
    assert re.search(r"主动公开政府信息\d+条", spec.prose[1])
    assert 200 <= len(spec.prose[1]) <= 3000
    assert spec.prose[5] and spec.prose[6]


def test_seed_specs() -> None:
    seeds = synth.seed_specs()
    assert [s.body for s in seeds.values()] == [
        "博爱县许良镇人民政府", "新华区焦店镇人民政府", "海青镇", "林西县林西镇党群服务中心",
        "别斯托别乡"]
    non_zero = {name: {k: x for k, x in spec.values.items() if x}
                for name, spec in seeds.items()}
    one = {("applications", r, c): 1 for r in ("new", "partially_granted", "results_total")
           for c in ("natural_person", "total")}
    assert non_zero["001_6a1ea5d47ca6a7aa"] == one
    assert non_zero["003_72e63e07ec6d25fd"] == {("proactive", "penalty", "decisions"): 5}
    assert not any(non_zero[n] for n in ("000_3a385cc824326c81", "002_e9b0b4183da4b0c6",
                                         "004_51f69ccf0222012c"))
    for spec in seeds.values():
        assert list(spec.values) == cell_keys("2021")
        assert synth.rule_violations(spec) == []


def test_missing_cells_spec() -> None:
    spec = synth.fixture_specs()["missing-cells"]
    missing = {k for k, x in spec.values.items() if x is None}
    assert missing == set(spec.missing_marks)
    assert set(spec.missing_marks.values()) == set(synth.MISSING_MARKS)
    assert "上年结转" not in spec.prose[1]  # the prose does not state a missing figure


# --------------------------------------------------------------------------- renderings

@pytest.mark.parametrize("layout", synth.LAYOUTS)
@pytest.mark.parametrize("name", sorted(RENDER))
def test_render_text_prints_every_cell_in_order(name: str, layout: str) -> None:
    spec = RENDER[name]
    text = synth.render_text(spec, layout)
    assert text.splitlines()[0].strip() == "" or spec.title in text.splitlines()[0]
    assert spec.title in text
    positions = [text.index(h) for h in synth.SECTION_HEADINGS.values()]
    assert positions == sorted(positions)
    assert text_cells(text, layout) == expected_marks(spec)


def test_render_text_layout_details() -> None:
    spec = synth.fixture_specs()["random-1"]
    tab = synth.render_text(spec, "tab")
    assert "\t\t2. 其他法律行政法规禁止公开\t" in tab  # merged labels left blank
    per_line = synth.render_text(spec, "cell-per-line")
    assert "\t商业\n企业\n" in per_line
    pipe = synth.render_text(spec, "pipe")
    assert "第二十条第(一)项 | |||\n" in pipe and "自 然 人 |\n" in pipe
    lines = synth.render_text(spec, "layout-columns").splitlines()
    i = next(i for i, line in enumerate(lines) if "1.申请人无正当理由" in line)
    numbers = [str(spec.values[("applications", "other_no_correction", c)])
               for c in APPLICATION_COLUMNS]
    assert re.split(r"\s{2,}", lines[i].strip())[-7:] == numbers  # numbers on the first line
    assert "不再处理其政府信息公开申请" in lines[i + 1] and not re.search(r"\d", lines[i + 1])
    with pytest.raises(ValueError):
        synth.render_text(spec, "nope")


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.spans: list[dict[str, str | None]] = []
        self._in_td = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self._in_td = True
            self.cells.append("")
            self.spans.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_td = False

    def handle_data(self, data: str) -> None:
        if self._in_td:
            self.cells[-1] += data


@pytest.mark.parametrize("name", sorted(RENDER))
def test_render_html(name: str) -> None:
    spec = RENDER[name]
    page = synth.render_html(spec)
    assert '<meta charset="utf-8">' in page and page.count("<table") == 3
    assert '<td rowspan="8">（三）不予公开</td>' in page
    assert '<td colspan="7" style="text-align:center">申请人情况</td>' in page
    assert '<td colspan="5" style="text-align:center">法人或其他组织</td>' in page
    results = 20 if spec.template == "2019" else 22
    assert f'<td rowspan="{results}">三、本年度办理结果</td>' in page
    parser = _Cells()
    parser.feed(page)
    assert [c for c in parser.cells if is_cell_value(c)] == expected_marks(spec)


@pytest.mark.parametrize("name", ["random-1", "template-2019", "missing-cells"])
def test_write_docx(name: str, tmp_path: Path) -> None:
    import docx

    spec = synth.fixture_specs()[name]
    path = tmp_path / "report.docx"
    synth.write_docx(spec, path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "w:gridSpan" in xml and 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml
    document = docx.Document(str(path))
    assert len(document.tables) == 3
    texts = [p.text for p in document.paragraphs]
    assert spec.title in texts and all(h in texts for h in synth.SECTION_HEADINGS.values())
    values = []
    for table in document.tables:
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                if tc.vMerge != "continue":
                    text = "".join(t.text or "" for t in tc.iter(
                        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
                    values.append(text)
    assert [v for v in values if is_cell_value(v)] == expected_marks(spec)
    again = tmp_path / "again.docx"
    synth.write_docx(spec, again)
    assert path.read_bytes() == again.read_bytes()


# --------------------------------------------------------------------------- fixtures on disk

def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_fixture_set_is_complete() -> None:
    assert [p.name for p in fixture_dirs()] == sorted(synth.fixture_specs())
    for folder in fixture_dirs():
        names = {p.name for p in folder.iterdir()}
        wanted = {"expected.json", "tab.txt", "cell-per-line.txt", "pipe.txt",
                  "layout-columns.txt", "tab-gb18030.txt", "tab-bom-crlf.txt", "report.html",
                  "report.docx", "report.pdf", *TOOL_OUTPUTS}
        assert wanted <= names, f"{folder.name}: missing {sorted(wanted - names)}"
    total = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    # 44 files for each of 11 reports, up to 18 more for a few (the Word and editor pages,
    # Word 97 files, PDFs without rules or with page numbers, Word files made from PDFs, the
    # tools' JSON: docling's document alone is 300 KB)
    assert total < 11_000_000


@pytest.mark.parametrize("folder", fixture_dirs(), ids=lambda p: p.name)
def test_fixture_agrees_with_its_spec(folder: Path) -> None:
    """Regenerate with `python tools/make_fixtures.py` when this fails after a change."""
    spec = synth.fixture_specs()[folder.name]
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert expected == spec.expected()
    assert [(c["table"], c["row"], c["column"]) for c in expected["cells"]] == cell_keys(
        expected["template"])
    for layout in synth.LAYOUTS:
        assert (folder / f"{layout}.txt").read_text(encoding="utf-8") == synth.render_text(
            spec, layout), layout
    tab = synth.render_text(spec, "tab")
    assert (folder / "tab-gb18030.txt").read_bytes().decode("gb18030") == tab
    raw = (folder / "tab-bom-crlf.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8-sig") == tab.replace(
        "\n", "\r\n")
    assert (folder / "report.html").read_text(encoding="utf-8") == synth.render_html(spec)
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("folder", fixture_dirs(), ids=lambda p: p.name)
def test_tool_outputs_carry_the_figures(folder: Path) -> None:
    """The tools that keep one table row per line print every figure of the review table."""
    spec = synth.fixture_specs()[folder.name]
    review = [spec.cell_text(("review_litigation", r.code, c)) for r in REVIEW_ROWS
              for c in REVIEW_COLUMNS]
    for name in ("lynx.txt", "pandoc.txt"):
        text = (folder / name).read_text(encoding="utf-8")
        lines = [line.split() for line in text.splitlines()]
        assert [x for x in review if x] in lines, name
    assert spec.title.replace(str(spec.year), f" {spec.year} ") in (
        folder / "pdftotext.txt").read_text(encoding="utf-8")
