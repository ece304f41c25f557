"""The Markdown markers the plugin expands, and their expansion.

``{{ rec: <id> }}``
    On a line of its own, at the top level of a page: the anchored block of a recommendation. Every
    recommendation is placed exactly once, on the page its section names.
``{{ see: <id> }}``
    Inline: a link to a recommendation's anchored place, with its title as the text.
``{{ cite: 1, 3 }}``
    Inline: citation links to the references page.
``{{ references: source }}`` / ``{{ references: primary }}``
    The reference list of that kind, each entry under its ``ref-<id>`` anchor.
``{{ question-search }}``
    The offline question field.
``{{ guideline: version }}``
    A fact about the guidance: ``version``, ``source_last_updated``, ``last_reviewed``,
    ``review_status``, ``title`` or ``recommendation_count``.
``{{ cite-guideline }}``
    On a line of its own: how to cite the whole guideline (Vancouver, APA, .bib and .ris).

Markers inside fenced code blocks are left alone. Any other ``{{ name: ... }}`` fails the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape

from mkdocs.exceptions import PluginError

from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, REFERENCES, SECTIONS
from lbp_core.model import Recommendation

from .links import Linker
from .render import citation_links, question_form, recommendation_block, reference_list

__all__ = ["MarkerContext", "expand_markers"]

_MARKER = re.compile(r"\{\{\s*(?P<kind>[a-z][a-z-]*)\s*(?::\s*(?P<arg>[^{}]*?))?\s*\}\}")
_FENCE = re.compile(r"^\s*(```|~~~)")
_GUIDELINE_FIELDS = ("title", "version", "source_last_updated", "last_reviewed", "review_status")


@dataclass(frozen=True)
class MarkerContext:
    """What expanding the markers of one page needs."""

    page: str
    """The page's docs path, for messages and placement checks."""
    linker: Linker
    references_page: str
    pages_dir: str
    index_src: str
    """The docs path of the JSON index the question search reads."""
    place: Callable[[str, str], None]
    """Called with (recommendation ID, page) for each placed block; raises if it is placed twice."""
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Recommendation ID -> withdrawn IDs redirected to it, whose old anchors must still land on it."""
    cite_guideline: Callable[[], str] | None = None
    """The HTML block that cites the whole guideline, for ``{{ cite-guideline }}``."""


def expand_markers(markdown: str, ctx: MarkerContext) -> str:
    """The page's Markdown with every marker replaced."""
    out, fenced = [], False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        out.append(line if fenced else _expand_line(line, number, ctx))
    return "\n".join(out)


def _expand_line(line: str, number: int, ctx: MarkerContext) -> str:
    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], (match["arg"] or "").strip()
        where = f"{ctx.page}:{number}"
        if kind == "rec":
            if line.strip() != match[0]:
                raise PluginError(f"lbp-recommendations: {where}: the marker {match[0]} must stand "
                                  "alone on its own line")
            if line[:1].isspace():
                raise PluginError(f"lbp-recommendations: {where}: the marker {match[0]} must not be "
                                  "indented (a block cannot sit inside a list or admonition)")
            return "\n" + _rec(arg, where, ctx) + "\n"
        if kind == "see":
            rec = _recommendation(arg, where)
            page = next(s.page for s in SECTIONS if s.id == rec.section)
            return f"[{_md_text(rec.title)}]({ctx.linker.md_path(page, rec.id)}){{ .lbp-see }}"
        if kind == "cite":
            refs = tuple(part.strip() for part in arg.split(",") if part.strip())
            known = {r.id for r in REFERENCES}
            unknown = [r for r in refs if r not in known]
            if not refs or unknown:
                raise PluginError(f"lbp-recommendations: {where}: unknown reference "
                                  f"{', '.join(unknown) or '(none given)'} in {match[0]}; known: "
                                  f"{', '.join(sorted(known))}")
            return citation_links(refs, ctx.linker, ctx.references_page)
        if kind == "references":
            if arg not in ("source", "primary"):
                raise PluginError(f"lbp-recommendations: {where}: {match[0]} must name 'source' or "
                                  "'primary'")
            return "\n" + reference_list(arg) + "\n"
        if kind == "question-search":
            return "\n" + question_form(ctx.linker.href(ctx.index_src)) + "\n"
        if kind == "guideline":
            if arg == "recommendation_count":
                return str(len(RECOMMENDATIONS))
            if arg not in _GUIDELINE_FIELDS:
                raise PluginError(f"lbp-recommendations: {where}: unknown guideline field '{arg}'; "
                                  f"known: {', '.join(_GUIDELINE_FIELDS)}, recommendation_count")
            return escape(getattr(GUIDELINE, arg))
        if kind == "cite-guideline" and ctx.cite_guideline is not None:
            if line.strip() != match[0]:
                raise PluginError(f"lbp-recommendations: {where}: the marker {match[0]} must stand "
                                  "alone on its own line")
            return "\n" + ctx.cite_guideline() + "\n"
        raise PluginError(f"lbp-recommendations: {where}: unknown marker {match[0]}; known: rec, "
                          "see, cite, references, question-search, guideline, cite-guideline")

    return _MARKER.sub(replace, line)


def _rec(rec_id: str, where: str, ctx: MarkerContext) -> str:
    rec = _recommendation(rec_id, where)
    section = next(s for s in SECTIONS if s.id == rec.section)
    if section.page != ctx.page:
        raise PluginError(
            f"lbp-recommendations: {where}: recommendation '{rec.id}' belongs to section "
            f"'{section.id}', whose page is {section.page}: place it there and link to it here with "
            f"{{{{ see: {rec.id} }}}}")
    ctx.place(rec.id, ctx.page)
    return recommendation_block(rec, ctx.linker, references_page=ctx.references_page,
                               rec_page=f"{ctx.pages_dir}/{rec.id}.md",
                               aliases=ctx.aliases.get(rec.id, ()))


def _recommendation(rec_id: str, where: str) -> Recommendation:
    for rec in RECOMMENDATIONS:
        if rec.id == rec_id:
            return rec
    raise PluginError(f"lbp-recommendations: {where}: unknown recommendation ID '{rec_id}' "
                      "(not in lbp_core.guideline.RECOMMENDATIONS)")


def _md_text(text: str) -> str:
    return escape(text).replace("[", "&#91;").replace("]", "&#93;")
