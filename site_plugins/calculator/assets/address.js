// The page's address follows the case on screen, a moment later: updating it costs the browser several ms,
// which (on the 2-core bench machine) fell just as the worker's answer came back and held up the result by
// as much. Whatever reads or leaves the address writes it first (write); the link box, the printed link and
// "Copy link" always name the case on screen (urlFor), and a late write never lands on another page or
// another history entry: Back or Forward within that moment moves to an entry whose case is its own.
import { fragmentFromCase } from "./url-state.js";

const URL_DELAY_MS = 100;

/** currentCase: () => the case on screen; root: the calculator, whose data-address says "pending" while
 * the address is still to follow the form and "settled" once it has (or has been left alone: a case from a
 * link, or another page navigated to meanwhile). Returns {urlFor, later, write, cancel}. */
export function followingAddress(currentCase, root) {
  const page = location.pathname;
  let timer = 0;
  let entry = ""; // the history entry the pending write is for

  /** The history entry shown: the Navigation API's key where there is one (a replaced entry keeps it),
   * else the address (a write replaces only the entry it was scheduled on, so the address is that
   * entry's). */
  function entryNow() {
    return globalThis.navigation?.currentEntry?.key ?? location.href;
  }

  function urlFor(caseData) {
    const url = new URL(location.href);
    url.hash = fragmentFromCase(caseData);
    return url.href;
  }

  /** Writes the address now, if a write is pending. */
  function write() {
    if (timer === 0) return;
    clearTimeout(timer);
    timer = 0;
    root.dataset.address = "settled";
    if (location.pathname !== page) return; // never the address of a page navigated to meanwhile
    // Back or Forward since: that entry holds its own case, which its hashchange is about to show.
    if (entryNow() !== entry) return;
    const href = urlFor(currentCase());
    if (href !== location.href) history.replaceState(history.state, "", href);
  }

  /** Writes the address a moment from now. */
  function later() {
    clearTimeout(timer);
    timer = setTimeout(write, URL_DELAY_MS);
    entry = entryNow();
    root.dataset.address = "pending";
  }

  /** Forgets a pending write: the address is the case now (a case from a link, or from Back). */
  function cancel() {
    clearTimeout(timer);
    timer = 0;
    root.dataset.address = "settled";
  }

  return { urlFor, later, write, cancel };
}
