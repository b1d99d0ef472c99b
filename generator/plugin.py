"""MkDocs adapter: a thin layer over the pure modules (``pipeline``: validate → model → render → export).

Hooks used:
- on_startup:   note the command (only `mkdocs build` swaps in the new site, see below).
- on_config:    find the project root; watch the content folders under `mkdocs serve`; under
                `mkdocs build`, point MkDocs at a new folder beside the site folder.
- on_pre_build: refuse symbolic links and special files in the pages and theme folders, then load and
                validate the content, before MkDocs cleans or writes anything, so invalid content stops
                the build with nothing half-written.
- on_files:     render one page per entity, the list pages and the open-data exports (api/*.json,
                cases.csv), and add them as generated files (entity pages kept out of the nav).
- on_page_markdown: note when each page's content last changed (from git) for the theme.
- on_post_build: index the built site for search (``search_index``, Pagefind); swap the new site in for
                the old one, in one rename each, so an interrupted or failed build leaves the last good
                site; release what on_files froze (see there).
- on_build_error: remove the unfinished new site; release what on_files froze.

The generator's work runs with Python's cycle collector paused (``gcpause``): it makes many small
objects and no cycles, and the collector's walks through everything MkDocs holds would cost a
large part of its time.
"""
from __future__ import annotations

import gc
import logging
import os
import posixpath
import shutil
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import registry, toolkits
from .config import NybrudConfig
from .gcpause import collector_paused
from .gitdates import danish_date, last_changed
from .model import KnowledgeBase
from .pipeline import generate, load
from .problems import ContentError, summary
from .project import unsafe_tree
from .search_index import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.nybrud")


class NybrudPlugin(BasePlugin[NybrudConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.site_dir: Path | None = None  # where the finished site goes; MkDocs writes beside it until then
        self.root: Path | None = None
        self.kb: KnowledgeBase | None = None  # the content of the current build, once it is valid
        self.dates: dict = {}
        self.page_sources: dict[str, tuple[str, ...]] = {}  # page src_uri → files (relative to root) behind it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command if not dirty else f"{command} --dirty"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.site_dir = None
        if self.command in ("build", "gh-deploy"):
            self.site_dir = Path(config.site_dir).resolve()
            _remove_unfinished(self.site_dir)
            config.site_dir = str(self.site_dir.with_name(self.site_dir.name + UNFINISHED))
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / self.config.root).resolve() if self.config.root else base
        for name in [*registry.COLLECTIONS, registry.DECISION_DIR, toolkits.TOOLKIT_DIR]:
            folder = self.root / name
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        self._add_missing_list_pages_to_nav(config)
        return config

    @staticmethod
    def _add_missing_list_pages_to_nav(config: MkDocsConfig) -> None:
        """Each collection's list page belongs in the navigation; mkdocs.yml names those it places itself."""
        if config.nav is None:
            return
        named = set()

        def walk(items) -> None:
            for item in items:
                value = next(iter(item.values())) if isinstance(item, dict) else item
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str):
                    named.add(value)
        walk(config.nav)
        for c in registry.COLLECTIONS.values():
            if c.section and c.index_template and f"{c.section}/index.md" not in named:
                config.nav.append({c.nav_title or c.plural.capitalize(): f"{c.section}/index.md"})

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.kb = None
        problems = []
        for folder in (config.docs_dir, config.theme.custom_dir):
            if folder:
                shown = os.path.relpath(folder, self.root).replace(os.sep, "/")
                problems += unsafe_tree(Path(folder), shown)
        try:
            with collector_paused():
                self.kb = load(self.root)
        except ContentError as e:
            problems += e.problems
        if problems:
            raise PluginError(summary(sorted(set(problems)))) from None
        self.dates = last_changed(self.root)

    # Priority 50: add pages early, before other plugins (search, tags) look at the file list.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.kb is None:
            return files
        with collector_paused():
            generated = generate(self.kb, directory_urls=config.use_directory_urls, with_exports=self.config.exports)
        docs_dir = Path(config.docs_dir).resolve()
        self.page_sources = {}
        for page in generated.pages:
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"{page.uri}: siden laves af generatoren; fjern den håndskrevne fil i {config.docs_dir}")
            inclusion = InclusionLevel.INCLUDED if page.uri.endswith("/index.md") else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.uri, content=page.text, inclusion=inclusion)
            file.edit_uri = (os.path.relpath(self.root / page.source_file, docs_dir).replace(os.sep, "/")
                             if page.source_file else None)
            self.page_sources[page.uri] = page.dated_by or ((page.source_file,) if page.source_file else ())
            files.append(file)
        for path, data in generated.exports.items():
            files.append(File.generated(config, path, content=data))
        # The generated files live until the build ends. Freezing them keeps Python's cycle collector from
        # scanning them again and again while MkDocs renders every page; on_post_build hands them back, so
        # `mkdocs serve` frees each build's data.
        gc.freeze()
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        if self.config.enabled and self.config.search:
            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as e:
                raise PluginError(str(e)) from None
        if self.site_dir is not None:
            _swap_in(Path(config.site_dir), self.site_dir)
            config.site_dir = str(self.site_dir)  # gh-deploy publishes from here after the build

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.site_dir is not None:
            _remove_unfinished(self.site_dir)

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """Escape the title and description for the theme, which writes them into HTML as they are; record when
        the page's content last changed (from git), for the theme to show."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = Markup.escape(value)
        if self.config.enabled:
            sources = self.page_sources.get(page.file.src_uri)
            if sources is None:
                docs = os.path.relpath(Path(config.docs_dir).resolve(), self.root).replace(os.sep, "/")
                sources = (posixpath.normpath(f"{docs}/{page.file.src_uri}"),)
            known = [self.dates[f] for f in sources if f in self.dates]
            if known:
                page.meta["nybrud_updated"] = danish_date(max(known))
        return markdown


UNFINISHED = ".nybrud-ny"  # suffix of the folder a build writes into until it is finished


def _remove_unfinished(site_dir: Path) -> None:
    for stale in (site_dir.with_name(site_dir.name + UNFINISHED), site_dir.with_name(site_dir.name + ".nybrud-gammel")):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _swap_in(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the finished ``new`` folder, so an interrupted build leaves the last good site or the
    new one, never a half-written one."""
    old = site_dir.with_name(site_dir.name + ".nybrud-gammel")
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
