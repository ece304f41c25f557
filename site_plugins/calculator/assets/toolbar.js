// The calculator's toolbar and what goes with it: "Copy link to this case", "Copy as clinical note",
// "Reset", the summary's links to each action's detail, and print (which opens every disclosure, so the
// printed page carries everything). Each reads the case on screen through ``current()`` and writes the
// address first (``address.write``), so what is copied or left behind is the case on screen.
import { copyNote } from "./note.js";

export function wireToolbar(root, { engine, listen, address, current, stamp, reset }) {
  const form = root.querySelector("#lbp-form");
  const result = root.querySelector("#lbp-result");
  const summaryNode = root.querySelector("[data-lbp-summary]");
  const status = root.querySelector("#lbp-toolbar-status");
  const linkBox = root.querySelector("#lbp-link");

  let openedForPrint = [];
  listen(window, "beforeprint", () => {
    stamp();
    openedForPrint = [...root.querySelectorAll("details:not([open])")];
    openedForPrint.forEach((node) => { node.open = true; });
  });
  listen(window, "afterprint", () => {
    openedForPrint.forEach((node) => { node.open = false; });
    openedForPrint = [];
  });
  // The address holds the case, so a summary link goes to its action without touching the fragment.
  listen(summaryNode, "click", (event) => {
    const target = event.target.closest?.("a[data-summary-rec]");
    if (!target) return;
    event.preventDefault();
    const detail = result.querySelector(`#lbp-action-${CSS.escape(target.dataset.summaryRec)}`);
    if (!detail) return;
    detail.scrollIntoView({ block: "start" });
    detail.focus({ preventScroll: true });
  });
  listen(root.querySelector("[data-lbp-copy-note]"), "click", () => {
    address.write();
    stamp();
    copyNote({ engine, caseData: current(), href: location.href, wheel: root.dataset.wheelSha256 || "",
      status, textBox: root.querySelector("#lbp-note-text"), label: root.querySelector("#lbp-note-label") });
  });
  listen(root.querySelector("#lbp-reset"), "click", () => {
    // The cleared form is a new history entry, so Back brings the case back (nothing to confirm).
    address.write(); // the entry Back returns to holds the case as it was
    const hadCase = location.hash !== "";
    if (hadCase) {
      const cleared = new URL(location.href);
      cleared.hash = "";
      history.pushState(history.state, "", cleared.href);
    }
    reset();
    status.textContent = hadCase
      ? "The form has been reset. Back brings the case back." : "The form has been reset.";
    form.querySelector("input").focus();
  });
  listen(root.querySelector("#lbp-copy-link"), "click", async () => {
    address.write(); // the link copied is the address shown
    stamp();
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = "Link copied.";
    } catch {
      linkBox.focus();
      linkBox.select();
      status.textContent = "Copying was not allowed: copy the link selected below.";
    }
  });
}
