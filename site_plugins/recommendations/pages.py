"""Markdown of the generated pages: one per recommendation, and the index that lists them all."""

from __future__ import annotations

from html import escape

from lbp_core import rule_descriptions
from lbp_core.guideline import RECOMMENDATIONS, SECTIONS, reference
from lbp_core.model import Recommendation
from lbp_core.worked_cases import WorkedCase

from .labels import AUDIENCE_LABELS, STANCE_LABELS, reference_label
from .links import Linker, ref_anchor
from .render import citation_links, concordance_notes
from .worked import calculator_fragment

__all__ = ["index_page", "recommendation_page"]

_AUDIENCE_HEADINGS = {"clinician": "For health professionals", "patient": "In plain language"}


def recommendation_page(rec: Recommendation, linker: Linker, *, references_page: str,
                        calculator_page: str | None, cases_page: str | None,
                        cases: list[WorkedCase], history: str = "", citation: str = "") -> str:
    """The page of one recommendation, at ``<pages_dir>/<id>.md``; ``history`` and ``citation`` are the
    HTML of its version history and of how to cite it (:mod:`.history`, :mod:`.cite`)."""
    section = next(s for s in SECTIONS if s.id == rec.section)
    when = rule_descriptions().get(rec.id)
    cites = citation_links(rec.citations, linker, references_page)
    flag = '<span class="lbp-rec__flag">Red flag</span> ' if rec.red_flag else ""
    out = [
        "---", f"title: {_yaml_string(rec.title)}", "---", "",
        f"# {escape(rec.title)}", "",
        f'<p class="lbp-rec__head" data-rec-page="{rec.id}">{flag}<span class="lbp-rec__stance lbp-stance--{rec.stance}">'
        f'{STANCE_LABELS[rec.stance]}</span> <code class="lbp-rec__id">{rec.id}</code> '
        f'<button type="button" class="lbp-rec__copy md-button" data-lbp-copy="">Copy link</button> '
        f'<span class="lbp-rec__status" role="status" aria-live="polite"></span></p>', "",
        "## Statement", "",
    ]
    red = " lbp-rec-page__wording--red-flag" if rec.red_flag else ""
    for audience in ("clinician", "patient"):
        out += [f'<div class="lbp-rec-page__wording{red}" data-audience="{audience}">'
                f'<p class="lbp-rec-page__label">{_AUDIENCE_HEADINGS[audience]} '
                f'<span class="lbp-rec-page__for">({AUDIENCE_LABELS[audience]} wording)</span></p>'
                f'<p class="lbp-rec__text">{escape(rec.statement(audience))}{cites}</p></div>',  # type: ignore[arg-type]
                ""]
    out += ["## Why", "", f'<p class="lbp-rec-page__rationale">{escape(rec.rationale)}</p>', "",
            "## When the calculator applies it", "",
            f'<p class="lbp-rec-page__rule">{escape(when)}</p>' if when else
            '<p class="lbp-rec-page__rule">The calculator does not apply this recommendation by '
            'itself.</p>', "",
            "## Citations", ""]
    out += ['<ul class="lbp-rec-page__citations">'] + [
        f'<li><a class="lbp-cite" href="{escape(linker.href(references_page, ref_anchor(ref_id)))}">'
        f'[{escape(reference_label(reference(ref_id)))}]</a> '
        f'{escape(reference(ref_id).citation or "Cited in the source but not listed there.")}</li>'
        for ref_id in rec.citations] + ["</ul>", ""]
    out += ["## Current primary guidance", "",
            concordance_notes(rec, linker, references_page) or
            '<p class="lbp-rec-concordance lbp-rec-concordance--none">No comparison with primary guidance is '
            'recorded for this recommendation.</p>', ""]
    out += ["## Where it sits in the guidance", "",
            f'<p class="lbp-rec-page__place">Section <em>{escape(section.title)}</em>: '
            f'<a class="lbp-rec-page__anchor" href="{escape(linker.href(section.page, rec.id))}">'
            f'read it in context</a>.</p>', ""]
    out += ["## Worked cases that trigger it", ""]
    if not cases:
        out += ['<p class="lbp-rec-page__cases-none">No worked case triggers it.</p>', ""]
    else:
        out += ['<ul class="lbp-rec-page__cases">']
        for case in cases:
            link = ""
            if calculator_page:
                href = linker.href(calculator_page) + "#" + calculator_fragment(case.case)
                link = (f' <a class="lbp-case-link" data-case="{escape(case.id)}" '
                        f'href="{escape(href)}">Open in the calculator</a>')
            title = f"<strong>{escape(case.title)}</strong>"
            if cases_page:  # the write-up, with the points the case teaches
                title = (f'<a class="lbp-case-writeup" href="{escape(linker.href(cases_page, case.id))}">'
                         f"{title}</a>")
            out.append(f'<li id="case-{escape(case.id)}">{title}. {escape(case.story)}{link}</li>')
        out += ["</ul>", ""]
    if history:
        out += ["## Version history", "", history, ""]
    if citation:
        out += ["## Cite this recommendation", "", citation, ""]
    return "\n".join(out)


def index_page(pages_dir: str) -> str:
    """The index of every recommendation, grouped by section, at ``<pages_dir>/index.md``."""
    up = "../" * (pages_dir.count("/") + 1)
    out = ["---", "title: All recommendations", "---", "", "# All recommendations", "",
           f"Every recommendation of this guidance ({len(RECOMMENDATIONS)} in all), each with a "
           "permanent page of its own. The ID under each title never changes; link to it freely.",
           ""]
    for section in SECTIONS:
        recs = [r for r in RECOMMENDATIONS if r.section == section.id]
        if not recs:
            continue
        # Three columns, the ID under the title: on a phone a fourth column was off-screen.
        out += [f"## {section.title}", "", "| Recommendation and ID | Stance | In context |",
                "|---|---|---|"]
        out += [f"| [{_md_text(r.title)}]({r.id}.md){{ .lbp-index__link }}<br>"
                f'<code class="lbp-index__id" id="{r.id}">{r.id}</code> | '
                f"{STANCE_LABELS[r.stance]}{' (red flag)' if r.red_flag else ''} | "
                f"[{_md_text(section.title)}]({up}{section.page}#{r.id}) |" for r in recs]
        out.append("")
    return "\n".join(out)


def _md_text(text: str) -> str:
    return escape(text).replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
