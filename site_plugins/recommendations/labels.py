"""Words the site shows for the core's closed sets: stances, agreements, audiences, references."""

from __future__ import annotations

from lbp_core.model import Reference

__all__ = ["AGREEMENT_LABELS", "AUDIENCE_LABELS", "STANCE_LABELS", "reference_label"]

STANCE_LABELS = {
    "recommend": "Recommended",
    "consider": "An option to consider",
    "avoid": "Do not do this",
}

AGREEMENT_LABELS = {
    "agrees": "Current guidance agrees",
    "differs": "Current guidance differs",
    "conflicts": "Current guidance conflicts",
    "beyond": "Beyond current guidance",
}

AUDIENCE_LABELS = {
    "clinician": "Health professional",
    "patient": "Patient or carer",
}


def reference_label(ref: Reference) -> str:
    """A short name for a reference: ``1`` for the source's numbers, ``NICE NG59`` for guidelines.

    >>> from lbp_core.guideline import reference
    >>> reference_label(reference("acp-2017-review"))
    'ACP 2017 review'
    """
    if ref.kind == "source":
        return ref.id
    return " ".join(part.upper() if len(part) <= 4 else part for part in ref.id.split("-"))
