"""A Content-Security-Policy for each page: scripts only from the site, plus hashes of its inline scripts.

The policy goes in a ``<meta http-equiv>`` tag so it holds on any static host. Inline ``<script>``
elements that carry code (Material's own start-up snippets) are allowed by their sha256 hash; JSON data
blocks are not code and need none.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["POLICY_TEMPLATE", "add_policy", "inline_script_hashes"]

POLICY_TEMPLATE = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs, body = match["attrs"], match["body"]
        if "src=" in attrs or not body.strip() or any(t in attrs for t in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def add_policy(html: str) -> str:
    """Insert the policy as the first element of ``<head>``, before any script can run."""
    hashes = "".join(f" {h}" for h in inline_script_hashes(html))
    meta = (f'<meta http-equiv="Content-Security-Policy" '
            f'content="{POLICY_TEMPLATE.format(hashes=hashes)}">')
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
