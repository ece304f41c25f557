// The engine's state in words and as a progress bar, and on the calculator's root for tests and the
// benchmark: data-engine (loading, ready, failed), data-engine-mode (snapshot or fresh), data-engine-timings.
// The status sits above the form, which the reader may be filling in while the engine loads: it never gets
// shorter, so no field moves under their finger when it changes. (On a phone the loading text and its bar
// take two or three lines and the ready text one: the form moved up 22 to 45 px as the engine got ready.)
export function showEngineStatus(root, engine) {
  const status = root.querySelector("#lbp-engine-text");
  const bar = root.querySelector("#lbp-engine-progress");
  const box = status.parentElement;
  const height = box.getBoundingClientRect().height;
  if (height > (parseFloat(box.style.minHeight) || 0)) box.style.minHeight = `${height}px`;
  if (engine.state === "ready") {
    status.textContent = `Calculator engine ready (guideline ${engine.info.guideline_version}).`;
    bar.value = 100;
    bar.hidden = true;
    root.dataset.engine = "ready";
    root.dataset.engineMode = engine.info.mode;
    root.dataset.engineTimings = JSON.stringify(engine.info.timings);
  } else if (engine.state === "failed") {
    status.textContent = "The calculator engine could not be loaded. The guidance pages still work.";
    bar.hidden = true;
    root.dataset.engine = "failed";
  } else {
    status.textContent = `${engine.progress.text}… You can fill in the form now.`;
    bar.value = Math.round(engine.progress.fraction * 100);
    root.dataset.engine = "loading";
  }
}
