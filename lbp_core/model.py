"""The shapes of the guideline data: sections, references, recommendations and their concordance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from lbp_core._short_titles import SHORT_TITLES

__all__ = [
    "Audience",
    "Change",
    "Concordance",
    "GuidelineInfo",
    "Intervention",
    "INTERVENTIONS",
    "Recommendation",
    "Reference",
    "Release",
    "Section",
    "Stance",
    "STANCES",
]

Stance = Literal["recommend", "consider", "avoid"]
STANCES: tuple[Stance, ...] = ("recommend", "consider", "avoid")
Audience = Literal["clinician", "patient"]
Agreement = Literal["agrees", "differs", "conflicts", "beyond"]

Intervention = Literal[
    "emergency_surgical_referral", "mri", "routine_imaging", "plain_radiograph",
    "infection_malignancy_workup", "fracture_workup", "education", "stay_active", "bed_rest",
    "flexion_activities", "acetaminophen", "nsaid", "systemic_corticosteroid", "opioid", "heat",
    "medium_firm_mattress", "exercise_therapy", "spinal_manipulation", "acupuncture", "massage", "cbt",
    "muscle_relaxant", "gabapentin", "tricyclic_antidepressant", "duloxetine",
    "epidural_steroid_injection", "surgical_consultation", "meralgia_paresthetica_assessment",
    "follow_up",
]
INTERVENTIONS: tuple[Intervention, ...] = Intervention.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True, slots=True)
class GuidelineInfo:
    """Version and review facts for the whole body of guidance content."""

    title: str
    version: str
    """Content version; every result carries it as ``guideline_version``."""
    source_last_updated: str
    """The date the source document gives for its own last update (ISO 8601)."""
    last_reviewed: str
    """The date this content was last checked against the source and primary guidance (ISO 8601)."""
    review_status: str
    """Whether a clinician has reviewed this content, in plain words."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Reference:
    """A work that a statement cites: the source's own numbered references or a primary guideline."""

    id: str
    """``"1"`` to ``"5"`` for the source's reference numbers, a short slug for primary guidelines."""
    citation: str | None
    """The full citation, or ``None`` where the source cites the number but never lists the work."""
    kind: Literal["source", "primary"]
    note: str = ""

    @property
    def listed(self) -> bool:
        """Whether the full work is known (the source's references 4 and 5 are not)."""
        return self.citation is not None


@dataclass(frozen=True, kw_only=True, slots=True)
class Concordance:
    """Where current primary guidance stands on a recommendation, with the citing references."""

    agreement: Agreement
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Section:
    """A part of the guidance; ``page`` is the site page that holds its recommendations."""

    id: str
    title: str
    page: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Recommendation:
    """One recommendation of the guidance, as the site shows it and the engine applies it."""

    id: str
    """Stable, permanent slug: the URL anchor and page name."""
    section: str
    title: str
    intervention: Intervention
    stance: Stance
    clinician: str
    """The statement for health professionals."""
    patient: str
    """The same advice in plain language. Never weaker on a red flag."""
    citations: tuple[str, ...]
    """The source's reference numbers that support the statement."""
    rationale: str
    """Why the recommendation says what it says, and when the calculator applies it."""
    concordance: tuple[Concordance, ...] = ()
    red_flag: bool = False

    @property
    def short_title(self) -> str:
        """The recommendation's name where space is short (at most 40 characters)."""
        return SHORT_TITLES[self.id]

    def statement(self, audience: Audience) -> str:
        return self.patient if audience == "patient" else self.clinician

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "section": self.section, "title": self.title,
            "short_title": self.short_title,
            "intervention": self.intervention, "stance": self.stance, "red_flag": self.red_flag,
            "clinician": self.clinician, "patient": self.patient,
            "citations": list(self.citations), "rationale": self.rationale,
            "concordance": [{"agreement": c.agreement, "text": c.text,
                             "references": list(c.references)} for c in self.concordance],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    """One change to one or more recommendations in a release of the content, and why it was made."""

    recs: tuple[str, ...]
    """The IDs of the recommendations it changed."""
    what: str
    """What changed, in one line."""
    why: str
    """Why, in one line."""
    introduced: bool = False
    """The change published these recommendations for the first time."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Release:
    """A content version: its date, what it was about, and each recommendation it changed."""

    version: str
    """The content version (``GUIDELINE.version`` of that release): year, month and a number."""
    date: str
    """The day it was released (ISO 8601)."""
    summary: str
    """What the release was about, in one line."""
    changes: tuple[Change, ...] = ()
