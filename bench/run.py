"""Benchmark the whole build on N generated reports.

    python bench/run.py N [--work DIR] [--search] [--jobs J]

Times every stage (read+parse+check on one core, packages+validation, downloads, pages,
`mkdocs build` with Pagefind indexing beside it), then a bare `mkdocs build` of the same
generated pages, so that the overhead of our own stages is a ratio that holds on a noisy
machine; the rebuild of the
data packages after one report changed; peak memory; the sizes of the site, the search index
and a typical township page; and with --search the time to the first result of a Chinese
query in headless Chromium and the bytes downloaded before it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from builder import build as build_mod  # noqa: E402
from builder import package  # noqa: E402
from builder.localserve import serve  # noqa: E402


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _mb(n: float) -> str:
    return f"{n / 1048576:.1f} MB"


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


class TreeMemory:
    """The peak memory of a process and all its descendants at once (MkDocs and the Pagefind
    service run side by side), sampled every 0.2 s from /proc. Each process counts its
    proportional set size (Pss): pages that forked processes share are counted once, not
    once in each (as summing their resident sizes would)."""

    def __init__(self, pid: int | None = None) -> None:
        import threading

        self.pid = pid or os.getpid()
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                try:
                    todo += [int(c) for c in task.read_text().split()]
                except OSError:
                    pass
        return out

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            total = 0
            for pid in self._tree(self.pid):
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                except OSError:
                    continue
                for line in rollup.splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            self.peak_mb = max(self.peak_mb, total / 1024)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def prepare(work: Path, n: int) -> None:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, work / name)
    for name in ("overrides",):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, work / name)
    subprocess.run(["git", "ls-files", "-z", "docs"], cwd=ROOT, check=True, capture_output=True)
    tracked = subprocess.run(["git", "ls-files", "-z", "docs"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split("\0")
    for rel in filter(None, tracked):
        dst = work / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, dst)
    generate(n, work)


def parse_speed_by_kind(count: int = 200) -> dict[str, float]:
    """Reports per second of read + parse + check (``parse_file``'s work, from bytes) on one
    core, per kind of input: each text layout, and HTML as clean markup, as Word saves it and
    as site editors write it (real corpora are mostly the last two)."""
    import random

    from builder import synth
    from builder.parse import parse_document
    from builder.read import text_document
    from builder.read_html import read_html

    specs = [synth.random_spec(random.Random(i)) for i in range(count)]
    kinds = {layout: (text_document, [synth.render_text(s, layout).encode("utf-8")
                                      for s in specs]) for layout in synth.LAYOUTS}
    kinds.update({f"html-{style}": (read_html, [synth.saved_html(s, style) for s in specs])
                  for style in synth.HTML_STYLES})
    out = {}
    for kind, (reader, pages) in kinds.items():
        t0 = time.perf_counter()
        for data in pages:
            report = parse_document(reader(data, kind))
            assert report.complete, (kind, report.errors[:1])
        out[kind] = round(count / (time.perf_counter() - t0), 1)
    return out


def clean_clone_state(work: Path) -> None:
    """What a fresh clone of the work folder has: no parse cache, site or generated page."""
    from builder import render

    for d in (".cache", "site", "site-bare"):
        shutil.rmtree(work / d, ignore_errors=True)
    docs = work / "docs"
    for d in (*render.GENERATED_DIRS, "downloads"):
        shutil.rmtree(docs / d, ignore_errors=True)
    for f in render.GENERATED_FILES:
        (docs / f).unlink(missing_ok=True)
    for g in render.GENERATED_GLOBS:
        for p in docs.glob(g):
            p.unlink()


def timed(label: str, results: dict, fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    results[label] = time.perf_counter() - t0
    print(f"  {label:<28} {results[label]:8.1f} s", flush=True)
    return out


def search_probe(site: Path, queries: list[str]) -> list[dict]:
    """Open the search page in headless Chromium (a fresh, cold browser context per query),
    type the query, and measure the time to the first result and the bytes downloaded from
    the moment the query was typed."""
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        for q in queries:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "find/")
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            page.on("requestfinished", lambda r, s=sizes: s.append(
                (r.sizes() or {}).get("responseBodySize", 0)))
            box = page.locator("form[data-gd-search] input[type=search]")
            t0 = time.perf_counter()
            box.fill(q)
            box.press("End")
            first = page.wait_for_selector(".gd-results a.gd-r-title", timeout=60000)
            dt = time.perf_counter() - t0
            kb = round(sum(sizes) / 1024)
            row = {"query": q, "seconds": round(dt, 3), "kb_downloaded": kb,
                   "first": first.inner_text()}
            # a glossary term or a name comes first; the full-text hits are timed apart
            if page.locator(".gd-r-names a, .gd-r-terms a").count():
                try:
                    page.wait_for_selector(".gd-r-text a.gd-r-title", timeout=60000)
                    row["fulltext_seconds"] = round(time.perf_counter() - t0, 3)
                    row["fulltext_kb_downloaded"] = round(sum(sizes) / 1024)
                except Exception:  # noqa: BLE001 - no full-text hit at all
                    row["fulltext_seconds"] = None
            else:
                row["fulltext_seconds"] = row["seconds"]
            out.append(row)
            context.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=0, help="parse processes for the full build")
    ap.add_argument("--search", action="store_true", help="also measure search in Chromium")
    ap.add_argument("--repeat", type=int, default=1,
                    help="times to run `builder build` from a clean state, each followed by a "
                         "bare mkdocs build of its pages")
    args = ap.parse_args()
    work = args.work or Path("/tmp") / f"bench-{args.n}"
    print(f"N = {args.n}, work = {work}, cores = {os.cpu_count()}", flush=True)
    t = {}
    timed("generate", t, prepare, work, args.n)
    kinds = parse_speed_by_kind()
    print("  parse_file by kind (reports/s, one core): "
          + ", ".join(f"{k} {v:.0f}" for k, v in kinds.items()), flush=True)
    # read + parse + check on one core, no cache: the parser's throughput
    result = timed("read+parse+check (1 core)", t, build_mod.collect, work, use_cache=False,
                   jobs=1)
    # the build's own parse: all cores, filling the cache; the later stages get its entries,
    # as in `builder build` (reports travel pickled from the workers and are unpickled lazily)
    result = timed("parse (all cores, cache)", t, build_mod.collect, work, jobs=args.jobs)
    entries = result.entries
    rendered = timed("package: render tables", t, package.render, entries)
    timed("package: write", t, package.write_datapackage, rendered, work / "datapackage",
          reports=False)
    errors = timed("package: validate corpus", t, package.validate_package,
                   work / "datapackage" / "datapackage.json")
    assert not errors, errors[:5]
    # as `builder build` does it: the downloads in a child process while the pages render and
    # MkDocs runs (it waits for the downloads page, which shows their sizes); Pagefind beside
    # MkDocs up to LIVE_PAGEFIND_MAX_PAGES bodies, after it above (memory)
    downloads = timed("pages (downloads begun)", t, build_mod.start_pages, work, entries,
                      result.failures, rendered)
    live = len({e.meta.body_id for e in entries}) <= build_mod.LIVE_PAGEFIND_MAX_PAGES
    timed("mkdocs build + Pagefind" if live else "mkdocs build", t, build_mod.run_mkdocs, work,
          live_pagefind=live, downloads_pid=downloads.pid)

    def finish_downloads() -> None:
        try:
            downloads.next()
        finally:
            downloads.close()
        build_mod.publish_downloads(work)

    timed("downloads: wait, publish", t, finish_downloads)
    if not live:
        timed("pagefind (after mkdocs)", t, build_mod.run_pagefind, work)
    timed("bare mkdocs build (same pages)", t, build_mod.run_mkdocs, work, live_pagefind=False,
          site_dir="site-bare")
    # one report changes: `builder build --no-site` rebuilds the data packages from the cache
    victim = next((work / "content").rglob("*.txt"))
    # the command itself in a fresh process (this one holds the corpus), Python's start-up
    # included: timing the package stages apart once missed the command unpickling every
    # report to list the incomplete ones. Three times: right after the builds (the files
    # the previous steps pushed out of the page cache are read from disk) and twice warm.
    rebuilds = []
    for _ in range(3):
        text = victim.read_text("utf-8")
        victim.write_text(text.replace("政府信息公开", "政府信息公开 ", 1), "utf-8")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "builder", "build", "--no-site", "--root",
                        str(work)], check=True, capture_output=True)
        rebuilds.append(time.perf_counter() - t0)
    t["rebuild packages after one change"] = rebuilds[0]
    print(f"  {'rebuild packages, 1 changed':<28} {rebuilds[0]:8.1f} s (then "
          f"{rebuilds[1]:.1f} s, {rebuilds[2]:.1f} s warm)")

    n = len(entries)
    # what `builder build` runs besides mkdocs (validation is the test suite's, not the build's)
    # our stages: all the build takes beyond a bare `mkdocs build` of the same pages (so
    # Pagefind beside MkDocs counts for what it slows MkDocs down)
    site_stages = (t["mkdocs build + Pagefind"] if live
                   else t["mkdocs build"] + t["pagefind (after mkdocs)"])
    full = (t["parse (all cores, cache)"] + t["package: render tables"] + t["package: write"]
            + t["pages (downloads begun)"] + site_stages + t["downloads: wait, publish"])
    own = full - t["bare mkdocs build (same pages)"]
    bodies = sorted((work / "site" / "bodies").glob("*/index.html"))
    page_sizes = [p.stat().st_size for p in bodies]
    material_index = work / "site" / "search" / "search_index.json"
    own_mb, child_mb = _peak_mb()
    # the command itself, in a fresh process, from what a clean clone has (no parse cache, no
    # generated pages, no site): first once for the peak memory of all its processes at once
    # (the parse workers, the downloads, MkDocs, Pagefind; sampling /proc every 0.2 s costs
    # the build CPU, so this run is not timed), then --repeat times for its wall time, each
    # followed by a bare `mkdocs build` of the pages it generated: the pairs give the
    # command's own share of a full build on a noisy machine.
    def builder_build(memory: bool = False) -> tuple[float, float]:
        clean_clone_state(work)
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "builder", "build", "--root", str(work)],
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sampler = TreeMemory(proc.pid) if memory else None
        assert proc.wait() == 0
        return time.perf_counter() - t0, sampler.stop() if sampler else 0.0

    _, tree_mb = builder_build(memory=True)
    print(f"  {'builder build, memory':<28} {tree_mb / 1024:8.1f} GB", flush=True)
    pairs = []
    for _ in range(args.repeat):
        command, _ = builder_build()
        t0 = time.perf_counter()
        build_mod.run_mkdocs(work, live_pagefind=False, site_dir="site-bare")
        bare = time.perf_counter() - t0
        pairs.append((command, bare))
        print(f"  {'builder build, clean state':<28} {command:8.1f} s; bare mkdocs build "
              f"{bare:.1f} s: {(command - bare) / command:.1%} our own", flush=True)
    t["builder build (fresh process, no cache)"] = statistics.median(c for c, _ in pairs)
    summary = {
        "n": n,
        "incomplete": sum(1 for e in entries if not e.report.complete),
        "parse_reports_per_second_one_core": round(n / t["read+parse+check (1 core)"], 1),
        "parse_file_reports_per_second_by_kind": kinds,
        "own_stages_seconds": round(own, 1),
        "validate_corpus_seconds": round(t["package: validate corpus"], 1),
        "pagefind": "beside mkdocs" if live else "after mkdocs",
        "mkdocs_and_pagefind_seconds": round(site_stages, 1),
        "bare_mkdocs_seconds": round(t["bare mkdocs build (same pages)"], 1),
        "own_share_of_full_build": round(own / full, 3),
        "own_over_bare_mkdocs": round(own / t["bare mkdocs build (same pages)"], 3),
        "full_build_seconds": round(full, 1),
        "rebuild_packages_after_one_change_seconds": [round(x, 2) for x in rebuilds],
        "peak_memory_mb_builder": round(own_mb),
        "peak_memory_mb_largest_child": round(child_mb),
        "builder_build_seconds": round(t["builder build (fresh process, no cache)"], 1),
        "builder_build_peak_memory_mb_all_processes": round(tree_mb),
        "builder_build_and_bare_mkdocs_seconds": [[round(c, 1), round(b, 1)] for c, b in pairs],
        "builder_build_own_share_median": round(statistics.median(
            (c - b) / c for c, b in pairs), 3),
        "site_size": _mb(_size(work / "site")),
        "material_search_index": _mb(_size(material_index)) if material_index.exists() else "-",
        "pagefind_index": _mb(_size(work / "site" / "pagefind")),
        "township_page_median_kb": round(statistics.median(page_sizes) / 1024, 1)
        if page_sizes else None,
        "township_page_max_kb": round(max(page_sizes) / 1024, 1) if page_sizes else None,
        "datapackage_size": _mb(_size(work / "datapackage")),
    }
    if args.search:
        names = [e.meta.body for e in entries[:: max(1, n // 3)]][:3]
        summary["search"] = search_probe(work / "site", names + ["行政处罚", "依申请公开"])
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
