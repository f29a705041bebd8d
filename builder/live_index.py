"""Pagefind's index, built beside MkDocs as it reads the pages (the build's second core).

``pagefind --site site`` reads every page again after ``mkdocs build`` and indexes it on the
same critical path. This MkDocs plugin (``gd-pagefind`` in mkdocs.yml) hands each page to a
Pagefind service process as soon as MkDocs has converted its Markdown (the first half of a
build), so the indexing runs beside MkDocs; once every page is read it asks for the index,
which the service builds while MkDocs renders the pages with the theme, and writes
``site/pagefind/`` at the end of the build. Pagefind reads only the ``data-pagefind-body``
element (overrides/main.html) and the page's language: the plugin sends that element as the
theme fills it (Material's content block: an ``<h1>`` of the title when the page has none, then
the page's HTML). The pages indexed and what Pagefind reads from them are those of
``pagefind --site`` (a test compares the two indexes' records).

It is active only when ``GD_PAGEFIND=1`` (``builder build`` sets it); a bare ``mkdocs build``
or ``mkdocs serve`` builds no Pagefind index, as before.

The service speaks Pagefind's own protocol (base64 JSON messages ended by ``,`` on stdin and
stdout, as the ``pagefind`` Python package does); the package's asyncio client reads one
answer per 0.1 s, which would take 100 s for 1,000 pages, so this client sends without
waiting and a thread reads the answers.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .files import write_atomic

ENV = "GD_PAGEFIND"
#: the Pagefind service's niceness beside MkDocs (coreutils' nice; as the downloads' child)
SERVICE_NICENESS = 10


class PagefindService:
    """A ``pagefind --service`` process with one index."""

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PluginError("pagefind binary not found / 未找到 pagefind (pip install "
                              "'pagefind[extended]')")
        cmd = [str(binary), "--service"]
        if nice := shutil.which("nice"):
            # MkDocs, one thread, is the build's critical path; the service indexes on several
            # threads, which took time from MkDocs's core: at a lower priority it has the
            # other core and what MkDocs leaves, and its index is still done with MkDocs
            cmd = [nice, "-n", str(SERVICE_NICENESS), *cmd]
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._next = 0
        self._lock = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._files: int | None = None  # the message asking for the index, once sent
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        answer = self._wait(self._send({"type": "NewIndex", "config": None}))
        self._index = answer["index_id"]

    def _send(self, payload: dict[str, Any]) -> int:
        self._next += 1
        message = {"message_id": self._next, "payload": payload}
        assert self._proc.stdin is not None
        data = json.dumps(message, ensure_ascii=False).encode("utf-8")
        try:
            self._proc.stdin.write(base64.b64encode(data) + b",")
        except (BrokenPipeError, ValueError):
            raise PluginError("pagefind failed / 搜索索引构建失败: the service stopped "
                              f"(exit code {self._proc.poll()})") from None
        return self._next

    def _read(self) -> None:
        assert self._proc.stdout is not None
        parts: list[bytes] = []  # of a message not yet ended (GetFiles' answer is megabytes)
        while True:
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                break
            parts.append(chunk)
            if b"," not in chunk:
                continue
            *messages, rest = b"".join(parts).split(b",")
            parts = [rest] if rest else []
            for raw in messages:
                answer = json.loads(base64.b64decode(raw))
                if answer is None:
                    continue
                payload = answer.get("payload") or {}
                with self._lock:
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message")))
                    self._answers[answer.get("message_id") or 0] = payload
                    self._lock.notify_all()
        with self._lock:
            self._answers[-1] = {}  # the service has stopped
            self._lock.notify_all()

    def _wait(self, message_id: int) -> dict[str, Any]:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader sees the service stop
        with self._lock:
            self._lock.wait_for(lambda: message_id in self._answers or -1 in self._answers
                                or bool(self._errors))
            if self._errors or message_id not in self._answers:
                raise PluginError("pagefind failed / 搜索索引构建失败: "
                                  + ("; ".join(self._errors[:5]) or "the service stopped"))
            return self._answers[message_id]

    def add_html(self, url: str, html: str) -> None:
        self._send({"type": "AddFile", "index_id": self._index, "url": url,
                    "file_path": None, "file_contents": html})

    def request_files(self) -> None:
        """Ask for the index once every page sent has been indexed (the service builds it
        meanwhile; ``write`` waits for it)."""
        self._files = self._send({"type": "GetFiles", "index_id": self._index})
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader sees the service stop

    def write(self, output: Path) -> None:
        """Write the index (request_files first, else now). The service hands over the
        files' contents and this process writes them: the service's own WriteFiles answers
        before its files are all on disk, and a service stopped then leaves them cut short."""
        last = self._files or self._send({"type": "GetFiles", "index_id": self._index})
        answer = self._wait(last)
        with self._lock:
            missing = [i for i in range(2, last) if i not in self._answers]
        if missing or answer.get("type") != "GetFiles":
            raise PluginError(f"pagefind failed / 搜索索引构建失败: {len(missing)} page(s) "
                              "not indexed")
        if output.exists():
            shutil.rmtree(output)
        for item in answer["files"]:
            write_atomic(output / item["path"], base64.b64decode(item["content"]))

    def close(self) -> None:
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=5)


def _document(content: str, page: Any, config: Any) -> str:
    """What Pagefind reads of a page, as the theme will write it: the language of
    ``<html lang>`` and the data-pagefind-body element around Material's content block (its
    tags, actions, source-file, feedback and comments partials are empty on this site)."""
    title = page.title or config["site_name"]
    h1 = "" if "<h1" in content else f"<h1>{escape(title)}</h1>"
    return (f'<!doctype html><html lang="{escape(config["theme"]["language"])}"><head>'
            f'<meta charset="utf-8"><title>{escape(title)}</title></head><body>'
            f"<div data-pagefind-body>{h1}{content}</div></body></html>")


class LivePagefindPlugin(BasePlugin):
    """mkdocs.yml: ``plugins: [gd-pagefind]``; active when GD_PAGEFIND=1."""

    def __init__(self) -> None:
        super().__init__()
        self._service: PagefindService | None = None

    def on_pre_build(self, config: Any) -> None:
        if os.environ.get(ENV) == "1":
            self._service = PagefindService()

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # pages without data-pagefind-body (pagefind: false) are not indexed by Pagefind
        # either, once any page has one: they are not sent
        if self._service is not None and page.meta.get("pagefind") is not False:
            self._service.add_html("/" + page.url, _document(html, page, config))
        return html

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self._service is not None:  # every page has been read: the index is built now
            self._service.request_files()
        return env

    def on_post_build(self, config: Any) -> None:
        if self._service is None:
            return
        try:
            self._service.write(Path(config["site_dir"]) / "pagefind")
        finally:
            self._service.close()
            self._service = None

    def on_build_error(self, error: Exception) -> None:
        if self._service is not None:
            self._service.close()
            self._service = None
