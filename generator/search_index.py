"""The site's search index: Pagefind reads the built HTML and writes ``pagefind/`` into the site.

Pagefind stems Danish words (the pages say ``lang="da"``), so "ældreområdet" finds "ældreområde". What it
indexes is marked in the pages themselves (``overrides/main.html``): the article of every page as
``data-pagefind-body``, its kind as the filter ``type``, a weight for pages that should rank lower (the
glossary, the sources), and each entity's keywords with a high weight. The browser side is
``content/javascripts/search.js`` on the search page ``soeg/``.
"""
from __future__ import annotations

import logging
import subprocess
import time
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.nybrud")

BUNDLE = "pagefind"
"""The folder in the site that holds the index and Pagefind's search library."""


UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def _executable() -> str:
    from pagefind.service import _must_get_executable  # the binary shipped by the pagefind[bin] package

    return str(_must_get_executable().resolve())


def index_site(site_dir: Path) -> float:
    """Index the built site in ``site_dir``; returns the seconds it took. Raises SearchIndexError with Pagefind's
    message when it fails."""
    started = time.perf_counter()
    try:
        run = subprocess.run([_executable(), "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"],
                             capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SearchIndexError(f"søgeindekset kunne ikke laves: {e}") from None
    if run.returncode != 0 or not (site_dir / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError("søgeindekset kunne ikke laves: " + (run.stderr or run.stdout).strip()[-2000:])
    for unused in UNUSED:  # Pagefind's ready-made interfaces: the search page has its own
        for path in (site_dir / BUNDLE).glob(unused):
            path.unlink()
    seconds = time.perf_counter() - started
    log.debug("søgeindeks lavet på %.2f s", seconds)
    return seconds
