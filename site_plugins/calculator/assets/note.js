// "Copy as clinical note": the core renders the note (lbp_core.note, the same lines as
// `python -m lbp_core note`); the page adds the link to this case. If the clipboard is refused, the
// text is shown selected for copying by hand.

/** The user's local date as YYYY-MM-DD. */
function localDate() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function copyNote({ engine, caseData, href, wheel, status, textBox, label }) {
  let reply;
  try {
    reply = await engine.note(caseData, wheel || null, localDate());
  } catch (error) {
    status.textContent = "The note could not be made: the calculator engine is not ready.";
    return;
  }
  if (!reply.ok) {
    status.textContent = "The note could not be made: correct the inputs first.";
    return;
  }
  const text = [...reply.lines, `Link to this case: ${href}`].join("\n") + "\n";
  textBox.value = text;
  textBox.dataset.noteText = "ready";
  try {
    await navigator.clipboard.writeText(text);
    textBox.hidden = true;
    label.hidden = true;
    status.textContent = "Clinical note copied.";
    status.dataset.copied = "note";
  } catch {
    textBox.hidden = false;
    label.hidden = false;
    textBox.focus();
    textBox.select();
    status.textContent = "Copying was not allowed: copy the note selected below.";
    status.dataset.copied = "selected";
  }
}
