"""How to cite a recommendation, or the whole guideline: Vancouver and APA text, BibTeX and RIS files.

Each citation names the site (as the corporate author), the title, the recommendation's ID, the content
version, the date the recommendation last changed (from the changelog) and its permanent address (the
published ``site_url``).

The date the reader consulted it: Vancouver (NLM's Citing Medicine) always asks for it ("cited"), so the
page's script writes the reader's own date there (recommendations.js; without a script it reads "the
date you read it"); the build cannot know it. APA 7 asks for a retrieval date only for pages that change
and are not archived: a recommendation is identified by its content version and last-changed date, so
APA gives none. The .bib and .ris files, written at build time, carry no access date either; a reference
manager adds its own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

__all__ = ["Citable", "apa", "bibtex", "citation_block", "ris", "vancouver"]

_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_BIBTEX = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TODAY_PLACEHOLDER = "the date you read it"


@dataclass(frozen=True, kw_only=True, slots=True)
class Citable:
    """What a citation names."""

    site: str
    """The site's name, the corporate author and publisher."""
    guideline: str
    """The guideline's title."""
    version: str
    """The content version."""
    published: str
    """The day the content was first published (ISO 8601)."""
    changed: str
    """The day this recommendation (or, for the guideline, the content) last changed (ISO 8601)."""
    url: str
    """The permanent, absolute address."""
    rec_id: str = ""
    """The recommendation's ID; empty to cite the whole guideline."""
    title: str = ""
    """The recommendation's title; empty for the guideline."""

    @property
    def key(self) -> str:
        """The citation key and file name: ``lbp-<rec id>``, or ``lbp-guideline``."""
        return f"lbp-{self.rec_id or 'guideline'}"


def _date(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _vancouver_date(iso: str) -> str:
    day = _date(iso)
    return f"{day.year} {_MONTHS_SHORT[day.month - 1]} {day.day}"


def _apa_date(iso: str) -> str:
    day = _date(iso)
    return f"{day.year}, {day.strftime('%B')} {day.day}"


def vancouver(c: Citable, *, today: str = _TODAY_PLACEHOLDER) -> str:
    """Vancouver (NLM's Citing Medicine, a part of a website) as plain text.

    >>> vancouver(Citable(site="Site", guideline="Guide", version="2026.12.1", published="2026-11-23",
    ...                   changed="2026-11-25", url="https://x.org/r/a/", rec_id="a", title="Title"))
    'Site. Title (recommendation a) [Internet]. In: Guide. Version 2026.12.1. Site; 2026 [updated 2026 Nov 25; cited the date you read it]. Available from: https://x.org/r/a/'
    """
    head = f"{c.title} (recommendation {c.rec_id}) [Internet]. In: {c.guideline}" if c.rec_id \
        else f"{c.guideline} [Internet]"
    return (f"{c.site}. {head}. Version {c.version}. {c.site}; {_date(c.published).year} [updated "
            f"{_vancouver_date(c.changed)}; cited {today}]. Available from: {c.url}")


def apa(c: Citable) -> str:
    """APA 7 (a web page with a group author, which is also the site) as plain text; the titles are in
    italics where shown on the page (:func:`citation_block`).

    >>> apa(Citable(site="Site", guideline="Guide", version="2026.12.1", published="2026-11-23",
    ...             changed="2026-11-25", url="https://x.org/r/a/", rec_id="a", title="Title"))
    'Site. (2026, November 25). Title (Recommendation a). In Guide (Version 2026.12.1). https://x.org/r/a/'
    """
    if c.rec_id:
        return (f"{c.site}. ({_apa_date(c.changed)}). {c.title} (Recommendation {c.rec_id}). In "
                f"{c.guideline} (Version {c.version}). {c.url}")
    return f"{c.site}. ({_apa_date(c.changed)}). {c.guideline} (Version {c.version}). {c.url}"


def _apa_html(c: Citable) -> str:
    if c.rec_id:
        return (f"{escape(c.site)}. ({_apa_date(c.changed)}). <em>{escape(c.title)}</em> (Recommendation "
                f"{escape(c.rec_id)}). In <em>{escape(c.guideline)}</em> (Version {escape(c.version)}). "
                f"{escape(c.url)}")
    return (f"{escape(c.site)}. ({_apa_date(c.changed)}). <em>{escape(c.guideline)}</em> (Version "
            f"{escape(c.version)}). {escape(c.url)}")


def _bibtex_text(text: str) -> str:
    """Text safe in a BibTeX field: LaTeX's special characters escaped."""
    out = []
    for char in text:
        if char in "&%$#_{}":
            out.append("\\" + char)
        elif char == "~":
            out.append("\\textasciitilde{}")
        elif char == "^":
            out.append("\\textasciicircum{}")
        elif char == "\\":
            out.append("\\textbackslash{}")
        else:
            out.append(char)
    return "".join(out)


def _about(c: Citable) -> str:
    what = f"Recommendation {c.rec_id}, content version {c.version}" if c.rec_id \
        else f"Content version {c.version}"
    return f"{what}, last changed {c.changed}"


def bibtex(c: Citable) -> str:
    """A BibTeX ``@misc`` entry (biblatex reads ``version`` and ``url``; BibTeX, ``howpublished`` and
    ``note``)."""
    changed = _date(c.changed)
    title = c.title or c.guideline
    fields = [("author", "{" + _bibtex_text(c.site) + "}"), ("title", "{" + _bibtex_text(title) + "}")]
    if c.rec_id:
        fields.append(("booktitle", _bibtex_text(c.guideline)))
    fields += [("organization", _bibtex_text(c.site)), ("version", _bibtex_text(c.version)),
               ("year", str(changed.year)), ("month", _MONTHS_BIBTEX[changed.month - 1]),
               ("url", c.url), ("howpublished", "\\url{" + c.url + "}"),
               ("note", _bibtex_text(_about(c)))]
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def ris(c: Citable) -> str:
    """An RIS record of type ELEC (a web page), lines ending in CR LF as the format asks."""
    changed = _date(c.changed)
    lines = [("TY", "ELEC"), ("AU", c.site), ("TI", c.title or c.guideline)]
    if c.rec_id:
        lines.append(("T2", c.guideline))
    lines += [("ET", c.version), ("PY", str(changed.year)), ("DA", changed.strftime("%Y/%m/%d")),
              ("PB", c.site), ("UR", c.url), ("ID", c.key), ("N1", _about(c) + "."), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def citation_block(c: Citable, *, bib_href: str, ris_href: str) -> str:
    """The ``[data-lbp-cite]`` block: both styles, a copy button for each, and the two files."""
    what = "this recommendation" if c.rec_id else "this guideline"
    changed = "last changed" if c.rec_id else "released"
    vancouver_html = escape(vancouver(c, today="\0")).replace(
        "\0", f'<span data-lbp-cite-today>{_TODAY_PLACEHOLDER}</span>')
    styles = [("vancouver", "Vancouver", vancouver_html), ("apa", "APA", _apa_html(c))]
    rec = f' data-rec="{escape(c.rec_id)}"' if c.rec_id else ""
    parts = [f'<div class="lbp-citation" data-lbp-cite data-version="{escape(c.version)}" '
             f'data-permalink="{escape(c.url)}"{rec}>',
             f'<p class="lbp-citation__about">Cite {what} as it reads in content version '
             f'<strong>{escape(c.version)}</strong> ({changed} {escape(c.changed)}), at its permanent '
             f'address <a class="lbp-citation__permalink" href="{escape(c.url)}">{escape(c.url)}</a>.</p>']
    for style, label, html in styles:
        parts.append(f'<div class="lbp-citation__style"><p class="lbp-citation__label">{label}</p>'
                     f'<p class="lbp-citation__text" data-cite-style="{style}">{html}</p>'
                     f'<button type="button" class="lbp-rec__copy md-button" data-lbp-copy-cite="{style}">'
                     f'Copy the {label} citation</button></div>')
    parts.append('<p class="lbp-citation__files">For a reference manager: '
                 f'<a href="{escape(bib_href)}" download="{c.key}.bib" data-cite-file="bib">BibTeX (.bib)</a>'
                 f' · <a href="{escape(ris_href)}" download="{c.key}.ris" data-cite-file="ris">RIS (.ris)</a></p>')
    parts.append('<p class="lbp-rec__status lbp-citation__status" role="status" aria-live="polite"></p></div>')
    return "".join(parts)
