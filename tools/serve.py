"""Serve a built site the way a static host does, optionally under a sub-path (``--base /lbp/``).

Used by ``make serve`` and by the browser tests. Static files only: nothing is logged or stored. A missing
page gets the site's own not-found page (``404.html``) with status 404, as GitHub Pages, Netlify and most
static hosts serve it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from http import HTTPStatus
from pathlib import Path

__all__ = ["SiteHandler", "SiteServer", "start", "main"]

MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
              ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
              ".webmanifest": "application/manifest+json"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    base = "/"

    def translate_path(self, path: str) -> str:
        if self.base != "/":
            if not path.startswith(self.base):
                return str(Path(self.directory) / "__outside_base__")
            path = "/" + path[len(self.base):]
        return super().translate_path(path)

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

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that navigates away mid-download hangs up; that is not a server error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def start(directory: Path, *, host: str = "127.0.0.1", port: int = 0, base: str = "/",
          mime_types: dict[str, str] | None = None) -> SiteServer:
    """Serve ``directory`` in a background thread; port 0 lets the OS pick one. ``mime_types`` (suffix:
    type) stands in for a host that labels some files differently."""
    handler = type("Handler", (SiteHandler,), {
        "base": base, "extensions_map": {**SiteHandler.extensions_map, **(mime_types or {})}})
    server = SiteServer((host, port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", default="/", help="serve under this sub-path, e.g. /lbp/")
    args = parser.parse_args()
    server = start(args.directory, host=args.host, port=args.port, base=args.base)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
