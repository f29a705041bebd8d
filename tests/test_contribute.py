"""The contributor's path: `builder add`, `builder check --format github`, `builder summary`."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.localserve import serve

from .conftest import ROOT


def _cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A temporary copy of the repository's content as a git repository."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(ROOT / "content", root / "content")
    shutil.rmtree(root / "content/河南省/平顶山市")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def _report_text() -> Path:
    """Seed 001 (焦店镇), which the temporary repository does not hold."""
    return ROOT / "content/河南省/平顶山市/新华区/焦店镇/2023.txt"


def test_add_writes_report_and_sidecar_that_pass_check_and_build(repo: Path,
                                                                  tmp_path: Path) -> None:
    src = tmp_path / "download.txt"
    # as a volunteer might save it: GB18030 with CRLF
    src.write_bytes(_report_text().read_text("utf-8").replace("\n", "\r\n").encode("gb18030"))
    code, out, err = _cli("add", str(src), "--url", "https://example.org/gk/2023.html",
                          "--root", str(repo))
    assert code == 0, out + err
    target = repo / "content/河南省/平顶山市/新华区/焦店镇/2023.txt"
    assert target.read_bytes() == src.read_bytes()
    sidecar = (target.with_suffix(".yml")).read_text("utf-8")
    assert "body: 新华区焦店镇人民政府" in sidecar
    assert "region_code: '410402'" in sidecar
    assert "source_url: https://example.org/gk/2023.html" in sidecar
    assert "已添加 / added: content/河南省/平顶山市/新华区/焦店镇/2023.txt" in out
    assert _cli("check", "--root", str(repo))[0] == 0
    code, _, err = _cli("build", "--root", str(repo), "--no-site")
    assert code == 0, err
    reports = (repo / "datapackage/data/reports.csv").read_text("utf-8")
    assert "新华区焦店镇人民政府" in reports


def _added_checked_built(repo: Path, src: Path, target: str, *options: str) -> dict[str, str]:
    """`builder add` files ``src`` as ``target`` unchanged; check passes; the package is built.
    Returns the report's row of reports.csv."""
    code, out, err = _cli("add", str(src), "--root", str(repo), *options)
    assert code == 0, out + err
    assert (repo / target).read_bytes() == src.read_bytes()
    assert _cli("check", "--root", str(repo))[0] == 0
    code, _, err = _cli("build", "--root", str(repo), "--no-site")
    assert code == 0, err
    with open(repo / "datapackage/data/reports.csv", encoding="utf-8") as fh:
        return next(r for r in csv.DictReader(fh) if r["path"] == target)


def test_tables_typed_into_a_spreadsheet_and_saved_as_csv(repo: Path, tmp_path: Path) -> None:
    """A scanned report's tables typed into a spreadsheet and saved as CSV (GB18030, as Excel
    on Chinese Windows saves it), the original PDF named in the sidecar: added, checked and
    published with every figure."""
    folder = ROOT / "tests/fixtures/rendered/random-1"
    tab = (folder / "tab.txt").read_text("utf-8")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(line.split("\t") for line in
                                                      tab.split("\n"))
    src = tmp_path / "於潜镇2023年报.csv"
    src.write_bytes(out.getvalue().encode("gb18030"))
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.csv",
                                  "--transcription", "typed")
    assert (report["layout"], report["complete"], report["errors"]) == ("csv", "true", "0")
    assert report["transcription"] == "typed"
    assert "transcription: typed" in (repo / "content/浙江省/杭州市/临安区/於潜镇/2023.yml").read_text(
        "utf-8")
    expected = {(c["row"], c["column"]): c["value"] for c in
                json.loads((folder / "expected.json").read_text("utf-8"))["cells"]
                if c["table"] == "applications"}
    with open(repo / "datapackage/data/applications.csv", encoding="utf-8") as fh:
        got = {(r["row"], r["column"]): int(r["value"]) for r in csv.DictReader(fh)
               if r["report_id"] == report["report_id"]}
    assert got == expected and any(v > 999 for v in got.values())


def test_a_word_97_document_is_added_checked_and_published(repo: Path, tmp_path: Path) -> None:
    """A report published as .doc goes in as it is (read without LibreOffice)."""
    folder = ROOT / "tests/fixtures/rendered/random-1"
    src = tmp_path / "於潜镇年报.doc"
    src.write_bytes((folder / "report.doc").read_bytes())
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.doc")
    assert (report["layout"], report["complete"], report["cells"]) == ("doc", "true", "200")
    assert report["transcription"] == ""  # the published file's own text


def test_an_ofd_is_added_checked_and_published(repo: Path, tmp_path: Path) -> None:
    """A report published as OFD (GB/T 33190) goes in as it is and reads by its text layer."""
    from .conftest import pdf_to_ofd

    src = tmp_path / "於潜镇年报.ofd"
    src.write_bytes(pdf_to_ofd(ROOT / "tests/fixtures/rendered/random-1/report.pdf"))
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.ofd")
    assert (report["layout"], report["complete"], report["cells"]) == ("ofd", "true", "200")


def test_a_tools_json_is_added_checked_and_published(repo: Path, tmp_path: Path) -> None:
    """An extraction tool's JSON (unstructured's elements of the page) goes in as it is; the
    package's figures keep their line in the JSON and their table, row and cell."""
    folder = ROOT / "tests/fixtures/rendered/random-1"
    src = tmp_path / "於潜镇年报.json"
    src.write_bytes((folder / "unstructured.json").read_bytes())
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.json")
    assert (report["layout"], report["complete"], report["cells"]) == ("json", "true", "200")
    lines = src.read_text("utf-8").split("\n")
    with open(repo / "datapackage/data/proactive.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["report_id"] == report["report_id"]]
    assert len(rows) == 10 and all("text_as_html" in lines[int(r["line"]) - 1] for r in rows)


def test_a_report_typed_into_a_workbook_is_added_checked_and_published(repo: Path,
                                                                          tmp_path: Path) -> None:
    from .conftest import write_workbook

    src = tmp_path / "於潜镇年报.xlsx"
    write_workbook(ROOT / "tests/fixtures/rendered/random-1", src)
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.xlsx")
    assert (report["layout"], report["complete"], report["cells"]) == ("xlsx", "true", "200")


def test_add_refuses_a_duplicate(repo: Path) -> None:
    src = repo / "content/河南省/焦作市/博爱县/许良镇/2023.txt"
    code, _, err = _cli("add", str(src), "--url", "https://example.org/a", "--root", str(repo))
    assert code == 1
    assert err.strip().endswith("重复的报告 / duplicate: 博爱县许良镇人民政府 2023 is already in "
                                "content/河南省/焦作市/博爱县/许良镇/2023.txt")


def test_add_asks_for_the_region_when_the_text_cannot_tell(repo: Path, tmp_path: Path) -> None:
    shutil.rmtree(repo / "content/山东省")
    src = tmp_path / "r.txt"
    src.write_bytes((ROOT / "content/山东省/青岛市/黄岛区/海青镇/2023.txt").read_bytes())
    code, _, err = _cli("add", str(src), "--root", str(repo))
    assert code == 1
    assert "无法确定所属地区 / cannot tell the region: expected one county (or, for a city's or " \
           "province's own body, that city or province), found 0 (none); give --province, " \
           "--prefecture and --county" in err
    code, out, _ = _cli("add", str(src), "--root", str(repo), "--province", "山东省",
                        "--prefecture", "青岛市", "--county", "黄岛区")
    assert code == 0 and "content/山东省/青岛市/黄岛区/海青镇/2023.txt" in out


def _report_of(body: str, tmp_path: Path) -> Path:
    """Seed 000 retitled as the report of ``body`` (no township or county named in it)."""
    text = (ROOT / "content/河南省/焦作市/博爱县/许良镇/2023.txt").read_text("utf-8")
    text = text.replace("博爱县许良镇人民政府 2023 年", f"{body}2023年", 1)
    text = text.replace("博爱县许良镇人民政府", body).replace("许良镇", body).replace("博爱县", "")
    src = tmp_path / f"{body}.txt"
    src.write_text(text, "utf-8")
    return src


@pytest.mark.parametrize(("body", "folder", "level", "code"), [
    ("焦作市人民政府", "河南省/焦作市/焦作市人民政府", "prefecture", "410800"),
    ("焦作市生态环境局", "河南省/焦作市/生态环境局", "department", "410800"),
    ("河南省人民政府", "河南省/河南省人民政府", "province", "410000"),
    ("河南省教育厅", "河南省/教育厅", "department", "410000"),
    ("北京市人民政府", "北京市/北京市人民政府", "province", "110000")])
def test_add_a_city_or_province_body(repo: Path, tmp_path: Path, body: str, folder: str,
                                     level: str, code: str) -> None:
    """A body above the counties belongs to the prefecture or province its name begins with
    (it was refused: "expected one county"); its level is that of its name (a province's
    report was filed as a township's, and then warned that townships make no 规章)."""
    code_, out, err = _cli("add", str(_report_of(body, tmp_path)), "--root", str(repo))
    assert code_ == 0, out + err
    sidecar = (repo / "content" / folder / "2023.yml").read_text("utf-8")
    assert f"body: {body}" in sidecar and f"level: {level}" in sidecar
    assert f"region_code: '{code}'" in sidecar and "county:  #" in sidecar
    assert _cli("check", "--root", str(repo))[0] == 0
    code_, _, err = _cli("build", "--root", str(repo), "--no-site")
    assert code_ == 0, err
    reports = (repo / "datapackage/data/reports.csv").read_text("utf-8")
    assert f"{body},{level}," in reports


def test_add_a_province_body_named_with_province_alone(repo: Path, tmp_path: Path) -> None:
    src = _report_of("河南省人民政府", tmp_path)
    code, out, err = _cli("add", str(src), "--root", str(repo), "--province", "河南省")
    assert code == 0 and "地区 region: 河南省 (410000)" in out, out + err
    # a township still needs its county, whatever else is given
    src = tmp_path / "r.txt"
    src.write_bytes((ROOT / "content/山东省/青岛市/黄岛区/海青镇/2023.txt").read_bytes())
    shutil.rmtree(repo / "content/山东省")
    code, _, err = _cli("add", str(src), "--root", str(repo), "--province", "山东省",
                        "--prefecture", "青岛市")
    assert code == 1 and "expected one county" in err and "found 10 (" in err, err


def test_check_warns_when_the_sidecar_names_another_body_than_the_title(repo: Path) -> None:
    sidecar = repo / "content/河南省/焦作市/博爱县/许良镇/2023.yml"
    sidecar.write_text(sidecar.read_text("utf-8").replace(
        "body: 博爱县许良镇人民政府", "body: 博爱县柏山镇人民政府"), "utf-8")
    code, out, err = _cli("check", "--root", str(repo))
    assert code == 0, out + err  # a warning: the volunteer looks, CI does not fail
    line = next(n for n, text in enumerate(sidecar.read_text("utf-8").splitlines(), 1)
                if text.startswith("body:"))
    assert (f"content/河南省/焦作市/博爱县/许良镇/2023.yml:{line}: warning: 侧车文件的机关为"
            "“博爱县柏山镇人民政府”，报告标题为“博爱县许良镇人民政府”") in out
    code, out, _ = _cli("check", "--root", str(repo), "--format", "github")
    assert (f"::warning file=content/河南省/焦作市/博爱县/许良镇/2023.yml,line={line},"
            "title=侧车文件与标题不符 / sidecar and title::") in out
    # a shorter form of the same name is no disagreement (海青镇 / 海青镇人民政府)
    code, out, _ = _cli("check", "--root", str(repo), str(repo / "content/山东省"))
    assert code == 0 and "侧车文件的机关" not in out


def test_check_warns_of_another_bodys_traces_in_a_townships_prose(repo: Path) -> None:
    """Seed 004 (别斯托别乡, 新源县) says 对新源镇下辖 11 个村 and 强化镇政务公开办: traces of a
    report copied from 新源镇's (template.md: other towns' names pasted into the prose). Each
    is a warning at its line; the other four seeds have none."""
    code, out, err = _cli("check", "--root", str(repo))
    assert code == 0, out + err
    path = "content/新疆维吾尔自治区/伊犁哈萨克自治州/新源县/别斯托别乡/2023.txt"
    traces = [line for line in out.splitlines() if "可能抄自" in line]
    assert [t.split(": warning: ")[0] for t in traces] == [f"{path}:21", f"{path}:90"], out
    assert "正文提到新源县的另一个乡镇“新源镇”（“…纳入绩效考核体系，对新源镇下辖 11 个村及乡…”）" in traces[0]
    assert "本机关是乡，正文却称“镇政务公开”" in traces[1]
    code, out, _ = _cli("check", "--root", str(repo), "--format", "github")
    assert f"::warning file={path},line=21,title=正文疑点 / prose::" in out
    # the same report filed under another county: 新源镇 is not one of its townships
    moved = repo / "content/新疆维吾尔自治区/伊犁哈萨克自治州/巩留县"
    (repo / "content/新疆维吾尔自治区/伊犁哈萨克自治州/新源县").rename(moved)
    sidecar = moved / "别斯托别乡/2023.yml"
    sidecar.write_text(sidecar.read_text("utf-8").replace("新源县", "巩留县"), "utf-8")
    code, out, err = _cli("check", "--root", str(repo))
    assert code == 0, out + err
    assert [line.split(": warning: ")[0].rsplit(":", 1)[1] for line in out.splitlines()
            if "可能抄自" in line] == ["90"], out


def test_parse_reads_a_content_report_with_its_sidecar(repo: Path) -> None:
    """builder parse of a report in content/ says what builder check says of it: the
    sidecar's county finds 新源镇 among 新源县's townships (without it, only the 乡 spoken of
    as a 镇 is seen); a sidecar that cannot be read is said, and the report read without."""
    path = repo / "content/新疆维吾尔自治区/伊犁哈萨克自治州/新源县/别斯托别乡/2023.txt"
    code, out, err = _cli("parse", str(path), "--format", "json")
    assert code == 0, err
    words = [t["word"] for t in json.loads(out)["metadata"]["other_bodies"]]
    assert words == ["新源镇", "镇政务公开"]
    loose = repo / "2023.txt"
    loose.write_bytes(path.read_bytes())
    code, out, _ = _cli("parse", str(loose), "--format", "json")
    assert [t["word"] for t in json.loads(out)["metadata"]["other_bodies"]] == ["镇政务公开"]
    sidecar = path.with_suffix(".yml")
    sidecar.write_text(sidecar.read_text("utf-8") + "town: 新源\n", "utf-8")
    code, out, err = _cli("parse", str(path), "--format", "json")
    assert code == 0 and "unknown key 'town'" in err and "read without it" in err
    assert [t["word"] for t in json.loads(out)["metadata"]["other_bodies"]] == ["镇政务公开"]


def test_summary_counts_broken_rules_apart_from_hints(repo: Path) -> None:
    import random

    from builder import synth

    spec = synth.random_spec(random.Random(3), body="新华区焦店镇人民政府", year=2023,
                             province="河南省", prefecture="平顶山市", county="新华区")
    spec.values[("applications", "new", "natural_person")] += 1  # R1 and R3 broken
    folder = repo / "content/河南省/平顶山市/新华区/焦店镇"
    folder.mkdir(parents=True)
    (folder / "2023.txt").write_text(synth.render_text(spec, "tab"), "utf-8")
    shutil.copy(_report_text().with_suffix(".yml"), folder / "2023.yml")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "pr")
    code, summary, _ = _cli("summary", "--root", str(repo), "--base", "HEAD~1")
    assert code == 0
    rules = [line.split()[2] for line in summary.splitlines() if line.startswith("- ")]
    broken = sum(1 for r in rules if r.startswith("R"))
    hints = sum(1 for r in rules if r.startswith("W"))
    assert broken >= 2 and hints >= 3  # R1, R3; W1 for each 规章 figure of a township
    assert f"| 0 错误, {broken} 勾稽问题, {hints} 提示 |" in summary
    assert all(line.startswith("- ⚠️ R") or line.startswith("- 💡 W")
               for line in summary.splitlines() if line.startswith("- "))


def test_summary_lists_the_traces_of_a_copied_report(repo: Path) -> None:
    """A pull request that changes 别斯托别乡's report: its prose's traces of 新源镇's report are
    listed under it for the reviewer, as hints."""
    report = repo / "content/新疆维吾尔自治区/伊犁哈萨克自治州/新源县/别斯托别乡/2023.txt"
    report.write_text(report.read_text("utf-8") + "\n", "utf-8")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "pr")
    code, summary, _ = _cli("summary", "--root", str(repo), "--base", "HEAD~1")
    assert code == 0
    listed = [line for line in summary.splitlines() if line.startswith("- ")]
    assert [line.split("：")[0] for line in listed] == ["- 💡 正文疑点 第 21 行",
                                                       "- 💡 正文疑点 第 90 行"], summary
    assert "“新源镇”" in listed[0] and "“镇政务公开”" in listed[1]


def test_pull_request_check_path(repo: Path) -> None:
    """One report added, one broken: annotations and summary name the right files, lines,
    figures."""
    added = repo / "content/河南省/平顶山市/新华区/焦店镇"
    added.mkdir(parents=True)
    shutil.copy(_report_text(), added / "2023.txt")
    shutil.copy(_report_text().with_suffix(".yml"), added / "2023.yml")
    broken = repo / "content/内蒙古自治区/赤峰市/林西县/林西镇/2023.txt"
    lines = broken.read_text("utf-8").split("\n")
    assert lines[39] == "5 | ||"
    lines[39] = "S | ||"  # 行政处罚: the 5 mistyped as a letter
    broken.write_text("\n".join(lines), "utf-8")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "pr")

    code, out, _ = _cli("check", "--root", str(repo), "--format", "github")
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert errors[0].startswith("::error file=content/内蒙古自治区/赤峰市/林西县/林西镇/2023.txt,"
                                "line=40,title=")
    code, summary, _ = _cli("summary", "--root", str(repo), "--base", "HEAD~1")
    assert code == 0
    assert "`content/河南省/平顶山市/新华区/焦店镇/2023.txt` | 新华区焦店镇人民政府 | " \
           "河南省/平顶山市/新华区 | 2023 | 是 | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 错误, 0 勾稽问题, 0 提示 |" \
        in summary
    assert "`content/内蒙古自治区/赤峰市/林西县/林西镇/2023.txt` | 林西县林西镇党群服务中心" in summary
    assert "| **否** |" in summary
    assert "第 40 行" in summary


def test_an_ocr_result_is_read_once_its_figures_are_said_to_be_checked(repo: Path,
                                                                       tmp_path: Path) -> None:
    """An OCR engine's own result (RapidOCR's JSON) is OCR: added without a word on its figures,
    check fails on its three tables with the reason; added with --transcription ocr (every
    figure checked against the original, said in the sidecar), it is read and published, and
    the reports table says how its figures were got."""
    src = tmp_path / "於潜镇年报.json"
    src.write_bytes((ROOT / "tests/fixtures/ocr/random-1-report.rapidocr.json").read_bytes())
    code, out, err = _cli("add", str(src), "--root", str(repo))
    assert code == 1 and out.count("未读取：报告表格的文字像是 OCR") == 3, out + err
    # (RapidOCR read the title's 於潜镇 as 放潜镇: the folder is what the title says)
    target = re.search(r"已添加 / added: (\S+)", out).group(1)  # type: ignore[union-attr]
    code, out, err = _cli("check", "--root", str(repo))
    assert code == 1 and (out + err).count("未读取：报告表格的文字像是 OCR") == 3, out + err
    (repo / target).unlink()
    (repo / target).with_suffix(".yml").unlink()
    report = _added_checked_built(repo, src, target, "--transcription", "ocr")
    assert report["transcription"] == "ocr" and int(report["cells"]) > 150


def test_word_boxes_are_added_checked_and_published(repo: Path, tmp_path: Path) -> None:
    """pdftotext's TSV of a report's PDF (each word with its box) goes in as it is (.tsv) and
    is published with every figure, its source the page and its line."""
    src = tmp_path / "於潜镇年报.tsv"
    src.write_bytes((ROOT / "tests/fixtures/boxes/random-1.pdftotext.tsv").read_bytes())
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.tsv")
    assert (report["layout"], report["complete"], report["cells"]) == ("word-boxes", "true", "200")


def test_add_a_report_a_tool_misread_as_gbk(repo: Path, tmp_path: Path) -> None:
    """Seed 000 as a crawler that took its UTF-8 page for GBK saved it (博爱县许良镇 as
    鍗氱埍鍘胯�鑹�闀�): its figures are read back, but the title's body lost a character (许's
    bytes GBK cannot pair), so `add` asks for the body rather than file it under a name with
    a hole; given, the report is filed, checked — the title's lost character is no other
    body's name — and built, its figures all read."""
    folder = repo / "content/河南省/焦作市/博爱县/许良镇"
    original = (folder / "2023.txt").read_text("utf-8")
    shutil.rmtree(folder)
    src = tmp_path / "page.txt"
    src.write_text(original.encode("utf-8").decode("gbk", errors="replace"), "utf-8")
    code, _, err = _cli("add", str(src), "--root", str(repo))
    assert code == 1 and "the body's name in the title has characters lost (mojibake): " \
        "expected a whole name, found “博爱县\ufffd良镇人民政府”; give it with --body" in err, err
    code, out, err = _cli("add", str(src), "--root", str(repo), "--body", "博爱县许良镇人民政府")
    assert code == 0, out + err
    code, out, err = _cli("check", "--root", str(repo))
    assert code == 0 and "侧车文件的机关" not in out, out + err
    code, _, err = _cli("build", "--root", str(repo), "--no-site")
    assert code == 0, err
    reports = {r["body"]: r for r in csv.DictReader(
        (repo / "datapackage/data/reports.csv").open(encoding="utf-8"))}
    assert reports["博爱县许良镇人民政府"]["complete"] == "true"


@pytest.mark.parametrize("name", ["download.jsp", "於潜镇年报.html", "於潜镇年报.doc"])
def test_a_pdf_saved_under_another_name_is_filed_as_a_pdf(repo: Path, tmp_path: Path,
                                                         name: str) -> None:
    """A site's download link saved under the wrong name: `builder add` files the PDF it holds
    as .pdf (so that the site offers it as one), and it reads as the PDF."""
    src = tmp_path / name
    src.write_bytes((ROOT / "tests/fixtures/rendered/random-1/report.pdf").read_bytes())
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.pdf")
    assert (report["layout"], report["complete"], report["cells"]) == ("pdf", "true", "200")


def test_a_pages_source_saved_as_text_is_filed_as_a_page(repo: Path, tmp_path: Path) -> None:
    src = tmp_path / "於潜镇年报.txt"
    src.write_bytes((ROOT / "tests/fixtures/rendered/random-1/report.html").read_bytes())
    report = _added_checked_built(repo, src, "content/浙江省/杭州市/临安区/於潜镇/2023.html")
    assert (report["layout"], report["complete"], report["cells"]) == ("html", "true", "200")


def test_add_a_report_at_a_url_downloads_and_files_it(repo: Path, tmp_path: Path) -> None:
    """`builder add URL`: the report a site serves at a download link (download.jsp, a PDF) is
    fetched over HTTP, filed under what it holds (2023.pdf), with the URL as its source_url."""
    served = tmp_path / "site"
    served.mkdir()
    shutil.copy(ROOT / "tests/fixtures/rendered/random-1/report.pdf", served / "download.jsp")
    with serve(served) as base:
        code, out, err = _cli("add", f"{base}download.jsp", "--root", str(repo))
    assert code == 0, out + err
    target = repo / "content/浙江省/杭州市/临安区/於潜镇/2023.pdf"
    assert target.read_bytes() == (served / "download.jsp").read_bytes()
    assert f"已下载 / downloaded: {base}download.jsp (" in out
    sidecar = target.with_suffix(".yml").read_text("utf-8")
    assert f"source_url: {base}download.jsp" in sidecar
    assert _cli("check", "--root", str(repo))[0] == 0


def test_add_a_page_at_a_url_files_it_as_a_page(repo: Path, tmp_path: Path) -> None:
    """A report published as the page itself, at an address without a suffix: filed as .html;
    --url, when given, is the source_url."""
    served = tmp_path / "site"
    (served / "xxgk").mkdir(parents=True)
    shutil.copy(ROOT / "tests/fixtures/rendered/random-1/report.html", served / "xxgk/index.html")
    with serve(served) as base:
        code, out, err = _cli("add", f"{base}xxgk/", "--url", "https://example.org/xxgk/",
                              "--root", str(repo))
    assert code == 0, out + err
    target = repo / "content/浙江省/杭州市/临安区/於潜镇/2023.html"
    assert target.is_file()
    assert "source_url: https://example.org/xxgk/" in target.with_suffix(".yml").read_text("utf-8")


def test_add_a_url_that_cannot_be_fetched_says_so(repo: Path, tmp_path: Path) -> None:
    with serve(tmp_path) as base:
        code, out, err = _cli("add", f"{base}missing.pdf", "--root", str(repo))
    assert code == 1
    assert err.splitlines() == [f"{base}missing.pdf: 无法下载 / cannot download: expected the "
                                "report at this address, found HTTP Error 404: File not found"]
    assert not list((repo / "content").rglob("*.pdf"))


def test_add_a_folder_says_it_is_one(repo: Path, tmp_path: Path) -> None:
    code, out, err = _cli("add", str(tmp_path), "--root", str(repo))
    assert code == 1
    assert err.splitlines() == [f"{tmp_path}: 是文件夹 / a folder: expected a report file, found "
                                "a folder"]


def test_add_a_page_that_links_its_report_as_a_file_adds_the_file(repo: Path,
                                                                   tmp_path: Path) -> None:
    """A report's page that only links the report (附件：….pdf), given to `builder add` as a
    URL: the attachment is fetched (its link taken relative to the page) and filed; the page
    is its source_url."""
    served = tmp_path / "site"
    (served / "gk" / "files").mkdir(parents=True)
    shutil.copy(ROOT / "tests/fixtures/rendered/random-1/report.pdf",
                served / "gk/files/nb2023.pdf")
    (served / "gk/art.html").write_text(
        "<html><head><title>於潜镇2023年政府信息公开工作年度报告</title></head><body>"
        "<h1>於潜镇2023年政府信息公开工作年度报告</h1><img src='logo.png'>"
        "<p>附件：<a href=\"files/nb2023.pdf?v=1&amp;t=2\">2023年年度报告.pdf</a></p>"
        "</body></html>", "utf-8")
    with serve(served) as base:
        code, out, err = _cli("add", f"{base}gk/art.html", "--root", str(repo))
    assert code == 0, out + err
    assert f"downloaded {base}gk/files/nb2023.pdf?v=1&t=2 (" in out
    target = repo / "content/浙江省/杭州市/临安区/於潜镇/2023.pdf"
    assert target.read_bytes() == (served / "gk/files/nb2023.pdf").read_bytes()
    assert f"source_url: {base}gk/art.html" in target.with_suffix(".yml").read_text("utf-8")
