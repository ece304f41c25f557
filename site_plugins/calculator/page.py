"""The calculator's HTML: engine status, triage banner, form, result container and the data it needs.

The result container is the browser tests' contract: ``#lbp-result`` with ``data-state`` (loading, ready,
error) and, when ready, ``data-triage``. Everything the scripts need is in ``data-`` attributes or a JSON
data block (not executable, so allowed by a strict Content-Security-Policy).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

__all__ = ["render_calculator", "json_data_block"]


def json_data_block(element_id: str, data: Any) -> str:
    """Data as JSON in an attribute of a hidden element. Not a ``<script type="application/json">``:
    Material's instant navigation re-inserts the scripts of a new page, and a strict CSP then refuses it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div id="{escape(element_id)}" hidden data-json="{escape(text, quote=True)}"></div>'


def render_calculator(*, form: str, catalogue: dict[str, Any], engine: dict[str, str],
                      settings: dict[str, Any]) -> str:
    """The whole calculator; ``engine`` holds the facts the page shows, ``settings`` the engine's settings
    (the calculator plugin's ``engine_settings``)."""
    data = " ".join(f'data-{escape(key)}="{escape(value)}"' for key, value in engine.items())
    wheel = escape(engine["wheel-sha256"])
    version = escape(engine["guideline-version"])
    return f"""
<div id="lbp-calculator" class="lbp-calculator" data-lbp-wordings {data}>
  <div class="lbp-engine" id="lbp-engine" role="status">
    <span class="lbp-engine-text" id="lbp-engine-text">The calculator engine loads in the background;
      you can fill in the form now.</span>
    <progress id="lbp-engine-progress" max="100" aria-label="Engine loading progress"></progress>
  </div>
  <div id="lbp-triage" class="lbp-triage" data-triage="none" hidden></div>
  <div class="lbp-layout">
    <div class="lbp-inputs">
      {form}
      <div class="lbp-toolbar">
        <button type="button" class="md-button" id="lbp-copy-link">Copy link to this case</button>
        <button type="button" class="md-button" id="lbp-copy-note" data-lbp-copy-note disabled>Copy as clinical note</button>
        <button type="button" class="md-button" id="lbp-reset">Reset</button>
        <label class="lbp-link-label" for="lbp-link">Link to this case</label>
        <input id="lbp-link" class="lbp-link" type="text" readonly value="">
        <span id="lbp-toolbar-status" role="status"></span>
        <label class="lbp-link-label" for="lbp-note-text" hidden id="lbp-note-label">Clinical note</label>
        <textarea id="lbp-note-text" class="lbp-note-text" readonly rows="8" hidden></textarea>
      </div>
    </div>
    <div class="lbp-output">
    <section id="lbp-summary" class="lbp-summary" data-lbp-summary data-triage="none" aria-label="Summary"
             hidden></section>
    <section id="lbp-result" class="lbp-result" data-state="loading" tabindex="-1"
             aria-label="Result">
      <p class="lbp-result-placeholder">The result appears here once the engine has loaded.</p>
    </section>
    </div>
  </div>
  <p id="lbp-announce" class="lbp-visually-hidden" role="status"></p>
  <button type="button" class="md-button md-button--primary lbp-jump" id="lbp-jump" hidden>Show the result</button>
  <section class="lbp-print-stamp" aria-label="Printed summary details">
    <h2>Summary details</h2>
    <dl>
      <dt>Inputs</dt><dd id="lbp-print-inputs">none entered</dd>
      <dt>Guideline version</dt><dd>{version}</dd>
      <dt>Engine (lbp_core wheel sha256)</dt><dd class="lbp-hash">{wheel}</dd>
      <dt>Printed</dt><dd id="lbp-print-date"></dd>
      <dt>Reopen this case</dt><dd class="lbp-print-link" id="lbp-print-link"></dd>
    </dl>
  </section>
  <p class="lbp-provenance">Guideline version <strong>{version}</strong>.
    Engine: <code>{escape(engine["wheel-name"])}</code>, sha256
    <code class="lbp-hash" id="lbp-wheel-sha256">{wheel}</code>, on Pyodide {escape(engine["pyodide-version"])}.
    Your answers stay in this browser: nothing is sent anywhere.</p>
  <noscript><p class="lbp-noscript">The calculator needs JavaScript. The guidance pages work without it.</p>
  </noscript>
  {json_data_block("lbp-catalogue", catalogue)}
  {json_data_block("lbp-engine-settings", settings)}
</div>
"""
