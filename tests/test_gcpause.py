"""The adapters pause Python's cycle collector around the generator's work and always restore it."""
from __future__ import annotations

import gc

import pytest

from conftest import ROOT, build_site


@pytest.fixture
def collector_state():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_while_running_and_restored_after(enabled, collector_state):
    from generator.gcpause import collector_paused

    gc.enable() if enabled else gc.disable()
    with collector_paused():
        assert gc.isenabled() is False
    assert gc.isenabled() is enabled
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("content or bug")
    assert gc.isenabled() is enabled


def test_the_plugin_loads_and_renders_with_the_collector_paused(monkeypatch, collector_state, tmp_path):
    import generator.plugin as plugin

    gc.enable()
    seen = []
    for name in ("load", "generate"):
        real = getattr(plugin, name)
        monkeypatch.setattr(plugin, name, lambda *a, _real=real, **k: (seen.append(gc.isenabled()), _real(*a, **k))[1])
    build_site(ROOT, tmp_path / "site")
    assert seen == [False, False] and gc.isenabled()
