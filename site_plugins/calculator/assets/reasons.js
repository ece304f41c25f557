// Reasons, cautions and warnings as a reader sees them. The core names the input in the contract's own
// words ("duration_weeks is 8 (subacute phase): ..."), which the CLI and the tests speak; at the bedside
// the field's label reads better: "Duration of symptoms: 8 weeks (subacute phase) — ...". The contract's
// text stays on the item (data-reason), and any text that does not start with a known field is shown as
// it is.

const NAMED = /^([a-z][a-z0-9_]*) is (true|false|not given|-?\d+(?:\.\d+)?)(.*)$/s;

function valueText(value, unit) {
  if (value === "true") return "yes";
  if (value === "false") return "no";
  if (value === "not given" || !unit) return value;
  return `${value} ${Number(value) === 1 ? unit.replace(/s$/, "") : unit}`;
}

/** {label, rest}: the field's label and the text after it, or null for text that names no known field.
 * ``fields``: {name: {label, unit}} (the calculator's catalogue). */
export function readableReason(text, fields) {
  const match = NAMED.exec(text);
  const field = match && Object.hasOwn(fields, match[1]) ? fields[match[1]] : null;
  if (field === null) return null;
  const [, , value, after] = match;
  // "cancer_history is true: history of cancer (a red flag)": the label is not said twice. Otherwise the
  // first ": " is where the core's explanation begins.
  const repeated = `: ${field.label.toLowerCase()}`;
  const explanation = value === "true" && after.toLowerCase().startsWith(repeated)
    ? after.slice(repeated.length) : after.replace(": ", " — ");
  return { label: field.label, rest: `: ${valueText(value, field.unit)}${explanation}` };
}

/** One input as a reader sees it, for the printed record: "Duration of symptoms: 8 weeks",
 * "Fever: yes"; a field the calculator does not know keeps its name. */
export function readableInput(name, value, fields) {
  const text = String(value);
  if (!Object.hasOwn(fields, name)) return `${name}: ${text}`;
  const field = fields[name];
  return `${field.label}: ${valueText(text, typeof value === "number" ? field.unit : null)}`;
}
