// The shipped engine, restored under Node as the browser restores it: the site's runtime files (with the
// site's glue module), its packed snapshot through sparse.mjs's restorable(), and the cases answered by
// the snapshot's own bridge. While restoring, the heap is compared with the image unpacked the plain way.
// Usage: node snapshot_restore.mjs RUNTIME_DIR SNAPSHOT SPARSE_MODULE CASES_JSON
// Prints {"restore": {...}, "replies": [lbp_evaluate's text per case]}.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, snapshotPath, sparsePath, casesPath] = process.argv.slice(2);
const { restorable } = await import(pathToFileURL(resolve(sparsePath)).href);
const { loadPyodide } = await import(pathToFileURL(join(resolve(runtimeDir), "pyodide.mjs")).href);

/** The image as a plain unpack gives it: every segment at its offset in a zeroed array. */
function unpacked(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const full = new Uint8Array(view.getUint32(4, true));
  const count = view.getUint32(8, true);
  let at = 12 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(12 + 8 * i, true);
    const length = view.getUint32(16 + 8 * i, true);
    full.set(packed.subarray(at, at + length), offset);
    at += length;
  }
  return full;
}

/** Where the runtime may have written before the restore and the image has no segment: the first
 * bytes of each such stretch below `written` (heap offsets). */
function gapsBelow(packed, skip, written) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const count = view.getUint32(8, true);
  const gaps = [];
  let end = skip;
  for (let i = 0; i <= count; i++) {
    const offset = i < count ? view.getUint32(12 + 8 * i, true) : view.getUint32(4, true);
    if (offset > end && end - skip < written) gaps.push(end - skip);
    if (i < count) end = Math.max(end, offset + view.getUint32(16 + 8 * i, true));
  }
  return gaps;
}

const packed = new Uint8Array(readFileSync(snapshotPath));
const image = restorable(packed);
const restore = { calls: 0, dirtied: 0, written: 0, differences: -1 };
const sparseRestore = image.lbpRestore;
image.lbpRestore = (heap, skip, written) => {
  const expected = unpacked(packed).subarray(skip);
  const memory = new Uint8Array(heap.buffer, heap.byteOffset, heap.byteLength);
  // As if the runtime had written there before the restore: the restore must zero it again.
  for (const gap of gapsBelow(packed, skip, written)) {
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
const pyodide = await loadPyodide({ indexURL: resolve(runtimeDir) + "/", _loadSnapshot: image });
const evaluate = pyodide.globals.get("lbp_evaluate");
const replies = JSON.parse(readFileSync(casesPath, "utf8")).map((item) => evaluate(JSON.stringify(item)));
process.stdout.write(JSON.stringify({ restore, replies }));
