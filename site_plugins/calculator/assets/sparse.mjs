// The memory snapshot as the engine stores it on the device: about half of Pyodide's memory is zero pages,
// which are left out. Layout (little-endian uint32): magic, full length, segment count, [offset, length] per
// segment, then the segments' bytes in order. The engine worker packs its snapshot (pack) after a fresh
// start and restores from it (restorable) on a later visit: Pyodide then restores without the image ever
// being unpacked. With Pyodide's stock glue module (no sparse restore) it is unpacked first (unpacked).
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

/** The sparse form -> {fullLength, segments: [{offset, length, at}]} (`at`: where its bytes are in `packed`). */
export function segmentsOf(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < 12 || view.getUint32(0, true) !== MAGIC) {
    throw new Error("not a packed memory snapshot");
  }
  const fullLength = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const segments = [];
  let at = 12 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(12 + 8 * i, true);
    const length = view.getUint32(16 + 8 * i, true);
    if (at + length > packed.length || offset + length > fullLength) {
      throw new Error("truncated memory snapshot");
    }
    segments.push({ offset, length, at });
    at += length;
  }
  return { fullLength, segments };
}

/** The whole image, as Pyodide's stock glue module restores it: every segment at its offset in zeros. */
export function unpacked(packed) {
  const { fullLength, segments } = segmentsOf(packed);
  const full = new Uint8Array(fullLength);
  for (const { offset, length, at } of segments) full.set(packed.subarray(at, at + length), offset);
  return full;
}

/** The sparse form as loadPyodide's `_loadSnapshot` takes it: an array of the image's full length (its
 * pages are never written, so they cost no memory) holding the image's header, which Pyodide reads, and
 * `lbpRestore(heap, skip, written)`, which the site's glue module (glue.py) calls instead of copying the
 * whole image into the fresh heap. The heap is the image after its first `skip` bytes (the header);
 * `written` is how far the runtime has written into the heap before the restore (its break): below it,
 * what the image has as zero is zeroed; above it, the fresh heap is zero already. Then `restored` is true. */
export function restorable(packed) {
  const { fullLength, segments } = segmentsOf(packed);
  const first = segments[0];
  const headerLength = first && first.offset === 0 && first.length >= 8
    ? new DataView(packed.buffer, packed.byteOffset + first.at + 4, 4).getUint32(0, true) : 0;
  if (headerLength === 0 || headerLength > first.length) {
    throw new Error("memory snapshot without its header");
  }
  const image = new Uint8Array(fullLength);
  image.set(packed.subarray(first.at, first.at + headerLength));
  image.lbpRestore = (heap, skip, written) => {
    const memory = new Uint8Array(heap.buffer, heap.byteOffset, heap.byteLength);
    const top = Math.min(written, memory.length);
    let settled = 0; // the heap is the image's up to here
    for (const { offset, length, at } of segments) {
      const end = offset + length - skip;
      if (end <= 0) continue; // within the header
      const start = Math.max(offset - skip, 0);
      if (start > settled) memory.fill(0, Math.min(settled, top), Math.min(start, top));
      memory.set(packed.subarray(at + (start + skip - offset), at + length), start);
      settled = end;
    }
    if (settled < top) memory.fill(0, settled, top);
    image.restored = true;
  };
  return image;
}
