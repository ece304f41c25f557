"""Build a real MkDocs site in a temporary folder with the recommendations plugin, and read its HTML.

Shared by the plugin tests (``tests/test_site_*.py``); no server or browser needed.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from lbp_core.guideline import RECOMMENDATIONS, SECTIONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REGISTRY = ROOT / "registry" / "published-ids.txt"
# The pages of the guidance site (docs/calculator.md, docs/cases.md and docs/safety/ belong to others).
SITE_PAGES = ("index.md", "algorithm.md", "assessment.md", "first-line.md", "persistent.md",
              "radicular.md", "pitfalls.md", "follow-up.md", "references.md", "ask.md", "about.md")


def engine_settings(site: Path) -> dict[str, Any]:
    """The calculator engine's settings, as the built calculator page carries them."""
    html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div id="lbp-engine-settings" hidden data-json="([^"]*)"></div>', html)
    assert block is not None
    return dict(json.loads(unescape(block.group(1))))


def minimal_pages() -> dict[str, str]:
    """A small docs folder: each section page places its recommendations, nothing else."""
    pages: dict[str, str] = {"index.md": "# Home\n", "calculator.md": "# Calculator\n",
                             "references.md": "# References\n\n{{ references: source }}\n\n"
                                              "{{ references: primary }}\n"}
    for section in SECTIONS:
        text = pages.setdefault(section.page, f"# {section.page}\n")
        pages[section.page] = text + f"\n## {section.title}\n\n" + "".join(
            f"{{{{ rec: {r.id} }}}}\n\n" for r in RECOMMENDATIONS if r.section == section.id)
    return pages


def real_pages() -> dict[str, str]:
    """The site's own guidance pages, with stand-ins for the calculator helper's pages."""
    pages = {name: (DOCS / name).read_text(encoding="utf-8") for name in SITE_PAGES}
    pages.update({"calculator.md": "# Calculator\n", "cases.md": "# Worked cases\n"})
    return pages


@dataclass
class BuiltSite:
    site: Path

    def html(self, url_path: str) -> str:
        path = self.site / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def pages(self) -> dict[str, "ParsedPage"]:
        """Every HTML file, keyed by its path relative to the site."""
        return {p.relative_to(self.site).as_posix(): ParsedPage.of(p.read_text(encoding="utf-8"))
                for p in sorted(self.site.rglob("*.html"))}

    def resolve(self, from_page: str, href: str) -> tuple[str, str] | None:
        """(target HTML path, fragment) of a site-internal link, or None for an external one."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        base = from_page.rsplit("/", 1)[0] + "/" if "/" in from_page else ""
        path = unquote(parts.path)
        if not path:
            return from_page, parts.fragment
        target = _normalise(base + path)
        if target == "" or (self.site / target).is_dir():
            target = (target + "/index.html").lstrip("/")
        return target, parts.fragment


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/".join(out)


@dataclass
class ParsedPage:
    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(tag, attributes) of every element with an href or src."""
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> "ParsedPage":
        parsed = cls()
        collector = _Collector(parsed)
        collector.feed(text)
        return parsed


class _Collector(HTMLParser):
    def __init__(self, into: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.into = into

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.into.elements.append((tag, attributes))
        if "id" in attributes:
            self.into.ids.append(attributes["id"])
        if "href" in attributes or "src" in attributes:
            self.into.links.append((tag, attributes))

    handle_startendtag = handle_starttag


def build_site(tmp_path: Path, pages: dict[str, str], *, plugin: dict[str, Any] | None = None,
               redirects: dict[str, str] | None = None, registry: list[str] | None = None,
               nav: list[Any] | None = None) -> BuiltSite:
    """Write ``pages`` and a config to ``tmp_path``, build strictly, return the built site."""
    docs = tmp_path / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    if "images" not in pages and (DOCS / "images").is_dir():
        shutil.copytree(DOCS / "images", docs / "images")
    (tmp_path / "registry").mkdir(exist_ok=True)
    ids = registry if registry is not None else [r.id for r in RECOMMENDATIONS]
    (tmp_path / "registry" / "published-ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Test", "site_url": "http://127.0.0.1:8000/sub/", "strict": True,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"redirects": {"redirect_maps": redirects or {}}},
                    {"lbp-recommendations": plugin or {}}],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables",
                                {"toc": {"permalink": True}}, "pymdownx.superfences",
                                {"pymdownx.tabbed": {"alternate_style": True}}],
        "validation": {"links": {"anchors": "warn"}},
    }
    if nav is not None:
        config["nav"] = nav
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    cfg = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    build(cfg)
    return BuiltSite(tmp_path / "site")
