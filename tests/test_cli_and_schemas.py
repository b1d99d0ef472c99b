"""The command line on the real content, and the JSON Schemas kept in sync with the models."""
from __future__ import annotations

import json

from conftest import ROOT, run_cli


def test_validate_passes_on_the_real_content():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Indholdet er gyldigt:")


def test_committed_schemas_match_models_and_content():
    from generator.jsonschema_export import render_schemas

    for name, text in render_schemas(ROOT).items():
        committed = (ROOT / "schemas" / name).read_text("utf-8")
        assert committed == text, f"schemas/{name} er forældet: kør 'python -m generator schemas'"


def test_schemas_are_draft_07_with_danish_titles_and_id_enums(kb):
    schema = json.loads((ROOT / "schemas" / "case.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert schema["properties"]["municipality"]["title"] == "Kommune"
    assert "furesoe" in schema["properties"]["municipality"]["enum"]
    assert sorted(schema["properties"]["formats"]["items"]["enum"]) == sorted(kb.formats)
    assert schema["additionalProperties"] is False


def test_schemas_check_mode_reports_stale_files(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    (project / "schemas").mkdir()
    result = run_cli("schemas", "--check", cwd=project)
    assert result.returncode == 1 and "ikke opdaterede" in result.stdout
    assert run_cli("schemas", cwd=project).returncode == 0
    assert run_cli("schemas", "--check", cwd=project).returncode == 0
