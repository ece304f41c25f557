"""Wording hazards: patient wording never softens a red flag; outdated drug advice always carries its note."""

from __future__ import annotations

import pytest

from lbp_core.guideline import RECOMMENDATIONS, recommendation

RED_FLAG_IDS = [rec.id for rec in RECOMMENDATIONS if rec.red_flag]
DRUGS = ("acetaminophen", "nsaid", "muscle_relaxant", "gabapentin", "tricyclic_antidepressant",
         "duloxetine", "opioid", "systemic_corticosteroid")
URGENCY = {"red-flags-cauda-equina": "emergency", "red-flags-progressive-deficit": "urgently",
           "red-flags-infection-malignancy": "promptly", "red-flags-vertebral-fracture": "check"}


@pytest.mark.parametrize("rec_id", [pytest.param(rec_id, id=rec_id,
                                                 marks=pytest.mark.verifies(rec_id))
                                    for rec_id in RED_FLAG_IDS])
def test_patient_wording_of_a_red_flag_keeps_its_urgency(rec_id: str) -> None:
    rec = recommendation(rec_id)
    assert URGENCY[rec_id] in rec.patient.lower()
    assert rec.stance == "recommend"


@pytest.mark.parametrize("rec", [r for r in RECOMMENDATIONS if r.stance == "avoid"],
                         ids=lambda r: r.id)
def test_patient_wording_of_an_avoid_says_not_to(rec: object) -> None:
    text = rec.patient.lower()  # type: ignore[attr-defined]
    assert any(word in text for word in ("not", "cannot", "no ")), text


@pytest.mark.parametrize("rec", [r for r in RECOMMENDATIONS if r.intervention in DRUGS
                                 and r.stance != "avoid"], ids=lambda r: r.id)
def test_drug_advice_that_current_guidance_changed_carries_its_note(rec: object) -> None:
    notes = rec.concordance  # type: ignore[attr-defined]
    assert notes, f"{rec.id}: drug advice needs a concordance note"  # type: ignore[attr-defined]
    assert all(note.references and note.text for note in notes)
