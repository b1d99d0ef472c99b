"""What a generated page is, and the URL MkDocs gives it: plain data, light to import and to pickle."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    uri: str  # path inside docs_dir, e.g. "cases/furesoe-fremtidens-furesoe.md"
    text: str
    source_file: str | None = None  # the YAML file behind it, relative to the project root


def directory_url(uri: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page with this source path."""
    stem = uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"
