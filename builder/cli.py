"""The ``builder`` command: a thin click layer over the library.

Exit codes: 0 ok, 1 invalid input (errors in reports), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ReportError


def _out(text: str = "") -> None:
    click.echo(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    """Parse report FILES and print what was read (every cell with its source line)."""
    from .parse import parse_file
    from .render_text import summary

    status = 0
    for path in files:
        try:
            report = parse_file(path, path.as_posix())
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


def run() -> None:  # pragma: no cover
    main()
