"""What Formatvælgeren's pages need: the questions with their options, and the data for the browser engine."""
from __future__ import annotations

import json
from typing import Any, Callable

from . import pages
from .model import KnowledgeBase
from .recommend import decision_data, trim_for_browser

DECISION_PAGES = (("formatvaelger/index.md", "decision.md.j2"),
                  ("formatvaelger/saadan-virker-den.md", "decision-method.md.j2"))


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def questions(kb: KnowledgeBase) -> list[dict[str, Any]]:
    out = []
    for q in kb.decision.questions:
        if q.vocabulary:
            options = [{"id": t.id, "label": t.label, "help": _flat(t.definition)} for t in kb.terms(q.vocabulary).values()]
        else:
            options = [{"id": o.id, "label": o.label, "help": _flat(o.help)} for o in q.options]
        out.append({"id": q.id, "label": q.label, "help": _flat(q.help), "kind": q.kind, "max": q.max_choices,
                    "options": options})
    return out


def browser_data(kb: KnowledgeBase, url_for: Callable[[str], str], asked: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON the page embeds for the engine in the browser, with URLs and titles for the result."""
    data = trim_for_browser(decision_data(kb))
    data["questions"] = asked
    data["urls"] = {
        "formats": {fid: url_for(pages.uri("formats", fid)) for fid in kb.formats},
        "cases": {cid: url_for(pages.uri("cases", cid)) for cid in data["cases"]},
        "principles": {pid: url_for(pages.uri("principles", pid)) for pid in kb.principles},
        "barriers": url_for(pages.uri("vocab", "barriers")),
    }
    data["titles"] = {
        "principles": {pid: p.title for pid, p in kb.principles.items()},
        "barriers": {tid: t.label for tid, t in kb.terms("barriers").items()},
        "stages": {tid: t.label for tid, t in kb.terms("stages").items()},
        "resources": {tid: t.label for tid, t in kb.terms("resource-levels").items()},
        "formats_resources_note": {fid: _flat(f.resources_note) for fid, f in kb.formats.items()},
        "formats_duration": {fid: f.duration or "" for fid, f in kb.formats.items()},
    }
    return data


def script_json(data: Any) -> str:
    """JSON to put inside <script type="application/json">: no character in it can end or change the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def decision_context(kb: KnowledgeBase, url_for: Callable[[str], str]) -> dict[str, Any]:
    config = kb.decision
    asked = questions(kb)
    return {"config": config, "questions": asked, "decision_json": script_json(browser_data(kb, url_for, asked)),
            "labels": {q.id: q.label for q in config.questions}}
