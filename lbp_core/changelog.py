"""The content's version history, and the check that no recommendation changes without an entry in it.

A link an educator handed out last year must not show other advice without saying so. So each
recommendation's fingerprint (:mod:`lbp_core.fingerprint`: statement, stance, citations, calculator rule)
is committed in ``lbp_core/fingerprints.json``, with the version whose changelog entry last covered it.
:func:`check` lists every difference between that file, the content and the changelog; the site's build
fails on any (the recommendations plugin), naming the recommendation.

To change a recommendation: edit it; add a release at the top of ``lbp_core/_changelog.py`` (or an entry
to the newest one, if it has not been published yet) naming it, with what changed and why, one line
each; set ``GUIDELINE.version`` in ``lbp_core/_content.py`` to that release's version; then run
``python -m lbp_core changelog --write``, which records the new fingerprints beside the entry (and
refuses while a changed recommendation has no entry in the newest release). ``--check`` runs the
build's check; ``--fingerprints`` prints what ``--write`` would write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lbp_core._changelog import CHANGELOG
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS
from lbp_core.model import Change, Release

__all__ = [
    "CHANGELOG",
    "FINGERPRINTS",
    "ChangelogError",
    "changelog_data",
    "check",
    "first_published",
    "first_release",
    "fingerprints_to_record",
    "history",
    "last_changed",
    "read_recorded",
    "release",
    "write_recorded",
]

FINGERPRINTS = Path(__file__).with_name("fingerprints.json")
"""The committed fingerprints, written by ``python -m lbp_core changelog --write``."""

_CHANGELOG_FILE = "lbp_core/_changelog.py"
_FINGERPRINTS_FILE = "lbp_core/fingerprints.json"
_WRITE = "python -m lbp_core changelog --write"
_PART_NAMES = {"statement": "statement", "stance": "stance", "citations": "citations",
               "rule": "calculator rule"}
_VERSION = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ChangelogError(ValueError):
    """The changelog and the recorded fingerprints do not cover the content: one message per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def release(version: str) -> Release:
    """The release of a content version.

    >>> release("2025.11.1").date
    '2026-11-23'
    """
    for item in CHANGELOG:
        if item.version == version:
            return item
    raise KeyError(version)


def first_release() -> Release:
    """The first published version."""
    return CHANGELOG[-1]


def first_published(rec_id: str) -> Release:
    """The release that first published a recommendation: the one whose change introduced it, or the
    first release.

    >>> first_published("education-written-material").version, first_published("self-care-heat").version
    ('2025.11.2', '2025.11.1')
    """
    for item, change in history(rec_id):
        if change.introduced:
            return item
    return first_release()


def history(rec_id: str) -> list[tuple[Release, Change]]:
    """Every change to a recommendation, newest first, each with its release (several changes may share
    one release). Empty for a recommendation unchanged since it was first published.

    >>> [(r.version, c.what[:30]) for r, c in history("red-flags-vertebral-fracture")]
    [('2026.12.1', 'Prolonged corticosteroid use n')]
    """
    return [(item, change) for item in CHANGELOG for change in item.changes if rec_id in change.recs]


def last_changed(rec_id: str) -> Release:
    """The release that last changed a recommendation, or the first one if none has.

    >>> last_changed("self-care-heat").version, last_changed("pitfall-meralgia-paresthetica").version
    ('2025.11.2', '2025.11.1')
    """
    changes = history(rec_id)
    return changes[0][0] if changes else first_release()


def changelog_data() -> list[dict[str, Any]]:
    """The changelog as JSON-ready data, newest first: what ``python -m lbp_core changelog`` prints."""
    return [{"version": item.version, "date": item.date, "summary": item.summary,
             "changes": [{"recs": list(change.recs), "what": change.what, "why": change.why,
                          "introduced": change.introduced} for change in item.changes]}
            for item in CHANGELOG]


def read_recorded(path: Path = FINGERPRINTS) -> dict[str, dict[str, Any]]:
    """The recorded fingerprints, by recommendation ID (empty if the file does not exist yet)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    recorded: dict[str, dict[str, Any]] = data["recommendations"]
    return recorded


def write_recorded(recorded: Mapping[str, Mapping[str, Any]], path: Path = FINGERPRINTS) -> None:
    """Write the fingerprints as :func:`fingerprints_to_record` made them."""
    path.write_text(_recorded_text(recorded), encoding="utf-8")


def _recorded_text(recorded: Mapping[str, Mapping[str, Any]]) -> str:
    data = {"about": (f"Written by `{_WRITE}`: each recommendation's fingerprint (statement, stance, "
                      "citations, calculator rule) and the content version whose changelog entry last "
                      "covered it. Do not edit by hand; see lbp_core/changelog.py."),
            "recommendations": recorded}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def check(recorded: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """Every problem with the changelog and the recorded fingerprints, each naming the recommendation
    and what to do; an empty list when the changelog covers every change."""
    from lbp_core.fingerprint import PARTS, fingerprint

    recorded = read_recorded() if recorded is None else recorded
    problems = _changelog_problems(recorded)
    if problems:
        return problems
    newest = CHANGELOG[0]
    for rec in RECOMMENDATIONS:
        was = recorded.get(rec.id)
        if was is None:
            problems.append(_what_to_do(rec.id, newest, f"recommendation '{rec.id}' is new (it has no "
                                                        "recorded fingerprint)"))
            continue
        now = fingerprint(rec)
        changed = [part for part in PARTS if was.get(part) != now[part]]
        if changed:
            parts = " and ".join(_PART_NAMES[part] for part in changed)
            problems.append(_what_to_do(rec.id, newest, f"recommendation '{rec.id}': its {parts} changed "
                                                        f"since version {was.get('changed_in')}"))
            continue
        covered = last_changed(rec.id).version
        if was.get("changed_in") != covered:
            problems.append(
                f"recommendation '{rec.id}': {_FINGERPRINTS_FILE} records it as last changed in "
                f"{was.get('changed_in')}, but the changelog's latest entry for it is in {covered}: "
                f"run `{_WRITE}`")
    current = {rec.id for rec in RECOMMENDATIONS}
    for rec_id in recorded:
        if rec_id not in current:
            problems.append(_what_to_do(rec_id, newest, f"recommendation '{rec_id}' was withdrawn (its "
                                                       "fingerprint is recorded, but it is no longer in "
                                                       "lbp_core)"))
    return problems


def _what_to_do(rec_id: str, newest: Release, what: str) -> str:
    if any(rec_id in change.recs for change in newest.changes):
        return (f"{what}; the changelog's newest version {newest.version} names it, but its new "
                f"fingerprint is not recorded: run `{_WRITE}` (if {newest.version} has already been "
                "published, add a new release for this change first)")
    return (f"{what}, without a changelog entry. Add a release at the top of {_CHANGELOG_FILE} naming "
            f"'{rec_id}' with what changed and why (one line each), set GUIDELINE.version in "
            f"lbp_core/_content.py to its version, then run `{_WRITE}` to record the new fingerprint in "
            f"{_FINGERPRINTS_FILE}")


def fingerprints_to_record(recorded: Mapping[str, Mapping[str, Any]] | None = None
                           ) -> dict[str, dict[str, Any]]:
    """The fingerprints to commit: every recommendation's fingerprint now, with the version whose
    changelog entry last covered it. Raises :class:`ChangelogError` for a recommendation that changed
    (or is new, or was withdrawn) without an entry in the newest release. With nothing recorded yet (the
    first recording), every recommendation is taken as the changelog describes it."""
    from lbp_core.fingerprint import PARTS, fingerprint

    recorded = read_recorded() if recorded is None else recorded
    problems = _changelog_problems(recorded)
    if problems:
        raise ChangelogError(problems)
    newest = CHANGELOG[0]
    named = {rec_id for change in newest.changes for rec_id in change.recs}
    out: dict[str, dict[str, Any]] = {}
    for rec in RECOMMENDATIONS:
        now = fingerprint(rec)
        was = recorded.get(rec.id)
        changed = bool(recorded) and (was is None or any(was.get(part) != now[part] for part in PARTS))
        if changed and rec.id not in named:
            problems.append(f"recommendation '{rec.id}' " + ("is new" if was is None else "changed")
                            + f" but the changelog's newest version {newest.version} has no entry "
                            f"naming it: add one to {_CHANGELOG_FILE} first")
        out[rec.id] = {"changed_in": last_changed(rec.id).version, **now}
    for rec_id in recorded:
        if rec_id not in out and rec_id not in named:
            problems.append(f"recommendation '{rec_id}' was withdrawn but the changelog's newest version "
                            f"{newest.version} has no entry naming it: add one to {_CHANGELOG_FILE} "
                            "first")
    if problems:
        raise ChangelogError(problems)
    return out


def _changelog_problems(recorded: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Problems with the changelog itself: versions, dates, one-line entries, the content's version, and
    recommendation IDs that are neither in the content nor recorded (a withdrawn one stays recorded
    until the release that says so)."""
    problems = []
    known_ids = {rec.id for rec in RECOMMENDATIONS} | set(recorded)
    versions = [_version_key(item.version) for item in CHANGELOG]
    for item, key in zip(CHANGELOG, versions):
        if key is None:
            problems.append(f"{_CHANGELOG_FILE}: version '{item.version}' is not YEAR.MONTH.NUMBER")
        if not _DATE.match(item.date):
            problems.append(f"{_CHANGELOG_FILE}: version {item.version}: date '{item.date}' is not "
                            "YYYY-MM-DD")
        for change in item.changes:
            for text in (change.what, change.why):
                if not text.strip() or "\n" in text:
                    problems.append(f"{_CHANGELOG_FILE}: version {item.version}: each change has one "
                                    f"line of what and one of why (got {text!r})")
            if not change.recs:
                problems.append(f"{_CHANGELOG_FILE}: version {item.version}: a change names no "
                                "recommendation")
            problems += [f"{_CHANGELOG_FILE}: version {item.version} names recommendation '{rec_id}', "
                         "which is not in lbp_core" for rec_id in change.recs if rec_id not in known_ids]
    known = [key for key in versions if key is not None]
    if known != sorted(set(known), reverse=True):
        problems.append(f"{_CHANGELOG_FILE}: versions must be listed newest first, each once")
    dates = [item.date for item in CHANGELOG]
    if dates != sorted(dates, reverse=True):
        problems.append(f"{_CHANGELOG_FILE}: dates must not go back in time from one version to the next")
    if CHANGELOG and CHANGELOG[0].version != GUIDELINE.version:
        problems.append(f"lbp_core/_content.py has content version {GUIDELINE.version}, but the newest "
                        f"version in {_CHANGELOG_FILE} is {CHANGELOG[0].version}: they must be the same")
    return problems


def _version_key(version: str) -> tuple[int, int, int] | None:
    match = _VERSION.match(version)
    if match is None:
        return None
    year, month, number = (int(part) for part in match.groups())
    return year, month, number
