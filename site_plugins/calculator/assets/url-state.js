// The case in the URL fragment: "#duration_weeks=8&conservative_care_weeks=6&radicular_symptoms=true".
// Values are parsed the same way for every field: "true"/"false" become booleans, plain decimal numerals
// become numbers, and anything else stays text, so the engine (not this file) names the bad field with
// the CLI's own message. Nothing here is ever executed or inserted as HTML.

const NUMERAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

export function parseValue(text) {
  if (text === "true") return true;
  if (text === "false") return false;
  // A numeral too long for a number (Infinity) stays text: sent as JSON it would become null, which
  // reads as "not given", and the field would be dropped without a word.
  if (NUMERAL.test(text) && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** [[name, value], ...] from a fragment ("#a=1&b=true" or "a=1&b=true"), in order, repeats kept. */
export function parseFragment(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  return [...new URLSearchParams(text)].map(([name, value]) => [name, parseValue(value)]);
}

/** The case object a fragment describes; a plain object even for names like "__proto__". */
export function caseFromFragment(hash) {
  return Object.fromEntries(parseFragment(hash));
}

function formatValue(value) {
  return typeof value === "boolean" ? (value ? "true" : "false") : String(value);
}

/** The fragment (without "#") for a case; the inverse of caseFromFragment. */
export function fragmentFromCase(caseData) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(caseData)) params.append(name, formatValue(value));
  return params.toString();
}
