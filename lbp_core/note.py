"""The plain-text clinical note of one case, for the chart: the same lines in the CLI and the calculator.

The calculator's "Copy as clinical note" copies these lines and adds the link to the case; the command
line prints them (``python -m lbp_core note CASE.json|-``).
"""

from __future__ import annotations

import datetime
from typing import Any

from lbp_core.case import FIELD_SPECS, Case
from lbp_core.engine import assess
from lbp_core.guideline import GUIDELINE, recommendation

__all__ = ["PHASE_LABELS", "STANCE_LABELS", "TRIAGE_LABELS", "clinical_note", "note_lines"]

TRIAGE_LABELS = {
    "emergency": "Emergency — a cauda equina sign: refer for emergency surgical assessment now, before "
                 "any treatment.",
    "urgent": "Urgent — a progressive or severe neurological deficit: arrange urgent evaluation with MRI.",
    "prompt": "Prompt work-up — a possible infection, malignancy or fracture: work it up promptly.",
    "routine": "Routine care — none of the red flags was entered; keep screening for them at every visit.",
}
STANCE_LABELS = {"recommend": "Do now", "consider": "Consider", "avoid": "Avoid"}
PHASE_LABELS = {"acute": "acute (under 4 weeks)", "subacute": "subacute (4 to under 12 weeks)",
           "chronic": "chronic (12 weeks or more)"}


def note_lines(case: Any, *, wheel_sha256: str | None = None,
               today: datetime.date | None = None) -> list[str]:
    """The note's lines for a case given as contract fields. ``wheel_sha256``, when known (the
    calculator page knows the wheel it loaded), adds a line with its first 12 hex digits; ``today``
    defaults to the local date. Raises :class:`lbp_core.CaseValidationError` for a bad case.

    >>> note_lines({"duration_weeks": 2, "saddle_anesthesia": True}, today=datetime.date(2026, 1, 2))[1]
    'Triage: Emergency — a cauda equina sign: refer for emergency surgical assessment now, before any treatment.'
    """
    parsed = Case.from_dict(case)
    result = assess(parsed)
    lines = ["Low back pain guidance — clinical note",
             f"Triage: {TRIAGE_LABELS[result['triage']]}",
             f"Phase: {PHASE_LABELS[result['phase']]}"]
    for stance, label in STANCE_LABELS.items():
        actions = [a for a in result["actions"] if a["stance"] == stance]
        named = "; ".join(f"{recommendation(a['rec']).short_title} [{a['rec']}]" for a in actions)
        lines.append(f"{label}: {named or 'none'}")
    cautions = [(a["rec"], caution) for a in result["actions"] for caution in a["cautions"]]
    cautions += [("", warning) for warning in result["warnings"]]
    if cautions:
        lines.append("Cautions for this patient:")
        lines += [f"- {recommendation(rec).short_title}: {text}" if rec else f"- {text}"
                  for rec, text in cautions]
    else:
        lines.append("Cautions for this patient: none")
    lines.append("Inputs as entered: " + _inputs(parsed, case))
    lines.append(f"Guideline version: {GUIDELINE.version}")
    from lbp_core import __version__
    lines.append(f"Engine: lbp_core {__version__}")
    if wheel_sha256:
        lines.append(f"Engine wheel sha256: {wheel_sha256[:12]}")
    lines.append(f"Date: {(today or datetime.date.today()).isoformat()}")
    return lines


def clinical_note(case: Any, **options: Any) -> str:
    """:func:`note_lines` joined as one text, ending with a newline."""
    return "\n".join(note_lines(case, **options)) + "\n"


def _inputs(parsed: Case, case: Any) -> str:
    """Every field the case gives, in the form's order, as label and value; unticked boxes that were
    sent as ``false`` are left out (the form sends only what is entered)."""
    parts = []
    for name, spec in FIELD_SPECS.items():
        if name not in case:
            continue
        value = getattr(parsed, name)
        if spec.kind == "boolean":
            if value:
                parts.append(f"{spec.label}: yes")
        elif value is not None:
            unit = f" {spec.unit}" if spec.unit else ""
            parts.append(f"{spec.label}: {value:g}{unit}")
    return "; ".join(parts) or "none"
