// One mounted calculator: wires the server-rendered form to the engine, the URL fragment and the result
// view. mount() returns an unmount function; calculator.js calls it when instant navigation leaves.
import { caseFromFragment, fragmentFromCase } from "./url-state.js";
import { readableInput } from "./reasons.js";
import { editedFields, fillForm, readForm, showFieldErrors } from "./form.js";
import { hideTriage, renderCaseFailure, renderChanges, renderEngineFailure, renderErrors, renderResult,
  renderTriage } from "./render.js";
import { tickedRedFlags } from "./red-flags.js";
import { hideSummary, keepFocusInView, renderSummary } from "./summary.js";
import { copyNote } from "./note.js";
import { updateFolds } from "./fold-counts.js";

const RED_FLAG_REC = "red-flags-cauda-equina";
const CHANGES_DELAY_MS = 300;
// The address follows the form a moment later: updating it costs the browser several ms, which (on the
// 2-core bench machine) fell just as the worker's answer came back and held up the result by as much.
// Whatever reads or leaves the address writes it first (writeUrl); the link box always names the case.
const URL_DELAY_MS = 100;
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

export function mount(root, engine, siteRoot) {
  const form = root.querySelector("#lbp-form");
  const result = root.querySelector("#lbp-result");
  const banner = root.querySelector("#lbp-triage");
  const status = root.querySelector("#lbp-engine-text");
  const bar = root.querySelector("#lbp-engine-progress");
  const linkBox = root.querySelector("#lbp-link");
  const toolbarStatus = root.querySelector("#lbp-toolbar-status");
  const jump = root.querySelector("#lbp-jump");
  const announce = root.querySelector("#lbp-announce");
  const summaryNode = root.querySelector("[data-lbp-summary]");
  const copyNoteButton = root.querySelector("[data-lbp-copy-note]");
  const catalogue = JSON.parse(root.querySelector("#lbp-catalogue").dataset.json);
  const link = (path) => new URL(path, siteRoot).href;
  const cleanups = [];
  const typedEarly = editedFields(form);
  let current = withEdits(caseFromFragment(location.hash), typedEarly);
  let currentFragment = location.hash.slice(1); // the URL state `current` was read from or is written as
  let sequence = 0;
  let changesTimer = 0;

  function on(target, type, handler, options = false) {
    target.addEventListener(type, handler, options);
    cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  function showEngine() {
    if (engine.state === "ready") {
      status.textContent = `Calculator engine ready (guideline ${engine.info.guideline_version}).`;
      bar.value = 100;
      bar.hidden = true;
      root.dataset.engine = "ready";
      root.dataset.engineMode = engine.info.mode; // "snapshot" or "wheel": for the benchmark and tests
      root.dataset.engineCompiled = engine.info.compiled; // where its WebAssembly was compiled: for tests
      root.dataset.engineTimings = JSON.stringify(engine.info.timings);
    } else if (engine.state === "failed") {
      status.textContent = "The calculator engine could not be loaded. The guidance pages still work.";
      bar.hidden = true;
      root.dataset.engine = "failed";
    } else {
      status.textContent = `${engine.progress.text}… You can fill in the form now.`;
      bar.value = Math.round(engine.progress.fraction * 100);
      root.dataset.engine = "loading";
    }
  }

  function stamp() {
    const entries = Object.entries(current);
    root.querySelector("#lbp-print-inputs").textContent = entries.length
      ? entries.map(([name, value]) => readableInput(name, value, catalogue.fields)).join("; ")
      : "none entered";
    root.querySelector("#lbp-print-date").textContent = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
    const href = urlFor(current);
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
  on(window, "scroll", () => { if (window.scrollY !== 0) firstView = false; }, { passive: true });

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
    announce.textContent = summary(reply.result);
    result.dataset.engineMs = engine.lastMs.toFixed(1);
    performance.mark("lbp-result");
    result.dispatchEvent(new CustomEvent("lbp:result", { bubbles: true }));
    // "What would change" evaluates the case ~30 more times; it waits until the inputs settle, so it
    // never holds up the result of the next change.
    clearTimeout(changesTimer);
    changesTimer = setTimeout(async () => {
      if (id !== sequence) return;
      const [changes, grouped] = await Promise.all([engine.whatWouldChange(caseData),
        engine.groupedChanges(caseData)]).catch(() => [null, null]);
      if (id !== sequence || changes === null) return;
      renderChanges(result.querySelector("#lbp-changes"), changes, catalogue, grouped);
    }, CHANGES_DELAY_MS);
  }

  function fromUrl() {
    heldField = null; // a case from a link or from Back: no field is being filled in
    clearTimeout(urlTimer); // the address is the case now
    urlTimer = 0;
    root.dataset.address = "settled";
    current = caseFromFragment(location.hash);
    currentFragment = location.hash.slice(1);
    fillForm(form, current);
    updateFolds(form, { openEntered: true });
    recompute();
  }

  function urlFor(caseData) {
    const url = new URL(location.href);
    url.hash = fragmentFromCase(caseData);
    return url.href;
  }

  // <div id="lbp-calculator" data-address>: "pending" while the address is still to follow the form,
  // "settled" once it has (or has been left alone: another page was navigated to meanwhile).
  let urlTimer = 0;
  const page = location.pathname;
  function writeUrl() {
    if (urlTimer === 0) return;
    clearTimeout(urlTimer);
    urlTimer = 0;
    root.dataset.address = "settled";
    if (location.pathname !== page) return; // never the address of a page navigated to meanwhile
    const href = urlFor(current);
    if (href !== location.href) history.replaceState(history.state, "", href);
  }

  function showInUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
    root.dataset.address = "pending";
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
    showInUrl();
    recompute();
  }

  // Only a one-line summary is announced: the whole result, rebuilt on every change, would be re-read.
  function summary(value) {
    const label = banner.querySelector(".lbp-triage-label strong");
    return `${label ? label.textContent : value.triage} Phase: ${value.phase}. ${plural(value.actions.length, "action")}.`;
  }

  function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
  }

  // The banner stays in view (sticky) for a red flag: fields moved into view by the keyboard or by
  // focus must not end up under it, nor under the site header.
  const header = document.querySelector(".md-header");
  function padForBanner() {
    const sticky = !banner.hidden && getComputedStyle(banner).position === "sticky";
    const covered = (header ? header.offsetHeight : 0) + (sticky ? banner.offsetHeight : 0);
    document.documentElement.style.scrollPaddingTop = `${covered + 8}px`;
  }
  // Nothing moves under the reader's finger: when the banner above the form appears or changes size
  // (the first red flag ticked inserted about 180 px on a phone), the field just changed is kept where
  // it was on screen. The browser's scroll anchoring does not do it at the top of the page; where it
  // does, the field has not moved and nothing is done.
  let heldField = null;
  let heldTop = 0;
  function holdField(event) {
    heldField = event.target instanceof HTMLInputElement ? event.target : null;
    if (heldField) heldTop = heldField.getBoundingClientRect().top;
  }
  function keepFieldInPlace() {
    if (!heldField || !heldField.isConnected) return;
    const moved = heldField.getBoundingClientRect().top - heldTop;
    if (Math.abs(moved) > 1) window.scrollBy(0, moved);
    heldTop = heldField.getBoundingClientRect().top;
  }
  on(window, "scroll", () => { if (heldField) heldTop = heldField.getBoundingClientRect().top; },
    { passive: true });

  const bannerSize = new ResizeObserver(() => { padForBanner(); keepFieldInPlace(); });
  bannerSize.observe(banner);
  const bannerShown = new MutationObserver(() => { padForBanner(); keepFieldInPlace(); });
  bannerShown.observe(banner, { attributes: true, attributeFilter: ["hidden", "class"] });
  cleanups.push(() => {
    bannerSize.disconnect();
    bannerShown.disconnect();
    document.documentElement.style.scrollPaddingTop = "";
  });

  // On a phone the result is below the whole form: offer to go there while it is out of view, once the
  // reader is in the form (at the top of the page the button would sit over the triage banner).
  const inView = new Map();
  const engineStatus = root.querySelector("#lbp-engine");
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) inView.set(entry.target, entry.isIntersecting); // the newest wins
    jump.hidden = inView.get(result) !== false || inView.get(engineStatus) !== false;
  });
  seen.observe(result);
  seen.observe(engineStatus);
  cleanups.push(() => seen.disconnect());
  on(jump, "click", () => {
    result.scrollIntoView({ block: "start" });
    result.focus({ preventScroll: true });
  });

  on(form, "input", (event) => { holdField(event); fromForm(); updateFolds(form); });
  on(form, "change", (event) => { holdField(event); fromForm(); });
  on(form, "submit", (event) => event.preventDefault());
  // A new case in the fragment (Material's own history handling is kept from it by early-start.js).
  on(window, "hashchange", fromUrl);
  // Leaving by a link or closing the tab: the case's history entry keeps it, so Back returns to it.
  on(window, "click", (event) => { if (event.target.closest?.("a[href]")) writeUrl(); }, true);
  on(window, "pagehide", writeUrl);
  // Print carries everything: the disclosures are opened for it and closed again after.
  let openedForPrint = [];
  on(window, "beforeprint", () => {
    stamp();
    openedForPrint = [...root.querySelectorAll("details:not([open])")];
    openedForPrint.forEach((node) => { node.open = true; });
  });
  on(window, "afterprint", () => {
    openedForPrint.forEach((node) => { node.open = false; });
    openedForPrint = [];
  });
  cleanups.push(keepFocusInView(summaryNode));
  // The address holds the case, so a summary link goes to its action without touching the fragment.
  on(summaryNode, "click", (event) => {
    const target = event.target.closest?.("a[data-summary-rec]");
    if (!target) return;
    event.preventDefault();
    const detail = result.querySelector(`#lbp-action-${CSS.escape(target.dataset.summaryRec)}`);
    if (!detail) return;
    detail.scrollIntoView({ block: "start" });
    detail.focus({ preventScroll: true });
  });
  on(copyNoteButton, "click", () => {
    writeUrl();
    stamp();
    copyNote({ engine, caseData: current, href: location.href,
      wheel: root.dataset.wheelSha256 || "", status: toolbarStatus,
      textBox: root.querySelector("#lbp-note-text"), label: root.querySelector("#lbp-note-label") });
  });
  on(engine, "progress", showEngine);
  on(engine, "state", () => { showEngine(); recompute(); });
  on(root.querySelector("#lbp-reset"), "click", () => {
    // The cleared form is a new history entry, so Back brings the case back (nothing to confirm).
    writeUrl(); // the entry Back returns to holds the case as it was
    const hadCase = location.hash !== "";
    if (hadCase) {
      const cleared = new URL(location.href);
      cleared.hash = "";
      history.pushState(history.state, "", cleared.href);
    }
    form.reset();
    fromForm();
    updateFolds(form);
    toolbarStatus.textContent = hadCase
      ? "The form has been reset. Back brings the case back." : "The form has been reset.";
    form.querySelector("input").focus();
  });
  on(root.querySelector("#lbp-copy-link"), "click", async () => {
    writeUrl(); // the link copied is the address shown
    stamp();
    try {
      await navigator.clipboard.writeText(location.href);
      toolbarStatus.textContent = "Link copied.";
    } catch {
      linkBox.focus();
      linkBox.select();
      toolbarStatus.textContent = "Copying was not allowed: copy the link selected below.";
    }
  });

  fillForm(form, current);
  updateFolds(form, { openEntered: true });
  if (Object.keys(typedEarly).length) {
    currentFragment = fragmentFromCase(current);
    showInUrl();
  }
  showEngine();
  recompute();
  cleanups.push(() => { clearTimeout(changesTimer); clearTimeout(urlTimer); });
  return () => cleanups.forEach((cleanup) => cleanup());
}
