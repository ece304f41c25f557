// What keeps the reader's place on a phone: nothing moves under their finger, no field is hidden under the
// sticky red-flag banner or the site header, and "Show the result" is offered while the result is out of
// view. keepInView() wires it and returns the cleanup; heldField() tells it which field was just changed.
export function keepInView(root, listen) {
  const banner = root.querySelector("#lbp-triage");
  const result = root.querySelector("#lbp-result");
  const jump = root.querySelector("#lbp-jump");
  const engineStatus = root.querySelector("#lbp-engine");
  const header = document.querySelector(".md-header");
  const cleanups = [];

  // The banner stays in view (sticky) for a red flag: fields moved into view by the keyboard or by
  // focus must not end up under it, nor under the site header.
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
  function keepFieldInPlace() {
    if (!heldField || !heldField.isConnected) return;
    const moved = heldField.getBoundingClientRect().top - heldTop;
    if (Math.abs(moved) > 1) window.scrollBy(0, moved);
    heldTop = heldField.getBoundingClientRect().top;
  }
  listen(window, "scroll", () => { if (heldField) heldTop = heldField.getBoundingClientRect().top; },
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
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) inView.set(entry.target, entry.isIntersecting); // the newest wins
    jump.hidden = inView.get(result) !== false || inView.get(engineStatus) !== false;
  });
  seen.observe(result);
  seen.observe(engineStatus);
  cleanups.push(() => seen.disconnect());
  listen(jump, "click", () => {
    result.scrollIntoView({ block: "start" });
    result.focus({ preventScroll: true });
  });

  return {
    /** The field the reader just changed (an input event), or null: a case from a link changes none. */
    hold(field) {
      heldField = field instanceof HTMLInputElement ? field : null;
      if (heldField) heldTop = heldField.getBoundingClientRect().top;
    },
    cleanup: () => cleanups.forEach((cleanup) => cleanup()),
  };
}
