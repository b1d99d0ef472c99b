"""What Formatvælgeren's pages need: the questions with their options, and the data for the browser engine."""
from __future__ import annotations

import json
from typing import Any, Callable

from . import pages
from .escape import script_json
from .model import KnowledgeBase
from .recommend import decision_data, trim_for_browser

CASES_FILE = "formatvaelger/cases.json"
DECISION_PAGES = (("formatvaelger/index.md", "decision.md.j2"),
                  ("formatvaelger/saadan-virker-den.md", "decision-method.md.j2"))


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def questions(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The questions as the page shows them, with the label and help text of every option."""
    out = []
    for q in kb.decision.questions:
        options = []
        if q.vocabulary:
            options += [{"id": t.id, "label": t.label, "help": _flat(t.definition)} for t in kb.terms(q.vocabulary).values()]
        if q.formats:
            options += [{"id": fid, "label": f.title, "help": ""} for fid, f in sorted(kb.formats.items())
                        if f.decision.standing]
        if q.duties:
            options += [{"id": d.id, "label": d.label, "help": ""} for d in kb.decision.duties]
        options += [{"id": o.id, "label": o.label, "help": _flat(o.help)} for o in q.options
                    if o.id not in {x["id"] for x in options}]
        out.append({"id": q.id, "group": q.group, "label": q.label, "help": _flat(q.help), "kind": q.kind,
                    "max": q.max_choices, "unknown": q.unknown, "options": options})
    return out


def browser_data(kb: KnowledgeBase, url_for: Callable[[str], str]) -> dict[str, Any]:
    """The JSON the page embeds for the engine in the browser (without the cases, which it loads when a result
    needs them), with what the result shows besides: URLs, titles and summaries."""
    data = trim_for_browser(decision_data(kb))
    data["urls"] = {
        "formats": {fid: url_for(pages.uri("formats", fid)) for fid in kb.formats},
        "principles": {pid: url_for(pages.uri("principles", pid)) for pid in kb.principles},
        "sources": {sid: url_for(pages.uri("sources", sid)) for sid in kb.sources},
        "barriers": url_for(pages.uri("vocab", "barriers")),
    }
    data["titles"] = {
        "principles": {pid: p.title for pid, p in kb.principles.items()},
        "sources": {sid: s.title for sid, s in kb.sources.items()},
        "formats_summary": {fid: _flat(f.summary).split(". ")[0].rstrip(".") + "." for fid, f in kb.formats.items()},
        "formats_duration": {fid: f.duration or "" for fid, f in kb.formats.items()},
    }
    return data


def decision_files(kb: KnowledgeBase, url_for: Callable[[str], str]) -> dict[str, bytes]:
    """The files Formatvælgeren's page loads besides itself: the cases it compares with a situation, loaded when a
    result needs them, so the page's weight does not grow with the knowledge base."""
    if kb.decision is None:
        return {}
    cases = decision_data(kb)["cases"]
    for cid, c in cases.items():
        c["url"] = url_for(pages.uri("cases", cid))
    return {CASES_FILE: json.dumps(cases, ensure_ascii=False, separators=(",", ":")).encode("utf-8")}


def decision_context(kb: KnowledgeBase, url_for: Callable[[str], str]) -> dict[str, Any]:
    config = kb.decision
    return {"config": config, "questions": questions(kb), "decision_json": script_json(browser_data(kb, url_for)),
            "labels": {q.id: q.label for q in config.questions}}
