// Compiles Pyodide's WebAssembly for the engine worker (worker.js), which starts this worker when its page
// came from the offline copy. Compiled as it streams from the offline copy's response, the module is one
// whose compiled code the browser may store beside that copy and reuse on the next start (Chromium does, once
// the engine has run long enough for its hot code to be optimised: see warm-up.js).
// Its name is the WebAssembly's URL. It replies once, {module} or {error}, and then stays alive as long as
// the engine: the browser stores newly optimised code through the worker that compiled the module.
WebAssembly.compileStreaming(fetch(self.name)).then(
  (module) => self.postMessage({ module }),
  (error) => self.postMessage({ error: String(error && error.message ? error.message : error) }));
