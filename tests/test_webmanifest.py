"""The web app manifest (lbp-offline's ``webapp``): its fields, and a real build at the root and under a
sub-path, linked from every page, its icons copied and precached; bad settings fail naming them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from site_plugins.offline.config import OfflineConfig
from site_plugins.offline.manifest import MANIFEST_NAME
from site_plugins.offline.webmanifest import (APPLE_TOUCH_ICON, ICON_SOURCE, ICONS, WEBMANIFEST_NAME,
                                              build_webmanifest)

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"index.md": "# Home\n", "calculator.md": "# Calculator\n", "safety/privacy.md": "# Privacy\n"}
WEBAPP = {"short_name": "Back pain", "theme_color": "#4051B5", "theme_color_dark": "#1a237e",
          "background_color": "#ffffff", "shortcuts": {"Calculator": "calculator.md"}}
FIELDS = dict(name="Low back pain guidance", short_name="Back pain", description="Guidance.\n  Offline.",
              lang="en", theme_color="#4051b5", background_color="#FFFFFF")


@pytest.mark.parametrize(("site_url", "app_id"), [
    ("https://example.org/", "/"), ("https://example.org/lbp/", "/lbp/"), ("https://example.org", "/"),
    (None, None)])
def test_fields_are_relative_to_the_manifest_and_the_id_is_the_published_path(
        site_url: str | None, app_id: str | None) -> None:
    manifest = build_webmanifest(site_url=site_url, shortcuts={"Calculator": "calculator/"}, **FIELDS)
    assert manifest.get("id") == app_id
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    assert manifest["name"] == "Low back pain guidance" and manifest["short_name"] == "Back pain"
    assert manifest["description"] == "Guidance. Offline."
    assert (manifest["theme_color"], manifest["background_color"]) == ("#4051b5", "#ffffff")
    assert manifest["icons"] == [
        {"src": "assets/lbp-offline/icons/icon-192.png", "sizes": "192x192", "type": "image/png",
         "purpose": "any"},
        {"src": "assets/lbp-offline/icons/icon-512.png", "sizes": "512x512", "type": "image/png",
         "purpose": "any"},
        {"src": "assets/lbp-offline/icons/icon-maskable-512.png", "sizes": "512x512",
         "type": "image/png", "purpose": "maskable"}]
    assert manifest["shortcuts"] == [{"name": "Calculator", "url": "calculator/", "icons": [
        {"src": "assets/lbp-offline/icons/icon-192.png", "sizes": "192x192", "type": "image/png"}]}]
    # Wherever the manifest is served, its start page and scope are the folder it sits in.
    for served_at in ("https://example.org/", "https://example.org/lbp/"):
        manifest_url = served_at + WEBMANIFEST_NAME
        assert urljoin(manifest_url, manifest["start_url"]) == served_at
        assert urljoin(manifest_url, manifest["scope"]) == served_at


@pytest.mark.parametrize(("change", "message"), [
    ({"short_name": "Low back pain"}, "short_name: must be 1 to 12 characters"),
    ({"short_name": " "}, "short_name: must be 1 to 12 characters"),
    ({"theme_color": "indigo"}, "theme_color: must be a colour written #rrggbb, got 'indigo'"),
    ({"background_color": "#fff"}, "background_color: must be a colour written #rrggbb"),
])
def test_bad_fields_fail_naming_the_field(change: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        build_webmanifest(site_url=None, **{**FIELDS, **change})


def test_default_config_loads_without_errors_or_warnings() -> None:
    config = OfflineConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert config.webapp.enabled is True and config.webapp.shortcuts == {}


def _build(tmp_path: Path, *, site_url: str, webapp: dict[str, Any] | None = None,
           site_name: str = "Low back pain guidance") -> Path:
    docs = tmp_path / "docs"
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {"site_name": site_name, "site_description": "Guidance, offline.", "site_url": site_url,
              "theme": {"name": "material", "font": False, "custom_dir": str(ROOT / "overrides")},
              "plugins": ["search", {"lbp-offline": {"webapp": WEBAPP if webapp is None else webapp}}]}
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    cfg = load_config(str(config_file), strict=True, site_dir=str(tmp_path / "site"))
    build(cfg)
    return tmp_path / "site"


@pytest.mark.parametrize(("site_url", "app_id"), [("http://127.0.0.1:8000/", "/"),
                                                  ("https://example.org/lbp/", "/lbp/")])
def test_the_build_writes_the_manifest_and_its_icons_and_precaches_them(
        tmp_path: Path, site_url: str, app_id: str) -> None:
    site = _build(tmp_path, site_url=site_url)
    manifest = json.loads((site / WEBMANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["id"] == app_id
    assert manifest["name"] == "Low back pain guidance" and manifest["short_name"] == "Back pain"
    assert manifest["description"] == "Guidance, offline."
    assert (manifest["start_url"], manifest["scope"]) == ("./", "./")
    assert manifest["theme_color"] == "#4051b5"
    assert manifest["shortcuts"][0]["url"] == "calculator/"
    assert (site / "calculator" / "index.html").is_file()
    for icon in ICONS:
        assert (site / icon.url).read_bytes() == (ICON_SOURCE / icon.file).read_bytes()
    for entry in manifest["icons"]:
        assert (site / entry["src"]).is_file()
    precached = (site / MANIFEST_NAME).read_text(encoding="utf-8")
    for path in [WEBMANIFEST_NAME, *(icon.url for icon in ICONS)]:
        assert f'"{path}"' in precached, path


@pytest.mark.parametrize(("page", "prefix"), [("index.html", ""), ("calculator/index.html", "../"),
                                              ("safety/privacy/index.html", "../../")])
def test_every_page_links_the_manifest_the_colours_and_the_ios_icon(tmp_path: Path, page: str,
                                                                    prefix: str) -> None:
    site = _build(tmp_path, site_url="https://example.org/lbp/")
    head = (site / page).read_text(encoding="utf-8").split("</head>", 1)[0]
    assert f'<link rel="manifest" href="{prefix}{WEBMANIFEST_NAME}">' in head
    assert f'<link rel="apple-touch-icon" href="{prefix}{APPLE_TOUCH_ICON.url}">' in head
    assert re.findall(r'<meta name="theme-color" media="([^"]+)" content="([^"]+)">', head) == [
        ("(prefers-color-scheme: light)", "#4051b5"), ("(prefers-color-scheme: dark)", "#1a237e")]


def test_switched_off_nothing_is_written_or_linked(tmp_path: Path) -> None:
    site = _build(tmp_path, site_url="https://example.org/", webapp={"enabled": False})
    assert not (site / WEBMANIFEST_NAME).exists()
    assert not (site / APPLE_TOUCH_ICON.url).exists()
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert 'rel="manifest"' not in head and 'rel="apple-touch-icon"' not in head


@pytest.mark.parametrize(("webapp", "site_name", "message"), [
    ({}, "Low back pain guidance",
     "site_name 'Low back pain guidance' cannot stand under a home-screen icon: set lbp-offline "
     "webapp.short_name, 1 to 12 characters"),
    ({"short_name": "Lower back pain"}, "Low back pain guidance",
     "lbp-offline webapp.short_name 'Lower back pain' cannot stand under a home-screen icon"),
    ({"short_name": "Back pain", "theme_color_dark": "navy"}, "Low back pain guidance",
     "lbp-offline webapp.theme_color_dark: must be a colour written #rrggbb, got 'navy'"),
    ({"short_name": "Back pain", "shortcuts": {"Cases": "cases.md"}}, "Low back pain guidance",
     "lbp-offline webapp.shortcuts: 'Cases' names 'cases.md', which is not a page of docs/"),
])
def test_bad_settings_fail_the_build_naming_them(tmp_path: Path, webapp: dict[str, Any], site_name: str,
                                                  message: str, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises((PluginError, Abort)) as raised:
        _build(tmp_path, site_url="https://example.org/", webapp=webapp, site_name=site_name)
    # MkDocs logs the plugin's error and raises its own Abort.
    assert f"{tmp_path / 'mkdocs.yml'}: {message}" in f"{raised.value}\n{caplog.text}"


def test_a_short_site_name_is_the_short_name(tmp_path: Path) -> None:
    site = _build(tmp_path, site_url="https://example.org/", webapp={}, site_name="Back pain")
    manifest = json.loads((site / WEBMANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["name"] == manifest["short_name"] == "Back pain"
