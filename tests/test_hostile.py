"""Hostile content from pull requests: refused with a located Danish message, or built into a site where it stays
text – no script, no redirect, no request to another host, no formula, no file from outside the project, no code run
by the build."""
from __future__ import annotations

import csv
import io
import os
import pickle
import re
import time
import tracemalloc
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import Guard, build_site, run_cli, serve

CASE = "furesoe-fremtidens-furesoe"
SOURCE = "lokaldemokrati-i-nybrud"


def set_title(project: Path, text: str) -> None:
    path = project / "cases" / f"{CASE}.yml"
    path.write_text(re.sub(r"(?m)^title: .*$", lambda _: f"title: {text}", path.read_text("utf-8"), count=1), "utf-8")


def problems_of(project: Path) -> list[str]:
    result = run_cli("validate", cwd=project)
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()[1:] if result.returncode else []


@pytest.mark.parametrize("text, shown", [
    ('"<script>alert(1)</script>"', "teksten indeholder '<s"),
    ('"<img src=x onerror=alert(1)>"', "teksten indeholder '<i"),
    ('"Se [her](javascript:alert(1))"', "teksten indeholder 'javascript:"),
    ('"Åbn data:text/html;base64,PHNjcmlwdD4="', "teksten indeholder 'data:text/"),
    ('"Klik onclick=alert(1)"', "teksten indeholder 'onclick="),
    ('"Billede: ![x](https://tracker.example/p.png)"', "teksten indeholder '!["),
    ('"Skabelon {{ 7*7 }}"', "teksten indeholder '{{"),
    ('"Tegn &#60;script&#62;"', "teksten indeholder '&#"),
    ('"Titel\\x1b[31m rød"', "kontroltegn U+001B"),
    ('"Titel\\0 nul"', "kontroltegn U+0000"),
    ('"Titel\\r med CR"', "kontroltegn U+000D"),
    ('"Linje\\u2028skift"', "kontroltegn U+2028"),
])
def test_hostile_text_is_refused_with_a_located_message(project_copy, text, shown):
    set_title(project_copy, text)
    found = problems_of(project_copy)
    assert any(m.startswith(f"cases/{CASE}.yml:3:") and shown in m for m in found), found


@pytest.mark.parametrize("line, shown", [
    ("  start: 2020-13-45", "YAML læser værdien som en dato"),
    ("  start: 2021-02-30", "YAML læser værdien som en dato"),
    ("  start: 2021-01-01T10:00:00+25:00", "YAML læser værdien som en dato"),
    ("  start: " + "9" * 5000, "tallet er for stort"),
    ("  start: 1e308", "skal være et helt tal"),
])
def test_odd_values_get_a_message_not_a_traceback(project_copy, line, shown):
    path = project_copy / "cases" / f"{CASE}.yml"
    path.write_text(re.sub(r"(?m)^  start: .*$", lambda _: line, path.read_text("utf-8"), count=1), "utf-8")
    found = problems_of(project_copy)
    assert any(m.startswith(f"cases/{CASE}.yml:") and shown in m for m in found), found


@pytest.mark.parametrize("name", ["index"])
def test_ids_the_site_uses_itself_are_refused(project_copy, name):
    text = (project_copy / "cases" / f"{CASE}.yml").read_text("utf-8").replace(f"id: {CASE}", f"id: {name}")
    (project_copy / "cases" / f"{name}.yml").write_text(text, "utf-8")
    assert any(m.startswith(f"cases/{name}.yml:") and "sitet selv bruger navnet" in m for m in problems_of(project_copy))


def test_messages_cannot_start_workflow_commands_or_escape_the_terminal(project_copy):
    (project_copy / "cases" / "x\n::warning::pwned,\x1b[2J.yml").write_text("id: x\n", "utf-8")
    result = run_cli("validate", "--format", "github", cwd=project_copy)
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.startswith("::warning"), line
        assert "\x1b" not in line
    assert any(line.startswith("::error file=cases/x\\n%3A%3Awarning%3A%3Apwned%2C") for line in result.stdout.splitlines())


# --- special files ------------------------------------------------------------------------------------------------

def test_a_symlink_in_the_pages_folder_is_refused_and_nothing_is_published(project_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("build machine secret", "utf-8")
    (project_copy / "content" / "leak.txt").symlink_to(secret)
    (project_copy / "content" / "outside").symlink_to(tmp_path)
    result = run_mkdocs(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "content/leak.txt" in result.stderr and "symbolsk henvisning" in result.stderr
    assert "content/outside" in result.stderr
    assert not (tmp_path / "site").exists() or "build machine secret" not in _all_text(tmp_path / "site")


def test_symlinks_and_odd_files_in_collections_are_refused_not_followed(project_copy, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("id: outside\nhemmelig_nøgle: 1\n", "utf-8")
    (project_copy / "cases" / "outside.yml").symlink_to(outside)
    (project_copy / "cases" / "dangling.yml").symlink_to(tmp_path / "missing.yml")
    os.mkfifo(project_copy / "cases" / "pipe.yml")
    (project_copy / "cases" / "STOR.YML").write_text("id: stor\n", "utf-8")
    (project_copy / "cases" / "case.yml.txt").write_text("id: case\n", "utf-8")
    (project_copy / "cases" / "folder.yml").mkdir()
    started = time.monotonic()
    found = problems_of(project_copy)
    assert time.monotonic() - started < 60  # the pipe is never opened
    for name in ("outside.yml", "dangling.yml"):
        assert any(m.startswith(f"cases/{name}:1:1:") and "symbolsk henvisning" in m for m in found), found
    assert any(m.startswith("cases/pipe.yml:1:1:") and "ikke en almindelig fil" in m for m in found)
    for name in ("STOR.YML", "case.yml.txt", "folder.yml"):
        assert any(m.startswith(f"cases/{name}:1:1:") for m in found), (name, found)
    assert not any("hemmelig_nøgle" in m for m in found)


def test_a_fifo_in_the_pages_folder_does_not_hang_the_build(project_copy, tmp_path):
    os.mkfifo(project_copy / "content" / "pipe.md")
    result = run_mkdocs(project_copy, tmp_path / "site", timeout=120)
    assert result.returncode != 0 and "content/pipe.md" in result.stderr


def test_a_committed_template_cache_runs_no_code(project_copy, tmp_path):
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache = project_copy / ".cache" / "nybrud"
    cache.mkdir(parents=True)
    for name in ("cases.md.j2", "formats.md.j2", "__jinja2_x.cache"):
        (cache / name).write_bytes(pickle.dumps(Payload()))
    build_site(project_copy, tmp_path / "site")
    assert not marker.exists()


def test_an_interrupted_build_leaves_the_last_good_site(project_copy, tmp_path, monkeypatch):
    import generator.plugin as plugin

    site = build_site(project_copy, tmp_path / "site")
    before = (site / "cases" / CASE / "index.html").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(plugin, "generate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(project_copy, site)
    assert (site / "cases" / CASE / "index.html").read_bytes() == before
    assert (site / "index.html").is_file() and (site / "api" / "cases.json").is_file()
    monkeypatch.undo()
    build_site(project_copy, site)  # the next build cleans up after the interrupted one
    assert not [p.name for p in site.parent.iterdir() if p.name.startswith("site.")]


# --- what passes validation stays text ----------------------------------------------------------------------------

HOSTILE_URL = "https://example.org/[x](javascript:window.pwned=1){onmouseover=window.pwned=1}"
HOSTILE_SUMMARY = ('Resumé" http-equiv="refresh" content="0;url=https://evil.example/ – 😀 og '
                   '" http-equiv="content-security-policy" content="script-src none')
HOSTILE_TITLE = "Titel med | rør, 🎉 emoji og a < 5 & b > 3"
HOSTILE_BLOCKS = ['!!! danger "Fare"', "{: .md-button } tekst", "| a | b |", ": definition", "# Overskrift",
                  "&lt;script&gt;window.pwned=1&lt;/script&gt;", "*fed* [link](https://example.org) `kode`"]


def hostile_project(project: Path) -> Path:
    path = project / "cases" / f"{CASE}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = HOSTILE_TITLE
    data["summary"] = HOSTILE_SUMMARY
    data["process"] = HOSTILE_BLOCKS + data["process"]
    data["lessons"] = ["Klik {#x .y} her og {: data-x=1 }"] + data["lessons"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    source = project / "sources" / f"{SOURCE}.yml"
    text = source.read_text("utf-8")
    source.write_text(text + f"url: {HOSTILE_URL}\naccessed: 2026-12-02\n", "utf-8")
    fmt = project / "formats" / "borgermoede.yml"
    fmt.write_text(re.sub(r"(?m)^title: .*$", "title: Borgermøde | dialogmøde", fmt.read_text("utf-8"), count=1), "utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import copy_project
    project = hostile_project(copy_project(tmp_path_factory.mktemp("hostile") / "project"))
    assert run_cli("validate", cwd=project).returncode == 0
    return build_site(project, tmp_path_factory.mktemp("hostile-site"))


def test_hostile_values_that_pass_validation_render_as_text(hostile_site):
    soup = BeautifulSoup((hostile_site / "cases" / CASE / "index.html").read_text("utf-8"), "html.parser")
    metas = soup.find_all("meta")
    assert not any(m.get("http-equiv") for m in metas), [m for m in metas if m.get("http-equiv")]
    assert soup.find("meta", attrs={"name": "description"})["content"] == HOSTILE_SUMMARY
    assert soup.title.get_text().startswith(HOSTILE_TITLE)
    article = soup.select_one("article")
    text = article.get_text(" ")
    for block in HOSTILE_BLOCKS:
        assert block in text, block
    assert not article.select(".admonition") and not article.select("a.md-button")
    assert not any(tag.has_attr("onmouseover") for tag in soup.find_all(True))
    source = BeautifulSoup((hostile_site / "kilder" / SOURCE / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in source.select("article a[href]")]
    assert HOSTILE_URL in [unquote(h) for h in links]  # the address itself, percent-encoded where Markdown could act
    assert not any(h.startswith("javascript:") for h in links)
    assert not source.select('article a[href^="javascript"]')
    assert not any(tag.has_attr("onmouseover") for tag in source.find_all(True))
    comparison = BeautifulSoup((hostile_site / "formatvaelger" / "index.html").read_text("utf-8"), "html.parser")
    rows = comparison.select("article table tbody tr")
    assert rows and len({len(r.find_all("td")) for r in rows}) == 1  # a '|' in a title does not split a cell


def test_hostile_site_stays_inert_in_the_browser(hostile_site, browser):
    with serve(hostile_site) as base_url:
        context = browser.new_context(base_url=base_url)
        tab = context.new_page()
        guard = Guard(tab, base_url)
        for path in (f"cases/{CASE}/", f"kilder/{SOURCE}/", "cases/", "formater/", "formater/borgermoede/",
                     "formatvaelger/?purposes=prioritere", "kommuner/furesoe/", "undersoegelsen/", ""):
            guard.goto(tab, path)
            tab.wait_for_load_state("networkidle")
            tab.mouse.move(200, 300)
            tab.mouse.move(400, 500)
            assert tab.evaluate("typeof window.pwned") == "undefined", path
        tab.goto(f"cases/{CASE}/")
        assert "<script>" not in tab.locator("article").inner_html()
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in tab.locator("article").inner_text()
        context.close()
    guard.assert_clean()


# --- exports ------------------------------------------------------------------------------------------------------

def test_csv_cells_that_could_start_a_formula_are_neutralised(project_copy, tmp_path):
    path = project_copy / "cases" / f"{CASE}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = "=HYPERLINK(\"https://evil.example\";\"klik\")"
    data["summary"] = "+SUM(1;2) -2+3 @cmd"
    data["kit"] = {"contact": "-1+1", "cost": {"covers": "@SUM(A1)"}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    site = build_site(project_copy, tmp_path / "site")
    raw = (site / "cases.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))  # as a spreadsheet program splits it into cells
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    row = next(r for r in rows if r[0] == CASE)
    assert row[1] == "'=HYPERLINK(\"https://evil.example\";\"klik\")"


# --- loader bombs -------------------------------------------------------------------------------------------------

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


def run_mkdocs(project: Path, site: Path, timeout: int = 300):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _all_text(folder: Path) -> str:
    return "".join(p.read_text("utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())
