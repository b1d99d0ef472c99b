"""A corpus of broken files (tests/broken/) must each yield their own located Danish message, all in
one run, with exit code 1, no traceback, and nothing written by `mkdocs build`."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site, run_cli

BROKEN = Path(__file__).parent / "broken"


def expected_messages() -> list[tuple[str, str]]:
    out = []
    for line in (BROKEN / "expected.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, _, message = line.partition(": ")
            out.append((where + ":", message.strip()))
    return out


@pytest.fixture
def broken_project(project_copy) -> Path:
    for path in BROKEN.rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            target = project_copy / path.relative_to(BROKEN)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return project_copy


def test_every_broken_file_is_reported_in_one_run(broken_project):
    result = run_cli("validate", cwd=broken_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for where, message in expected_messages():
        hits = [line for line in lines if line.startswith(where)]
        assert any(message in hit for hit in hits), f"{where} {message!r} not found in:\n" + "\n".join(hits or lines)
    broken_files = {p.relative_to(BROKEN).as_posix() for p in BROKEN.rglob("*.y*ml")}
    reported = {line.split(":", 1)[0] for line in lines if re.match(r"^\S+\.ya?ml:\d+:\d+: ", line)}
    # Every broken file is reported, and only those: the real content next to them stays valid.
    assert reported == broken_files


def test_github_annotations_point_at_each_line(broken_project):
    result = run_cli("validate", "--format", "github", cwd=broken_project)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert "::error file=cases/unknown-ids.yml,line=10,col=5,title=Ugyldigt indhold::" in result.stdout
    assert len(annotations) >= len(expected_messages())


def test_mkdocs_build_stops_before_writing_anything(broken_project, tmp_path, mkdocs_errors):
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "keep.txt").write_text("from an earlier build", "utf-8")
    with pytest.raises(Abort):
        build_site(broken_project, site_dir)
    assert [p.name for p in site_dir.iterdir()] == ["keep.txt"]
    cli = run_cli("validate", cwd=broken_project).stdout.splitlines()[1:]
    for line in cli:
        assert line in mkdocs_errors.text


PARALLEL_PARITY = """
import json, sys
import generator.validate as v
from generator.problems import ContentError

def problems(check):
    try:
        return {"counts": check()}
    except ContentError as e:
        return {"problems": [p.as_text() for p in e.problems]}

root = sys.argv[1]
serial = problems(lambda: {c: len(items) for c, items in v.load_project(root).collections.items()})
v.PARALLEL_FROM = 1  # force the worker processes even for a small project
parallel = problems(lambda: v.check_project(root, workers=2))
print(json.dumps([serial, parallel]))
"""


@pytest.mark.parametrize("which", ["broken", "valid"])
def test_checking_in_worker_processes_reports_exactly_what_one_process_does(broken_project, which):
    """The command line checks large projects in parallel: same problems (and positions), same counts."""
    root = broken_project if which == "broken" else ROOT
    out = subprocess.run([sys.executable, "-c", PARALLEL_PARITY, str(root)], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    serial, parallel = json.loads(out.stdout)
    assert parallel == serial
    if which == "broken":
        assert len(serial["problems"]) >= len(expected_messages())
    else:
        assert serial["counts"]["cases"] >= 15


@pytest.mark.parametrize("text, message", [
    ("a: [" * 1 + "[" * 200 + "]" * 201 + "\n", "indlejret for dybt"),
    ("a: " + "x" * (600 * 1024) + "\n", "filen er for stor"),
    ("a: !foo x\n", "YAML-mærket '!foo'"),
    ("<<: {a: 1}\n", "YAML-fletning"),
    ("a: .nan\n", "'.nan' er ikke et gyldigt tal"),
])
def test_hostile_yaml_is_refused_with_a_message(tmp_path, text, message):
    from generator.loader import load_file
    from generator.problems import Problem

    path = tmp_path / "x.yml"
    path.write_text(text, "utf-8")
    result = load_file(path, "x.yml")
    assert isinstance(result, Problem), result
    assert message in result.message
