"""Concordance labels never contradict their own notes (issue 23, point 1).

A note labelled "agrees" says that current primary guidance takes the same position as the
recommendation. For a recommendation that offers an action ("recommend" or "consider"), a note that
reports a primary guideline advising against that action is therefore a conflict, never agreement. For
a recommendation to avoid an action, the same words are agreement, so an "agrees" note on an "avoid"
recommendation must report that stance, and must not report a guideline allowing or advising the action.
"""

from __future__ import annotations

import re

import pytest

from lbp_core.guideline import RECOMMENDATIONS, recommendation
from lbp_core.model import Concordance, Recommendation

AGAINST = re.compile(
    r"advises? against|recommends? against|do(?:es)? not (?:offer|recommend|use)|not effective|"
    r"no better than placebo|no benefit|is against|are against", re.I)
# Words that show a guideline's stance against an action, as an "avoid" recommendation's agreement needs.
AGAINST_OR_INSTEAD = re.compile(AGAINST.pattern + r"|rather than", re.I)
PERMISSIVE = re.compile(r"\b(?:allows?|advises? considering|recommends (?!against)|suggests)\b", re.I)


def contradiction(rec: Recommendation, note: Concordance) -> str | None:
    """Why an "agrees" note contradicts its own label for this recommendation, or None."""
    if note.agreement != "agrees":
        return None
    if rec.stance in ("recommend", "consider"):
        hit = AGAINST.search(note.text)
        return f"labelled agrees, but reports advice against: {hit.group(0)!r}" if hit else None
    hit = PERMISSIVE.search(note.text)
    if hit:
        return f"labelled agrees with avoiding the action, but reports a guideline allowing it: {hit.group(0)!r}"
    if not AGAINST_OR_INSTEAD.search(note.text):
        return "labelled agrees with avoiding the action, but reports no guideline against it"
    return None


def test_no_agrees_label_contradicts_its_note() -> None:
    problems = [(rec.id, contradiction(rec, note), note.text) for rec in RECOMMENDATIONS
                for note in rec.concordance if contradiction(rec, note)]
    assert problems == []


# The checker is shown to fail on the defects it exists to catch: the notes as they were before issue 23.
@pytest.mark.parametrize(("rec_id", "text"), [
    ("pitfall-opioids-after-failed-treatments",
     "ACP 2017 recommendation 3 (weak, moderate-quality evidence) agrees; NICE NG59 advises against "
     "opioids for chronic low back pain or chronic sciatica at all."),
    ("pitfall-opioids-first-line",
     "ACP 2017 recommendation 3 (weak, moderate-quality evidence) allows opioids only after first- and "
     "second-line treatments fail and after discussing risks; NICE NG59 advises against opioids for "
     "chronic low back pain or chronic sciatica."),
    ("medication-gabapentin", "NICE NG59 (2020) advises against gabapentinoids for sciatica."),
    ("imaging-no-routine", "NICE NG59 advises considering imaging for everyone."),
    ("pitfall-bed-rest", "Mentioned by ACP 2007."),
])
def test_the_checker_catches_a_contradicting_agrees_label(rec_id: str, text: str) -> None:
    note = Concordance(agreement="agrees", references=("nice-ng59",), text=text)
    assert contradiction(recommendation(rec_id), note) is not None


def test_the_checker_accepts_agreement_with_an_avoid_recommendation() -> None:
    note = Concordance(agreement="agrees", references=("nice-ng59",),
                       text="NICE NG59 advises against oral corticosteroids for sciatica.")
    assert contradiction(recommendation("medication-no-systemic-corticosteroids"), note) is None


def test_the_opioid_option_carries_nices_advice_as_a_conflict() -> None:
    """The chronic failed-care case is offered an opioid: NICE's advice against it must be a note the
    calculator shows (anything but "agrees")."""
    notes = recommendation("pitfall-opioids-after-failed-treatments").concordance
    nice = [note for note in notes if "nice-ng59" in note.references]
    assert [note.agreement for note in nice] == ["conflicts"]
    assert "against opioids for chronic low back pain" in nice[0].text


def test_each_note_cites_only_guidelines_it_names() -> None:
    names = {"acp-2007": "ACP 2007", "acp-2017": "ACP 2017", "acp-2017-review": "ACP 2017",
             "nice-ng59": "NICE NG59"}
    for rec in RECOMMENDATIONS:
        for note in rec.concordance:
            for ref in note.references:
                assert names[ref] in note.text, (rec.id, ref, note.text)
