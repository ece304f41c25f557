"""The recommendation data the result view needs, with links, embedded in the calculator page.

It comes from the same ``lbp_core`` the wheel is built from, in the same build.
"""

from __future__ import annotations

from typing import Any

from lbp_core import catalogue

from site_plugins.calculator.links import RecLinks

__all__ = ["page_catalogue"]


def _reference_text(reference: dict[str, Any]) -> str:
    return reference["citation"] or reference["note"]


def page_catalogue(links: RecLinks) -> dict[str, Any]:
    """``{"recommendations": {id: {...}}}`` with titles, links, citations and concordance notes."""
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
            "citations": [{"id": ref_id, "text": _reference_text(references[ref_id])}
                          for ref_id in rec["citations"]],
            "concordance": [{"agreement": note["agreement"], "text": note["text"]}
                            for note in rec["concordance"] if note["agreement"] != "agrees"],
        }
    return {"guideline_version": data["guideline"]["version"], "recommendations": recs}
