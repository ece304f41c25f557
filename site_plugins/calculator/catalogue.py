"""The recommendation data the result view needs, with links, embedded in the calculator page.

It comes from the same ``lbp_core`` the wheel is built from, in the same build.
"""

from __future__ import annotations

from typing import Any

from lbp_core import catalogue, input_schema, screen_red_flags
from lbp_core.case import CAUDA_EQUINA_FIELDS, INFECTION_MALIGNANCY_FIELDS, RED_FLAG_FIELDS

from site_plugins.calculator.links import RecLinks

__all__ = ["field_labels", "page_catalogue", "red_flag_table"]


def _reference_text(reference: dict[str, Any]) -> str:
    return reference["citation"] or reference["note"]


def page_catalogue(links: RecLinks) -> dict[str, Any]:
    """``{"recommendations": {id: {...}}, "fields": ..., "red_flag_table": ...}``: titles, both wordings,
    links, citations and concordance notes; the inputs' labels; the red-flag screen."""
    data = catalogue()
    references = {ref["id"]: ref for ref in data["references"]}
    recs = {}
    for rec in data["recommendations"]:
        recs[rec["id"]] = {
            "title": rec["title"],
            "short_title": rec["short_title"],
            "section": links.section_title(rec["id"]),
            "anchor": links.anchor(rec["id"]),
            "page": links.page(rec["id"]),
            "clinician": rec["clinician"],
            "patient": rec["patient"],
            "citations": [{"id": ref_id, "text": _reference_text(references[ref_id])}
                          for ref_id in rec["citations"]],
            # Every note: the page shows differs / conflicts / beyond at once, plain agreement on demand.
            "concordance": [{"agreement": note["agreement"], "text": note["text"]}
                            for note in rec["concordance"]],
        }
    return {"guideline_version": data["guideline"]["version"], "recommendations": recs,
            "fields": field_labels(), "red_flag_table": red_flag_table()}


def field_labels() -> dict[str, dict[str, str]]:
    """``{name: {"label", "unit"}}`` for every input: reasons, cautions, warnings and errors name the
    input by its contract name, and the page shows its label."""
    return {field["name"]: {"label": field["label"], "unit": field.get("unit", "")}
            for field in input_schema()["fields"]}


# One bit per group of red-flag fields that the core treats alike (any one of them ticked has the same
# effect as all of them), so the table holds 2^6 answers instead of 2^16 (64 KB on the page). The test
# checks the lookup against the core's own screen for every combination of every red-flag field.
RED_FLAG_BITS: tuple[tuple[str, ...], ...] = (
    CAUDA_EQUINA_FIELDS,
    ("progressive_neuro_deficit",),
    INFECTION_MALIGNANCY_FIELDS,
    ("significant_trauma", "prolonged_corticosteroid_use"),
    ("minor_trauma",),
    ("osteoporosis_risk",),
)


def red_flag_table() -> dict[str, Any]:
    """The core's red-flag screen for every combination of the red-flag fields, so that the page can show
    the triage of the boxes ticked while the engine is still loading, or if it cannot load.

    ``table[mask]`` is an index into ``outcomes``, where bit ``i`` of ``mask`` is set when any field of
    ``bits[i]`` is ticked; outcome 0 is "no red flag" (``None``), the others ``{"triage", "rec"}`` (the
    first action's recommendation). ``fields`` lists every red-flag field. The page looks the answer up;
    it never works one out.
    """
    grouped = sorted(name for names in RED_FLAG_BITS for name in names)
    if grouped != sorted(RED_FLAG_FIELDS):
        raise ValueError("RED_FLAG_BITS must hold every red-flag field exactly once")
    outcomes: list[dict[str, str] | None] = [None]
    table = []
    for mask in range(2 ** len(RED_FLAG_BITS)):
        screen = screen_red_flags({name: True for bit, names in enumerate(RED_FLAG_BITS)
                                   if mask >> bit & 1 for name in names})
        outcome = screen and {"triage": screen["triage"], "rec": screen["actions"][0]["rec"]}
        if outcome not in outcomes:
            outcomes.append(outcome)
        table.append(outcomes.index(outcome))
    if len(outcomes) > 10:
        raise ValueError(f"{len(outcomes)} red-flag outcomes: the table holds one digit per combination")
    return {"fields": list(RED_FLAG_FIELDS), "bits": [list(names) for names in RED_FLAG_BITS],
            "outcomes": outcomes, "table": "".join(str(index) for index in table)}
