// Build-time memory snapshot: boot Pyodide, install the lbp_core wheel (after checking its sha256 against
// the lock file's), import it, define the bridge, warm the engine, and write Pyodide's memory to a file.
// The browser restores it with loadPyodide({_loadSnapshot}); Pyodide refuses a snapshot from another build.
// It is written in the sparse form of assets/sparse.mjs (the zero pages left out).
// Usage: node snapshot.mjs PYODIDE_DIR WHEEL SHA256 BRIDGE_MODULE OUTPUT
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { pack } from "./assets/sparse.mjs";

const [pyodideDir, wheelPath, sha256, bridgePath, outputPath] = process.argv.slice(2);
const wheel = readFileSync(wheelPath);
if (createHash("sha256").update(wheel).digest("hex") !== sha256) {
  throw new Error(`${wheelPath}: sha256 differs from the lock file's ${sha256}`);
}
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const { BRIDGE, WARM_UP } = await import(pathToFileURL(resolve(bridgePath)).href);
const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/", _makeSnapshot: true });
// loadPackage keeps JavaScript handles a snapshot cannot hold, so the checked wheel is unpacked directly.
const wheelInFs = `/tmp/${basename(wheelPath)}`;
pyodide.FS.writeFile(wheelInFs, wheel);
pyodide.runPython(`
import sysconfig, zipfile
with zipfile.ZipFile(${JSON.stringify(wheelInFs)}) as wheel:
    wheel.extractall(sysconfig.get_paths()["purelib"])
`);
pyodide.FS.unlink(wheelInFs);
pyodide.runPython(BRIDGE);
pyodide.runPython(WARM_UP);
writeFileSync(outputPath, pack(pyodide.makeMemorySnapshot()));
