"""MkDocs adapter: a thin layer over the pure modules (validate → model → render → export).

Hooks used:
- on_startup:   note the command: only `mkdocs build` (and gh-deploy) prepares pages in a worker.
- on_config:    find the project root; watch the collection folders under `mkdocs serve`; start the
                generator's work (``pipeline.stages``), in a forked worker process where that is safe,
                so it validates and renders while MkDocs prepares its own build.
- on_pre_build: wait for the verdict on the content, before MkDocs cleans or writes the site folder,
                so invalid content stops the build with nothing half-written.
- on_files:     add one generated page per entity, the index pages (entity pages kept out of the
                nav) and the open-data exports (api/*.json, cases.csv) as generated files.
- on_page_markdown: note when each page's content last changed (from git) for the theme.
- on_post_build / on_build_error: release what on_files froze (see there); stop a worker left running.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import NybrudConfig
from .gitdates import danish_date, last_changed
from .pipeline import Generated, stages
from .problems import ContentError, summary
from .project import COLLECTION_DIRS
from .worker import StagedJob, can_fork


# Index pages show the date of the newest change in the collection they list.
_COLLECTION_OF_SECTION = {"cases": "cases", "formater": "formats", "principper": "principles",
                          "vaerktoejer": "tools", "kilder": "sources", "kommuner": "cases", "begreber": "vocab"}


class NybrudPlugin(BasePlugin[NybrudConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.root: Path | None = None
        self.job: StagedJob | None = None  # the generator's work for the current build
        self.entity_files: dict | None = None  # (collection, id) → file behind it, once the content is valid
        self.dates: dict = {}
        self.page_sources: dict[str, list[str]] = {}  # page src_uri → files (relative to root) behind it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / self.config.root).resolve() if self.config.root else base
        for collection in COLLECTION_DIRS:
            folder = self.root / collection
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        self._stop_job()
        # `mkdocs serve` runs threads (forking then is unsafe) and rebuilds after each edit: it works in-process.
        background = self.config.background and self.command in ("build", "gh-deploy") and can_fork()
        self.job = StagedJob(stages, background=background, root=self.root,
                             directory_urls=config.use_directory_urls, with_exports=self.config.exports,
                             cache_dir=self.root / self.config.cache_dir if self.config.cache_dir else None)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.entity_files = None
        try:
            self.entity_files = self.job.next()
        except ContentError as e:
            self._stop_job()
            raise PluginError(summary(e.problems)) from None
        self.dates = last_changed(self.root)

    # Priority 50: add pages early, before other plugins (search, tags) look at the file list.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.entity_files is None:
            return files
        generated: Generated = self.job.next()
        self._stop_job()
        docs_dir = Path(config.docs_dir).resolve()
        self.page_sources = {}
        for page in generated.pages:
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"{page.uri}: siden laves af generatoren; fjern den håndskrevne fil i {config.docs_dir}")
            inclusion = InclusionLevel.INCLUDED if page.uri.endswith("/index.md") else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.uri, content=page.text, inclusion=inclusion)
            if page.source_file:
                file.edit_uri = os.path.relpath(self.root / page.source_file, docs_dir).replace(os.sep, "/")
                self.page_sources[page.uri] = [page.source_file]
            else:
                file.edit_uri = None
                folder = page.uri.split("/")[0]
                self.page_sources[page.uri] = [f for f in self.entity_files.values()
                                               if f.startswith(_COLLECTION_OF_SECTION.get(folder, "-") + "/")]
            files.append(file)
        for path, data in generated.exports.items():
            files.append(File.generated(config, path, content=data))
        # The generated files live until the build ends. Freezing them keeps Python's
        # cycle collector from scanning them again and again while MkDocs renders every page (a measured
        # part of the build); on_post_build hands them back, so `mkdocs serve` frees each build's data.
        gc.freeze()
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self._stop_job()

    def _stop_job(self) -> None:
        if self.job is not None:
            self.job.close()
            self.job = None

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """Record when the page's content last changed (from git), for the theme to show."""
        if self.config.enabled:
            sources = self.page_sources.get(page.file.src_uri)
            if sources is None:
                docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
                sources = [f"{docs}/{page.file.src_uri}"]
            known = [self.dates[f] for f in sources if f in self.dates]
            if known:
                page.meta["nybrud_updated"] = danish_date(max(known))
        return markdown
