"""The lbp-recommendations plugin, tested by building real sites in a temporary folder."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from lbp_core import rule_descriptions
from lbp_core.guideline import RECOMMENDATIONS, REFERENCES, SECTIONS
from lbp_core.worked_cases import WORKED_CASES
from site_plugins.recommendations.plugin import RecommendationsPlugin
from tests.site_build import BuiltSite, build_site, minimal_pages, real_pages

REC_IDS = [r.id for r in RECOMMENDATIONS]
PAGE_OF = {r.id: next(s.page for s in SECTIONS if s.id == r.section) for r in RECOMMENDATIONS}


def html_path(page: str) -> str:
    return "index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html"


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("minimal"), minimal_pages())


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("real"), real_pages())


def test_default_config_loads_without_errors_or_warnings() -> None:
    plugin = RecommendationsPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert plugin.config.enabled is True
    assert plugin.config.registry == "registry/published-ids.txt"


@pytest.mark.parametrize("site_name", ["minimal_site", "real_site"])
def test_every_recommendation_is_anchored_exactly_once_on_its_sections_page(
        site_name: str, request: pytest.FixtureRequest) -> None:
    site: BuiltSite = request.getfixturevalue(site_name)
    where: dict[str, list[str]] = {}
    for path, page in site.pages().items():
        for element_id in page.ids:
            if element_id in REC_IDS:
                where.setdefault(element_id, []).append(path)
    # Besides its block on its section's page, its row in the list of all recommendations, so that
    # recommendations/#ID finds it there too.
    assert {rec_id: sorted(paths) for rec_id, paths in where.items()} == {
        rec_id: sorted([html_path(PAGE_OF[rec_id]), "recommendations/index.html"]) for rec_id in REC_IDS}


@pytest.mark.parametrize("site_name", ["minimal_site", "real_site"])
def test_every_internal_link_and_citation_resolves(site_name: str,
                                                   request: pytest.FixtureRequest) -> None:
    site: BuiltSite = request.getfixturevalue(site_name)
    pages = site.pages()
    broken, citations = [], 0
    for path, page in pages.items():
        if path == "404.html":  # served at any depth, so its links are absolute: skip
            continue
        for tag, attrs in page.links:
            href = attrs.get("href") if tag == "a" else None
            if href is None:
                continue
            target = site.resolve(path, href)
            if target is None:
                continue
            file, fragment = target
            if "lbp-cite" in attrs.get("class", ""):
                citations += 1
                assert file == "references/index.html" and fragment.startswith("ref-"), href
            if "lbp-case-link" in attrs.get("class", ""):
                continue  # the fragment is calculator state, checked in its own test
            if not (site.site / file).is_file():
                broken.append(f"{path}: {href} (no file {file})")
            elif fragment and file.endswith(".html") and fragment not in pages[file].ids:
                broken.append(f"{path}: {href} (no #{fragment} in {file})")
    assert not broken, "\n".join(broken)
    assert citations > len(RECOMMENDATIONS)


def test_references_page_lists_every_reference_under_a_stable_anchor(real_site: BuiltSite) -> None:
    html = real_site.html("references/")
    for ref in REFERENCES:
        match = re.search(rf'<li class="lbp-ref[^"]*" id="ref-{re.escape(ref.id)}">(.*?)</li>', html,
                          re.S)
        assert match, ref.id
        if ref.citation is None:
            assert "cited in the source but not listed there" in match[1]
        else:
            assert ref.citation.split(".")[0] in match[1]


def test_recommendation_block_has_both_wordings_stance_citations_concordance_and_copy_button(
        minimal_site: BuiltSite) -> None:
    html = minimal_site.html("persistent/")
    block = re.search(r'<div class="lbp-rec [^"]*" id="medication-gabapentin".*?\n</div>', html, re.S)
    assert block
    text = block[0]
    assert 'data-audience="clinician"' in text and 'data-audience="patient"' in text
    assert "radiculopathy specifically" in text  # clinician wording
    assert "Current UK guidance does not recommend it" in text  # patient wording
    assert "An option to consider" in text
    assert "Current guidance conflicts:" in text and "gabapentinoids" in text
    assert 'href="../references/#ref-1"' in text and 'href="../references/#ref-nice-ng59"' in text
    assert 'data-lbp-copy="medication-gabapentin"' in text
    assert not re.search(r"\son[a-z]+=", text), "no inline event handlers"
    assert "<script" not in text


def test_red_flags_are_danger_admonitions_in_both_wordings(minimal_site: BuiltSite) -> None:
    html = minimal_site.html("assessment/")
    for rec in RECOMMENDATIONS:
        if rec.red_flag:
            opening = re.search(rf'<div class="([^"]*)" id="{rec.id}"', html)
            assert opening and "admonition danger" in opening[1] and "lbp-rec--red-flag" in opening[1]


def test_recommendation_pages_are_generated_with_everything(minimal_site: BuiltSite) -> None:
    descriptions = rule_descriptions()
    for rec in RECOMMENDATIONS:
        html = minimal_site.html(f"recommendations/{rec.id}/")
        assert rec.title.split(":")[0] in html
        for heading in ("Statement", "Why", "When the calculator applies it", "Citations",
                        "Current primary guidance", "Where it sits in the guidance",
                        "Worked cases that trigger it"):
            assert f">{heading}<" in html, (rec.id, heading)
        assert 'data-audience="clinician"' in html and 'data-audience="patient"' in html
        if rec.id in descriptions:
            assert descriptions[rec.id].split("'")[0][:30] in html.replace("&#x27;", "'")
        assert f'href="../../{PAGE_OF[rec.id].removesuffix(".md")}/#{rec.id}"' in html


def test_worked_case_links_open_the_calculator_prefilled(minimal_site: BuiltSite) -> None:
    html = minimal_site.html("recommendations/red-flags-cauda-equina/")
    links = re.findall(r'<a class="lbp-case-link" data-case="([^"]+)" href="([^"]+)"', html)
    assert links
    cases = {case_id: href for case_id, href in links}
    assert cases["cauda-equina-retention"].startswith("../../calculator/#")
    fragment = cases["cauda-equina-retention"].split("#", 1)[1].replace("&amp;", "&")
    assert dict(part.split("=") for part in fragment.split("&")) == {
        "duration_weeks": "1", "age_years": "45", "radicular_symptoms": "true",
        "urinary_retention": "true"}


def test_worked_case_titles_link_to_their_write_up(tmp_path: Path) -> None:
    """An educator goes from a recommendation to the case write-up (the points it teaches)."""
    pages = minimal_pages()
    pages["cases.md"] = "# Worked cases\n\n" + "".join(
        f"## {case.title} {{#{case.id}}}\n\n" for case in WORKED_CASES)
    site = build_site(tmp_path, pages, plugin={"cases_page": "cases.md"})
    html = site.html("recommendations/red-flags-cauda-equina/")
    hrefs = re.findall(r'<a class="lbp-case-writeup" href="([^"]+)"', html)
    assert "../../cases/#cauda-equina-retention" in hrefs
    cases_page = site.pages()["cases/index.html"]
    for href in hrefs:
        file, fragment = site.resolve("recommendations/red-flags-cauda-equina/index.html", href) or ("", "")
        assert file == "cases/index.html" and fragment in cases_page.ids, href


def test_a_missing_cases_page_fails_the_build(build_error: Callable[..., str]) -> None:
    assert "cases_page: cases.md is not in the docs" in build_error(
        minimal_pages(), plugin={"cases_page": "cases.md"})


def test_index_page_lists_every_recommendation(minimal_site: BuiltSite) -> None:
    html = minimal_site.html("recommendations/")
    for rec_id in REC_IDS:
        assert f'href="{rec_id}/"' in html


def test_question_index_json_covers_every_recommendation(minimal_site: BuiltSite) -> None:
    data = json.loads((minimal_site.site / "recommendations" / "search.json").read_text())
    assert [e["id"] for e in data["recommendations"]] == REC_IDS
    for entry in data["recommendations"]:
        section_page = PAGE_OF[entry["id"]].removesuffix(".md")
        assert entry["url"] == f"../{section_page}/#{entry['id']}"
        assert entry["page"] == f"{entry['id']}/"


def test_assets_are_local_and_every_page_has_the_recommendations_script(real_site: BuiltSite) -> None:
    for path, page in real_site.pages().items():
        if path.startswith("search/") or path == "404.html":
            continue
        for tag, attrs in page.links:
            fetched = tag == "link" and attrs.get("rel") not in ("canonical", "alternate")
            url = attrs.get("src") if tag in ("script", "img") else (
                attrs.get("href") if fetched else None)
            assert not url or not re.match(r"^(https?:)?//", url), (path, tag, url)
        scripts = [a.get("src", "") for t, a in page.elements if t == "script"]
        assert any(s.endswith("assets/lbp/recommendations.js") for s in scripts), path


def test_markers_in_code_blocks_are_left_alone(tmp_path: Path) -> None:
    pages = minimal_pages()
    pages["index.md"] += "\n```text\n{{ rec: no-such-id }}\n```\n"
    site = build_site(tmp_path, pages)
    assert "{{ rec: no-such-id }}" in site.html("")


@pytest.fixture
def build_error(tmp_path: Path, caplog: pytest.LogCaptureFixture):  # noqa: ANN201
    """Build and expect failure; return the error message (MkDocs logs a PluginError, then aborts)."""
    def run(pages: dict[str, str], **kwargs: object) -> str:
        with pytest.raises((PluginError, Abort)) as error:
            build_site(tmp_path, pages, **kwargs)  # type: ignore[arg-type]
        logged = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
        return "\n".join([str(error.value), *logged])
    return run


def test_unknown_marker_id_fails_naming_the_id_and_page(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["pitfalls.md"] += "\n{{ rec: no-such-recommendation }}\n"
    message = build_error(pages)
    assert "no-such-recommendation" in message and "pitfalls.md" in message


def test_unknown_marker_kind_fails(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["index.md"] += "\n{{ recomendation: red-flags-cauda-equina }}\n"
    assert "unknown marker" in build_error(pages)


def test_unknown_citation_fails(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["index.md"] += "\nA claim. {{ cite: 6 }}\n"
    message = build_error(pages)
    assert "unknown reference 6" in message and "index.md" in message


def test_recommendation_placed_twice_fails_naming_both_pages(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["assessment.md"] += "\n{{ rec: imaging-no-routine }}\n"
    message = build_error(pages)
    assert "imaging-no-routine" in message and "placed twice" in message
    assert "assessment.md" in message


def test_recommendation_placed_nowhere_fails_naming_id_and_page(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["follow-up.md"] = pages["follow-up.md"].replace("{{ rec: follow-up-reassess }}", "")
    message = build_error(pages)
    assert "follow-up-reassess" in message and "follow-up.md" in message and "nowhere" in message


def test_recommendation_placed_on_the_wrong_page_fails(build_error: Callable[..., str]) -> None:
    pages = minimal_pages()
    pages["assessment.md"] = pages["assessment.md"].replace("{{ rec: imaging-no-routine }}", "")
    pages["pitfalls.md"] += "\n{{ rec: imaging-no-routine }}\n"
    message = build_error(pages)
    assert "imaging-no-routine" in message and "pitfalls.md" in message
    assert "assessment.md" in message and "see:" in message


def test_see_marker_links_to_the_anchored_place(tmp_path: Path) -> None:
    pages = minimal_pages()
    pages["pitfalls.md"] += "\nSee {{ see: imaging-no-routine }}.\n"
    site = build_site(tmp_path, pages)
    assert 'href="../assessment/#imaging-no-routine"' in site.html("pitfalls/")


def test_registry_published_id_without_redirect_fails(build_error: Callable[..., str]) -> None:
    message = build_error(minimal_pages(), registry=REC_IDS + ["retired-recommendation"])
    assert "retired-recommendation" in message and "published-ids.txt" in message
    assert "recommendations/retired-recommendation.md" in message


def test_registry_published_id_with_redirect_builds_and_redirects(tmp_path: Path) -> None:
    site = build_site(tmp_path, minimal_pages(), registry=REC_IDS + ["retired-recommendation"],
                      redirects={"recommendations/retired-recommendation.md":
                                 "recommendations/follow-up-reassess.md"})
    redirect = site.html("recommendations/retired-recommendation/")
    assert "../follow-up-reassess/" in redirect
    # The old anchor lands on the recommendation that replaced it.
    assert re.search(r'id="follow-up-reassess"[^>]*>\s*<span class="lbp-rec__alias" '
                     r'id="retired-recommendation">', site.html("follow-up/"))


def test_registry_must_list_every_current_id(build_error: Callable[..., str]) -> None:
    message = build_error(minimal_pages(), registry=REC_IDS[1:])
    assert REC_IDS[0] in message and "not listed" in message


def test_committed_registry_lists_every_current_id() -> None:
    from tests.site_build import REGISTRY
    from site_plugins.recommendations.registry import read_registry
    assert set(REC_IDS) <= set(read_registry(REGISTRY))


def test_disabled_plugin_leaves_markers_alone(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n{{ rec: red-flags-cauda-equina }}\n"}
    site = build_site(tmp_path, pages, plugin={"enabled": False})
    assert "{{ rec: red-flags-cauda-equina }}" in site.html("")
    assert not (site.site / "recommendations").exists()


def test_the_audience_switch_is_on_the_pages_whose_wording_it_changes(real_site: BuiltSite) -> None:
    """Statements in both wordings (data-audience), or the question search; nowhere else, where a switch
    that changes nothing would only confuse."""
    with_switch = {path for path, page in real_site.pages().items() if "lbp-audience" in page.ids}
    assert {"index.html", "assessment/index.html", "first-line/index.html", "ask/index.html",
            "recommendations/medication-nsaid/index.html"} <= with_switch  # the overview: its question search
    assert not {"cases/index.html", "references/index.html",
                "recommendations/index.html"} & with_switch
    for path in with_switch:
        html = real_site.html(path)
        assert 'data-audience="patient"' in html or "data-lbp-wordings" in html, path

