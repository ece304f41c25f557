// The triage of the red-flag boxes ticked, looked up in the core's own answers for every combination
// (red_flag_table in site_plugins/calculator/catalogue.py, written at build time). The page shows it while
// the engine is loading, or if it cannot load: a red flag never waits for Python. It works nothing out.

/** {triage, actions: [{rec}]} for the red flags of caseData (values that are exactly true), or null. */
export function tickedRedFlags(caseData, table) {
  let mask = 0;
  // Bit i is set when any field of bits[i] is ticked: the core treats the fields of a group alike.
  table.bits.forEach((names, bit) => {
    if (names.some((name) => caseData[name] === true)) mask |= 1 << bit;
  });
  const outcome = table.outcomes[Number(table.table[mask])];
  return outcome ? { triage: outcome.triage, actions: [{ rec: outcome.rec }] } : null;
}
