"""Markdown for the trust pages: hazard log, calculator logic, inputs, and traceability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lbp_core import input_schema, rule_descriptions
from lbp_core.guideline import RECOMMENDATIONS, SECTIONS
from lbp_core.model import Recommendation
from lbp_core.worked_cases import WORKED_CASES
from site_plugins.trust.verifying import VerifyingTest, matches

__all__ = ["NOT_RUN", "Verification", "hazard_log", "calculator_logic", "calculator_inputs",
           "coverage_section", "traceability_index", "traceability_page"]

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


def _cases_for(rec_id: str) -> list[str]:
    return [wc.id for wc in WORKED_CASES if any(rec == rec_id for _, _, rec in wc.expected)]


NOT_RUN = "not run for this version"


@dataclass(frozen=True)
class Verification:
    """What the build knows of the tests: which verify each recommendation (read from the test files), and
    the recorded run whose results it shows, only if that run was of this very tree."""

    tests: tuple[VerifyingTest, ...]
    run: dict[str, Any] | None = None
    """The recorded run of this tree (``.traceability/last-run.json``), or None."""
    other_run: dict[str, Any] | None = None
    """A recorded run of another tree: its results are not this build's, and are never shown."""

    def tests_for(self, rec_id: str) -> list[tuple[str, str]]:
        """(node id, result) of each test that verifies ``rec_id``; the result is ``NOT_RUN`` without a
        recorded run of this tree, or when that run left the test out."""
        return [(test.nodeid, self.result(test)) for test in self.tests if rec_id in test.recommendations]

    def result(self, test: VerifyingTest) -> str:
        if self.run is None:
            return NOT_RUN
        outcomes = [outcome for nodeid, outcome in self.run["outcomes"].items() if matches(test, nodeid)]
        if not outcomes:
            return NOT_RUN
        for worst in ("failed", "error"):
            if worst in outcomes:
                return "failed"
        if all(outcome == "skipped" for outcome in outcomes):
            return "skipped"
        passed = outcomes.count("passed")
        return "passed" if passed == len(outcomes) else f"passed {passed} of {len(outcomes)}"


def _run_line(verification: Verification) -> str:
    if verification.run is not None:
        return (f"Results of the test run of this version of the project, finished "
                f"{verification.run['finished']} (the tests are read from the test files).")
    if verification.other_run is not None:
        return (f"The tests are read from the test files. The test run recorded where this site was built "
                f"(finished {verification.other_run['finished']}) was of another version of the project, so "
                f"no result is shown: each test is {NOT_RUN}.")
    return ("The tests are read from the test files. No test run of this version was recorded where this "
            f"site was built, so each test is {NOT_RUN}; `make test` builds the site again with its results.")


def _percent(covered: int, total: int) -> str:
    return f"{100 * covered / total:.1f}%" if total else "–"


def coverage_section(verification: Verification) -> list[str]:
    """Branch coverage of lbp_core in the recorded run of this tree, module by module, with every line and
    branch no test reached."""
    lines = ["## What the tests cover", ""]
    coverage = verification.run.get("coverage") if verification.run else None
    if not coverage:
        return lines + [f"Coverage of `lbp_core`: {NOT_RUN} (`make test` measures it).", ""]
    totals = coverage["totals"]
    lines += [f"Coverage of `lbp_core` in that run: **{totals['percent_covered_display']}%** of its statements "
              f"and branches together ({totals['covered_lines']} of {totals['num_statements']} statements, "
              f"{totals.get('covered_branches', 0)} of {totals.get('num_branches', 0)} branches), measured with "
              "coverage.py with branch coverage.", "",
              "| Module | Statements | Branches | Covered | Not reached |", "| --- | --- | --- | --- | --- |"]
    for name, data in coverage["files"].items():
        summary = data["summary"]
        missing = [f"line {line}" for line in data["missing_lines"]] + [
            f"branch {start}→{'exit' if end < 0 else end}" for start, end in data["missing_branches"]]
        lines.append(f"| `{_cell(name)}` | {summary['covered_lines']}/{summary['num_statements']} "
                     f"| {summary.get('covered_branches', 0)}/{summary.get('num_branches', 0)} "
                     f"| {summary['percent_covered_display']}% | {_cell(', '.join(missing)) or '–'} |")
    return lines + [""]


def traceability_index(verification: Verification) -> str:
    lines = ["# Traceability", "",
             "Each recommendation, the tests that verify it, and the worked cases that exercise it.",
             "", _run_line(verification), "",
             "| Recommendation | Tests | Passed | Worked cases |", "| --- | --- | --- | --- |"]
    for rec in RECOMMENDATIONS:
        tests = verification.tests_for(rec.id)
        passed = (sum(result == "passed" for _, result in tests) if verification.run is not None
                  else NOT_RUN)
        lines.append(f"| [{_cell(rec.title)}]({rec.id}.md) | {len(tests)} | {passed} "
                     f"| {len(_cases_for(rec.id))} |")
    lines += ["", *coverage_section(verification)]
    return "\n".join(lines) + "\n"


def traceability_page(rec: Recommendation, verification: Verification) -> str:
    # Out of the site search: these pages repeat each recommendation's title and came second for
    # almost every query. The traceability index stays searchable and links to them all.
    lines = ["---", "search:", "  exclude: true", "---", "", f"# Verification: {rec.title}", "",
             f"Recommendation [`{rec.id}`](../../{_SECTION_PAGE[rec.section]}#{rec.id}), listed as "
             f"**{rec.stance}**.", "", "## Tests", "", _run_line(verification), ""]
    tests = verification.tests_for(rec.id)
    if tests:
        lines += ["| Test | Result |", "| --- | --- |"]
        lines += [f"| `{_cell(test_id)}` | {result} |" for test_id, result in tests]
    else:
        lines += ["No test declares that it verifies this recommendation."]
    lines += ["", "## Worked cases", ""]
    cases = _cases_for(rec.id)
    lines += [f"- [{case_id}](../../cases.md#{case_id})" for case_id in cases] or [
        "No worked case expects this recommendation; it is verified by the tests above."]
    return "\n".join(lines) + "\n"
