"""Serve a built site the way a static host does, optionally under a sub-path (``--base /lbp/``).

Used by ``make serve``, the browser tests and the benchmark. Static files only: nothing is logged to disk or
stored. A missing page gets the site's own not-found page (``404.html``) with status 404, as GitHub Pages,
Netlify and most static hosts serve it.

With ``gzip=True`` it compresses what real static hosts compress (text, JSON, JavaScript, SVG and
WebAssembly, when the browser accepts gzip) and sends other types (zip, octet-stream, images) as they are,
so bytes and times are those of a real host. ``SiteServer.sent`` counts the bytes of every response body.
"""

from __future__ import annotations

import argparse
import datetime
import email.utils
import functools
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

__all__ = ["COMPRESSED_TYPES", "Sent", "SiteHandler", "SiteServer", "start", "main"]

MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
              ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
              ".webmanifest": "application/manifest+json"}


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/manifest+json",
                    "application/xml", "image/svg+xml", "application/wasm")
"""What static hosts gzip (prefixes of the Content-Type); anything else is sent as it is."""


@dataclass(frozen=True, slots=True)
class Sent:
    """One response: its path (with query), status, and the bytes of its body as sent (compressed)."""

    path: str
    status: int
    body_bytes: int


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    base = "/"
    compress = False
    _gzipped: dict[tuple[str, float], bytes] = {}
    _gzipped_lock = threading.Lock()

    def translate_path(self, path: str) -> str:
        if self.base != "/":
            if not path.startswith(self.base):
                return str(Path(self.directory) / "__outside_base__")
            path = "/" + path[len(self.base):]
        return super().translate_path(path)

    def _compressible(self, path: str) -> bool:
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        return self.guess_type(path).startswith(COMPRESSED_TYPES)

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or not self._compressible(path):
            return super().send_head()
        modified = os.stat(path).st_mtime
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                when = None
            last = datetime.datetime.fromtimestamp(modified, datetime.timezone.utc).replace(microsecond=0)
            if when is not None and when.tzinfo is not None and last <= when:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                self._count(0, HTTPStatus.NOT_MODIFIED)
                return None
        key = (path, modified)
        with self._gzipped_lock:
            body = self._gzipped.get(key)
        if body is None:
            body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            with self._gzipped_lock:
                self._gzipped[key] = body
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        counted = _Counter(outputfile)
        try:
            shutil.copyfileobj(source, counted)
        finally:
            self._count(counted.bytes, HTTPStatus.OK)

    def _count(self, body_bytes: int, status: int) -> None:
        sent = getattr(self.server, "sent", None)
        if sent is not None:
            sent.append(Sent(self.path, int(status), body_bytes))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or self.command not in ("GET", "HEAD") or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(code)  # the standard reason phrase, "Not Found"
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)
            self._count(len(body), code)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


class _Counter:
    """A file-like wrapper that counts what is written through it."""

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self.target.write(data)
        self.bytes += len(data)
        return len(data)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    sent: list[Sent]
    """Every response body sent, in order (list.append is atomic: handler threads add to it)."""

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that navigates away mid-download hangs up; that is not a server error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def start(directory: Path, *, host: str = "127.0.0.1", port: int = 0, base: str = "/",
          mime_types: dict[str, str] | None = None, gzip: bool = False) -> SiteServer:
    """Serve ``directory`` in a background thread; port 0 lets the OS pick one. ``mime_types`` (suffix:
    type) stands in for a host that labels some files differently; ``gzip`` compresses as hosts do."""
    handler = type("Handler", (SiteHandler,), {
        "base": base, "compress": gzip, "_gzipped": {},
        "extensions_map": {**SiteHandler.extensions_map, **(mime_types or {})}})
    server = SiteServer((host, port), functools.partial(handler, directory=str(directory)))
    server.sent = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", default="/", help="serve under this sub-path, e.g. /lbp/")
    parser.add_argument("--gzip", action="store_true", help="compress text and WebAssembly, as hosts do")
    args = parser.parse_args()
    server = start(args.directory, host=args.host, port=args.port, base=args.base, gzip=args.gzip)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
