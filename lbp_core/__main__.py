"""Command line: ``python -m lbp_core evaluate CASE.json|-``, ``note CASE.json|-``, ``recommendations``,
``schema``, ``cases``, ``changelog [--check | --fingerprints | --write]``."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import Any, TextIO

from lbp_core.case import CaseValidationError, FieldError
from lbp_core.engine import evaluate, invalid_case_reply
from lbp_core.guideline import catalogue
from lbp_core.note import clinical_note
from lbp_core.schema import input_schema
from lbp_core.worked_cases import worked_cases_data

EXIT_BAD_INPUT = 2
EXIT_CHANGELOG = 1


def main(argv: list[str] | None = None, stdout: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="python -m lbp_core",
                                     description="Apply the low back pain guidance to a case.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("evaluate", help="evaluate one case (a JSON object)")
    run.add_argument("case", help="path to a JSON file, or - to read standard input")
    note = commands.add_parser("note", help="print the plain-text clinical note of one case")
    note.add_argument("case", help="path to a JSON file, or - to read standard input")
    note.add_argument("--wheel-sha256", help="the engine wheel's sha256, to name it in the note")
    note.add_argument("--date", type=datetime.date.fromisoformat,
                      help="the note's date (YYYY-MM-DD; default today)")
    commands.add_parser("recommendations", help="print the recommendation catalogue as JSON")
    commands.add_parser("schema", help="print the input schema as JSON")
    commands.add_parser("cases", help="print the worked cases as JSON, each with its expected result")
    changes = commands.add_parser(
        "changelog", help="print the content's version history as JSON, or check or record the "
                          "fingerprints that make a change without a changelog entry fail the build")
    mode = changes.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="exit 1, naming each recommendation, if one changed without a changelog entry")
    mode.add_argument("--fingerprints", action="store_true",
                      help="print the fingerprints to record beside the newest changelog entry")
    mode.add_argument("--write", action="store_true",
                      help="record them in lbp_core/fingerprints.json")
    args = parser.parse_args(argv)

    if args.command == "recommendations":
        _print(catalogue(), stdout)
        return 0
    if args.command == "schema":
        _print(input_schema(), stdout)
        return 0
    if args.command == "cases":
        _print(worked_cases_data(), stdout)
        return 0
    if args.command == "changelog":
        return _changelog(args, stdout)
    case: Any = None  # until it has been read
    try:
        case = _read_case(args.case)
        if args.command == "note":
            text = clinical_note(case, wheel_sha256=args.wheel_sha256, today=args.date)
        else:
            result = evaluate(case)
    except CaseValidationError as error:
        _print(invalid_case_reply(error, case), stdout)
        return EXIT_BAD_INPUT
    if args.command == "note":
        stdout.write(text)
        return 0
    _print(result, stdout)
    return 0


def _changelog(args: argparse.Namespace, stdout: TextIO) -> int:
    # Imported here: it reads the rules' source code, which no other command needs.
    from lbp_core import changelog

    if args.check:
        problems = changelog.check()
        for problem in problems:
            sys.stderr.write(f"error: {problem}\n")
        if problems:
            return EXIT_CHANGELOG
        stdout.write(f"The changelog covers every recommendation ({len(changelog.read_recorded())} "
                     f"fingerprints, content version {changelog.CHANGELOG[0].version}).\n")
        return 0
    if args.fingerprints or args.write:
        try:
            recorded = changelog.fingerprints_to_record()
        except changelog.ChangelogError as error:
            for problem in error.problems:
                sys.stderr.write(f"error: {problem}\n")
            return EXIT_CHANGELOG
        if args.fingerprints:
            _print(recorded, stdout)
            return 0
        before = changelog.read_recorded()
        changelog.write_recorded(recorded)
        updated = [rec_id for rec_id, value in recorded.items() if before.get(rec_id) != value]
        stdout.write(f"Recorded {len(recorded)} fingerprints in {changelog.FINGERPRINTS.name}; updated: "
                     f"{', '.join(updated) or 'none'}.\n")
        return 0
    _print(changelog.changelog_data(), stdout)
    return 0


def _read_case(path: str) -> Any:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CaseValidationError([FieldError("case", f"cannot read {path}: {error}")]) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some Windows editors save
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseValidationError([FieldError(
            "case", f"is not valid JSON ({error.msg} at line {error.lineno}, column "
                    f"{error.colno}); expected one JSON object of case fields")]) from None
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        raise CaseValidationError([FieldError(
            "case", "holds a number with too many digits; expected one JSON object of case "
                    "fields")]) from None
    except RecursionError:
        raise CaseValidationError([FieldError(
            "case", "is nested too deeply; expected one JSON object of case fields")]) from None


def _print(data: Any, stdout: TextIO) -> None:
    stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
