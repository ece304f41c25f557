"""The version history on the site: each recommendation's own, and the page of every version's changes.

Both read :mod:`lbp_core.changelog`, the one list of what changed; the build fails before any page is
rendered if a recommendation changed without an entry there (:func:`changelog_problem`).
"""

from __future__ import annotations

from html import escape

from lbp_core.changelog import CHANGELOG, check, first_published, history, last_changed
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS
from lbp_core.model import Release

from .links import Linker

__all__ = ["changelog_problem", "changes_page", "history_block", "release_anchor"]


def changelog_problem() -> str | None:
    """The build's error when the changelog does not cover the content, naming each recommendation."""
    problems = check()
    if not problems:
        return None
    return ("lbp-recommendations: the changelog (lbp_core/_changelog.py) and the recorded fingerprints "
            "(lbp_core/fingerprints.json) do not cover the content: " + "; ".join(problems))


def release_anchor(version: str) -> str:
    """The anchor of a version on the changes page: ``v2026-12-1``."""
    return "v" + version.replace(".", "-")


def history_block(rec_id: str, linker: Linker, changes_page: str | None) -> str:
    """``[data-lbp-history]``: every change to the recommendation, newest first, or that it is
    unchanged since it was first published."""
    def version_link(item: Release) -> str:
        text = escape(item.version)
        if changes_page is None:
            return text
        return f'<a href="{escape(linker.href(changes_page, release_anchor(item.version)))}">{text}</a>'

    first, last = first_published(rec_id), last_changed(rec_id)
    changes = [(item, change) for item, change in history(rec_id) if not change.introduced]
    out = [f'<div class="lbp-rec-page__history" data-lbp-history data-changed-in="{escape(last.version)}">']
    if not changes:
        out.append(f'<p class="lbp-history__summary">Unchanged since {version_link(first)} (first '
                   f'published {escape(first.date)}). The content is now at version '
                   f'{escape(GUIDELINE.version)}.</p>')
    else:
        out.append(f'<p class="lbp-history__summary">Last changed in {version_link(last)} '
                   f'({escape(last.date)}); the content is now at version {escape(GUIDELINE.version)}.</p>')
        out.append('<ul class="lbp-history__changes">')
        out += [f'<li data-version="{escape(item.version)}">Changed in {version_link(item)} '
                f'({escape(item.date)}): {escape(change.what)} <em>Why:</em> {escape(change.why)}</li>'
                for item, change in changes]
        out.append("</ul>")
        out.append(f'<p class="lbp-history__first">First published in {version_link(first)} '
                   f'({escape(first.date)}).</p>')
    out.append("</div>")
    return "".join(out)


def changes_page(pages_dir: str) -> str:
    """The Markdown of ``changes.md``: every version, newest first, each change with the recommendations
    it touched, linked to their pages."""
    titles = {rec.id: rec.title for rec in RECOMMENDATIONS}
    out = ["---", "title: Version history", "---", "", "# Version history", "",
           "What changed in each version of this guidance, newest first: every change to what a "
           "recommendation advises (its statement, stance, citations or the calculator's rule for it) "
           "and every change of a current-guidance label (agrees, differs, conflicts). Rewording of the "
           "explanations alone is not listed. Each recommendation's page shows its own history, and every "
           "calculator result names the version that produced it.", ""]
    for item in CHANGELOG:
        out += [f'## Version {item.version} {{ #{release_anchor(item.version)} '
                f'data-lbp-release="{item.version}" }}', "",
                f"Released {item.date}. {_md(item.summary)}", ""]
        for change in item.changes:
            recs = ", ".join(f"[{_md(titles[rec_id])}]({_page(pages_dir, rec_id)}) (`{rec_id}`)"
                             if rec_id in titles else f"`{rec_id}` (withdrawn)" for rec_id in change.recs)
            out += [f"- {_md(change.what)} *Why:* {_md(change.why)}<br>", f"  {recs}", ""]
    return "\n".join(out)


def _page(pages_dir: str, rec_id: str) -> str:
    return f"{pages_dir}/{rec_id}.md"


def _md(text: str) -> str:
    return escape(text).replace("*", "\\*").replace("_", "\\_").replace("[", "&#91;").replace("]", "&#93;")
