"""Citing and version history on the site: every recommendation page says how to cite it (Vancouver, APA,
.bib, .ris) and shows its history; /changes/ lists every version; the build fails, naming the
recommendation, when one changed without a changelog entry."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from lbp_core import changelog
from lbp_core.changelog import CHANGELOG, first_published, history, last_changed
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS
from site_plugins.recommendations.cite import Citable, apa, bibtex, ris, vancouver
from tests.site_build import BuiltSite, build_site, minimal_pages

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "http://127.0.0.1:8000/sub/"  # tests/site_build.py builds for this address
REC_IDS = [rec.id for rec in RECOMMENDATIONS]
TITLES = {rec.id: rec.title for rec in RECOMMENDATIONS}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    pages = minimal_pages() | {"about.md": "# About\n\n## How to cite\n\n{{ cite-guideline }}\n"}
    return build_site(tmp_path_factory.mktemp("cite"), pages)


def _block(html: str, attribute: str) -> str:
    """The ``<div>`` that carries ``attribute`` (the citation block ends after its status line)."""
    start = html.rindex("<div", 0, html.index(attribute))
    end = html.index("lbp-citation__status", start) if attribute == "data-lbp-cite" else start
    return html[start:html.index("</div>", end) + len("</div>")]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def _style(block: str, style: str) -> str:
    match = re.search(rf'data-cite-style="{style}">(.*?)</p>', block)
    assert match is not None, style
    return _text(match[1])


@pytest.mark.parametrize("rec_id", REC_IDS)
def test_every_recommendation_page_says_how_to_cite_it(site: BuiltSite, rec_id: str) -> None:
    html = site.html(f"recommendations/{rec_id}/")
    block = _block(html, "data-lbp-cite")
    permalink = f"{SITE_URL}recommendations/{rec_id}/"
    assert f'data-version="{GUIDELINE.version}"' in block and f'data-permalink="{permalink}"' in block
    changed = last_changed(rec_id).date
    for style in ("vancouver", "apa"):
        text = _style(block, style)
        assert rec_id in text and TITLES[rec_id] in text and f"Version {GUIDELINE.version}" in text
        assert text.endswith(permalink) and "Low back pain guidance" not in text  # the test site's name
        assert text.startswith("Test. ")
    year, month, day = (int(part) for part in changed.split("-"))
    assert f"[updated {year} {('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split())[month - 1]} {day}; " \
           "cited the date you read it]" in _style(block, "vancouver")
    assert _style(block, "apa").startswith(f"Test. ({year}, ")
    for kind in ("bib", "ris"):
        link = re.search(rf'<a href="([^"]+)" download="lbp-{rec_id}\.{kind}" data-cite-file="{kind}">', block)
        assert link is not None, kind
        target = site.resolve(f"recommendations/{rec_id}/index.html", link[1])
        assert target is not None
        text = (site.site / target[0].removesuffix("/index.html")).read_text(encoding="utf-8")
        assert rec_id in text and GUIDELINE.version in text and permalink in text and changed in text


@pytest.mark.parametrize("rec_id", REC_IDS)
def test_every_recommendation_page_shows_its_history(site: BuiltSite, rec_id: str) -> None:
    block = _block(site.html(f"recommendations/{rec_id}/"), "data-lbp-history")
    assert f'data-changed-in="{last_changed(rec_id).version}"' in block
    text = _text(block)
    changes = [(release, change) for release, change in history(rec_id) if not change.introduced]
    if not changes:
        assert text.startswith(f"Unchanged since {first_published(rec_id).version} (first published "
                               f"{first_published(rec_id).date})")
    for release, change in changes:
        assert f"Changed in {release.version} ({release.date}): {change.what} Why: {change.why}" in text
    assert text.count("Changed in ") == len(changes)


@pytest.mark.parametrize(("rec_id", "says"), [
    ("pitfall-meralgia-paresthetica", "Unchanged since 2025.11.1 (first published 2026-11-23)"),
    ("education-written-material", "Unchanged since 2025.11.2 (first published 2026-11-25)"),
    ("red-flags-vertebral-fracture", "Changed in 2026.12.1 (2026-12-06): Prolonged corticosteroid use"),
])
def test_history_examples(site: BuiltSite, rec_id: str, says: str) -> None:
    assert says in _text(_block(site.html(f"recommendations/{rec_id}/"), "data-lbp-history"))


def test_the_changes_page_lists_every_version_and_change_with_links(site: BuiltSite) -> None:
    html = site.html("changes/")
    releases = re.findall(r'<h2 data-lbp-release="([^"]+)" id="([^"]+)"', html)
    assert releases == [(release.version, "v" + release.version.replace(".", "-")) for release in CHANGELOG]
    text = _text(html)
    for release in CHANGELOG:
        assert f"Released {release.date}. {release.summary}" in text
        for change in release.changes:
            assert f"{change.what} Why: {change.why}" in text
    for rec_id in REC_IDS:
        named = sum(rec_id in change.recs for release in CHANGELOG for change in release.changes)
        assert html.count(f'href="../recommendations/{rec_id}/"') == named, rec_id


def test_history_links_go_to_the_version_on_the_changes_page(site: BuiltSite) -> None:
    page = "recommendations/red-flags-vertebral-fracture/index.html"
    block = _block(site.html("recommendations/red-flags-vertebral-fracture/"), "data-lbp-history")
    targets = [site.resolve(page, href) for href in re.findall(r'href="([^"]+)"', block)]
    assert targets == [("changes/index.html", "v2026-12-1")] * 2 + [("changes/index.html", "v2025-11-1")]


def test_the_guideline_citation_is_on_the_page_that_asks_for_it(site: BuiltSite) -> None:
    block = _block(site.html("about/"), "data-lbp-cite")
    assert f'data-permalink="{SITE_URL}"' in block and "data-rec=" not in block
    assert _style(block, "apa") == (f"Test. ({_apa_day(CHANGELOG[0].date)}). {GUIDELINE.title} (Version "
                                    f"{GUIDELINE.version}). {SITE_URL}")
    for kind in ("bib", "ris"):
        assert f'download="lbp-guideline.{kind}"' in block
        text = (site.site / "recommendations" / "cite" / f"lbp-guideline.{kind}").read_text(encoding="utf-8")
        assert GUIDELINE.title in text and GUIDELINE.version in text and SITE_URL in text


def _apa_day(iso: str) -> str:
    import datetime
    day = datetime.date.fromisoformat(iso)
    return f"{day.year}, {day.strftime('%B')} {day.day}"


# -- The formats ---------------------------------------------------------------------------------------------

SAMPLE = Citable(site="Low back pain guidance", guideline="Guide: a title", version="2026.12.1",
                 published="2026-11-23", changed="2026-12-06", url="https://example.org/lbp/r/x/",
                 rec_id="x-rec", title="A title_with 50% & more {braces} #1")


def test_vancouver_and_apa_of_a_recommendation() -> None:
    assert vancouver(SAMPLE, today="2027 Jan 5") == (
        "Low back pain guidance. A title_with 50% & more {braces} #1 (recommendation x-rec) [Internet]. "
        "In: Guide: a title. Version 2026.12.1. Low back pain guidance; 2026 [updated 2026 Dec 6; cited "
        "2027 Jan 5]. Available from: https://example.org/lbp/r/x/")
    assert apa(SAMPLE) == ("Low back pain guidance. (2026, December 6). A title_with 50% & more {braces} #1 "
                           "(Recommendation x-rec). In Guide: a title (Version 2026.12.1). "
                           "https://example.org/lbp/r/x/")


def test_bibtex_is_a_misc_entry_with_latex_specials_escaped() -> None:
    text = bibtex(SAMPLE)
    assert text.startswith("@misc{lbp-x-rec,\n") and text.endswith("\n}\n")
    assert "  title = {{A title\\_with 50\\% \\& more \\{braces\\} \\#1}},\n" in text
    assert "  url = {https://example.org/lbp/r/x/},\n" in text and "  month = dec,\n" in text
    assert "  note = {Recommendation x-rec, content version 2026.12.1, last changed 2026-12-06}" in text
    assert text.count("{") == text.count("}")


def test_ris_is_an_elec_record_with_crlf_lines() -> None:
    text = ris(SAMPLE)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "UR  - https://example.org/lbp/r/x/" in lines and "ID  - lbp-x-rec" in lines
    assert "DA  - 2026/12/06" in lines and "ET  - 2026.12.1" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])


# -- The build fails when a recommendation changed without an entry --------------------------------------------

def test_a_changed_statement_without_an_entry_fails_the_build_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(changelog, "RECOMMENDATIONS", tuple(
        dataclasses.replace(rec, patient="Heat may help.") if rec.id == "self-care-heat" else rec
        for rec in RECOMMENDATIONS))
    with pytest.raises((PluginError, Abort)) as raised:
        build_site(tmp_path, minimal_pages())
    # MkDocs logs a plugin's error, then aborts.
    message = "\n".join([str(raised.value), *(r.getMessage() for r in caplog.records if r.levelname == "ERROR")])
    assert "recommendation 'self-care-heat': its statement changed since version" in message
    assert "lbp_core/_changelog.py" in message and "python -m lbp_core changelog --write" in message


def test_a_site_without_site_url_fails_the_build(tmp_path: Path) -> None:
    build_site(tmp_path / "first", minimal_pages())  # the helper's config, which has one
    config_file = tmp_path / "first" / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    del config["site_url"]
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    done = _mkdocs_build(config_file)
    assert done.returncode != 0 and "site_url is not set" in done.stdout + done.stderr


def _mkdocs_build(config_file: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
                          capture_output=True, text=True, env=env, cwd=config_file.parent, check=False)


def test_editing_a_statement_in_the_content_makes_mkdocs_build_strict_fail_naming_it(tmp_path: Path) -> None:
    """The issue's own test: lbp_core/_content.py edited, no changelog entry, `mkdocs build --strict`."""
    shutil.copytree(ROOT / "lbp_core", tmp_path / "core" / "lbp_core",
                    ignore=shutil.ignore_patterns("__pycache__"))
    content = tmp_path / "core" / "lbp_core" / "_content.py"
    text = content.read_text(encoding="utf-8")
    old = '"Do not prescribe prolonged bed rest: it deconditions and worsens symptoms."'
    assert old in text
    content.write_text(text.replace(old, '"Do not prescribe bed rest."'), encoding="utf-8")
    build_site(tmp_path / "project", minimal_pages())  # writes the project; it builds with the real core
    done = _mkdocs_build(tmp_path / "project" / "mkdocs.yml", pythonpath=tmp_path / "core")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "recommendation 'pitfall-bed-rest': its statement changed since version 2025.11.2" in output
    assert "Traceback" not in output
    # The same project builds with the committed core: it is the edit that fails it.
    assert _mkdocs_build(tmp_path / "project" / "mkdocs.yml").returncode == 0
