"""No inline script in any page. (That every page carries the CSP and that nothing a visit does leaves the
site's origin is checked page by page in test_trust_every_page.py.)"""

from __future__ import annotations

from pathlib import Path


def test_no_inline_event_handlers_or_javascript_urls(site_dir: Path) -> None:
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8", errors="replace").lower()
        assert "javascript:" not in text, html
        for handler in (" onclick=", " onload=", " onerror=", " onchange=", " oninput="):
            assert handler not in text, f"{html}: inline {handler.strip()} handler"
