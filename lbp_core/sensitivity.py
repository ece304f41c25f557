"""What would change this result: the single-field edits that change the triage or the actions."""

from __future__ import annotations

from typing import Any

from lbp_core._findings import (
    CHRONIC_FROM_WEEKS, CONSERVATIVE_CARE_TRIAL_WEEKS, EXERCISE_FROM_WEEKS, SUBACUTE_FROM_WEEKS,
)
from lbp_core.case import FIELD_SPECS, Case, CaseValidationError
from lbp_core.engine import assess

__all__ = ["what_would_change"]

_DURATION_THRESHOLDS = (EXERCISE_FROM_WEEKS, SUBACUTE_FROM_WEEKS, CONSERVATIVE_CARE_TRIAL_WEEKS,
                        CHRONIC_FROM_WEEKS)
# Routine imaging is advised against up to 6 weeks and no longer "beyond 6 weeks": that line lies
# between 6 and 7, not between 5 and 6 like the thresholds above.
_DURATION_BEYOND = (CONSERVATIVE_CARE_TRIAL_WEEKS,)


def what_would_change(case: Any) -> list[dict[str, Any]]:
    """For each field, the nearest edit that changes the triage or adds or removes an action.

    Each change is ``{"field", "value", "triage", "added", "removed", "also"}``. ``also`` holds any other
    field the edit had to change with it to keep the case valid (a shorter duration shortens conservative
    care that would otherwise outlast it), else ``{}``. Red-flag and triage changes come first. Raises
    :class:`CaseValidationError` for a bad case.

    >>> changes = what_would_change({"duration_weeks": 3})
    >>> changes[0]["field"], changes[0]["triage"]
    ('urinary_retention', ['routine', 'emergency'])
    """
    base_case = Case.from_dict(case)
    base = assess(base_case)
    base_actions = _action_keys(base)
    changes: list[dict[str, Any]] = []
    effects: set[tuple[str, str]] = set()
    for name, value in _alternatives(base_case):
        also = _also(base_case, name, value)
        try:
            edited = Case.from_dict({**base_case.to_dict(), name: value, **also})
        except CaseValidationError:
            continue
        result = assess(edited)
        actions = _action_keys(result)
        added = [rec for rec in actions if rec not in base_actions]
        removed = [rec for rec in base_actions if rec not in actions]
        if result["triage"] == base["triage"] and not added and not removed:
            continue
        # Of the edits to one field with the same effect, only the nearest (tried first) is shown.
        effect = (name, repr((result["triage"], added, removed)))
        if effect in effects:
            continue
        effects.add(effect)
        changes.append({
            "field": name, "value": value,
            "triage": [base["triage"], result["triage"]] if result["triage"] != base["triage"]
            else None,
            "added": added, "removed": removed, "also": also,
        })
    changes.sort(key=lambda change: change["triage"] is None)
    return changes


def _also(case: Case, name: str, value: Any) -> dict[str, Any]:
    """What else an edit must change to stay valid: conservative care cannot outlast the symptoms, so a
    duration below it shortens it too (otherwise no shorter duration could be shown when the two are
    equal, e.g. at exactly 12 weeks of both)."""
    care = case.conservative_care_weeks
    if name == "duration_weeks" and care is not None and care > value:
        return {"conservative_care_weeks": value}
    return {}


def _action_keys(result: dict[str, Any]) -> list[str]:
    return [action["rec"] for action in result["actions"]]


def _alternatives(case: Case) -> list[tuple[str, Any]]:
    edits: list[tuple[str, Any]] = []
    for name, spec in FIELD_SPECS.items():
        if spec.kind == "boolean":
            edits.append((name, not getattr(case, name)))
    duration = case.duration_weeks
    durations = {_across(duration, t) for t in _DURATION_THRESHOLDS}
    durations |= {_beyond(duration, t) for t in _DURATION_BEYOND}
    durations.discard(duration)
    edits += [("duration_weeks", weeks) for weeks in sorted(durations, key=lambda w: (abs(w - duration), w))]
    care = case.conservative_care_weeks
    edits.append(("conservative_care_weeks",
                  CONSERVATIVE_CARE_TRIAL_WEEKS if care is None
                  else _across(care, CONSERVATIVE_CARE_TRIAL_WEEKS)))
    return edits


def _across(value: float, threshold: int) -> int:
    """The nearest whole number of weeks on the other side of ``threshold`` (a rule from ``threshold``
    weeks on)."""
    return threshold if value < threshold else threshold - 1


def _beyond(value: float, threshold: int) -> int:
    """The nearest whole number of weeks on the other side of a rule that holds beyond ``threshold``."""
    return threshold + 1 if value <= threshold else threshold
