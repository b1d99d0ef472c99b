"""Hostile content from pull requests: refused by validation, inert in the browser, bounded in cost."""
from __future__ import annotations

import re
import time
import tracemalloc

import pytest

from conftest import build_site

CASE = "furesoe-fremtidens-furesoe"


@pytest.mark.parametrize("text, shown", [
    ("<script>alert(1)</script>", "<s"),
    ("<img src=x onerror=alert(1)>", "<i"),
    ("Se [her](javascript:alert(1))", "javascript:"),
    ("Åbn data:text/html;base64,PHNjcmlwdD4=", "data:text/"),
    ("Klik onclick=alert(1)", "onclick="),
    ("Billede: ![x](https://tracker.example/p.png)", "!["),
    ("Skabelon {{ 7*7 }}", "{{"),
    ("Tegn &#60;script&#62;", "&#"),
])
def test_hostile_text_is_refused_with_a_located_message(project_copy, text, shown):
    from generator.problems import ContentError
    from generator.validate import load_project

    path = project_copy / "cases" / f"{CASE}.yml"
    source = re.sub(r"(?m)^title: .*$", lambda _: f'title: "{text}"', path.read_text("utf-8"), count=1)
    path.write_text(source, "utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project_copy)
    messages = [p.as_text() for p in caught.value.problems]
    assert any(m.startswith(f"cases/{CASE}.yml:3:") and f"teksten indeholder '{shown}" in m for m in messages), messages


def test_text_that_passes_validation_stays_inert_in_the_page(project_copy, tmp_path, browser):
    """Entities and Markdown syntax that validation allows are shown as text, never run."""
    path = project_copy / "cases" / f"{CASE}.yml"
    payload = "&lt;script&gt;window.pwned=1&lt;/script&gt; *fed* [link](https://example.org) `kode` | tabel |"
    source = path.read_text("utf-8").replace("summary: >-\n", f"summary: >-\n  {payload}\n", 1)
    path.write_text(source, "utf-8")
    site = build_site(project_copy, tmp_path / "site")
    html = (site / "cases" / CASE / "index.html").read_text("utf-8")
    assert "<script>window.pwned" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html  # an entity: displayed as text, never parsed as a tag
    assert '<a href="https://example.org">' not in html

    tab = browser.new_page()
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto((site / "cases" / CASE / "index.html").as_uri())
    assert tab.evaluate("typeof window.pwned") == "undefined"
    assert "<script>window.pwned=1</script>" in tab.locator("article").inner_text()
    tab.close()
    assert dialogs == []


@pytest.mark.parametrize("text", [
    "a: &a [" + ", ".join(["lol"] * 50) + "]\n" + "".join(
        f"{k}: &{k} [" + ", ".join([f"*{p}"] * 50) + "]\n" for p, k in zip("abcdefgh", "bcdefghi")),
    "[" * 100_000 + "]" * 100_000,
    "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 700)),
    "a: '" + "x" * 600_000 + "'\n",
])
def test_bombs_are_refused_within_bounded_time_and_memory(tmp_path, text):
    from generator.loader import load_file
    from generator.problems import Problem

    path = tmp_path / "bomb.yml"
    path.write_text(text, "utf-8")
    tracemalloc.start()
    started = time.monotonic()
    result = load_file(path, "bomb.yml")
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(result, Problem), result
    assert elapsed < 2, elapsed
    assert peak < 30 * 1024 * 1024, peak
