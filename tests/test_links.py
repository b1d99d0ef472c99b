"""Every internal link and anchor in the built site resolves (beyond what `mkdocs build --strict` checks:
raw HTML links, theme links, anchors in generated pages)."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[key])


def _parse(path):
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in site.rglob("*.html")}
    broken = []
    for name, parsed in pages.items():
        base = posixpath.dirname(name)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")):
                continue
            if name == "404.html":
                continue  # the 404 page is served from any depth; Material makes its links absolute to site_url
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else name
            if parts.path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append((name, link))
                continue
            if parts.fragment and target.endswith(".html") and target in pages:
                if parts.fragment not in pages[target].ids and parts.fragment != "__skip":
                    broken.append((name, link))
    assert not broken, broken[:30]
    assert len(pages) > 20
