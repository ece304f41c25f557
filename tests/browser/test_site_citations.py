"""Citing and version history in Chromium: a recommendation page's citation (version, permalink, the
reader's date), its copy buttons and downloads, its history, the /changes/ page, and the guideline's
citation on the about page."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from lbp_core.changelog import CHANGELOG, last_changed
from lbp_core.guideline import GUIDELINE, recommendation

READER_DAY = datetime.datetime(2027, 1, 5, 10, 30)  # the reader's clock in these tests


def site_url(site_dir: Path) -> str:
    """The address the site was built for (its sitemap lists its pages under it)."""
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    first = re.search(r"<loc>([^<]+)</loc>", sitemap)
    assert first is not None
    return first[1]


class CitationBlock:
    """A ``[data-lbp-cite]`` block: its two styles, their copy buttons, its files and status line."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator("[data-lbp-cite]")
        self.status: Locator = self.root.locator(".lbp-rec__status")

    def text(self, style: str) -> Locator:
        return self.root.locator(f'[data-cite-style="{style}"]')

    def copy(self, style: str) -> Locator:
        return self.root.locator(f'[data-lbp-copy-cite="{style}"]')

    def download(self, kind: str) -> tuple[str, str]:
        """(file name, text) of the .bib or .ris file its link downloads."""
        with self.page.expect_download() as info:
            self.root.locator(f'[data-cite-file="{kind}"]').click()
        download = info.value
        path = download.path()
        return download.suggested_filename, Path(path).read_bytes().decode("utf-8")


@pytest.fixture
def cite(page: Page) -> CitationBlock:
    page.clock.set_fixed_time(READER_DAY)
    return CitationBlock(page)


def test_a_recommendation_page_cites_it_with_version_permalink_and_the_readers_date(
        page: Page, cite: CitationBlock, site_dir: Path) -> None:
    page.goto("/recommendations/pitfall-bed-rest/")
    permalink = f"{site_url(site_dir)}recommendations/pitfall-bed-rest/"
    expect(cite.root).to_be_visible()
    expect(cite.root).to_have_attribute("data-version", GUIDELINE.version)
    expect(cite.root).to_have_attribute("data-permalink", permalink)
    expect(cite.root.locator("a.lbp-citation__permalink")).to_have_attribute("href", permalink)
    changed = datetime.date.fromisoformat(last_changed("pitfall-bed-rest").date)
    expect(cite.text("vancouver")).to_have_text(
        f"Low back pain guidance. {recommendation('pitfall-bed-rest').title} (recommendation pitfall-bed-rest) "
        f"[Internet]. In: {GUIDELINE.title}. Version {GUIDELINE.version}. Low back pain guidance; 2026 "
        f"[updated {changed.year} {changed.strftime('%b')} {changed.day}; cited 2027 Jan 5]. "
        f"Available from: {permalink}")
    expect(cite.text("apa")).to_have_text(
        f"Low back pain guidance. ({changed.year}, {changed.strftime('%B')} {changed.day}). "
        f"{recommendation('pitfall-bed-rest').title} (Recommendation pitfall-bed-rest). In {GUIDELINE.title} "
        f"(Version {GUIDELINE.version}). {permalink}")
    expect(cite.text("apa").locator("em")).to_have_count(2)  # the two titles, in italics


@pytest.mark.parametrize("style", ["vancouver", "apa"])
def test_copy_puts_the_citation_on_the_clipboard(page: Page, cite: CitationBlock, base_url: str,
                                                 style: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/recommendations/medication-nsaid/")
    expect(cite.text("vancouver")).to_contain_text("cited 2027 Jan 5")
    cite.copy(style).click()
    expect(cite.status).to_have_text("Citation copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(cite.text(style).text_content().split())  # type: ignore[union-attr]
    assert "medication-nsaid" in copied and GUIDELINE.version in copied


def test_when_the_clipboard_is_refused_the_citation_is_selected(page: Page, cite: CitationBlock) -> None:
    page.goto("/recommendations/medication-nsaid/")
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    cite.copy("apa").click()
    expect(cite.status).to_have_text("Copying was not allowed: the citation is selected, copy it from there.")
    selected = page.evaluate("String(window.getSelection())")
    assert selected.startswith("Low back pain guidance. (") and "medication-nsaid" in selected


@pytest.mark.parametrize(("kind", "starts"), [("bib", "@misc{lbp-self-care-heat,"), ("ris", "TY  - ELEC\r\n")])
def test_the_bib_and_ris_files_download_naming_the_id(page: Page, cite: CitationBlock, site_dir: Path,
                                                      kind: str, starts: str) -> None:
    page.goto("/recommendations/self-care-heat/")
    name, text = cite.download(kind)
    assert name == f"lbp-self-care-heat.{kind}"
    assert text.startswith(starts)
    assert "self-care-heat" in text and GUIDELINE.version in text
    assert f"{site_url(site_dir)}recommendations/self-care-heat/" in text


def test_the_history_is_shown_and_links_to_the_version(page: Page) -> None:
    page.goto("/recommendations/red-flags-vertebral-fracture/")
    history = page.locator("[data-lbp-history]")
    expect(history).to_be_visible()
    expect(history).to_have_attribute("data-changed-in", "2026.12.1")
    expect(history.locator("li")).to_have_text([re.compile(r"^Changed in 2026\.12\.1 \(2026-12-06\): "
                                                           r"Prolonged corticosteroid use")])
    history.get_by_role("link", name="2026.12.1").first.click()
    expect(page).to_have_url(re.compile(r"/changes/#v2026-12-1$"))
    expect(page.locator("#v2026-12-1")).to_be_in_viewport()


def test_an_unchanged_recommendation_says_since_when(page: Page) -> None:
    page.goto("/recommendations/pitfall-meralgia-paresthetica/")
    expect(page.locator("[data-lbp-history]")).to_contain_text("Unchanged since 2025.11.1 (first published "
                                                               "2026-11-23)")


def test_the_changes_page_lists_every_version_newest_first(page: Page) -> None:
    page.goto("/changes/")
    expect(page.locator("article h1")).to_contain_text("Version history")
    releases = page.locator("h2[data-lbp-release]")
    expect(releases).to_have_count(len(CHANGELOG))
    assert [releases.nth(i).get_attribute("data-lbp-release") for i in range(len(CHANGELOG))] == [
        release.version for release in CHANGELOG]
    expect(page.locator("article")).to_contain_text(f"Released {CHANGELOG[-1].date}. {CHANGELOG[-1].summary}")
    page.get_by_role("link", name=recommendation("radicular-epidural-steroid-injection").title).first.click()
    expect(page).to_have_url(re.compile(r"/recommendations/radicular-epidural-steroid-injection/$"))


def test_the_about_page_cites_the_whole_guideline(page: Page, cite: CitationBlock, site_dir: Path) -> None:
    page.goto("/about/")
    expect(cite.root).to_have_attribute("data-permalink", site_url(site_dir))
    expect(cite.text("apa")).to_contain_text(f"{GUIDELINE.title} (Version {GUIDELINE.version}).")
    name, text = cite.download("bib")
    assert name == "lbp-guideline.bib" and text.startswith("@misc{lbp-guideline,")
