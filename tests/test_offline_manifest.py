"""The precache manifest: every built file with its hash, the modules to compile after install, a version."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_plugins.offline.manifest import build_manifest


def _site(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "assets" / "engine.js").write_text("export {};", encoding="utf-8")
    (tmp_path / "assets" / "engine.js.map").write_text("{}", encoding="utf-8")
    return tmp_path


def test_lists_every_file_but_the_excluded_ones(tmp_path: Path) -> None:
    manifest = build_manifest(_site(tmp_path), exclude=["*.map"])
    assert sorted(manifest["files"]) == ["assets/engine.js", "index.html"]
    assert manifest["warm"] == []


def test_warm_modules_are_listed_and_part_of_the_version(tmp_path: Path) -> None:
    site = _site(tmp_path)
    plain = build_manifest(site, exclude=["*.map"])
    warm = build_manifest(site, exclude=["*.map"], warm=["assets/engine.js"])
    assert warm["warm"] == ["assets/engine.js"]
    assert warm["files"] == plain["files"]
    assert warm["version"] != plain["version"]


@pytest.mark.parametrize("path", ["assets/missing.js", "assets/engine.js.map"])
def test_a_warm_module_that_is_not_precached_fails_naming_it(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match=path.replace(".", r"\.")):
        build_manifest(_site(tmp_path), exclude=["*.map"], warm=[path])
