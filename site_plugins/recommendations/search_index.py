"""The JSON index the offline question search reads: one entry per recommendation.

URLs in the index are relative to the index file itself, so the script resolves them with
``new URL(url, indexUrl)`` and the site works under any sub-path.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from mkdocs.utils import get_relative_url

from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, SECTIONS

from .labels import STANCE_LABELS

__all__ = ["SYNONYMS", "search_index"]

# Everyday words a question may use for what the guidance names otherwise.
SYNONYMS: dict[str, list[str]] = {
    "paracetamol": ["acetaminophen"],
    "tylenol": ["acetaminophen"],
    "ibuprofen": ["nsaid"],
    "naproxen": ["nsaid"],
    "diclofenac": ["nsaid"],
    "antiinflammatory": ["nsaid"],
    "anti-inflammatory": ["nsaid"],
    "painkiller": ["acetaminophen", "nsaid", "opioid"],
    "scan": ["mri", "imaging"],
    "x-ray": ["radiograph", "imaging"],
    "xray": ["radiograph", "imaging"],
    "ct": ["mri", "imaging"],
    "sciatica": ["radicular", "radiculopathy"],
    "leg": ["radicular", "bilateral"],
    "tingling": ["paresthesia"],
    "numbness": ["numb", "anaesthesia", "paresthesia"],
    "steroid": ["corticosteroid", "epidural", "steroids", "corticosteroids"],
    "injection": ["epidural", "injections"],
    "operation": ["surgery", "surgical"],
    "surgeon": ["surgical", "surgery"],
    "bladder": ["urine", "urinary", "retention"],
    "bowel": ["sphincter", "bowels"],
    "cancer": ["malignancy"],
    "tumour": ["malignancy", "cancer"],
    "tumor": ["malignancy", "cancer"],
    "fall": ["trauma", "fracture"],
    "broken": ["fracture"],
    "accident": ["trauma"],
    "rest": ["bed", "active"],
    "bed": ["bed", "mattress"],
    "exercise": ["exercise", "active", "stretching"],
    "physio": ["exercise", "manipulation"],
    "physiotherapy": ["exercise", "manipulation"],
    "chiropractor": ["manipulation"],
    "chiropractic": ["manipulation"],
    "antidepressant": ["tricyclic", "duloxetine"],
    "amitriptyline": ["tricyclic"],
    "therapy": ["cbt", "therapy"],
    "spasm": ["spasm", "relaxant"],
    "thigh": ["meralgia", "anterolateral"],
    "old": ["ageing", "aging"],
    "age": ["ageing", "aging"],
    "morphine": ["opioid"],
    "codeine": ["opioid"],
    "oxycodone": ["opioid"],
    "tramadol": ["opioid"],
}


def search_index(index_src: str, url_of: Callable[[str, str], str],
                 rec_page: Callable[[str], str]) -> str:
    """The index as JSON text.

    ``url_of(src_uri, anchor)`` and ``rec_page(rec_id)`` give site-root-relative URLs (``File.url``),
    which are made relative to ``index_src``'s own URL here.
    """
    index_url = url_of(index_src, "")
    section_titles = {s.id: s.title for s in SECTIONS}
    section_pages = {s.id: s.page for s in SECTIONS}

    def rel(url: str) -> str:
        path, _, anchor = url.partition("#")
        out = get_relative_url(path, index_url)
        return f"{out}#{anchor}" if anchor else out

    entries = [{
        "id": rec.id,
        "title": rec.title,
        "section": section_titles[rec.section],
        "stance": rec.stance,
        "stance_label": STANCE_LABELS[rec.stance],
        "red_flag": rec.red_flag,
        "intervention": rec.intervention.replace("_", " "),
        "clinician": rec.clinician,
        "patient": rec.patient,
        "rationale": rec.rationale,
        "url": rel(url_of(section_pages[rec.section], rec.id)),
        "page": rel(rec_page(rec.id)),
    } for rec in RECOMMENDATIONS]
    return json.dumps({"version": GUIDELINE.version, "synonyms": SYNONYMS,
                       "recommendations": entries}, ensure_ascii=False, indent=1)
