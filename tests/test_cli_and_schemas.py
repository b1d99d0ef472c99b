"""The command line on the real content, and the JSON Schemas kept in sync with the models."""
from __future__ import annotations

import json

from conftest import ROOT, run_cli


def test_validate_passes_on_the_real_content():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Indholdet er gyldigt:")


def test_committed_schemas_match_the_models():
    from generator.jsonschema_export import render_schemas, without_ids

    for name, text in render_schemas(ROOT).items():
        committed = json.loads((ROOT / "schemas" / name).read_text("utf-8"))
        assert without_ids(committed) == without_ids(json.loads(text)), \
            f"schemas/{name} er forældet: kør 'python -m generator schemas'"


def test_schemas_are_draft_07_with_danish_titles_and_id_enums(kb):
    schema = json.loads((ROOT / "schemas" / "case.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert schema["properties"]["municipality"]["title"] == "Kommune"
    assert "furesoe" in schema["properties"]["municipality"]["anyOf"][0]["enum"]
    assert set(schema["properties"]["formats"]["items"]["anyOf"][0]["enum"]) <= set(kb.formats)
    assert schema["additionalProperties"] is False


def test_schemas_check_mode_reports_stale_files(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    (project / "schemas").mkdir()
    result = run_cli("schemas", "--check", cwd=project)
    assert result.returncode == 1 and "ikke opdaterede" in result.stdout
    assert run_cli("schemas", cwd=project).returncode == 0
    assert run_cli("schemas", "--check", cwd=project).returncode == 0
