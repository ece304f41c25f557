// Build-time: the trimmed standard library compiled to bytecode, by the engine's own Python (Pyodide under
// Node), as `python -OO` does (no docstrings, no asserts), without the column ranges of PEP 657
// (PYTHONNODEBUGRANGES; line numbers stay). A first visit's engine then imports these files without
// compiling them. Hash-based .pyc files that are not checked against a source (there is none in the zip);
// entries sorted, fixed dates: the same inputs give the same zip.
// Usage: node compile-stdlib.mjs RUNTIME_DIR SOURCE_ZIP OUT_ZIP
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, sourcePath, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(resolve(runtimeDir), "pyodide.mjs")).href);
// Pyodide's whole standard library (its own, in RUNTIME_DIR) runs the compiler.
const pyodide = await loadPyodide({ indexURL: resolve(runtimeDir) + "/", env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {} });
pyodide.FS.writeFile("/tmp/source.zip", readFileSync(sourcePath));
pyodide.runPython(`
import py_compile as _py_compile
import sys as _sys
import zipfile as _zipfile

_prefix = next(_p for _p in _sys.path if _p.endswith(".zip")) + "/"  # where the engine reads the zip from
with _zipfile.ZipFile("/tmp/source.zip") as _source, _zipfile.ZipFile("/tmp/compiled.zip", "w") as _out:
    for _name in sorted(_source.namelist()):
        if not _name.endswith(".py"):
            raise ValueError(f"not a Python source: {_name}")
        with open("/tmp/module.py", "wb") as _file:
            _file.write(_source.read(_name))
        _py_compile.compile("/tmp/module.py", cfile="/tmp/module.pyc", dfile=_prefix + _name, doraise=True,
                            optimize=2, invalidation_mode=_py_compile.PycInvalidationMode.UNCHECKED_HASH)
        _info = _zipfile.ZipInfo(_name + "c", date_time=(1980, 1, 1, 0, 0, 0))
        _info.compress_type = _zipfile.ZIP_DEFLATED
        _info.external_attr = 0o644 << 16
        with open("/tmp/module.pyc", "rb") as _file:
            _out.writestr(_info, _file.read(), compresslevel=9)
`);
writeFileSync(outPath, pyodide.FS.readFile("/tmp/compiled.zip"));
