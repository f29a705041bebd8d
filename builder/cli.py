"""The ``builder`` command: a thin click layer over the library.

Exit codes: 0 ok, 1 invalid input (errors in reports), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .content import TRANSCRIPTIONS, ReportMeta
from .errors import ReportError


def _out(text: str = "") -> None:
    click.echo(text)


class _Group(click.Group):
    """Unexpected exceptions become one line and exit code 2, unless --debug."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.params.get("debug"):
                raise
            click.echo(f"builder: internal error / 内部错误: {type(exc).__name__}: {exc} "
                       "(run with --debug for the traceback)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="builder")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """政府信息公开工作年度报告数据 — parse, check, package and publish the reports."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one JSON object per file (JSON Lines).")
def parse(files: tuple[Path, ...], fmt: str) -> None:
    """Parse report FILES and print what was read (every cell with its source line). A report
    in a content/ folder is read with its sidecar, as builder build reads it."""
    from .parse import parse_file
    from .render_text import summary

    status = 0
    for path in files:
        meta = _sidecar_beside(path)
        try:
            report = parse_file(path, path.as_posix(),
                                **(meta.parse_options() if meta is not None else {}))
        except ReportError as exc:
            status = 1
            if fmt == "json":
                _out(json.dumps({"path": path.as_posix(), "body": None, "year": None,
                                 "template": None, "complete": False, "cells": [],
                                 "findings": [], "errors": [p.as_dict() for p in exc.problems]},
                                ensure_ascii=False))
            else:
                for line in exc.lines():
                    click.echo(line, err=True)
            continue
        if not report.complete:
            status = 1
        if fmt == "json":
            _out(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            _out(summary(report))
    sys.exit(status)


def _sidecar_beside(path: Path) -> ReportMeta | None:
    """The sidecar of a report in a content/ folder (content/…/2023.txt beside 2023.yml),
    or None; a sidecar that cannot be read is said on stderr and the report read without."""
    from .content import load_sidecar

    sidecar = path.with_suffix(".yml")
    root = next((p.parent for p in path.absolute().parents if p.name == "content"), None)
    if root is None or path.suffix in (".yml", ".yaml") or not sidecar.is_file():
        return None
    try:
        return load_sidecar(sidecar, path, root)
    except ReportError as exc:
        for line in exc.lines():
            click.echo(f"warning: {line} (read without it / 不用侧车文件读取)", err=True)
        return None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default=True, help="Repository root (holds content/).")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="github: workflow commands that annotate the pull request.")
def check(paths: tuple[Path, ...], root: Path, fmt: str) -> None:
    """Check reports (default: all of content/) as CI does: one line per problem."""
    from .build import check_content

    result = check_content(root, list(paths))
    if fmt == "json":
        _out(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        for item in result.messages():
            _out(item.github() if fmt == "github" else item.text())
        if fmt == "text":
            click.echo(result.tally(), err=True)
    sys.exit(1 if result.errors else 0)


@main.command()
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default=True)
@click.option("--check", "check_only", is_flag=True,
              help="Do not write: fail when the committed datapackage/ is not what the content "
                   "produces.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when any report is unreadable or incomplete (what CI uses).")
@click.option("--no-site", is_flag=True, help="Write datapackage/ only; skip pages and MkDocs.")
@click.option("--jobs", type=int, default=0, help="Parallel parse processes (0: all cores).")
def build(root: Path, check_only: bool, strict: bool, no_site: bool, jobs: int) -> None:
    """Build datapackage/ and the site (site/) from content/."""
    from . import build as build_mod

    try:
        result = build_mod.build(root, check_only=check_only, site=not no_site, jobs=jobs)
    except ReportError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(1)
    for line in result.log:
        click.echo(line, err=True)
    if check_only and result.stale:
        click.echo("datapackage/ 与 content/ 不一致 / datapackage/ is out of date:", err=True)
        for name in result.stale[:50]:
            click.echo(f"  {name}", err=True)
        click.echo("run: builder build --no-site   (then commit datapackage/)", err=True)
        sys.exit(1)
    if strict and (result.failures or result.incomplete):
        click.echo(f"--strict: {len(result.failures)} unreadable and {len(result.incomplete)} "
                   "incomplete report(s)", err=True)
        sys.exit(1)


@main.command()
@click.argument("file")
@click.option("--url", help="Where the report was published (原文网址; FILE's own when FILE is "
                            "a URL).")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default=True)
@click.option("--province", help="省级行政区, when the text does not say.")
@click.option("--prefecture", help="地级行政区.")
@click.option("--county", help="县级行政区.")
@click.option("--body", help="机关全称, when the title does not give it.")
@click.option("--year", type=int, help="报告年度, when the title does not give it.")
@click.option("--transcription", type=click.Choice(TRANSCRIPTIONS),
              help="A scan's figures: ocr (read by OCR, checked by hand) or typed (typed in).")
def add(file: str, url: str | None, root: Path, province: str | None, prefecture: str | None,
        county: str | None, body: str | None, year: int | None,
        transcription: str | None) -> None:
    """Add a report FILE (.txt/.md/.csv/.tsv/.xlsx/.xls/.html/.mhtml/.docx/.pdf/.ofd/.doc/.wps/
    .json/.jsonl/.xml/.hocr), or the report at an http(s) URL (downloaded; the URL is its
    source_url), to content/ with its sidecar, then check it."""
    import tempfile

    from .add import URL, add_report, fetch_report

    try:
        with tempfile.TemporaryDirectory(prefix="builder-add-") as tmp:
            if URL.match(file):
                source, attachment = fetch_report(file, Path(tmp))
                if attachment:
                    _out(f"报告在附件里，已下载附件 / the page links the report as a file: "
                         f"downloaded {attachment} ({source.stat().st_size:,} bytes)")
                else:
                    _out(f"已下载 / downloaded: {file} ({source.stat().st_size:,} bytes)")
                url = url or file
            else:
                source = Path(file)
            added = add_report(source, url, root, province=province, prefecture=prefecture,
                               county=county, body=body, year=year,
                               transcription=transcription, name=file)
    except ReportError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(1)
    rel = added.report.relative_to(root).as_posix() if added.report.is_relative_to(root) \
        else added.report.as_posix()
    _out(f"已添加 / added: {rel}")
    _out(f"  机关 body: {added.body}  年度 year: {added.year}")
    _out(f"  地区 region: {'/'.join(added.region.path)} ({added.region.code}) — 请核对 / "
         "please check")
    _out(f"  侧车 sidecar: {added.sidecar.name} (source_url, published, notes 可补充)")
    for line in added.messages:
        _out(f"  {line}")
    sys.exit(1 if added.errors else 0)


@main.command()
@click.option("--base", required=True, help="Git revision the pull request is compared with.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default=True)
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Append to this file (e.g. $GITHUB_STEP_SUMMARY) instead of printing.")
def summary(base: str, root: Path, output: Path | None) -> None:
    """Markdown summary of the reports a pull request adds or changes."""
    from .summary import summary_markdown

    try:
        text = summary_markdown(root, base)
    except ReportError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(2)
    if output:
        with output.open("a", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


def run() -> None:  # pragma: no cover
    main()
