"""The benchmark's synthetic project stays valid as the models change (else `make bench` fails at its first build)."""
from __future__ import annotations

import sys

from conftest import ROOT, run_cli


def test_the_synthetic_bench_project_is_valid_content(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    project = bench.make_project(tmp_path / "project", 20)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "20 cases" in result.stdout
