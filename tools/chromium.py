"""How the browser tests and the benchmark launch Debian's Chromium: one definition for both.

Headless Chromium 156 loads and renders its own omnibox pop-up (``chrome://omnibox-popup.top-chrome``, 57
files) in a separate renderer for every new page. That browser chrome is invisible in headless mode and has
nothing to do with the page, yet on a 2-core machine it takes about one core for the first ~600 ms of each
page, just when the page loads. It is switched off so that tests and benchmarks measure the site, not the
browser's own interface. ``LBP_CHROMIUM_OMNIBOX_WEBUI=1`` keeps it (to measure the difference).
"""

from __future__ import annotations

import os

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

_OMNIBOX_WEBUI_OFF = "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 *([] if os.environ.get("LBP_CHROMIUM_OMNIBOX_WEBUI") == "1" else [_OMNIBOX_WEBUI_OFF])]
