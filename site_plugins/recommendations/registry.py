"""The permalink registry: every recommendation ID ever published stays reachable.

``registry/published-ids.txt`` is committed and lists one ID a line (``#`` starts a comment). A published
ID that leaves :mod:`lbp_core` must keep its page through a redirect (mkdocs-redirects); a new ID must be
added to the registry to be published, so the file always lists the full set. The worked cases' pages
follow the same rule with their own file (``registry/case-ids.txt``, checked by the calculator plugin).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError

__all__ = ["aliases", "check_registry", "read_registry"]


def read_registry(path: Path, *, plugin: str = "lbp-recommendations") -> list[str]:
    """The IDs listed in the registry file, in file order."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"{plugin}: registry: cannot read {path}: {error}") from error
    ids = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return [rec_id for rec_id in ids if rec_id]


def check_registry(path: Path, published: Iterable[str], current: Iterable[str],
                   redirects: Mapping[str, str], pages_dir: str, *, noun: str = "recommendation",
                   plugin: str = "lbp-recommendations") -> None:
    """Fail unless every published ID exists or is redirected, and every current ID is published.
    ``noun`` and ``plugin`` name what the IDs are and who checks them, in the message."""
    published, current = list(published), set(current)
    problems = []
    for rec_id in published:
        page = f"{pages_dir}/{rec_id}.md"
        if rec_id not in current and page not in redirects:
            problems.append(
                f"{noun} '{rec_id}' is listed in {path} but no longer exists in lbp_core and "
                f"has no redirect: add '{page}' to redirect_maps of the 'redirects' plugin in "
                f"mkdocs.yml (its published URL must keep working)")
    for rec_id in sorted(current - set(published)):
        problems.append(f"{noun} '{rec_id}' is not listed in {path}: add it there to "
                        f"publish it (the registry must list every published ID)")
    if problems:
        raise PluginError(f"{plugin}: " + "; ".join(problems))


def aliases(published: Iterable[str], current: Iterable[str], redirects: Mapping[str, str],
            pages_dir: str) -> dict[str, tuple[str, ...]]:
    """Current ID -> the withdrawn IDs whose page redirects to its page (their anchors move with it)."""
    current = set(current)
    out: dict[str, list[str]] = {}
    for rec_id in published:
        target = redirects.get(f"{pages_dir}/{rec_id}.md", "").split("#", 1)[0]
        new_id = target.removeprefix(f"{pages_dir}/").removesuffix(".md")
        if rec_id not in current and new_id in current:
            out.setdefault(new_id, []).append(rec_id)
    return {rec_id: tuple(old) for rec_id, old in out.items()}
