"""Property-based tests: random and mutated YAML fed to the loader and the validator.

The only allowed outcomes are a valid model or located Danish problems: never a traceback, never a hang.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT

from generator.loader import LoadedFile, load_text
from generator.problems import ContentError, Problem

CASE = (ROOT / "cases" / "furesoe-fremtidens-furesoe.yml").read_text("utf-8")
LOCATED = re.compile(r"^\S+\.ya?ml:\d+:\d+: \S")

yaml_chars = st.sampled_from(list("abcæøå -:#&*!|>'\"[]{},?%@`\n\t0123456789.\\\ufeff\x00"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(yaml_chars, max_size=300))
def test_loader_never_raises_on_random_text(text):
    started = time.monotonic()
    result = load_text(text, "x.yml")
    assert isinstance(result, (LoadedFile, Problem))
    if isinstance(result, Problem):
        assert result.line >= 1 and result.col >= 1 and result.message
    assert time.monotonic() - started < 2


@st.composite
def mutated_case(draw):
    lines = CASE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "indent", "dedent", "garble", "retype"]))
        if action == "drop":
            lines.pop(i)
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip()
        elif action == "garble":
            pos = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:pos] + draw(st.text(yaml_chars, min_size=1, max_size=5)) + lines[i][pos:]
        else:
            lines[i] = re.sub(r": .*", ": " + draw(st.sampled_from(["12", "[1, 2]", "{a: b}", "yes", "~", "'x'", "2021-01-01"])), lines[i], count=1)
        if not lines:
            break
    return "".join(lines)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("props")
    for name in ("cases", "formats", "principles", "tools", "sources", "vocab"):
        shutil.copytree(ROOT / name, root / name)
    return root


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutated_case())
def test_validator_gives_a_model_or_located_messages(scratch, text):
    from generator.validate import load_project

    target = scratch / "cases" / "furesoe-fremtidens-furesoe.yml"
    target.write_text(text, "utf-8")
    try:
        kb = load_project(scratch)
    except ContentError as e:
        assert e.problems
        for problem in e.problems:
            assert LOCATED.match(problem.as_text()), problem.as_text()
    else:
        assert "furesoe-fremtidens-furesoe" in kb.cases
