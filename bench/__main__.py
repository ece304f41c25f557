"""``make bench``: the core's per-case cost (CPython and Pyodide), then the calculator in Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

from bench import browser, core

SITE = Path(__file__).resolve().parents[1] / "site"


def main() -> int:
    core.print_table(core.run())
    core.print_import_times(core.import_times())
    browser.print_table(browser.run(SITE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
