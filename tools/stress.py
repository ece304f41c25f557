"""Run a command beside CPU-burning processes, as on a busy shared CI machine, and say how it went.

    python -m tools.stress -- make test                  # once, beside two burners
    python -m tools.stress --runs 3 -- make test         # three times in a row, stopping at a failure

A test whose verdict depends on timing fails here first. Each burner is a Python process spinning on one
core at normal priority; they start before the command, and stop when it ends (each also stops by itself
if this process goes away, or after ``--limit`` seconds). The command's output passes through; at the end
one line per run gives its exit status, its duration and pytest's closing line.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Run", "burn", "main", "run_beside_burners"]

# The burner: spins until told to stop, until its parent goes away, or until its time limit.
BURNER = """
import os, sys, time
parent, deadline = os.getppid(), time.monotonic() + float(sys.argv[1])
while os.getppid() == parent and time.monotonic() < deadline:
    for _ in range(200_000):
        pass
"""
PYTEST_CLOSING = re.compile(r"^=*\s*(\d+ (passed|failed|error).*?)\s*=*$")


@dataclass(frozen=True)
class Run:
    """One run of the command."""

    number: int
    returncode: int
    seconds: float
    summary: str
    """pytest's closing line ("604 passed in 512.3s"), or "" if it printed none."""

    def line(self) -> str:
        verdict = "passed" if self.returncode == 0 else f"FAILED (exit {self.returncode})"
        return f"run {self.number}: {verdict} in {self.seconds:.0f} s" + (
            f" ({self.summary})" if self.summary else "")


def burn(count: int, limit: float) -> list[subprocess.Popen[bytes]]:
    """Start ``count`` burners, each stopping by itself after ``limit`` seconds at the latest."""
    return [subprocess.Popen([sys.executable, "-c", BURNER, str(limit)]) for _ in range(count)]


def _stop(burners: list[subprocess.Popen[bytes]]) -> None:
    for burner in burners:
        burner.terminate()
    for burner in burners:
        try:
            burner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            burner.kill()
            burner.wait()


def _run_once(number: int, command: Sequence[str]) -> Run:
    started = time.monotonic()
    summary = ""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            match = PYTEST_CLOSING.match(line.strip())
            if match:
                summary = match.group(1)
    return Run(number, process.returncode, time.monotonic() - started, summary)


def run_beside_burners(command: Sequence[str], *, burners: int = 2, runs: int = 1,
                       limit: float = 7200) -> list[Run]:
    """Run ``command`` up to ``runs`` times in a row beside ``burners`` CPU burners, stopping at the first
    failure; the burners run for the whole series and stop with it."""
    done: list[Run] = []
    spinning = burn(burners, limit)
    try:
        for number in range(1, runs + 1):
            done.append(_run_once(number, command))
            print(f"\n[stress] {done[-1].line()}", flush=True)
            if done[-1].returncode != 0:
                break
    finally:
        _stop(spinning)
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.stress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burners", type=int, default=2, help="CPU-burning processes (default 2)")
    parser.add_argument("--runs", type=int, default=1, help="runs in a row, stopping at a failure")
    parser.add_argument("--limit", type=float, default=7200,
                        help="seconds after which a burner stops whatever happens (default 7200)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --, e.g. python -m tools.stress -- make test")
    runs = run_beside_burners(command, burners=args.burners, runs=args.runs, limit=args.limit)
    print(f"\n[stress] {args.burners} CPU burners beside `{' '.join(command)}`:")
    for run in runs:
        print(f"[stress]   {run.line()}")
    return 0 if len(runs) == args.runs and all(run.returncode == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
