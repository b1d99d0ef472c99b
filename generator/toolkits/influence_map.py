"""Indflydelseskortet: the working version of idéskitse 1 in *Lokaldemokrati i nybrud* (tool
``indflydelseskortlaegning``).

A leadership group places the elements that make citizen participation succeed on a circle of zones, from
given conditions (outside) to control (inside). The data file (``toolkit/indflydelseskortlaegning.yml``) holds
whose influence can be mapped, the areas, the zones, the elements (each naming its survey barrier, whose figure
lives in ``vocab/barriers.yml``), the guiding questions and every text of the page. The browser part is
``content/javascripts/toolkits/influence_map.js``; it keeps the map in the page's address.
"""
from __future__ import annotations

import html
import re
from typing import Annotated, Any, Callable, Literal, Optional

from pydantic import Field

from .. import pages
from ..escape import script_json
from ..escape import number, one_line
from ..schema import Id, Line, Ref, SourceRef, Strict, Text
from . import Toolkit, register

TOOL = "indflydelseskortlaegning"
OWN_PREFIX = "egen-"
"""Ids of the users' own elements in the address: egen-1, egen-2 …; data elements may not use it."""

By = Literal["kilde", "nybrud"]
BY_HELP = ("'kilde': teksten bygger på kilden (i Nybruds ord) og har en kildehenvisning; "
           "'nybrud': Nybruds egen tekst.")
Short = Annotated[Text, Field(max_length=400)]


class Choice(Strict):
    """Et valg i kortets hoved: hvis indflydelse, eller hvilket område."""

    id: Id = Field(title="Id", description="Står i kortets adresse, fx 'direktionen'.")
    label: Line = Field(title="Betegnelse")
    by: By = Field(title="Hvorfra", description=BY_HELP)
    source: Optional[SourceRef] = Field(None, title="Kilde", description="Påkrævet, når 'by' er 'kilde'.")


class Zone(Strict):
    """En zone på cirklen. Zonerne står udefra og ind."""

    id: Id = Field(title="Id", description="Står i kortets adresse, fx 'lav'.")
    label: Line = Field(title="Navn")
    description: Short = Field(title="Forklaring")
    by: By = Field(title="Hvorfra forklaringen er", description=BY_HELP)


class Element(Strict):
    """Et element, der får borgerinddragelse til at lykkes, og som brugerne placerer på cirklen."""

    id: Id = Field(title="Id", description="Står i kortets adresse; må ikke begynde med 'egen-'.")
    title: Annotated[Line, Field(max_length=90)] = Field(title="Titel")
    description: Optional[Short] = Field(None, title="Forklaring")
    by: By = Field(title="Hvorfra", description=BY_HELP)
    barrier: Optional[Ref("vocab:barriers")] = Field(
        None, title="Barriere i undersøgelsen",
        description="Id fra vocab/barriers.yml; barrierens tal (andel af direktørerne) vises ved elementet.")
    source: Optional[SourceRef] = Field(None, title="Kilde",
                                        description="Påkrævet, når 'by' er 'kilde' og elementet ikke har en barriere.")


class Question(Strict):
    """Et spørgsmål, der guider drøftelsen af udviklingspotentialet."""

    id: Id = Field(title="Id")
    text: Short = Field(title="Spørgsmålet")
    by: By = Field(title="Hvorfra", description=BY_HELP)
    source: Optional[SourceRef] = Field(None, title="Kilde", description="Påkrævet, når 'by' er 'kilde'.")


class Potential(Strict):
    """Hvordan kortet finder udviklingspotentialet."""

    low_zones: Annotated[list[Id], Field(min_length=1)] = Field(
        title="Zoner med lav indflydelse", description="Elementer her, som brugerne ønsker mere indflydelse på, vises.")
    high_zones: Annotated[list[Id], Field(min_length=1)] = Field(
        title="Zoner med høj indflydelse", description="Elementer her, som er en hyppig barriere, vises.")
    frequent_percent: Annotated[float, Field(ge=0, le=100)] = Field(
        title="Hyppig barriere fra", description="En barriere er hyppig, når mindst så mange procent af direktørerne nævner den.")
    explanation: Short = Field(title="Forklaring", description="Må bruge {low_zones}, {high_zones} og {percent}.")
    explanation_by: By = Field(title="Hvorfra forklaringen er", description=BY_HELP)


class Own(Strict):
    """Grænser for brugernes egne elementer."""

    max_count: Annotated[int, Field(ge=0, le=40)] = Field(title="Højst antal egne elementer")
    max_length: Annotated[int, Field(ge=10, le=120)] = Field(title="Højst antal tegn i et eget element")


class Texts(Strict):
    """Sidens faste tekster. Ord i krøllede parenteser, fx {element}, udfyldes af siden."""

    heading_choice: Line
    label_actor: Line
    label_area: Line
    heading_zones: Line
    circle_caption: Line
    heading_summary: Line
    unplaced: Line
    none_in_zone: Line
    heading_elements: Line
    elements_help: Line
    zone_legend: Line
    wish: Line
    wish_marker: Line
    about_figure: Line
    figure_no_n: Line
    certainty_sandsynlig: Line
    certainty_usikker: Line
    source_prefix: Line
    barrier_prefix: Line
    by_kilde: Line
    by_nybrud: Line
    by_own: Line
    heading_own: Line
    own_label: Line
    own_add: Line
    own_remove: Line
    own_full: Line
    own_empty: Line
    heading_questions: Line
    heading_potential: Line
    potential_low: Line
    potential_low_empty: Line
    potential_high: Line
    potential_high_empty: Line
    print: Line
    copy_link: Line
    copied: Line
    copy_failed: Line
    print_link: Line
    announce_placed: Line
    announce_unplaced: Line
    announce_selected: Line
    announce_wish_on: Line
    announce_wish_off: Line
    announce_added: Line
    announce_removed: Line
    announce_actor: Line
    announce_area: Line
    announce_restored: Line
    url_skipped: Line
    url_unknown_key: Line
    url_unknown_value: Line
    url_unknown_element: Line
    url_unknown_zone: Line
    url_bad_own: Line


PLACEHOLDERS = {  # the values each text must show; a text without its placeholder would hide what happened
    "zone_legend": ("element",), "own_remove": ("element",), "own_full": ("count",),
    "announce_placed": ("element", "zone"), "announce_unplaced": ("element",), "announce_selected": ("element",),
    "announce_wish_on": ("element",), "announce_wish_off": ("element",), "announce_added": ("element", "number"),
    "announce_removed": ("element",), "announce_actor": ("actor",), "announce_area": ("area",),
    "announce_restored": ("count",), "url_skipped": ("items",), "url_unknown_key": ("key",),
    "url_unknown_value": ("key", "value"), "url_unknown_element": ("value",), "url_unknown_zone": ("value",),
    "url_bad_own": ("value",),
}


class InfluenceMap(Strict):
    """Indflydelseskortet: hvem, områder, zoner, elementer, spørgsmål og sidens tekster."""

    title: Line = Field(title="Værktøjets navn på siden")
    intro: Short = Field(title="Indledning")
    intro_by: By = Field(title="Hvorfra indledningen er", description=BY_HELP)
    nojs: Short = Field(title="Tekst til arbejdsarket uden JavaScript")
    source: SourceRef = Field(title="Idéskitsen i kilden")
    actors: Annotated[list[Choice], Field(min_length=1)] = Field(title="Hvis indflydelse",
                                                                 description="Den første er valgt fra start.")
    areas: Annotated[list[Choice], Field(min_length=1)] = Field(title="Områder", description="Den første er valgt fra start.")
    zones: Annotated[list[Zone], Field(min_length=2, max_length=6)] = Field(title="Zoner", description="Udefra og ind.")
    zones_source: SourceRef = Field(title="Kilde til zonernes navne")
    elements_note: Optional[Short] = Field(None, title="Om elementerne", description="Fx hvor de kommer fra.")
    elements_note_by: By = Field("nybrud", title="Hvorfra teksten om elementerne er", description=BY_HELP)
    elements: Annotated[list[Element], Field(min_length=1, max_length=40)] = Field(title="Elementer")
    questions: Annotated[list[Question], Field(min_length=1)] = Field(title="Spørgsmål")
    potential: Potential = Field(title="Udviklingspotentiale")
    own: Own = Field(title="Egne elementer")
    texts: Texts = Field(title="Tekster")

    def problems(self) -> list[tuple[tuple, str]]:
        found: list[tuple[tuple, str]] = []
        for group in ("actors", "areas", "zones", "elements", "questions"):
            seen: dict[str, int] = {}
            for i, item in enumerate(getattr(self, group)):
                if item.id in seen:
                    found.append(((group, i, "id"), f"id'et '{item.id}' står to gange i '{group}' (også som nr. "
                                                     f"{seen[item.id] + 1}); giv hvert sit id"))
                seen.setdefault(item.id, i)
                if item.by == "kilde" and _needs_source(item):
                    found.append(((group, i, "by"), "'by: kilde' kræver en 'source' med afsnit og linjer i kilden; "
                                                    "skriv 'by: nybrud', hvis teksten er Nybruds egen"))
        for i, element in enumerate(self.elements):
            if element.id.startswith(OWN_PREFIX):
                found.append((("elements", i, "id"), f"id'er, der begynder med '{OWN_PREFIX}', er forbeholdt "
                                                     "brugernes egne elementer; vælg et andet id"))
        zone_ids = [z.id for z in self.zones]
        for key in ("low_zones", "high_zones"):
            for i, zid in enumerate(getattr(self.potential, key)):
                if zid not in zone_ids:
                    found.append((("potential", key, i), f"zonen '{zid}' findes ikke i 'zones'; kendte zoner: "
                                                         f"{', '.join(zone_ids)}"))
        for key, names in PLACEHOLDERS.items():
            text = getattr(self.texts, key)
            for name in names:
                if "{" + name + "}" not in text:
                    found.append((("texts", key), f"teksten skal indeholde {{{name}}}, som siden udfylder"))
        return found


def _needs_source(item: Strict) -> bool:
    """A text said to come from the source without saying where (an element may instead name its barrier, whose
    figure cites the source; a zone's name is cited once, in 'zones_source')."""
    if isinstance(item, Zone):
        return False
    if isinstance(item, Element) and item.barrier is not None:
        return False
    return item.source is None


# --- what the page shows ----------------------------------------------------------------------------------------

def fill(text: str, **values: str) -> str:
    """A text with its {placeholders} filled in (unknown ones are left as they are)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


def _zone_list(data: InfluenceMap, ids: list[str]) -> str:
    labels = {z.id: z.label for z in data.zones}
    names = [labels[i] for i in ids if i in labels]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def _where(ref: SourceRef) -> str:
    where = one_line(ref.section)
    if ref.pages:
        where += f" (s. {ref.pages.replace('-', '–')})"
    if ref.lines:
        where += f" (linje {ref.lines.replace('-', '–')} i tekstudgaven)"
    return where


def _source_text(ref: SourceRef, kb: Any) -> str:
    return f"{kb.sources[ref.source].title}: {_where(ref)}"


def _figure(data: InfluenceMap, element: Element, kb: Any) -> dict[str, Any] | None:
    """The element's barrier in the survey and its figure (share of the chief executives, N, certainty, source)."""
    if element.barrier is None:
        return None
    term = kb.term("barriers", element.barrier)
    f = term.figure
    if f is None:
        return {"barrier": term.label, "percent": None, "text": "", "note": "", "source": None}
    t = data.texts
    value = f"{number(f.percent)} %" if f.percent is not None else one_line(f.value)
    meta = [one_line(f.period)] if f.period else []
    meta.append(f"N={f.n}" if f.n else t.figure_no_n)
    if f.certainty != "sikker":
        meta.append(t.certainty_sandsynlig if f.certainty == "sandsynlig" else t.certainty_usikker)
    return {
        "barrier": term.label,
        "percent": f.percent,
        "text": f"{one_line(f.label)}: {value} ({'; '.join(meta)})",
        "note": one_line(f.note) if f.note else "",
        "source": f.source,
    }


def view(data: InfluenceMap, kb: Any) -> dict[str, Any]:
    """Everything the template and the browser show, with figures and source texts resolved."""
    low, high = data.potential.low_zones, data.potential.high_zones
    values = {"low_zones": _zone_list(data, low), "high_zones": _zone_list(data, high),
              "percent": number(data.potential.frequent_percent)}
    texts = {k: fill(v, **values) for k, v in data.texts.model_dump().items()}
    elements = []
    for element in data.elements:
        figure = _figure(data, element, kb)
        elements.append({
            "id": element.id, "title": element.title, "description": element.description or "", "by": element.by,
            "figure": figure, "source": element.source,
            "frequent": bool(figure and figure["percent"] is not None
                             and figure["percent"] >= data.potential.frequent_percent),
        })
    choice_sources = []
    for choice in [*data.actors, *data.areas]:
        if choice.source is not None and choice.source not in choice_sources:
            choice_sources.append(choice.source)
    return {"texts": texts, "elements": elements, "explanation": fill(data.potential.explanation, **values),
            "choice_sources": choice_sources}


def browser_json(data: InfluenceMap, kb: Any, href_to: Callable[[str], str]) -> str:
    """The data the script needs, as JSON for a <script type="application/json"> element."""
    v = view(data, kb)

    def ref(r: SourceRef | None) -> dict[str, str] | None:
        return {"text": _source_text(r, kb), "url": href_to(pages.uri("sources", r.source))} if r else None

    def choice(c: Choice) -> dict[str, Any]:
        return {"id": c.id, "label": c.label, "by": c.by}

    elements = []
    for e in v["elements"]:
        figure = e["figure"]
        if figure is not None:
            figure = {k: (ref(val) if k == "source" else val) for k, val in figure.items()}
        elements.append({**e, "figure": figure, "source": ref(e["source"])})
    return script_json({
        "title": data.title,
        "actors": [choice(a) for a in data.actors],
        "areas": [choice(a) for a in data.areas],
        "zones": [{"id": z.id, "label": z.label, "description": z.description, "by": z.by} for z in data.zones],
        "elements": elements,
        "potential": {"low": data.potential.low_zones, "high": data.potential.high_zones,
                      "percent": data.potential.frequent_percent, "explanation": v["explanation"]},
        "own": data.own.model_dump(),
        "ownPrefix": OWN_PREFIX,
        "texts": v["texts"],
    })


# --- the circle --------------------------------------------------------------------------------------------------

VIEW = 600
"""The circle's SVG is VIEW × VIEW user units; the script draws the markers in the same units."""
RADIUS = 290
INNER_SHARE = 0.3
"""The innermost zone is a disc of this share of the radius; the rings outside it share the rest equally."""


def zone_radii(count: int) -> list[tuple[float, float]]:
    """(inner, outer) radius of each zone, from the outside in."""
    inner = RADIUS * INNER_SHARE
    ring = (RADIUS - inner) / (count - 1)
    outer_edges = [RADIUS - i * ring for i in range(count)]
    return [(outer_edges[i + 1] if i + 1 < count else 0.0, outer_edges[i]) for i in range(count)]


def circle(data: InfluenceMap) -> list[dict[str, Any]]:
    """The zones as the template draws them: id, label, radii and where the label sits."""
    out = []
    for zone, (inner, outer) in zip(data.zones, zone_radii(len(data.zones))):
        # a ring's name sits at the top of the ring; the inner disc's near its top edge, above its markers
        label_y = VIEW / 2 - ((inner + outer) / 2 if inner else outer - 18)
        out.append({"id": zone.id, "label": zone.label, "inner": round(inner, 2), "outer": round(outer, 2),
                    "label_y": round(label_y, 2)})
    return out


def source_html(ref: SourceRef, kb: Any, href_to: Callable[[str], str]) -> str:
    """A source reference as HTML: the source's title linked to its page, then where in it."""
    title = html.escape(kb.sources[ref.source].title)
    where = html.escape(_where(ref))
    url = html.escape(href_to(pages.uri("sources", ref.source)), quote=True)
    return f'<a href="{url}">{title}</a>: {where}'


def page_context(data: InfluenceMap, kb: Any) -> dict[str, Any]:
    return {
        "im": view(data, kb),
        "im_circle": circle(data),
        "im_view": VIEW,
        "im_source": lambda ref, href_to: source_html(ref, kb, href_to),
        "im_json": lambda href_to: browser_json(data, kb, href_to),
    }


register(Toolkit(tool=TOOL, model=InfluenceMap, page_context=page_context))
