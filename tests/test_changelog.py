"""The changelog and the fingerprints: no recommendation's statement, stance, citations or calculator rule
changes without an entry naming it, and the message says which one and what to do."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lbp_core._rules
from lbp_core import changelog
from lbp_core.changelog import (CHANGELOG, ChangelogError, check, fingerprints_to_record, first_published,
                                history, last_changed)
from lbp_core.fingerprint import PARTS, fingerprint, rule_code
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, recommendation
from lbp_core.model import Change, Release, Recommendation

ROOT = Path(__file__).resolve().parents[1]
REC_IDS = [rec.id for rec in RECOMMENDATIONS]


def _replaced(rec_id: str, **changes: Any) -> tuple[Recommendation, ...]:
    return tuple(dataclasses.replace(rec, **changes) if rec.id == rec_id else rec for rec in RECOMMENDATIONS)


def test_the_committed_fingerprints_match_the_content_and_the_changelog() -> None:
    assert check() == []


def test_the_newest_release_is_the_contents_version() -> None:
    assert CHANGELOG[0].version == GUIDELINE.version


def test_versions_are_newest_first_with_dates_that_never_go_back() -> None:
    keys = [tuple(int(part) for part in release.version.split(".")) for release in CHANGELOG]
    assert keys == sorted(set(keys), reverse=True)
    dates = [release.date for release in CHANGELOG]
    assert dates == sorted(dates, reverse=True)


def test_the_history_starts_at_the_first_published_version() -> None:
    first = CHANGELOG[-1]
    assert (first.version, first.date, first.changes) == ("2025.11.1", "2026-11-23", ())
    assert [release.version for release in CHANGELOG] == ["2026.12.1", "2025.11.2", "2025.11.1"]


@pytest.mark.parametrize(("release", "change"), [
    (release, change) for release in CHANGELOG for change in release.changes])
def test_each_change_is_one_line_of_what_and_one_of_why_naming_current_recommendations(
        release: Release, change: Change) -> None:
    for text in (change.what, change.why):
        assert text.strip() == text and "\n" not in text and text.endswith(".")
        assert len(text) <= 240, text
    assert change.recs and set(change.recs) <= set(REC_IDS)
    assert len(set(change.recs)) == len(change.recs)


@pytest.mark.parametrize(("rec_id", "versions", "last"), [
    ("pitfall-meralgia-paresthetica", [], "2025.11.1"),          # unchanged since first published
    ("red-flags-vertebral-fracture", ["2026.12.1"], "2026.12.1"),
    ("education-written-material", ["2025.11.2"], "2025.11.2"),   # new in 2025.11.2
    ("medication-muscle-relaxant", ["2026.12.1", "2026.12.1", "2025.11.2", "2025.11.2"], "2026.12.1"),
])
def test_history_and_last_changed(rec_id: str, versions: list[str], last: str) -> None:
    assert [release.version for release, _change in history(rec_id)] == versions
    assert last_changed(rec_id).version == last


@pytest.mark.parametrize(("rec_id", "first"), [
    ("self-care-heat", "2025.11.1"), ("education-written-material", "2025.11.2")])
def test_first_published(rec_id: str, first: str) -> None:
    assert first_published(rec_id).version == first


def test_only_a_recommendation_new_in_a_release_is_introduced_by_it() -> None:
    """34 recommendations were first published in 2025.11.1; each later one is introduced by a change."""
    later = [rec_id for release in CHANGELOG for change in release.changes if change.introduced
             for rec_id in change.recs]
    assert later == ["education-written-material"]
    assert len(REC_IDS) - len(later) == 34


# -- Fingerprints ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "part"), [
    ("clinician", "Heat gives short-term relief.", "statement"),
    ("patient", "A heat pad may help.", "statement"),
    ("stance", "consider", "stance"),
    ("citations", ("3",), "citations"),
])
def test_a_change_to_one_part_changes_that_part_only(field: str, value: object, part: str) -> None:
    rec = recommendation("self-care-heat")
    before, after = fingerprint(rec), fingerprint(dataclasses.replace(rec, **{field: value}))
    assert [name for name in PARTS if before[name] != after[name]] == [part]


def test_title_and_rationale_are_not_fingerprinted() -> None:
    rec = recommendation("self-care-heat")
    assert fingerprint(rec) == fingerprint(dataclasses.replace(rec, title="Heat", rationale="Because."))


def _rule(rec_id: str) -> lbp_core._rules.Rule:
    return next(rule for rule in lbp_core._rules.RULES if rule.rec == rec_id)


def _with_rule(monkeypatch: pytest.MonkeyPatch, rec_id: str, **changes: Any) -> None:
    """The rules as the fingerprints see them, with one rule changed."""
    import lbp_core.fingerprint
    monkeypatch.setattr(lbp_core.fingerprint, "RULES", [
        dataclasses.replace(rule, **changes) if rule.rec == rec_id else rule for rule in lbp_core._rules.RULES])


@pytest.mark.parametrize("change", ["when", "red_flag", "work_up"])
def test_the_rules_description_and_flags_are_in_its_fingerprint(change: str, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    rule = _rule("self-care-heat")
    before = fingerprint(recommendation("self-care-heat"))["rule"]
    value = rule.when + " More." if change == "when" else not getattr(rule, change)
    _with_rule(monkeypatch, "self-care-heat", **{change: value})
    assert fingerprint(recommendation("self-care-heat"))["rule"] != before


@pytest.mark.parametrize(("constant", "value", "changed", "unchanged"), [
    # A threshold the rule reads through a helper (_chronic_and_persisting).
    ("CHRONIC_FROM_WEEKS", 13, "persistent-acupuncture", "pitfall-meralgia-paresthetica"),
    # A caution text kept in a module constant.
    ("LIVER_ACETAMINOPHEN_CAUTION", "Careful.", "medication-acetaminophen", "medication-nsaid"),
    # The second-line threshold, read through _second_line: not by the first-line rules.
    ("SECOND_LINE_FROM_WEEKS", 6, "medication-tricyclic", "self-care-heat"),
])
def test_a_constant_a_rule_reads_is_in_its_fingerprint_and_only_in_those_that_read_it(
        constant: str, value: object, changed: str, unchanged: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {rec_id: fingerprint(recommendation(rec_id))["rule"] for rec_id in (changed, unchanged)}
    monkeypatch.setattr(lbp_core._rules, constant, value)
    assert fingerprint(recommendation(changed))["rule"] != before[changed]
    assert fingerprint(recommendation(unchanged))["rule"] == before[unchanged]


def test_a_red_flag_definition_is_in_the_red_flag_rules_fingerprint_not_in_one_that_reads_the_phase(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings.of computes every field; a rule is fingerprinted with the part that computes the fields
    it reads."""
    import lbp_core._findings
    before = {rec_id: fingerprint(recommendation(rec_id))["rule"]
              for rec_id in ("red-flags-infection-malignancy", "self-care-heat")}
    monkeypatch.setattr(lbp_core._findings, "INFECTION_MALIGNANCY_FIELDS", ("fever",))
    assert fingerprint(recommendation("red-flags-infection-malignancy"))["rule"] != \
        before["red-flags-infection-malignancy"]
    assert fingerprint(recommendation("self-care-heat"))["rule"] == before["self-care-heat"]


def test_comments_docstrings_and_layout_do_not_count_but_code_does(tmp_path: Path) -> None:
    variants = {
        "plain": "def twin(f):\n    return Fired(reasons=('a',))\n",
        "commented": ('def twin(f):\n    """Docstring."""\n    # a comment\n    return Fired(\n'
                      "        reasons=('a',),  # another\n    )\n"),
        "changed": "def twin(f):\n    return Fired(reasons=('b',))\n",
    }
    codes = {}
    for name, source in variants.items():
        path = tmp_path / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        namespace: dict[str, Any] = dict(vars(lbp_core._rules))
        exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 (a file inspect can read)
        twin = namespace["twin"]
        twin.__module__ = "lbp_core._rules"
        rule = dataclasses.replace(_rule("self-care-heat"), apply=twin)
        codes[name] = rule_code(rule)
    assert codes["plain"] == codes["commented"]
    assert codes["plain"] != codes["changed"]


# -- The check ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "named"), [
    ("clinician", "Heat helps.", "statement"),
    ("stance", "avoid", "stance"),
    ("citations", ("1",), "citations"),
])
def test_a_change_without_a_changelog_entry_is_named_with_what_to_do(
        field: str, value: object, named: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changelog, "RECOMMENDATIONS", _replaced("self-care-heat", **{field: value}))
    problems = check()
    assert len(problems) == 1
    assert f"recommendation 'self-care-heat': its {named} changed since version" in problems[0]
    assert "without a changelog entry" in problems[0]
    assert "lbp_core/_changelog.py" in problems[0] and "python -m lbp_core changelog --write" in problems[0]


def test_a_rule_change_without_an_entry_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_rule(monkeypatch, "pitfall-meralgia-paresthetica", when="Thigh symptoms.")
    assert [problem.split(",")[0] for problem in check()] == [
        "recommendation 'pitfall-meralgia-paresthetica': its calculator rule changed since version 2025.11.1"]


def _new_release(*rec_ids: str, version: str = "2027.1.1") -> tuple[Release, ...]:
    entry = Change(recs=rec_ids, what="Reworded.", why="Clearer.")
    return (Release(version=version, date="2027-01-05", summary="Test.", changes=(entry,)), *CHANGELOG)


def test_with_an_entry_in_a_new_release_the_fingerprint_can_be_recorded(monkeypatch: pytest.MonkeyPatch
                                                                        ) -> None:
    monkeypatch.setattr(changelog, "RECOMMENDATIONS", _replaced("self-care-heat", clinician="Heat helps."))
    monkeypatch.setattr(changelog, "CHANGELOG", _new_release("self-care-heat"))
    monkeypatch.setattr(changelog, "GUIDELINE", dataclasses.replace(GUIDELINE, version="2027.1.1"))
    problems = check()
    assert len(problems) == 1 and "names it, but its new fingerprint is not recorded" in problems[0]
    recorded = fingerprints_to_record()
    assert recorded["self-care-heat"]["changed_in"] == "2027.1.1"
    assert recorded["self-care-heat"]["statement"] != changelog.read_recorded()["self-care-heat"]["statement"]
    assert all(recorded[rec_id] == changelog.read_recorded()[rec_id] for rec_id in REC_IDS
               if rec_id != "self-care-heat")
    assert check(recorded) == []


def test_recording_is_refused_while_a_change_has_no_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changelog, "RECOMMENDATIONS", _replaced("self-care-heat", clinician="Heat helps."))
    monkeypatch.setattr(changelog, "CHANGELOG", _new_release("pitfall-bed-rest"))
    monkeypatch.setattr(changelog, "GUIDELINE", dataclasses.replace(GUIDELINE, version="2027.1.1"))
    with pytest.raises(ChangelogError) as raised:
        fingerprints_to_record()
    assert raised.value.problems == [
        "recommendation 'self-care-heat' changed but the changelog's newest version 2027.1.1 has no entry "
        "naming it: add one to lbp_core/_changelog.py first"]


def test_an_entry_without_its_fingerprint_recorded_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry for a recommendation in a new release: the file must say so too (--write)."""
    monkeypatch.setattr(changelog, "CHANGELOG", _new_release("self-care-heat"))
    monkeypatch.setattr(changelog, "GUIDELINE", dataclasses.replace(GUIDELINE, version="2027.1.1"))
    assert [problem.split(":")[0] for problem in check()] == ["recommendation 'self-care-heat'"]
    assert "last changed in 2025.11.2, but the changelog's latest entry for it is in 2027.1.1" in check()[0]


@pytest.mark.parametrize(("changes", "problem"), [
    ({"version": "2027.1.1"}, "has content version 2027.1.1, but the newest version in "
                              "lbp_core/_changelog.py is 2026.12.1"),
])
def test_the_content_version_must_be_the_newest_releases(changes: dict[str, str], problem: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changelog, "GUIDELINE", dataclasses.replace(GUIDELINE, **changes))
    assert any(problem in found for found in check())


@pytest.mark.parametrize(("releases", "problem"), [
    (lambda: (CHANGELOG[1], CHANGELOG[0], CHANGELOG[2]), "newest first"),
    (lambda: (dataclasses.replace(CHANGELOG[0], date="2026-11-01"), *CHANGELOG[1:]), "back in time"),
    (lambda: _new_release("no-such-rec", version=GUIDELINE.version)[:1] + CHANGELOG[1:],
     "names recommendation 'no-such-rec'"),
    (lambda: (Release(version=GUIDELINE.version, date="2026-12-06", summary="x", changes=(
        Change(recs=("self-care-heat",), what="Two\nlines.", why="Why."),)), *CHANGELOG[1:]), "one line"),
    (lambda: (dataclasses.replace(CHANGELOG[0], version="26.1"), *CHANGELOG[1:]), "YEAR.MONTH.NUMBER"),
])
def test_a_malformed_changelog_is_refused(releases: Any, problem: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changelog, "CHANGELOG", releases())
    assert any(problem in found for found in check())
    with pytest.raises(ChangelogError):
        fingerprints_to_record()


def test_a_withdrawn_recommendation_needs_an_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changelog, "RECOMMENDATIONS",
                        tuple(rec for rec in RECOMMENDATIONS if rec.id != "self-care-heat"))
    assert [problem.split(" (")[0] for problem in check()] == ["recommendation 'self-care-heat' was withdrawn"]


# -- Command line ------------------------------------------------------------------------------------------

def run(*args: str, env_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = None
    if env_path is not None:
        import os
        env = {**os.environ, "PYTHONPATH": str(env_path)}
    return subprocess.run([sys.executable, "-m", "lbp_core", *args], text=True, capture_output=True,
                          cwd=env_path or ROOT, check=False, env=env)


def test_the_changelog_command_prints_the_history() -> None:
    done = run("changelog")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == changelog.changelog_data()
    assert [item["version"] for item in json.loads(done.stdout)] == [r.version for r in CHANGELOG]


def test_check_and_fingerprints_commands_on_the_committed_content() -> None:
    done = run("changelog", "--check")
    assert done.returncode == 0, done.stderr
    assert f"content version {GUIDELINE.version}" in done.stdout
    printed = run("changelog", "--fingerprints")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == changelog.read_recorded()


@pytest.fixture
def edited_core(tmp_path: Path) -> Path:
    """A copy of lbp_core whose statement of self-care-heat was edited, with no changelog entry."""
    shutil.copytree(ROOT / "lbp_core", tmp_path / "lbp_core", ignore=shutil.ignore_patterns("__pycache__"))
    content = tmp_path / "lbp_core" / "_content.py"
    text = content.read_text(encoding="utf-8")
    old = 'clinician="Heat, from a heating pad or heated blanket, gives short-term relief.",'
    assert old in text
    content.write_text(text.replace(old, 'clinician="Heat gives short-term relief.",'), encoding="utf-8")
    return tmp_path


def test_editing_a_statement_makes_the_check_fail_naming_it(edited_core: Path) -> None:
    done = run("changelog", "--check", env_path=edited_core)
    assert done.returncode == 1
    assert "recommendation 'self-care-heat': its statement changed since version 2025.11.2" in done.stderr
    assert "Traceback" not in done.stderr
    refused = run("changelog", "--write", env_path=edited_core)
    assert refused.returncode == 1 and "'self-care-heat' changed" in refused.stderr
    recorded = (edited_core / "lbp_core" / "fingerprints.json").read_text(encoding="utf-8")
    assert recorded == (ROOT / "lbp_core" / "fingerprints.json").read_text(encoding="utf-8")


def test_after_an_entry_and_write_the_check_passes(edited_core: Path) -> None:
    """The documented way: a release naming the recommendation, the content version, then --write."""
    log = edited_core / "lbp_core" / "_changelog.py"
    log.write_text(log.read_text(encoding="utf-8").replace(
        "CHANGELOG: tuple[Release, ...] = (\n",
        "CHANGELOG: tuple[Release, ...] = (\n    Release(version=\"2027.1.1\", date=\"2027-01-05\", "
        "summary=\"Heat.\", changes=(Change(recs=(\"self-care-heat\",), what=\"Shorter wording.\", "
        "why=\"Easier to read.\"),)),\n", 1), encoding="utf-8")
    content = edited_core / "lbp_core" / "_content.py"
    content.write_text(content.read_text(encoding="utf-8").replace(
        f'version="{GUIDELINE.version}"', 'version="2027.1.1"', 1), encoding="utf-8")
    written = run("changelog", "--write", env_path=edited_core)
    assert written.returncode == 0, written.stderr
    assert "updated: self-care-heat." in written.stdout
    done = run("changelog", "--check", env_path=edited_core)
    assert done.returncode == 0, done.stderr
