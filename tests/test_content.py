"""Inputs that must get a clear refusal, and one bad report never stops the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.build import collect

from .conftest import ROOT

SIDE = """body: 测试镇人民政府
level: township
province: 河南省
prefecture: 焦作市
county: 博爱县
year: 2023
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


SEED_004 = "content/新疆维吾尔自治区/伊犁哈萨克自治州/新源县/别斯托别乡/2023.txt"


def _messages(root: Path) -> list[str]:
    """The messages but seed 004's own prose warnings (test_clean_content_has_no_messages)."""
    return [m.text() for m in collect(root, use_cache=False).messages()
            if not (m.path == SEED_004 and m.title == "正文疑点 / prose")]


def _add(root: Path, folder: str, text: bytes | str, sidecar: str = SIDE) -> Path:
    d = root / "content" / folder
    d.mkdir(parents=True, exist_ok=True)
    p = d / "2023.txt"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (d / "2023.yml").write_text(sidecar, "utf-8")
    return p


def test_clean_content_has_no_messages(repo: Path) -> None:
    """No error; the only warnings are seed 004's traces of a report copied from 新源镇's
    (its prose names 新源镇 and calls the 乡 a 镇)."""
    result = collect(repo, use_cache=False)
    assert len(result.entries) == 5 and not result.failures and not result.errors
    assert [(m.path.split("/")[-2], m.line, m.title) for m in result.messages()] == [
        ("别斯托别乡", 21, "正文疑点 / prose"), ("别斯托别乡", 90, "正文疑点 / prose")]


def test_one_unreadable_report_never_stops_the_others(repo: Path) -> None:
    _add(repo, "河南省/焦作市/博爱县/测试镇", b"")
    result = collect(repo, use_cache=False)
    assert len(result.entries) == 5
    assert [m.text() for m in result.errors] == [
        "content/河南省/焦作市/博爱县/测试镇/2023.txt: 空文件 / empty file: expected the text of "
        "a report, found 0 bytes"]


def test_binary_file(repo: Path) -> None:
    _add(repo, "a/测试镇", os.urandom(4000) + b"\x00\x01")
    assert _messages(repo) == ["content/a/测试镇/2023.txt: 二进制文件 / binary file: expected text "
                               "(UTF-8 or GB18030), found NUL bytes"]


def test_file_over_the_size_limit(repo: Path) -> None:
    _add(repo, "a/测试镇", b"a" * (4 * 1024 * 1024 + 1))
    assert _messages(repo) == ["content/a/测试镇/2023.txt: 文件过大 / file too large: expected at "
                               "most 4 MB, found 4.0 MB"]


def test_symlink_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("x", "utf-8")
    d = repo / "content/a/测试镇"
    d.mkdir(parents=True)
    (d / "2023.txt").symlink_to(outside)
    (d / "2023.yml").write_text(SIDE, "utf-8")
    assert "content/a/测试镇/2023.txt: 拒绝符号链接 / refused: a symbolic link; add the file " \
           "itself" in _messages(repo)


def test_path_outside_content_is_refused(repo: Path) -> None:
    from builder.build import check_content

    outside = repo / "elsewhere.txt"
    outside.write_text("x", "utf-8")
    result = check_content(repo, [outside])
    assert [m.text() for m in result.errors] == [
        "elsewhere.txt: 拒绝：不在 content/ 目录下 / refused: path outside content/"]


def test_sidecar_unknown_key(repo: Path) -> None:
    _add(repo, "a/测试镇", (ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.txt").read_bytes(),
         SIDE + "town: 测试\n")
    assert _messages(repo) == [
        "content/a/测试镇/2023.yml:7: 未知字段 / unknown key 'town': expected one of body, level, "
        "province, prefecture, county, region_code, year, source_url, published, retrieved, "
        "original, transcription, notes"]


def test_sidecar_yaml_bomb(repo: Path) -> None:
    bomb = SIDE + 'notes: &a ["x","x"]\nextra: &b [*a,*a,*a,*a]\n'
    _add(repo, "a/测试镇", "x", bomb)
    msgs = _messages(repo)
    assert len(msgs) == 1
    assert msgs[0].startswith("content/a/测试镇/2023.yml:8: YAML 无法读取 / cannot read YAML: "
                              "YAML aliases (*name) are not allowed in a sidecar")


def test_sidecar_python_tag(repo: Path) -> None:
    evil = SIDE + "notes: !!python/object/apply:os.system ['echo pwned']\n"
    _add(repo, "a/测试镇", "x", evil)
    msgs = _messages(repo)
    assert len(msgs) == 1 and "cannot read YAML" in msgs[0] and "python" in msgs[0]


def test_sidecar_bad_values(repo: Path) -> None:
    bad = SIDE.replace("year: 2023", "year: 二〇二三") + "source_url: ftp://x\nlevel2: x\n"
    bad = bad.replace("level: township", "level: town")
    _add(repo, "a/测试镇", "x", bad)
    assert _messages(repo) == [
        "content/a/测试镇/2023.yml:2: 字段 'level' 格式不对 / key 'level': expected one of "
        "township/county/prefecture/province/department, found 'town'",
        "content/a/测试镇/2023.yml:6: 字段 'year' 格式不对 / key 'year': expected a year from 2019 "
        "on, such as 2023, found '二〇二三'",
        "content/a/测试镇/2023.yml:7: 字段 'source_url' 格式不对 / key 'source_url': expected "
        "http(s) URL, found 'ftp://x'",
        "content/a/测试镇/2023.yml:8: 未知字段 / unknown key 'level2': expected one of body, level, "
        "province, prefecture, county, region_code, year, source_url, published, retrieved, "
        "original, transcription, notes"]


def test_sidecar_year_before_the_template(repo: Path) -> None:
    """A report for a year before 2019 has none of the template's tables: the sidecar's year
    is refused with the reason, at its line."""
    _add(repo, "a/测试镇", "x", SIDE.replace("year: 2023", "year: 2017"))
    assert _messages(repo) == [
        "content/a/测试镇/2023.yml:6: 字段 'year'：2017 年度的报告早于全国统一格式，没有三张表，本项目从 "
        "2019 年度收录 / key 'year': expected a year from 2019 on (the national template's "
        "tables begin with the reports for 2019), found 2017"]


def test_sidecar_transcription(repo: Path) -> None:
    """How a scan's figures were had: ocr or typed, nothing else; it reaches the package."""
    text = (ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.txt").read_bytes()
    _add(repo, "a/测试镇", text, SIDE + "transcription: OCR识别\n")
    assert _messages(repo) == [
        "content/a/测试镇/2023.yml:7: 字段 'transcription' 格式不对 / key 'transcription': "
        "expected one of ocr/typed, found 'OCR识别'"]
    (repo / "content/a/测试镇/2023.yml").write_text(SIDE + "transcription: ocr\n", "utf-8")
    result = collect(repo, use_cache=False)
    assert not result.failures and not result.errors  # (a warning: the title's other body)
    entry = next(e for e in result.entries if e.meta.path.startswith("content/a/"))
    assert entry.meta.transcription == "ocr"
    from builder.package import report_rows
    from builder.schema import REPORTS

    row = report_rows(entry)["reports"][0]
    assert row[[f.name for f in REPORTS.fields].index("transcription")] == "ocr"


@pytest.mark.parametrize("published", ["2024-02-30", "'2024-02-30'", "2024-13-01",
                                       "2024-01-19 10:00:00"])
def test_sidecar_date_that_is_no_day_of_the_calendar(repo: Path, published: str) -> None:
    """Unquoted, YAML made a date of it and PyYAML raised a bare ValueError (builder check
    stopped with an internal error); quoted, it passed into the package's date field."""
    _add(repo, "a/测试镇", "x", SIDE + f"published: {published}\n")
    assert _messages(repo) == [
        "content/a/测试镇/2023.yml:7: 字段 'published' 格式不对 / key 'published': expected date "
        f"YYYY-MM-DD, found '{published.strip(chr(39))}'"]


def test_sidecar_dates_as_written(repo: Path) -> None:
    _add(repo, "a/测试镇", (ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.txt").read_bytes()
         .decode("utf-8").replace("博爱县许良镇人民政府", "测试镇人民政府"),
         SIDE + "published: 2024-01-19\nretrieved: '2024-02-01'\n")
    entry = next(e for e in collect(repo, use_cache=False).entries
                 if e.meta.body == "测试镇人民政府")
    assert (entry.meta.published, entry.meta.retrieved) == ("2024-01-19", "2024-02-01")


def test_missing_sidecar(repo: Path) -> None:
    d = repo / "content/a/测试镇"
    d.mkdir(parents=True)
    (d / "2023.txt").write_text("x", "utf-8")
    assert _messages(repo) == ["content/a/测试镇/2023.txt: 缺少侧车文件 / missing sidecar: expected "
                               "2023.yml beside the report (see CONTRIBUTING.md)"]


def test_two_reports_claiming_the_same_body_and_year(repo: Path) -> None:
    src = repo / "content/河南省/焦作市/博爱县/许良镇"
    dup = repo / "content/河南省/焦作市/博爱县/许良镇-副本"
    shutil.copytree(src, dup)
    assert _messages(repo) == [
        "content/河南省/焦作市/博爱县/许良镇-副本/2023.txt: 重复的报告 / duplicate report: "
        "博爱县许良镇人民政府 2023 is already in content/河南省/焦作市/博爱县/许良镇/2023.txt"]


def test_year_in_sidecar_must_match_the_title(repo: Path) -> None:
    side = repo / "content/河南省/焦作市/博爱县/许良镇/2023.yml"
    side.write_text(side.read_text("utf-8").replace("year: 2023", "year: 2022"), "utf-8")
    assert _messages(repo) == [
        "content/河南省/焦作市/博爱县/许良镇/2023.txt: 年度不一致 / year mismatch: the sidecar says "
        "2022, the report's title (or, without one, the period of its figures) says 2023"]
