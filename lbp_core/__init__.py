"""lbp_core: the low back pain guidance as data, and the engine that applies it to one patient.

>>> from lbp_core import evaluate
>>> evaluate({"duration_weeks": 1})["triage"]
'routine'
"""

from __future__ import annotations

from lbp_core.case import Case, CaseValidationError, FieldError
from lbp_core.engine import assess, evaluate, rule_descriptions, screen_red_flags
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, catalogue, recommendation
from lbp_core.schema import input_schema
from lbp_core.sensitivity import grouped_changes, what_would_change
from lbp_core.note import clinical_note, note_lines  # noqa: E402 (reads __version__ lazily)

__all__ = [
    "GUIDELINE",
    "GUIDELINE_VERSION",
    "RECOMMENDATIONS",
    "Case",
    "CaseValidationError",
    "FieldError",
    "assess",
    "catalogue",
    "clinical_note",
    "evaluate",
    "grouped_changes",
    "input_schema",
    "note_lines",
    "recommendation",
    "rule_descriptions",
    "screen_red_flags",
    "what_would_change",
]

GUIDELINE_VERSION = GUIDELINE.version
__version__ = "1.0.0"
