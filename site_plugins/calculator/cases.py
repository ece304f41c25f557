"""The worked cases page for educators: each case's story, a link to its exercise page (``cases/<id>/``,
where a student predicts before seeing the answer), a link that opens the calculator with it, and the
points it teaches, folded away as an answer key so that a student is not shown them first.

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

ANSWER_ANCHOR = "answer"  # the case page's fragment that shows the answer (teach.py)

__all__ = ["ANSWER_ANCHOR", "case_fragment", "render_cases"]

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


def _case(worked: WorkedCase, url: Callable[[str], str], calculator: str, links: RecLinks,
          case_page: Callable[[str], str] | None) -> str:
    href = escape(f"{url(calculator)}#{case_fragment(worked.case)}")
    exercise = ""
    answer = ""
    if case_page is not None:
        page = url(case_page(worked.id))
        exercise = (f'<a class="md-button md-button--primary" data-case-page="{escape(worked.id)}" '
                    f'href="{escape(page)}">Try it: predict, then see the answer</a> ')
        answer = (f' <a data-case-answer="{escape(worked.id)}" href="{escape(page)}#{ANSWER_ANCHOR}">Link '
                  "straight to the answer</a> (the exercise page with the answer shown).")
    lines = [f"## {_escape_md(worked.title)} {{#{worked.id}}}", "",
             _escape_md(worked.story), "",
             # The copy button is the recommendations' own (recommendations.js): it copies this
             # case's address on this page, for an educator to share.
             f'{exercise}<a class="md-button" data-case="{escape(worked.id)}" href="{href}">'
             "Open this case in the calculator</a> "
             f'<button type="button" class="lbp-rec__copy md-button" data-lbp-copy="{escape(worked.id)}">'
             'Copy link to this case</button> <span class="lbp-rec__status" role="status"></span>', "",
             # Folded: a student reading this page decides before seeing what the case teaches.
             '<details class="lbp-case-key" markdown="1">',
             "<summary>Answer key: what the case teaches</summary>", "",
             f"Expected: triage **{worked.expected_triage}**, phase **{worked.expected_phase}**. "
             f"The calculator lists {_actions(worked)} for this case; the ones it teaches are:{answer}", "",
             "| Stance | Recommendation |", "|---|---|"]
    for _intervention, stance, rec_id in worked.expected:
        anchor = escape(url(links.anchor(rec_id)))
        title = escape(recommendation(rec_id).title)
        lines.append(f'| {_STANCE[stance]} | <a href="{anchor}">{title}</a> |')
    if worked.absent:
        codes = ", ".join(f"`{code}`" for code in worked.absent)
        lines += ["", f"Not in the result (intervention codes, as on the calculator's action cards): {codes}."]
    lines += ["", "</details>"]
    return "\n".join(lines)


def _actions(worked: WorkedCase) -> str:
    count = len(evaluate(worked.case)["actions"])
    return f"{count} action{'' if count == 1 else 's'}"


def render_cases(*, url: Callable[[str], str], calculator: str, links: RecLinks,
                 case_page: Callable[[str], str] | None = None) -> str:
    """Markdown for every worked case. ``url`` turns a site-root-relative URL into one relative to the
    cases page (raw links, since a case fragment is not an anchor MkDocs could validate); ``calculator``
    is the calculator page's site-root-relative URL; ``case_page`` gives a case's own page's."""
    return "\n\n".join(_case(worked, url, calculator, links, case_page) for worked in WORKED_CASES) + "\n"
