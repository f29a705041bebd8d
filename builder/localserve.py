"""Serve a built site on 127.0.0.1 (for the browser test and the benchmark's search probe)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def handle_one_request(self) -> None:  # a closed page may drop its connection
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT/) of ``directory`` served in a thread."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
