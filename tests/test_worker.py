"""The generator's work in a forked worker (`mkdocs build`) gives what it gives in-process, and fails the same way."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from mkdocs.config import load_config

from conftest import ROOT, copy_project
from generator.pipeline import stages
from generator.problems import ContentError, Problem
from generator.worker import StagedJob

PROBLEM = Problem("cases/x.yml", 3, 5, "ukendt format-id 'y' i 'formats'")
ran_here: list[int] = []  # pids of the processes that ran a job; filled in this process only by a local run
TEST_PROCESS = os.getpid()


def two_stages(fail: str = ""):
    ran_here.append(os.getpid())
    yield os.getpid()
    if fail == "content":
        raise ContentError([PROBLEM])
    if fail == "bug":
        raise ValueError("a bug in the generator")
    if fail == "dies" and os.getpid() != TEST_PROCESS:
        os._exit(3)
    yield "done"


def test_stages_come_from_a_worker_process():
    ran_here.clear()
    job = StagedJob(two_stages, background=True)
    assert job.in_background
    assert job.next() != os.getpid()
    assert job.next() == "done"
    job.close()
    assert ran_here == []


def test_content_problems_in_the_worker_reach_the_parent_whole():
    job = StagedJob(two_stages, background=True, fail="content")
    job.next()
    with pytest.raises(ContentError) as raised:
        job.next()
    assert raised.value.problems == [PROBLEM]
    assert not job.in_background  # the worker is gone


def test_a_bug_in_the_worker_shows_its_real_traceback_from_a_run_here():
    ran_here.clear()
    job = StagedJob(two_stages, background=True, fail="bug")
    job.next()
    with pytest.raises(ValueError, match="a bug"):
        job.next()
    assert ran_here == [os.getpid()]


def test_a_worker_that_dies_is_replaced_by_a_run_here():
    ran_here.clear()
    job = StagedJob(two_stages, background=True, fail="dies")
    job.next()
    assert job.next() == "done"
    assert ran_here == [os.getpid()]


def test_no_process_to_be_had_means_the_job_runs_here(monkeypatch):
    def refuse(self):
        raise OSError("Resource temporarily unavailable")
    monkeypatch.setattr("multiprocessing.context.ForkProcess.start", refuse)
    ran_here.clear()
    job = StagedJob(two_stages, background=True)
    assert not job.in_background
    assert job.next() == os.getpid() and job.next() == "done"
    assert ran_here == [os.getpid()]


def test_in_process_job_runs_here():
    ran_here.clear()
    job = StagedJob(two_stages, background=False)
    assert not job.in_background
    assert job.next() == os.getpid()
    assert job.next() == "done"
    assert ran_here == [os.getpid()]


def test_worker_and_in_process_give_the_same_pages_exports_and_files(tmp_path):
    results = []
    for background in (True, False):
        job = StagedJob(stages, background=background, root=ROOT, cache_dir=tmp_path / f"cache-{background}")
        results.append((job.next(), job.next()))
        job.close()
    (files_bg, generated_bg), (files_here, generated_here) = results
    assert files_bg == files_here and len(files_bg) > 100
    assert generated_bg.pages == generated_here.pages and len(generated_bg.pages) > 100
    assert generated_bg.exports == generated_here.exports and "cases.csv" in generated_bg.exports


@pytest.mark.parametrize("command, background", [("build", True), ("gh-deploy", True), ("serve", False)])
def test_only_build_uses_a_worker(command, background, monkeypatch):
    monkeypatch.setattr("generator.plugin.can_fork", lambda: True)  # whatever threads this test process runs
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["nybrud"]
    config.plugins.on_startup(command=command, dirty=False)
    config.plugins.on_config(config)
    try:
        assert plugin.job.in_background is background
    finally:
        plugin.on_build_error(error=RuntimeError("test ends here"))
    assert plugin.job is None


# `mkdocs build` in a fresh process (no threads), telling whether the plugin's job ran in a worker.
BUILD = """
import sys
import generator.worker as worker

start = worker.StagedJob.__init__
def recorded(self, *args, **kwargs):
    start(self, *args, **kwargs)
    print("in background:", self.in_background, flush=True)
worker.StagedJob.__init__ = recorded

from mkdocs.__main__ import cli
cli(sys.argv[1:])
"""


@pytest.mark.skipif(not (sys.platform == "linux" and (os.cpu_count() or 1) > 1), reason="no worker without fork and two cores")
def test_mkdocs_build_writes_the_same_site_with_and_without_a_worker(tmp_path):
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "  - nybrud\n" in config
    (project / "in-process.yml").write_text(config.replace("  - nybrud\n", "  - nybrud:\n      background: false\n"), "utf-8")
    sites = {}
    for name, config_file, background in (("worker", "mkdocs.yml", True), ("in-process", "in-process.yml", False)):
        site = tmp_path / name
        done = subprocess.run([sys.executable, "-c", BUILD, "build", "--strict", "-f", config_file, "-d", str(site)],
                              cwd=project, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [f"in background: {background}"]
        sites[name] = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                       if p.is_file() and p.name != "sitemap.xml.gz"}  # gzip stamps the time
    assert len(sites["worker"]) > 150
    assert sites["worker"].keys() == sites["in-process"].keys()
    assert [path for path, data in sites["worker"].items() if sites["in-process"][path] != data] == []
