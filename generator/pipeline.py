"""The generator's work for one build, in two stages, so that a caller can act on the verdict first.

1. Load and validate every file: raises ``ContentError`` with every problem, or yields which file
   lies behind each entity.
2. Render every page and the open-data exports: yields ``Generated``.

What the stages yield is plain data (``Page``, bytes, paths), so they can run in another process
(see ``worker``) and their results travel back without the receiver importing pydantic, the models
or the templates.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from .pages import Page, directory_url

Files = dict  # (collection, id) → the file behind it, relative to the project root


@dataclass(frozen=True)
class Generated:
    pages: list[Page]
    exports: dict[str, bytes] = field(default_factory=dict)  # path in the site → content


def stages(root: str | Path, *, directory_urls: bool = True, cache_dir: Path | None = None,
           with_exports: bool = True) -> Iterator[Union[Files, Generated]]:
    # The heavy modules (pydantic models, Jinja templates) are imported here, in whichever process
    # runs the stages, and not by those who only receive their results.
    from .export import exports
    from .render import render_pages, template_cache
    from .validate import load_project

    kb = load_project(root)
    yield dict(kb.files)
    url_for = functools.partial(directory_url, directory_urls=directory_urls)
    pages = render_pages(kb, url_for, template_cache(cache_dir))
    yield Generated(pages, exports(kb, url_for) if with_exports else {})
