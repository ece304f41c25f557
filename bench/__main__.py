"""``make bench``: the core's per-case cost (CPython and Pyodide), then the calculator in Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

from bench import browser, core

SITE = Path(__file__).resolve().parents[1] / "site"


def main() -> int:
    core.print_table(core.run())
    if not (SITE / "calculator" / "index.html").is_file():
        print(f"no built site at {SITE}: run `make site` first", file=sys.stderr)
        return 1
    browser.print_table(browser.run(SITE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
