"""The recommendation data the result view needs, with links, embedded in the calculator page.

It comes from the same ``lbp_core`` the wheel is built from, in the same build.
"""

from __future__ import annotations

from typing import Any

from lbp_core import catalogue, input_schema, screen_red_flags
from lbp_core.case import RED_FLAG_FIELDS

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
            "section": links.section_title(rec["id"]),
            "anchor": links.anchor(rec["id"]),
            "page": links.page(rec["id"]),
            "clinician": rec["clinician"],
            "patient": rec["patient"],
            "citations": [{"id": ref_id, "text": _reference_text(references[ref_id])}
                          for ref_id in rec["citations"]],
            "concordance": [{"agreement": note["agreement"], "text": note["text"]}
                            for note in rec["concordance"] if note["agreement"] != "agrees"],
        }
    return {"guideline_version": data["guideline"]["version"], "recommendations": recs,
            "fields": field_labels(), "red_flag_table": red_flag_table()}


def field_labels() -> dict[str, dict[str, str]]:
    """``{name: {"label", "unit"}}`` for every input: reasons, cautions, warnings and errors name the
    input by its contract name, and the page shows its label."""
    return {field["name"]: {"label": field["label"], "unit": field.get("unit", "")}
            for field in input_schema()["fields"]}


def red_flag_table() -> dict[str, Any]:
    """The core's red-flag screen for every combination of the red-flag fields, so that the page can show
    the triage of the boxes ticked while the engine is still loading, or if it cannot load.

    ``table[mask]`` is an index into ``outcomes``, where bit ``i`` of ``mask`` is ``fields[i]`` ticked;
    outcome 0 is "no red flag" (``None``), the others ``{"triage", "rec"}`` (the first action's
    recommendation). The page looks the answer up; it never works one out.
    """
    outcomes: list[dict[str, str] | None] = [None]
    table = []
    for mask in range(2 ** len(RED_FLAG_FIELDS)):
        screen = screen_red_flags({name: True for bit, name in enumerate(RED_FLAG_FIELDS)
                                   if mask >> bit & 1})
        outcome = screen and {"triage": screen["triage"], "rec": screen["actions"][0]["rec"]}
        if outcome not in outcomes:
            outcomes.append(outcome)
        table.append(outcomes.index(outcome))
    if len(outcomes) > 10:
        raise ValueError(f"{len(outcomes)} red-flag outcomes: the table holds one digit per combination")
    return {"fields": list(RED_FLAG_FIELDS), "outcomes": outcomes,
            "table": "".join(str(index) for index in table)}
