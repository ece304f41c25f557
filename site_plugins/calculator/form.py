"""The calculator form as server-rendered HTML, generated from ``lbp_core.input_schema()``.

Labels, help text, groups (red flags first), the required duration and number ranges all come from the
schema, so the form and the engine cannot drift. The form works before any script has loaded.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["render_form"]


def _attrs(**values: str | int | float | bool | None) -> str:
    parts = []
    for name, value in values.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return " ".join(parts)


def _number(field: dict[str, Any]) -> str:
    name, unit = field["name"], field.get("unit") or ""
    hint = f"{field['minimum']:g} to {field['maximum']:g}" + (f" {unit}" if unit else "")
    required = field["required"]
    label = escape(field["label"]) + (' <span class="lbp-required">(required)</span>' if required else "")
    # Text, not type="number": Chromium's number box drops a decimal comma without a word ("1,5" became
    # 15 weeks), and many phone keypads offer one. form.js reads a comma as the decimal point and hands
    # anything else that is not a number to the engine, which names the field and what is allowed.
    inputs = _attrs(id=f"lbp-f-{name}", name=name, type="text",
                    inputmode="numeric" if field["type"] == "integer" else "decimal",
                    autocomplete="off", spellcheck="false", required=required,
                    aria_describedby=f"lbp-h-{name} lbp-e-{name}")
    return (f'<div class="lbp-field lbp-field--number" data-name="{name}">'
            f'<label for="lbp-f-{name}">{label}</label>'
            f'<span class="lbp-input"><input {inputs}>'
            f'<span class="lbp-unit">{escape(unit)}</span></span>'
            f'<small class="lbp-help" id="lbp-h-{name}">{escape(field["help"])} ({escape(hint)})</small>'
            f'<small class="lbp-field-error" id="lbp-e-{name}" data-error-for="{name}" hidden></small>'
            "</div>")


def _boolean(field: dict[str, Any]) -> str:
    name = field["name"]
    inputs = _attrs(id=f"lbp-f-{name}", name=name, type="checkbox", value="true",
                    aria_describedby=f"lbp-h-{name} lbp-e-{name}")
    return (f'<div class="lbp-field lbp-field--boolean" data-name="{name}">'
            f'<input {inputs}><label for="lbp-f-{name}">{escape(field["label"])}</label>'
            f'<small class="lbp-help" id="lbp-h-{name}">{escape(field["help"])}</small>'
            f'<small class="lbp-field-error" id="lbp-e-{name}" data-error-for="{name}" hidden></small>'
            "</div>")


def render_form(schema: dict[str, Any]) -> str:
    """The ``<form>`` for every schema field, one ``<fieldset>`` per group, in the schema's order.

    The red-flag groups come first and are always open. Every other group sits in a ``<details>`` fold,
    open on arrival (nothing a clinician must answer is hidden at first), that the user may close; its
    summary counts what is entered in it (``[data-lbp-fold-count]``, kept by fold-counts.js).
    """
    fields = {field["name"]: field for field in schema["fields"]}
    groups = []
    for group in schema["groups"]:
        red_flag = group["label"].lower().startswith("red flag")
        body = "".join(_number(fields[name]) if fields[name]["type"] != "boolean" else _boolean(fields[name])
                       for name in group["fields"])
        css = "lbp-group lbp-group--red-flag" if red_flag else "lbp-group"
        group_id = escape(group["id"])
        fieldset = (f'<fieldset class="{css}" id="lbp-g-{group_id}">'
                    f'<legend>{escape(group["label"])}</legend>'
                    f'<p class="lbp-group-description">{escape(group["description"])}</p>{body}'
                    "</fieldset>")
        if not red_flag:
            fieldset = (f'<details class="lbp-fold" id="lbp-fold-{group_id}" open>'
                        f'<summary><span class="lbp-fold-label">{escape(group["label"])}</span> '
                        f'<span class="lbp-fold-count" data-lbp-fold-count="{group_id}">'
                        f'{len(group["fields"])} inputs</span></summary>{fieldset}</details>')
        groups.append(fieldset)
    return ('<form id="lbp-form" class="lbp-form" novalidate autocomplete="off" '
            'aria-label="Patient findings">' + "".join(groups) + "</form>")
