"""Joins the stages: the only place that decides what is read and written where.

read+parse+check every report in content/ (cached on file contents and the parser version,
in parallel when there are many) -> data packages -> pages -> MkDocs -> Pagefind, the
downloads (zips, SQLite) written beside the pages and MkDocs.
Everything is gathered first and written last, so a failure leaves the previous output intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import PARSER_VERSION
from .check import check_years
from .content import (
    REPORT_SUFFIXES,
    SIDECAR_SUFFIX,
    ReportMeta,
    body_disagreement,
    load_sidecar,
)
from .errors import ReportError, format_problem
from .files import dump_pickle, load_pickle, read_bytes, write_atomic
from .model import Entry, Failure, ParsedReport, Problem, is_hint
from .parallel import Steps, fork_map, start_steps

CACHE_DIR = ".cache"
CACHE_FORMAT = "6"  # bump when the cached tuples change shape
# The modules whose code decides what a cached entry holds (the parsed report and its package
# rows): a change to any of them invalidates the cache even if PARSER_VERSION was not bumped.
CACHED_MODULES = ("__init__", "build", "check", "codes", "content", "errors", "files", "model",
                  "normalize", "package", "parse", "read", "read_boxes", "read_doc", "read_docx",
                  "read_html", "read_json", "read_ofd", "read_pdf", "read_xls", "read_xlsx",
                  "regions", "schema", "trad")
# data files the parse reads too (the counties' townships, for the check of the prose)
CACHED_DATA = ("data/townships.tsv",)


def cache_folder(root: Path) -> Path:
    """.cache/parse-v<PARSER_VERSION>-c<CACHE_FORMAT>-<digest of the tables' format and of the
    parser's code>."""
    from .schema import format_digest

    h = hashlib.sha256(format_digest())
    here = Path(__file__).parent
    for name in CACHED_MODULES:
        h.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes())
    for name in CACHED_DATA:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    return root / CACHE_DIR / f"parse-v{PARSER_VERSION}-c{CACHE_FORMAT}-{h.hexdigest()[:12]}"


def _prune_cache(folder: Path) -> None:
    """Remove the caches of other parser versions or code (CI restores whatever was saved
    last; only the current folder is kept)."""
    for other in folder.parent.glob("parse-*"):
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


# --- messages --------------------------------------------------------------------------------

def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Message:
    path: str
    line: int | None
    level: str  # "error" | "warning"
    text_: str
    title: str = ""

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tag = "" if self.level == "error" else "warning: "
        return f"{where}: {tag}{self.text_}"

    def github(self) -> str:
        props = f"file={_escape_prop(self.path)}"
        if self.line:
            props += f",line={self.line}"
        if self.title:
            props += f",title={_escape_prop(self.title)}"
        return f"::{self.level} {props}::{_escape_data(self.text_)}"


@dataclass
class CheckResult:
    entries: list[Entry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # path-level problems
    root: Path | None = None  # where the sidecars are, to compare them with the titles

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages() if m.level == "error"]

    def messages(self) -> list[Message]:
        out: list[Message] = []
        for f in self.failures:
            for p in f.problems:
                out.append(Message(f.path, p.line, "error", p.message, "无法读取 / unreadable"))
        for path, p in self.problems:
            out.append(Message(path, p.line, "error", p.message, "内容目录 / content"))
        for e in self.entries:
            for p in e.report.errors:
                out.append(Message(e.meta.path, p.line, "error", p.message, "报告不完整 / incomplete"))
            for f in e.report.findings:
                out.append(Message(e.meta.path, f.line, "warning", f"{f.rule} {f.message}",
                                   f.rule if is_hint(f.rule) else f"勾稽关系 {f.rule}"))
            for t in e.report.metadata.get("other_bodies", ()):
                out.append(Message(e.meta.path, t["line"], "warning", t["message"],
                                   "正文疑点 / prose"))
            if self.root is not None and (
                    p := body_disagreement(e.meta, e.report.body, self.root)) is not None:
                out.append(Message(e.meta.sidecar, p.line, "warning", p.message,
                                   "侧车文件与标题不符 / sidecar and title"))
        out.sort(key=lambda m: (m.path, m.line or 0, m.level, m.text_))
        return out

    def tally(self) -> str:
        n_err = len(self.errors)
        n_warn = sum(1 for m in self.messages() if m.level == "warning")
        return (f"{len(self.entries)} report(s) read, {len(self.failures)} unreadable; "
                f"{n_err} error(s), {n_warn} warning(s)")

    def as_dict(self) -> dict[str, Any]:
        return {"reports": len(self.entries), "unreadable": len(self.failures),
                "messages": [{"path": m.path, "line": m.line, "level": m.level,
                              "message": m.text_} for m in self.messages()]}


# --- discovery -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    report: Path
    sidecar: Path


def discover(root: Path, paths: Iterable[Path] = ()) -> tuple[list[Item], list[tuple[str, Problem]]]:
    """Report files with their sidecars under content/; refuses symlinks, paths outside
    content/, orphan files."""
    content = (root / "content").resolve()
    problems: list[tuple[str, Problem]] = []
    candidates: list[str] = []
    wanted = list(paths)
    if not wanted:
        wanted = [root / "content"]
    for p in wanted:
        p = p if p.is_absolute() else (Path.cwd() / p)
        shown = _shown(p, root)
        if p.is_symlink():
            problems.append((shown, Problem("拒绝符号链接 / refused: a symbolic link; add the file "
                                            "itself")))
            continue
        try:
            real = p.resolve()
            real.relative_to(content)
        except ValueError:
            problems.append((shown, Problem("拒绝：不在 content/ 目录下 / refused: path outside "
                                            "content/")))
            continue
        if not p.exists():
            problems.append((shown, Problem("文件不存在 / no such file or folder")))
            continue
        if p.is_dir():
            links: list[str] = []
            found: list[str] = []
            _walk(str(p), found, links)
            for f in sorted(links, key=_path_order):
                problems.append((_shown(Path(f), root), Problem(
                    "拒绝符号链接 / refused: a symbolic link; add the file itself")))
            candidates.extend(sorted(found, key=_path_order))
        else:
            candidates.append(str(p))
    items: list[Item] = []
    # strings, not Paths, until an item is made: 10,000 reports cost 0.2 s instead of 1 s
    stems: dict[str, dict[str, str]] = defaultdict(dict)
    for f in candidates:
        name = os.path.basename(f)
        if name.startswith(".") or name.lower() == "readme.md":
            continue
        stem, suffix = _split_suffix(f)
        stems[stem][suffix.lower()] = f
    for stem, files in sorted(stems.items(), key=lambda kv: _path_order(kv[0])):
        sidecar = files.pop(SIDECAR_SUFFIX, None) or _sibling(stem, SIDECAR_SUFFIX)
        reports = [f for s, f in files.items() if s in REPORT_SUFFIXES]
        others = [f for s, f in files.items() if s not in REPORT_SUFFIXES]
        stem_name = os.path.basename(stem)
        for f in others:
            problems.append((_shown(Path(f), root), Problem(
                f"不支持的文件类型 / unsupported file type '{_split_suffix(f)[1]}': expected one "
                f"of {', '.join(REPORT_SUFFIXES)} with a {SIDECAR_SUFFIX} sidecar")))
        if not reports:
            if sidecar is not None and os.path.exists(sidecar):
                if _sibling(stem, None) is None:
                    problems.append((_shown(Path(sidecar), root), Problem(
                        "侧车文件没有对应的报告 / sidecar without a report file: expected "
                        f"{stem_name}.txt (or .html/.docx/.pdf) beside it")))
            continue
        if sidecar is None or not os.path.exists(sidecar):
            for f in reports:
                problems.append((_shown(Path(f), root), Problem(
                    f"缺少侧车文件 / missing sidecar: expected {stem_name}{SIDECAR_SUFFIX} beside "
                    "the report (see CONTRIBUTING.md)")))
            continue
        if len(reports) > 1:
            # original plus extracted text: the text is what is parsed, the original is kept
            texts = [f for f in reports if f.lower().endswith(".txt")]
            reports = texts[:1] or sorted(reports, key=_path_order)[:1]
        items.append(Item(Path(reports[0]), Path(sidecar)))
    return items, problems


def _path_order(path: str) -> list[str]:
    """The order of pathlib's Paths (part by part), for path strings."""
    return path.split(os.sep)


def _split_suffix(path: str) -> tuple[str, str]:
    """(path without its suffix, suffix) as pathlib splits them (no suffix for '.x' or 'x.')."""
    cut = path.rfind(".")
    slash = path.rfind(os.sep)
    if cut - slash > 1 and cut < len(path) - 1:
        return path[:cut], path[cut:]
    return path, ""


def _walk(folder: str, files: list[str], links: list[str]) -> None:
    """Files below ``folder`` (os.scandir: one system call per folder, not per file); symbolic
    links are collected apart and never followed."""
    with os.scandir(folder) as it:
        for d in it:
            if d.is_symlink():
                links.append(d.path)
            elif d.is_dir(follow_symlinks=False):
                _walk(d.path, files, links)
            elif d.is_file(follow_symlinks=False):
                files.append(d.path)


def _sibling(stem: str, suffix: str | None) -> str | None:
    for s in (suffix,) if suffix else REPORT_SUFFIXES:
        if os.path.exists(stem + s):
            return stem + s
    return None


def _shown(p: Path, root: Path) -> str:
    """The path as the user gave it, relative to the repository root (links not followed)."""
    for a, b in ((p.absolute(), root.absolute()), (p.absolute(), root.resolve()),
                 (p.resolve(), root.resolve())):
        try:
            return a.relative_to(b).as_posix()
        except ValueError:
            continue
    return p.as_posix()


# --- parsing with a cache --------------------------------------------------------------------

def _cache_key(item: Item) -> str:
    h = hashlib.sha256()
    h.update(PARSER_VERSION.encode())
    h.update(item.report.as_posix().encode("utf-8"))
    h.update(item.report.read_bytes())
    h.update(b"\0")
    h.update(item.sidecar.read_bytes())
    return h.hexdigest()


STAT_INDEX = "stat.pickle"
RACY_NS = 2_000_000_000  # a file changed this close to the index's writing is read again


def _stat(item: Item) -> tuple[int, ...] | None:
    try:
        a, b = os.stat(item.report), os.stat(item.sidecar)
    except OSError:
        return None
    return (a.st_size, a.st_mtime_ns, a.st_ino, a.st_ctime_ns,
            b.st_size, b.st_mtime_ns, b.st_ino, b.st_ctime_ns)


def _cache_keys(items: list[Item], folder: Path | None) -> list[str]:
    """Each item's content key. With ``folder``, a stat index (size, mtime, inode, ctime of
    report and sidecar -> key, as git's index does) spares reading the files that did not
    change; a file changed within two seconds of the index's writing is read again."""
    if folder is None:
        return [_cache_key(i) for i in items]
    written, index = load_pickle(folder / STAT_INDEX) or (0, {})
    keys: list[str] = []
    fresh: dict[str, tuple[tuple[int, ...], str]] = {}
    changed = False
    for item in items:
        name = item.report.as_posix()
        st = _stat(item)
        old = index.get(name)
        if (st is not None and old is not None and old[0] == st
                and max(st[1], st[3], st[5], st[7]) < written - RACY_NS):
            key = old[1]
        else:
            key = _cache_key(item)
            changed = True
        keys.append(key)
        if st is not None:
            fresh[name] = (st, key)
    if changed or len(fresh) != len(index):
        dump_pickle(folder / STAT_INDEX, (time.time_ns(), fresh))
    return keys


def _parse_item(args: tuple[str, str, str]) -> tuple[Any, Any]:
    """Worker: parse one report. Returns (meta, (pickled report, package rows)), or
    (meta or None, Failure). Bytes travel between processes and into the cache cheaply."""
    from .package import report_csv
    from .parse import parse_file

    report_s, sidecar_s, root_s = args
    root = Path(root_s)
    report, sidecar = Path(report_s), Path(sidecar_s)
    rel = _shown(report, root)
    try:
        meta = load_sidecar(sidecar, report, root)
    except ReportError as exc:
        return None, Failure(exc.path, tuple(exc.problems))
    try:
        parsed = _with_meta_checks(meta, parse_file(report, rel, **meta.parse_options()))
    except ReportError as exc:
        return meta, Failure(rel, tuple(exc.problems))
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
        return meta, Failure(rel, (Problem(f"解析器内部错误 / internal parser error: "
                                           f"{type(exc).__name__}: {exc}"),))
    blob = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    return meta, (blob, report_csv(Entry(meta, parsed)))


def _shard(key: str) -> str:
    return key[:2]


# Each shard of the cache is two files: rows-XX.pickle (zlib) holds every report's sidecar
# metadata and package rows, or its Failure; reports-XX.pickle the pickled reports, read only
# when a report itself is needed (the pages), never to rebuild the data packages.
ROWS, REPORTS = "rows-{}.pickle", "reports-{}.pickle"


class _Reports:
    """The pickled reports of a cache folder, one shard file read on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shards: dict[str, dict[str, bytes]] = {}

    def get(self, key: str) -> bytes | None:
        name = _shard(key)
        if name not in self.shards:
            self.shards[name] = load_pickle(self.folder / REPORTS.format(name)) or {}
        return self.shards[name].get(key)

    def loader(self, key: str, args: tuple[str, str, str] | None) -> Callable[[], bytes]:
        """The report's pickle from its shard; parsed again if the shard lost it."""
        def load() -> bytes:
            blob = self.get(key)
            if blob is None:
                if args is None:  # pragma: no cover - a stale entry is never read
                    raise KeyError(key)
                _, out = _parse_item(args)
                if isinstance(out, Failure):  # pragma: no cover - the file changed meanwhile
                    raise ReportError(out.path, list(out.problems))
                blob = out[0]
            return blob
        return load


def _load_cache(folder: Path, items: dict[str, tuple[str, str, str]]) -> dict[str, Any]:
    """key -> (meta, Failure) or (meta, (report loader, package rows)) for every key in the
    cache; ``items`` (key -> parse arguments) lets a lost report pickle be parsed again."""
    cache: dict[str, Any] = {}
    if not folder.is_dir():
        return cache
    reports = _Reports(folder)
    for f in folder.glob(ROWS.format("??")):
        raw = read_bytes(f)
        try:
            shard = pickle.loads(zlib.decompress(raw)) if raw else {}  # noqa: S301 - our own
        except Exception:  # noqa: BLE001 - a broken shard is rebuilt, as files.load_pickle does
            continue
        for key, (meta, out) in shard.items():
            # stale keys are kept too: their shards are then rewritten without them
            cache[key] = (meta, out if isinstance(out, Failure)
                          else (reports.loader(key, items.get(key)), out))
    return cache


def _save_cache(folder: Path, cache: dict[str, Any], live: list[str], dirty: set[str]) -> None:
    """Rewrite only the shards that gained or lost entries (one changed report rewrites one
    small pair of files, not the whole cache)."""
    shards: dict[str, list[str]] = defaultdict(list)
    for k in live:
        shards[_shard(k)].append(k)
    for name in dirty:
        rows_path, reports_path = folder / ROWS.format(name), folder / REPORTS.format(name)
        if name not in shards:
            rows_path.unlink(missing_ok=True)
            reports_path.unlink(missing_ok=True)
            continue
        rows: dict[str, Any] = {}
        blobs: dict[str, bytes] = {}
        for k in shards[name]:
            meta, out = cache[k]
            if isinstance(out, Failure):
                rows[k] = (meta, out)
                continue
            blob, csv = out
            blobs[k] = blob() if callable(blob) else blob
            rows[k] = (meta, csv)
        dump_pickle(reports_path, blobs)
        write_atomic(rows_path, zlib.compress(pickle.dumps(rows, protocol=5), 1))


def collect(root: Path, paths: Iterable[Path] = (), jobs: int = 0,
            use_cache: bool = True) -> CheckResult:
    """Read, parse and check every report; one bad file never stops the others.

    Results are cached in .cache/ (sharded; the folder is named after the parser version and
    code, see cache_folder) keyed on the report's path and bytes and its sidecar's bytes (a
    stat index spares reading unchanged files); reports that did not change are neither parsed
    nor unpickled again (their entries carry the pickled report and its package rows), and
    cross-year findings are cached on the keys of the two years they compare."""
    items, problems = discover(root, paths)
    result = CheckResult(problems=problems, root=root)
    # the cache holds package rows too: a change of the tables' schema invalidates it
    folder = cache_folder(root)
    keys = _cache_keys(items, folder if use_cache and not paths else None)
    args_of = {k: (str(i.report), str(i.sidecar), str(root)) for k, i in zip(keys, items,
                                                                              strict=True)}
    cache = _load_cache(folder, args_of) if use_cache else {}
    todo = [(k, i) for k, i in zip(keys, items, strict=True) if k not in cache]
    args = [args_of[k] for k, _ in todo]
    # forking costs more than it saves below 200 reports
    outs = fork_map(_parse_item, args, chunksize=32, workers=jobs if len(args) >= 200 else 1)
    for (k, _), out in zip(todo, outs, strict=True):
        cache[k] = out
    if use_cache and not paths:
        live = set(keys)
        dirty = {_shard(k) for k, _ in todo} | {_shard(k) for k in cache if k not in live}
        if dirty:
            _save_cache(folder, cache, keys, dirty)
            _prune_cache(folder)
    seen: dict[tuple[str, ...], str] = {}
    entry_keys: dict[int, str] = {}
    for k in keys:
        meta, out = cache[k]
        if isinstance(out, Failure):
            result.failures.append(out)
            continue
        assert isinstance(meta, ReportMeta)
        key = meta.region_path + (meta.body, str(meta.year))
        if key in seen:
            result.problems.append((meta.path, Problem(
                f"重复的报告 / duplicate report: {meta.body} {meta.year} is already in "
                f"{seen[key]}")))
            continue
        seen[key] = meta.path
        blob, csv = out
        entry = Entry(meta, blob=blob, csv=csv)
        entry_keys[id(entry)] = k
        result.entries.append(entry)
    cross_file = folder / "cross-year.pickle"
    cross = (load_pickle(cross_file) or {}) if use_cache else {}
    fresh = _cross_year(result.entries, entry_keys, cross)
    if use_cache and not paths and fresh != cross:
        dump_pickle(cross_file, fresh)
    result.entries.sort(key=lambda e: (e.meta.region_path, e.meta.body, e.meta.year))
    return result


def _with_meta_checks(meta: ReportMeta, report: ParsedReport) -> ParsedReport:
    """Problems between the sidecar and what the report itself says."""
    if report.year is not None and report.year != meta.year:
        report.errors.append(Problem(
            f"年度不一致 / year mismatch: the sidecar says {meta.year}, the report's title (or, "
            f"without one, the period of its figures) says {report.year}",
            expected=str(meta.year), found=str(report.year)))
    return report


def _cross_year(entries: list[Entry], keys: dict[int, str],
                cache: dict[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """R5 and W2 between consecutive years of one body. The findings of year N depend on
    years N-1 and N only, so they are cached on those two reports' keys; only pairs that
    changed unpickle their reports. Returns the cache of the pairs still in the corpus."""
    from .package import report_csv

    by_body: dict[str, dict[int, Entry]] = defaultdict(dict)
    for e in entries:
        by_body[e.meta.body_id][e.meta.year] = e
    live: dict[tuple[str, str], Any] = {}
    for years in by_body.values():
        for year, e in years.items():
            prev = years.get(year - 1)
            if prev is None:
                continue
            pair = (keys.get(id(prev), ""), keys.get(id(e), ""))
            if pair in cache and all(pair):
                findings, csv = cache[pair]
                if findings:
                    e.add_findings(findings, csv)
            else:
                findings, csv = (), None
                if prev.report.complete and e.report.complete:
                    findings = tuple(check_years([(year - 1, prev.report),
                                                  (year, e.report)]).get(year, ()))
                if findings:
                    e.add_findings(findings, None)
                    csv = e.csv = report_csv(e)
            live[pair] = (findings, csv)
    return live


def check_content(root: Path, paths: list[Path]) -> CheckResult:
    return collect(root, paths)


# --- the full build --------------------------------------------------------------------------

@dataclass
class BuildResult:
    log: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    bodies: int = 0  # body pages generated (with the site)


#: Pagefind indexes the pages beside MkDocs (builder.live_index) up to this many body pages;
#: above it, after MkDocs: its index takes about 0.35 MB of memory a page, and beside MkDocs
#: and the rest of the build that went past 4 GB at 10,000 pages (bench/README.md).
LIVE_PAGEFIND_MAX_PAGES = 4000


def build(root: Path, *, check_only: bool = False, site: bool = True, jobs: int = 0,
          strict_mkdocs: bool = True) -> BuildResult:
    if check_only or not site:
        return _data_stages(root, check_only=check_only)[0]
    # the data stages hold every report in memory: in a child process, so that the memory
    # is given back before MkDocs and Pagefind run. The downloads (zips, SQLite) are written
    # meanwhile by a child of that child, beside MkDocs, which waits for their page (it
    # shows their sizes); MkDocs leaves docs/downloads/ out and they are placed in site/ after.
    steps = start_steps(_site_stages, root, jobs, name="build")
    try:
        out, downloads_pid = steps.next()
        live = out.bodies <= LIVE_PAGEFIND_MAX_PAGES
        t0 = time.perf_counter()
        mkdocs = start_mkdocs(root, strict=strict_mkdocs, live_pagefind=live,
                              downloads_pid=downloads_pid)
        try:
            # the downloads are written (MkDocs waits for their page): the child ends, and
            # its memory goes back while MkDocs runs on
            steps.next()
            steps.close()
        except ReportError:
            with contextlib.suppress(ReportError):
                mkdocs.wait()  # it stops at the downloads page with the same message
            raise
        mkdocs.wait()
    finally:
        steps.close()
    out.timings["mkdocs+pagefind" if live else "mkdocs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    publish_downloads(root)
    out.timings["publish downloads"] = time.perf_counter() - t0
    if not live:
        t0 = time.perf_counter()
        run_pagefind(root)
        out.timings["pagefind"] = time.perf_counter() - t0
    out.log.append(f"site/: built ({', '.join(f'{k} {v:.1f}s' for k, v in out.timings.items())})")
    return out


def _data_stages(root: Path, check_only: bool, jobs: int = 0) -> tuple[BuildResult, Any, Any]:
    """Parse and the data packages; returns the result, the entries and the rendered
    packages."""
    from . import package

    out = BuildResult()
    t0 = time.perf_counter()
    result = collect(root, jobs=jobs)
    out.timings["parse"] = time.perf_counter() - t0
    for path, p in result.problems:
        out.log.append(format_problem(path, p))
    for f in result.failures:
        out.log.extend(format_problem(f.path, p) for p in f.problems)
    out.failures = result.failures + [Failure(p, (q,)) for p, q in result.problems]
    out.incomplete = [e.meta.path for e in result.entries if not e.complete]
    entries = result.entries
    pkg_dir = root / "datapackage"
    t0 = time.perf_counter()
    rendered = package.render(entries)
    if check_only:
        out.stale = package.stale_files(rendered, pkg_dir, reports=False)
        out.timings["package"] = time.perf_counter() - t0
        return out, entries, rendered
    # the corpus package is committed; per-report packages are published as zips only
    changed = package.write_datapackage(rendered, pkg_dir, reports=False)
    out.timings["package"] = time.perf_counter() - t0
    out.log.append(f"datapackage/: {len(entries)} report(s), {len(changed)} file(s) changed")
    return out, entries, rendered


def _site_stages(root: Path, jobs: int) -> Iterator[Any]:
    """In the build's child: the data stages and the pages, then (BuildResult, the pid of
    the process writing the downloads) is yielded; then it waits for the downloads and
    yields what was written."""
    out, entries, rendered = _data_stages(root, check_only=False, jobs=jobs)
    t0 = time.perf_counter()
    downloads = start_pages(root, entries, out.failures, rendered)
    out.timings["pages"] = time.perf_counter() - t0
    out.bodies = len({e.meta.body_id for e in entries})
    yield out, downloads.pid
    try:
        yield downloads.next()
    finally:
        downloads.close()


#: set for MkDocs: the process writing the downloads, whose page MkDocs waits for
#: (builder.site_plugins)
DOWNLOADS_PID = "GD_DOWNLOADS_PID"
#: docs/downloads/.written: "ok" once the downloads and their page are written, else "error"
#: and the reasons
DOWNLOADS_DONE = ".written"


def start_pages(root: Path, entries: list[Entry], failures: list[Failure],
                rendered: Any) -> Steps:
    """docs/: every generated page, while a child process writes the downloads (zips, SQLite)
    and then the downloads page with their sizes, and marks them done (DOWNLOADS_DONE).
    Returns that child: ``next()`` waits for it and returns what ``write_downloads``
    returned, or raises its error."""
    from .render import prepare_site

    pages = prepare_site(entries, failures, root / "docs", root=root)
    try:
        (root / "docs" / "downloads" / DOWNLOADS_DONE).unlink(missing_ok=True)
    except OSError as exc:
        raise ReportError("docs/downloads", "下载目录无法写入 / cannot write the downloads "
                          f"folder: expected a folder, found {exc.strerror}") from None
    pages.ensure_downloads_page()  # before the child may write the real one
    child = start_steps(_downloads_and_page, pages, rendered, root, name="downloads")
    pages.write_pages()
    return child


def _downloads_and_page(pages: Any, rendered: Any, root: Path) -> Iterator[dict[str, Any]]:
    from . import package

    done = pages.docs_dir / "downloads" / DOWNLOADS_DONE
    os.nice(10)  # the pages first; the downloads have until MkDocs reads their page
    try:
        result = package.write_downloads(rendered, root / "datapackage",
                                         pages.docs_dir / "downloads")
        pages.write_downloads_page(result)
    except BaseException as exc:  # noqa: BLE001 - MkDocs waits for the mark: always written
        reasons = ([p.message for p in exc.problems] if isinstance(exc, ReportError)
                   else [f"{type(exc).__name__}: {exc}"])
        problems = [Problem("下载文件写入失败 / writing the downloads failed: " + r)
                    for r in reasons]
        with contextlib.suppress(OSError):  # else MkDocs sees the process end without it
            write_atomic(done, "\n".join(["error", *(p.message for p in problems)]).encode())
        raise ReportError("downloads", problems) from None
    write_atomic(done, b"ok\n")
    yield result


def publish_downloads(root: Path, site_dir: str = "site") -> None:
    """docs/downloads/ into site/downloads/ (MkDocs leaves it out: draft_docs in mkdocs.yml),
    hard-linked where the file system allows it."""
    src, dst = root / "docs" / "downloads", root / site_dir / "downloads"
    for folder, dirs, names in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            if name.startswith("."):
                continue
            target = dst / rel / name
            target.unlink(missing_ok=True)
            try:
                os.link(Path(folder) / name, target)
            except OSError:
                shutil.copyfile(Path(folder) / name, target)


def run_mkdocs(root: Path, strict: bool = True, live_pagefind: bool = True,
               site_dir: str = "site", downloads_pid: int | None = None) -> None:
    """``mkdocs build`` into ``root/site_dir``; with ``live_pagefind``, Pagefind indexes each
    page beside it as MkDocs writes it (builder.live_index); with ``downloads_pid``, MkDocs
    waits for that process to write the downloads page (builder.site_plugins)."""
    start_mkdocs(root, strict, live_pagefind, site_dir, downloads_pid).wait()


class MkDocsRun:
    """A ``mkdocs build`` process (start_mkdocs); its output goes to a temporary file, so
    that it never waits for a reader."""

    def __init__(self, cmd: list[str], root: Path, env: dict[str, str]) -> None:
        import tempfile

        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=self._log,
                                      stderr=subprocess.STDOUT)

    def wait(self) -> None:
        """Wait for MkDocs; ReportError with the end of its output when it failed."""
        code = self._proc.wait()
        self._log.seek(0)
        output = self._log.read().decode("utf-8", "replace")
        self._log.close()
        if code != 0:
            raise ReportError("mkdocs.yml",
                              f"mkdocs build failed / 站点构建失败:\n{_tail(output, 30)}")


def _tail(output: str, lines: int) -> str:
    """The last lines of a tool's output, for the message that says it failed."""
    return "\n".join(output.strip().splitlines()[-lines:])


def start_mkdocs(root: Path, strict: bool = True, live_pagefind: bool = True,
                 site_dir: str = "site", downloads_pid: int | None = None) -> MkDocsRun:
    """run_mkdocs without waiting for it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GD_PAGEFIND="1" if live_pagefind else "0")
    env.pop(DOWNLOADS_PID, None)
    if downloads_pid is not None:
        env[DOWNLOADS_PID] = str(downloads_pid)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(root / "mkdocs.yml"),
           "-d", str(root / site_dir)]
    if strict:
        cmd.append("--strict")
    return MkDocsRun(cmd, root, env)


def run_pagefind(root: Path) -> None:
    """Pagefind over the built site (what builder.live_index does beside MkDocs)."""
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(root / "site")],
                          cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ReportError("site", "pagefind failed / 搜索索引构建失败:\n"
                          + _tail(proc.stdout + proc.stderr, 20))
