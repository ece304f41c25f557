"""Benchmark of ``evaluate()`` per case: CPython and real Pyodide under Node, same cases, same command.

Each case is evaluated ``REPEATS`` times and its median kept; the table gives the median and p95 over
cases. The baseline, run in the same command on the same cases, is the cost of one JSON round trip of
the case and its result (what the browser pays anyway to pass data in and out), so the ratio says how
much the engine itself adds, independent of the machine's speed.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from lbp_core import evaluate
from tools.sample_cases import golden_cases

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 25
TARGET_CPYTHON_US = 100.0

_TIMING_SCRIPT = """
import json, statistics, time
from lbp_core import evaluate, what_would_change
from lbp_core.case import CaseValidationError

def per_case(fn, cases, repeats):
    medians = []
    for case in cases:
        times = []
        for _ in range(repeats):
            start = time.perf_counter_ns()
            fn(case)
            times.append(time.perf_counter_ns() - start)
        medians.append(statistics.median(times) / 1000)
    return medians

def round_trip(case):
    json.loads(json.dumps(case))
    json.loads(json.dumps(evaluate_cached[id(case)]))

cases = [c for c in json.loads(input_text)]
evaluate_cached = {id(c): evaluate(c) for c in cases}
output = json.dumps({"engine": per_case(evaluate, cases, REPEATS),
                     "what_would_change": per_case(what_would_change, cases[:60], 5),
                     "baseline": per_case(round_trip, cases, REPEATS)})
output
"""

# Pre-compiled .pyc: what importing lbp_core costs from its source and from bytecode, inside Pyodide. This
# is paid by a first visit's fresh start only: later visits restore the memory snapshot the device took
# after the import, and import nothing. The standard library it needs is imported once first, so the
# figures are lbp_core's own.
IMPORT_ROUNDS = 15
_IMPORT_SCRIPT = """
import compileall, importlib, json, pathlib, shutil, statistics, sys, time
import lbp_core
package = pathlib.Path(lbp_core.__file__).parent

def imported_afresh(from_bytecode):
    for name in [name for name in sys.modules if name.split(".")[0] == "lbp_core"]:
        del sys.modules[name]
    shutil.rmtree(package / "__pycache__", ignore_errors=True)
    if from_bytecode:  # as a wheel built with its .pyc files would install (Pyodide writes none itself)
        compileall.compile_dir(package, quiet=1)
    importlib.invalidate_caches()
    start = time.perf_counter_ns()
    importlib.import_module("lbp_core")
    return (time.perf_counter_ns() - start) / 1e6

times = {"source": [], "bytecode": []}
for _ in range(ROUNDS):
    times["source"].append(imported_afresh(False))
    times["bytecode"].append(imported_afresh(True))
json.dumps({kind: statistics.median(values) for kind, values in times.items()})
"""


def valid_cases() -> list[dict[str, Any]]:
    cases = []
    for case in golden_cases():
        try:
            evaluate(case)
        except Exception:  # bad cases measure the error path, not the engine
            continue
        cases.append(case)
    return cases


def _cpython(cases: list[dict[str, Any]]) -> dict[str, list[float]]:
    namespace: dict[str, Any] = {"input_text": json.dumps(cases), "REPEATS": REPEATS}
    exec(_TIMING_SCRIPT, namespace)  # the same timing code as inside Pyodide
    return json.loads(namespace["output"])


def _in_pyodide(script_text: str, input_text: str) -> Any:
    node = shutil.which("node")
    if not node:
        raise SystemExit("node is needed for the Pyodide benchmark (make setup)")
    with tempfile.TemporaryDirectory() as tmp:
        script, data = Path(tmp, "timing.py"), Path(tmp, "input.json")
        script.write_text(script_text, encoding="utf-8")
        data.write_text(input_text, encoding="utf-8")
        done = subprocess.run([node, str(ROOT / "tools" / "run_in_pyodide.mjs"), str(script),
                               str(data)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def _pyodide(cases: list[dict[str, Any]]) -> dict[str, list[float]]:
    return _in_pyodide(f"REPEATS = {REPEATS}\n" + _TIMING_SCRIPT, json.dumps(cases))


def import_times() -> dict[str, float]:
    """Median milliseconds to import lbp_core inside Pyodide (Node): from source, and from .pyc files."""
    return _in_pyodide(f"ROUNDS = {IMPORT_ROUNDS}\n" + _IMPORT_SCRIPT, "null")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def run() -> list[dict[str, Any]]:
    cases = valid_cases()
    rows = []
    for runtime, measure in (("CPython", _cpython), ("Pyodide (Node)", _pyodide)):
        started = time.perf_counter()
        timings = measure(cases)
        engine, baseline = timings["engine"], timings["baseline"]
        rows.append({"runtime": runtime, "cases": len(cases),
                     "median_us": statistics.median(engine), "p95_us": _p95(engine),
                     "baseline_median_us": statistics.median(baseline),
                     "ratio": statistics.median(engine) / statistics.median(baseline),
                     "what_would_change_median_us": statistics.median(timings["what_would_change"]),
                     "seconds": time.perf_counter() - started})
    return rows


def print_import_times(times: dict[str, float]) -> None:
    print(f"import lbp_core in Pyodide (Node), median of {IMPORT_ROUNDS} (a first visit's fresh start; "
          "a snapshot start imports nothing)")
    print(f"from source {times['source']:.1f} ms, from pre-compiled .pyc {times['bytecode']:.1f} ms "
          f"({times['bytecode'] / times['source']:.2f}x)")


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"evaluate() per case, median of {REPEATS} runs per case "
          f"(target: CPython median <= {TARGET_CPYTHON_US:.0f} us)")
    print(f"{'runtime':<16}{'cases':>7}{'median us':>11}{'p95 us':>9}{'baseline us':>13}"
          f"{'x baseline':>12}{'what-would-change us':>22}")
    for row in rows:
        print(f"{row['runtime']:<16}{row['cases']:>7}{row['median_us']:>11.1f}{row['p95_us']:>9.1f}"
              f"{row['baseline_median_us']:>13.1f}{row['ratio']:>12.2f}"
              f"{row['what_would_change_median_us']:>22.0f}")
