"""The worked cases page for educators: each case's story and a link that opens the calculator with it.

Generated from ``lbp_core.worked_cases.WORKED_CASES`` at build time; the calculator link carries the case
in its URL fragment, the same state a clinician can bookmark or share.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import quote

from lbp_core import evaluate
from lbp_core.guideline import recommendation
from lbp_core.worked_cases import WORKED_CASES, WorkedCase

from site_plugins.calculator.links import RecLinks

__all__ = ["case_fragment", "render_cases"]

_STANCE = {"recommend": "Recommend", "consider": "Consider", "avoid": "Avoid"}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def case_fragment(case: dict[str, Any]) -> str:
    """The calculator's URL fragment for a case: ``duration_weeks=8&radicular_symptoms=true``."""
    return "&".join(f"{quote(name)}={quote(_value(value))}" for name, value in case.items())


def _escape_md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def _case(worked: WorkedCase, url: Callable[[str], str], calculator: str, links: RecLinks) -> str:
    href = escape(f"{url(calculator)}#{case_fragment(worked.case)}")
    lines = [f"## {_escape_md(worked.title)} {{#{worked.id}}}", "",
             _escape_md(worked.story), "",
             # The copy button is the recommendations' own (recommendations.js): it copies this
             # case's address on this page, for an educator to share.
             f'<a class="md-button" data-case="{escape(worked.id)}" href="{href}">'
             "Open this case in the calculator</a> "
             f'<button type="button" class="lbp-rec__copy md-button" data-lbp-copy="{escape(worked.id)}">'
             'Copy link to this case</button> <span class="lbp-rec__status" role="status"></span>', "",
             f"Expected: triage **{worked.expected_triage}**, phase **{worked.expected_phase}**. "
             f"The calculator lists {_actions(worked)} for this case; the ones it teaches are:", "",
             "| Stance | Recommendation |", "|---|---|"]
    for _intervention, stance, rec_id in worked.expected:
        anchor = escape(url(links.anchor(rec_id)))
        title = escape(recommendation(rec_id).title)
        lines.append(f'| {_STANCE[stance]} | <a href="{anchor}">{title}</a> |')
    if worked.absent:
        codes = ", ".join(f"`{code}`" for code in worked.absent)
        lines += ["", f"Not in the result (intervention codes, as on the calculator's action cards): {codes}."]
    return "\n".join(lines)


def _actions(worked: WorkedCase) -> str:
    count = len(evaluate(worked.case)["actions"])
    return f"{count} action{'' if count == 1 else 's'}"


def render_cases(*, url: Callable[[str], str], calculator: str, links: RecLinks) -> str:
    """Markdown for every worked case. ``url`` turns a site-root-relative URL into one relative to the
    cases page (raw links, since a case fragment is not an anchor MkDocs could validate); ``calculator``
    is the calculator page's site-root-relative URL."""
    return "\n\n".join(_case(worked, url, calculator, links) for worked in WORKED_CASES) + "\n"
