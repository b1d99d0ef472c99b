"""The survey page's charts: format use and barriers (from the data) and each source's own charts."""
from __future__ import annotations

from typing import Any

from .charts import BarData, chart_html
from .model import KnowledgeBase
from .schema import SourceRef

SURVEY_PAGE = "undersoegelsen/index.md"


def survey_charts(kb: KnowledgeBase) -> list[dict[str, Any]]:
    charts = [c for c in (_format_use(kb), _barriers(kb)) if c] + _source_charts(kb)
    for c in charts:
        c["html"] = chart_html(c["id"], c["title"], c["bars"], n=c["n"], n_note=c["n_note"],
                               period=c["period"], question=c["question"])
    return charts


def _format_use(kb: KnowledgeBase) -> dict[str, Any] | None:
    used = [f for f in kb.formats.values() if f.survey and f.survey.percent is not None]
    if not used:
        return None
    first = used[0].survey
    return dict(
        id="formater-brugt", kind="formats",
        title=f"Formater, kommunerne brugte i valgperioden {first.period}" if first.period else "Formater, kommunerne brugte",
        question="Hvilke former for borgerinddragelse blev benyttet i seneste valgperiode?",
        n=first.n, n_note=None, period=first.period, note=None, source=first.source,
        bars=[BarData(f.title, f.survey.percent, f.survey.certainty) for f in used],
        entities=[("formats", f.id) for f in sorted(used, key=lambda f: -f.survey.percent)])


def _barriers(kb: KnowledgeBase) -> dict[str, Any] | None:
    barriers = [t for t in kb.terms("barriers").values() if t.figure and t.figure.percent is not None]
    if not barriers:
        return None
    first = barriers[0].figure
    return dict(
        id="barrierer", kind="barriers", title="Barrierer: derfor gik forløb mindre godt",
        question="Hvad var årsagerne til, at borgerinddragelsesforløb gik mindre godt?",
        n=first.n, n_note=None if first.n else "N er ikke oplyst ved figuren", period=first.period,
        note=first.note, source=first.source,
        bars=[BarData(t.label, t.figure.percent, t.figure.certainty) for t in barriers], entities=[])


def _source_charts(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [dict(id=c.id, kind="source", title=c.title, question=c.question, n=c.n, n_note=c.n_note,
                 period=c.period, note=c.note, source=SourceRef(source=sid, section=c.section, lines=c.lines),
                 bars=[BarData(b.label, b.percent, b.certainty) for b in c.bars], entities=[])
            for sid, source in kb.sources.items() for c in source.charts]
