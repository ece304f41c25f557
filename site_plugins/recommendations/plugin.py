"""The ``lbp-recommendations`` plugin: the guidance of :mod:`lbp_core`, recommendation by recommendation.

- ``on_config``: checks that the changelog covers every change to a recommendation (the build fails
  naming it), checks the permalink registry and adds the plugin's script and stylesheet.
- ``on_files``: generates a page per recommendation (with its version history and how to cite it), their
  index, the version history page, the .bib and .ris files, the question-search JSON and assets.
- ``on_page_markdown``: expands the markers (see :mod:`.markers`) and records where each recommendation
  is placed; ``on_env`` fails the build if one is placed nowhere.
- ``on_page_context``: puts the audience switch at the top of every page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from lbp_core.changelog import CHANGELOG, first_published, first_release, last_changed
from lbp_core.guideline import GUIDELINE, RECOMMENDATIONS, SECTIONS
from lbp_core.model import Recommendation

from .cite import Citable, bibtex, citation_block, ris
from .config import RecommendationsConfig
from .history import changelog_problem, changes_page, history_block
from .links import Linker
from .markers import MarkerContext, expand_markers
from .pages import index_page, recommendation_page
from .registry import aliases, check_registry, read_registry
from .render import audience_switch, has_wordings
from .search_index import search_index
from .worked import cases_by_recommendation

__all__ = ["RecommendationsPlugin"]

log = logging.getLogger("mkdocs.plugins.lbp.recommendations")

_ASSETS = Path(__file__).parent / "assets"
_SCRIPT = "assets/lbp/recommendations.js"
_STYLESHEET = "assets/lbp/recommendations.css"


class RecommendationsPlugin(BasePlugin[RecommendationsConfig]):
    """Renders every recommendation once in the prose, and once more on a page of its own."""

    def __init__(self) -> None:
        self.placed: dict[str, str] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}
        self.dirty = False
        self.site_name = ""
        self.site_url = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A dirty rebuild (mkdocs serve --dirty) skips unchanged pages, so their placements are
        # not seen again; the placed-nowhere check then trusts the last full build.
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        problem = changelog_problem()
        if problem is not None:
            raise PluginError(problem)
        if not config.site_url:
            raise PluginError("lbp-recommendations: site_url is not set in mkdocs.yml; each "
                              "recommendation's citation names its permanent address, which needs it")
        self.site_name, self.site_url = config.site_name, config.site_url
        registry = Path(config.config_file_path or ".").parent / self.config.registry
        published, current = read_registry(registry), [r.id for r in RECOMMENDATIONS]
        redirects, pages_dir = _redirect_maps(config), self.config.pages_dir.strip("/")
        check_registry(registry, published, current, redirects, pages_dir)
        self.aliases = aliases(published, current, redirects, pages_dir)
        for page in {s.page for s in SECTIONS} | {self.config.references_page}:
            if not (Path(config.docs_dir) / page).is_file():
                raise PluginError(f"lbp-recommendations: {page} (named by lbp_core's sections or by "
                                  f"the references_page setting) is missing from {config.docs_dir}")
        config.extra_css.append(_STYLESHEET)
        config.extra_javascript.append(_SCRIPT)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:
            self.placed = {}

    # Early, before mkdocs-redirects (priority 0) lists the documentation pages: a redirect for a
    # withdrawn recommendation can then target a generated recommendation page.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        calculator = self.config.calculator_page or None
        if calculator and files.get_file_from_path(calculator) is None:
            raise PluginError(f"lbp-recommendations: calculator_page: {calculator} is not in the "
                              "docs; set calculator_page: '' to build without worked-case links")
        cases_page = self.config.cases_page or None
        if cases_page and files.get_file_from_path(cases_page) is None:
            raise PluginError(f"lbp-recommendations: cases_page: {cases_page} is not in the docs; "
                              "set cases_page: '' to build without links to the case write-ups")
        pages_dir = self.config.pages_dir.strip("/")
        for name in (_SCRIPT, _STYLESHEET):
            files.append(File.generated(config, name, abs_src_path=str(_ASSETS / Path(name).name)))
        changes = self.config.changes_page or None
        if changes:
            if files.get_file_from_path(changes) is not None:
                raise PluginError(f"lbp-recommendations: changes_page: {changes} is generated from "
                                  "lbp_core's changelog; remove it from the docs")
            files.append(File.generated(config, changes, content=changes_page(pages_dir)))
        self._generate_pages(files, config, pages_dir, calculator, cases_page, changes)
        self._generate_search_index(files, config, pages_dir)
        return files

    def _citable(self, rec_id: str = "", title: str = "", url: str = "") -> Citable:
        """What a citation of a recommendation (or, without ``rec_id``, the whole guideline) names."""
        if rec_id:
            published, changed = first_published(rec_id).date, last_changed(rec_id).date
        else:
            published, changed = first_release().date, CHANGELOG[0].date
        return Citable(site=self.site_name, guideline=GUIDELINE.title, version=GUIDELINE.version,
                       published=published, changed=changed, url=url or self.site_url,
                       rec_id=rec_id, title=title)

    def _generate_citation_files(self, files: Files, config: MkDocsConfig, pages_dir: str,
                                 rec_files: list[tuple[Recommendation, File]]) -> None:
        """``<pages_dir>/cite/lbp-<id>.bib`` and ``.ris`` for each recommendation and the guideline."""
        citables = [self._citable()] + [self._citable(rec.id, rec.title, urljoin(self.site_url, file.url))
                                        for rec, file in rec_files]
        for citable in citables:
            files.append(File.generated(config, f"{pages_dir}/cite/{citable.key}.bib",
                                        content=bibtex(citable)))
            files.append(File.generated(config, f"{pages_dir}/cite/{citable.key}.ris",
                                        content=ris(citable)))

    def _citation(self, linker: Linker, pages_dir: str, rec_id: str = "", title: str = "",
                  url: str = "") -> str:
        citable = self._citable(rec_id, title, url)
        return citation_block(citable, bib_href=linker.href(f"{pages_dir}/cite/{citable.key}.bib"),
                              ris_href=linker.href(f"{pages_dir}/cite/{citable.key}.ris"))

    def _generate_pages(self, files: Files, config: MkDocsConfig, pages_dir: str,
                        calculator: str | None, cases_page: str | None, changes: str | None) -> None:
        """A page per recommendation, and the index page that lists them."""
        cases = cases_by_recommendation()
        rec_files = []
        for rec in RECOMMENDATIONS:
            # Reached from the index and from each block, not from the nav.
            file = File.generated(config, f"{pages_dir}/{rec.id}.md", content="",
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            rec_files.append((rec, file))
        self._generate_citation_files(files, config, pages_dir, rec_files)
        for rec, file in rec_files:  # links need every file in place, so content comes second
            linker = Linker(file, files)
            file.content_string = recommendation_page(
                rec, linker, references_page=self.config.references_page,
                calculator_page=calculator, cases_page=cases_page, cases=cases.get(rec.id, []),
                history=history_block(rec.id, linker, changes),
                citation=self._citation(linker, pages_dir, rec.id, rec.title,
                                        urljoin(self.site_url, file.url)))
        files.append(File.generated(config, f"{pages_dir}/index.md", content=index_page(pages_dir)))
        log.debug("generated %d recommendation pages", len(rec_files))

    def _generate_search_index(self, files: Files, config: MkDocsConfig, pages_dir: str) -> None:
        """The JSON the question search reads, with URLs relative to itself."""
        index_src = f"{pages_dir}/search.json"

        def url_of(src: str, anchor: str) -> str:
            url = files.get_file_from_path(src).url  # type: ignore[union-attr]
            return f"{url}#{anchor}" if anchor else url

        index_file = File.generated(config, index_src, content="")
        files.append(index_file)
        index_file.content_string = search_index(
            index_src, url_of, lambda rec_id: url_of(f"{pages_dir}/{rec_id}.md", ""))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        pages_dir = self.config.pages_dir.strip("/")
        linker = Linker(page.file, files)
        ctx = MarkerContext(page=page.file.src_uri, linker=linker,
                            references_page=self.config.references_page, pages_dir=pages_dir,
                            index_src=f"{pages_dir}/search.json", place=self._place,
                            aliases=self.aliases,
                            cite_guideline=lambda: self._citation(linker, pages_dir))
        return expand_markers(markdown, ctx)

    def _place(self, rec_id: str, page: str) -> None:
        if rec_id in self.placed:
            raise PluginError(f"lbp-recommendations: recommendation '{rec_id}' is placed twice: in "
                              f"{self.placed[rec_id]} and in {page}; place it once and link to it "
                              f"elsewhere with {{{{ see: {rec_id} }}}}")
        self.placed[rec_id] = page

    # Every page's Markdown has been expanded by now (MkDocs renders all pages before on_env).
    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 (jinja2)
        if not self.config.enabled or self.dirty:
            return None
        missing = [(r.id, next(s.page for s in SECTIONS if s.id == r.section))
                   for r in RECOMMENDATIONS if r.id not in self.placed]
        if missing:
            raise PluginError("lbp-recommendations: recommendations placed nowhere: " + "; ".join(
                f"'{rec_id}' (add {{{{ rec: {rec_id} }}}} to {page})" for rec_id, page in missing))
        return env

    # After the search plugin (priority 0) has indexed the page, so the switch's labels are not
    # indexed as part of every page.
    @event_priority(-50)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001, ANN201
        if not self.config.enabled:
            return None
        content = page.content or ""
        if not has_wordings(content):
            return context  # a switch that changes nothing on the page would only confuse
        head, h1, rest = content.partition("</h1>")
        page.content = (head + h1 + audience_switch() + rest) if h1 else audience_switch() + content
        return context


def _redirect_maps(config: MkDocsConfig) -> dict[str, str]:
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return {}
    return dict(plugin.config.get("redirect_maps") or {})
