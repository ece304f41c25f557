// Runs lbp_core inside real Pyodide (the npm package, under Node) on the cases in a JSON file and prints
// the results serialised exactly as the CPython side does. Usage: node pyodide_runner.mjs CASES.json
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") });
pyodide.FS.mkdirTree("/lib/lbp/lbp_core");
for (const name of readdirSync(join(root, "lbp_core"))) {
  if (name.endsWith(".py") || name === "py.typed") {
    pyodide.FS.writeFile(`/lib/lbp/lbp_core/${name}`, readFileSync(join(root, "lbp_core", name)));
  }
}
pyodide.globals.set("cases_json", readFileSync(process.argv[2], "utf8"));
const output = pyodide.runPython(`
import sys
sys.path.insert(0, "/lib/lbp")
from lbp_core.golden import run_golden
run_golden(cases_json)
`);
process.stdout.write(output);
