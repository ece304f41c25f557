"""The calculator at the bedside (issue 20), on a 375x812 phone: the first input in view on arrival, the
summary of the answer in view while the case is edited, and the clinical note the core renders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from lbp_core import evaluate, recommendation
from lbp_core.case import FIELD_SPECS
from lbp_core.worked_cases import WORKED_CASES

from tests.browser.calculator_page import ENGINE_TIMEOUT_MS, CalculatorPage
from tests.browser.waits import frames_rendered

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
PHONE = {"width": 375, "height": 812}


def _phone(page: Page) -> CalculatorPage:
    page.set_viewport_size(PHONE)
    return CalculatorPage(page)


def _in_view(page: Page, locator: Locator) -> None:
    box = locator.bounding_box()
    assert box is not None and box["height"] > 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


def _summary_shows(page: Page, case: dict[str, Any]) -> None:
    result = evaluate(case)
    summary = page.locator("[data-lbp-summary]")
    expect(summary).to_have_attribute("data-triage", result["triage"])
    _in_view(page, summary)
    for action in result["actions"]:
        link = summary.locator(f'a[data-summary-rec="{action["rec"]}"]')
        expect(link).to_have_text(recommendation(action["rec"]).short_title)


def test_the_first_input_is_in_view_on_arrival(page: Page) -> None:
    calculator = _phone(page).open()
    _in_view(page, calculator.field("urinary_retention"))


@pytest.mark.parametrize("case", [REFERENCE, *(w.case for w in WORKED_CASES)],
                         ids=["reference", *(w.id for w in WORKED_CASES)])
def test_the_summary_is_in_view_with_the_cores_triage_and_every_action(returning_page: Page,
                                                                       case: dict[str, Any]) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(case)
    calculator.ready()
    _summary_shows(page, case)


def _tick(page: Page, box: Locator) -> None:
    """Ticks a box from the middle of the screen, once the page has settled: near the bar at the bottom, the
    page could still be moving (the bar sized, the focused field kept clear of it) between Playwright's
    aim and its click, which then missed."""
    box.evaluate("node => node.scrollIntoView({block: 'center'})")
    frames_rendered(page)
    box.check()


def test_the_summary_follows_each_tick_and_stays_in_view(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    boxes = page.locator("#lbp-form input[type=checkbox]")
    last = boxes.nth(boxes.count() - 1)
    name = last.get_attribute("name")
    assert name is not None and FIELD_SPECS[name].kind == "boolean"
    _tick(page, last)
    _summary_shows(page, {**REFERENCE, name: True})
    _tick(page, calculator.field("fever"))
    _summary_shows(page, {**REFERENCE, name: True, "fever": True})
    expect(page.locator("[data-lbp-summary]")).to_have_attribute("data-triage", "prompt")


def test_a_summary_link_goes_to_the_actions_detail(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    page.locator('[data-lbp-summary] a[data-summary-rec="medication-gabapentin"]').click()
    detail = page.locator("#lbp-action-medication-gabapentin")
    expect(detail).to_be_in_viewport()


def test_the_summary_never_covers_the_field_being_edited(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    boxes = page.locator("#lbp-form input[type=checkbox]")
    last = boxes.nth(boxes.count() - 1)
    last.focus()
    page.keyboard.press("Space")
    expect(page.locator("[data-lbp-summary]")).to_have_attribute("data-triage", "routine")
    field = last.bounding_box()
    summary = page.locator("[data-lbp-summary]").bounding_box()
    visible = page.evaluate("visualViewport.offsetTop + visualViewport.height")
    assert field is not None and summary is not None
    assert field["y"] + field["height"] <= min(summary["y"], visible)


def test_an_emergency_summary_is_announced_assertively(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open({**REFERENCE, "saddle_anesthesia": True})
    calculator.ready()
    summary = page.locator("[data-lbp-summary]")
    expect(summary).to_have_attribute("data-triage", "emergency")
    expect(summary).to_have_attribute("role", "alert")
    _in_view(page, summary)


def test_the_copied_note_holds_every_line_of_the_cli_note(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    page.locator("[data-lbp-copy-note]").click()
    status = page.locator("#lbp-toolbar-status")
    expect(page.locator("#lbp-note-text")).to_have_attribute("data-note-text", "ready")
    expect(status).to_have_text(["Clinical note copied.",
                                 "Copying was not allowed: copy the note selected below."][
        0 if status.get_attribute("data-copied") == "note" else 1])
    copied = page.locator("#lbp-note-text").input_value()
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, "
                          "d.getDate()].map((n) => String(n).padStart(2, '0')).join('-'); })()")
    done = subprocess.run([sys.executable, "-m", "lbp_core", "note", "-", "--date", today],
                          input=json.dumps(REFERENCE), capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    lines = copied.splitlines()
    for line in done.stdout.splitlines():
        assert line in lines
    wheel = page.locator("#lbp-wheel-sha256").inner_text().strip()
    assert f"Engine wheel sha256: {wheel[:12]}" in lines
    assert any(line.startswith("Link to this case: ") and "duration_weeks=8" in line for line in lines)


def test_what_would_change_shows_the_cores_grouped_lines(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    from lbp_core import grouped_changes
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    lines = page.locator("#lbp-changes li[data-change-kind]")
    expect(lines).to_have_text([line["text"] for line in grouped_changes(REFERENCE)], timeout=ENGINE_TIMEOUT_MS)


def test_agreeing_notes_sit_behind_the_disclosure_and_others_stay_visible(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open(REFERENCE)
    calculator.ready()
    visible = page.locator("#lbp-result .lbp-action > .lbp-concordance")
    hidden = page.locator("#lbp-result .lbp-action-more .lbp-concordance")
    assert visible.count() + hidden.count() > 0
    for agreement in visible.evaluate_all("ns => ns.map(n => n.dataset.agreement)"):
        assert agreement in {"differs", "conflicts", "beyond"}
    for agreement in hidden.evaluate_all("ns => ns.map(n => n.dataset.agreement)"):
        assert agreement == "agrees"
    expect(hidden.first).to_be_hidden()
    more = page.locator("#lbp-result .lbp-action-more summary").first
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#lbp-result .lbp-action-more").first).to_have_attribute("open", "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("case", [REFERENCE, {**REFERENCE, "saddle_anesthesia": True}],
                         ids=["reference", "emergency"])
def test_the_bedside_view_is_axe_clean(returning_page: Page, scheme: str, case: dict[str, Any]) -> None:
    """The summary bar, the folds, the disclosures (one opened) and the copied note, in both schemes."""
    page = returning_page  # a returning reader: conftest.py
    from axe_playwright_python.sync_playwright import Axe
    page.emulate_media(color_scheme=scheme)
    calculator = _phone(page).open(case)
    calculator.ready()
    expect(page.locator("[data-lbp-summary]")).to_have_attribute("data-triage", evaluate(case)["triage"])
    page.locator("#lbp-result details.lbp-action-more > summary").first.click()
    page.locator("[data-lbp-copy-note]").click()
    expect(page.locator("#lbp-note-text")).to_have_attribute("data-note-text", "ready")
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_the_form_folds_count_what_is_entered(returning_page: Page) -> None:
    """Red flags first and never folded; every other group folds, and its summary counts its entries."""
    page = returning_page  # a returning reader: conftest.py
    calculator = _phone(page).open(REFERENCE)
    calculator.ready()
    first = page.locator("#lbp-form > *").first
    expect(first).to_have_class("lbp-group lbp-group--red-flag")
    assert page.locator("#lbp-form details .lbp-group--red-flag").count() == 0
    course = page.locator("#lbp-fold-course")
    expect(course).to_have_attribute("open", "")
    expect(course.locator("[data-lbp-fold-count]")).to_have_text("2 of 5 entered")
    course.locator("> summary").click()  # the reader folds it away
    expect(course).not_to_have_attribute("open", "")
    expect(calculator.field("duration_weeks")).to_be_hidden()
    calculator.field("muscle_spasm").check()
    expect(page.locator("#lbp-fold-presentation [data-lbp-fold-count]")).to_have_text("2 of 8 entered")
    # A case from a link opens the folds that hold its entries, so nothing entered is out of sight.
    calculator.show({**REFERENCE, "gi_risk": True})
    expect(course).to_have_attribute("open", "")
    expect(page.locator("#lbp-fold-medication_risks")).to_have_attribute("open", "")
    _summary_shows(page, {**REFERENCE, "gi_risk": True})


def test_a_chronic_failed_care_case_shows_nices_advice_on_opioids(returning_page: Page) -> None:
    """Issue 23: the opioid option carries NICE NG59's advice against opioids for chronic pain, in view
    (a conflict is never folded away behind the disclosure)."""
    page = returning_page  # a returning reader: conftest.py
    case = {"duration_weeks": 20, "conservative_care_weeks": 12, "failed_other_treatments": True}
    calculator = CalculatorPage(page).open(case)
    calculator.ready()
    opioid = page.locator('#lbp-result [data-rec="pitfall-opioids-after-failed-treatments"]')
    note = opioid.locator("> .lbp-concordance[data-agreement=conflicts]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("NICE NG59 advises against opioids for chronic low back pain")
