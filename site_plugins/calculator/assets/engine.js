// The page's handle on the engine worker (worker.js): one per document, kept alive across Material's instant
// navigation (calculator.js holds it), so going to another page and back never restarts Python.
import { workerName } from "./engine-settings.js";

export class Engine extends EventTarget {
  /** settings: the engine's settings (engine-settings.js); siteRoot: the URL its paths are relative to;
   * keepSnapshot: async () => whether the reader lets the site keep the engine's snapshot on the device. */
  constructor({ settings, siteRoot, keepSnapshot = async () => true }) {
    super();
    this.settings = settings;
    this.siteRoot = siteRoot;
    this.keepSnapshot = keepSnapshot;
    this.state = "loading";
    this.progress = { fraction: 0, text: "Loading the calculator engine" };
    this.failure = "";
    this.info = null;
    this.snapshot = ""; // what became of the snapshot a fresh start took: "stored", "not kept", "failed"
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
    this.early = null; // {text, reply}: the case asked for while the engine was loading (evaluateEarly)
  }

  /** Start the worker, or adopt the one the page's <head> started ({worker, messages} it sent so far). */
  start(early = null) {
    if (this.worker) return this;
    if (early) {
      this.worker = early.worker;
      this.worker.onmessage = null;
      this.worker.onerror = null;
    } else {
      performance.mark("lbp-engine-start");
      try {
        this.worker = new Worker(new URL(this.settings.worker, this.siteRoot),
          { type: "module", name: workerName(this.settings) });
      } catch (error) {
        this.fail(`the browser could not start the engine (${error.message})`);
        return this;
      }
    }
    this.worker.addEventListener("message", ({ data }) => this.receive(data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(event.message || "the engine script could not be loaded");
    });
    if (early) early.messages.forEach((data) => this.receive(data));
    // Asked now, answered by the time the engine has a snapshot to keep (after its first answer).
    Promise.resolve(this.keepSnapshot()).catch(() => false)
      .then((keep) => this.worker.postMessage({ type: "keep-snapshot", keep }));
    return this;
  }

  fail(message) {
    if (this.state === "failed") return;
    this.state = "failed";
    this.failure = message;
    this.early = null;
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
    this.dispatchEvent(new Event("state"));
  }

  receive(data) {
    if (data.type === "progress") {
      this.progress = { fraction: data.fraction, text: data.text };
      this.dispatchEvent(new Event("progress"));
    } else if (data.type === "ready") {
      this.state = "ready";
      this.info = { ...data.info, mode: data.mode, ms: data.ms, timings: data.timings };
      performance.mark("lbp-engine-ready");
      this.dispatchEvent(new Event("state"));
    } else if (data.type === "failed") {
      this.fail(data.message);
    } else if (data.type === "snapshot") {
      this.snapshot = data.state;
      this.dispatchEvent(new Event("snapshot"));
    } else if (data.type === "reply") {
      const request = this.pending.get(data.id);
      if (!request) return;
      this.pending.delete(data.id);
      if (data.error !== undefined) request.reject(new Error(data.error));
      else {
        this.lastMs = data.ms; // time inside the worker, for the benchmark
        request.resolve(JSON.parse(data.text));
      }
    }
  }

  /** type: "evaluate" | "changes" | "grouped" | "note"; text: the case as JSON. */
  request(type, text) {
    if (this.state === "failed") return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, text });
    });
  }

  /** {ok: true, result} or {ok: false, errors: [{field, message}]}, exactly as lbp_core says. */
  evaluate(caseData) {
    const text = JSON.stringify(caseData);
    if (this.early !== null && this.early.text === text) {
      const { reply } = this.early;
      this.early = null;
      return reply;
    }
    return this.request("evaluate", text);
  }

  /** Asks for the case now, while the engine is loading: the worker answers it the moment it is ready,
   * without waiting for this page to hear "ready" and ask (its main thread is busy then). The next
   * evaluate() of the same case gets that answer; a later case replaces it. */
  evaluateEarly(caseData) {
    if (this.state !== "loading" || this.worker === null) return;
    const text = JSON.stringify(caseData);
    if (this.early !== null && this.early.text === text) return;
    const reply = this.request("evaluate", text);
    reply.catch(() => {}); // a failed engine is reported by its state, not by this answer
    this.early = { text, reply };
  }

  /** lbp_core.what_would_change(case) for a valid case. */
  whatWouldChange(caseData) {
    return this.request("changes", JSON.stringify(caseData));
  }

  /** lbp_core.grouped_changes(case) for a valid case. */
  groupedChanges(caseData) {
    return this.request("grouped", JSON.stringify(caseData));
  }

  /** lbp_core.bridge.lbp_note: {ok, lines} for the case, naming the wheel and the user's date. */
  note(caseData, wheelSha256, date) {
    return this.request("note", JSON.stringify({ case: caseData, wheel_sha256: wheelSha256, date }));
  }
}
