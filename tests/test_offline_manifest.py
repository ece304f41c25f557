"""The offline manifest: every built file with its hash and the bytes a host sends, its kind (shell, page,
engine), and a version."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from site_plugins.offline.manifest import build_manifest, kind_of, transfer_size

SHELL = ["index.html", "offline/index.html", "assets/*"]


def _site(tmp_path: Path, *, builds: tuple[str, ...] = ("abc123",)) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "offline").mkdir()
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>" * 50, encoding="utf-8")
    (tmp_path / "offline" / "index.html").write_text("<p>not stored</p>", encoding="utf-8")
    (tmp_path / "guide" / "index.html").write_text("<p>a page</p>", encoding="utf-8")
    (tmp_path / "assets" / "engine.js").write_text("export {};", encoding="utf-8")
    (tmp_path / "assets" / "engine.js.map").write_text("{}", encoding="utf-8")
    for build in builds:
        (tmp_path / "pyodide" / build).mkdir(parents=True)
        (tmp_path / "pyodide" / build / "runtime.zip").write_bytes(b"PK" + bytes(100))
    return tmp_path


def _manifest(site: Path, **options: object) -> dict:
    return build_manifest(site, **{"exclude": ["*.map"], "shell": SHELL, "engine_dir": "pyodide",
                                   "offline_page": "offline/index.html", **options})


def test_lists_every_file_but_the_excluded_ones_each_with_its_kind(tmp_path: Path) -> None:
    manifest = _manifest(_site(tmp_path))
    assert sorted(manifest["files"]) == ["assets/engine.js", "guide/index.html", "index.html",
                                         "offline/index.html", "pyodide/abc123/runtime.zip"]
    assert manifest["shell"] == ["assets/engine.js", "index.html", "offline/index.html"]
    assert manifest["engine"] == {"build": "abc123", "files": ["pyodide/abc123/runtime.zip"]}
    assert manifest["offline_page"] == "offline/index.html"


def test_sizes_are_what_a_host_sends(tmp_path: Path) -> None:
    site = _site(tmp_path)
    sizes = _manifest(site)["sizes"]
    html = (site / "index.html").read_bytes()
    assert sizes["index.html"] == len(gzip.compress(html, compresslevel=6, mtime=0)) < len(html)
    assert sizes["pyodide/abc123/runtime.zip"] == 102  # a zip goes as it is
    assert transfer_size(site / "assets" / "engine.js") == sizes["assets/engine.js"]


@pytest.mark.parametrize(("path", "kind"), [("pyodide/x/a.wasm", "engine"), ("index.html", "shell"),
                                            ("assets/app.js", "shell"), ("guide/index.html", "page")])
def test_kind_of(path: str, kind: str) -> None:
    assert kind_of(path, shell=SHELL, engine_dir="pyodide") == kind


def test_a_changed_shell_is_a_new_version(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert _manifest(site)["version"] != _manifest(site, shell=SHELL[:2])["version"]


def test_two_engine_builds_fail_naming_them(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="abc123, def456"):
        _manifest(_site(tmp_path, builds=("abc123", "def456")))


def test_an_offline_page_outside_the_shell_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="guide/index.html"):
        _manifest(_site(tmp_path), offline_page="guide/index.html")
