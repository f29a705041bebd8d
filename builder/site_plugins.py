"""MkDocs plugin ``gd-downloads``: the downloads page waits for the downloads.

``builder build`` writes the downloads (zips, SQLite) in a child process while MkDocs builds
the pages, and MkDocs leaves ``docs/downloads/`` out (``draft_docs``; the build places it in
``site/`` afterwards). The downloads page shows the files' sizes, so that child writes the
page once the files exist and then ``docs/downloads/.written``. With ``GD_DOWNLOADS_PID``
set (by ``builder.build.run_mkdocs``), MkDocs reads the downloads page only after that mark
says ``ok``; the build stops with the child's message when it says otherwise, or when the
child ended without writing it. A bare ``mkdocs build`` or ``mkdocs serve`` does not wait.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import DOWNLOADS_DONE, DOWNLOADS_PID

DOWNLOADS_PAGE = "downloads.md"
log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a process that ended but was not yet waited for
    by its parent is not running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


def wait_for_downloads(docs_dir: Path, pid: int, poll: float = 0.05) -> None:
    """Return once the downloads are marked written; PluginError when they failed or the
    process writing them ended without saying so."""
    mark = Path(docs_dir) / "downloads" / DOWNLOADS_DONE
    t0 = time.perf_counter()
    while True:
        if mark.is_file():
            break
        if not _running(pid):
            if mark.is_file():  # written just before the process ended
                break
            raise PluginError("下载文件未写完 / the downloads were not written: the process "
                              f"writing them ({pid}) ended without finishing")
        time.sleep(poll)
    waited = time.perf_counter() - t0
    if waited >= 0.1:
        log.info("waited %.1f s for the downloads / 等待下载文件 %.1f 秒", waited, waited)
    status, _, reasons = mark.read_text("utf-8").partition("\n")
    if status.strip() != "ok":
        raise PluginError(reasons.strip() or "下载文件写入失败 / writing the downloads failed")


class DownloadsPagePlugin(BasePlugin):
    """mkdocs.yml: ``plugins: [gd-downloads]``; waits only when GD_DOWNLOADS_PID is set."""

    def on_files(self, files: Any, config: Any) -> Any:
        """The downloads page last of the pages MkDocs reads (it reads them in the order of
        its files, the top folder's first): reading it waits for the downloads, which the
        pages read before it then cover. Read where MkDocs had it, among the first, it made
        MkDocs wait 3.8 s for them at 1,000 reports, doing nothing else."""
        page = files.get_file_from_path(DOWNLOADS_PAGE)
        if page is not None:
            files.remove(page)
            files.append(page)
        return files

    def on_page_read_source(self, page: Any, config: Any) -> str | None:
        pid = os.environ.get(DOWNLOADS_PID)
        if pid and page.file.src_uri == DOWNLOADS_PAGE:
            wait_for_downloads(Path(config["docs_dir"]), int(pid))
        return None  # MkDocs reads the page itself
