"""Draws the home-screen icons (``site_plugins/offline/icons/``) from the site's logo; their PNGs are committed.

    .venv/bin/python -m tools.app_icons

The logo is the icon the header shows (``theme.icon.logo`` in mkdocs.yml, Material's default
``material/library``), white on the header's colour (the ``lbp-offline`` plugin's ``webapp.theme_color``).
Chromium draws each icon from SVG (the same browser the tests use, see ``tools/chromium.py``); Pillow then
keeps it to a small palette and compresses it, since every icon is part of the offline copy each reader
downloads. Run it again after changing the logo, the colour or ``ICONS``; ``tests/test_app_icons.py``
checks the committed files against ``ICONS`` and ``GEOMETRY``.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from site_plugins.offline.webmanifest import ICON_SOURCE, ICONS, Icon
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

__all__ = ["GEOMETRY", "GLYPH_COLOUR", "PALETTE_COLOURS", "Geometry", "draw", "logo_svg", "main"]

ROOT = Path(__file__).resolve().parents[1]
GLYPH_COLOUR = "#ffffff"
PALETTE_COLOURS = 24
"""Colours kept: the background, the glyph and the shades of their anti-aliased edges."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Geometry:
    """Where the logo sits in an icon of each purpose, as fractions of the icon's size."""

    glyph: float
    """Side of the logo's 24x24 box (Material's icon grid, with its own margin inside)."""
    corner_radius: float
    """Radius of the background's corners; 0 fills the square, edges and corners included."""


GEOMETRY = {
    # A rounded square, shown as it is (desktop launchers, Android's fallback).
    "any": Geometry(glyph=0.625, corner_radius=0.1875),
    # Filled to the edges: each launcher cuts its own shape. The logo's box (0.5 of the side) keeps its
    # drawn part within 0.29 of the side from the centre, inside the safe circle of radius 0.4.
    "maskable": Geometry(glyph=0.5, corner_radius=0.0),
    # iOS rounds the corners itself and shows transparency as black: filled and opaque.
    "apple-touch-icon": Geometry(glyph=0.625, corner_radius=0.0),
}


def logo_svg(config_file: Path = ROOT / "mkdocs.yml") -> tuple[str, str]:
    """(the logo's SVG text, the background colour) as mkdocs.yml sets them."""
    config = load_config(str(config_file))
    icon = (config.theme.get("icon") or {}).get("logo") or "material/library"
    background = config.plugins["lbp-offline"].config.webapp.theme_color
    for folder in config.theme.dirs:
        logo = Path(folder) / ".icons" / f"{icon}.svg"
        if logo.is_file():
            return logo.read_text(encoding="utf-8"), background
    raise SystemExit(f"{config_file}: theme.icon.logo {icon!r} is in none of {config.theme.dirs}")


def _icon_svg(icon: Icon, logo: str, background: str) -> str:
    geometry = GEOMETRY[icon.purpose]
    size = icon.size
    glyph = size * geometry.glyph
    offset = (size - glyph) / 2
    radius = size * geometry.corner_radius
    # The logo's own <svg> nested, resized and coloured: its paths are drawn as Material draws them.
    inner = logo.replace("<svg ", f'<svg x="{offset}" y="{offset}" width="{glyph}" height="{glyph}" '
                                  f'fill="{GLYPH_COLOUR}" ', 1)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}"><rect width="{size}" height="{size}" rx="{radius}" '
            f'fill="{background}"/>{inner}</svg>')


def draw(logo: str, background: str, browser: Browser | None = None) -> dict[str, bytes]:
    """Each icon of ``ICONS`` as optimised PNG bytes, by file name; in ``browser`` if given (the tests'
    own), else in a Chromium started for it."""
    if browser is not None:
        return {icon.file: _draw_one(browser, icon, logo, background) for icon in ICONS}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {icon.file: _draw_one(chromium, icon, logo, background) for icon in ICONS}
        finally:
            chromium.close()


def _draw_one(browser: Browser, icon: Icon, logo: str, background: str) -> bytes:
    page = browser.new_page(viewport={"width": icon.size, "height": icon.size}, device_scale_factor=1)
    try:
        page.set_content("<!doctype html><style>html,body{margin:0;background:transparent}"
                         "svg{display:block}</style>" + _icon_svg(icon, logo, background))
        shot = page.screenshot(omit_background=icon.purpose == "any", type="png")
    finally:
        page.close()
    return _optimise(shot, opaque=icon.purpose != "any")


def _optimise(png: bytes, *, opaque: bool) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB" if opaque else "RGBA")
    small = _to_palette(image, PALETTE_COLOURS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _to_palette(image: Image.Image, colours: int) -> Image.Image:
    """``image`` with a palette of its ``colours`` most frequent colours, kept exactly (the background,
    the logo, the transparent corners); every other colour (a rarer shade of an anti-aliased edge) is
    drawn as the nearest of them. Pillow's own quantizers shift the background by a step (alpha 254)."""
    found: list[tuple[int, tuple[int, ...]]] = image.getcolors(  # type: ignore[assignment]
        image.width * image.height) or []
    counts = sorted(found, reverse=True)
    keep = [colour for _, colour in counts[:colours]]
    index = {colour: i for i, colour in enumerate(keep)}
    for _, colour in counts[colours:]:
        index[colour] = min(range(len(keep)), key=lambda i: sum(
            (a - b) ** 2 for a, b in zip(colour, keep[i], strict=True)))
    out = Image.new("P", image.size)
    pixels: list[tuple[int, ...]] = list(image.get_flattened_data())  # type: ignore[arg-type]
    out.putdata([index[pixel] for pixel in pixels])
    out.putpalette([channel for colour in keep for channel in colour[:3]])
    if image.mode == "RGBA":
        out.info["transparency"] = bytes(colour[3] for colour in keep)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    logo, background = logo_svg()
    ICON_SOURCE.mkdir(exist_ok=True)
    for name, data in draw(logo, background).items():
        (ICON_SOURCE / name).write_bytes(data)
        print(f"{ICON_SOURCE.relative_to(ROOT) / name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
