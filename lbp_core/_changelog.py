"""The changelog: every content version, newest first, with each recommendation it changed.

Listed: every change to what a recommendation advises (its statement, stance, citations or calculator
rule) and every change of a current-guidance label (agrees, differs, conflicts, beyond). Rewording of the
explanations alone (rationale, the text of a guidance note) is not listed. Each change is one line of what
and one of why. A change to a statement, stance, citations or rule without an entry here fails the build:
see :mod:`lbp_core.changelog` for how to add one.
"""

from __future__ import annotations

from lbp_core.model import Change, Release

__all__ = ["CHANGELOG"]

# Recommendations the calculator lists as treatment: held back while a red flag is worked up (2025.11.2).
_TREATMENT = (
    "education-reassurance", "activity-stay-active", "activity-flexion-based", "medication-acetaminophen",
    "medication-nsaid", "medication-no-systemic-corticosteroids", "self-care-heat",
    "self-care-medium-firm-mattress", "persistent-exercise-therapy", "persistent-spinal-manipulation",
    "persistent-acupuncture", "persistent-massage", "persistent-cbt", "medication-muscle-relaxant",
    "medication-gabapentin", "medication-tricyclic", "medication-duloxetine", "radicular-natural-history",
    "radicular-epidural-steroid-injection", "pitfall-bed-rest", "pitfall-opioids-first-line",
    "pitfall-opioids-after-failed-treatments",
)
# Recommendations whose reasons give the weeks of symptoms or of care (2025.11.2).
_REASONS_WITH_WEEKS = (
    "imaging-no-routine", "imaging-mri-when-indicated", "imaging-plain-radiograph-limits",
    "education-reassurance", "activity-stay-active", "medication-acetaminophen", "medication-nsaid",
    "medication-no-systemic-corticosteroids", "self-care-heat", "self-care-medium-firm-mattress",
    "persistent-exercise-therapy", "persistent-spinal-manipulation", "persistent-acupuncture",
    "persistent-massage", "persistent-cbt", "medication-duloxetine", "radicular-natural-history",
    "radicular-epidural-steroid-injection", "radicular-surgical-consultation", "pitfall-bed-rest",
    "pitfall-opioids-first-line", "pitfall-opioids-after-failed-treatments", "pitfall-normal-aging",
    "follow-up-reassess",
)
# Medicines and injections the calculator lists as options (2026.12.1: withheld in pregnancy).
_MEDICINE_OPTIONS = (
    "medication-acetaminophen", "medication-nsaid", "medication-muscle-relaxant", "medication-gabapentin",
    "medication-tricyclic", "medication-duloxetine", "radicular-epidural-steroid-injection",
    "pitfall-opioids-after-failed-treatments",
)
_SECOND_LINE = ("The source lists it under second-line treatment for persistent symptoms, after 4 to "
                "6 weeks.")

CHANGELOG: tuple[Release, ...] = (
    Release(
        version="2026.12.1", date="2026-12-06",
        summary=("Clinical content review: second-line options follow the source's timing; new inputs "
                 "beyond the source (three red flags, stenosis, older age, liver disease, pregnancy); "
                 "current-guidance labels checked again."),
        changes=(
            Change(recs=("red-flags-infection-malignancy",),
                   what=("Also raised by intravenous drug use or a recent infection (beyond the source); "
                         "age over 50 beside another cancer finding adds a warning."),
                   why=("ACP/APS 2007 (table 1) lists these among the findings of spinal infection and "
                        "of cancer.")),
            Change(recs=("red-flags-vertebral-fracture",),
                   what=("Prolonged corticosteroid use now raises the fracture work-up on its own, "
                         "without trauma (beyond the source)."),
                   why="ACP/APS 2007 (table 1) lists it as a finding of vertebral compression fracture."),
            Change(recs=("imaging-no-routine", "imaging-mri-when-indicated",
                         "imaging-plain-radiograph-limits", "follow-up-reassess"),
                   what=("The red flags added beyond the source (intravenous drug use, recent infection, "
                         "prolonged corticosteroid use) count here as the source's own do."),
                   why="A case with one of them is worked up as a red flag, not handled as routine."),
            Change(recs=("medication-muscle-relaxant",),
                   what=("Offered only from 4 weeks of symptoms that are not improving (before, from the "
                         "first week); ACP 2017 now reads 'differs', as it names these drugs earlier."),
                   why=_SECOND_LINE),
            Change(recs=("medication-tricyclic",),
                   what=("Offered only from 4 weeks of symptoms that are not improving (before, at any "
                         "duration)."),
                   why=_SECOND_LINE),
            Change(recs=("medication-gabapentin",),
                   what=("Offered at any time for neuropathic radicular pain; otherwise only from 4 weeks "
                         "of radicular symptoms that are not improving."),
                   why=("The source names it twice: in radicular care for neuropathic pain, and among "
                        "the options for persistent symptoms after 4 to 6 weeks.")),
            Change(recs=("medication-duloxetine",),
                   what=("When it applies is unchanged; its rule now says why it is for chronic symptoms "
                         "only, and NICE NG59 now reads 'conflicts' (ACP 2017 still 'differs')."),
                   why="NICE NG59 advises against SNRIs, the class duloxetine belongs to."),
            Change(recs=("persistent-exercise-therapy",),
                   what=("When it applies is unchanged (from 2 weeks without improvement); its rule now "
                         "says why it starts at 2 weeks."),
                   why=("The source gives both 'after 4 to 6 weeks' and its own start of 2 to 6 weeks; "
                        "the calculator takes the earliest.")),
            Change(recs=("medication-acetaminophen",),
                   what="A caution for liver disease (beyond the source).",
                   why=("The 4 g ceiling is not shown to be safe in liver disease, and the guidelines "
                        "read set no lower one.")),
            Change(recs=("medication-nsaid",),
                   what="Cautions from age 65 and for liver disease (beyond the source).",
                   why=("NICE NG59 names age and liver toxicity among the harms to weigh; it gives no "
                        "age, so 65 is the calculator's choice.")),
            Change(recs=("radicular-epidural-steroid-injection",),
                   what=("No longer offered when symptoms ease bending forward and worsen leaning back; "
                         "a warning says why (beyond the source)."),
                   why=("NICE NG59 advises against epidural injections for neurogenic claudication in "
                        "central spinal stenosis.")),
            Change(recs=_MEDICINE_OPTIONS,
                   what=("Not listed when the patient is pregnant; a warning names it (beyond the "
                         "source)."),
                   why=("The guidance does not cover pregnancy, and the safety of its medicines in "
                        "pregnancy was not weighed.")),
            Change(recs=("pitfall-opioids-first-line",),
                   what="NICE NG59 now reads 'differs' (it was counted as agreeing).",
                   why=("NICE is stricter in chronic pain, and allows a weak opioid early in acute "
                        "pain.")),
            Change(recs=("pitfall-opioids-after-failed-treatments",),
                   what="NICE NG59 now reads 'conflicts' (it was counted as agreeing).",
                   why=("NICE advises against opioids for chronic low back pain, whatever else has been "
                        "tried.")),
        ),
    ),
    Release(
        version="2025.11.2", date="2026-11-25",
        summary=("Clinical and content review: treatment waits for a red flag's work-up, time-limited "
                 "advice keeps to the source's timing, and the wording keeps to the source's facts."),
        changes=(
            Change(recs=_TREATMENT,
                   what=("Not listed while a red flag other than cauda equina is worked up (it was listed "
                         "beside a suspected infection, cancer, fracture or worsening deficit)."),
                   why="The source asks for serious causes to be excluded before treatment starts."),
            Change(recs=_REASONS_WITH_WEEKS,
                   what=("Its reasons give the weeks exactly as entered (a figure such as 11.9999 weeks "
                         "was shown rounded to 12)."),
                   why="A rounded figure could show a threshold as reached when it was not."),
            Change(recs=("red-flags-cauda-equina",),
                   what=("Plain-language wording: a surgeon needs to assess the signs straight away (it "
                         "said they need urgent surgery); the caution asks for surgical consultation "
                         "before any treatment."),
                   why=("The source asks for immediate surgical consultation; it does not say that every "
                        "case needs an operation.")),
            Change(recs=("red-flags-progressive-deficit",),
                   what=("Plain-language wording: an urgent check with an MRI scan (it said an MRI "
                         "'usually')."),
                   why="The MRI is part of the urgent evaluation, as the clinician wording says."),
            Change(recs=("imaging-no-routine",),
                   what=("Reworded: imaging waits until symptoms have lasted beyond 6 weeks despite "
                         "optimal conservative care; the advice against it stops once they have."),
                   why="The source's advice against routine imaging covers only the first 6 weeks."),
            Change(recs=("imaging-mri-when-indicated",),
                   what=("Reworded as the three situations that call for MRI; failed care no longer "
                         "brings a further MRI once imaging has confirmed the nerve-root impingement."),
                   why="Imaging that has already shown the cause answers the question failed care raises."),
            Change(recs=("imaging-plain-radiograph-limits",),
                   what=("Shown only when the question is a disc or stenosis (no longer for a suspected "
                         "infection or cancer)."),
                   why="That is the question the recommendation is about."),
            Change(recs=("education-reassurance",),
                   what=("Now 'Reassurance about the natural course': written material became a "
                         "recommendation of its own, and the reassurance is given only in the first "
                         "month or while symptoms improve before 12 weeks."),
                   why=("Promising improvement within a month would be false reassurance once symptoms "
                        "have lasted longer without improving.")),
            Change(recs=("education-written-material",),
                   what=("New: written self-care material, a recommendation of its own for every phase "
                         "(it was part of education-reassurance)."),
                   why="It holds at every stage, and was lost when the reassurance stopped after a month.",
                   introduced=True),
            Change(recs=("medication-acetaminophen",),
                   what=("The wording and caution no longer tell the patient to count every product "
                         "that contains it."),
                   why="That advice is not in the source."),
            Change(recs=("medication-nsaid",),
                   what=("Plain-language wording names no drug (it gave ibuprofen); the kidney caution "
                         "keeps to renovascular risk."),
                   why="Examples and facts stay within the source."),
            Change(recs=("medication-muscle-relaxant",),
                   what="Clinician wording rewritten in our own words; the advice is the same.",
                   why="It was too close to the source's own sentence."),
            Change(recs=("medication-tricyclic",),
                   what=("Offered only while symptoms are not improving; the plain-language wording no "
                         "longer speaks of a low dose."),
                   why=("The source lists it among the options for persistent symptoms and gives no "
                        "dose.")),
            Change(recs=("medication-gabapentin",),
                   what=("Not offered for radicular symptoms that are improving, unless the pain is "
                         "neuropathic."),
                   why=("The source offers it for persistent symptoms, and in radicular care for "
                        "neuropathic pain.")),
            Change(recs=("radicular-natural-history",),
                   what=("Given only in the first 4 weeks, or while symptoms improve before 12 "
                         "weeks."),
                   why="Like the general reassurance, it would be false once symptoms persist."),
            Change(recs=("radicular-surgical-consultation",),
                   what=("For persistent disability, only after at least 6 weeks of optimal conservative "
                         "care without improvement."),
                   why=("The source keeps it for disability that persists despite comprehensive "
                        "conservative care.")),
            Change(recs=("pitfall-opioids-first-line", "pitfall-opioids-after-failed-treatments"),
                   what=("An opioid is considered only when the case shows other treatment has failed: "
                         "the chronic phase, and at least 6 weeks of optimal conservative care without "
                         "improvement."),
                   why=("ACP 2017 considers opioids only after first- and second-line options fail, and "
                        "the options for chronic symptoms open at 12 weeks.")),
            Change(recs=("follow-up-reassess",),
                   what="With a red flag, the review names no month: the work-up sets its timing.",
                   why="A one-month review is advice for routine symptoms."),
        ),
    ),
    Release(
        version="2025.11.1", date="2026-11-23",
        summary="First published: 34 recommendations, each with a permanent ID and a page of its own.",
    ),
)
