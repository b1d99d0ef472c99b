"""Shared fixtures: build the real site once per test session and parse what it wrote."""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
PROJECT_ITEMS = ("mkdocs.yml", "content", "overrides", "cases", "formats", "principles", "tools", "sources", "vocab",
                 "decision")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# Property tests keep no example database in the working tree.
settings.register_profile("nybrud", database=None)
settings.load_profile("nybrud")


def build_site(project: Path, site_dir: Path, **overrides) -> Path:
    """Build like `mkdocs build --strict` does, in-process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def copy_project(dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ITEMS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name)
        elif src.exists():
            shutil.copy(src, dst / name)
    return dst


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


# The browser tests drive Debian's chromium; CI sets NYBRUD_REQUIRE_BROWSER=1 so they fail instead of skipping.
CHROMIUM = os.environ.get("NYBRUD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("NYBRUD_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def _missing(reason: str):
    if REQUIRED:
        pytest.fail(f"browser tests are required (NYBRUD_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"{reason}: install Debian's chromium (apt-get install chromium) to run the browser tests")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        _missing("chromium was not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def page(site):
    """Parse a built page: page("cases/furesoe-fremtidens-furesoe/")."""
    def parse(path: str) -> BeautifulSoup:
        target = site / path / "index.html" if not path.endswith(".html") else site / path
        return BeautifulSoup(target.read_text("utf-8"), "html.parser")
    return parse


@pytest.fixture(scope="session")
def kb():
    from generator.validate import load_project
    return load_project(ROOT)


@pytest.fixture(scope="session")
def search_index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def mkdocs_errors(caplog):
    caplog.set_level(logging.ERROR, logger="mkdocs")
    return caplog
