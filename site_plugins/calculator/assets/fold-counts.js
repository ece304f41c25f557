// The form's folds (form.py): each group after the red flags sits in a <details> the user may close; its
// summary says how many of its inputs are entered, so a closed group still shows what it holds. A fold
// holding a field with an error, or a field a link filled in, is opened: nothing entered or wrong is hidden.

/** Refresh every fold's count; open the folds that hold an entered value the reader has not seen yet
 * (``openEntered``) or a field marked invalid. */
export function updateFolds(form, { openEntered = false } = {}) {
  for (const fold of form.querySelectorAll("details.lbp-fold")) {
    const inputs = [...fold.querySelectorAll("input[name]")];
    const entered = inputs.filter((input) => (input.type === "checkbox" ? input.checked
      : input.value.trim() !== "")).length;
    const count = fold.querySelector("[data-lbp-fold-count]");
    count.textContent = entered ? `${entered} of ${inputs.length} entered` : `${inputs.length} inputs, none entered`;
    count.dataset.entered = String(entered);
    if ((openEntered && entered) || inputs.some((input) => input.getAttribute("aria-invalid") === "true")) {
      fold.open = true;
    }
  }
}
