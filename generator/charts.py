"""Accessible bar charts as inline SVG, rendered at build time (no chart library in the browser).

Each chart is a <figure> with a caption, an SVG with role="img", a title and a description that
reads out every value, and the same numbers as a table for screen readers and copying. Bars read
off a chart by sort order (not stated literally in the source) are drawn hatched and marked "*".
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

ROW = 34          # height of one bar row (label line + bar)
WIDTH = 640       # viewBox width
LABEL_GAP = 14    # label baseline above its bar
BAR_HEIGHT = 12
VALUE_SPACE = 56  # room right of the longest bar for its value


@dataclass(frozen=True)
class BarData:
    label: str
    percent: float
    certainty: str = "sikker"


def _pct(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",") + " %"


def chart_html(chart_id: str, title: str, bars: list[BarData], *, n: int | None, n_note: str | None,
               period: str | None, question: str | None) -> str:
    """One chart as raw HTML (a figure with an SVG and a data table)."""
    bars = sorted(bars, key=lambda b: -b.percent)
    height = ROW * len(bars) + 8
    scale = (WIDTH - VALUE_SPACE) / 100
    meta = ", ".join(x for x in (f"N={n}" if n else (n_note or ""), period or "") if x)
    desc = "; ".join(f"{b.label}: {_pct(b.percent)}{' (aflæst af figur)' if b.certainty != 'sikker' else ''}" for b in bars)
    rows = []
    for i, bar in enumerate(bars):
        y = i * ROW + LABEL_GAP
        width = max(bar.percent * scale, 1.5)
        uncertain = bar.certainty != "sikker"
        fill = f"url(#{chart_id}-hatch)" if uncertain else "var(--nb-bar, #303f9f)"
        rows.append(
            f'<text x="0" y="{y}" class="nb-chart__label">{escape(bar.label)}</text>'
            f'<rect x="0" y="{y + 5}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{fill}" '
            f'stroke="var(--nb-bar, #303f9f)" stroke-width="1"/>'
            f'<text x="{width + 6:.1f}" y="{y + 5 + BAR_HEIGHT - 2}" class="nb-chart__value">'
            f'{_pct(bar.percent)}{"*" if uncertain else ""}</text>')
    table_rows = "".join(
        f"<tr><th scope=\"row\">{escape(b.label)}</th><td>{_pct(b.percent)}</td>"
        f"<td>{'aflæst af figur' if b.certainty != 'sikker' else 'står i teksten'}</td></tr>" for b in bars)
    hatch = (f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#c5cae9"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="#303f9f" stroke-width="3"/></pattern></defs>')
    question_html = f'<br><span class="nb-chart__question">{escape(question)}</span>' if question else ""
    return (
        f'<figure class="nb-chart" id="figur-{chart_id}">\n'
        f'<figcaption><strong>{escape(title)}</strong>{f" ({escape(meta)})" if meta else ""}'
        f'{question_html}</figcaption>\n'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg" class="nb-chart__svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        f'{hatch}{"".join(rows)}</svg>\n'
        f'<details><summary>Vis tallene som tabel</summary>'
        f'<table><caption>{escape(title)}</caption><thead><tr><th scope="col">Svar</th><th scope="col">Andel</th>'
        f'<th scope="col">Aflæsning</th></tr></thead><tbody>{table_rows}</tbody></table></details>\n'
        f'</figure>\n')
