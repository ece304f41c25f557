// The reader's choice about keeping the site on this device, remembered on the device only because they
// made it (the offline controls: "Make available offline", "Remove"):
// - "auto" (nothing chosen): the site keeps its small shell, the pages read, and the calculator's engine
//   once it has been used, so that what was used works offline; nothing else is downloaded for it;
// - "all": everything is kept, the whole site and the engine, and kept up to date;
// - "off": nothing is kept, and no service worker is registered.
const KEY = "lbp-offline";
const CHOICES = ["auto", "all", "off"];

export function offlineChoice() {
  try {
    const value = localStorage.getItem(KEY);
    return CHOICES.includes(value) ? value : "auto";
  } catch {
    return "auto"; // storage unavailable (some private modes): nothing is remembered
  }
}

export function setOfflineChoice(value) {
  if (!CHOICES.includes(value)) throw new Error(`offline choice: one of ${CHOICES.join(", ")}, got ${value}`);
  try {
    if (value === "auto") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, value);
  } catch {
    // not remembered: it still applies to this page
  }
}

/** Whether the site may keep files on this device. */
export function storingAllowed() {
  return offlineChoice() !== "off";
}
