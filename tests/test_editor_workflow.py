"""An editor's path from template to published case, and the CI workflows that guard it."""
from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT, build_site, run_cli

NEW = "vejle-borgerpanel-klima"


def fill(template: str) -> str:
    """What an editor types into the template that `new case` wrote."""
    values = {
        "title:": 'title: "Borgerpanel om Vejles klimaplan"',
        "summary: >-": "summary: >-\n  Et borgerpanel drøftede klimaplanen og gav anbefalinger til byrådet. Eksemplet er opdigtet til test.",
        "municipality:": "municipality: vejle",
        "  start:": "  start: 2024",
        "policy_areas: []": "policy_areas: [klima-og-miljoe]",
        "formats: []": "formats: [borgersamling]",
        "  - source:": "  - source: lokaldemokrati-i-nybrud",
        "    section:": '    section: "Testafsnit"',
    }
    lines = []
    for line in template.splitlines():
        bare = line.split("#", 1)[0].rstrip()
        lines.append(values.get(bare, line) if bare in values else line)
    return "\n".join(lines) + "\n"


def test_editor_path_from_new_case_to_published_page(project_copy, tmp_path):
    created = run_cli("new", "case", NEW, cwd=project_copy)
    assert created.returncode == 0, created.stdout + created.stderr
    path = project_copy / "cases" / f"{NEW}.yml"
    template = path.read_text("utf-8")
    assert template.startswith("# yaml-language-server: $schema=../schemas/case.schema.json")

    # Unfilled, validation says precisely what is missing, with line and column.
    unfilled = run_cli("validate", cwd=project_copy)
    assert unfilled.returncode == 1
    assert re.search(rf"cases/{NEW}\.yml:\d+:\d+: feltet 'title' er tomt", unfilled.stdout), unfilled.stdout
    assert "Traceback" not in unfilled.stdout + unfilled.stderr

    path.write_text(fill(template), "utf-8")
    filled = run_cli("validate", cwd=project_copy)
    assert filled.returncode == 0, filled.stdout

    site = build_site(project_copy, tmp_path / "site")
    case_list = (site / "cases" / "index.html").read_text("utf-8")
    assert f'href="{NEW}/"' in case_list and 'data-municipality="vejle"' in case_list
    new_page = (site / "cases" / NEW / "index.html").read_text("utf-8")
    assert "data-pagefind-body" in new_page and 'data-pagefind-filter="type[content]" content="Case"' in new_page
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["da"]["page_count"] == sum(
        "data-pagefind-body" in p.read_text("utf-8") for p in site.rglob("index.html"))
    exported = json.loads((site / "api" / "cases.json").read_text("utf-8"))
    assert NEW in [c["id"] for c in exported["items"]]
    assert f"../../cases/{NEW}/" in (site / "formater" / "borgersamling" / "index.html").read_text("utf-8")
    assert f"../../cases/{NEW}/" in (site / "kommuner" / "vejle" / "index.html").read_text("utf-8")


def test_new_refuses_bad_ids_and_existing_files(project_copy):
    assert run_cli("new", "case", "Vejle Kommune", cwd=project_copy).returncode == 1
    assert run_cli("new", "format", "borgermoede", cwd=project_copy).returncode == 1
    for kind, folder in (("format", "formats"), ("principle", "principles"), ("tool", "tools")):
        assert run_cli("new", kind, f"test-{kind}", cwd=project_copy).returncode == 0
        assert (project_copy / folder / f"test-{kind}.yml").read_text("utf-8").startswith("# yaml-language-server")


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))


def test_workflows_are_valid_and_run_the_same_commands_as_the_tests():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for name in ("check.yml", "deploy.yml"):
        workflow = _workflow(name)
        assert workflow["jobs"], name
        # PyYAML reads the key 'on' as True (YAML 1.1); GitHub reads it as 'on'.
        assert workflow.get("on") or workflow.get(True)
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "uses" in step or "run" in step, step
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", step["uses"]), f"unpinned: {step['uses']}"
                if "run" in step:
                    for target in re.findall(r"make (\w[\w-]*)", step["run"]):
                        assert re.search(rf"^{target}:", makefile, re.M), f"{name} runs make {target}, which does not exist"
                    assert " -q" not in step["run"] and " -v" not in step["run"], "quiet/verbose turn strict mode off"
    check = _workflow("check.yml")
    runs = " ".join(s.get("run", "") for s in check["jobs"]["check"]["steps"])
    assert "make test" in runs and "make build" in runs and "validate --format github" in runs
    assert any("upload-artifact" in s.get("uses", "") for s in check["jobs"]["check"]["steps"])
    deploy = _workflow("deploy.yml")
    uses = [s.get("uses", "") for job in deploy["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)


def test_vscode_maps_every_collection_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = {v: k for k, v in settings["yaml.schemas"].items()}
    for folder, schema in (("cases", "case"), ("formats", "format"), ("principles", "principle"), ("tools", "tool"),
                           ("sources", "source"), ("vocab", "vocabulary"), ("decision", "decision")):
        target = mapping[f"{folder}/*.yml"]
        assert (ROOT / target).is_file(), target
        assert target.endswith(f"{schema}.schema.json")


def test_pages_show_when_their_content_last_changed(page):
    text = page("cases/furesoe-fremtidens-furesoe/").select_one(".nb-updated")
    assert text is not None and re.search(r"sidst ændret \d{1,2}\. [a-zæøå]+ \d{4}", text.get_text())


def test_licences_are_stated(site, page):
    footer = page("").select_one(".md-copyright").get_text(" ")
    assert "CC BY 4.0" in footer and "Tilgængelighedserklæring" in footer
    assert (ROOT / "LICENSE").is_file() and "CC BY 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text("utf-8")


def test_the_documented_root_option_builds_a_site_kept_apart_from_its_content(tmp_path):
    """plugins: - nybrud: root: … points at the collections when mkdocs.yml and the pages live elsewhere."""
    from conftest import copy_project

    project = copy_project(tmp_path / "data")
    web = tmp_path / "web"
    web.mkdir()
    for name in ("content", "overrides", "mkdocs.yml"):
        (project / name).rename(web / name)
    config = (web / "mkdocs.yml").read_text("utf-8").replace("  - nybrud\n", "  - nybrud:\n      root: ../data\n")
    (web / "mkdocs.yml").write_text(config, "utf-8")
    site = build_site(web, tmp_path / "site")
    assert (site / "cases" / "furesoe-fremtidens-furesoe" / "index.html").is_file()
