"""The web app manifest: the site can be put on a phone's home screen (or a desktop) and opened like an app.

Every URL in it is relative to the manifest, which sits at the site root, so one build installs the same
at the root of a host and under a sub-path (``/lbp/``). The icons are the header's logo drawn by
``tools/app_icons.py`` and committed (``ICON_SOURCE``); the service worker precaches them with every other
file, so the installed app opens offline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

__all__ = ["APPLE_TOUCH_ICON", "ICONS", "ICON_DIR", "ICON_SOURCE", "Icon", "SHORT_NAME_MAX",
           "WEBMANIFEST_NAME", "build_webmanifest", "check_colour", "webmanifest_text"]

WEBMANIFEST_NAME = "manifest.webmanifest"
ICON_DIR = "assets/lbp-offline/icons"
ICON_SOURCE = Path(__file__).with_name("icons")
SHORT_NAME_MAX = 12
"""Characters of the name under an icon on a home screen before a launcher cuts it."""

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Icon:
    """One square PNG drawn from the site's logo."""

    file: str
    """Its file name, in ``ICON_SOURCE`` and in the site's ``ICON_DIR``."""
    size: int
    """Width and height, in pixels."""
    purpose: Literal["any", "maskable", "apple-touch-icon"]
    """``any``: the logo on a rounded square, drawn as it is; ``maskable``: the square filled to its
    edges, the logo inside the central circle (40% of the size in radius) that every launcher's mask
    keeps; ``apple-touch-icon``: the square filled and opaque, for iOS (linked from each page, not in
    the manifest)."""

    @property
    def url(self) -> str:
        """Site-relative URL."""
        return f"{ICON_DIR}/{self.file}"


ICONS = (
    Icon(file="icon-192.png", size=192, purpose="any"),
    Icon(file="icon-512.png", size=512, purpose="any"),
    Icon(file="icon-maskable-512.png", size=512, purpose="maskable"),
    Icon(file="apple-touch-icon.png", size=180, purpose="apple-touch-icon"),
)
APPLE_TOUCH_ICON = next(icon for icon in ICONS if icon.purpose == "apple-touch-icon")


def check_colour(value: str, setting: str) -> str:
    """``value`` if it is a ``#rrggbb`` colour, else ValueError naming ``setting``."""
    if not _COLOUR.fullmatch(value):
        raise ValueError(f"{setting}: must be a colour written #rrggbb, got {value!r}")
    return value.lower()


def build_webmanifest(*, name: str, short_name: str, description: str, lang: str, site_url: str | None,
                      theme_color: str, background_color: str,
                      shortcuts: Mapping[str, str] | None = None) -> dict[str, object]:
    """The manifest as a dict; ``shortcuts`` maps a name to a site-relative page URL (``calculator/``).

    >>> manifest = build_webmanifest(name="Low back pain guidance", short_name="Back pain",
    ...     description="", lang="en", site_url="https://example.org/lbp/", theme_color="#4051b5",
    ...     background_color="#ffffff")
    >>> manifest["id"], manifest["start_url"], manifest["scope"]
    ('/lbp/', './', './')
    """
    if not name.strip():
        raise ValueError("site_name: the app needs a name")
    if not short_name.strip() or len(short_name) > SHORT_NAME_MAX:
        raise ValueError(f"short_name: must be 1 to {SHORT_NAME_MAX} characters (a home screen cuts "
                         f"longer names), got {short_name!r}")
    manifest: dict[str, object] = {
        "name": name,
        "short_name": short_name,
        "description": " ".join(description.split()),
        "lang": lang,
        "dir": "ltr",
    }
    # The app's identity: the path it is published at, so two copies on one host (say /lbp/ and
    # /lbp-test/) are two apps. Without site_url it defaults to start_url, which is the same here.
    if site_url:
        manifest["id"] = urlsplit(site_url).path or "/"
    manifest.update({
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": check_colour(theme_color, "theme_color"),
        "background_color": check_colour(background_color, "background_color"),
        "categories": ["medical", "health"],
        "icons": [{"src": icon.url, "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
                   "purpose": icon.purpose} for icon in ICONS if icon.purpose != "apple-touch-icon"],
    })
    if shortcuts:
        small = min((icon for icon in ICONS if icon.purpose == "any"), key=lambda icon: icon.size)
        manifest["shortcuts"] = [
            {"name": label, "url": url,
             "icons": [{"src": small.url, "sizes": f"{small.size}x{small.size}", "type": "image/png"}]}
            for label, url in shortcuts.items()]
    return manifest


def webmanifest_text(manifest: Mapping[str, object]) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
