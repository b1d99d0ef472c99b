"""What the front page shows, taken from the data: the working tools, situations as filtered case lists with
their counts, the newest cases, the survey's key figures and how much the knowledge base holds."""
from __future__ import annotations

from typing import Any

from .facets import case_facets
from .survey import survey_charts
from .text import first_sentence

FRONT_PAGE = "index.md"
NEWEST = 5
KEY_FIGURES = 3


def front_context(kb: Any) -> dict[str, Any]:
    facets = {f.name: f for f in case_facets(kb)}
    cases = list(kb.cases.values())

    def situation_count(facet: str, value: str) -> int:
        return sum(1 for c in cases if value in facets[facet].values(c))

    municipalities = {c.municipality for c in cases}
    regions = {kb.term("municipalities", m).region for m in municipalities}
    newest = sorted(kb.cases.items(), key=lambda kv: (-(kv[1].period.end or kv[1].period.start), -kv[1].period.start))
    charts = [c for c in survey_charts(kb) if c["kind"] in ("barriers", "source") and c["bars"]]
    key_figures = [{"title": c["title"], "bar": max(c["bars"], key=lambda b: b.percent)} for c in charts[:KEY_FIGURES]]
    return {
        "working_tools": [tid for tid in kb.tools if tid in kb.toolkits],
        "situation_count": situation_count,
        "newest_cases": newest[:NEWEST],
        "key_figures": key_figures,
        "counts": {"municipalities": len(municipalities), "regions": len(regions)},
        "first_sentence": first_sentence,
    }
