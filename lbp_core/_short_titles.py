"""Short titles: each recommendation's name where space is short (the calculator's summary, the note to
copy, the teaching exercise). At most 40 characters each; kept beside the content so that a change to a
short title never touches the statements themselves."""

from __future__ import annotations

__all__ = ["SHORT_TITLES", "SHORT_TITLE_MAX"]

SHORT_TITLE_MAX = 40

SHORT_TITLES: dict[str, str] = {
    "red-flags-cauda-equina": "Emergency surgical referral",
    "red-flags-progressive-deficit": "Urgent MRI (progressive deficit)",
    "red-flags-infection-malignancy": "Infection / malignancy work-up",
    "red-flags-vertebral-fracture": "Fracture work-up",
    "imaging-no-routine": "No routine imaging",
    "imaging-mri-when-indicated": "MRI",
    "imaging-plain-radiograph-limits": "No plain radiograph for discs",
    "education-reassurance": "Reassurance",
    "education-written-material": "Written self-care material",
    "activity-stay-active": "Stay active",
    "activity-flexion-based": "Flexion-based activity",
    "medication-acetaminophen": "Acetaminophen (max 4 g/day)",
    "medication-nsaid": "NSAID (lowest dose, shortest time)",
    "medication-no-systemic-corticosteroids": "No systemic corticosteroids",
    "self-care-heat": "Heat",
    "self-care-medium-firm-mattress": "Medium-firm mattress",
    "persistent-exercise-therapy": "Exercise therapy",
    "persistent-spinal-manipulation": "Spinal manipulation",
    "persistent-acupuncture": "Acupuncture",
    "persistent-massage": "Massage",
    "persistent-cbt": "CBT",
    "medication-muscle-relaxant": "Muscle relaxant (short term)",
    "medication-gabapentin": "Gabapentin (radicular pain)",
    "medication-tricyclic": "Tricyclic antidepressant",
    "medication-duloxetine": "Duloxetine",
    "radicular-natural-history": "Expect radicular improvement",
    "radicular-epidural-steroid-injection": "Epidural steroid injection",
    "radicular-surgical-consultation": "Surgical consultation",
    "pitfall-bed-rest": "No prolonged bed rest",
    "pitfall-imaging-findings-alone": "No injection on imaging alone",
    "pitfall-opioids-first-line": "No opioids first line",
    "pitfall-opioids-after-failed-treatments": "Opioid (last resort)",
    "pitfall-normal-aging": "Don't blame normal ageing",
    "pitfall-meralgia-paresthetica": "Assess meralgia paresthetica",
    "follow-up-reassess": "Reassess within a month",
}
