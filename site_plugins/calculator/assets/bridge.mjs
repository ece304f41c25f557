// The Python side of the engine, as the engine worker (worker.js) and the build's Node scripts
// (stdlib.mjs, tests/node/) run it: the same text, so what the build checks is what the browser runs.
// The Python code itself lives in lbp_core/bridge.py (typed and tested there); these strings only import
// it into Pyodide's globals, where worker.js looks the functions up by name. Data crosses the boundary as
// JSON text only.

export const BRIDGE = `
from lbp_core.bridge import (lbp_evaluate, lbp_grouped_changes, lbp_info, lbp_note,
                             lbp_what_would_change)
`;

// Run once before a memory snapshot is taken, so an engine restored from it has touched every code path
// the page needs (the restored engine's file system has only the standard library: the wheel's modules
// must all be imported by then).
export const WARM_UP = `
import lbp_core.bridge as _lbp_bridge
_lbp_bridge.warm_up()
del _lbp_bridge
`;

/** Unpacks the lbp_core wheel (its bytes, already checked against the build's sha256) into Pyodide's
 * site-packages. Not through loadPackage: that keeps JavaScript handles a memory snapshot cannot hold. */
export function installWheel(pyodide, bytes, fileName) {
  const path = `/tmp/${fileName}`;
  pyodide.FS.writeFile(path, bytes);
  pyodide.runPython(`
import sysconfig as _lbp_sysconfig, zipfile as _lbp_zipfile
with _lbp_zipfile.ZipFile(${JSON.stringify(path)}) as _lbp_wheel:
    _lbp_wheel.extractall(_lbp_sysconfig.get_paths()["purelib"])
del _lbp_sysconfig, _lbp_zipfile, _lbp_wheel
`);
  pyodide.FS.unlink(path);
}
