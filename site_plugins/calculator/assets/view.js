// One mounted calculator: wires the server-rendered form to the engine, the URL fragment and the result
// view. mount() holds the case on screen and computes its result; the other concerns have a module each:
// the address (address.js), the engine's status (engine-status.js), keeping the reader's place on a phone
// (in-view.js), the toolbar, print and summary links (toolbar.js), the form (form.js, fold-counts.js), and
// the rendering (render.js, summary.js). mount() returns an unmount function; calculator.js calls it when
// instant navigation leaves.
import { caseFromFragment, fragmentFromCase } from "./url-state.js";
import { readableInput } from "./reasons.js";
import { editedFields, fillForm, readForm, showFieldErrors } from "./form.js";
import { hideTriage, renderCaseFailure, renderChanges, renderEngineFailure, renderErrors, renderResult,
  renderTriage } from "./render.js";
import { tickedRedFlags } from "./red-flags.js";
import { hideSummary, keepFocusInView, renderSummary } from "./summary.js";
import { updateFolds } from "./fold-counts.js";
import { followingAddress } from "./address.js";
import { showEngineStatus } from "./engine-status.js";
import { keepInView } from "./in-view.js";
import { wireToolbar } from "./toolbar.js";

const RED_FLAG_REC = "red-flags-cauda-equina";
const CHANGES_DELAY_MS = 300;
const WHILE_LOADING = "From the red flags ticked. The full result follows when the calculator is ready.";
const WITHOUT_ENGINE = "From the red flags ticked only: the calculator engine could not be loaded.";
const WITHOUT_RESULT = "From the red flags ticked only: the calculator could not assess this case.";

/** The case from the URL with what the reader typed before the calculator was wired up on top: the form
 * is usable from the start, and nothing typed then may be lost. */
function withEdits(caseData, edits) {
  const merged = { ...caseData };
  for (const [name, value] of Object.entries(edits)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function mount(root, engine, siteRoot) {
  const form = root.querySelector("#lbp-form");
  const result = root.querySelector("#lbp-result");
  const banner = root.querySelector("#lbp-triage");
  const linkBox = root.querySelector("#lbp-link");
  const announce = root.querySelector("#lbp-announce");
  const summaryNode = root.querySelector("[data-lbp-summary]");
  const copyNoteButton = root.querySelector("[data-lbp-copy-note]");
  const header = document.querySelector(".md-header");
  const catalogue = JSON.parse(root.querySelector("#lbp-catalogue").dataset.json);
  const link = (path) => new URL(path, siteRoot).href;
  const cleanups = [];
  const typedEarly = editedFields(form);
  let current = withEdits(caseFromFragment(location.hash), typedEarly);
  let currentFragment = location.hash.slice(1); // the URL state `current` was read from or is written as
  let sequence = 0;
  let changesTimer = 0;
  const address = followingAddress(() => current, root);

  function listen(target, type, handler, options = false) {
    target.addEventListener(type, handler, options);
    cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  /** The case on screen in the link box and the printed summary details. */
  function stamp() {
    const entries = Object.entries(current);
    root.querySelector("#lbp-print-inputs").textContent = entries.length
      ? entries.map(([name, value]) => readableInput(name, value, catalogue.fields)).join("; ")
      : "none entered";
    root.querySelector("#lbp-print-date").textContent = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
    const href = address.urlFor(current);
    linkBox.value = href;
    root.querySelector("#lbp-print-link").textContent = href;
  }

  function redFlagsHref() {
    const rec = catalogue.recommendations[RED_FLAG_REC];
    return link(rec ? rec.anchor : "");
  }

  /** Without the engine, the banner still shows the red flags ticked (never a "routine"). */
  function showTickedRedFlags(caseData, note) {
    const redFlags = tickedRedFlags(caseData, catalogue.red_flag_table);
    if (redFlags) renderTriage(banner, redFlags, catalogue, link, note);
    else hideTriage(banner);
    hideSummary(summaryNode);
    copyNoteButton.disabled = true;
  }

  // A case opened from a link with a red flag: on a phone the banner starts near the bottom of the first
  // screen, below the introduction. It is brought into view once, as the case is first shown, unless the
  // reader has scrolled by then.
  let firstView = Object.keys(current).length > 0 && window.scrollY === 0;
  function showFirstRedFlag() {
    if (!firstView) return;
    firstView = false;
    if (banner.hidden || !["emergency", "urgent", "prompt"].includes(banner.dataset.triage)) return;
    const top = banner.getBoundingClientRect().top - (header ? header.offsetHeight : 0) - 8;
    if (top > 0 && banner.getBoundingClientRect().bottom > window.innerHeight / 2) window.scrollTo(0, top);
  }
  listen(window, "scroll", () => { if (window.scrollY !== 0) firstView = false; }, { passive: true });

  // Only a one-line summary is announced: the whole result, rebuilt on every change, would be re-read.
  function spoken(value) {
    const label = banner.querySelector(".lbp-triage-label strong");
    return `${label ? label.textContent : value.triage} Phase: ${value.phase}. ${plural(value.actions.length, "action")}.`;
  }

  /** "What would change" evaluates the case ~30 more times: it waits until the inputs settle, so it never
   * holds up the result of the next change. */
  function showChangesLater(id, caseData) {
    clearTimeout(changesTimer);
    changesTimer = setTimeout(async () => {
      if (id !== sequence) return;
      const [changes, grouped] = await Promise.all([engine.whatWouldChange(caseData),
        engine.groupedChanges(caseData)]).catch(() => [null, null]);
      if (id !== sequence || changes === null) return;
      renderChanges(result.querySelector("#lbp-changes"), changes, catalogue, grouped);
    }, CHANGES_DELAY_MS);
  }

  async function recompute() {
    const id = ++sequence;
    const caseData = current;
    stamp();
    if (engine.state === "failed") {
      showTickedRedFlags(caseData, WITHOUT_ENGINE);
      renderEngineFailure(result, engine.failure, redFlagsHref());
      return;
    }
    if (engine.state !== "ready") {
      showTickedRedFlags(caseData, WHILE_LOADING);
      showFirstRedFlag();
      result.dataset.state = "loading";
      engine.evaluateEarly(caseData);
      return;
    }
    result.dataset.state = "loading"; // only the attribute: the last result stays on screen meanwhile
    result.dataset.fragment = currentFragment; // which URL state the coming result is for
    let reply;
    try {
      reply = await engine.evaluate(caseData);
    } catch (error) {
      if (id !== sequence) return;
      if (engine.state === "failed") {
        recompute(); // shows the engine failure
        return;
      }
      // The engine answered this case with an error (asking again would give the same): say so, and
      // keep its red flags in view.
      showTickedRedFlags(caseData, WITHOUT_RESULT);
      announce.textContent = "The calculator could not assess this case.";
      renderCaseFailure(result, error.message, redFlagsHref());
      return;
    }
    if (id !== sequence) return;
    if (!reply.ok) {
      const blank = Object.keys(caseData).length === 0; // nothing typed yet: nothing to mark wrong
      announce.textContent = blank ? "Enter the case."
        : `The case cannot be assessed yet: ${plural(reply.errors.length, "input")} to correct.`;
      // A field still missing or wrong never hides a red flag already entered.
      if (reply.red_flags) renderTriage(banner, reply.red_flags, catalogue, link);
      else hideTriage(banner);
      if (reply.red_flags) renderSummary(summaryNode, reply.red_flags, catalogue);
      else hideSummary(summaryNode);
      copyNoteButton.disabled = true;
      showFirstRedFlag();
      showFieldErrors(form, blank ? [] : reply.errors);
      updateFolds(form);
      renderErrors(result, reply.errors, { redFlags: reply.red_flags, blank, catalogue, link });
      return;
    }
    showFieldErrors(form, []);
    renderTriage(banner, reply.result, catalogue, link);
    renderResult(result, reply.result, catalogue, link);
    renderSummary(summaryNode, reply.result, catalogue);
    copyNoteButton.disabled = false;
    showFirstRedFlag();
    announce.textContent = spoken(reply.result);
    result.dataset.engineMs = engine.lastMs.toFixed(1);
    performance.mark("lbp-result");
    result.dispatchEvent(new CustomEvent("lbp:result", { bubbles: true }));
    showChangesLater(id, caseData);
  }

  const place = keepInView(root, listen);
  cleanups.push(place.cleanup);

  /** A case from a link or from Back: no field is being filled in, and the address is the case now. */
  function fromUrl() {
    place.hold(null);
    address.cancel();
    current = caseFromFragment(location.hash);
    currentFragment = location.hash.slice(1);
    fillForm(form, current);
    updateFolds(form, { openEntered: true });
    recompute();
  }

  function fromForm() {
    const next = readForm(form);
    const fragment = fragmentFromCase(next);
    // A ticked box fires both "input" and "change": compute once per actual change, not again while
    // the result for this case is being computed (a second request would delay it).
    if (fragment === fragmentFromCase(current)
        && (result.dataset.state !== "loading" || result.dataset.fragment === fragment)) return;
    current = next;
    currentFragment = fragment;
    address.later();
    recompute();
  }

  listen(form, "input", (event) => { place.hold(event.target); fromForm(); updateFolds(form); });
  listen(form, "change", (event) => { place.hold(event.target); fromForm(); });
  listen(form, "submit", (event) => event.preventDefault());
  // A new case in the fragment (Material's own history handling is kept from it by early-start.js).
  listen(window, "hashchange", fromUrl);
  // Leaving by a link or closing the tab: the case's history entry keeps it, so Back returns to it.
  listen(window, "click", (event) => { if (event.target.closest?.("a[href]")) address.write(); }, true);
  listen(window, "pagehide", address.write);
  cleanups.push(keepFocusInView(summaryNode));
  wireToolbar(root, { engine, listen, address, current: () => current, stamp,
    reset: () => {
      form.reset();
      fromForm();
      updateFolds(form);
    } });
  listen(engine, "progress", () => showEngineStatus(root, engine));
  listen(engine, "state", () => { showEngineStatus(root, engine); recompute(); });
  // What became of the memory snapshot a fresh start took ("stored" on this device, or not): for tests.
  listen(engine, "snapshot", () => { root.dataset.engineSnapshot = engine.snapshot; });

  fillForm(form, current);
  updateFolds(form, { openEntered: true });
  if (Object.keys(typedEarly).length) {
    currentFragment = fragmentFromCase(current);
    address.later();
  }
  showEngineStatus(root, engine);
  recompute();
  cleanups.push(() => { clearTimeout(changesTimer); address.cancel(); });
  return () => cleanups.forEach((cleanup) => cleanup());
}
