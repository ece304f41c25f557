"""What would change this result: the single-field edits that change the triage or the actions.

:func:`what_would_change` lists every edit; :func:`grouped_changes` folds the edits with the same effect
into one line naming each input (the form the calculator and the clinical note show).
"""

from __future__ import annotations

from typing import Any

from lbp_core._findings import (
    CHRONIC_FROM_WEEKS, CONSERVATIVE_CARE_TRIAL_WEEKS, EXERCISE_FROM_WEEKS, SUBACUTE_FROM_WEEKS,
)
from lbp_core.case import FIELD_SPECS, Case, CaseValidationError
from lbp_core.engine import assess
from lbp_core.guideline import recommendation

__all__ = ["grouped_changes", "what_would_change"]

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


# The red-flag groups of the form, named as one sign of the same condition.
_GROUP_NAMES = {
    "cauda_equina": "Any sign of cauda equina syndrome",
    "infection_malignancy": "Any sign of infection or malignancy",
    "fracture": "Any sign of fracture",
}
_TRIAGE_WORDS = {"emergency": "emergency", "urgent": "urgent", "prompt": "prompt work-up",
                 "routine": "routine care"}


def grouped_changes(case: Any) -> list[dict[str, Any]]:
    """:func:`what_would_change`, folded: edits with the same effect become one line naming each input.

    Each line is ``{"kind", "text", "items"}``. ``kind`` is ``"triage"`` (one line per distinct change of
    triage and its actions, listed first), then ``"added"`` (one line: every edit that adds an action,
    edits adding the same actions named together), then ``"removed"`` (one line, likewise for actions
    taken away). An edit that both adds and removes appears in both lines. ``items`` are ``{"fields",
    "edits", "triage", "actions", "text"}``: ``edits`` the raw changes of :func:`what_would_change`,
    ``actions`` the recommendation ids added (or removed). ``text`` is plain text, ready to show. Raises
    :class:`CaseValidationError` for a bad case.

    >>> lines = grouped_changes({"duration_weeks": 3})
    >>> lines[0]["kind"], lines[0]["text"].startswith("Any sign of cauda equina syndrome")
    ('triage', True)
    """
    changes = what_would_change(case)
    lines: list[dict[str, Any]] = []
    triage: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change["triage"]:
            triage.setdefault(repr((change["triage"], change["added"])), []).append(change)
    for edits in triage.values():
        item = _item(edits, "added", triage=edits[0]["triage"])
        lines.append({"kind": "triage", "text": item["text"], "items": [item]})
    for kind, verb in (("added", "Would add"), ("removed", "Would remove")):
        groups: dict[str, list[dict[str, Any]]] = {}
        for change in changes:
            if not change["triage"] and change[kind]:
                groups.setdefault(repr(change[kind]), []).append(change)
        if groups:
            items = [_item(edits, kind) for edits in groups.values()]
            lines.append({"kind": kind, "items": items,
                          "text": f"{verb}: " + "; ".join(item["text"] for item in items) + "."})
    return lines


def _item(edits: list[dict[str, Any]], kind: str, *, triage: list[str] | None = None) -> dict[str, Any]:
    actions: list[str] = edits[0][kind]
    names = [_edit_text(edit) for edit in edits]
    groups = {FIELD_SPECS[edit["field"]].group for edit in edits}
    if len(edits) > 1 and len(groups) == 1 and (group := groups.pop()) in _GROUP_NAMES:
        who = f"{_GROUP_NAMES[group]} — {', '.join(name[0].lower() + name[1:] for name in names)}"
    else:
        who = " or ".join(names)
    titles = ", ".join(recommendation(rec).short_title for rec in actions)
    if triage:
        text = f"{who} → {_TRIAGE_WORDS[triage[1]]}" + (f" ({titles})" if titles else "")
    else:
        text = f"{who} → {titles}"
    return {"fields": list(dict.fromkeys(edit["field"] for edit in edits)), "edits": edits,
            "triage": triage, "actions": list(actions), "text": text}


def _edit_text(edit: dict[str, Any]) -> str:
    """One edit in words: a ticked box by its label, an unticked one as "no ...", a number with its
    unit, and what the edit had to change with it.

    >>> _edit_text({"field": "fever", "value": False, "also": {}})
    'No fever'
    """
    spec = FIELD_SPECS[edit["field"]]
    value = edit["value"]
    if spec.kind == "boolean":
        text = spec.label if value else f"No {spec.label[0].lower()}{spec.label[1:]}"
    else:
        text = f"{spec.label} {_number(value, spec.unit)}"
    for name, other in edit["also"].items():
        other_spec = FIELD_SPECS[name]
        text += f" (with {other_spec.label[0].lower()}{other_spec.label[1:]} {_number(other, other_spec.unit)})"
    return text


def _number(value: float, unit: str | None) -> str:
    if unit == "weeks" and value == 1:
        unit = "week"
    return f"{value:g}" + (f" {unit}" if unit else "")
