"""One build's work, in two steps, so that a caller can act on the verdict before anything is written:

1. ``load``: read and validate every file; raises ``ContentError`` with every problem, or returns the
   knowledge base.
2. ``generate``: render every page and the open-data exports.

Both log what they did and how long it took to ``mkdocs.plugins.nybrud`` (MkDocs shows it with
``--verbose``; the command line with ``--verbose``).
"""
from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import toolkits
from .model import KnowledgeBase
from .pages import Page, directory_url

log = logging.getLogger("mkdocs.plugins.nybrud")


@dataclass(frozen=True)
class Generated:
    pages: list[Page]
    exports: dict[str, bytes] = field(default_factory=dict)  # path in the site → content (open data, page data)


def load(root: str | Path) -> KnowledgeBase:
    from .validate import load_project

    started = time.perf_counter()
    kb = load_project(root)
    counts = ", ".join(f"{len(items)} {name}" for name, items in kb.collections.items())
    log.debug("indlæst og valideret på %.2f s: %s", time.perf_counter() - started, counts)
    return kb


def generate(kb: KnowledgeBase, *, directory_urls: bool = True, with_exports: bool = True) -> Generated:
    from .decision_page import decision_files
    from .export import exports
    from .render import render_pages

    url_for = functools.partial(directory_url, directory_urls=directory_urls)
    started = time.perf_counter()
    pages = render_pages(kb, url_for)
    rendered = time.perf_counter()
    files = exports(kb, url_for) if with_exports else {}
    files.update(decision_files(kb, url_for))
    files.update(toolkits.site_files(kb, url_for))
    log.debug("%d sider renderet på %.2f s; %d eksportfiler på %.2f s", len(pages), rendered - started,
              len(files), time.perf_counter() - rendered)
    return Generated(pages, files)
