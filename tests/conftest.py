"""Shared fixtures: build the real site once per test session and parse what it wrote."""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import logging
import threading
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
PROJECT_ITEMS = ("mkdocs.yml", "content", "overrides", "cases", "formats", "principles", "tools", "sources", "vocab",
                 "decision", "toolkit")

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


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def mkdocs_errors(caplog):
    caplog.set_level(logging.ERROR, logger="mkdocs")
    return caplog


PREFIX = "/nybrud/"  # served under a project path, as on GitHub Pages (the path of site_url in mkdocs.yml)


@contextlib.contextmanager
def serve(site: Path):
    """Serve a built site on 127.0.0.1 under /nybrud/, with its 404 page, as GitHub Pages does; yields the base URL."""
    class ProjectPath(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            return super().translate_path("/" + path[len(PREFIX):] if path.startswith(PREFIX) else "/__outside__")

        def send_error(self, code, message=None, explain=None):
            if code == 404 and (site / "404.html").is_file():  # like GitHub Pages: the site's own 404 page
                body = (site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ProjectPath, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()


class Guard:
    """Listens on a tab for what hostile content must never cause: a dialog (script ran), a navigation the test did
    not ask for (a redirect), a request to another host, an error in a script."""

    def __init__(self, tab, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.dialogs: list[str] = []
        self.navigations: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.expected: set[str] = set()
        tab.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        tab.on("request", lambda r: urlsplit(r.url).netloc not in (self.host, "") and self.foreign.append(r.url))
        tab.on("pageerror", lambda e: self.errors.append(str(e)))
        tab.on("framenavigated", lambda f: f == tab.main_frame and self.navigations.append(f.url))
        original = tab.goto

        def goto(url, **kwargs):  # every page the test itself opens is an expected navigation
            response = original(url, **kwargs)
            self.expected.add(tab.url.split("#")[0].split("?")[0])
            return response
        tab.goto = goto

    def goto(self, tab, path: str):
        return tab.goto(path)

    def assert_clean(self) -> None:
        # A page may change its own query (Formatvælgeren keeps the answers there); it may not go elsewhere.
        unasked = [u for u in self.navigations if u.split("#")[0].split("?")[0] not in self.expected]
        assert not self.dialogs, f"a script ran: {self.dialogs}"
        assert not unasked, f"the page navigated by itself: {unasked}"
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"script errors: {self.errors}"
