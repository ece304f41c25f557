"""Every worked case, and a seeded sample of generated cases, give the same result in the browser as the
core does in CPython (what the CLI prints): triage, phase, and every action in order within its stance."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from lbp_core import CaseValidationError, evaluate, screen_red_flags
from lbp_core.guideline import recommendation
from lbp_core.worked_cases import WORKED_CASES
from tests.browser.calculator_page import ENGINE_TIMEOUT_MS, LABELS, CalculatorPage, shown_error
from tests.browser.conftest import PageProblems
from tests.browser.waits import until
from tests.site_build import engine_settings
from tools.sample_cases import golden_cases

ROOT = Path(__file__).resolve().parents[2]
STANCE_ORDER = ("recommend", "consider", "avoid")


def expected_triples(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The result's actions as the page shows them: grouped by stance, in the core's order within each."""
    return [(a["intervention"], a["stance"], a["rec"])
            for stance in STANCE_ORDER for a in result["actions"] if a["stance"] == stance]


def assert_same_as_core(calculator: CalculatorPage, case: Any) -> None:
    try:
        result = evaluate(case)
    except CaseValidationError as error:
        assert calculator.result.get_attribute("data-state") == "error", case
        expected = [e.field for e in error.errors]
        assert calculator.error_fields() == expected, case
        messages = calculator.errors.all_inner_texts()
        assert messages == [shown_error(e.field, e.message) for e in error.errors], case
        red_flags = screen_red_flags(case)  # shown all the same, or no triage at all
        assert calculator.result.get_attribute("data-triage") == (red_flags and red_flags["triage"]), case
        assert calculator.action_triples() == (expected_triples(red_flags) if red_flags else []), case
        assert calculator.banner.get_attribute("data-triage") == (
            red_flags["triage"] if red_flags else "none"), case
        return
    assert calculator.result.get_attribute("data-state") == "ready", case
    assert calculator.result.get_attribute("data-triage") == result["triage"], case
    assert calculator.result.get_attribute("data-phase") == result["phase"], case
    assert calculator.action_triples() == expected_triples(result), case
    assert [core for core, _ in calculator.reasons(".lbp-warnings")] == result["warnings"], case
    reasons = calculator.reasons("[data-intervention]")
    assert [core for core, _ in reasons] == [
        text for stance in STANCE_ORDER for action in result["actions"] if action["stance"] == stance
        for text in action["cautions"] + action["reasons"]], case
    for core, shown in reasons + calculator.reasons(".lbp-warnings"):
        assert_readable(core, shown)


# The result container rendered afresh (render.js into an empty element) from the core's answer, and the
# live one (updated in place from whatever it showed before), as HTML without "What would change" (filled
# in later) and without the open state of "Sources" (which an update keeps, as the reader left it).
FRESH_AND_LIVE = """async ({ reply, blank }) => {
  const render = await import(new URL("../assets/lbp-calculator/render.js", location.href).href);
  const catalogue = JSON.parse(document.querySelector("#lbp-catalogue").dataset.json);
  const link = (path) => new URL(path, new URL("../", location.href)).href;
  const fresh = document.createElement("div");
  if (reply.ok) render.renderResult(fresh, reply.result, catalogue, link);
  else render.renderErrors(fresh, reply.errors, { redFlags: reply.red_flags, blank, catalogue, link });
  const html = (node) => {
    const copy = node.cloneNode(true);
    copy.querySelector("#lbp-changes")?.replaceChildren();
    copy.querySelectorAll("details").forEach((details) => details.removeAttribute("open"));
    return copy.innerHTML;
  };
  return [html(fresh), html(document.querySelector("#lbp-result"))];
}"""


def assert_same_as_a_fresh_render(calculator: CalculatorPage, case: dict[str, Any]) -> None:
    """The result, updated in place from the previous one, is node for node what rendering the core's
    answer into an empty page gives."""
    try:
        reply: dict[str, Any] = {"ok": True, "result": evaluate(case)}
    except CaseValidationError as error:
        reply = {"ok": False, "errors": [{"field": e.field, "message": e.message} for e in error.errors],
                 "red_flags": screen_red_flags(case)}
    fresh, live = calculator.page.evaluate(FRESH_AND_LIVE, {"reply": reply, "blank": not case})
    assert live == fresh, case


def assert_readable(core: str, shown: str) -> None:
    """A reason that names an input is shown led by that input's label, without the contract name; any
    other is shown as the core wrote it."""
    name = core.split(" is ", 1)[0]
    if name in LABELS:
        assert shown.startswith(f"{LABELS[name]}: ") and f"{name} is " not in shown, (core, shown)
    else:
        assert shown == core, (core, shown)


def test_reasons_warnings_and_cautions_name_inputs_by_their_labels(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 1, "gi_risk": True, "age_years": 15})
    calculator.ready()
    shown = dict(calculator.reasons())
    assert shown["duration_weeks is 1 (acute phase): look again for red flags at every visit"] == (
        "Duration of symptoms: 1 week (acute phase) — look again for red flags at every visit")
    assert shown["improving is false: symptoms are not improving, so reassess within 1 month"] == (
        "Improving on current management: no — symptoms are not improving, so reassess within 1 month")
    caution = next(core for core in shown if core.startswith("gi_risk is true"))
    assert shown[caution] == "Gastrointestinal risk: yes — " + caution.split(": ", 1)[1]
    warning = next(core for core in shown if core.startswith("age_years is 15"))
    assert shown[warning] == "Age: 15 years — " + warning.split(": ", 1)[1]
    assert shown["no red flag is raised by the inputs"] == "no red flag is raised by the inputs"
    assert shown["conservative_care_weeks is not given, so 6 weeks of conservative care are not shown"] == (
        "Weeks of optimal conservative care: not given, so 6 weeks of conservative care are not shown")

    calculator.show({"duration_weeks": 10, "cancer_history": True})
    shown = dict(calculator.reasons())
    assert shown["cancer_history is true: history of cancer"] == "History of cancer: yes"
    assert shown["cancer_history is true: history of cancer (a red flag)"] == "History of cancer: yes (a red flag)"


START_CASE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}


def stored_snapshot(calculator: CalculatorPage) -> None:
    """Until the engine has stored the memory snapshot its fresh start took (after its first answer)."""
    expect(calculator.root).to_have_attribute("data-engine-snapshot", "stored", timeout=60_000)


@pytest.mark.stock
def test_a_first_visit_starts_afresh_and_the_next_one_from_the_snapshot_it_stored(page: Page) -> None:
    calculator = CalculatorPage(page).open(START_CASE)
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-mode", "fresh")
    assert_same_as_core(calculator, START_CASE)
    stored_snapshot(calculator)
    page.reload()
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-mode", "snapshot")
    assert_same_as_core(calculator, START_CASE)
    for worked in WORKED_CASES[:3]:
        calculator.show(worked.case)
        assert_same_as_core(calculator, worked.case)


def test_the_engine_is_started_from_the_head_and_named_with_its_settings(page: Page) -> None:
    calculator = CalculatorPage(page).open(START_CASE)
    calculator.ready()
    started = page.evaluate("performance.getEntriesByName('lbp-engine-start')[0].startTime")
    # While the page was still being parsed: before the parser reached the end of the document.
    parsed = page.evaluate("performance.getEntriesByType('navigation')[0].domInteractive")
    assert 0 < started < parsed
    engine = next(worker for worker in page.workers if worker.url.endswith("/lbp-calculator/worker.js"))
    settings = json.loads(engine.evaluate("self.name"))
    assert settings == json.loads(calculator.root.locator("#lbp-engine-settings").get_attribute("data-json"))
    assert settings["engine"] == "lbp" and settings["glue"] in ("lbp", "stock")
    assert settings["runtime"] == f"pyodide/{settings['build']}/"


def test_the_page_asks_for_the_case_while_the_engine_loads(page: Page) -> None:
    """The case in the address is asked for before the engine is ready, so the worker answers it as soon
    as it is, without waiting for the page to hear "ready" and ask; the answer shown is the core's."""
    held: list[Route] = []
    page.context.route("**/pyodide/*/pyodide.asm.wasm", lambda route: held.append(route))  # not ready yet
    page.add_init_script("""(() => {
      const post = Worker.prototype.postMessage;
      window.lbpEvaluatesSent = [];
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message && message.type === "evaluate") window.lbpEvaluatesSent.push(performance.now());
        return post.call(this, message, ...rest);
      };
    })();""")
    calculator = CalculatorPage(page).open(START_CASE)
    # The view is in place and has asked; only then does the WebAssembly go on its way.
    page.wait_for_function("() => window.lbpEvaluatesSent.length === 1", timeout=ENGINE_TIMEOUT_MS)
    until(page, lambda: bool(held), "the WebAssembly requested")
    held[0].fallback()
    calculator.ready()
    sent = page.evaluate("window.lbpEvaluatesSent")
    ready = page.evaluate("performance.getEntriesByName('lbp-engine-ready')[0].startTime")
    assert len(sent) == 1 and sent[0] < ready, (sent, ready)  # asked once, before "ready" was heard
    assert_same_as_core(calculator, START_CASE)
    calculator.show({"duration_weeks": 3})  # later cases are asked for as before
    assert_same_as_core(calculator, {"duration_weeks": 3})
    assert len(page.evaluate("window.lbpEvaluatesSent")) == 2


def _without_the_head_start(route: Route) -> None:
    response = route.fetch()
    body, count = re.subn(r"<script>[^<]*lbpEarlyEngine[^<]*</script>", "", response.text())
    assert count == 1
    route.fulfill(response=response, body=body)


def test_without_the_head_start_the_page_starts_the_engine_itself(page: Page) -> None:
    page.route("**/calculator/", _without_the_head_start)
    calculator = CalculatorPage(page).open(START_CASE)
    calculator.ready()
    assert calculator.runtime_starts() == 1
    expect(calculator.root).to_have_attribute("data-engine-mode", "fresh")
    assert_same_as_core(calculator, START_CASE)


def _store_as_snapshot(page: Page, body: bytes, settings: dict[str, Any]) -> None:
    """Puts ``body`` in the engine's cache where its snapshot is kept."""
    page.evaluate("""async ([name, url, bytes]) => {
      const cache = await caches.open(name);
      await cache.put(new URL(url, document.baseURI).href, new Response(new Uint8Array(bytes)));
    }""", [f"lbp-engine-{settings['build']}", f"/{settings['runtime']}engine.snapshot", list(body)])


def _truncated_snapshot(page: Page) -> bytes:
    stored = page.evaluate("""async (name) => {
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((request) => request.url.endsWith("/engine.snapshot"));
      return [...new Uint8Array(await (await cache.match(key)).arrayBuffer()).subarray(0, 65536)];
    }""", "lbp-engine-" + json.loads(page.locator("#lbp-engine-settings").get_attribute("data-json"))["build"])
    return bytes(stored)


@pytest.mark.stock
def test_with_a_damaged_stored_snapshot_the_engine_starts_afresh_and_agrees(
        page: Page, page_problems: PageProblems, site_dir: Path) -> None:
    """Damaged twice in one profile: a snapshot that is not one, then one cut short. Each time the engine
    tries it, starts afresh, agrees with the core and stores a good snapshot again, which the next visit
    restores. (The first damaged snapshot is put in place from a prose page, before any engine ran.)"""
    page_problems.allowed_console_errors.append("the stored snapshot did not restore")
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "the stored snapshot did not restore" in message.text else None)
    settings = engine_settings(site_dir)
    calculator = CalculatorPage(page)
    page.goto("/first-line/")
    visits = (lambda: calculator.open(START_CASE), page.reload)
    damages = (lambda: b"not a memory snapshot", lambda: _truncated_snapshot(page))
    for tried, (damaged, visit) in enumerate(zip(damages, visits), start=1):
        _store_as_snapshot(page, damaged(), settings)
        visit()
        calculator.ready()
        expect(calculator.root).to_have_attribute("data-engine-mode", "fresh")
        assert len(refused) == tried, refused  # the engine tried the damaged snapshot and refused it
        assert_same_as_core(calculator, START_CASE)
        stored_snapshot(calculator)
    for worked in WORKED_CASES[:3]:
        calculator.show(worked.case)
        assert_same_as_core(calculator, worked.case)
    page.reload()  # the last case's address, from the snapshot stored after the damage
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-mode", "snapshot")
    assert_same_as_core(calculator, WORKED_CASES[2].case)


@pytest.mark.stock
def test_a_runtime_that_cannot_restore_the_packed_snapshot_is_refused(
        browser: Browser, base_url: str) -> None:
    """Pyodide's glue module as npm publishes it, without the site's restore (glue.py), would leave a heap
    holding the snapshot's header alone: the engine refuses it, starts afresh, and agrees. (No service
    worker here: the glue module must come from the network, where the test replaces it.) A build that
    serves npm's glue itself (LBP_STOCK_PYODIDE=1) restores the snapshot unpacked instead."""
    context = browser.new_context(base_url=base_url, service_workers="block")
    problems = PageProblems(base_url)
    problems.allowed_console_errors.append("the stored snapshot did not restore")
    page = problems.watch(context.new_page())
    try:
        _glue_cannot_restore(page)
    finally:
        context.close()
    assert not problems.errors, problems.errors


def _glue_cannot_restore(page: Page) -> None:
    calculator = CalculatorPage(page).open(START_CASE)
    calculator.ready()
    stored_snapshot(calculator)
    npm_glue = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.mjs").read_bytes()
    page.context.route("**/pyodide/*/pyodide.asm.mjs", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=npm_glue))
    page.reload()
    calculator.ready()
    stock = json.loads(calculator.root.locator("#lbp-engine-settings").get_attribute("data-json"))["glue"] == "stock"
    expect(calculator.root).to_have_attribute("data-engine-mode", "snapshot" if stock else "fresh")
    assert_same_as_core(calculator, START_CASE)


@pytest.mark.parametrize("worked", WORKED_CASES[:3], ids=lambda w: w.id)
def test_worked_case_opened_from_its_url(returning_page: Page, worked: Any) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open(worked.case)
    calculator.settled()
    assert_same_as_core(calculator, worked.case)
    assert calculator.result.get_attribute("data-triage") == worked.expected_triage


@pytest.mark.stock
def test_every_worked_case_matches_the_core(page: Page) -> None:
    calculator = CalculatorPage(page).open({"duration_weeks": 1})
    calculator.ready()
    for worked in WORKED_CASES:
        calculator.show(worked.case)
        assert_same_as_core(calculator, worked.case)
        assert_same_as_a_fresh_render(calculator, worked.case)
        shown = set(calculator.action_triples())
        for expectation in worked.expected:
            assert expectation in shown, (worked.id, expectation)


def test_generated_and_bad_cases_match_the_core(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 1})
    calculator.ready()
    cases = [case for case in golden_cases(count=60, seed=44)[len(WORKED_CASES):]
             if isinstance(case, dict) and all(not isinstance(v, (list, dict)) and v is not None
                                               for v in case.values())]
    seen = set()
    for case in cases:
        key = tuple(case.items())
        if key in seen or any(isinstance(v, str) and v != v.strip() for v in case.values()):
            continue
        seen.add(key)
        calculator.show(case)
        assert_same_as_core(calculator, case)
        assert_same_as_a_fresh_render(calculator, case)
    assert len(seen) >= 40


@pytest.mark.verifies("red-flags-cauda-equina")
def test_a_red_flag_ticked_before_the_duration_is_an_emergency_at_once(page: Page) -> None:
    """The form puts red flags first, so a clinician may tick one before giving the required duration:
    the emergency shows then, with the field still to fill in, and stays when the case is completed."""
    calculator = CalculatorPage(page).open()
    assert calculator.settled() == "error"
    expect(calculator.banner).to_be_hidden()
    assert calculator.result.get_attribute("data-triage") is None
    calculator.field("saddle_anesthesia").check()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    expect(calculator.banner).to_have_attribute("role", "alert")
    expect(calculator.banner).to_be_visible()
    expect(calculator.result).to_have_attribute("data-triage", "emergency")
    assert calculator.result.get_attribute("data-state") == "error"
    assert calculator.action_triples() == [
        ("emergency_surgical_referral", "recommend", "red-flags-cauda-equina")]
    assert calculator.error_fields() == ["duration_weeks"]
    calculator.field("duration_weeks").fill("3")
    calculator.ready()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    assert_same_as_core(calculator, {"saddle_anesthesia": True, "duration_weeks": 3})


def test_each_action_says_what_the_guidance_says_in_the_chosen_wording(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open(START_CASE)
    calculator.ready()
    for audience in ("clinician", "patient"):
        page.locator(f'input[name="lbp-audience"][value="{audience}"]').check()
        for card in calculator.actions.all()[:5]:
            rec = recommendation(card.get_attribute("data-rec") or "")
            more = card.locator("details.lbp-action-more")
            if more.get_attribute("open") is None:  # the statement sits with the reasons, on demand
                more.locator("> summary").click()
            shown = card.locator(f'.lbp-action-statement[data-audience="{audience}"]')
            expect(shown).to_be_visible()
            expect(shown).to_have_text(rec.statement(audience))  # type: ignore[arg-type]
            other = "patient" if audience == "clinician" else "clinician"
            expect(card.locator(f'.lbp-action-statement[data-audience="{other}"]')).to_be_hidden()


def test_emergency_banner_leads_and_is_an_alert(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 1, "urinary_retention": True})
    calculator.ready()
    expect(calculator.banner).to_have_attribute("role", "alert")
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    expect(calculator.banner).to_be_visible()
    assert calculator.banner.locator("button").count() == 0  # nothing dismisses it
    first = calculator.actions.first
    expect(first).to_have_attribute("data-intervention", "emergency_surgical_referral")
    # Scrolling through the whole calculator never takes the emergency out of view.
    for target in ("#lbp-result", "#lbp-reset", "#lbp-f-cardiovascular_risk"):
        page.locator(target).scroll_into_view_if_needed()
        box = calculator.banner.bounding_box()
        viewport = page.viewport_size
        assert box is not None and viewport is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], target
    page.evaluate("window.scrollTo(0, document.querySelector('#lbp-result').getBoundingClientRect()"
                  ".bottom + window.scrollY - 100)")
    box = calculator.banner.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]


def test_each_action_links_to_its_recommendation(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 8, "gi_risk": True})
    calculator.ready()
    nsaid = page.locator('#lbp-result [data-rec="medication-nsaid"]')
    expect(nsaid.locator(".lbp-cautions li")).not_to_have_count(0)
    hrefs = nsaid.locator(".lbp-action-links a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0].endswith("/first-line/#medication-nsaid")
    assert hrefs[1].endswith("/recommendations/medication-nsaid/")
    expect(nsaid.locator(".lbp-sources li")).not_to_have_count(0)
    expect(nsaid.locator(".lbp-concordance")).not_to_have_count(0)
    expect(calculator.changes.first).to_be_attached(timeout=ENGINE_TIMEOUT_MS)
    fields = calculator.changes.evaluate_all("items => items.map(i => i.dataset.changeField)")
    assert "urinary_retention" in fields


def test_a_change_that_moves_another_input_says_so(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 12, "conservative_care_weeks": 12,
                                            "improving": True})
    calculator.ready()
    shorter = page.locator('#lbp-changes li[data-change-field="duration_weeks"]',
                           has_text="Duration of symptoms: 11")
    expect(shorter).to_contain_text("(with Weeks of optimal conservative care: 11)", timeout=ENGINE_TIMEOUT_MS)
