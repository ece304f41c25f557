"""Clinical facts derived once from a validated case: red flags, phase, persistence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lbp_core.case import CAUDA_EQUINA_FIELDS, INFECTION_MALIGNANCY_FIELDS, Case

Phase = Literal["acute", "subacute", "chronic"]
Triage = Literal["emergency", "urgent", "prompt", "routine"]

SUBACUTE_FROM_WEEKS = 4
CHRONIC_FROM_WEEKS = 12
CONSERVATIVE_CARE_TRIAL_WEEKS = 6
EXERCISE_FROM_WEEKS = 2
# "Second-line treatment for persistent symptoms (after 4-6 weeks)": the earliest the heading allows.
SECOND_LINE_FROM_WEEKS = 4


def phase_of(duration_weeks: float) -> Phase:
    """Acute under 4 weeks, subacute from 4 to under 12, chronic from 12.

    >>> [phase_of(w) for w in (3.9, 4, 11.9, 12)]
    ['acute', 'subacute', 'subacute', 'chronic']
    """
    if duration_weeks < SUBACUTE_FROM_WEEKS:
        return "acute"
    if duration_weeks < CHRONIC_FROM_WEEKS:
        return "subacute"
    return "chronic"


@dataclass(frozen=True, slots=True)
class Findings:
    case: Case
    cauda_equina: tuple[str, ...]
    infection_malignancy: tuple[str, ...]
    fracture: tuple[str, ...]
    phase: Phase

    @classmethod
    def of(cls, case: Case) -> Findings:
        fracture: tuple[str, ...] = ()
        if case.significant_trauma:
            fracture = ("significant_trauma",)
        elif case.minor_trauma and case.osteoporosis_risk:
            fracture = ("minor_trauma", "osteoporosis_risk")
        if case.prolonged_corticosteroid_use:
            # ACP/APS 2007 lists corticosteroid use as a compression fracture finding without trauma.
            fracture += ("prolonged_corticosteroid_use",)
        return cls(
            case=case,
            cauda_equina=tuple(name for name in CAUDA_EQUINA_FIELDS if getattr(case, name)),
            infection_malignancy=tuple(name for name in INFECTION_MALIGNANCY_FIELDS
                                       if getattr(case, name)),
            fracture=fracture,
            phase=phase_of(case.duration_weeks),
        )

    @property
    def progressive_deficit(self) -> bool:
        return self.case.progressive_neuro_deficit

    @property
    def any_red_flag(self) -> bool:
        return bool(self.cauda_equina or self.progressive_deficit or self.infection_malignancy
                    or self.fracture)

    @property
    def triage(self) -> Triage:
        if self.cauda_equina:
            return "emergency"
        if self.progressive_deficit:
            return "urgent"
        if self.infection_malignancy or self.fracture:
            return "prompt"
        return "routine"

    @property
    def persisting(self) -> bool:
        """Symptoms are not improving on current management."""
        return not self.case.improving

    @property
    def failed_conservative_care(self) -> bool:
        """At least 6 weeks of optimal conservative care completed without improvement."""
        weeks = self.case.conservative_care_weeks
        return weeks is not None and weeks >= CONSERVATIVE_CARE_TRIAL_WEEKS and self.persisting
