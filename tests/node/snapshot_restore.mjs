// The engine's snapshot cycle under Node, as the engine worker runs it on a device: a fresh start from the
// site's runtime files (its glue module and trimmed standard library) with _makeSnapshot, the wheel
// unpacked and the bridge imported and warmed up (bridge.mjs), the memory copied (makeMemorySnapshot) and
// packed (sparse.mjs's pack); then a second engine restored from the packed copy as a later visit restores
// it: with the site's glue, through sparse.mjs's restorable(), comparing the heap with the image unpacked
// the plain way; with Pyodide's stock glue ("stock"), from sparse.mjs's unpacked(). The restored engine
// answers the cases.
// Usage: node snapshot_restore.mjs RUNTIME_DIR STDLIB WHEEL SPARSE_MODULE BRIDGE_MODULE CASES_JSON GLUE LOCK_INFO
// (LOCK_INFO: the lock file's info as JSON text, which the worker gives loadPyodide with no packages)
// Prints {"restore": {...}, "modules": {...}, "replies": [lbp_evaluate's text per case]}.
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, stdlibPath, wheelPath, sparsePath, bridgePath, casesPath, glue, lockInfo] = process.argv.slice(2);
const { pack, restorable, unpacked, segmentsOf } = await import(pathToFileURL(resolve(sparsePath)).href);
const { BRIDGE, WARM_UP, installWheel } = await import(pathToFileURL(resolve(bridgePath)).href);
const { loadPyodide } = await import(pathToFileURL(join(resolve(runtimeDir), "pyodide.mjs")).href);
const options = { indexURL: resolve(runtimeDir) + "/", stdLibURL: resolve(stdlibPath),
  lockFileContents: { info: JSON.parse(lockInfo), packages: {} } };

// The fresh start, as worker.js's freshStart.
const fresh = await loadPyodide({ ...options, _makeSnapshot: true });
installWheel(fresh, readFileSync(wheelPath), basename(wheelPath));
fresh.runPython(BRIDGE);
fresh.runPython(WARM_UP);
// Every module of the wheel is imported by now: a restored engine has no wheel in its file system.
const modules = JSON.parse(fresh.runPython(`
import json as _json, sys as _sys
_json.dumps(sorted(_name for _name in _sys.modules if _name == "lbp_core" or _name.startswith("lbp_core.")))
`));
const packed = pack(fresh.makeMemorySnapshot());

/** Where the runtime may have written before the restore and the image has no segment: the first
 * byte of each such stretch below `written` (heap offsets). */
function gapsBelow(skip, written) {
  const { fullLength, segments } = segmentsOf(packed);
  const gaps = [];
  let end = skip;
  for (const { offset, length } of [...segments, { offset: fullLength, length: 0 }]) {
    if (offset > end && end - skip < written) gaps.push(end - skip);
    end = Math.max(end, offset + length);
  }
  return gaps;
}

const restore = { calls: 0, dirtied: 0, written: 0, differences: -1, packed: packed.byteLength };
let image;
if (glue === "stock") {
  image = unpacked(packed);
} else {
  image = restorable(packed);
  const sparseRestore = image.lbpRestore;
  image.lbpRestore = (heap, skip, written) => {
    const expected = unpacked(packed).subarray(skip);
    const memory = new Uint8Array(heap.buffer, heap.byteOffset, heap.byteLength);
    // As if the runtime had written there before the restore: the restore must zero it again.
    for (const gap of gapsBelow(skip, written)) {
      memory[gap] = 0xab;
      restore.dirtied += 1;
    }
    sparseRestore(heap, skip, written);
    let differences = 0;
    for (let i = 0; i < memory.length; i++) {
      if (memory[i] !== (i < expected.length ? expected[i] : 0)) differences += 1;
    }
    Object.assign(restore, { calls: restore.calls + 1, written, differences });
  };
}
const pyodide = await loadPyodide({ ...options, _loadSnapshot: image });
const evaluate = pyodide.globals.get("lbp_evaluate");
const replies = JSON.parse(readFileSync(casesPath, "utf8")).map((item) => evaluate(JSON.stringify(item)));
process.stdout.write(JSON.stringify({ restore, modules, replies }));
