// The memory snapshot as shipped: about half of Pyodide's memory is zero pages, which are left out.
// Layout (little-endian uint32): magic, full length, segment count, [offset, length] per segment, then
// the segments' bytes in order. pack() runs at build time (snapshot.mjs), unpack() in the engine worker.
const MAGIC = 0x5350424c; // "LBPS"
const PAGE = 4096;

function isZero(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return words.every((word) => word === 0);
}

/** Uint8Array (length a multiple of 4) -> the sparse form. */
export function pack(bytes) {
  const segments = [];
  for (let offset = 0; offset < bytes.length; offset += PAGE) {
    if (isZero(bytes.subarray(offset, Math.min(offset + PAGE, bytes.length)))) continue;
    const last = segments.at(-1);
    const length = Math.min(PAGE, bytes.length - offset);
    if (last && last.offset + last.length === offset) last.length += length;
    else segments.push({ offset, length });
  }
  const header = new Uint32Array(3 + 2 * segments.length);
  header.set([MAGIC, bytes.length, segments.length]);
  segments.forEach(({ offset, length }, i) => header.set([offset, length], 3 + 2 * i));
  const out = new Uint8Array(header.byteLength + segments.reduce((sum, s) => sum + s.length, 0));
  out.set(new Uint8Array(header.buffer));
  let at = header.byteLength;
  for (const { offset, length } of segments) {
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  return out;
}

/** The sparse form -> the full bytes. */
export function unpack(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < 12 || view.getUint32(0, true) !== MAGIC) {
    throw new Error("not a packed memory snapshot");
  }
  const full = new Uint8Array(view.getUint32(4, true));
  const count = view.getUint32(8, true);
  let at = 12 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(12 + 8 * i, true);
    const length = view.getUint32(16 + 8 * i, true);
    if (at + length > packed.length || offset + length > full.length) {
      throw new Error("truncated memory snapshot");
    }
    full.set(packed.subarray(at, at + length), offset);
    at += length;
  }
  return full;
}
