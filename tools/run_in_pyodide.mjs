// Runs a Python script inside real Pyodide (the npm package, under Node) with lbp_core importable from
// this checkout's source. The script reads the global `input_text` and its last expression is printed.
// Usage: node tools/run_in_pyodide.mjs SCRIPT.py INPUT_FILE
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [scriptPath, inputPath] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") });
pyodide.FS.mkdirTree("/lib/lbp/lbp_core");
for (const name of readdirSync(join(root, "lbp_core"))) {
  if (name.endsWith(".py") || name === "py.typed") {
    pyodide.FS.writeFile(`/lib/lbp/lbp_core/${name}`, readFileSync(join(root, "lbp_core", name)));
  }
}
pyodide.runPython('import sys; sys.path.insert(0, "/lib/lbp")');
pyodide.globals.set("input_text", readFileSync(inputPath, "utf8"));
process.stdout.write(String(pyodide.runPython(readFileSync(scriptPath, "utf8"))));
