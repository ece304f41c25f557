"""The committed home-screen icons (``tools/app_icons.py`` draws them from the site's logo and colour): the
right sizes, the logo white on the header's colour, inside the safe zone where a launcher masks it, and
small. That they are what the script draws now is checked in Chromium, with the browser tests
(tests/browser/test_trust_installable.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image

from site_plugins.offline.webmanifest import ICON_SOURCE, ICONS, Icon
from tools.app_icons import GEOMETRY, GLYPH_COLOUR, logo_svg

MAX_BYTES = 6_000
"""Each icon is part of the offline copy every reader downloads."""


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.fixture(scope="module")
def logo_and_background() -> tuple[str, str]:
    return logo_svg()


def _open(icon: Icon) -> Image.Image:
    return Image.open(ICON_SOURCE / icon.file)


@pytest.mark.parametrize("icon", ICONS, ids=lambda icon: icon.file)
def test_each_icon_is_a_small_square_png_of_its_size(icon: Icon) -> None:
    path = ICON_SOURCE / icon.file
    image = _open(icon)
    assert image.format == "PNG"
    assert image.size == (icon.size, icon.size)
    assert path.stat().st_size <= MAX_BYTES


@pytest.mark.parametrize("icon", ICONS, ids=lambda icon: icon.file)
def test_each_icon_is_the_logo_in_white_on_the_headers_colour(
        icon: Icon, logo_and_background: tuple[str, str]) -> None:
    background = _rgb(logo_and_background[1])
    image = _open(icon).convert("RGBA")
    size = icon.size
    pixels = image.load()
    assert pixels is not None
    counts = {colour: n for n, colour in image.getcolors(size * size) or []}
    glyph = counts.get((*_rgb(GLYPH_COLOUR), 255), 0) / size ** 2
    fill = counts.get((*background, 255), 0) / size ** 2
    # The logo covers about a third of its own box; the box is GEOMETRY's fraction of the side.
    box = GEOMETRY[icon.purpose].glyph ** 2
    assert 0.3 * box < glyph < 0.45 * box, glyph
    assert fill > 0.5, fill
    corner = pixels[0, 0]
    if icon.purpose == "any":  # a rounded square: its corners are transparent
        assert corner[3] == 0
    else:  # filled to the edges, and opaque (iOS shows transparency as black)
        assert corner == (*background, 255)
        assert _open(icon).convert("RGBA").getextrema()[3] == (255, 255)


def test_the_maskable_icon_keeps_the_logo_inside_the_safe_zone() -> None:
    """Launchers cut a maskable icon to their own shape; all of it within 40% of the side from the
    centre survives every mask."""
    icon = next(icon for icon in ICONS if icon.purpose == "maskable")
    image = _open(icon).convert("RGBA")
    background = image.getpixel((0, 0))
    size = icon.size
    centre = size / 2
    outside = [(x, y) for y in range(size) for x in range(size)
               if image.getpixel((x, y)) != background
               and math.hypot(x + 0.5 - centre, y + 0.5 - centre) > 0.4 * size]
    assert outside == []


def test_the_icon_folder_holds_only_the_listed_icons() -> None:
    assert sorted(path.name for path in Path(ICON_SOURCE).iterdir()) == sorted(
        icon.file for icon in ICONS)
