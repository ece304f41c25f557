"""The decision engine: a validated case in, the contract's result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lbp_core._findings import (
    CHRONIC_FROM_WEEKS, CONSERVATIVE_CARE_TRIAL_WEEKS, SUBACUTE_FROM_WEEKS, Findings,
)
from lbp_core._rules import RULES, STENOSIS_EPIDURAL_WARNING, Rule, weeks_text
from lbp_core.case import RED_FLAG_FIELDS, Case, CaseValidationError
from lbp_core.guideline import GUIDELINE, recommendation

__all__ = ["assess", "evaluate", "invalid_case_reply", "screen_red_flags", "rule_descriptions",
           "ADULT_FROM_YEARS"]

ADULT_FROM_YEARS = 18
# ACP/APS 2007 (table 1) lists age over 50 among the cancer findings, with failure to improve after 1 month.
CANCER_FINDING_AGE_OVER_YEARS = 50
# Medicines and injections withheld in pregnancy, which the guidance does not cover.
MEDICINES = frozenset({"acetaminophen", "nsaid", "muscle_relaxant", "gabapentin",
                       "tricyclic_antidepressant", "duloxetine", "opioid", "systemic_corticosteroid",
                       "epidural_steroid_injection"})
_STANCE_ORDER = {"recommend": 0, "consider": 1, "avoid": 2}
_RULE_ORDER = {r.rec: i for i, r in enumerate(RULES)}
# Checked at every visit: the triage action of a routine case. With a red flag it comes after the
# work-up, which sets the timing, rather than beside the red flag.
_REASSESS = "follow-up-reassess"


def evaluate(case: Any) -> dict[str, Any]:
    """Apply the guidance to one case given as contract fields; return the contract's result.

    Raises :class:`lbp_core.CaseValidationError` listing every bad field.

    >>> result = evaluate({"duration_weeks": 2, "saddle_anesthesia": True})
    >>> result["triage"], result["actions"][0]["intervention"]
    ('emergency', 'emergency_surgical_referral')
    """
    return assess(Case.from_dict(case))


def assess(case: Case) -> dict[str, Any]:
    """The result for an already validated :class:`~lbp_core.case.Case`."""
    findings = Findings.of(case)
    rules: list[Rule] = RULES
    if findings.cauda_equina:
        # Nothing may compete with an emergency referral: only red-flag actions are listed.
        rules = [r for r in RULES if r.red_flag]
    elif findings.any_red_flag:
        # Serious pathology is excluded before any treatment starts: until the work-up is done, only the
        # red-flag actions and the assessment, imaging, referral and follow-up steps are listed.
        rules = [r for r in RULES if r.red_flag or r.work_up]
    actions = _actions(rules, findings)
    withheld: list[str] = []
    if case.pregnant and not findings.cauda_equina:
        withheld = [a["rec"] for a in actions if a["intervention"] in MEDICINES and a["stance"] != "avoid"]
        actions = [a for a in actions if a["rec"] not in withheld]
    return {
        "guideline_version": GUIDELINE.version,
        "triage": findings.triage,
        "phase": findings.phase,
        "actions": actions,
        "warnings": _warnings(findings, withheld),
    }


def screen_red_flags(data: Any) -> dict[str, Any] | None:
    """The red flags of a case that cannot be evaluated yet (a field missing or wrong), so that an
    incomplete case never hides an emergency: the triage and the red-flag actions that follow from every
    red-flag field that is ``true``. Every other field, and any red-flag value that is not a boolean, is
    ignored (:func:`evaluate` reports those). ``None`` when they raise no red flag: that is not a
    "routine" triage, because the rest of the case is unknown.

    >>> screen = screen_red_flags({"saddle_anesthesia": True, "duration_weeks": "two"})
    >>> screen["triage"], [action["intervention"] for action in screen["actions"]]
    ('emergency', ['emergency_surgical_referral'])
    >>> screen_red_flags({"fever": "yes"}) is None
    True
    """
    if not isinstance(data, Mapping):
        return None
    flags = {name: True for name in RED_FLAG_FIELDS if data.get(name) is True}
    # Triage and the red-flag rules read only the red-flag fields, so any valid duration gives the same
    # answer (tests/test_safety_properties.py checks this against evaluate for every kind of case).
    findings = Findings.of(Case(duration_weeks=0, **flags))
    if not findings.any_red_flag:  # e.g. minor trauma without osteoporosis risk
        return None
    return {"guideline_version": GUIDELINE.version, "triage": findings.triage,
            "actions": _actions([r for r in RULES if r.red_flag], findings)}


def invalid_case_reply(error: CaseValidationError, case: Any) -> dict[str, Any]:
    """The contract's answer to a case that failed validation: every field error and, when the case
    raises one all the same, its red flags (``screen_red_flags``). The CLI, the golden runs and the
    browser all answer with it.

    >>> sorted(invalid_case_reply(CaseValidationError([]), {"urinary_retention": True}))
    ['errors', 'red_flags']
    """
    reply: dict[str, Any] = {"errors": [e.to_dict() for e in error.errors]}
    red_flags = screen_red_flags(case)
    if red_flags is not None:
        reply["red_flags"] = red_flags
    return reply


def _actions(rules: list[Rule], findings: Findings) -> list[dict[str, Any]]:
    """The actions of the rules that fire, most urgent first."""
    actions = [_action(r, fired) for r in rules if (fired := r.apply(findings)) is not None]
    actions.sort(key=lambda action: _priority(action, red_flag=findings.any_red_flag))
    return actions


def _action(r: Rule, fired: Any) -> dict[str, Any]:
    rec = recommendation(r.rec)
    return {
        "intervention": rec.intervention,
        "stance": rec.stance,
        "rec": rec.id,
        "reasons": list(fired.reasons),
        "cautions": list(fired.cautions),
    }


def _priority(action: dict[str, Any], *, red_flag: bool) -> tuple[int, int]:
    rec = recommendation(action["rec"])
    if rec.red_flag:
        group = 0
    elif rec.id == _REASSESS:
        group = 2 + len(_STANCE_ORDER) if red_flag else 1
    else:
        group = 2 + _STANCE_ORDER[rec.stance]
    return group, _RULE_ORDER[rec.id]


def _warnings(findings: Findings, withheld: list[str] = []) -> list[str]:  # noqa: B006 (read only)
    case = findings.case
    warnings: list[str] = []
    if findings.cauda_equina:
        warnings.append("A cauda equina sign is present: treatment options are not listed until "
                        "emergency surgical assessment has taken place.")
    elif findings.any_red_flag:
        warnings.append("A red flag is present: treatment options are not listed until its work-up "
                        "has excluded serious pathology.")
    if case.pregnant and not findings.cauda_equina:
        warnings.append(_pregnancy_warning(withheld))
    warnings += _older_age_cancer_warning(findings)
    if case.age_years is not None and case.age_years < ADULT_FROM_YEARS:
        warnings.append(f"age_years is {case.age_years}: this guidance is written for adults "
                        f"({ADULT_FROM_YEARS} and over) and its recommendations may not apply.")
    if (case.radicular_symptoms and case.imaging_confirms_root_impingement and case.flexion_relief
            and not findings.any_red_flag):
        warnings.append(STENOSIS_EPIDURAL_WARNING)
    warnings += _failed_care_warnings(findings)
    return warnings


def _older_age_cancer_warning(findings: Findings) -> list[str]:
    """Age over 50 with another cancer finding of ACP/APS 2007 (table 1), beyond the source: a history of
    cancer or unexplained weight loss (already a red flag), or failure to improve after a month (not a
    red flag here: on its own it would hold back treatment from most older patients)."""
    case = findings.case
    age = case.age_years
    if age is None or age <= CANCER_FINDING_AGE_OVER_YEARS or findings.cauda_equina:
        return []
    with_flag = [name for name in ("cancer_history", "unexplained_weight_loss")
                 if name in findings.infection_malignancy]
    if with_flag:
        return [f"age_years is {age}: ACP/APS 2007 (table 1) lists age over 50 among the findings that "
                f"make cancer more likely, beside {_listed([n.replace('_', ' ') for n in with_flag])}; "
                "weigh it in the work-up for malignancy (beyond the source)."]
    if case.duration_weeks >= SUBACUTE_FROM_WEEKS and findings.persisting \
            and not findings.infection_malignancy:
        return [f"age_years is {age} and symptoms have not improved after a month: ACP/APS 2007 "
                "(table 1) lists both age over 50 and failure to improve after 1 month among the "
                "findings that make cancer more likely, and suggests plain radiography and an ESR when "
                "they are present. Consider whether a work-up for malignancy is needed (beyond the "
                "source; not a red flag here, so the triage is unchanged)."]
    return []


def _pregnancy_warning(withheld: list[str]) -> str:
    text = ("pregnant is true: this guidance does not cover pregnancy (the source does not mention it, "
            "and ACP/APS 2007 leaves pregnant women out of its scope), and the safety of its medicines "
            "in pregnancy was not weighed, so no medicine or injection is listed. ")
    if withheld:
        names = [recommendation(rec).short_title for rec in withheld]
        text += f"Not listed for this reason: {_listed(names)}. "
    return text + ("Choose any medicine with advice that covers pregnancy (obstetric or pharmacy). Red "
                   "flags, imaging and the non-drug advice are still listed, but were not written for "
                   "pregnancy either.")


def _failed_care_warnings(findings: Findings) -> list[str]:
    """The rules whose other inputs are there but which need failed conservative care (at least 6 weeks
    of optimal conservative care without improvement) that the case does not show, so that a ticked
    box is never dropped in silence. None with a cauda equina sign: only the referral is listed."""
    case = findings.case
    if findings.cauda_equina or findings.failed_conservative_care:
        return []
    ticked = _ticked_rules_waiting_on_failed_care(findings)
    care = case.conservative_care_weeks
    if care is None and findings.persisting and case.duration_weeks >= CONSERVATIVE_CARE_TRIAL_WEEKS:
        waiting = [what for _field, what in ticked]
        # A red flag orders its own imaging; imaging that confirmed the impingement answered the question.
        if not findings.any_red_flag and not case.imaging_confirms_root_impingement:
            waiting.insert(0, "the MRI rule")
        if not findings.any_red_flag and case.failed_other_treatments \
                and case.duration_weeks >= CHRONIC_FROM_WEEKS:
            waiting.append("opioids after every other treatment has failed")
        if not waiting:
            return []
        one = len(waiting) == 1
        return [f"conservative_care_weeks is not given, so {_listed(waiting)} could not be applied: "
                f"{'it needs' if one else 'each needs'} at least {CONSERVATIVE_CARE_TRIAL_WEEKS} weeks of "
                f"optimal conservative care without improvement. Enter the weeks of care to apply "
                f"{'it' if one else 'them'}."]
    why = ("symptoms are improving" if case.improving
           else "the weeks of conservative care are not given" if care is None
           else "no conservative care is recorded" if care == 0
           else f"conservative care has lasted {weeks_text(care)} weeks")
    return [f"{field} is true, but {why}, so {what} is not listed: it needs at least "
            f"{CONSERVATIVE_CARE_TRIAL_WEEKS} weeks of optimal conservative care without improvement."
            for field, what in ticked]


def _ticked_rules_waiting_on_failed_care(findings: Findings) -> list[tuple[str, str]]:
    """(the ticked field, the rule) for each rule a ticked box asks for that needs failed care. Treatment
    waits for a red flag's work-up in any case; surgical consultation is part of it."""
    case = findings.case
    ticked = []
    if case.persistent_functional_disability:
        ticked.append(("persistent_functional_disability", "surgical consultation for persistent disability"))
    if case.radicular_symptoms and case.imaging_confirms_root_impingement and not findings.any_red_flag \
            and not case.flexion_relief:  # with the stenosis pattern the injection is not offered at all
        ticked.append(("imaging_confirms_root_impingement", "an epidural steroid injection"))
    return ticked


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rule_descriptions() -> dict[str, str]:
    """When the calculator applies each recommendation, in plain language, keyed by recommendation ID.

    >>> rule_descriptions()["pitfall-meralgia-paresthetica"]
    'Paresthesia in the anterolateral thigh.'
    """
    return {r.rec: r.when for r in RULES}
