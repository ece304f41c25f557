"""A page per worked case (``cases/<id>/``) with a predict-then-reveal exercise for students.

The page holds the story, the findings and the exercise ``[data-lbp-teach]``: a real form where the
learner picks a triage (``input[name=lbp-predict-triage]``) and ticks the actions they expect
(``input[name=lbp-predict-action]``, the recommendations by short title). The answer is not on the page
(not even hidden): after the learner submits, ``assets/teach-view.js`` asks the calculator's engine, in
the browser, for the core's result for the case and shows it, marking each choice right, missed or extra
(``[data-lbp-reveal]``). The engine is started only then, or once the learner starts on the form, or at
once for an address ending in ``#answer``: arriving on the page downloads nothing of it.

The form's method is ``dialog``: outside a dialog, submitting it goes nowhere, so without the script
(which handles the submit) the learner's choices are never sent, not even to this site.

The root carries the engine's settings as the calculator page does (the ``#lbp-engine-settings`` data
block), and a JSON data block with what the reveal needs to name things
(short titles, links, each rule's ``when``, the triage words): none of it is the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from lbp_core import rule_descriptions
from lbp_core.case import FIELD_SPECS
from lbp_core.guideline import RECOMMENDATIONS, SECTIONS
from lbp_core.note import PHASE_LABELS, STANCE_LABELS, TRIAGE_LABELS
from lbp_core.worked_cases import WorkedCase

from site_plugins.calculator.cases import ANSWER_ANCHOR, case_fragment
from site_plugins.calculator.page import json_data_block
from site_plugins.calculator.catalogue import field_labels
from site_plugins.calculator.links import RecLinks
from site_plugins.calculator.page import json_data_block

__all__ = ["ANSWER_ANCHOR", "TRIAGE_ORDER", "case_page", "findings", "teach_data"]

TRIAGE_ORDER = ("emergency", "urgent", "prompt", "routine")


def _triage_parts(triage: str) -> tuple[str, str]:
    """("Emergency", "a cauda equina sign: refer ..."), from the core's triage label."""
    label, _, advice = TRIAGE_LABELS[triage].partition(" — ")
    return label, advice


def findings(case: Mapping[str, Any]) -> list[str]:
    """The case's inputs as a reader sees them, in the form's order: "Duration of symptoms: 1.5 weeks",
    "Urinary retention" (a ticked box), "Improving on current management: no".

    >>> findings({"duration_weeks": 1, "age_years": 34, "fever": True})
    ['Fever', 'Duration of symptoms: 1 week', 'Age: 34 years']
    """
    out = []
    for name, spec in FIELD_SPECS.items():
        if name not in case:
            continue
        value = case[name]
        if spec.kind == "boolean":
            out.append(spec.label if value else f"{spec.label}: no")
        else:
            unit = spec.unit or ""
            if value == 1:
                unit = unit.removesuffix("s")
            out.append(f"{spec.label}: {value:g}{' ' + unit if unit else ''}")
    return out


def teach_data(case: Mapping[str, Any], links: RecLinks) -> dict[str, Any]:
    """What the reveal needs to name things, site-root-relative links included: never the answer."""
    when = rule_descriptions()
    return {
        "case": dict(case),
        "triage": {triage: dict(zip(("label", "advice"), _triage_parts(triage))) for triage in TRIAGE_ORDER},
        "stances": [[stance, label] for stance, label in STANCE_LABELS.items()],
        "phases": dict(PHASE_LABELS),
        "recommendations": {rec.id: {"short_title": rec.short_title, "title": rec.title,
                                     "page": links.page(rec.id), "anchor": links.anchor(rec.id),
                                     "when": when.get(rec.id, "")} for rec in RECOMMENDATIONS},
        "fields": field_labels(),
    }


def _triage_choices() -> str:
    rows = []
    for triage in TRIAGE_ORDER:
        label, advice = _triage_parts(triage)
        rows.append(f'<label class="lbp-teach__choice"><input type="radio" name="lbp-predict-triage" '
                    f'value="{triage}" required> <strong>{escape(label)}</strong>: {escape(advice)}</label>')
    return "".join(rows)


def _action_choices() -> str:
    groups = []
    for section in SECTIONS:
        recs = [rec for rec in RECOMMENDATIONS if rec.section == section.id]
        if not recs:
            continue
        boxes = "".join(f'<label class="lbp-teach__choice"><input type="checkbox" name="lbp-predict-action" '
                        f'value="{escape(rec.id)}"> {escape(rec.short_title)}</label>' for rec in recs)
        groups.append(f'<fieldset class="lbp-teach__group"><legend>{escape(section.title)}</legend>'
                      f"{boxes}</fieldset>")
    return "".join(groups)


def case_page(worked: WorkedCase, *, url: Callable[[str], str], calculator: str, cases_index: str,
              settings: Mapping[str, Any], links: RecLinks) -> str:
    """The Markdown of ``cases/<id>.md``. ``url`` turns a site-root-relative URL into one relative to
    this page; ``calculator`` and ``cases_index`` are site-root-relative; ``settings``: the engine's
    settings (the calculator plugin's ``engine_settings``), carried as the calculator page carries them."""
    calculator_href = escape(f"{url(calculator)}#{case_fragment(worked.case)}")
    items = "".join(f"<li>{escape(item)}</li>" for item in findings(worked.case))
    title = worked.title.replace("\\", "\\\\").replace('"', '\\"')
    return f"""---
title: "Worked case: {title}"
---

# {escape(worked.title)}

<p class="lbp-case__lead">Worked case <code>{escape(worked.id)}</code>. Read the case, decide how urgent it is
and what you would expect the calculator to list, then show the answer. The answer is worked out in your
browser by the calculator's engine; nothing you choose is kept or sent anywhere.
<button type="button" class="lbp-rec__copy md-button" data-lbp-copy="">Copy link to this exercise</button>
<span class="lbp-rec__status" role="status" aria-live="polite"></span></p>

## The case

<p class="lbp-case__story">{escape(worked.story)}</p>

<ul class="lbp-case__findings" data-lbp-findings>{items}</ul>

<p class="lbp-case__absent">Any finding not listed is absent: the calculator reads it as no.</p>

## Your prediction

<section class="lbp-teach" data-lbp-teach data-case-id="{escape(worked.id)}" aria-label="Exercise">
{json_data_block("lbp-engine-settings", settings)}
<form class="lbp-teach__form" method="dialog" novalidate>
<fieldset class="lbp-teach__triage" aria-describedby="lbp-teach-triage-error"><legend>Triage: how urgent is this case?</legend>
{_triage_choices()}
<p class="lbp-teach__error" id="lbp-teach-triage-error" data-lbp-teach-error></p>
</fieldset>
<fieldset class="lbp-teach__actions"><legend>Actions: which would you expect the calculator to list?</legend>
<p class="lbp-teach__hint">Tick each one you expect, whether it is to do, to consider or to avoid.</p>
{_action_choices()}
</fieldset>
<p class="lbp-teach__buttons"><button type="submit" class="md-button md-button--primary">Show the answer</button>
<button type="button" class="md-button" data-lbp-teach-again hidden>Try again</button></p>
<p class="lbp-teach__engine" role="status" data-lbp-teach-engine><span data-lbp-teach-engine-text>The calculator's
engine, a download of several megabytes the first time, loads once you start; the answer waits for it.</span>
<progress max="100" hidden aria-label="Engine loading progress"></progress></p>
</form>
<div id="{ANSWER_ANCHOR}" class="lbp-teach__answer" data-lbp-teach-answer></div>
<p class="lbp-visually-hidden" role="status" data-lbp-teach-announce></p>
<p class="lbp-teach__calculator"><a class="md-button" data-case="{escape(worked.id)}" href="{calculator_href}">Open this
case in the calculator</a> It shows the whole result at once, with what would change it.
<a href="{escape(url(cases_index))}#{escape(worked.id)}">All worked cases</a></p>
<noscript><p class="lbp-noscript">The exercise needs JavaScript to work out the answer. The case opens in
the calculator too, and the guidance pages work without it.</p></noscript>
{json_data_block("lbp-teach-data", teach_data(worked.case, links))}
</section>
"""
