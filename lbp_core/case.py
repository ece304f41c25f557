"""The case: the patient findings the engine reads, checked once at the edge.

Each field's metadata (label, help text, form group, range) is the one place the input schema is
described; :mod:`lbp_core.schema` publishes it for the calculator form and the command line.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

__all__ = [
    "Case",
    "CaseValidationError",
    "FieldError",
    "FieldKind",
    "FieldSpec",
    "FIELD_SPECS",
    "RED_FLAG_FIELDS",
    "CAUDA_EQUINA_FIELDS",
    "INFECTION_MALIGNANCY_FIELDS",
    "BEYOND_SOURCE_FIELDS",
]

FieldKind = Literal["number", "integer", "boolean"]
MAX_WEEKS = 520


@dataclass(frozen=True, kw_only=True, slots=True)
class FieldSpec:
    """How one case field is typed, bounded, labelled and grouped on the form."""

    kind: FieldKind
    label: str
    help: str
    group: str
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    required: bool = False
    beyond_source: str = ""
    """For an input the source does not list: the primary guideline that does, named in full enough to
    find it. Its label ends in "(beyond the source)"."""


def _weeks(label: str, help: str, *, required: bool = False) -> Any:
    spec = FieldSpec(kind="number", label=label, help=help, group="course", minimum=0,
                     maximum=MAX_WEEKS, unit="weeks", required=required)
    if required:
        return field(metadata={"spec": spec})
    return field(default=None, metadata={"spec": spec})


def _flag(group: str, label: str, help: str, *, beyond_source: str = "") -> Any:
    if beyond_source:
        label += BEYOND_SOURCE_LABEL
    return field(default=False, metadata={"spec": FieldSpec(kind="boolean", label=label, help=help,
                                                            group=group, beyond_source=beyond_source)})


BEYOND_SOURCE_LABEL = " (beyond the source)"
ACP_2007_WORK_UP = ("ACP/APS 2007 (Chou R et al. Ann Intern Med. 2007;147(7):478-491), table 1: the "
                    "suggested initial diagnostic work-up")


@dataclass(frozen=True, kw_only=True, slots=True)
class Case:
    """One patient's findings, validated. Build it with :meth:`Case.from_dict`.

    >>> Case.from_dict({"duration_weeks": 3}).duration_weeks
    3
    """

    # Red flags first: they decide triage, and the form shows them first.
    urinary_retention: bool = _flag(
        "cauda_equina", "Urinary retention",
        "New difficulty passing urine or retention. A cauda equina sign.")
    """Urinary retention: a cauda equina sign."""
    saddle_anesthesia: bool = _flag(
        "cauda_equina", "Saddle anaesthesia",
        "Numbness around the anus, perineum or inner thighs. A cauda equina sign.")
    """Saddle anaesthesia: a cauda equina sign."""
    bilateral_leg_weakness: bool = _flag(
        "cauda_equina", "Weakness in both legs",
        "Weakness affecting both legs. A cauda equina sign.")
    """Bilateral leg weakness: a cauda equina sign."""
    anal_sphincter_loss: bool = _flag(
        "cauda_equina", "Loss of anal sphincter tone",
        "Reduced or absent anal sphincter tone on examination. A cauda equina sign.")
    """Loss of anal sphincter tone: a cauda equina sign."""
    progressive_neuro_deficit: bool = _flag(
        "progressive_deficit", "Progressive or severe neurological deficit",
        "Weakness, numbness or sensory loss that is worsening or severe.")
    """Worsening or severe weakness, numbness or sensory loss."""
    fever: bool = _flag(
        "infection_malignancy", "Fever", "Raised temperature. A sign of possible infection.")
    """Fever: an infection sign."""
    night_sweats: bool = _flag(
        "infection_malignancy", "Night sweats",
        "Drenching sweats at night. A sign of possible infection or cancer.")
    """Night sweats: an infection or malignancy sign."""
    unexplained_weight_loss: bool = _flag(
        "infection_malignancy", "Unexplained weight loss",
        "Weight loss without a known cause. A sign of possible infection or cancer.")
    """Unexplained weight loss: an infection or malignancy sign."""
    cancer_history: bool = _flag(
        "infection_malignancy", "History of cancer", "Any previous or current cancer.")
    """History of cancer."""
    immunocompromised: bool = _flag(
        "infection_malignancy", "Immunocompromised",
        "Immune suppression from disease or medication.")
    """Immunocompromised state."""
    iv_drug_use: bool = _flag(
        "infection_malignancy", "Intravenous drug use",
        "Current or recent injecting drug use. A finding of vertebral infection in ACP/APS 2007; the "
        "source does not list it.", beyond_source=ACP_2007_WORK_UP)
    """Intravenous drug use: a vertebral infection finding (ACP/APS 2007), beyond the source."""
    recent_infection: bool = _flag(
        "infection_malignancy", "Recent infection",
        "A recent bacterial infection, such as a urinary tract or skin infection. A finding of vertebral "
        "infection in ACP/APS 2007; the source does not list it.", beyond_source=ACP_2007_WORK_UP)
    """A recent infection: a vertebral infection finding (ACP/APS 2007), beyond the source."""
    significant_trauma: bool = _flag(
        "fracture", "Recent significant trauma", "For example a fall from height or a road accident.")
    """Recent significant trauma."""
    minor_trauma: bool = _flag(
        "fracture", "Recent minor trauma",
        "A minor fall or strain. A fracture concern only with osteoporosis risk factors.")
    """Recent minor trauma."""
    osteoporosis_risk: bool = _flag(
        "fracture", "Osteoporosis risk factors",
        "Risk factors for osteoporosis, as you judge them: with minor trauma, a fracture concern.")
    """Risk factors for osteoporosis."""
    prolonged_corticosteroid_use: bool = _flag(
        "fracture", "Prolonged corticosteroid use",
        "Long-term systemic corticosteroid treatment. A finding of vertebral compression fracture in "
        "ACP/APS 2007, with or without trauma; the source does not list it.",
        beyond_source=ACP_2007_WORK_UP)
    """Prolonged corticosteroid use: a compression fracture finding (ACP/APS 2007), beyond the source."""

    duration_weeks: float = _weeks(
        "Duration of symptoms", "How long the current episode has lasted.", required=True)
    """How long the symptoms have lasted, in weeks."""
    conservative_care_weeks: float | None = _weeks(
        "Weeks of optimal conservative care",
        "Weeks of optimal conservative management already completed. Cannot exceed the duration. "
        "Leave blank if unknown: the 6-week MRI rule then does not apply.")
    """Weeks of optimal conservative management already completed."""
    improving: bool = _flag(
        "course", "Improving on current management",
        "Symptoms are getting better on current care. Left unticked, they count as not improving.")
    """Symptoms are improving on current management."""
    age_years: int | None = field(default=None, metadata={"spec": FieldSpec(
        kind="integer", label="Age", help="Age in whole years. The guidance is written for adults.",
        group="course", minimum=0, maximum=120, unit="years")})
    """The patient's age in years."""
    pregnant: bool = _flag(
        "course", "Pregnant",
        "The guidance does not cover pregnancy: ticked, no medicine is listed and a warning says why.",
        beyond_source=("ACP/APS 2007 (Chou R et al. Ann Intern Med. 2007;147(7):478-491) leaves "
                       "pregnant women out of its scope; the source does not mention pregnancy"))
    """The patient is pregnant: outside this guidance; medicines are withheld with a warning."""

    radicular_symptoms: bool = _flag(
        "presentation", "Radicular symptoms",
        "Pain or paresthesia radiating in a nerve-root distribution, such as sciatica.")
    """Pain or paresthesia radiating in a nerve-root distribution."""
    flexion_relief: bool = _flag(
        "presentation", "Better bending forward, worse leaning back",
        "Symptoms ease with forward flexion and worsen with extension.")
    """Better with forward flexion, worse with extension."""
    muscle_spasm: bool = _flag(
        "presentation", "Muscle spasm", "Muscle spasm contributes to the pain.")
    """Muscle spasm contributes to the pain."""
    neuropathic_pain: bool = _flag(
        "presentation", "Neuropathic pain features", "Burning, shooting or electric pain qualities.")
    """Neuropathic pain features."""
    anterolateral_thigh: bool = _flag(
        "presentation", "Paresthesia in the outer front thigh",
        "Tingling or numbness in the anterolateral thigh.")
    """Paresthesia in the anterolateral thigh."""
    imaging_confirms_root_impingement: bool = _flag(
        "presentation", "Imaging confirms nerve-root impingement",
        "MRI or CT shows impingement of the nerve root.")
    """Imaging shows nerve-root impingement."""
    persistent_functional_disability: bool = _flag(
        "presentation", "Persistent functional disability",
        "Disability and pain persist despite comprehensive conservative care.")
    """Persistent disability despite comprehensive conservative care."""
    failed_other_treatments: bool = _flag(
        "presentation", "All other treatments have failed",
        "Every other treatment option has been tried without success.")
    """Every other treatment has been tried and has failed."""

    gi_risk: bool = _flag(
        "medication_risks", "Gastrointestinal risk",
        "Peptic ulcer, gastrointestinal bleeding or other GI risk.")
    """Peptic ulcer, GI bleeding or other GI risk."""
    renal_impairment: bool = _flag(
        "medication_risks", "Reduced kidney function", "Known renal impairment.")
    """Reduced kidney function."""
    cardiovascular_risk: bool = _flag(
        "medication_risks", "Cardiovascular risk",
        "Cardiovascular disease or high cardiovascular risk.")
    """Cardiovascular disease or high cardiovascular risk."""
    liver_disease: bool = _flag(
        "medication_risks", "Liver disease",
        "Known liver disease. Adds a caution on the acetaminophen ceiling and on NSAIDs.",
        beyond_source=("NICE NG59 (2016, updated 2020) names liver toxicity among the NSAID harms to "
                       "weigh; the source gives one acetaminophen ceiling for everyone"))
    """Known liver disease: cautions on acetaminophen and NSAIDs, beyond the source."""

    @classmethod
    def from_dict(cls, data: Any) -> Case:
        """Check every field of ``data`` and build a case, or raise listing every problem.

        >>> Case.from_dict({"duration_weeks": -3})
        Traceback (most recent call last):
        ...
        lbp_core.case.CaseValidationError: duration_weeks: must be a number from 0 to 520, got -3
        """
        if not isinstance(data, Mapping):
            raise CaseValidationError([FieldError(
                "case", f"must be a JSON object of case fields, got {_describe(data)}")])
        errors: list[FieldError] = []
        values: dict[str, Any] = {}
        for name in data:
            if name not in FIELD_SPECS:
                errors.append(FieldError(str(name), _unknown(str(name))))
        for name, spec in FIELD_SPECS.items():
            # null stands for "not given" where that has a meaning (an unknown age); a yes/no question
            # has no such state, and an unanswered red flag must not be read as "no".
            if name not in data or (data[name] is None and not spec.required
                                    and spec.kind != "boolean"):
                if spec.required:
                    errors.append(FieldError(name, f"is required: {_allowed(spec)}"))
                continue
            value, message = _check(spec, data[name])
            if message:
                errors.append(FieldError(name, message))
            else:
                values[name] = value
        care, duration = values.get("conservative_care_weeks"), values.get("duration_weeks")
        if care is not None and duration is not None and care > duration:
            errors.append(FieldError("conservative_care_weeks", (
                f"cannot be more than duration_weeks ({_number(duration)}), "
                f"got {_number(care)}")))
        if errors:
            raise CaseValidationError(errors)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The case as contract fields, leaving out what was not given."""
        return {name: getattr(self, name) for name in FIELD_SPECS
                if getattr(self, name) is not None}


FIELD_SPECS: dict[str, FieldSpec] = {
    f.name: f.metadata["spec"] for f in dataclasses.fields(Case)
}

CAUDA_EQUINA_FIELDS = ("urinary_retention", "saddle_anesthesia", "bilateral_leg_weakness",
                       "anal_sphincter_loss")
INFECTION_MALIGNANCY_FIELDS = ("fever", "night_sweats", "unexplained_weight_loss", "cancer_history",
                               "immunocompromised", "iv_drug_use", "recent_infection")
BEYOND_SOURCE_FIELDS = tuple(name for name, spec in FIELD_SPECS.items() if spec.beyond_source)
RED_FLAG_FIELDS = tuple(name for name, spec in FIELD_SPECS.items()
                        if spec.group in ("cauda_equina", "progressive_deficit",
                                          "infection_malignancy", "fracture"))


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field of a case."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class CaseValidationError(ValueError):
    """The case is not valid; ``errors`` lists every problem, each naming its field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in errors))


def _check(spec: FieldSpec, value: Any) -> tuple[Any, str | None]:
    if spec.kind == "boolean":
        if isinstance(value, bool):
            return value, None
        hint = " (leave the field out for false)" if value is None else ""
        return None, f"must be true or false, got {_describe(value)}{hint}"
    # bool is a subclass of int: a boolean is never accepted as a number.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"{_allowed(spec)}, got {_describe(value)}"
    # An int is always finite; math.isfinite would overflow converting one of 309 digits or more.
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{_allowed(spec)}, got {_describe(value)}"
    if spec.kind == "integer":
        if isinstance(value, float) and not value.is_integer():
            return None, f"{_allowed(spec)}, got {_number(value)}"
        value = int(value)
    assert spec.minimum is not None and spec.maximum is not None
    if not spec.minimum <= value <= spec.maximum:
        return None, f"{_allowed(spec)}, got {_number(value)}"
    return value, None


def _unknown(name: str) -> str:
    """An unknown field's message; a near miss (``saddle_anaesthesia``) names the field meant."""
    near = difflib.get_close_matches(name, FIELD_SPECS, n=1, cutoff=0.8)
    hint = f"did you mean {near[0]}? " if near else ""
    return f"unknown field; {hint}allowed fields are " + ", ".join(FIELD_SPECS)


def _allowed(spec: FieldSpec) -> str:
    kind = "a whole number" if spec.kind == "integer" else "a number"
    return f"must be {kind} from {_number(spec.minimum)} to {_number(spec.maximum)}"


def _number(value: float | None) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 20 else f"a number of {len(text.lstrip('-'))} digits"


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"the text {shown!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__
