"""HTML for what the markers stand for: a recommendation block, citations, the reference list.

Everything here is plain HTML with page-relative links, escaped from the core's text; no script is
inlined and no event handler is written into the markup (the site runs under a strict CSP).
"""

from __future__ import annotations

from html import escape

from lbp_core.guideline import REFERENCES, reference
from lbp_core.model import Concordance, Recommendation

from .labels import AGREEMENT_LABELS, AUDIENCE_LABELS, STANCE_LABELS, reference_label
from .links import Linker, ref_anchor

__all__ = [
    "WORDINGS_MARKER",
    "audience_switch",
    "has_wordings",
    "citation_links",
    "concordance_notes",
    "question_form",
    "recommendation_block",
    "reference_list",
]

_NOT_LISTED = "cited in the source but not listed there"
# Material admonition kind per stance; a red flag is always "danger", whatever its stance.
_ADMONITION = {"recommend": "success", "consider": "info", "avoid": "warning"}


def citation_links(ref_ids: tuple[str, ...], linker: Linker, references_page: str) -> str:
    """Superscript links to the references page, one per cited reference, in the order given."""
    links = []
    for ref_id in ref_ids:
        ref = reference(ref_id)
        title = ref.citation or f"Reference {ref.id}: {_NOT_LISTED}"
        links.append(
            f'<a class="lbp-cite" href="{escape(linker.href(references_page, ref_anchor(ref.id)))}" '
            f'title="{escape(title)}">{escape(reference_label(ref))}</a>')
    return f'<sup class="lbp-cites">{", ".join(links)}</sup>' if links else ""


def concordance_notes(rec: Recommendation, linker: Linker, references_page: str) -> str:
    """One note per concordance entry: where current primary guidance stands, with its citations."""
    return "".join(_concordance(c, linker, references_page) for c in rec.concordance)


def _concordance(c: Concordance, linker: Linker, references_page: str) -> str:
    cites = citation_links(c.references, linker, references_page)
    return (
        f'<p class="lbp-rec-concordance lbp-rec-concordance--{c.agreement}" data-agreement="{c.agreement}">'
        f'<strong class="lbp-rec-concordance__label">{AGREEMENT_LABELS[c.agreement]}:</strong> '
        f'{escape(c.text)}{cites}</p>')


def recommendation_block(rec: Recommendation, linker: Linker, *, references_page: str,
                         rec_page: str, aliases: tuple[str, ...] = ()) -> str:
    """The anchored block for one recommendation: the element whose ``id`` is the recommendation ID.

    It is a Material admonition (danger for a red flag), so it reads as a unit in light, dark and print.
    ``aliases`` are withdrawn IDs redirected to this one: their old anchors land here too.
    """
    kind = "danger" if rec.red_flag else _ADMONITION[rec.stance]
    classes = (f"lbp-rec lbp-rec--{rec.stance}{' lbp-rec--red-flag' if rec.red_flag else ''} "
               f"admonition {kind}")
    cites = citation_links(rec.citations, linker, references_page)
    flag = '<span class="lbp-rec__flag">Red flag</span> ' if rec.red_flag else ""
    statements = "".join(
        f'<p class="lbp-rec__statement" data-audience="{audience}">'
        f'<span class="lbp-rec__audience">{AUDIENCE_LABELS[audience]} wording: </span>'
        f'{escape(rec.statement(audience))}{cites}</p>\n'  # type: ignore[arg-type]
        for audience in ("clinician", "patient"))
    page = escape(linker.href(rec_page))
    return (
        f'<div class="{classes}" id="{escape(rec.id)}" data-rec="{escape(rec.id)}" '
        f'data-stance="{rec.stance}">\n'
        + "".join(f'<span class="lbp-rec__alias" id="{escape(a)}"></span>' for a in aliases) +
        f'<p class="admonition-title lbp-rec__head">{flag}'
        f'<span class="lbp-rec__stance lbp-stance--{rec.stance}">{STANCE_LABELS[rec.stance]}:</span> '
        f'<a class="lbp-rec__title" href="{page}">{escape(rec.title)}</a></p>\n'
        f'{statements}'
        f'{concordance_notes(rec, linker, references_page)}\n'
        f'<p class="lbp-rec__tools"><button type="button" class="lbp-rec__copy md-button" '
        f'data-lbp-copy="{escape(rec.id)}">Copy link</button> '
        f'<a class="lbp-rec__page" href="{page}">Details and worked cases</a> '
        f'<code class="lbp-rec__id">{escape(rec.id)}</code> '
        f'<span class="lbp-rec__status" role="status" aria-live="polite"></span></p>\n'
        f'</div>')


def reference_list(kind: str) -> str:
    """The references of one kind (``source`` or ``primary``), each under its stable anchor."""
    items = []
    for ref in REFERENCES:
        if ref.kind != kind:
            continue
        if ref.citation is None:
            body = (f'<span class="lbp-ref__missing">Reference {escape(ref.id)} is {_NOT_LISTED}.'
                    '</span> The source document cites this number but its reference list stops '
                    'at 3, so the work cannot be identified. Where a recommendation rests on it '
                    'alone, the recommendation\'s page says so.')
        else:
            body = escape(ref.citation)
        label = f"[{ref.id}]" if kind == "source" else reference_label(ref)
        items.append(f'<li class="lbp-ref lbp-ref--{kind}" id="{ref_anchor(ref.id)}">'
                     f'<strong class="lbp-ref__label">{escape(label)}</strong> {body}</li>')
    tag = "ul"
    return f'<{tag} class="lbp-refs lbp-refs--{kind}">\n' + "\n".join(items) + f"\n</{tag}>"


# A page whose wording the switch changes: it holds statements in both wordings (data-audience), or
# shows them as the reader works (the calculator's results and the question search say so with this).
WORDINGS_MARKER = "data-lbp-wordings"


def question_form(index_url: str) -> str:
    """The offline question field; the script fills the result list from the JSON index."""
    return (
        f'<form class="lbp-ask" role="search" {WORDINGS_MARKER} data-lbp-index="{escape(index_url)}" '
        'action="#" autocomplete="off">\n'
        '<label class="lbp-ask__label" for="lbp-ask-input">Your question</label>\n'
        '<span class="lbp-ask__row"><input class="lbp-ask__input" id="lbp-ask-input" type="search" '
        'name="q" maxlength="300" placeholder="For example: is an MRI needed after a fall?">\n'
        '<button class="lbp-ask__submit md-button md-button--primary" type="submit">Search'
        '</button></span>\n'
        '</form>\n'
        '<p class="lbp-ask__status" role="status" aria-live="polite"></p>\n'
        '<ol class="lbp-ask__results"></ol>')


def has_wordings(html: str) -> bool:
    return 'data-audience="' in html or WORDINGS_MARKER in html


def audience_switch() -> str:
    """The wording switch placed at the top of every page."""
    options = "".join(
        f'<label class="lbp-audience__option"><input type="radio" name="lbp-audience" '
        f'value="{audience}"{" checked" if audience == "clinician" else ""}> {label}</label>'
        for audience, label in AUDIENCE_LABELS.items())
    return (f'<fieldset class="lbp-audience" id="lbp-audience"><legend>Show the wording for'
            f'</legend>{options}</fieldset>')
