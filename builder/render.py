"""Render stage: reports -> Markdown pages for MkDocs (Material), in ``docs/``.

``render_site`` writes plain Markdown (with raw HTML for the tables) deterministically: the same
entries give byte-identical files, a file is written only when its bytes change, and generated
files that are no longer produced are removed. Report text is untrusted: every string from a
report or a sidecar is HTML-escaped and placed inside raw HTML, where Markdown leaves it alone.

Pages (paths relative to ``docs/``; URLs use MkDocs' directory URLs)::

    index.md                     home: totals, chart, ways in
    bodies/<body_id>.md          one page per body, its latest two years side by side
    reports/<report_id>.md       an older year of a body: its prose, and for a year before
                                 the two side by side its tables and findings too
    regions/index.md             the region tree
    regions/<region_id>.md       province, prefecture, county
    tables/index.md, tables/bodies.md (or tables/bodies/<region_id>.md per province at scale),
    tables/regions.md, tables/years.md
    quality.md                   findings by rule and province, unreadable files
    quality/<province id>.md     a province's reports with findings or errors
    downloads.md                 data packages and their schema
    about/codes.md               codes of the template, from builder/codes.py
    about/contributing.md        CONTRIBUTING.md of the repository
    assets/search/jieba-userdict.txt        jieba user dictionary for Material's search
    assets/data/names.json                  body and region names, for search.js
    assets/javascripts/workers/search.*.js  Material's search worker with a fix (see search)
    downloads/sources/<report_id><suffix>   copies of the report files (.html as .html.txt)
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from . import content
from .files import write_if_changed
from .model import Entry, Failure
from .parallel import fork_map

#: Above this many bodies, body pages leave Material's (lunr) index: Pagefind finds them.
LUNR_BODY_LIMIT = 3000
#: Above this many reports, the every-body table is split into one page per province.
BODY_TABLE_LIMIT = 1500

CORPUS_DOWNLOADS = (
    ("downloads/gov-disclosure-reports.zip", "数据包（Frictionless Data Package，CSV + datapackage.json）"),
    ("downloads/gov-disclosure-reports-csv.zip", "CSV 表格（压缩包）"),
    ("downloads/gov-disclosure-reports.sqlite", "SQLite 数据库"),
)

#: Directories under docs/ whose files are all generated (stale ones are removed).
GENERATED_DIRS = ("bodies", "regions", "reports", "tables", "quality",
                  "downloads/sources")
#: Single generated files under docs/.
GENERATED_FILES = ("index.md", "quality.md", "downloads.md", "about/codes.md",
                   "about/contributing.md",
                   "assets/search/jieba-userdict.txt", "assets/data/names.json")
GENERATED_GLOBS = ("assets/javascripts/workers/search.*.min.js",)


# -- the site model ----------------------------------------------------------------------------

@dataclass
class Body:
    id: str
    name: str
    level: str
    region: tuple[str, ...]
    entries: list[Entry]  # ascending by year

    @property
    def latest(self) -> Entry:
        return self.entries[-1]

    @property
    def years(self) -> list[int]:
        return [e.meta.year for e in self.entries]

    @property
    def page(self) -> str:
        return f"bodies/{self.id}.md"


@dataclass
class Region:
    path: tuple[str, ...]
    children: dict[str, Region] = field(default_factory=dict)
    bodies: list[Body] = field(default_factory=list)  # directly in this region

    @property
    def id(self) -> str:
        return content.region_id(self.path)

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else "全国"

    @property
    def level(self) -> str:
        return ("country", "province", "prefecture", "county")[min(len(self.path), 3)]

    @property
    def page(self) -> str:
        return f"regions/{self.id}.md" if self.path else "regions/index.md"

    def all_bodies(self) -> list[Body]:
        out = list(self.bodies)
        for child in self.children.values():
            out.extend(child.all_bodies())
        return sorted(out, key=body_order)

    def walk(self) -> Iterable[Region]:
        yield self
        for child in self.children.values():
            yield from child.walk()


def body_order(b: Body) -> tuple:
    return (b.region, b.name, b.id)


@dataclass
class Site:
    entries: list[Entry]
    failures: list[Failure]
    bodies: dict[str, Body]
    root: Region
    downloads: dict[str, int | None]  # docs-relative path -> size in bytes (None: unknown)
    sources: dict[str, str]  # report id (or '<id>-original') -> docs path of its copied file
    lunr_bodies: bool

    def region(self, path: tuple[str, ...]) -> Region:
        node = self.root
        for name in path:
            node = node.children[name]
        return node

    @property
    def years(self) -> list[int]:
        return sorted({e.meta.year for e in self.entries})


def build_site(entries: list[Entry], failures: list[Failure],
               downloads: dict[str, int | None], sources: dict[str, str]) -> Site:
    entries = sorted(entries, key=lambda e: (e.meta.region_path, e.meta.body, e.meta.year,
                                             e.meta.path))
    bodies: dict[str, Body] = {}
    for e in entries:
        m = e.meta
        b = bodies.get(m.body_id)
        if b is None:
            b = bodies[m.body_id] = Body(m.body_id, m.body, m.level, m.region_path, [])
        if b.entries and b.entries[-1].meta.year == m.year:
            continue  # one report per body and year; the first path wins
        b.entries.append(e)
    for b in bodies.values():
        b.level = b.latest.meta.level
    root = Region(())
    for b in sorted(bodies.values(), key=body_order):
        node = root
        for i, name in enumerate(b.region):
            node = node.children.setdefault(name, Region(b.region[: i + 1]))
        node.bodies.append(b)
    _sort_regions(root)
    return Site(entries=[e for b in bodies.values() for e in b.entries], failures=
                sorted(failures, key=lambda f: f.path), bodies=dict(sorted(bodies.items())),
                root=root, downloads=downloads, sources=sources,
                lunr_bodies=len(bodies) <= LUNR_BODY_LIMIT)


def _sort_regions(node: Region) -> None:
    node.children = dict(sorted(node.children.items()))
    for child in node.children.values():
        _sort_regions(child)


# -- URLs --------------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def page_url(page: str) -> str:
    """Site path of a page, with directory URLs: 'bodies/b1.md' -> 'bodies/b1/'."""
    p = PurePosixPath(page)
    if p.name == "index.md":
        parent = p.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return p.with_suffix("").as_posix() + "/"


def rel(from_page: str, target: str) -> str:
    """Relative URL from a page (docs path) to a site path ('x/' or a .md page or a file)."""
    if target.endswith(".md"):
        target = page_url(target)
    depth = page_url(from_page).count("/")
    return "../" * depth + target if (depth or target) else "./"


# -- writing -----------------------------------------------------------------------------------

def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def copy_if_changed(src: Path, dst: Path) -> bool:
    if dst.is_file() and dst.stat().st_size == src.stat().st_size and \
            _file_digest(dst) == _file_digest(src):
        return False
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return True


# a report saved as a web page is published as text: served from the site's own address as
# HTML, the page's scripts would run there. The link's download attribute gives it back its
# name (source_download_name).
_AS_TEXT = {".html", ".htm", ".xhtml", ".mht", ".mhtml"}


def _source_copy(key: str, suffix: str) -> str:
    suffix = suffix.lower()
    return f"downloads/sources/{key}{suffix}{'.txt' if suffix in _AS_TEXT else ''}"


def source_download_name(path: str) -> str:
    """The file name a copied report is saved under: its own, without the .txt that keeps a
    web page from being served as one."""
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    return stem if ext == "txt" and "." + stem.rpartition(".")[2] in _AS_TEXT else name


def _source_files(entries: Iterable[Entry], source_root: Path) -> dict[str, tuple[Path, str]]:
    """key -> (file on disk, docs-relative destination) for the report files that exist: key
    is the report id for the file that was read, '<report id>-original' for the original
    document a text was extracted from (sidecar field ``original``)."""
    out: dict[str, tuple[Path, str]] = {}
    for e in entries:
        src = source_root / e.meta.path
        if src.is_file():
            out[e.meta.id] = (src, _source_copy(e.meta.id, src.suffix))
        if e.meta.original:
            orig = src.parent / e.meta.original
            if orig.is_file() and orig.resolve() != src.resolve() and \
                    orig.resolve().is_relative_to(source_root.resolve()):
                key = f"{e.meta.id}-original"
                out[key] = (orig, _source_copy(key, orig.suffix))
    return out


def _known_downloads(docs_dir: Path, downloads: dict[str, Any] | None) -> dict[str, int | None]:
    """docs-relative path -> size of the files the package stage wrote.

    ``downloads`` is what ``package.write_downloads`` returns (paths by kind, nested, plus the
    list of ``changed`` paths, ignored here); paths may be absolute, relative to the working
    directory or relative to docs_dir.
    Without it, ``docs_dir/downloads`` is scanned.
    """
    found: dict[str, int | None] = {}
    if downloads is not None:
        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    if k != "changed":
                        walk(v)
            elif isinstance(value, (str, Path)):
                p = Path(value)
                full = p if p.is_absolute() or p.exists() else docs_dir / p
                try:
                    key = full.resolve().relative_to(docs_dir.resolve()).as_posix()
                except ValueError:
                    return
                found[key] = full.stat().st_size if full.is_file() else None
        walk(downloads)
        return dict(sorted(found.items()))
    base = docs_dir / "downloads"
    if base.is_dir():
        for p in sorted(base.rglob("*")):
            if p.is_file() and "sources" not in p.relative_to(base).parts:
                found[p.relative_to(docs_dir).as_posix()] = p.stat().st_size
    return found


def render_site(entries: list[Entry], failures: list[Failure], docs_dir: Path, *,
                downloads: dict | Callable[[], dict] | None = None,
                root: Path | None = None) -> list[Path]:
    """Write every generated page of the site into ``docs_dir``; return the generated files.

    ``downloads`` is what ``package.write_downloads`` returned (used for file sizes; when None,
    ``docs_dir/downloads`` is scanned), or a function that returns it once the downloads are
    written: the pages that do not show their sizes are rendered first, meanwhile
    (``builder build`` uses ``prepare_site`` and ``SitePages``'s two steps instead, in two
    processes). ``root`` is the directory the report paths are relative
    to (default: docs_dir's parent); each report file is copied to
    ``downloads/sources/<report_id><suffix>`` and linked as 原文.
    """
    pages = prepare_site(entries, failures, docs_dir, root=root)
    pages.write_pages()
    pages.write_downloads_page(downloads() if callable(downloads) else downloads)
    return pages.written


@dataclass
class SitePages:
    """The generated pages of one site, written in two steps: ``write_pages`` every page but
    the downloads page, ``write_downloads_page`` that page once the downloads are written
    (it shows their sizes; the two may run in different processes)."""

    site: Site
    docs_dir: Path
    root: Path
    copies: dict[str, tuple[Path, str]]
    written: list[Path] = field(default_factory=list)

    @property
    def downloads_page(self) -> Path:
        return self.docs_dir / "downloads.md"

    def write_pages(self) -> list[Path]:
        site, docs_dir = self.site, self.docs_dir
        keys = list(site.bodies)
        if len(keys) < BODY_PAGES_PER_PROCESS:
            names = _render_bodies(site, docs_dir, keys) + self._write_other_pages()
        else:
            # the first body in this process: imports and compiled templates are then shared
            # by the forked workers instead of being made in each; the other pages (which
            # read every report) on a third process beside the two halves of the bodies
            first = _render_bodies(site, docs_dir, keys[:1])
            rest = keys[1:]
            parts = fork_map(lambda i: self._write_other_pages() if i < 0
                             else _render_bodies(site, docs_dir, rest[i::2]), [-1, 0, 1],
                             workers=3)
            names = first + parts[1] + parts[2] + parts[0]
        written = [docs_dir / name for name in names] + [self.downloads_page]
        _remove_stale(docs_dir, {p.relative_to(docs_dir).as_posix() for p in written})
        self.written = written
        return written

    def _write_other_pages(self) -> list[str]:
        """Every page but the bodies' and the downloads page, and the copies of the report
        files; returns their docs-relative paths."""
        from . import render_info, render_pages, render_search  # noqa: PLC0415

        site, docs_dir = self.site, self.docs_dir
        pages: dict[str, str] = render_pages.all_pages(site)
        pages["about/contributing.md"] = render_info.contributing(self.root / "CONTRIBUTING.md")
        files: dict[str, bytes] = {k: v.encode("utf-8") for k, v in pages.items()}
        files.update(render_search.search_files(site, docs_dir))
        names = []
        for rel_path, data in sorted(files.items()):
            write_if_changed(docs_dir / rel_path, data)
            names.append(rel_path)
        for _rid, (src, dst) in sorted(self.copies.items()):
            copy_if_changed(src, docs_dir / dst)
            names.append(dst)
        return names

    def write_downloads_page(self, downloads: dict[str, Any] | None) -> None:
        """The downloads page with the sizes of the files ``downloads`` names (what
        ``package.write_downloads`` returned; None: the files in ``docs_dir/downloads``)."""
        self.site.downloads = _known_downloads(self.docs_dir, downloads)
        self._write_downloads_page()

    def ensure_downloads_page(self) -> None:
        """A downloads page without sizes when there is none yet, so that MkDocs, started
        before the downloads are written, finds the page (its final text comes later)."""
        if not self.downloads_page.is_file():
            self._write_downloads_page()

    def _write_downloads_page(self) -> None:
        from . import render_info  # noqa: PLC0415

        write_if_changed(self.downloads_page, render_info.downloads(self.site).encode("utf-8"))


def prepare_site(entries: list[Entry], failures: list[Failure], docs_dir: Path, *,
                 root: Path | None = None) -> SitePages:
    """What every page is made from (no file written yet)."""
    from .render_figures import clear_memo  # noqa: PLC0415

    clear_memo()  # figures are memoised per report object during one rendering
    docs_dir = Path(docs_dir)
    root = Path(root) if root is not None else docs_dir.parent
    copies = _source_files(entries, root)
    site = build_site(entries, failures, {}, {rid: dst for rid, (_, dst) in copies.items()})
    return SitePages(site, docs_dir, root, copies)


BODY_PAGES_PER_PROCESS = 300  # below this, one process (forking costs more than it saves)


def _render_bodies(site: Site, docs_dir: Path, keys: list[str]) -> list[str]:
    from . import render_body  # noqa: PLC0415

    out = []
    for key in keys:
        for rel_path, text in render_body.body_pages(site, site.bodies[key]).items():
            write_if_changed(docs_dir / rel_path, text.encode("utf-8"))
            out.append(rel_path)
    return out


def _remove_stale(docs_dir: Path, keep: set[str]) -> None:
    candidates: list[Path] = []
    for d in GENERATED_DIRS:
        base = docs_dir / d
        if base.is_dir():
            candidates.extend(p for p in base.rglob("*") if p.is_file())
    candidates.extend(docs_dir / f for f in GENERATED_FILES)
    for g in GENERATED_GLOBS:
        candidates.extend(docs_dir.glob(g))
    for p in sorted(set(candidates)):
        if p.is_file() and p.relative_to(docs_dir).as_posix() not in keep:
            p.unlink()
    for d in GENERATED_DIRS:
        base = docs_dir / d
        if base.is_dir():
            for sub in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(sub.iterdir()):
                    sub.rmdir()
