"""Working tools on tool pages: the influence map, the dialogue cards, the engagement survey and its dashboard.

A tool page (``tools/<id>.yml``) describes a tool; a toolkit makes it usable in the browser. Each toolkit is
one declaration here: the tool it belongs to, the model of its data file (``toolkit/<tool id>.yml``, which
editors and domain experts change: elements, questions, cards, the survey's questions), the template part
the tool page includes (``templates/toolkits/<tool id>.md.j2``) and, optionally, the files it adds to the
site (page data, a CSV template, sample data). The data is validated like every other file; the logic
that runs in the browser lives in ``content/javascripts/toolkits/``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from pydantic import BaseModel

TOOLKIT_DIR = "toolkit"

SiteFiles = Callable[[Any, Any, Callable[[str], str]], dict[str, bytes]]
"""(the toolkit's data, the knowledge base, url_for) → path in the site → content."""

PageContextFor = Callable[[Any, Any], dict[str, Any]]
"""(the toolkit's data, the knowledge base) → extra values for the tool page's template."""


@dataclass(frozen=True)
class Toolkit:
    tool: str
    """The tool's id: its page carries the toolkit, and its data file is ``toolkit/<tool>.yml``."""
    model: type[BaseModel]
    site_files: Optional[SiteFiles] = None
    page_context: Optional[PageContextFor] = None

    @property
    def data_file(self) -> str:
        return f"{TOOLKIT_DIR}/{self.tool}.yml"

    @property
    def template(self) -> str:
        return f"toolkits/{self.tool}.md.j2"


TOOLKITS: dict[str, Toolkit] = {}


def register(toolkit: Toolkit) -> Toolkit:
    TOOLKITS[toolkit.tool] = toolkit
    return toolkit


def site_files(kb: Any, url_for: Callable[[str], str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for tool, data in kb.toolkits.items():
        declared = TOOLKITS[tool]
        if declared.site_files is not None:
            out.update(declared.site_files(data, kb, url_for))
    return out


def page_context(kb: Any, tool: str) -> dict[str, Any]:
    """What a tool page's template needs for its toolkit: ``toolkit`` (the data) and the toolkit's own values."""
    data = kb.toolkits.get(tool)
    if data is None:
        return {"toolkit": None}
    declared = TOOLKITS[tool]
    extra = declared.page_context(data, kb) if declared.page_context else {}
    return {"toolkit": data, "toolkit_template": declared.template, **extra}


def _register_all() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_register_all()
