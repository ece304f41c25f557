// One mounted exercise on a worked case's page: the learner predicts (a triage, the actions they expect),
// submits, and only then sees the core's answer for the case, worked out by the calculator's engine in the
// browser, each choice marked right, missed or extra. The answer is never on the page before that, not even
// hidden: it is asked for at the submit (or at once for an address ending in #answer, an educator's link
// to the answer). The engine starts when the learner starts on the form, not on arrival: it is a download
// of several megabytes the first time. Nothing the learner chooses is kept or sent anywhere.
//
// Test hooks: the root [data-lbp-teach] has data-state (idle, waiting, revealed, failed) and data-engine;
// the reveal is [data-lbp-reveal] with data-triage (the core's), data-predicted and data-triage-mark
// (right, wrong) when a triage was chosen; each action is [data-rec] with data-mark (right, missed, extra)
// and data-stance.
import { readableReason } from "./reasons.js";

const ANSWER = "#answer";
// The learner starts on the form: a field focused (by keyboard or by a tap) or changed. Not pointerdown:
// a finger landing on the form to scroll the page would start a download of several megabytes.
const STARTS = ["focusin", "change"];
const MARK_WORDS = {
  right: ["✓", "Right: you ticked it."],
  missed: ["✗", "Missed: you did not tick it."],
  extra: ["+", "Extra: you ticked it, but it is not in the result."],
};

function el(tag, attrs = {}, ...children) {
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

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** {triage: "right" | "wrong" | null, actions: {rec: "right" | "missed" | "extra"}}: each choice against the
 * result. Plain set comparison; every clinical decision is the core's. */
export function markPrediction(result, prediction) {
  const listed = new Set(result.actions.map((action) => action.rec));
  const ticked = new Set(prediction.actions);
  const actions = {};
  for (const rec of listed) actions[rec] = ticked.has(rec) ? "right" : "missed";
  for (const rec of ticked) if (!listed.has(rec)) actions[rec] = "extra";
  return { triage: prediction.triage === null ? null : prediction.triage === result.triage ? "right" : "wrong",
    actions };
}

export function mount(root, obtainEngine, siteRoot) {
  const form = root.querySelector("form");
  const fieldsets = [...form.querySelectorAll(":scope > fieldset")];
  const submit = form.querySelector('[type="submit"]');
  const again = root.querySelector("[data-lbp-teach-again]");
  const error = root.querySelector("[data-lbp-teach-error]");
  const answer = root.querySelector("[data-lbp-teach-answer]");
  const engineText = root.querySelector("[data-lbp-teach-engine-text]");
  const bar = root.querySelector("[data-lbp-teach-engine] progress");
  const announce = root.querySelector("[data-lbp-teach-announce]");
  const data = JSON.parse(root.querySelector("#lbp-teach-data").dataset.json);
  const link = (path) => new URL(path, siteRoot).href;
  const cleanups = [];
  let engine = null;
  let asked = 0; // each request for the answer; a later one (or Try again, or leaving) makes it stale
  let alive = true;

  function on(target, type, handler, options = false) {
    target.addEventListener(type, handler, options);
    cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  function showEngine() {
    root.dataset.engine = engine.state;
    if (engine.state === "ready") {
      engineText.textContent = "The calculator's engine is ready: the answer is worked out the moment you ask.";
      bar.hidden = true;
    } else if (engine.state === "failed") {
      engineText.textContent = "The calculator's engine could not be loaded, so the answer cannot be worked " +
        "out here, and nothing has been marked. Try again later, or read the recommendations this case " +
        "is about in the guidance pages, which work without it.";
      bar.hidden = true;
    } else {
      engineText.textContent = `${engine.progress.text}…`;
      bar.hidden = false;
      bar.value = Math.round(engine.progress.fraction * 100);
    }
  }

  function startEngine() {
    if (engine !== null) return engine;
    engine = obtainEngine();
    on(engine, "progress", showEngine);
    on(engine, "state", showEngine);
    showEngine();
    return engine;
  }

  function onStart() {
    STARTS.forEach((type) => form.removeEventListener(type, onStart));
    startEngine();
  }
  STARTS.forEach((type) => on(form, type, onStart));

  function prediction() {
    const triage = form.querySelector('input[name="lbp-predict-triage"]:checked');
    return { triage: triage ? triage.value : null,
      actions: [...form.querySelectorAll('input[name="lbp-predict-action"]:checked')].map((box) => box.value) };
  }

  function lock(locked) {
    fieldsets.forEach((fieldset) => { fieldset.disabled = locked; });
    submit.hidden = locked;
    again.hidden = !locked;
  }

  async function reveal(chosen) {
    const id = ++asked;
    const running = startEngine();
    root.dataset.state = "waiting";
    lock(true);
    answer.setAttribute("aria-busy", "true");
    const waiting = el("p", { class: "lbp-teach__waiting", tabindex: "-1", text: "Working out the answer…" });
    answer.replaceChildren(waiting);
    // The submit button hides while the answer is worked out: focus stays where the answer will be.
    if (chosen !== null) waiting.focus();
    let reply;
    try {
      reply = await running.evaluate(data.case);
    } catch (failure) {
      if (id === asked && alive) showFailure(running.state === "failed" ? running.failure : failure.message);
      return;
    }
    if (id !== asked || !alive) return;
    if (!reply.ok) {
      showFailure("the calculator could not assess this case");
      return;
    }
    showAnswer(reply.result, chosen);
  }

  function showFailure(message) {
    answer.removeAttribute("aria-busy");
    root.dataset.state = "failed";
    lock(false);
    // No answer of any kind: not a stored one, not a guess.
    answer.replaceChildren(el("p", { class: "lbp-teach__failure", role: "alert" },
      el("strong", { text: "The answer could not be worked out, so nothing has been marked." }),
      ` Details: ${message}.`));
  }

  function recLink(rec, text) {
    const known = data.recommendations[rec];
    return known ? el("a", { href: link(known.page), text: text || known.short_title }) : text || rec;
  }

  function markBadge(mark) {
    const [icon, words] = MARK_WORDS[mark];
    return el("span", { class: `lbp-mark lbp-mark--${mark}` }, el("span", { "aria-hidden": "true", text: icon }),
      ` ${words}`);
  }

  function reasonList(items) {
    return el("ul", {}, ...items.map((text) => {
      const readable = readableReason(text, data.fields);
      return readable ? el("li", {}, el("strong", { text: readable.label }), readable.rest) : el("li", { text });
    }));
  }

  function actionItem(action, mark) {
    const rec = data.recommendations[action.rec];
    const item = el("li", { class: "lbp-reveal__action", "data-rec": action.rec, "data-stance": action.stance,
      "data-mark": mark || undefined });
    item.append(el("p", { class: "lbp-reveal__name" }, recLink(action.rec),
      rec ? el("span", { class: "lbp-reveal__more" }, " · ", el("a", { href: link(rec.anchor), text: "in the guidance" })) : null));
    if (mark) item.append(el("p", {}, markBadge(mark)));
    if (action.reasons.length) item.append(el("p", { class: "lbp-reveal__label", text: "Why:" }), reasonList(action.reasons));
    if (action.cautions.length) {
      item.append(el("p", { class: "lbp-reveal__label", text: "Cautions for this patient:" }), reasonList(action.cautions));
    }
    return item;
  }

  function showAnswer(result, chosen) {
    const marks = chosen === null ? null : markPrediction(result, chosen);
    const triage = data.triage[result.triage];
    const counts = { right: 0, missed: 0, extra: 0 };
    if (marks) Object.values(marks.actions).forEach((mark) => { counts[mark] += 1; });
    const summary = marks
      ? `Triage ${marks.triage}. Actions: ${counts.right} right, ${counts.missed} missed, ${counts.extra} extra.`
      : "No prediction was made: this is the calculator's answer for the case.";
    const heading = el("h2", { id: "lbp-answer-heading", tabindex: "-1", text: "The answer" });
    const parts = [heading, el("p", { class: "lbp-reveal__score", "data-lbp-score": true, text: summary })];
    const triageLine = el("div", { class: `lbp-reveal__triage lbp-reveal__triage--${result.triage}`,
      "data-mark": marks ? marks.triage : undefined },
    el("p", {}, el("strong", { text: `Triage: ${triage.label}` }), ` — ${triage.advice}`));
    if (marks) {
      const right = marks.triage === "right";
      triageLine.append(el("p", {}, el("span", { class: `lbp-mark lbp-mark--${right ? "right" : "wrong"}` },
        el("span", { "aria-hidden": "true", text: right ? "✓" : "✗" }),
        ` You chose ${data.triage[chosen.triage].label}: ${right ? "right" : "wrong"}.`)));
    }
    triageLine.append(el("p", {}, `Phase: ${data.phases[result.phase] || result.phase}.`));
    parts.push(triageLine);
    if (result.warnings.length) {
      parts.push(el("div", { class: "lbp-reveal__warnings", role: "note" },
        el("p", { class: "lbp-reveal__label", text: "Notes from the calculator:" }), reasonList(result.warnings)));
    }
    for (const [stance, label] of data.stances) {
      const actions = result.actions.filter((action) => action.stance === stance);
      if (!actions.length) continue;
      parts.push(el("h3", { text: label }), el("ul", { class: "lbp-reveal__actions", "data-stance-group": stance },
        ...actions.map((action) => actionItem(action, marks && marks.actions[action.rec]))));
    }
    const extras = marks ? Object.keys(marks.actions).filter((rec) => marks.actions[rec] === "extra") : [];
    if (extras.length) {
      parts.push(el("h3", { text: "Ticked, but not in the result" }), el("ul", { class: "lbp-reveal__actions" },
        ...extras.map((rec) => {
          const known = data.recommendations[rec];
          return el("li", { class: "lbp-reveal__action", "data-rec": rec, "data-mark": "extra" },
            el("p", { class: "lbp-reveal__name" }, recLink(rec)), el("p", {}, markBadge("extra")),
            known && known.when ? el("p", {}, "The calculator lists it when: ", known.when) : null);
        })));
    }
    parts.push(el("p", { class: "lbp-reveal__tools" },
      el("button", { type: "button", class: "lbp-rec__copy md-button", "data-lbp-copy": "answer",
        text: "Copy link to this answer" }), " ", el("span", { class: "lbp-rec__status", role: "status" })),
    el("p", { class: "lbp-reveal__version", text: `Guideline version ${result.guideline_version}.` }));
    const section = el("section", { class: "lbp-reveal", "data-lbp-reveal": true, "data-triage": result.triage,
      "data-predicted": chosen === null ? "none" : "yes", "data-triage-mark": marks ? marks.triage : undefined,
      "aria-labelledby": "lbp-answer-heading" }, ...parts);
    answer.removeAttribute("aria-busy");
    answer.replaceChildren(section);
    root.dataset.state = "revealed";
    // The answer starts at the top of the screen, below the site's header (scroll-margin-top).
    heading.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
    announce.textContent = summary;
  }

  function tryAgain() {
    asked += 1;
    answer.removeAttribute("aria-busy");
    answer.replaceChildren();
    form.reset();
    lock(false);
    error.textContent = "";
    announce.textContent = "";
    root.dataset.state = "idle";
    if (location.hash === ANSWER) {
      const url = new URL(location.href);
      url.hash = "";
      history.replaceState(history.state, "", url.href);
    }
    form.querySelector('input[name="lbp-predict-triage"]').focus();
  }

  on(form, "submit", (event) => {
    event.preventDefault();
    if (root.dataset.state === "waiting" || root.dataset.state === "revealed") return;
    const chosen = prediction();
    if (chosen.triage === null) {
      error.textContent = "Choose a triage first: the answer is shown once you have made your prediction.";
      form.querySelector('input[name="lbp-predict-triage"]').focus();
      return;
    }
    error.textContent = "";
    reveal(chosen);
  });
  on(again, "click", tryAgain);
  // An educator's link to the answer, followed here or from another page.
  const showLinkedAnswer = () => {
    if (location.hash === ANSWER && !["waiting", "revealed"].includes(root.dataset.state)) reveal(null);
  };
  on(window, "hashchange", showLinkedAnswer);

  root.dataset.state = "idle";
  showLinkedAnswer();
  return () => {
    alive = false;
    cleanups.forEach((cleanup) => cleanup());
  };
}
