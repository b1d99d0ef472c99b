"""The comparison of formats side by side (``formater/sammenlign/``): each format's facts for the browser, which
shows the two to four formats the reader chooses in columns and keeps the choice in the URL."""
from __future__ import annotations

from typing import Any, Callable

from . import pages
from .escape import script_json

COMPARE_PAGE = "formater/sammenlign.md"
MAX_CASES = 5


def compare_data(kb: Any, url_for: Callable[[str], str]) -> list[dict[str, Any]]:
    def labels(vocabulary: str, ids: list[str]) -> list[str]:
        return [kb.label(vocabulary, i) for i in ids]

    here = url_for(COMPARE_PAGE)

    def link(kind: str, ident: str) -> str:
        return pages.relative_url(here, url_for(pages.uri(kind, ident)))

    out = []
    for fid, f in kb.formats.items():
        cases = kb.referrers("formats", fid, "cases")
        weeks = f.decision.min_weeks_existing if f.decision.standing and f.decision.min_weeks_existing is not None \
            else f.decision.min_weeks
        out.append({
            "id": fid, "title": f.title, "url": link("formats", fid), "summary": f.summary,
            "purposes": labels("purposes", f.purposes),
            "influence": labels("influence-levels", f.influence_levels),
            "participants": labels("participant-groups", f.participant_groups),
            "weeks": weeks, "duration": f.duration,
            "resources": kb.label("resource-levels", f.resources) if f.resources else None,
            "strengths": list(f.strengths), "risks": labels("barriers", f.risks),
            "cases": [{"title": kb.cases[c].title, "url": link("cases", c)} for c in cases[:MAX_CASES]],
            "case_count": len(cases),
        })
    return out


def compare_context(kb: Any, url_for: Callable[[str], str]) -> dict[str, Any]:
    return {"compare_json": script_json(compare_data(kb, url_for))}
