"""The guideline data is complete and consistent: IDs, citations, codes, schema and contract agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lbp_core import catalogue, evaluate, input_schema
from lbp_core.case import FIELD_SPECS
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, REFERENCES, SECTIONS, reference
from lbp_core.model import INTERVENTIONS
from lbp_core.worked_cases import WORKED_CASES

# The team's contract lives beside the project; the copy kept here (with this project's additions) lets
# a clone anywhere run these tests. Names are only ever added to the contract, so every name in the
# shared file must be in the copy.
SHARED_CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "CASE-CONTRACT.md"
CONTRACT_COPY = Path(__file__).with_name("contract") / "CASE-CONTRACT.md"


def _names(text: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", text))


@pytest.fixture(scope="module")
def contract() -> str:
    copy = CONTRACT_COPY.read_text(encoding="utf-8")
    if SHARED_CONTRACT.is_file():
        missing = _names(SHARED_CONTRACT.read_text(encoding="utf-8")) - _names(copy)
        assert not missing, f"{CONTRACT_COPY} lacks {sorted(missing)} from {SHARED_CONTRACT}: update it"
    return copy


def test_ids_are_unique_readable_slugs() -> None:
    ids = [rec.id for rec in RECOMMENDATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", rec_id) for rec_id in ids)


def test_every_citation_resolves_and_unlisted_references_are_honest() -> None:
    for rec in RECOMMENDATIONS:
        assert rec.citations, rec.id
        for ref_id in rec.citations:
            assert reference(ref_id).kind == "source"
        for note in rec.concordance:
            for ref_id in note.references:
                assert reference(ref_id).kind == "primary"
    assert [ref.id for ref in REFERENCES if not ref.listed] == ["4", "5"]
    assert all("not list" in reference(ref_id).note for ref_id in ("4", "5"))


def test_every_listed_reference_is_cited_somewhere() -> None:
    """The references page lists only what a recommendation, a concordance note or a page cites."""
    cited = {ref_id for rec in RECOMMENDATIONS for ref_id in rec.citations}
    cited |= {ref_id for rec in RECOMMENDATIONS for note in rec.concordance for ref_id in note.references}
    docs = Path(__file__).resolve().parents[1] / "docs"
    for page in docs.rglob("*.md"):
        for ids in re.findall(r"\{\{ cite: ([^}]*) \}\}", page.read_text(encoding="utf-8")):
            cited |= {ref_id.strip() for ref_id in ids.split(",")}
    assert {ref.id for ref in REFERENCES} == cited


def test_every_recommendation_belongs_to_a_section_with_a_page() -> None:
    sections = {section.id for section in SECTIONS}
    assert all(rec.section in sections for rec in RECOMMENDATIONS)
    assert all(section.page.endswith(".md") for section in SECTIONS)


def test_every_statement_has_both_audience_wordings() -> None:
    for rec in RECOMMENDATIONS:
        assert rec.clinician.strip() and rec.patient.strip(), rec.id
        assert rec.clinician != rec.patient, rec.id


def test_intervention_codes_are_the_contracts(contract: str) -> None:
    section = contract.split("### Intervention codes", 1)[1]
    assert set(re.findall(r"`([a-z_]+)`", section)) == set(INTERVENTIONS)
    assert {rec.intervention for rec in RECOMMENDATIONS} == set(INTERVENTIONS)


def test_schema_has_every_contract_field_and_nothing_else(contract: str) -> None:
    table = contract.split("## The case (input)", 1)[1].split("## The result", 1)[0]
    fields = set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))
    assert {entry["name"] for entry in input_schema()["fields"]} == fields == set(FIELD_SPECS)


def test_schema_puts_red_flags_first() -> None:
    groups = [group["id"] for group in input_schema()["groups"]]
    assert groups[:4] == ["cauda_equina", "progressive_deficit", "infection_malignancy",
                          "fracture"]
    assert input_schema()["fields"][0]["group"] == "cauda_equina"


def test_every_recommendation_is_reached_by_a_worked_case() -> None:
    fired = {action["rec"] for wc in WORKED_CASES for action in evaluate(wc.case)["actions"]}
    assert fired == {rec.id for rec in RECOMMENDATIONS}


def test_catalogue_carries_version_and_review_dates() -> None:
    data = catalogue()
    assert data["guideline"]["version"] == GUIDELINE.version
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["guideline"]["last_reviewed"])
    assert len(data["recommendations"]) == len(RECOMMENDATIONS)


def test_concordance_notes_do_not_repeat_their_label() -> None:
    """The site labels each note with its agreement ("Current guidance agrees:"); the text must not say it
    again, nor say something else ("Current guidance differs:" under a "conflicts" label)."""
    for rec in RECOMMENDATIONS:
        for note in rec.concordance:
            assert not note.text.lower().startswith(("current guidance", "us guidance")), (rec.id, note.text)
