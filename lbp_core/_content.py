"""The guidance content: every recommendation of the source, in our own words, with its citations.

Facts (thresholds, drugs, doses, timings, which reference supports what) come from the source document
"What are the treatment options for lower back paresthesia symptoms?" (last updated 2025-11-30).
Concordance notes state only what was read in the primary guidelines themselves.
"""

from __future__ import annotations

from lbp_core.model import Concordance, GuidelineInfo, Recommendation, Reference, Section

GUIDELINE = GuidelineInfo(
    title="Lower back paresthesia and low back pain: assessment and treatment",
    version="2026.12.1",
    source_last_updated="2025-11-30",
    last_reviewed="2026-12-06",
    review_status=(
        "Not yet reviewed by a clinician. The content was checked against its source document and "
        "against the primary guidelines cited on each recommendation; the source itself marks its "
        "content as pending human review."
    ),
)

_NOT_LISTED = "Cited in the source document, which does not list this reference."

REFERENCES = (
    Reference(id="1", kind="source", citation=(
        "Treatment of Midline Low Back Pain. Guideline. Praxis Medical Insights: Practical "
        "Summaries of Clinical Guidelines; 2025.")),
    Reference(id="2", kind="source", citation=(
        "Low Back Pain Management. Guideline. Praxis Medical Insights: Practical Summaries of "
        "Clinical Guidelines; 2025.")),
    Reference(id="3", kind="source", citation=(
        "Guideline Directed Topic Overview. Guideline. Dr.Oracle Medical Advisory Board & "
        "Editors; 2025.")),
    Reference(id="4", kind="source", citation=None, note=_NOT_LISTED),
    Reference(id="5", kind="source", citation=None, note=_NOT_LISTED),
    Reference(id="acp-2007", kind="primary", citation=(
        "Chou R, Qaseem A, Snow V, Casey D, Cross JT Jr, Shekelle P, Owens DK. Diagnosis and "
        "treatment of low back pain: a joint clinical practice guideline from the American College "
        "of Physicians and the American Pain Society. Ann Intern Med. 2007;147(7):478-491. "
        "doi:10.7326/0003-4819-147-7-200710020-00006")),
    Reference(id="acp-2017", kind="primary", citation=(
        "Qaseem A, Wilt TJ, McLean RM, Forciea MA. Noninvasive treatments for acute, subacute, and "
        "chronic low back pain: a clinical practice guideline from the American College of "
        "Physicians. Ann Intern Med. 2017;166(7):514-530. doi:10.7326/M16-2367")),
    Reference(id="acp-2017-review", kind="primary", citation=(
        "Chou R, Deyo R, Friedly J, et al. Systemic pharmacologic therapies for low back pain: a "
        "systematic review for an American College of Physicians clinical practice guideline. Ann "
        "Intern Med. 2017;166(7):480-492. doi:10.7326/M16-2458")),
    Reference(id="nice-ng59", kind="primary", citation=(
        "National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: "
        "assessment and management. NICE guideline NG59. Published 30 November 2016; last updated "
        "11 December 2020.")),
)

SECTIONS = (
    Section(id="red-flags", title="Red flag screening", page="assessment.md"),
    Section(id="imaging", title="Imaging decisions", page="assessment.md"),
    Section(id="education-activity", title="Education and activity", page="first-line.md"),
    Section(id="first-line-medication", title="First-line medication", page="first-line.md"),
    Section(id="self-care", title="Self-care", page="first-line.md"),
    Section(id="non-drug-therapies", title="Non-drug therapies for persistent symptoms",
            page="persistent.md"),
    Section(id="further-medication", title="Further medication options", page="persistent.md"),
    Section(id="radicular", title="Radicular symptoms", page="radicular.md"),
    Section(id="pitfalls", title="Pitfalls to avoid", page="pitfalls.md"),
    Section(id="follow-up", title="Follow-up", page="follow-up.md"),
)

_RED_FLAGS_AGREE = Concordance(agreement="agrees", references=("acp-2007", "nice-ng59"), text=(
    "Serious causes come first. ACP 2007 recommendation 3 (strong, "
    "moderate-quality evidence) calls for diagnostic imaging and testing when neurological deficits are "
    "severe or progressive or a serious underlying condition is suspected. NICE NG59 (1.1.1) asks "
    "clinicians to exclude specific causes such as cancer, infection, trauma and inflammatory disease "
    "such as spondyloarthritis."))

_NON_DRUG_TIMING = Concordance(agreement="differs", references=("acp-2017", "nice-ng59"), text=(
    "Non-drug therapy comes earlier. ACP 2017 makes non-drug treatment the first "
    "line: recommendation 1 (strong, low-quality evidence) for acute and subacute pain lists "
    "superficial heat, massage, acupuncture and spinal manipulation; recommendation 2 for chronic pain "
    "lists exercise, multidisciplinary rehabilitation, acupuncture, mindfulness-based stress "
    "reduction, tai chi, yoga, cognitive behavioural therapy and spinal manipulation. NICE NG59 "
    "recommends group exercise, and manual or psychological therapy only alongside exercise."))

_NSAID_FIRST_LINE = Concordance(agreement="differs", references=("acp-2007", "acp-2017"), text=(
    "Drug-first advice follows ACP 2007 recommendation 6 (strong, moderate-quality evidence), since "
    "superseded: ACP 2017 recommendation 1 (strong, low-quality evidence) puts non-drug treatment "
    "(superficial heat, massage, acupuncture, spinal manipulation) first for acute and subacute pain, "
    "and names NSAIDs or skeletal muscle relaxants if a medicine is wanted."))

RECOMMENDATIONS = (
    # -- Red flags ---------------------------------------------------------------------------------
    Recommendation(
        id="red-flags-cauda-equina", section="red-flags", red_flag=True,
        title="Cauda equina syndrome: emergency surgical referral",
        intervention="emergency_surgical_referral", stance="recommend",
        clinician=(
            "Before any treatment, look for cauda equina syndrome: urinary retention, saddle "
            "anaesthesia, weakness in both legs, or loss of anal sphincter tone. Any one of these "
            "needs surgical consultation immediately."),
        patient=(
            "Get emergency medical help now if you cannot pass urine, feel numb around your bottom, "
            "genitals or inner thighs, have weakness in both legs, or lose control of your bowels. "
            "These can be signs of pressure on the nerves at the base of the spine, which a surgeon "
            "needs to assess straight away."),
        citations=("2",),
        rationale=(
            "The source puts these signs first among the serious causes to exclude before treatment, "
            "and asks for immediate surgical consultation, so they outrank every other finding."),
        concordance=(_RED_FLAGS_AGREE,),
    ),
    Recommendation(
        id="red-flags-progressive-deficit", section="red-flags", red_flag=True,
        title="Progressive neurological deficit: urgent evaluation with MRI",
        intervention="mri", stance="recommend",
        clinician=(
            "Weakness, numbness or sensory loss that is getting worse needs urgent evaluation, with "
            "MRI."),
        patient=(
            "If weakness, numbness or loss of feeling is getting worse, you need to be checked "
            "urgently, with an MRI scan."),
        citations=("3",),
        rationale=(
            "A deficit that is getting worse is one of the serious causes the source asks to exclude "
            "before treatment; it is not a reason to wait for the usual course of back pain."),
        concordance=(_RED_FLAGS_AGREE,),
    ),
    Recommendation(
        id="red-flags-infection-malignancy", section="red-flags", red_flag=True,
        title="Possible infection or malignancy: prompt work-up",
        intervention="infection_malignancy_workup", stance="recommend",
        clinician=(
            "Fever, night sweats, unexplained weight loss, a history of cancer or an "
            "immunocompromised state call for a prompt work-up for spinal infection or malignancy."),
        patient=(
            "If you have a fever, night sweats, weight loss you cannot explain, have had cancer, or "
            "your immune system is weakened, your clinician should check promptly for infection or "
            "cancer as the cause."),
        citations=("2",),
        rationale=(
            "These features raise the chance that back symptoms come from infection or cancer, "
            "which ordinary back-pain care would not treat and could delay. Beyond the source, the "
            "calculator also asks about intravenous drug use and a recent infection, which ACP/APS "
            "2007 (Chou R et al. Ann Intern Med. 2007;147(7):478-491), in its table of the suggested initial work-up, lists as findings of "
            "vertebral infection; they raise the same prompt work-up. Age over 50 is another cancer "
            "finding in that table: beside a history of cancer or weight loss, and with a month of "
            "symptoms that are not improving, it gives a warning, not a red flag, since on its own it would hold back treatment from most older "
            "patients."),
        concordance=(_RED_FLAGS_AGREE,),
    ),
    Recommendation(
        id="red-flags-vertebral-fracture", section="red-flags", red_flag=True,
        title="Possible vertebral fracture: fracture work-up",
        intervention="fracture_workup", stance="recommend",
        clinician=(
            "Consider a vertebral fracture after significant trauma, or after minor trauma in a "
            "patient with risk factors for osteoporosis, and work it up."),
        patient=(
            "After a serious injury, or a minor one if you are at risk of thin bones "
            "(osteoporosis), your clinician should check for a broken bone in the spine."),
        citations=("2",),
        rationale=(
            "A fracture changes management entirely; minor trauma matters only when bone may be "
            "fragile. Beyond the source, the calculator also asks about prolonged corticosteroid "
            "use, which ACP/APS 2007 (Chou R et al. Ann Intern Med. 2007;147(7):478-491), in its table of the suggested initial work-up, lists as "
            "a finding of vertebral compression fracture even without trauma; on its own it raises "
            "the fracture work-up."),
        concordance=(_RED_FLAGS_AGREE,),
    ),
    # -- Imaging -----------------------------------------------------------------------------------
    Recommendation(
        id="imaging-no-routine", section="imaging",
        title="No routine imaging without red flags",
        intervention="routine_imaging", stance="avoid",
        clinician=(
            "Without red flags, imaging is not routine: it waits until symptoms have lasted beyond "
            "6 weeks despite optimal conservative care. Earlier scans bring no clinical benefit, add "
            "cost, and can lead to needless interventions."),
        patient=(
            "Scans are not needed for most back pain. Without warning signs, a scan in the first "
            "6 weeks does not help you get better and can lead to treatments you do not need."),
        citations=("1", "2", "3"),
        rationale=(
            "Imaging findings are common in people without symptoms, so routine scans find changes "
            "that do not explain the pain and invite unnecessary procedures."),
        concordance=(Concordance(agreement="agrees", references=("acp-2007", "nice-ng59"), text=(
            "Both advise against routine imaging: ACP 2007 recommendation 2 (strong, "
            "moderate-quality evidence) for nonspecific low back pain, and NICE NG59 (1.1.4) in "
            "non-specialist settings.")),),
    ),
    Recommendation(
        id="imaging-mri-when-indicated", section="imaging",
        title="MRI (preferred) or CT only when indicated",
        intervention="mri", stance="recommend",
        clinician=(
            "Keep MRI (or CT where MRI is not possible) for three situations: 6 weeks of optimal "
            "conservative management have passed and symptoms have not settled or are worsening; "
            "neurological deficits are severe or progressing; or red flags emerge."),
        patient=(
            "An MRI scan (or sometimes a CT scan) is useful if symptoms have not improved after "
            "6 weeks of good care, if nerve symptoms are getting worse, or if warning signs appear."),
        citations=("3", "1"),
        rationale=(
            "By 6 weeks most patients have improved; persistent or progressive symptoms, or a red "
            "flag, make a structural cause that needs intervention more likely. MRI shows discs and "
            "nerve roots."),
        concordance=(Concordance(agreement="differs", references=("acp-2007", "nice-ng59"), text=(
            "Imaging is kept for fewer patients. ACP 2007 recommendation 4 (strong, moderate-quality "
            "evidence) reserves MRI or CT for patients who are candidates for surgery or epidural "
            "steroid injection, and NICE NG59 (1.1.6) advises imaging only if the result is likely "
            "to change management.")),),
    ),
    Recommendation(
        id="imaging-plain-radiograph-limits", section="imaging",
        title="Plain radiographs cannot assess discs or stenosis",
        intervention="plain_radiograph", stance="avoid",
        clinician=(
            "Do not rely on plain radiographs to assess a disc problem or spinal stenosis: they do "
            "not show discs and cannot evaluate stenosis accurately."),
        patient=(
            "An ordinary X-ray cannot show the discs or whether the spinal canal is narrowed, so it "
            "will not answer questions about nerve symptoms."),
        citations=("3",),
        rationale=(
            "When the clinical question is a disc or stenosis, a radiograph cannot answer it."),
    ),
    # -- Education and activity --------------------------------------------------------------------
    Recommendation(
        id="education-reassurance", section="education-activity",
        title="Reassurance about the natural course",
        intervention="education", stance="recommend",
        clinician=(
            "Reassure the patient, with the evidence, that the natural course is favourable: most "
            "improve substantially within the first month."),
        patient=(
            "Most people with this kind of back pain get much better within a month."),
        citations=("3",),
        rationale=(
            "Knowing the expected course reduces worry and helps patients stay active, which itself "
            "aids recovery."),
    ),
    Recommendation(
        id="education-written-material", section="education-activity",
        title="Written self-care material",
        intervention="education", stance="recommend",
        clinician="Give written material to keep, such as an evidence-based self-care book.",
        patient="Your clinician can give you reliable written advice on looking after your back.",
        citations=("3",),
        rationale=(
            "Unlike the reassurance about the first month, it holds at every stage, so it is a "
            "recommendation of its own."),
    ),
    Recommendation(
        id="activity-stay-active", section="education-activity",
        title="Stay active",
        intervention="stay_active", stance="recommend",
        clinician=(
            "Advise staying active instead of resting in bed; prolonged bed rest deconditions and "
            "increases disability."),
        patient=(
            "Keep moving and carry on with your usual activities as much as you can. Resting in bed "
            "for long makes muscles weaker and recovery slower."),
        citations=("3", "1"),
        rationale="Activity keeps strength and function; rest causes deconditioning.",
        concordance=(Concordance(agreement="agrees", references=("acp-2007", "nice-ng59"), text=(
            "ACP 2007 recommendation 5 (strong, moderate-quality "
            "evidence); NICE NG59 advises continuing normal activities.")),),
    ),
    Recommendation(
        id="activity-flexion-based", section="education-activity",
        title="Flexion-based activity when bending forward helps",
        intervention="flexion_activities", stance="recommend",
        clinician=(
            "When paresthesia eases with forward flexion and worsens with extension, think of "
            "neurogenic claudication from lumbar spinal stenosis (the source calls this pattern "
            "pathognomonic) and encourage flexion-based activity, such as sitting, or leaning "
            "forward while walking."),
        patient=(
            "If bending forward eases your tingling and leaning back makes it worse, positions that "
            "bend you forward, like sitting or leaning on a trolley while walking, may help."),
        citations=("1",),
        rationale=(
            "The source reads this pattern as neurogenic claudication from spinal stenosis and advises "
            "the positions that ease it."),
        concordance=(Concordance(agreement="beyond", references=("acp-2007",), text=(
            "Not a recommendation of the primary guidelines. ACP 2007 (table 1) counts "
            "pseudoclaudication as a weak predictor of spinal stenosis, so treat the pattern as a "
            "clinical clue of limited weight, not a diagnosis.")),),
    ),
    # -- First-line medication ---------------------------------------------------------------------
    Recommendation(
        id="medication-acetaminophen", section="first-line-medication",
        title="Acetaminophen (paracetamol), up to 4 g a day",
        intervention="acetaminophen", stance="consider",
        clinician=(
            "Acetaminophen, at most 4 g a day, is a first medication option. It is safer and cheaper "
            "than an NSAID but slightly less effective: the source puts the difference at about "
            "10 points on a 100-point visual analogue scale."),
        patient=(
            "Paracetamol (acetaminophen) is one medicine to start with. It is gentler on the body "
            "than anti-inflammatories but works a little less well. Never take more than 4 g in a "
            "day."),
        citations=("3", "1"),
        rationale=(
            "A favourable safety profile and low cost make it an option, at the price of somewhat "
            "less relief. The 10-point figure comes from the source (reference 3) and was not found "
            "in the primary guidelines. Beyond the source: with liver disease the calculator adds "
            "a caution that the 4 g ceiling, the source's figure for adults in general, is not "
            "shown to be safe, and that the guidelines read set no lower ceiling, so the dose is "
            "set with the product information and specialist or pharmacy advice."),
        concordance=(Concordance(agreement="conflicts", references=("acp-2007", "acp-2017",
                                                                    "nice-ng59"), text=(
            "This follows ACP 2007 recommendation 6 (strong, "
            "moderate-quality evidence), since superseded. ACP 2017 recommendation 1 (strong, "
            "low-quality evidence) puts non-drug treatment first for acute and subacute pain and "
            "names NSAIDs or skeletal muscle relaxants if a medicine is wanted; NICE NG59 advises "
            "against paracetamol alone for low back pain.")),),
    ),
    Recommendation(
        id="medication-nsaid", section="first-line-medication",
        title="NSAIDs at the lowest effective dose, for the shortest time",
        intervention="nsaid", stance="consider",
        clinician=(
            "An NSAID is a first medication option and relieves pain better than acetaminophen, but "
            "carries gastrointestinal, renovascular and cardiovascular risk: use the lowest "
            "effective dose for the shortest time."),
        patient=(
            "Anti-inflammatory painkillers (NSAIDs) relieve back pain a little better than "
            "paracetamol (acetaminophen) but can harm the stomach, kidneys and heart. Use the smallest dose that "
            "works, for as short a time as you can."),
        citations=("3", "1", "2"),
        rationale=(
            "Better relief, weighed against stomach, kidney and heart risks. Beyond the source, "
            "the calculator adds a caution from age 65, because NICE NG59 names age among the "
            "risk factors to weigh before an NSAID (it gives no figure; 65 is our choice), and a "
            "caution for liver disease, because NICE NG59 names liver toxicity among the harms."),
        concordance=(
            Concordance(agreement="agrees", references=("nice-ng59",), text=(
                "On the risks, NICE NG59 asks clinicians to weigh "
                "gastrointestinal, liver and cardio-renal toxicity and the person's risk factors, "
                "age among them, use the lowest effective dose for the shortest time, and consider "
                "gastroprotection.")),
            _NSAID_FIRST_LINE,
        ),
    ),
    Recommendation(
        id="medication-no-systemic-corticosteroids", section="first-line-medication",
        title="No systemic corticosteroids",
        intervention="systemic_corticosteroid", stance="avoid",
        clinician=(
            "Do not use systemic corticosteroids: for spinal stenosis or radicular pain they work no "
            "better than placebo."),
        patient="Steroid tablets or injections into a muscle do not help this kind of back pain.",
        citations=("1", "2"),
        rationale="No benefit over placebo, with the known harms of steroids.",
        concordance=(Concordance(agreement="agrees", references=("acp-2017-review", "nice-ng59"),
                                 text=(
            "Both are against them, as the source is: the ACP 2017 evidence review found systemic "
            "corticosteroids not effective for radicular pain, and NICE NG59 (2020) advises "
            "against oral corticosteroids for sciatica. NICE says nothing specific on spinal "
            "stenosis.")),),
    ),
    # -- Self-care ---------------------------------------------------------------------------------
    Recommendation(
        id="self-care-heat", section="self-care",
        title="Heat for short-term relief",
        intervention="heat", stance="recommend",
        clinician="Heat, from a heating pad or heated blanket, gives short-term relief.",
        patient="A heat pad or heated blanket can ease the pain for a while.",
        citations=("3", "2"),
        rationale="Cheap, safe and helps in the short term.",
        concordance=(Concordance(agreement="agrees", references=("acp-2017",), text=(
            "ACP 2017 recommendation 1 names superficial heat "
            "(moderate-quality evidence).")),),
    ),
    Recommendation(
        id="self-care-medium-firm-mattress", section="self-care",
        title="A medium-firm mattress for chronic symptoms",
        intervention="medium_firm_mattress", stance="consider",
        clinician="For chronic symptoms, a medium-firm mattress is preferable to a firm one.",
        patient="If your back pain has lasted a long time, a medium-firm mattress may suit you better "
                "than a hard one.",
        citations=("3",),
        rationale="A low-cost change for long-lasting symptoms.",
        concordance=(Concordance(agreement="beyond", references=(), text=(
            "Not found in any primary guideline recommendation that was read.")),),
    ),
    # -- Non-drug therapies for persistent symptoms ------------------------------------------------
    Recommendation(
        id="persistent-exercise-therapy", section="non-drug-therapies",
        title="Supervised, individually tailored exercise therapy",
        intervention="exercise_therapy", stance="recommend",
        clinician=(
            "Exercise therapy that is individually tailored and supervised, with stretching and "
            "strengthening, has the best outcomes; for subacute symptoms start it between 2 and "
            "6 weeks."),
        patient=(
            "An exercise programme made for you, with stretching and strengthening and someone to "
            "guide you, works best. It usually starts 2 to 6 weeks after the pain began."),
        citations=("1", "2"),
        rationale="Tailoring and supervision improve adherence and results.",
        concordance=(_NON_DRUG_TIMING,),
    ),
    Recommendation(
        id="persistent-spinal-manipulation", section="non-drug-therapies",
        title="Spinal manipulation by a trained provider",
        intervention="spinal_manipulation", stance="consider",
        clinician=(
            "Spinal manipulation by a suitably trained provider gives small to moderate short-term "
            "benefit."),
        patient="Spinal manipulation by a trained therapist may help a little in the short term.",
        citations=("3", "1"),
        rationale="Modest, short-lived benefit; an option when symptoms persist.",
        concordance=(_NON_DRUG_TIMING,),
    ),
    Recommendation(
        id="persistent-acupuncture", section="non-drug-therapies",
        title="Acupuncture for chronic symptoms",
        intervention="acupuncture", stance="consider",
        clinician="Acupuncture is moderately effective for chronic symptoms.",
        patient="For long-lasting pain, acupuncture helps some people.",
        citations=("3", "1"),
        rationale="Moderate benefit in chronic symptoms.",
        concordance=(
            _NON_DRUG_TIMING,
            Concordance(agreement="conflicts", references=("nice-ng59",), text=(
                "NICE NG59 advises against acupuncture for low back pain.")),
        ),
    ),
    Recommendation(
        id="persistent-massage", section="non-drug-therapies",
        title="Massage for chronic low back pain",
        intervention="massage", stance="consider",
        clinician="Massage therapy is moderately effective for chronic low back pain.",
        patient="For long-lasting back pain, massage helps some people.",
        citations=("3", "1", "2"),
        rationale="Moderate benefit in chronic symptoms.",
        concordance=(_NON_DRUG_TIMING,),
    ),
    Recommendation(
        id="persistent-cbt", section="non-drug-therapies",
        title="Cognitive behavioural therapy for chronic symptoms",
        intervention="cbt", stance="consider",
        clinician="Cognitive behavioural therapy is moderately effective for chronic symptoms.",
        patient=(
            "For long-lasting pain, a talking therapy called cognitive behavioural therapy can help "
            "you manage pain and get back to activities."),
        citations=("1",),
        rationale="Moderate benefit in chronic symptoms.",
        concordance=(_NON_DRUG_TIMING,),
    ),
    # -- Further medication ------------------------------------------------------------------------
    Recommendation(
        id="medication-muscle-relaxant", section="further-medication",
        title="Skeletal muscle relaxants, short term, when spasm contributes",
        intervention="muscle_relaxant", stance="consider",
        clinician=(
            "When spasm is part of the pain, a short course of a skeletal muscle relaxant, such as "
            "cyclobenzaprine, tizanidine or metaxalone, is an option."),
        patient=(
            "If muscle spasm is part of the pain, a muscle relaxant medicine can help for a short "
            "time. It can make you drowsy."),
        citations=("1",),
        rationale="Short-term relief of spasm-related pain.",
        concordance=(Concordance(agreement="differs", references=("acp-2017",), text=(
            "Same drugs, earlier: ACP 2017 recommendation 1 (moderate-quality evidence) names "
            "skeletal muscle relaxants as a medicine option for acute and subacute pain, where the "
            "source lists them among the options for persistent symptoms. Sedation is the main "
            "harm.")),),
    ),
    Recommendation(
        id="medication-gabapentin", section="further-medication",
        title="Gabapentin for radicular symptoms",
        intervention="gabapentin", stance="consider",
        clinician=(
            "If radicular symptoms develop, gabapentin gives small, short-term benefit, for "
            "radiculopathy specifically; it is an option for neuropathic radicular pain."),
        patient=(
            "For nerve pain that spreads down the leg, a medicine called gabapentin may help a "
            "little for a short time. Current UK guidance does not recommend it."),
        citations=("1",),
        rationale="Small, short-lived benefit, limited to radiculopathy.",
        concordance=(Concordance(agreement="conflicts", references=("acp-2017-review", "nice-ng59"),
                                 text=(
            "The ACP 2017 evidence review found insufficient evidence "
            "for anticonvulsants, and NICE NG59 (2020) advises against gabapentinoids, other "
            "antiepileptics, oral corticosteroids and benzodiazepines for sciatica.")),),
    ),
    Recommendation(
        id="medication-tricyclic", section="further-medication",
        title="Tricyclic antidepressants for neuropathic features",
        intervention="tricyclic_antidepressant", stance="consider",
        clinician=(
            "If neuropathic pain features emerge, a tricyclic antidepressant may relieve pain."),
        patient=(
            "If the pain has a burning or shooting nerve quality, an older type of antidepressant is "
            "sometimes used to relieve it."),
        citations=("1",),
        rationale="Possible relief of neuropathic pain components.",
        concordance=(Concordance(agreement="conflicts", references=("nice-ng59",), text=(
            "NICE NG59 advises against SSRIs, SNRIs and tricyclic antidepressants for low back "
            "pain.")),),
    ),
    Recommendation(
        id="medication-duloxetine", section="further-medication",
        title="Duloxetine for chronic symptoms",
        intervention="duloxetine", stance="consider",
        clinician="Duloxetine may help chronic symptoms.",
        patient="For long-lasting pain, a medicine called duloxetine may help some people.",
        citations=("4",),
        rationale=(
            "A possible option in chronic symptoms. The source's only citation is its reference 4, "
            "which it does not list."),
        concordance=(
            Concordance(agreement="differs", references=("acp-2017",), text=(
                "ACP 2017 recommendation 3 (weak, moderate-quality evidence) places duloxetine "
                "later: a second-line option, after NSAIDs, when non-drug care has not helped.")),
            Concordance(agreement="conflicts", references=("nice-ng59",), text=(
                "NICE NG59 advises against SNRIs, the class duloxetine belongs to, for low back "
                "pain.")),
        ),
    ),
    # -- Radicular symptoms ------------------------------------------------------------------------
    Recommendation(
        id="radicular-natural-history", section="radicular",
        title="Radicular symptoms: expect improvement, continue conservative care",
        intervention="education", stance="recommend",
        clinician=(
            "Most patients with lumbar disc herniation and radiculopathy improve within the first "
            "4 weeks of non-invasive care. Continue activity modification and NSAIDs, and consider "
            "gabapentin for neuropathic pain."),
        patient=(
            "Most people whose leg pain or tingling comes from a disc pressing on a nerve get better "
            "within 4 weeks without an operation. Keep adapting your activities and continue the "
            "pain relief you and your clinician agreed."),
        citations=("3", "2", "1"),
        rationale="The favourable natural history supports waiting with active conservative care.",
    ),
    Recommendation(
        id="radicular-epidural-steroid-injection", section="radicular",
        title="Epidural steroid injection: only after failed conservative care, with confirmed "
              "impingement",
        intervention="epidural_steroid_injection", stance="consider",
        clinician=(
            "Consider an epidural steroid injection only when conservative management has failed "
            "and imaging confirms nerve-root impingement. It relieves symptoms for a short time and "
            "is not for routine use."),
        patient=(
            "A steroid injection near the spine is only considered if other care has not worked "
            "and a scan shows a trapped nerve. Its benefit is short-lived."),
        citations=("3", "1", "4"),
        rationale=(
            "Short-term benefit only, for a clearly identified root lesion. Beyond the source: "
            "when symptoms ease bending forward and worsen leaning back, the pattern of neurogenic "
            "claudication from spinal stenosis, the calculator does not offer the injection and "
            "says why in a warning, because NICE NG59 advises against epidural injections for "
            "neurogenic claudication in central spinal stenosis. Withholding it is the safer "
            "reading where the two sources meet; a specialist who finds a root lesion without "
            "central stenosis can still judge otherwise."),
        concordance=(Concordance(agreement="differs", references=("nice-ng59",), text=(
            "NICE NG59 advises considering epidural local anaesthetic and steroid for acute and "
            "severe sciatica, earlier than the source's failed conservative care; it advises "
            "against epidural injections for neurogenic claudication in central spinal stenosis "
            "(the calculator withholds the injection for that pattern) and against spinal "
            "injections for non-specific low back pain.")),),
    ),
    Recommendation(
        id="radicular-surgical-consultation", section="radicular",
        title="Surgical consultation for persistent disability or progressive deficit",
        intervention="surgical_consultation", stance="consider",
        clinician=(
            "Reserve surgical consultation for persistent functional disability and pain despite "
            "comprehensive conservative therapy, or for progressive neurological deficits."),
        patient=(
            "Seeing a spine surgeon is for people whose pain and disability continue despite "
            "thorough non-surgical care, or whose nerve symptoms are getting worse."),
        citations=("1", "4"),
        rationale="Surgery helps selected patients; most improve without it.",
    ),
    # -- Pitfalls ----------------------------------------------------------------------------------
    Recommendation(
        id="pitfall-bed-rest", section="pitfalls",
        title="No prolonged bed rest",
        intervention="bed_rest", stance="avoid",
        clinician="Do not prescribe prolonged bed rest: it deconditions and worsens symptoms.",
        patient="Do not stay in bed for long. It makes back pain worse, not better.",
        citations=("3", "1"),
        rationale="Bed rest causes deconditioning and more disability.",
        concordance=(Concordance(agreement="agrees", references=("acp-2007", "nice-ng59"), text=(
            "ACP 2007 recommendation 5 (strong, moderate-quality evidence) advises staying "
            "active rather than resting in bed; NICE NG59 advises continuing normal "
            "activities.")),),
    ),
    Recommendation(
        id="pitfall-imaging-findings-alone", section="pitfalls",
        title="Do not act on imaging findings alone",
        intervention="epidural_steroid_injection", stance="avoid",
        clinician=(
            "Do not base treatment on imaging findings alone: many MRI abnormalities are found in "
            "people without symptoms, so correlate them with the clinical picture."),
        patient=(
            "Many people without any back pain have changes on a scan. Treatment should not be "
            "based on a scan alone: a result only matters if it matches your symptoms."),
        citations=("3", "1"),
        rationale=(
            "An injection or operation aimed at an incidental finding cannot help and carries "
            "risk."),
    ),
    Recommendation(
        id="pitfall-opioids-first-line", section="pitfalls",
        title="No opioids as first-line therapy",
        intervention="opioid", stance="avoid",
        clinician="Do not use opioids as first-line therapy.",
        patient="Strong painkillers such as opioids are not a first choice for back pain.",
        citations=("3",),
        rationale="Opioid risks outweigh their benefit while other options remain.",
        concordance=(
            Concordance(agreement="agrees", references=("acp-2017",), text=(
                "ACP 2017 recommendation 3 (weak, moderate-quality evidence) is against opioids as "
                "a first choice: it keeps them for patients in whom first- and second-line "
                "treatments have failed, after a talk about their risks.")),
            Concordance(agreement="differs", references=("nice-ng59",), text=(
                "NICE NG59 is stricter for chronic pain and less strict for acute pain: it advises "
                "against opioids for chronic low back pain and chronic sciatica at any stage, and "
                "for acute low back pain it allows a weak opioid, with or without paracetamol, as "
                "an early option when an NSAID is contraindicated, not tolerated or has not "
                "worked.")),
        ),
    ),
    Recommendation(
        id="pitfall-opioids-after-failed-treatments", section="pitfalls",
        title="Opioids only after every other treatment has failed",
        intervention="opioid", stance="consider",
        clinician=(
            "Consider an opioid only when all other treatments have failed, and only after "
            "discussing its known risks and realistic benefits with the patient."),
        patient=(
            "An opioid painkiller may be discussed only if everything else has failed. Your "
            "clinician should explain the risks and what it can realistically do before you "
            "decide."),
        citations=("3",),
        rationale="A last option, chosen together with the patient, eyes open to the risks.",
        concordance=(
            Concordance(agreement="agrees", references=("acp-2017",), text=(
                "ACP 2017 recommendation 3 (weak, moderate-quality evidence) considers opioids only "
                "once first- and second-line treatments have failed, and only after discussing "
                "their known risks and realistic benefits.")),
            Concordance(agreement="conflicts", references=("nice-ng59",), text=(
                "NICE NG59 advises against opioids for chronic low back pain and for chronic "
                "sciatica, whatever else has been tried. The calculator offers this option only in "
                "the chronic phase, so NICE's advice applies to every patient it is offered to.")),
        ),
    ),
    Recommendation(
        id="pitfall-normal-aging", section="pitfalls",
        title="Do not put persisting symptoms down to normal ageing",
        intervention="follow_up", stance="recommend",
        clinician=(
            "Do not attribute symptoms to normal ageing without a proper clinical assessment: doing "
            "so can delay recognising progressive neurological compromise."),
        patient=(
            "Symptoms that do not settle should be properly checked, not put down to getting "
            "older."),
        citations=("1",),
        rationale="Labelling symptoms as ageing is how progressive nerve compromise gets missed.",
    ),
    Recommendation(
        id="pitfall-meralgia-paresthetica", section="pitfalls",
        title="Consider meralgia paresthetica for anterolateral thigh symptoms",
        intervention="meralgia_paresthetica_assessment", stance="consider",
        clinician=(
            "Consider other diagnoses: meralgia paresthetica, entrapment of the lateral femoral "
            "cutaneous nerve, can mimic low back pain with paresthesia when symptoms lie in the "
            "anterolateral thigh."),
        patient=(
            "Tingling or numbness on the outer front of the thigh can come from a trapped nerve at "
            "the hip (meralgia paresthetica) rather than from the back."),
        citations=("5",),
        rationale=(
            "A different nerve, a different treatment. The source's only citation is its reference "
            "5, which it does not list."),
        concordance=(Concordance(agreement="beyond", references=(), text=(
            "No primary guideline that was read addresses this differential.")),),
    ),
    # -- Follow-up ---------------------------------------------------------------------------------
    Recommendation(
        id="follow-up-reassess", section="follow-up",
        title="Reassess within a month; look for red flags at every visit",
        intervention="follow_up", stance="recommend",
        clinician=(
            "Reassess within 1 month if symptoms persist, and at every visit check again for red "
            "flags and progressive neurological deficit."),
        patient=(
            "See your clinician again within a month if you are not better, and straight away if "
            "any warning sign appears."),
        citations=("3",),
        rationale="Red flags can appear later; a planned review catches them.",
    ),
)
