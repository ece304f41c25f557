// Reading and filling the server-rendered form. The form holds only what the schema allows; a case from
// the URL may hold more (unknown fields, text in number fields), which the engine reports as errors.

export function formFields(form) {
  return [...form.querySelectorAll("input[name]")];
}

// A number as people type it: digits, with a decimal point or a decimal comma ("1,5" is 1.5).
const TYPED_NUMBER = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** What one input gives the case: true, a number, text the engine will reject, or undefined (none). */
function valueOf(input) {
  if (input.type === "checkbox") return input.checked ? true : undefined;
  const text = input.value.trim();
  if (text === "") return undefined;
  const number = TYPED_NUMBER.test(text) ? Number(text.replace(",", ".")) : NaN;
  return Number.isFinite(number) ? number : text; // Infinity would reach the engine as null: "not given"
}

/** The case the form describes: ticked booleans and entered numbers only (defaults are left out). */
export function readForm(form) {
  return Object.fromEntries(formFields(form).map((input) => [input.name, valueOf(input)])
    .filter(([, value]) => value !== undefined));
}

/** The fields changed since the page was rendered (typed or ticked before the calculator was wired up),
 * as {name: value}, undefined for a field cleared. */
export function editedFields(form) {
  const changed = formFields(form).filter((input) => (input.type === "checkbox"
    ? input.checked !== input.defaultChecked : input.value !== input.defaultValue));
  return Object.fromEntries(changed.map((input) => [input.name, valueOf(input)]));
}

/** Show a case in the form; values of the wrong type are left out (the engine reports them). */
export function fillForm(form, caseData) {
  for (const input of formFields(form)) {
    const value = Object.hasOwn(caseData, input.name) ? caseData[input.name] : undefined;
    if (input.type === "checkbox") input.checked = value === true;
    else input.value = typeof value === "number" && Number.isFinite(value) ? String(value) : "";
  }
}

/** Mark fields with errors (aria-invalid and an inline message); clear the others. */
export function showFieldErrors(form, errors) {
  const byField = new Map();
  for (const error of errors) {
    if (!byField.has(error.field)) byField.set(error.field, error.message);
  }
  for (const input of formFields(form)) {
    const message = byField.get(input.name);
    const slot = form.querySelector(`[data-error-for="${CSS.escape(input.name)}"]`);
    if (message === undefined) {
      input.removeAttribute("aria-invalid");
      if (slot) { slot.hidden = true; slot.textContent = ""; }
    } else {
      input.setAttribute("aria-invalid", "true");
      if (slot) { slot.hidden = false; slot.textContent = message; }
    }
  }
}
