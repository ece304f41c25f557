// Build-time: which files of Pyodide's standard library the engine imports, and a check that a trimmed
// standard library is enough. It starts Pyodide under Node as the engine worker starts it on a first visit
// (the site's runtime files, the given standard library through Pyodide's own stdLibURL option, the wheel
// unpacked by bridge.mjs's installWheel), imports the bridge, runs its warm-up, and then every call the page
// makes (evaluate, what would change, grouped changes, note) on every given case.
// Usage: node stdlib.mjs RUNTIME_DIR STDLIB_ZIP WHEEL BRIDGE_MODULE CASES_JSON
// Prints {"files": [entries of STDLIB_ZIP the engine imported], "replies": [every reply's text]}, or, when
// a module is missing from STDLIB_ZIP, {"missing": "<module>"} (exit 3).
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, stdlibPath, wheelPath, bridgePath, casesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(resolve(runtimeDir), "pyodide.mjs")).href);
const { BRIDGE, WARM_UP, installWheel } = await import(pathToFileURL(resolve(bridgePath)).href);

const stderrLines = [];
let pyodide;
let replies;
try {
  pyodide = await loadPyodide({ indexURL: resolve(runtimeDir) + "/", stdLibURL: resolve(stdlibPath),
    stdout: () => {}, stderr: (line) => { stderrLines.push(line); } });
  pyodide.globals.set("lbp_cases_text", readFileSync(casesPath, "utf8"));
  installWheel(pyodide, readFileSync(wheelPath), basename(wheelPath));
  pyodide.runPython(BRIDGE);
  pyodide.runPython(WARM_UP);
  replies = JSON.parse(pyodide.runPython(`
import json as _json
_replies = []
for _case in _json.loads(lbp_cases_text):
    _text = _json.dumps(_case)
    _reply = lbp_evaluate(_text)
    _replies.append(_reply)
    if _json.loads(_reply)["ok"]:
        _replies += [lbp_what_would_change(_text), lbp_grouped_changes(_text)]
    _replies.append(lbp_note(_json.dumps({"case": _case, "wheel_sha256": "0" * 64, "date": "2026-01-31"})))
_json.dumps(_replies)
`));
} catch (error) {
  // Python's own report (a failed start-up prints it to stderr) or the error's message names the module.
  const report = [String(error && error.message), ...stderrLines].join("\n");
  const missing = /No module named '([^']+)'/.exec(report);
  if (!missing) throw error;
  process.stdout.write(JSON.stringify({ missing: missing[1] }));
  process.exit(3);
}
const files = pyodide.runPython(`
import sys as _sys
_prefix = next(_p for _p in _sys.path if _p.endswith(".zip")) + "/"
_json.dumps(sorted({_m.__file__[len(_prefix):] for _m in list(_sys.modules.values())
                    if (getattr(_m, "__file__", None) or "").startswith(_prefix)}))
`);
process.stdout.write(JSON.stringify({ files: JSON.parse(files), replies }));
