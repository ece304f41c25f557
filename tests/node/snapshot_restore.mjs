// The shipped engine, restored under Node as the browser restores it: the site's runtime files (with the
// site's glue module), its packed snapshot through sparse.mjs's restorable(), and the cases answered by
// the snapshot's own bridge. While restoring, the heap is compared with the image unpacked the plain way.
// Usage: node snapshot_restore.mjs RUNTIME_DIR SNAPSHOT SPARSE_MODULE CASES_JSON
// Prints {"restore": {...}, "replies": [lbp_evaluate's text per case]}.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, snapshotPath, sparsePath, casesPath] = process.argv.slice(2);
const { restorable, segmentsOf } = await import(pathToFileURL(resolve(sparsePath)).href);
const { loadPyodide } = await import(pathToFileURL(join(resolve(runtimeDir), "pyodide.mjs")).href);

/** The image as a plain unpack gives it: every segment at its offset in a zeroed array. */
function unpacked(packed) {
  const { fullLength, segments } = segmentsOf(packed);
  const full = new Uint8Array(fullLength);
  for (const { offset, length, at } of segments) full.set(packed.subarray(at, at + length), offset);
  return full;
}

/** Where the runtime may have written before the restore and the image has no segment: the first
 * byte of each such stretch below `written` (heap offsets). */
function gapsBelow(packed, skip, written) {
  const { fullLength, segments } = segmentsOf(packed);
  const gaps = [];
  let end = skip;
  for (const { offset, length } of [...segments, { offset: fullLength, length: 0 }]) {
    if (offset > end && end - skip < written) gaps.push(end - skip);
    end = Math.max(end, offset + length);
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
