"""The input schema: every case field with its type, range, label, help text and form group.

The calculator form is generated from this at site-build time, so form and engine cannot drift.
"""

from __future__ import annotations

from typing import Any

from lbp_core.case import FIELD_SPECS
from lbp_core.guideline import GUIDELINE

__all__ = ["GROUPS", "input_schema"]

# Form order: red flags first, then the course of the episode, then the presentation.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("cauda_equina", "Red flags: cauda equina syndrome",
     "Any one of these makes it an emergency."),
    ("progressive_deficit", "Red flags: progressive neurological deficit",
     "Worsening deficits need urgent evaluation."),
    ("infection_malignancy", "Red flags: infection or malignancy",
     "These call for a prompt work-up."),
    ("fracture", "Red flags: vertebral fracture",
     "Significant trauma, or minor trauma with osteoporosis risk."),
    ("course", "Course of the episode", "How long, how much care so far, and the direction."),
    ("presentation", "Presentation and history", "Features that select specific options."),
    ("medication_risks", "Medication risks", "Risks that add cautions to medicines."),
)


def input_schema() -> dict[str, Any]:
    """Every case field, grouped for the form; what ``python -m lbp_core schema`` prints.

    >>> input_schema()["fields"][0]["name"]
    'urinary_retention'
    """
    fields = []
    for name, spec in FIELD_SPECS.items():
        entry: dict[str, Any] = {"name": name, "type": spec.kind, "label": spec.label,
                                 "help": spec.help, "group": spec.group,
                                 "required": spec.required}
        if spec.beyond_source:
            entry["beyond_source"] = spec.beyond_source
        if spec.kind == "boolean":
            entry["default"] = False
        else:
            entry.update(minimum=spec.minimum, maximum=spec.maximum, unit=spec.unit)
        fields.append(entry)
    order = {group: i for i, (group, _, _) in enumerate(GROUPS)}
    fields.sort(key=lambda entry: order[entry["group"]])
    return {
        "guideline_version": GUIDELINE.version,
        "groups": [{"id": group, "label": label, "description": description,
                    "fields": [entry["name"] for entry in fields if entry["group"] == group]}
                   for group, label, description in GROUPS],
        "fields": fields,
    }
