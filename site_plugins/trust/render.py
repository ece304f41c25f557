"""Markdown for the trust pages: hazard log, calculator logic, inputs, and traceability."""

from __future__ import annotations

from typing import Any

from lbp_core import input_schema, rule_descriptions
from lbp_core.guideline import RECOMMENDATIONS, SECTIONS
from lbp_core.model import Recommendation
from lbp_core.worked_cases import WORKED_CASES

__all__ = ["hazard_log", "calculator_logic", "calculator_inputs", "traceability_index",
           "traceability_page"]

_SECTION_PAGE = {section.id: section.page for section in SECTIONS}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def hazard_log(hazards: list[dict[str, Any]]) -> str:
    lines = []
    for hazard in hazards:
        lines += [f"## {hazard['id']}: {_cell(hazard['hazard'])} {{ #{hazard['id'].lower()} }}", "",
                  f"**Cause.** {_cell(hazard['cause'])}", "",
                  "| Control | Verified by |", "| --- | --- |"]
        for control in hazard["controls"]:
            tests = "<br>".join(f"`{test}`" for test in control["verified_by"])
            lines.append(f"| {_cell(control['control'])} | {tests} |")
        lines.append("")
    return "\n".join(lines)


def calculator_logic(prefix: str) -> str:
    """One line per recommendation: when the calculator lists it. ``prefix`` leads to the docs root."""
    when = rule_descriptions()
    lines = ["| Recommendation | Listed as | When the calculator lists it |", "| --- | --- | --- |"]
    for rec in RECOMMENDATIONS:
        lines.append(f"| [{_cell(rec.title)}]({prefix}{_SECTION_PAGE[rec.section]}#{rec.id}) "
                     f"| {rec.stance} | {_cell(when[rec.id])} |")
    return "\n".join(lines)


def calculator_inputs() -> str:
    schema = input_schema()
    labels = {group["id"]: group["label"] for group in schema["groups"]}
    lines = ["| Input | Group | Type | Meaning |", "| --- | --- | --- | --- |"]
    for field in schema["fields"]:
        kind = field["type"]
        if kind != "boolean":
            kind += f", {field['minimum']}–{field['maximum']} {field['unit']}"
        lines.append(f"| `{field['name']}` | {labels[field['group']]} | {kind} "
                     f"| {_cell(field['help'])} |")
    return "\n".join(lines)


def _tests_for(rec_id: str, last_run: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not last_run:
        return []
    return sorted((test_id, info["outcome"]) for test_id, info in last_run["tests"].items()
                  if rec_id in info["verifies"])


def _cases_for(rec_id: str) -> list[str]:
    return [wc.id for wc in WORKED_CASES if any(rec == rec_id for _, _, rec in wc.expected)]


def _run_line(last_run: dict[str, Any] | None) -> str:
    if not last_run:
        return ("No test run was recorded on the machine that built this site. Run `make test`, then "
                "build again, to show each test's result here.")
    return f"Results of the last test run, finished {last_run['finished']}."


def traceability_index(last_run: dict[str, Any] | None) -> str:
    lines = ["# Traceability", "",
             "Each recommendation, the tests that verify it, and the worked cases that exercise it.",
             "", _run_line(last_run), "",
             "| Recommendation | Tests | Passed | Worked cases |", "| --- | --- | --- | --- |"]
    for rec in RECOMMENDATIONS:
        tests = _tests_for(rec.id, last_run)
        passed = sum(outcome == "passed" for _, outcome in tests)
        lines.append(f"| [{_cell(rec.title)}]({rec.id}.md) | {len(tests) if last_run else '–'} "
                     f"| {passed if last_run else '–'} | {len(_cases_for(rec.id))} |")
    return "\n".join(lines) + "\n"


def traceability_page(rec: Recommendation, last_run: dict[str, Any] | None) -> str:
    # Out of the site search: these pages repeat each recommendation's title and came second for
    # almost every query. The traceability index stays searchable and links to them all.
    lines = ["---", "search:", "  exclude: true", "---", "", f"# Verification: {rec.title}", "",
             f"Recommendation [`{rec.id}`](../../{_SECTION_PAGE[rec.section]}#{rec.id}), listed as "
             f"**{rec.stance}**.", "", "## Tests", "", _run_line(last_run), ""]
    tests = _tests_for(rec.id, last_run)
    if tests:
        lines += ["| Test | Result |", "| --- | --- |"]
        lines += [f"| `{_cell(test_id)}` | {outcome} |" for test_id, outcome in tests]
    lines += ["", "## Worked cases", ""]
    cases = _cases_for(rec.id)
    lines += [f"- [{case_id}](../../cases.md#{case_id})" for case_id in cases] or [
        "No worked case expects this recommendation; it is verified by the tests above."]
    return "\n".join(lines) + "\n"
