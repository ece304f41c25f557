// The result view, built with DOM calls and textContent only: no string from a case, a URL or the
// engine is ever parsed as HTML. Test hooks: #lbp-result[data-state][data-triage], actions with
// data-intervention, data-stance and data-rec, errors with data-field. data-triage is set when the
// state is ready, and also in the error state when the inputs entered raise a red flag all the same.

import morphdom from "./morphdom.js";
import { readableReason } from "./reasons.js";

const STANCES = [
  ["recommend", "Recommended"],
  ["consider", "Options to consider"],
  ["avoid", "Avoid"],
];

// [label, advice in the clinician wording, advice in the patient wording]: the banner speaks as the
// site's wording switch says (its CSS hides the other), like the action cards. The patient advice is
// that of the red-flag recommendations' own patient wording.
const TRIAGE = {
  emergency: ["Emergency", "A cauda equina sign: refer for emergency surgical assessment now, before any treatment.",
    "Get emergency medical help now: these signs need a surgeon to assess them straight away."],
  urgent: ["Urgent", "A progressive or severe neurological deficit: arrange urgent evaluation with MRI.",
    "Weakness, numbness or loss of feeling that is getting worse needs checking urgently, with an MRI scan."],
  prompt: ["Prompt work-up", "A possible infection, malignancy or fracture: work it up promptly.",
    "Your clinician should check promptly for infection, cancer or a broken bone as the cause."],
  routine: ["Routine care", "None of the red flags was entered. Keep screening for them at every visit.",
    "None of the warning signs was entered. They are checked again at every visit."],
};

const PHASES = { acute: "acute (under 4 weeks)", subacute: "subacute (4 to under 12 weeks)",
  chronic: "chronic (12 weeks or more)" };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Keys for the elements morphdom should match by identity rather than by position: each action by its
 * intervention and recommendation, each stance group by its stance (counted, should one ever repeat). */
function matchKeys(root) {
  const keys = new Map();
  const seen = new Map();
  for (const node of root.querySelectorAll("[data-intervention], [data-stance-group]")) {
    const base = node.dataset.intervention ? `${node.dataset.intervention} ${node.dataset.rec}`
      : `group ${node.dataset.stanceGroup}`;
    const count = (seen.get(base) || 0) + 1;
    seen.set(base, count);
    keys.set(node, `${base} ${count}`);
  }
  return keys;
}

/** The result container shows ``parts`` in place of what it showed, changing only what differs
 * (morphdom): a result that gains or loses one action keeps the nodes of the rest, which the browser then
 * need not style, lay out and paint again (in the bench, the recompute median went from 24 to 17 ms),
 * and a "Sources" the reader opened stays open. */
function showContent(container, parts) {
  const next = document.createElement("div");
  next.replaceChildren(...parts);
  const keys = new Map([...matchKeys(container), ...matchKeys(next)]);
  morphdom(container, next, {
    childrenOnly: true,
    getNodeKey: (node) => keys.get(node) || node.id || undefined,
    onBeforeElUpdated: (from, to) => {
      if (from.isEqualNode(to)) return false;
      if (from instanceof HTMLDetailsElement && from.open) to.open = true;
      return true;
    },
  });
}

/** Reasons, cautions or warnings, each led by the label of the input it names (reasons.js). */
function reasonList(items, fields) {
  return el("ul", {}, ...items.map((text) => {
    const readable = readableReason(text, fields);
    return readable ? el("li", { "data-reason": text }, el("strong", { text: readable.label }), readable.rest)
      : el("li", { "data-reason": text, text });
  }));
}

/** The triage banner for a result (or a red-flag screen). ``note``, when given, says that it comes from
 * the red flags ticked alone (data-source="red-flags"), not from the engine. */
export function renderTriage(banner, result, catalogue, link, note) {
  const [label, advice, patientAdvice] = TRIAGE[result.triage];
  const first = result.actions[0];
  const rec = first && catalogue.recommendations[first.rec];
  const parts = [el("p", { class: "lbp-triage-label" }, el("strong", { text: `${label}.` }),
    el("span", { "data-audience": "clinician", text: ` ${advice}` }),
    el("span", { "data-audience": "patient", text: ` ${patientAdvice}` }))];
  if (rec && result.triage !== "routine") {
    parts.push(el("p", { class: "lbp-triage-rec" }, el("a", { href: link(rec.anchor), text: rec.title })));
  }
  if (note) parts.push(el("p", { class: "lbp-triage-note", text: note }));
  banner.replaceChildren(...parts);
  banner.dataset.source = note ? "red-flags" : "engine";
  banner.dataset.triage = result.triage;
  banner.className = `lbp-triage lbp-triage--${result.triage}`;
  // An emergency is announced at once and cannot be dismissed; CSS keeps it in view while scrolling.
  banner.setAttribute("role", result.triage === "emergency" ? "alert" : "status");
  banner.hidden = false;
}

export function hideTriage(banner) {
  banner.hidden = true;
  banner.dataset.triage = "none";
  delete banner.dataset.source;
  banner.replaceChildren();
}

const STANCE_WORDS = { recommend: "Do now", consider: "Consider", avoid: "Avoid" };
// Concordance notes a clinician must see at once: current guidance differs, conflicts, or the fact goes
// beyond the source. Plain agreement sits behind the action's disclosure.
const VISIBLE_AGREEMENT = new Set(["differs", "conflicts", "beyond"]);

function concordanceNote(note) {
  return el("p", { class: `lbp-concordance lbp-concordance--${note.agreement}`, "data-agreement": note.agreement },
    el("strong", { text: `Current guidance (${note.agreement}): ` }), note.text);
}

function renderAction(action, catalogue, link) {
  const rec = catalogue.recommendations[action.rec];
  const title = rec ? rec.title : action.rec;
  const node = el("article", { class: `lbp-action lbp-action--${action.stance}`, id: `lbp-action-${action.rec}`,
    tabindex: "-1", "data-intervention": action.intervention, "data-stance": action.stance, "data-rec": action.rec });
  // First what to do: title, stance and this patient's cautions; the rest on demand.
  node.append(el("h4", {}, rec ? el("a", { href: link(rec.anchor), text: title }) : title));
  node.append(el("p", { class: "lbp-action-code" },
    el("span", { class: "lbp-action-stance", text: STANCE_WORDS[action.stance] || action.stance }), " · ",
    el("code", { text: action.intervention }), rec ? ` · ${rec.section}` : ""));
  if (action.cautions.length) {
    node.append(el("div", { class: "lbp-cautions" }, el("p", { class: "lbp-label", text: "Cautions for this patient:" }),
      reasonList(action.cautions, catalogue.fields)));
  }
  const notes = rec ? rec.concordance : [];
  for (const note of notes.filter((n) => VISIBLE_AGREEMENT.has(n.agreement))) node.append(concordanceNote(note));
  const more = el("details", { class: "lbp-action-more" },
    el("summary", { text: "Reasons, sources and guidance notes" }));
  if (rec) {
    // What the guidance says, in the wording the site's audience switch shows (its CSS hides the other).
    more.append(el("p", { class: "lbp-action-statement", "data-audience": "clinician", text: rec.clinician }),
      el("p", { class: "lbp-action-statement", "data-audience": "patient", text: rec.patient }));
  }
  if (action.reasons.length) {
    more.append(el("p", { class: "lbp-label", text: "Why:" }), reasonList(action.reasons, catalogue.fields));
  }
  if (rec) {
    for (const note of notes.filter((n) => !VISIBLE_AGREEMENT.has(n.agreement))) more.append(concordanceNote(note));
    more.append(el("div", { class: "lbp-sources" }, el("p", { class: "lbp-label", text: "Sources:" }),
      el("ol", {}, ...rec.citations.map((c) => el("li", { text: `[${c.id}] ${c.text}` })))),
    el("p", { class: "lbp-action-links" },
      el("a", { href: link(rec.anchor), text: "In the guidance" }), " · ",
      el("a", { href: link(rec.page), text: "Recommendation page" })));
  }
  node.append(more);
  return node;
}

export function renderResult(container, result, catalogue, link) {
  const parts = [el("h2", { text: "Result" }),
    el("p", { class: "lbp-phase" }, "Phase: ", el("strong", { text: PHASES[result.phase] || result.phase }),
      `. Guideline version ${result.guideline_version}.`)];
  if (result.warnings.length) {
    parts.push(el("div", { class: "lbp-warnings", role: "note" },
      el("p", { class: "lbp-label", text: "Warnings:" }), reasonList(result.warnings, catalogue.fields)));
  }
  for (const [stance, heading] of STANCES) {
    const actions = result.actions.filter((action) => action.stance === stance);
    if (!actions.length) continue;
    parts.push(el("section", { class: `lbp-stance lbp-stance--${stance}`, "data-stance-group": stance },
      el("h3", { text: heading }), ...actions.map((action) => renderAction(action, catalogue, link))));
  }
  parts.push(el("section", { class: "lbp-changes", id: "lbp-changes" },
    el("h3", { text: "What would change this result" }),
    el("p", { class: "lbp-changes-body", text: "Working out which inputs matter…" })));
  showContent(container, parts);
  container.dataset.state = "ready";
  container.dataset.triage = result.triage;
  container.dataset.phase = result.phase;
}

/** An error's field: its label with the contract name beside it (as it appears in a link), or the
 * name alone for a field the calculator does not know. */
function errorName(field, fields) {
  const known = Object.hasOwn(fields, field) ? fields[field] : null;
  return known ? [el("strong", { text: known.label }), " (", el("code", { text: field }), ")"]
    : [el("code", { text: field })];
}

/** Field errors; and first, when the fields entered raise a red flag all the same (``redFlags``, the
 * core's screen_red_flags), that red flag's actions, with data-triage set as for a result. ``blank``: no
 * input yet, so the errors are asked for rather than reported. */
export function renderErrors(container, errors, { redFlags, blank, catalogue, link }) {
  const parts = [];
  if (redFlags) {
    parts.push(el("h2", { text: "Red flags in this case" }),
      el("p", { class: "lbp-red-flags-only", text: "These follow from the red flags entered. The rest of " +
        "the case cannot be assessed until the inputs below are corrected." }),
      el("section", { class: "lbp-stance lbp-stance--recommend", "data-stance-group": "recommend" },
        ...redFlags.actions.map((action) => renderAction(action, catalogue, link))));
  }
  if (blank) {
    parts.push(el("h2", { text: "Enter the case" }),
      el("p", { text: "Tick any red flags first. The result appears once this input is given:" }));
  } else {
    parts.push(redFlags ? el("h3", { text: "The rest of the case cannot be assessed yet" })
      : el("h2", { text: "The case cannot be assessed yet" }),
    el("p", { text: "Correct these inputs:" }));
  }
  parts.push(el("ul", { class: `lbp-errors${blank ? " lbp-errors--blank" : ""}` }, ...errors.map((error) =>
      el("li", { class: "lbp-error", "data-field": error.field }, ...errorName(error.field, catalogue.fields),
        `: ${error.message}`))));
  showContent(container, parts);
  container.dataset.state = "error";
  if (redFlags) container.dataset.triage = redFlags.triage;
  else delete container.dataset.triage;
  delete container.dataset.phase;
}

function renderNoResult(container, heading, message, redFlagsHref) {
  showContent(container, [
    el("h2", { text: heading }),
    el("p", { class: "lbp-engine-failure" }, el("strong", { text: "No result has been calculated, " +
      "so nothing here means the patient is free of red flags." }),
      " Screen for red flags yourself with the ", el("a", { href: redFlagsHref, text: "red flag guidance" }),
      "; every guidance page works without the engine."),
    el("p", { class: "lbp-engine-failure-detail", text: `Details: ${message}` })]);
  container.dataset.state = "error";
  delete container.dataset.triage;
  delete container.dataset.phase;
}

export function renderEngineFailure(container, message, redFlagsHref) {
  renderNoResult(container, "The calculator engine could not be loaded", message, redFlagsHref);
  container.dataset.engine = "failed";
}

/** The engine is running but answered this case with an error instead of a result. */
export function renderCaseFailure(container, message, redFlagsHref) {
  renderNoResult(container, "The calculator could not assess this case", message, redFlagsHref);
}

/** "What would change this result": the core's grouped lines (lbp_core.grouped_changes) first, every
 * single edit behind a disclosure. */
export function renderChanges(section, changes, catalogue, grouped = null) {
  const labelOf = (name) => (Object.hasOwn(catalogue.fields, name) ? catalogue.fields[name].label : name);
  const body = [];
  const titleOf = (id) => (catalogue.recommendations[id] ? catalogue.recommendations[id].title : id);
  for (const change of changes) {
    const value = typeof change.value === "boolean" ? (change.value ? "yes" : "no") : String(change.value);
    const item = el("li", { "data-change-field": change.field },
      el("strong", { text: `${labelOf(change.field)}: ${value}` }));
    // An edit that had to change another field with it to stay valid says so.
    for (const [field, other] of Object.entries(change.also || {})) {
      item.append(` (with ${labelOf(field)}: ${other})`);
    }
    if (change.triage) item.append(` — triage ${change.triage[0]} → ${change.triage[1]}`);
    const detail = [];
    if (change.added.length) detail.push(`adds ${change.added.map(titleOf).join("; ")}`);
    if (change.removed.length) detail.push(`removes ${change.removed.length === 1 ? titleOf(change.removed[0]) : `${change.removed.length} actions`}`);
    if (detail.length) item.append(` — ${detail.join("; ")}`);
    body.push(item);
  }
  if (!body.length) {
    section.replaceChildren(el("h3", { text: "What would change this result" }),
      el("p", { text: "No single change of one input would change this result." }));
    return;
  }
  const lines = (grouped || []).map((line) => el("li", { class: `lbp-change-line lbp-change-line--${line.kind}`,
    "data-change-kind": line.kind, text: line.text }));
  section.replaceChildren(el("h3", { text: "What would change this result" }),
    lines.length ? el("ul", { class: "lbp-changes-grouped" }, ...lines) : null,
    el("details", { class: "lbp-changes-each" }, el("summary", { text: "Each change on its own" }),
      el("ul", { class: "lbp-changes-list" }, ...body)));
}
