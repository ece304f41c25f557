"""The traceability pages on every build: the tests behind each recommendation, read from the test files
(none needs to have run), with the results of a recorded run only when that run was of this very tree."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from lbp_core.guideline import RECOMMENDATIONS
from lbp_core.worked_cases import WORKED_CASES
from site_plugins.trust.fingerprint import fingerprint
from site_plugins.trust.verifying import VerifiesError, VerifyingTest, collect
from tests.conftest import ROOT
from tests.site_build import minimal_pages

NOT_RUN = "not run for this version"


def _project(tmp_path: Path) -> Path:
    """A small project: the guidance pages, a cases page, the trust plugin, and a copy of the tests."""
    docs = tmp_path / "docs"
    pages = {**minimal_pages(), "cases.md": "# Cases\n\n" + "".join(
        f'<span id="{case.id}"></span>\n' for case in WORKED_CASES)}
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "published-ids.txt").write_text(
        "".join(f"{rec.id}\n" for rec in RECOMMENDATIONS), encoding="utf-8")
    shutil.copytree(ROOT / "tests", tmp_path / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    config = {"site_name": "Test", "site_url": "http://127.0.0.1/", "strict": True,
              "theme": {"name": "material", "font": False},
              "plugins": ["search", "lbp-recommendations",
                          {"lbp-trust": {"hazards": str(ROOT / "safety" / "hazards.yml")}}],
              "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables",
                                      {"toc": {"permalink": True}}],
              "not_in_nav": "/safety/traceability/*.md"}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path


def _build(project: Path) -> Path:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project / "site" / "safety" / "traceability"


def _rows(html: str) -> list[list[str]]:
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]]


def _record(project: Path, **changes: Any) -> None:
    outcomes = {"tests/test_rules.py::test_emergency_lists_only_red_flag_actions_and_says_why": "passed",
                "tests/test_worked_cases.py::test_worked_case[cauda-equina-retention]": "failed"}
    record = {"fingerprint": fingerprint(project), "finished": "2026-01-02T03:04:05+00:00",
              "outcomes": outcomes, "coverage": None, **changes}
    (project / ".traceability").mkdir(exist_ok=True)
    (project / ".traceability" / "last-run.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("trust"))


def test_without_a_recorded_run_every_recommendation_lists_its_tests(project: Path) -> None:
    shutil.rmtree(project / ".traceability", ignore_errors=True)
    pages = _build(project)
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert "No test run of this version was recorded" in index
    rows = _rows(index)
    assert len(rows) == len(RECOMMENDATIONS)
    assert all(int(row[1]) >= 1 and row[2] == NOT_RUN for row in rows), rows
    for rec in RECOMMENDATIONS:
        tests = _rows((pages / rec.id / "index.html").read_text(encoding="utf-8"))
        assert tests and all(result == NOT_RUN for _, result in tests), rec.id
    assert f"Coverage of lbp_core: {NOT_RUN}" in re.sub(r"<[^>]+>", "", index)


def test_a_run_of_this_tree_shows_its_results(project: Path) -> None:
    _record(project)
    pages = _build(project)
    tests = dict(_rows((pages / "red-flags-cauda-equina" / "index.html").read_text(encoding="utf-8")))
    assert tests["tests/test_rules.py::test_emergency_lists_only_red_flag_actions_and_says_why"] == "passed"
    assert tests["tests/test_worked_cases.py::test_worked_case[cauda-equina-retention]"] == "failed"
    assert tests["tests/test_cli.py::test_bad_input_still_reports_its_red_flags"] == NOT_RUN  # not in that run
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert "finished 2026-01-02T03:04:05+00:00" in index
    row = next(row for row in _rows(index) if row[0] == RECOMMENDATIONS[0].title)
    assert row[2] == "1"


def test_a_run_of_another_tree_shows_no_result(project: Path) -> None:
    _record(project, fingerprint="0" * 64)
    pages = _build(project)
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert "was of another version of the project" in index
    assert all(row[2] == NOT_RUN for row in _rows(index))
    tests = _rows((pages / "red-flags-cauda-equina" / "index.html").read_text(encoding="utf-8"))
    assert all(result == NOT_RUN for _, result in tests)


def test_a_changed_file_makes_the_recorded_run_another_versions(project: Path) -> None:
    _record(project)
    note = project / "docs" / "index.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nChanged after the run.\n", encoding="utf-8")
    pages = _build(project)
    assert "was of another version of the project" in (pages / "index.html").read_text(encoding="utf-8")


def test_coverage_of_the_run_is_shown(project: Path) -> None:
    coverage = {"branch": True, "totals": {"percent_covered_display": "99.1", "covered_lines": 990,
                                           "num_statements": 1000, "covered_branches": 290, "num_branches": 292},
                "files": {"lbp_core/note.py": {
                    "summary": {"percent_covered_display": "93.7", "covered_lines": 46, "num_statements": 47,
                                "covered_branches": 13, "num_branches": 16},
                    "missing_lines": [55], "missing_branches": [[80, 75], [88, -1]]}}}
    _record(project, coverage=coverage)
    text = re.sub(r"<[^>]+>", "", (_build(project) / "index.html").read_text(encoding="utf-8"))
    assert "Coverage of lbp_core in that run: 99.1%" in text
    assert "290 of 292 branches" in text
    assert "line 55, branch 80→75, branch 88→exit" in text


def test_an_unreadable_record_fails_the_build_naming_it(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / ".traceability").mkdir(exist_ok=True)
    (project / ".traceability" / "last-run.json").write_text("{not json", encoding="utf-8")
    try:
        with pytest.raises(Abort):
            _build(project)
    finally:
        shutil.rmtree(project / ".traceability")
    assert "lbp-trust: cannot read the test run record" in caplog.text and "last-run.json" in caplog.text


def _read(tmp_path: Path, source: str) -> list[VerifyingTest]:
    (tmp_path / "tests").mkdir(exist_ok=True)
    (tmp_path / "tests" / "test_x.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return collect(tmp_path)


def test_marks_are_read_in_every_form_pytest_takes(tmp_path: Path) -> None:
    tests = _read(tmp_path, """
        import pytest
        from lbp_core.guideline import RECOMMENDATIONS
        from tests.strategies import cases  # opaque: never evaluated
        verifies = pytest.mark.verifies
        pytestmark = pytest.mark.verifies("module-wide")
        RED = sorted(rec.id for rec in RECOMMENDATIONS if rec.red_flag)

        @verifies("alias")
        @given(cases())
        def test_alias(): ...

        @pytest.mark.verifies(*RED[:1])
        def test_computed(): ...

        @pytest.mark.parametrize("x", [pytest.param(1, id="one", marks=pytest.mark.verifies("param"))])
        def test_params(x): ...

        @pytest.mark.verifies("class")
        class TestThings:
            pytestmark = [pytest.mark.verifies("class-body")]
            def test_method(self): ...

        def helper(): ...
    """)
    read = {test.nodeid: test.recommendations for test in tests}
    red = sorted(rec.id for rec in RECOMMENDATIONS if rec.red_flag)[0]
    assert read == {
        "tests/test_x.py::test_alias": ("alias", "module-wide"),
        "tests/test_x.py::test_computed": tuple(sorted([red, "module-wide"])),
        "tests/test_x.py::test_params": ("module-wide",),
        "tests/test_x.py::test_params[one]": ("param",),
        "tests/test_x.py::TestThings::test_method": ("class", "class-body", "module-wide"),
    }


@pytest.mark.parametrize("source", [
    'from tests.helpers import RECS\n@pytest.mark.verifies(*RECS)\ndef test_f(): ...\n',
    '@pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.verifies("a"))])\ndef test_f(x): ...\n',
])
def test_a_mark_that_cannot_be_read_without_running_fails_naming_its_line(tmp_path: Path, source: str) -> None:
    with pytest.raises(VerifiesError, match=r"tests/test_x\.py:\d"):
        _read(tmp_path, "import pytest\n" + source)
