"""The toolkit mechanism: a tool page carries its working tool when toolkit/<tool id>.yml exists; anything else in
toolkit/ gets a located Danish message, and a link there is refused like anywhere in the content."""
from __future__ import annotations

import os

from conftest import run_cli

from generator import toolkits


def test_every_declared_toolkit_belongs_to_a_tool_page_and_is_on_it(kb, page):
    assert kb.toolkits, "the project has working tools"
    for tool in kb.toolkits:
        assert tool in kb.tools and tool in toolkits.TOOLKITS
        soup = page(f"vaerktoejer/{tool}/")
        scripts = [s["src"] for s in soup.select("article script[src]")]
        assert any("javascripts/toolkits/" in s for s in scripts), tool  # the tool's own script, on its page only
    plain = next(t for t in kb.tools if t not in kb.toolkits)
    assert not page(f"vaerktoejer/{plain}/").select("article script[src*='toolkits/']")


def test_a_file_in_toolkit_that_no_tool_owns_is_named_with_the_fix(project_copy):
    (project_copy / "toolkit" / "ukendt.yml").write_text("titel: x\n", "utf-8")
    result = run_cli("validate", cwd=project_copy)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if line.startswith("toolkit/ukendt.yml:1:1:"))
    assert all(f"{t}.yml" in line for t in toolkits.TOOLKITS)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_toolkit_whose_tool_page_is_gone_is_reported(project_copy):
    tool = next(iter(toolkits.TOOLKITS))
    (project_copy / "tools" / f"{tool}.yml").unlink()
    result = run_cli("validate", cwd=project_copy)
    assert result.returncode == 1 and f"toolkit/{tool}.yml:1:1: værktøjet '{tool}' findes ikke" in result.stdout


def test_a_link_in_toolkit_is_refused(project_copy, tmp_path):
    secret = tmp_path / "hemmelig.yml"
    secret.write_text("noget: privat\n", "utf-8")
    os.symlink(secret, project_copy / "toolkit" / "link.yml")
    result = run_cli("validate", cwd=project_copy)
    assert result.returncode == 1 and "toolkit/link.yml" in result.stdout and "privat" not in result.stdout
