"""The rules: one small function per recommendation, named after it, in the order of the guidance.

Each rule returns ``None`` when it does not apply, or what fired: the reasons (naming the case fields
that triggered it) and the cautions for this patient. ``when`` is the rule in plain language; the site
publishes it as the calculator's logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lbp_core._findings import (
    CHRONIC_FROM_WEEKS, CONSERVATIVE_CARE_TRIAL_WEEKS, EXERCISE_FROM_WEEKS, SECOND_LINE_FROM_WEEKS,
    SUBACUTE_FROM_WEEKS, Findings,
)
from lbp_core.case import FIELD_SPECS


@dataclass(frozen=True, slots=True)
class Fired:
    reasons: tuple[str, ...]
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    rec: str
    when: str
    apply: Callable[[Findings], Fired | None] = field(repr=False)
    red_flag: bool = False
    # Assessment, imaging, referral or follow-up rather than treatment: still listed while a red flag
    # (other than cauda equina) is worked up. Treatment waits until serious pathology is excluded.
    work_up: bool = False


RULES: list[Rule] = []


def rule(rec: str, when: str, *, red_flag: bool = False, work_up: bool = False
         ) -> Callable[[Callable[[Findings], Fired | None]], Callable[[Findings], Fired | None]]:
    def register(apply: Callable[[Findings], Fired | None]) -> Callable[[Findings], Fired | None]:
        RULES.append(Rule(rec=rec, when=when, apply=apply, red_flag=red_flag, work_up=work_up))
        return apply
    return register


# NICE NG59 names age among the NSAID risk factors without a figure; 65 is this calculator's choice.
OLDER_AGE_NSAID_CAUTION_YEARS = 65


def _yes(name: str) -> str:
    return f"{name} is true: {FIELD_SPECS[name].label.lower()}"


def _weeks(name: str, value: float) -> str:
    return f"{name} is {weeks_text(value)}"


def weeks_text(value: float) -> str:
    """A number of weeks exactly as given: 12 for 12.0, and 11.9999999 never rounded to 12."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _duration(f: Findings) -> str:
    return f"{_weeks('duration_weeks', f.case.duration_weeks)} ({f.phase} phase)"


def _not_improving() -> str:
    return "improving is false: symptoms are not improving"


def _enough_care(f: Findings) -> str:
    return _care_weeks_reason(f) + f" (at least {CONSERVATIVE_CARE_TRIAL_WEEKS})"


def _too_little_care(f: Findings) -> str:
    """Why 6 weeks of care are not shown: not given, or fewer."""
    if f.case.conservative_care_weeks is None:
        return _care_weeks_reason(f)
    return _care_weeks_reason(f) + f" (fewer than {CONSERVATIVE_CARE_TRIAL_WEEKS})"


def _care_weeks_reason(f: Findings) -> str:
    weeks = f.case.conservative_care_weeks
    if weeks is None:
        return "conservative_care_weeks is not given, so 6 weeks of conservative care are not shown"
    return _weeks("conservative_care_weeks", weeks)


# -- Red flags --------------------------------------------------------------------------------------

@rule("red-flags-cauda-equina", red_flag=True,
      when="Any cauda equina sign: urinary retention, saddle anaesthesia, weakness in both legs, or "
           "loss of anal sphincter tone. Triage becomes emergency.")
def red_flags_cauda_equina(f: Findings) -> Fired | None:
    if not f.cauda_equina:
        return None
    return Fired(reasons=tuple(_yes(name) for name in f.cauda_equina),
                 cautions=("Refer for surgical consultation immediately, before any treatment.",))


@rule("red-flags-progressive-deficit", red_flag=True,
      when="A progressive or severe neurological deficit. Triage becomes urgent (unless a cauda "
           "equina sign makes it an emergency).")
def red_flags_progressive_deficit(f: Findings) -> Fired | None:
    if not f.progressive_deficit:
        return None
    return Fired(reasons=(_yes("progressive_neuro_deficit"),))


@rule("red-flags-infection-malignancy", red_flag=True,
      when="Fever, night sweats, unexplained weight loss, a history of cancer, or an "
           "immunocompromised state; beyond the source, intravenous drug use or a recent infection "
           "(ACP/APS 2007, table 1: findings of vertebral infection). Triage is at least prompt.")
def red_flags_infection_malignancy(f: Findings) -> Fired | None:
    if not f.infection_malignancy:
        return None
    # Red-flag fields only: screen_red_flags gives the same action for a case that cannot be evaluated.
    return Fired(reasons=tuple(_yes(name) for name in f.infection_malignancy))


@rule("red-flags-vertebral-fracture", red_flag=True,
      when="Significant trauma, or minor trauma together with osteoporosis risk factors; beyond the "
           "source, prolonged corticosteroid use on its own (ACP/APS 2007, table 1: a finding of "
           "vertebral compression fracture). Triage is at least prompt.")
def red_flags_vertebral_fracture(f: Findings) -> Fired | None:
    if not f.fracture:
        return None
    return Fired(reasons=tuple(_yes(name) for name in f.fracture))


# -- Imaging ----------------------------------------------------------------------------------------

@rule("imaging-no-routine",
      when="No red flag, not yet 6 weeks of optimal conservative care without improvement, and symptoms "
           "have not persisted beyond 6 weeks.")
def imaging_no_routine(f: Findings) -> Fired | None:
    if f.any_red_flag or f.failed_conservative_care:
        return None
    if f.persisting and f.case.duration_weeks > CONSERVATIVE_CARE_TRIAL_WEEKS:
        return None  # the source's advice against imaging holds only up to 6 weeks of persistence
    if f.case.improving:
        why_not_yet = "improving is true: symptoms are improving"
    else:
        why_not_yet = _too_little_care(f)
    return Fired(reasons=("no red flag is raised by the inputs", why_not_yet))


@rule("imaging-mri-when-indicated", work_up=True,
      when="No progressive deficit (that has its own urgent MRI), and either at least 6 weeks of "
           "optimal conservative care without improvement (unless imaging has already confirmed "
           "nerve-root impingement), or a red flag of infection, malignancy or fracture.")
def imaging_mri_when_indicated(f: Findings) -> Fired | None:
    if f.progressive_deficit:
        return None
    reasons: list[str] = []
    # Imaging that has already confirmed the cause answers the question the failed care raised.
    if f.failed_conservative_care and not f.case.imaging_confirms_root_impingement:
        reasons += [_enough_care(f),
                    _not_improving()]
    reasons += [_yes(name) + " (a red flag)" for name in f.infection_malignancy + f.fracture]
    if not reasons:
        return None
    return Fired(reasons=tuple(reasons), cautions=(
        "Correlate the findings with the clinical picture: many MRI abnormalities occur in people "
        "without symptoms.",))


@rule("imaging-plain-radiograph-limits", work_up=True,
      when="The question is a disc or stenosis (radicular symptoms, flexion relief, a progressive "
           "deficit, or 6 weeks of failed conservative care) and no fracture is suspected.")
def imaging_plain_radiograph_limits(f: Findings) -> Fired | None:
    if f.fracture:
        return None
    reasons = [_yes(name) for name in ("radicular_symptoms", "flexion_relief")
               if getattr(f.case, name)]
    if f.progressive_deficit:
        reasons.append(_yes("progressive_neuro_deficit") + "; an MRI is indicated")
    elif f.failed_conservative_care and not f.case.imaging_confirms_root_impingement:
        reasons.append(_care_weeks_reason(f) + ": an MRI is indicated")
    if not reasons:
        return None
    return Fired(reasons=tuple(reasons))


# -- Education and activity -------------------------------------------------------------------------

def _within_natural_course(f: Findings) -> str | None:
    """Why the favourable natural course (most improve within the first month) still applies, or
    None: it would be false reassurance for symptoms that have persisted beyond that month, and it no
    longer describes symptoms that have become chronic, improving or not."""
    if f.case.duration_weeks < SUBACUTE_FROM_WEEKS:
        return _duration(f) + ": within the first month, when most improve"
    if f.case.improving and f.case.duration_weeks < CHRONIC_FROM_WEEKS:
        return "improving is true: symptoms are improving"
    return None


@rule("education-reassurance",
      when="No red flag, and within the first month (under 4 weeks), or improving before the chronic "
           "phase (under 12 weeks).")
def education_reassurance(f: Findings) -> Fired | None:
    why = _within_natural_course(f)
    return None if why is None else Fired(reasons=(why,))


@rule("education-written-material", when="Every patient without a red flag.")
def education_written_material(f: Findings) -> Fired | None:
    return Fired(reasons=(_duration(f) + ": written self-care material helps at every phase",))


@rule("activity-stay-active", when="Every patient without a red flag.")
def activity_stay_active(f: Findings) -> Fired | None:
    return Fired(reasons=(_duration(f) + ": staying active applies at every phase",))


@rule("activity-flexion-based", when="Symptoms ease with forward flexion and worsen with extension.")
def activity_flexion_based(f: Findings) -> Fired | None:
    if not f.case.flexion_relief:
        return None
    return Fired(reasons=(_yes("flexion_relief"),), cautions=(
        "Pseudoclaudication is a weak predictor of spinal stenosis (ACP 2007): treat the pattern as a "
        "clue, not a diagnosis.",))


# -- First-line medication --------------------------------------------------------------------------

@rule("medication-acetaminophen",
      when="Every patient without a red flag, as an option; a caution for liver disease.")
def medication_acetaminophen(f: Findings) -> Fired | None:
    cautions = ["No more than 4 g in 24 hours."]
    if f.case.liver_disease:
        cautions.append(LIVER_ACETAMINOPHEN_CAUTION)
    return Fired(reasons=(_duration(f) + ": a first medication option",), cautions=tuple(cautions))


LIVER_ACETAMINOPHEN_CAUTION = (
    "liver_disease is true: the 4 g ceiling is the source's figure for adults in general and is not "
    "shown to be safe in liver disease; acetaminophen is broken down in the liver and hepatotoxic in "
    "overdose. The guidelines read give no lower ceiling: set the dose with the product information "
    "and the patient's hepatologist or pharmacist (beyond the source).")


@rule("medication-nsaid",
      when="Every patient without a red flag, as an option; cautions for GI, renal or "
           "cardiovascular risk, for liver disease, and for age 65 or over (NICE NG59 names age among "
           "the risk factors to weigh but gives no figure: 65 is the calculator's choice).")
def medication_nsaid(f: Findings) -> Fired | None:
    cautions = ["Use the lowest effective dose for the shortest time."]
    age = f.case.age_years
    if age is not None and age >= OLDER_AGE_NSAID_CAUTION_YEARS:
        cautions.append(f"age_years is {age}: NICE NG59 names age among the risk factors to weigh "
                        "before an NSAID; gastrointestinal, renal and cardiovascular harms are more "
                        "likely with age, so weigh them with extra care.")
    if f.case.gi_risk:
        cautions.append("gi_risk is true: NSAIDs carry gastrointestinal risk (ulcer, bleeding); "
                        "NICE NG59 advises considering gastroprotection.")
    if f.case.renal_impairment:
        cautions.append("renal_impairment is true: NSAIDs carry renovascular risk.")
    if f.case.cardiovascular_risk:
        cautions.append("cardiovascular_risk is true: NSAIDs carry cardiovascular risk.")
    if f.case.liver_disease:
        cautions.append("liver_disease is true: NICE NG59 names liver toxicity among the harms to weigh "
                        "before an NSAID (beyond the source).")
    return Fired(reasons=(_duration(f) + ": a first medication option",), cautions=tuple(cautions))


@rule("medication-no-systemic-corticosteroids", when="Every patient without a red flag.")
def medication_no_systemic_corticosteroids(f: Findings) -> Fired | None:
    reasons = [_duration(f) + ": systemic corticosteroids are no better than placebo"]
    reasons += [_yes(name) for name in ("radicular_symptoms", "flexion_relief")
                if getattr(f.case, name)]
    return Fired(reasons=tuple(reasons))


# -- Self-care --------------------------------------------------------------------------------------

@rule("self-care-heat", when="Every patient without a red flag.")
def self_care_heat(f: Findings) -> Fired | None:
    return Fired(reasons=(_duration(f) + ": heat gives short-term relief",))


@rule("self-care-medium-firm-mattress", when="Chronic phase (12 weeks or more).")
def self_care_medium_firm_mattress(f: Findings) -> Fired | None:
    if f.case.duration_weeks < CHRONIC_FROM_WEEKS:
        return None
    return Fired(reasons=(_duration(f),))


# -- Non-drug therapies for persistent symptoms -----------------------------------------------------

@rule("persistent-exercise-therapy",
      when="Symptoms for 2 weeks or more and not improving. The source lists exercise therapy among the "
           "options for persistent symptoms (after 4 to 6 weeks) but gives its own start as 2 to "
           "6 weeks, so the calculator offers it from the earliest start the source names, 2 weeks.")
def persistent_exercise_therapy(f: Findings) -> Fired | None:
    if f.case.duration_weeks < EXERCISE_FROM_WEEKS or not f.persisting:
        return None
    return Fired(reasons=(_duration(f) + f": at least {EXERCISE_FROM_WEEKS} weeks, the earliest start "
                          "for exercise therapy", _not_improving()))


@rule("persistent-spinal-manipulation", when="Symptoms for 4 weeks or more and not improving.")
def persistent_spinal_manipulation(f: Findings) -> Fired | None:
    if f.case.duration_weeks < SUBACUTE_FROM_WEEKS or not f.persisting:
        return None
    return Fired(reasons=(_duration(f) + f" (at least {SUBACUTE_FROM_WEEKS})", _not_improving()))


def _chronic_and_persisting(f: Findings) -> Fired | None:
    if f.case.duration_weeks < CHRONIC_FROM_WEEKS or not f.persisting:
        return None
    return Fired(reasons=(_duration(f) + f" (at least {CHRONIC_FROM_WEEKS})", _not_improving()))


_CHRONIC = "Chronic phase (12 weeks or more) and not improving."
rule("persistent-acupuncture", when=_CHRONIC)(_chronic_and_persisting)
rule("persistent-massage", when=_CHRONIC)(_chronic_and_persisting)
rule("persistent-cbt", when=_CHRONIC)(_chronic_and_persisting)


# -- Further medication -----------------------------------------------------------------------------

def _second_line(f: Findings) -> str | None:
    """Why the source's second-line options (for persistent symptoms, after 4 to 6 weeks) are open: at
    least 4 weeks, the earliest the source's heading allows, and not improving; or None."""
    if f.case.duration_weeks < SECOND_LINE_FROM_WEEKS or not f.persisting:
        return None
    return _duration(f) + f" (at least {SECOND_LINE_FROM_WEEKS}, the earliest start of second-line " \
        "treatment for persistent symptoms)"


_SECOND_LINE = ("the source lists it under second-line treatment for persistent symptoms (after 4 to "
                "6 weeks), so the calculator offers it from 4 weeks without improvement")


@rule("medication-muscle-relaxant",
      when="Muscle spasm contributes to the pain, symptoms for 4 weeks or more and not improving: "
           + _SECOND_LINE + ".")
def medication_muscle_relaxant(f: Findings) -> Fired | None:
    why = _second_line(f)
    if not f.case.muscle_spasm or why is None:
        return None
    return Fired(reasons=(_yes("muscle_spasm"), why, _not_improving()), cautions=(
        "Short-term use only. Sedation is the main harm (ACP 2017).",))


@rule("medication-gabapentin",
      when="Radicular symptoms with neuropathic pain features, at any time (the source's conservative "
           "care of radicular symptoms: consider gabapentin for neuropathic pain); or radicular "
           "symptoms for 4 weeks or more and not improving (its second-line treatment for persistent "
           "symptoms, after 4 to 6 weeks).")
def medication_gabapentin(f: Findings) -> Fired | None:
    # Two places in the source: radicular conservative care "for neuropathic pain", at any time; and
    # the second-line options for persistent symptoms, from 4 weeks without improvement.
    if not f.case.radicular_symptoms:
        return None
    second_line = _second_line(f)
    if f.case.neuropathic_pain:
        why: tuple[str, ...] = (_yes("neuropathic_pain"),)
    elif second_line is not None:
        why = (second_line, _not_improving())
    else:
        return None
    return Fired(reasons=(_yes("radicular_symptoms"), *why), cautions=(
        "Benefit is small and short-term; NICE NG59 advises against gabapentinoids for sciatica.",))


@rule("medication-tricyclic",
      when="Neuropathic pain features, symptoms for 4 weeks or more and not improving: "
           + _SECOND_LINE + ".")
def medication_tricyclic(f: Findings) -> Fired | None:
    why = _second_line(f)
    if not f.case.neuropathic_pain or why is None:
        return None
    return Fired(reasons=(_yes("neuropathic_pain"), why, _not_improving()))


@rule("medication-duloxetine",
      when="Chronic phase (12 weeks or more) and not improving: the source lists duloxetine among the "
           "second-line options for persistent symptoms, for chronic symptoms only.")
def medication_duloxetine(f: Findings) -> Fired | None:
    return _chronic_and_persisting(f)


# -- Radicular symptoms -----------------------------------------------------------------------------

@rule("radicular-natural-history",
      when="Radicular symptoms, and within the first 4 weeks, or improving before the chronic phase "
           "(under 12 weeks).")
def radicular_natural_history(f: Findings) -> Fired | None:
    why = _within_natural_course(f)
    if not f.case.radicular_symptoms or why is None:
        return None
    return Fired(reasons=(_yes("radicular_symptoms"), why))


STENOSIS_EPIDURAL_WARNING = (
    "flexion_relief is true: symptoms that ease bending forward and worsen leaning back suggest "
    "neurogenic claudication from spinal stenosis, and NICE NG59 advises against epidural injections "
    "for neurogenic claudication in central spinal stenosis, so an epidural steroid injection is not "
    "listed (beyond the source). A specialist who finds a nerve-root lesion without central stenosis "
    "may judge otherwise.")


@rule("radicular-epidural-steroid-injection",
      when="Radicular symptoms, imaging-confirmed nerve-root impingement, and at least 6 weeks of "
           "optimal conservative care without improvement; not when symptoms ease bending forward and "
           "worsen leaning back (the stenosis pattern), because NICE NG59 advises against epidural "
           "injections for neurogenic claudication in central spinal stenosis: a warning says so "
           "(beyond the source).")
def radicular_epidural_steroid_injection(f: Findings) -> Fired | None:
    if not (f.case.radicular_symptoms and f.case.imaging_confirms_root_impingement
            and f.failed_conservative_care) or f.case.flexion_relief:
        return None
    return Fired(reasons=(
        _yes("radicular_symptoms"), _yes("imaging_confirms_root_impingement"),
        _enough_care(f), _not_improving(),
        "flexion_relief is false: not the pattern of neurogenic claudication from spinal stenosis",
    ), cautions=("Short-term relief only; not for routine use.",))


@rule("radicular-surgical-consultation", work_up=True,
      when="Persistent functional disability despite at least 6 weeks of optimal conservative care "
           "without improvement, or a progressive neurological deficit.")
def radicular_surgical_consultation(f: Findings) -> Fired | None:
    reasons: list[str] = []
    if f.case.persistent_functional_disability and f.failed_conservative_care:
        reasons += [_yes("persistent_functional_disability"),
                    _enough_care(f),
                    _not_improving()]
    if f.progressive_deficit:
        reasons.append(_yes("progressive_neuro_deficit"))
    if not reasons:
        return None
    return Fired(reasons=tuple(reasons))


# -- Pitfalls ---------------------------------------------------------------------------------------

@rule("pitfall-bed-rest", when="Every patient without a red flag.")
def pitfall_bed_rest(f: Findings) -> Fired | None:
    return Fired(reasons=(_duration(f) + ": prolonged bed rest worsens symptoms at every phase",))


@rule("pitfall-imaging-findings-alone", work_up=True,
      when="Imaging shows nerve-root impingement but there are no radicular symptoms to match it.")
def pitfall_imaging_findings_alone(f: Findings) -> Fired | None:
    if not f.case.imaging_confirms_root_impingement or f.case.radicular_symptoms:
        return None
    return Fired(reasons=(_yes("imaging_confirms_root_impingement"),
                          "radicular_symptoms is false: the imaging finding has no matching symptoms"))


def _other_treatments_failed(f: Findings) -> bool:
    """Every other treatment failed: as the clinician says, and consistent with the case. Symptoms are
    chronic, so the options for chronic symptoms (acupuncture, massage, CBT, duloxetine) have been open
    (ACP 2017 considers opioids only after first- and second-line treatment fails), and they have not
    improved after at least 6 weeks of optimal conservative care."""
    return (f.case.failed_other_treatments and f.failed_conservative_care
            and f.case.duration_weeks >= CHRONIC_FROM_WEEKS)


@rule("pitfall-opioids-first-line",
      when="Other treatments have not all failed, or the case does not yet show it: the chronic phase "
           "(12 weeks or more), and at least 6 weeks of optimal conservative care without improvement.")
def pitfall_opioids_first_line(f: Findings) -> Fired | None:
    if _other_treatments_failed(f):
        return None
    if not f.case.failed_other_treatments:
        return Fired(reasons=("failed_other_treatments is false: other options remain",))
    if f.case.improving:
        return Fired(reasons=("improving is true: symptoms are improving, so treatment has not failed",))
    if f.case.conservative_care_weeks is None:
        return Fired(reasons=(_care_weeks_reason(f) + ": the case does not show that other treatments "
                              "have had a fair trial",))
    if not f.failed_conservative_care:
        return Fired(reasons=(_too_little_care(f) + ": other treatments have not yet had a fair trial",))
    return Fired(reasons=(_duration(f) + f" (under {CHRONIC_FROM_WEEKS}): the options for chronic "
                          "symptoms, such as acupuncture, massage, CBT and duloxetine, have not yet "
                          "been open",))


@rule("pitfall-opioids-after-failed-treatments",
      when="Every other treatment has been tried and has failed: the chronic phase (12 weeks or more), "
           "and at least 6 weeks of optimal conservative care without improvement.")
def pitfall_opioids_after_failed_treatments(f: Findings) -> Fired | None:
    if not _other_treatments_failed(f):
        return None
    return Fired(reasons=(_yes("failed_other_treatments"),
                          _duration(f) + f" (at least {CHRONIC_FROM_WEEKS})",
                          _enough_care(f),
                          _not_improving()), cautions=(
        "Discuss the known risks and realistic benefits with the patient before any trial.",))


@rule("pitfall-normal-aging", work_up=True, when="Symptoms for 4 weeks or more and not improving.")
def pitfall_normal_aging(f: Findings) -> Fired | None:
    if f.case.duration_weeks < SUBACUTE_FROM_WEEKS or not f.persisting:
        return None
    return Fired(reasons=(_duration(f) + f" (at least {SUBACUTE_FROM_WEEKS})", _not_improving()))


@rule("pitfall-meralgia-paresthetica", work_up=True, when="Paresthesia in the anterolateral thigh.")
def pitfall_meralgia_paresthetica(f: Findings) -> Fired | None:
    if not f.case.anterolateral_thigh:
        return None
    return Fired(reasons=(_yes("anterolateral_thigh"),))


# -- Follow-up --------------------------------------------------------------------------------------

@rule("follow-up-reassess", work_up=True, when="Every patient without a cauda equina sign.")
def follow_up_reassess(f: Findings) -> Fired | None:
    reasons = [_duration(f) + ": look again for red flags at every visit"]
    # With a red flag, its work-up sets the timing: a one-month review is for routine symptoms.
    if f.persisting and not f.any_red_flag:
        reasons.append(_not_improving() + ", so reassess within 1 month")
    return Fired(reasons=tuple(reasons))
