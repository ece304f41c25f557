// The answer at a glance: [data-lbp-summary] with data-triage, the triage in its colour and words, then
// one line per stance (Do now / Consider / Avoid) naming each action by its short title, each a link to
// the action's detail in the result below. On a phone it is a bar fixed at the bottom of the screen
// (calculator.css), so it stays in view while the form is edited; it never covers the field being typed
// into (keepFocusInView); on a wide screen it heads the result column.
import { el } from "./render.js";

const TRIAGE_WORDS = { emergency: "Emergency", urgent: "Urgent", prompt: "Prompt work-up",
  routine: "Routine care" };
export const STANCE_LINES = [["recommend", "Do now"], ["consider", "Consider"], ["avoid", "Avoid"]];

/** The summary of a result (or of a red-flag screen: triage and its actions only). */
export function renderSummary(node, result, catalogue) {
  const lines = [el("p", { class: `lbp-summary-triage lbp-summary-triage--${result.triage}` },
    el("strong", { text: TRIAGE_WORDS[result.triage] || result.triage }))];
  for (const [stance, label] of STANCE_LINES) {
    const actions = result.actions.filter((action) => action.stance === stance);
    if (!actions.length) continue;
    const links = [];
    actions.forEach((action, index) => {
      const rec = catalogue.recommendations[action.rec];
      if (index) links.push(", ");
      links.push(el("a", { href: `#lbp-action-${action.rec}`, "data-summary-rec": action.rec,
        text: rec ? rec.short_title : action.rec }));
    });
    lines.push(el("p", { class: `lbp-summary-line lbp-summary-line--${stance}`, "data-summary-stance": stance },
      el("span", { class: "lbp-summary-stance", text: `${label}: ` }), ...links));
  }
  node.replaceChildren(...lines);
  node.dataset.triage = result.triage;
  node.hidden = false;
  // An emergency is announced at once and stays announced; other results are read politely.
  node.setAttribute("role", result.triage === "emergency" ? "alert" : "status");
}

export function hideSummary(node) {
  node.hidden = true;
  node.dataset.triage = "none";
  node.replaceChildren();
}

/** Keeps the focused field above the summary bar, measured against the visual viewport (the part of the
 * page the on-screen keyboard leaves visible). Returns a cleanup function. */
export function keepFocusInView(node) {
  const viewport = window.visualViewport;
  function fit() {
    const fixed = !node.hidden && getComputedStyle(node).position === "fixed";
    const height = fixed ? node.offsetHeight : 0;
    document.documentElement.style.setProperty("--lbp-summary-h", `${height}px`);
    const field = document.activeElement;
    // A field of the form, or one of its folds' toggles.
    if (!fixed || !(field instanceof HTMLElement) || !field.closest("#lbp-form")) return;
    const visibleBottom = viewport ? viewport.offsetTop + viewport.height : window.innerHeight;
    // The "Show the result" button floats just above the bar: the field stops above both.
    const jump = document.querySelector("#lbp-jump");
    const jumpTop = jump && !jump.hidden && jump.getClientRects().length ? jump.getBoundingClientRect().top : Infinity;
    const cover = Math.min(node.getBoundingClientRect().top, jumpTop, visibleBottom);
    // The control and its label (what the reader needs to see to know where they are); a field tapped is
    // already in view, so the page never moves under the finger.
    const bottom = Math.max(...[field, ...(field.labels || [])].map((part) => part.getBoundingClientRect().bottom));
    if (bottom > cover - 4) window.scrollBy(0, bottom - cover + 8);
  }
  const size = new ResizeObserver(fit);
  size.observe(node);
  document.addEventListener("focusin", fit);
  viewport?.addEventListener("resize", fit);
  return () => {
    size.disconnect();
    document.removeEventListener("focusin", fit);
    viewport?.removeEventListener("resize", fit);
    document.documentElement.style.removeProperty("--lbp-summary-h");
  };
}
