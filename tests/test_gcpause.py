"""The generator pauses Python's cycle collector while it works, and always leaves it as it found it."""
from __future__ import annotations

import gc

import pytest

from generator.gcpause import cycle_collector_paused
from generator.validate import load_project

from conftest import ROOT


@cycle_collector_paused
def report(fail: bool = False) -> bool:
    if fail:
        raise RuntimeError("content or bug")
    return gc.isenabled()


@pytest.fixture
def collector_state():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_while_running_and_restored_after(enabled, collector_state):
    gc.enable() if enabled else gc.disable()
    assert report() is False
    assert gc.isenabled() is enabled
    with pytest.raises(RuntimeError):
        report(fail=True)
    assert gc.isenabled() is enabled


def test_loading_the_project_runs_with_the_collector_paused(monkeypatch, collector_state):
    gc.enable()
    seen = []
    import generator.validate as validate
    check = validate._check_project
    monkeypatch.setattr(validate, "_check_project", lambda *a, **k: (seen.append(gc.isenabled()), check(*a, **k))[1])
    load_project(ROOT)
    assert seen == [False] and gc.isenabled()
