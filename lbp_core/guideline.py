"""The guideline as data: sections, references and recommendations, each with a stable ID.

The content lives in :mod:`lbp_core._content`, its shapes in :mod:`lbp_core.model`. Recommendation IDs
are permanent: they are URL anchors and pages on the site.
"""

from __future__ import annotations

from typing import Any

from lbp_core._content import GUIDELINE, RECOMMENDATIONS, REFERENCES, SECTIONS
from lbp_core.model import Recommendation, Reference

__all__ = [
    "GUIDELINE",
    "RECOMMENDATIONS",
    "REFERENCES",
    "SECTIONS",
    "catalogue",
    "recommendation",
    "reference",
]


_RECOMMENDATIONS_BY_ID = {rec.id: rec for rec in RECOMMENDATIONS}
_REFERENCES_BY_ID = {ref.id: ref for ref in REFERENCES}


def recommendation(rec_id: str) -> Recommendation:
    """Look up a recommendation by its stable ID.

    >>> recommendation("red-flags-cauda-equina").intervention
    'emergency_surgical_referral'
    """
    return _RECOMMENDATIONS_BY_ID[rec_id]


def reference(ref_id: str) -> Reference:
    """Look up a reference by its number (``"1"``) or slug (``"nice-ng59"``)."""
    return _REFERENCES_BY_ID[ref_id]


def catalogue() -> dict[str, Any]:
    """The whole guideline as JSON-ready data: what ``python -m lbp_core recommendations`` prints."""
    return {
        "guideline": {"title": GUIDELINE.title, "version": GUIDELINE.version,
                      "source_last_updated": GUIDELINE.source_last_updated,
                      "last_reviewed": GUIDELINE.last_reviewed,
                      "review_status": GUIDELINE.review_status},
        "sections": [{"id": s.id, "title": s.title, "page": s.page} for s in SECTIONS],
        "references": [{"id": r.id, "kind": r.kind, "citation": r.citation, "listed": r.listed,
                        "note": r.note} for r in REFERENCES],
        "recommendations": [rec.to_dict() for rec in RECOMMENDATIONS],
    }
