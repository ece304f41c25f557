"""The calculator and offline plugins build a real site: bundle, form, worked cases, manifest."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, unquote

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import lbp_core
from lbp_core import evaluate
from lbp_core.case import RED_FLAG_FIELDS
from lbp_core.worked_cases import WORKED_CASES
from site_plugins.calculator.catalogue import red_flag_table
from site_plugins.calculator.glue import COMPILE_HINT, GLUE_CHANGES, patched_glue
from tests.site_build import engine_settings

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "index.md": "# Home\n",
    "calculator.md": "# Calculator\n\n<!-- lbp:calculator -->\n",
    "cases.md": "# Worked cases\n\n<!-- lbp:worked-cases -->\n",
}


def _config_text(**calculator: object) -> str:
    options = {"project_dir": str(ROOT), "pyodide_dir": str(ROOT / "node_modules" / "pyodide"),
               "morphdom_dir": str(ROOT / "node_modules" / "morphdom"),
               "pyodide_cli": str(ROOT / ".venv-pyodide-build" / "bin" / "pyodide"),
               "cache_dir": str(ROOT / "build" / "lbp-calculator"),
               "case_registry": str(ROOT / "registry" / "case-ids.txt"), **calculator}
    lines = "\n".join(f"      {key}: {json.dumps(value)}" for key, value in options.items())
    return ("site_name: Test\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  font: false\n"
            "plugins:\n  - search\n  - lbp-calculator:\n" + lines + "\n  - lbp-offline\n"
            "markdown_extensions:\n  - attr_list\n  - tables\n  - md_in_html\n")


def _project(tmp_path: Path, **calculator: object) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(_config_text(**calculator), encoding="utf-8")
    return config


def _build(config_file: Path) -> Path:
    config = load_config(str(config_file), strict=True)
    build(config)
    return Path(config.site_dir)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_project(tmp_path_factory.mktemp("calculator-site")))


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.legends: list[str] = []
        self._in_legend = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and (values.get("id") or "").startswith("lbp-f-"):
            self.inputs[values["name"]] = values
        self._in_legend = tag == "legend"

    def handle_data(self, data: str) -> None:
        if self._in_legend:
            self.legends.append(data)
            self._in_legend = False


def test_the_red_flag_table_is_the_cores_screen_for_every_combination() -> None:
    """The page looks red flags up here while the engine loads: decoded as red-flags.js does (bit i is set
    when any field of bits[i] is ticked), every combination of every red-flag field must give the core's
    own answer."""
    table = red_flag_table()
    assert table["fields"] == list(RED_FLAG_FIELDS)
    assert sorted(n for names in table["bits"] for n in names) == sorted(RED_FLAG_FIELDS)
    assert len(table["table"]) == 2 ** len(table["bits"])
    for values in itertools.product((False, True), repeat=len(RED_FLAG_FIELDS)):
        case = {name: True for name, on in zip(RED_FLAG_FIELDS, values) if on}
        mask = sum(1 << bit for bit, names in enumerate(table["bits"]) if any(n in case for n in names))
        screen = lbp_core.screen_red_flags(case)
        expected = screen and {"triage": screen["triage"], "rec": screen["actions"][0]["rec"]}
        assert table["outcomes"][int(table["table"][mask])] == expected, case


def test_default_config_loads_without_warnings(tmp_path: Path) -> None:
    config = load_config(str(_project(tmp_path)), strict=True)
    assert config.plugins["lbp-calculator"].config.enabled
    assert config.plugins["lbp-offline"].config.enabled


def test_runtime_and_wheel_are_served_from_the_site(site: Path) -> None:
    settings = engine_settings(site)
    runtime = site / settings["runtime"]
    assert runtime.parent == site / "pyodide" and runtime.name == settings["build"]
    npm = ROOT / "node_modules" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.wasm"):
        assert (runtime / name).read_bytes() == (npm / name).read_bytes()
    # The glue module is Pyodide's with V8's compile hint (a comment) and the changes of glue.py.
    glue = (runtime / "pyodide.asm.mjs").read_bytes()
    npm_glue = (npm / "pyodide.asm.mjs").read_bytes()
    assert glue == patched_glue(npm_glue) != npm_glue
    assert glue.startswith(COMPILE_HINT) and COMPILE_HINT.startswith(b"//")
    for change in GLUE_CHANGES:
        assert glue.count(change.replacement) == 1, change.name
    assert settings["glue"] == "lbp"
    # The standard library: some of Pyodide's files, compiled (stdlib.py): no source, and each a hash-based
    # .pyc that is not checked against one, all for the same Python (one magic number).
    with zipfile.ZipFile(site / settings["stdlib"]) as trimmed, zipfile.ZipFile(npm / "python_stdlib.zip") as full:
        names = trimmed.namelist()
        assert {"encodings/__init__.pyc", "json/__init__.pyc", "dataclasses.pyc"} <= set(names)
        assert all(name.endswith(".pyc") and name[:-1] in full.namelist() for name in names)
        assert len(names) < len(full.namelist()) / 2
        headers = {trimmed.read(name)[:8] for name in names}
        assert len(headers) == 1 and int.from_bytes(next(iter(headers))[4:8], "little") == 0b01
    wheel = site / settings["wheel"]
    assert wheel.parent == runtime and wheel.name.startswith("lbp_core-")
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == settings["wheel_sha256"]
    # No lock file and no snapshot are served: the engine needs neither (it makes its snapshot itself).
    assert sorted(p.name for p in runtime.iterdir()) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", wheel.name])
    assert settings["lock_info"] == json.loads((npm / "pyodide-lock.json").read_text())["info"]


def test_the_page_shows_the_guideline_version_and_wheel_hash(site: Path) -> None:
    html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    digest = engine_settings(site)["wheel_sha256"]
    assert f'id="lbp-wheel-sha256">{digest}<' in html
    assert lbp_core.GUIDELINE_VERSION in html
    assert 'id="lbp-result" class="lbp-result" data-state="loading"' in html


def test_the_early_start_in_the_head_has_the_same_settings_as_the_page(site: Path) -> None:
    html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    inline = re.search(r"const settings = (\{.*?\});", head)
    assert inline is not None
    assert json.loads(inline.group(1)) == engine_settings(site)
    assert (site / engine_settings(site)["worker"]).is_file()
    assert '__LBP_' not in html


def test_the_form_is_generated_from_the_schema(site: Path) -> None:
    parser = _Inputs()
    parser.feed((site / "calculator" / "index.html").read_text(encoding="utf-8"))
    schema = lbp_core.input_schema()
    assert list(parser.inputs) == [field["name"] for field in schema["fields"]]
    assert parser.legends == [group["label"] for group in schema["groups"]]
    assert parser.legends[0].startswith("Red flags")
    for field in schema["fields"]:
        attrs = parser.inputs[field["name"]]
        if field["type"] == "boolean":
            assert attrs["type"] == "checkbox"
        else:
            # Text with a number keypad: a number box would drop a decimal comma in silence.
            assert attrs["type"] == "text"
            assert attrs["inputmode"] == ("numeric" if field["type"] == "integer" else "decimal")
            html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
            help_text = re.search(rf'<small class="lbp-help" id="lbp-h-{field["name"]}">([^<]*)</small>',
                                  html)
            assert help_text and f"({field['minimum']:g} to {field['maximum']:g}" in help_text.group(1)
        assert ("required" in attrs) == field["required"]
    assert "required" in parser.inputs["duration_weeks"]


def test_the_vendored_module_is_npms_pinned_file_with_its_licence(site: Path) -> None:
    assets = site / "assets" / "lbp-calculator"
    morphdom = ROOT / "node_modules" / "morphdom"
    assert (assets / "morphdom.js").read_bytes() == (morphdom / "dist" / "morphdom-esm.js").read_bytes()
    assert (assets / "morphdom.LICENSE").read_bytes() == (morphdom / "LICENSE").read_bytes()


def test_every_page_runs_materials_bundle_as_material_ships_it(site: Path) -> None:
    """The calculator page runs Material's bundle as every other page does (it is not held back until the
    engine is up: a reader whose system is dark would see the light scheme meanwhile)."""
    bundle = re.compile(r'<script( type="[^"]*")? src="[^"]*assets/javascripts/bundle\.\w+\.min\.js"></script>')
    for page in ("calculator/index.html", "index.html", "cases/index.html"):
        assert bundle.findall((site / page).read_text(encoding="utf-8")) == [""], page


def test_the_page_has_no_inline_executable_script(site: Path) -> None:
    html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    start = html.index('id="lbp-calculator"')
    calculator = html[start:html.index("</article>", start)]
    assert "<script" not in calculator
    assert not re.search(r"\son[a-z]+=", calculator)


def test_worked_cases_link_to_the_calculator_prefilled(site: Path) -> None:
    html = (site / "cases" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'data-case="([^"]+)" href="([^"]+)"', html))
    assert set(links) == {worked.id for worked in WORKED_CASES}
    for worked in WORKED_CASES:
        path, fragment = links[worked.id].replace("&amp;", "&").split("#", 1)
        assert path == "../calculator/"
        parsed = {name: unquote(value) for name, value in parse_qsl(fragment)}
        assert parsed == {name: (("true" if value else "false") if isinstance(value, bool) else str(value))
                          for name, value in worked.case.items()}
        assert worked.story.split()[0] in html


def test_each_worked_case_says_how_many_actions_the_calculator_lists(site: Path) -> None:
    """Its table holds the points the case teaches, not the whole result: the page says so."""
    html = (site / "cases" / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="', html)[1:]
    counts = {section.split('"', 1)[0]: re.search(r"The calculator lists (\d+) actions?", section)
              for section in sections}
    for worked in WORKED_CASES:
        assert counts[worked.id] is not None, worked.id
        assert int(counts[worked.id][1]) == len(evaluate(worked.case)["actions"]), worked.id


def test_offline_manifest_hashes_every_built_file(site: Path) -> None:
    text = (site / "offline-manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(text[text.index("{"):text.rindex("}") + 1])
    built = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = {name for name in built if name not in ("sw.js", "offline-manifest.js")
                and not name.endswith(".map") and not name.startswith("assets/javascripts/lunr/")}
    assert set(manifest["files"]) == expected
    assert set(manifest["sizes"]) == expected
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest
    assert (site / "sw.js").is_file() and re.fullmatch(r"[0-9a-f]{16}", manifest["version"])


def test_a_changed_build_is_a_new_version(tmp_path: Path) -> None:
    first = _build(_project(tmp_path / "a"))
    (tmp_path / "a" / "docs" / "index.md").write_text("# Home, revised\n", encoding="utf-8")
    second_dir = tmp_path / "b"
    shutil.copytree(tmp_path / "a", second_dir, ignore=shutil.ignore_patterns("site"))
    second = _build(second_dir / "mkdocs.yml")
    versions = []
    for site in (first, second):
        text = (site / "offline-manifest.js").read_text(encoding="utf-8")
        versions.append(json.loads(text[text.index("{"):text.rindex("}") + 1])["version"])
    assert versions[0] != versions[1]


@pytest.mark.parametrize(("setting", "value", "named"), [
    ("pyodide_dir", "/nonexistent/pyodide", "/nonexistent/pyodide"),
    ("pyodide_cli", "/nonexistent/bin/pyodide", "/nonexistent/bin/pyodide"),
    ("morphdom_dir", "/nonexistent/morphdom", "/nonexistent/morphdom"),
    ("project_dir", "/nonexistent", "/nonexistent"),
    ("node", "no-such-node-binary", "no-such-node-binary"),
])
def test_missing_prerequisites_are_named(tmp_path: Path, setting: str, value: str, named: str) -> None:
    config = load_config(str(_project(tmp_path, **{setting: value})))
    with pytest.raises((PluginError, Abort)) as raised:
        config.plugins.on_config(config)
    assert named in str(raised.value)


def test_disabled_plugins_add_nothing(tmp_path: Path) -> None:
    config_file = _project(tmp_path, enabled=False)
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  - lbp-offline\n", "  - lbp-offline:\n      enabled: false\n"), encoding="utf-8")
    site = _build(config_file)
    assert not (site / "pyodide").exists()
    assert not (site / "sw.js").exists() and not (site / "offline-manifest.js").exists()
    assert "<!-- lbp:calculator -->" in (site / "calculator" / "index.html").read_text(encoding="utf-8")


def test_another_pyodide_release_fails_the_build_naming_both_versions() -> None:
    npm_glue = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.mjs").read_bytes()
    with pytest.raises(PluginError, match=r"made for Pyodide 314\.0\.7.*Pyodide 315\.0\.0 is installed.*LBP_STOCK_PYODIDE"):
        patched_glue(npm_glue, version="315.0.0")


def test_the_stock_build_serves_pyodides_npm_files_unchanged(tmp_path: Path) -> None:
    """`make site LBP_STOCK_PYODIDE=1`: no glue change, the whole standard library; the page says so to
    the engine, which then restores its snapshots unpacked."""
    site = _build(_project(tmp_path, stock_pyodide=1))
    settings = engine_settings(site)
    assert settings["glue"] == "stock"
    npm = ROOT / "node_modules" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (site / settings["runtime"] / name).read_bytes() == (npm / name).read_bytes(), name


def _with_the_builds_whole_run(cache_dir: Path) -> Path:
    """A fresh cache holding only the build's run of the engine with Pyodide's whole standard library (step 1
    of stdlib.py, the same for every zip made from it), so that a test runs only the step it is about."""
    for whole_run in (ROOT / "build" / "lbp-calculator" / "stdlib").glob("whole-run-*.json"):
        (cache_dir / "stdlib").mkdir(parents=True, exist_ok=True)
        shutil.copy2(whole_run, cache_dir / "stdlib" / whole_run.name)
    return cache_dir


def test_a_trimmed_standard_library_without_a_module_the_engine_imports_fails_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_plugins.calculator import bundle, stdlib
    wheel = next((ROOT / "build" / "lbp-calculator" / "wheels").glob("*/lbp_core-*.whl"))
    runtime = bundle._runtime_with_glue(ROOT / "node_modules" / "pyodide", ROOT / "build" / "lbp-calculator",
                                        "314.0.7")
    listed = stdlib._with_packages
    monkeypatch.setattr(stdlib, "_with_packages",
                        lambda files, available: [f for f in listed(files, available) if f != "json/encoder.py"])
    with pytest.raises(PluginError, match="lacks the module 'json.encoder'"):
        stdlib.trimmed_stdlib(node="node", runtime_dir=runtime, wheel=wheel,
                              cache_dir=_with_the_builds_whole_run(tmp_path), compiled=False)


def test_without_compiling_the_trimmed_standard_library_holds_pyodides_sources(tmp_path: Path) -> None:
    """``compile_stdlib: false``: the trimmed zip holds Pyodide's own files, each byte for byte."""
    from site_plugins.calculator import bundle, stdlib
    wheel = next((ROOT / "build" / "lbp-calculator" / "wheels").glob("*/lbp_core-*.whl"))
    runtime = bundle._runtime_with_glue(ROOT / "node_modules" / "pyodide", ROOT / "build" / "lbp-calculator",
                                        "314.0.7")
    sources = stdlib.trimmed_stdlib(node="node", runtime_dir=runtime, wheel=wheel,
                                    cache_dir=_with_the_builds_whole_run(tmp_path), compiled=False)
    with zipfile.ZipFile(sources) as trimmed, zipfile.ZipFile(runtime / "python_stdlib.zip") as full:
        names = trimmed.namelist()
        assert {"encodings/__init__.py", "json/__init__.py", "dataclasses.py"} <= set(names)
        for name in names:
            assert trimmed.read(name) == full.read(name), name


def test_a_glue_module_without_the_anchored_text_fails_the_build() -> None:
    """Another Pyodide release (its glue's text changed) must stop the build, not ship a half-changed
    runtime whose snapshot no longer fits."""
    npm_glue = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.mjs").read_bytes()
    for change in GLUE_CHANGES:
        with pytest.raises(PluginError, match=change.name):
            patched_glue(npm_glue.replace(change.anchor, b""))
        with pytest.raises(PluginError, match=change.name):
            patched_glue(npm_glue + change.anchor)


# -- A page per worked case, with the exercise ----------------------------------------------------------

class _Exercise(HTMLParser):
    """The exercise's form controls and its root's attributes, from a case page."""

    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] = {}
        self.triage: list[str] = []
        self.actions: list[str] = []
        self.submits = 0
        self.findings: list[str] = []
        self._in_findings = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "data-lbp-teach" in values:
            self.root = values
        if tag == "input" and values.get("name") == "lbp-predict-triage":
            self.triage.append(values["value"] or "")
        if tag == "input" and values.get("name") == "lbp-predict-action":
            self.actions.append(values["value"] or "")
        if values.get("type") == "submit":
            self.submits += 1
        if tag == "ul" and "data-lbp-findings" in values:
            self._in_findings = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_findings = False

    def handle_data(self, data: str) -> None:
        if self._in_findings and data.strip():
            self.findings.append(data.strip())


@pytest.mark.parametrize("worked", WORKED_CASES, ids=[worked.id for worked in WORKED_CASES])
def test_each_worked_case_has_a_page_with_the_exercise_and_no_answer(site: Path, worked: object) -> None:
    from lbp_core.guideline import RECOMMENDATIONS
    from lbp_core.worked_cases import WorkedCase
    from site_plugins.calculator.teach import findings
    assert isinstance(worked, WorkedCase)
    html = (site / "cases" / worked.id / "index.html").read_text(encoding="utf-8")
    page = _Exercise()
    page.feed(html)
    assert page.root.get("data-case-id") == worked.id
    assert page.triage == ["emergency", "urgent", "prompt", "routine"]
    assert page.actions == [rec.id for rec in RECOMMENDATIONS]
    assert page.submits == 1
    assert page.findings == findings(worked.case) and worked.story in unescape(html)
    # The same engine settings as the calculator page, so the same engine starts the same way.
    block = re.search(r'<div id="lbp-engine-settings" hidden data-json="([^"]*)"></div>', html)
    assert block is not None and json.loads(unescape(block.group(1))) == engine_settings(site)
    # The answer is not in the page, not even hidden: no reveal, no result, no expectation.
    result = evaluate(worked.case)
    assert "data-lbp-reveal" not in html and "data-mark" not in html and 'data-triage="' not in html
    assert "expected" not in html
    for action in result["actions"]:
        for text in action["reasons"] + action["cautions"]:
            assert text not in unescape(html)
    # The calculator link stays, with the case in its fragment; no inline script, no inline handler.
    assert f'data-case="{worked.id}" href="../../calculator/#' in html
    start = html.index("data-lbp-teach")
    exercise = html[start:html.index("</section>", start)]
    assert "<script" not in exercise and not re.search(r"\son[a-z]+=", exercise)
    assert 'method="dialog"' in exercise  # without the script, submitting sends nothing anywhere


def test_the_exercise_script_is_on_every_page_and_loads_the_rest_only_on_a_case_page(site: Path) -> None:
    for page in ("index.html", "cases/index.html", "cases/adolescent/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<script src="[^"]*assets/lbp-calculator/teach\.js" type="module">', html)
        assert "teach-view.js" not in html  # imported by teach.js on a case page only
    script = (site / "assets" / "lbp-calculator" / "teach.js").read_text(encoding="utf-8")
    assert 'import("./teach-view.js")' in script and 'from "./calculator.js"' in script


def test_the_cases_page_links_each_case_to_its_exercise_and_its_answer(site: Path) -> None:
    html = (site / "cases" / "index.html").read_text(encoding="utf-8")
    pages = dict(re.findall(r'data-case-page="([^"]+)" href="([^"]+)"', html))
    answers = dict(re.findall(r'data-case-answer="([^"]+)" href="([^"]+)"', html))
    assert pages == {worked.id: f"{worked.id}/" for worked in WORKED_CASES}
    assert answers == {worked.id: f"{worked.id}/#answer" for worked in WORKED_CASES}
    assert html.count('<details class="lbp-case-key">') == len(WORKED_CASES)
    assert "<details class=\"lbp-case-key\" open" not in html


def test_the_committed_case_registry_lists_every_worked_case() -> None:
    from site_plugins.recommendations.registry import read_registry
    assert read_registry(ROOT / "registry" / "case-ids.txt") == [worked.id for worked in WORKED_CASES]


@pytest.mark.parametrize(("listed", "named"), [
    ([worked.id for worked in WORKED_CASES[1:]], f"worked case '{WORKED_CASES[0].id}' is not listed"),
    ([worked.id for worked in WORKED_CASES] + ["a-withdrawn-case"],
     "worked case 'a-withdrawn-case' is listed in"),
])
def test_the_case_registry_keeps_every_published_case(tmp_path: Path, listed: list[str], named: str) -> None:
    registry = tmp_path / "case-ids.txt"
    registry.write_text("\n".join(listed) + "\n", encoding="utf-8")
    config = load_config(str(_project(tmp_path, case_registry=str(registry))))
    with pytest.raises((PluginError, Abort)) as raised:
        config.plugins.on_config(config)
    assert named in str(raised.value) and "lbp-calculator" in str(raised.value)
