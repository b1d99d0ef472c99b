"""Accessible bar charts in HTML and CSS, rendered at build time (no chart library in the browser).

Each chart is a <figure> with a caption and a list of bars: each bar's label stands above it as text, at the
page's font size, so the chart reads on a phone as on a laptop, and a screen reader reads label and value
in order. The same numbers follow as a table for copying. Bars read off a chart by sort order (not stated
literally in the source) are drawn hatched and marked "*".
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class BarData:
    label: str
    percent: float
    certainty: str = "sikker"


def _pct(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",") + " %"


def chart_html(chart_id: str, title: str, bars: list[BarData], *, n: int | None, n_note: str | None,
               period: str | None, question: str | None) -> str:
    """One chart as raw HTML (a figure with a list of bars and a data table)."""
    bars = sorted(bars, key=lambda b: -b.percent)
    meta = ", ".join(x for x in (f"N={n}" if n else (n_note or ""), period or "") if x)
    read_note = '*<span class="nb-visually-hidden"> (aflæst af figur)</span>'
    items = []
    for bar in bars:
        uncertain = bar.certainty != "sikker"
        items.append(
            f'<li class="nb-chart__row{" nb-chart__row--read" if uncertain else ""}">'
            f'<span class="nb-chart__label">{escape(bar.label)}</span>'
            f'<span class="nb-chart__track" aria-hidden="true"><span class="nb-chart__bar" '
            f'style="width: {max(bar.percent, 0.5):.1f}%"></span></span>'
            f'<span class="nb-chart__value">{_pct(bar.percent)}'
            f'{read_note if uncertain else ""}</span></li>')
    table_rows = "".join(
        f"<tr><th scope=\"row\">{escape(b.label)}</th><td>{_pct(b.percent)}</td>"
        f"<td>{'aflæst af figur' if b.certainty != 'sikker' else 'står i teksten'}</td></tr>" for b in bars)
    question_html = f'<br><span class="nb-chart__question">{escape(question)}</span>' if question else ""
    return (
        f'<figure class="nb-chart" id="figur-{chart_id}">\n'
        f'<figcaption id="{chart_id}-t"><strong>{escape(title)}</strong>{f" ({escape(meta)})" if meta else ""}'
        f'{question_html}</figcaption>\n'
        f'<ul class="nb-chart__bars" aria-labelledby="{chart_id}-t">{"".join(items)}</ul>\n'
        f'<details class="nb-chart__numbers"><summary>Vis tallene som tabel</summary>'
        f'<table><caption>{escape(title)}</caption><thead><tr><th scope="col">Svar</th><th scope="col">Andel</th>'
        f'<th scope="col">Aflæsning</th></tr></thead><tbody>{table_rows}</tbody></table></details>\n'
        f'</figure>\n')
