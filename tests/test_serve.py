"""The local static server (``make serve``, the browser tests) answers as a static host does."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.serve import start

NOT_FOUND_PAGE = "<!doctype html><h1>Page not found</h1>"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text(NOT_FOUND_PAGE, encoding="utf-8")
    server = start(tmp_path)
    host, port = server.server_address[:2]
    try:
        yield tmp_path, f"http://{host}:{port}"
    finally:
        server.shutdown()


def _error(url: str, method: str = "GET") -> urllib.error.HTTPError:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10)
    return raised.value


def test_a_missing_page_gets_the_sites_not_found_page_with_status_404(served: tuple[Path, str]) -> None:
    _, base = served
    error = _error(f"{base}/recommendations/nsaid/")
    assert error.code == 404
    assert error.headers["Content-Type"] == "text/html; charset=utf-8"
    assert error.read().decode() == NOT_FOUND_PAGE


def test_a_head_request_for_a_missing_page_gets_the_status_and_no_body(served: tuple[Path, str]) -> None:
    _, base = served
    error = _error(f"{base}/nowhere/", method="HEAD")
    assert error.code == 404
    assert int(error.headers["Content-Length"]) == len(NOT_FOUND_PAGE)
    assert error.read() == b""


def test_without_a_not_found_page_the_plain_error_is_kept(served: tuple[Path, str]) -> None:
    site, base = served
    (site / "404.html").unlink()
    error = _error(f"{base}/nowhere/")
    assert error.code == 404
    assert "Page not found" not in error.read().decode()


def test_existing_pages_are_served_as_before(served: tuple[Path, str]) -> None:
    _, base = served
    with urllib.request.urlopen(f"{base}/", timeout=10) as response:
        assert response.status == 200
        assert response.read().decode() == "<h1>Home</h1>"


def test_webassembly_is_served_as_application_wasm_unless_told_otherwise(tmp_path: Path) -> None:
    (tmp_path / "engine.wasm").write_bytes(b"\0asm\1\0\0\0")
    for mime_types, expected in ((None, "application/wasm"),
                                 ({".wasm": "application/octet-stream"}, "application/octet-stream")):
        server = start(tmp_path, mime_types=mime_types)
        try:
            host, port = server.server_address[:2]
            with urllib.request.urlopen(f"http://{host}:{port}/engine.wasm", timeout=10) as response:
                assert response.headers["Content-Type"] == expected
        finally:
            server.shutdown()
