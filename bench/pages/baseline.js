// The naive way to run the calculator's engine, for comparison: Pyodide on the main thread from the same
// files the site serves (lock file with the lbp_core wheel included), then import and evaluate one case.
// bench/browser.py serves them in ./pyodide/, with Pyodide's glue module as npm publishes it.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
await pyodide.loadPackage("lbp-core", { messageCallback: () => {} });
const caseText = JSON.stringify(Object.fromEntries([...new URLSearchParams(location.hash.slice(1))]
  .map(([k, v]) => [k, v === "true" ? true : Number.isNaN(Number(v)) ? v : Number(v)])));
pyodide.globals.set("case_text", caseText);
const result = pyodide.runPython("import json, lbp_core; json.dumps(lbp_core.evaluate(json.loads(case_text)))");
performance.mark("lbp-result");
document.getElementById("result").textContent = result;
document.body.dataset.triage = JSON.parse(result).triage;
document.body.dataset.state = "ready";
