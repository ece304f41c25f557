"""Pyodide's glue module (``pyodide.asm.mjs``) as the site ships it: the npm file with a compile hint and
four changes to its start-up. Each was timed step by step against the npm file in interleaved warm starts
(the closing notes of 2026-12-02 give the figures); ``make bench`` measures the calculator with all four
against the stock files (its "stock Pyodide" row).

The changes were made for one Pyodide release (``PATCHED_FOR``): with another one installed the build fails
naming both versions, and ``make site LBP_STOCK_PYODIDE=1`` (the plugin's ``stock_pyodide``) builds with
the npm files unchanged, so an upgrade works at once, only slower, before the changes are derived again.
Each change is also anchored on the exact text of that release; if the text is not there exactly once, the
build fails rather than shipping a half-changed runtime. The engine takes its memory snapshot on the
device with this same glue, so the snapshot and its restore agree on every table index the changes touch.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError

__all__ = ["COMPILE_HINT", "GLUE_CHANGES", "PATCHED_FOR", "GlueChange", "patched_glue"]

PATCHED_FOR = "314.0.7"
"""The Pyodide release whose glue module the changes below were made for (npm package ``pyodide``)."""

COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
"""V8's explicit compile hint (Chrome 136+; other engines read a comment): compile every function of the
file when the file is compiled, rather than each on its first call. The engine imports the glue while it
still reads the stored snapshot, so that compiling costs the first answer little, and Pyodide's start then
calls functions already compiled. Measured on 12-07 (12 repeat visits each way, interleaved, 10 Mbit/s
emulation): with the hint the import takes about 60 ms longer and the rest of the start about as much less;
the first answer is the same within noise (median 652 ms with it, 669 ms without), and Chromium 156 reused
no compiled code for a glue served from the engine's cache (the usual path). Where the browser does keep
compiled code, the hint pays: without a service worker (a reader who turned storing off) the glue comes
from the HTTP cache, and in a lasting profile Chromium's code cache then holds every function Pyodide's
start calls. Repeat visits with the glue from the HTTP cache (service workers blocked, the snapshot stored;
3 fresh profiles each way, visits 2 to 5, 10 Mbit/s emulation): median 722 ms to the first answer with the
hint, 904 ms without."""


@dataclass(frozen=True, kw_only=True, slots=True)
class GlueChange:
    name: str
    why: str
    anchor: bytes
    replacement: bytes


LAZY_GOT = GlueChange(
    name="lazy global offset table",
    why=("At start-up Emscripten's dynamic linker gives every one of the main module's 8,560 exports a "
         "function-table slot and a global offset table entry, for side modules that might ask for them "
         "later; this engine loads none. The change fills only the entries already asked for (the main "
         "module's own 280); any other is still filled when first asked for, by the linker's own path "
         "for a symbol it has not seen (reportUndefinedSymbols, dlsym)."),
    anchor=b"var updateGOT=(exports,replace)=>{for(var symName in exports){if(isInternalSym(symName)){continue}",
    replacement=(b"var updateGOT=(exports,replace)=>{for(var symName in exports){if(isInternalSym(symName)){continue}"
                 b"if(!replace&&!(symName in GOT)){continue}"),
)

WRAPPER_MODULE_PER_SIGNATURE = GlueChange(
    name="one wrapper module per signature",
    why=("The linker puts each of Pyodide's 262 JavaScript functions that C code takes the address of into "
         "the function table through a tiny WebAssembly module, compiled anew for each function although "
         "its bytes depend only on the signature. The change compiles one per signature and instantiates "
         "it for each function, as before."),
    anchor=(b'var convertJsFunctionToWasm=(func,sig)=>{var bytes=Uint8Array.of(0,97,115,109,1,0,0,0,1,'
            b'...uleb128EncodeWithLen([1,96,...generateTypePack(sig.slice(1)),...generateTypePack(sig[0]==="v"'
            b'?"":sig[0])]),2,7,1,1,101,1,102,0,0,7,5,1,1,102,0,0);var module=new WebAssembly.Module(bytes);'),
    replacement=(b'var lbpWrapperModules=new Map;var convertJsFunctionToWasm=(func,sig)=>{'
                 b'var module=lbpWrapperModules.get(sig);if(!module){var bytes=Uint8Array.of(0,97,115,109,1,0,0,0,1,'
                 b'...uleb128EncodeWithLen([1,96,...generateTypePack(sig.slice(1)),...generateTypePack(sig[0]==="v"'
                 b'?"":sig[0])]),2,7,1,1,101,1,102,0,0,7,5,1,1,102,0,0);module=new WebAssembly.Module(bytes);'
                 b'lbpWrapperModules.set(sig,module)}'),
)

SPARSE_RESTORE = GlueChange(
    name="sparse snapshot restore",
    why=("Restoring a snapshot copies the whole memory image (31 MB, half of it zero pages) into the fresh "
         "heap. The change lets the snapshot bring its own restore (lbpRestore, assets/sparse.mjs): it copies "
         "only the image's non-zero segments and zeroes what the runtime wrote before the restore (below "
         "the current break, sbrk(0)) where the image is zero, so the heap ends up the same byte for byte "
         "(tests/test_snapshot_restore.py checks it). A snapshot without lbpRestore is restored as before."),
    anchor=(b"let i=t.subarray(Ze,Ze+n);t=t.subarray(r);let s=(new TextDecoder).decode(i),l=JSON.parse(s);"
            b"return Module.HEAP8.set(t),l};"),
    replacement=(b"let i=t.subarray(Ze,Ze+n),lbpRestore=t.lbpRestore;t=t.subarray(r);"
                 b"let s=(new TextDecoder).decode(i),l=JSON.parse(s);"
                 b"return lbpRestore?lbpRestore(Module.HEAP8,r,Module._sbrk(0)>>>0):Module.HEAP8.set(t),l};"),
)

LAZY_SLEEP_MEMORY = GlueChange(
    name="sleep memory made when first needed",
    why=("Pyodide's JavaScript makes a one-page shared WebAssembly memory at start-up, only for its "
         "syncSleep (Atomics.wait), which it calls when reading standard input meets EAGAIN; this engine "
         "never reads standard input. Making that memory took 90 ms of the engine worker's start in "
         "Chromium. The change makes it on syncSleep's first call, inside the try that already answers "
         "false when the wait is impossible."),
    anchor=(b"var io=new Int32Array(new WebAssembly.Memory({shared:!0,initial:1,maximum:1}).buffer);"
            b"function so(t){try{return Atomics.wait(io,0,0,t),!0}catch{return!1}}"),
    replacement=(b"var io=null;function so(t){try{return io??=new Int32Array(new WebAssembly.Memory("
                 b"{shared:!0,initial:1,maximum:1}).buffer),Atomics.wait(io,0,0,t),!0}catch{return!1}}"),
)

GLUE_CHANGES = (LAZY_GOT, WRAPPER_MODULE_PER_SIGNATURE, SPARSE_RESTORE, LAZY_SLEEP_MEMORY)


def patched_glue(source: bytes, *, version: str = PATCHED_FOR) -> bytes:
    """The glue module with the compile hint and every change of ``GLUE_CHANGES``; ``version``: the
    installed Pyodide release, which must be ``PATCHED_FOR``."""
    if version != PATCHED_FOR:
        raise PluginError(f"lbp-calculator: the glue changes (site_plugins/calculator/glue.py) were made for "
                          f"Pyodide {PATCHED_FOR}, and Pyodide {version} is installed: build with "
                          "LBP_STOCK_PYODIDE=1 (stock_pyodide: true) until they are derived again")
    for change in GLUE_CHANGES:
        found = source.count(change.anchor)
        if found != 1:
            raise PluginError(f"lbp-calculator: Pyodide's glue module has the text for the {change.name} "
                              f"{found} times, not once: is this the pinned Pyodide release?")
        source = source.replace(change.anchor, change.replacement)
    return COMPILE_HINT + source
