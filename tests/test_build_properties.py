"""Properties of the build as a whole: serve watches the data, project-path hosting, reproducibility."""
from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from conftest import ROOT, build_site, copy_project

ATTR = re.compile(r"""\b(?:href|src|action)=["']([^"']*)["']""")


def test_serve_watches_every_collection_folder():
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    watched = {Path(w).resolve() for w in config.watch}
    for folder in ("cases", "formats", "principles", "tools", "sources", "vocab"):
        assert (ROOT / folder).resolve() in watched, folder


def test_no_link_escapes_a_project_path(tmp_path):
    """On GitHub Pages the site lives under /<repo>/: no link or asset may point at the host root."""
    site = build_site(ROOT, tmp_path / "site", site_url="https://example.github.io/nybrud/")
    offenders = []
    for html in site.rglob("*.html"):
        for url in ATTR.findall(html.read_text("utf-8")):
            # Root-relative links are fine only inside the project path (Material's 404 page uses them,
            # because it is served at any depth).
            if url.startswith("/") and not url.startswith("//") and not url.startswith("/nybrud/"):
                offenders.append((html.relative_to(site).as_posix(), url))
            elif url.startswith(("http://", "https://")) and "example.github.io" in url:
                assert url.startswith("https://example.github.io/nybrud/"), (html, url)
    assert not offenders, offenders[:20]
    assert "/nybrud/" in (site / "404.html").read_text("utf-8")
    assert (site / "404.html").is_file()


# Pagefind writes its filter and metadata indexes (and so their hashed names and the entry file naming them) in the
# order of a hash map, which changes from run to run (Pagefind/pagefind#638; the fragments and word indexes are
# stable). Those files are compared by what they hold: their unpacked length, which an order change keeps.
UNORDERED = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def _digest(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        name = p.relative_to(folder).as_posix()
        if name.startswith(UNORDERED) and not name.endswith(".js"):
            data = p.read_bytes()
            unpacked = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            out[re.sub(r"_[0-9a-f]+(?=\.pf_)", "", name)] = f"{len(unpacked)} bytes unpacked"  # name without hash
        else:
            out[name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    project = copy_project(tmp_path / "project")  # outside git: no dates, so nothing may differ
    first = _digest(build_site(project, tmp_path / "one"))
    assert not (project / ".cache").exists(), "a build must not leave code or pickles in the work tree"
    second = _digest(build_site(project, tmp_path / "two"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
