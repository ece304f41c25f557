// The Python side of the worker, shared by the browser worker and the build-time snapshot (snapshot.mjs).
// It lives in lbp_core/bridge.py (typed and tested there); these strings only import it into Pyodide's
// globals, where worker.js looks the functions up by name. Data crosses the boundary as JSON text only.

export const BRIDGE = `
from lbp_core.bridge import (lbp_evaluate, lbp_grouped_changes, lbp_info, lbp_note,
                             lbp_what_would_change)
`;

// Run once before a snapshot is taken, so the restored engine has touched every code path it needs.
export const WARM_UP = `
import lbp_core.bridge as _lbp_bridge
_lbp_bridge.warm_up()
del _lbp_bridge
`;
