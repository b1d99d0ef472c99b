"""What a generated page is, where each page lives and the URL MkDocs gives it."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import registry


@dataclass(frozen=True)
class Page:
    uri: str  # path inside docs_dir, e.g. "cases/furesoe-fremtidens-furesoe.md"
    text: str
    source_file: str | None = None  # the YAML file behind it (its "edit" link), relative to the project root
    dated_by: tuple[str, ...] = field(default=())  # the files whose last change dates the page (default: source_file)


MUNICIPALITIES_SECTION = "kommuner"  # pages derived from vocab/municipalities.yml


def uri(kind: str, ident: str | None = None) -> str:
    """The source path of a page: ``uri("formats", "borgermoede")`` → ``formater/borgermoede.md``.

    ``kind`` is a collection or 'municipalities'; without an id, the collection's list page."""
    section = MUNICIPALITIES_SECTION if kind == "municipalities" else registry.collection(kind).section
    return f"{section}/{ident}.md" if ident else f"{section}/index.md"


def directory_url(uri: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page with this source path."""
    stem = uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def relative(here: str, target: str) -> str:
    """The relative path from the page ``here`` to the page ``target`` (both source paths in docs_dir)."""
    here_dir = posixpath.dirname(here)
    if here_dir and target.startswith(here_dir + "/"):
        return target[len(here_dir) + 1:]
    if "/" not in here_dir:
        return "../" * (1 if here_dir else 0) + target
    return posixpath.relpath(target, here_dir)


def relative_url(here: str, there: str) -> str:
    """The relative URL from the page at URL ``here`` to ``there`` (both relative to the site root), for raw HTML
    and data the browser reads, which MkDocs does not rewrite."""
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    return rel + ("/" if there.endswith("/") and not rel.endswith("/") else "")
