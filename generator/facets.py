"""The filters of the case and format lists: which facets each list offers and each item's values in them.

A facet is a question a reader asks of a list ("which cases had young participants?"): its name (the URL
parameter and the data attribute on each row), its label, and the options that occur in the list, in the
order of their vocabulary. The list page writes each row's values as data attributes; filters.js hides the
rows that do not match, counts each option and keeps the choice in the URL, so a filtered list can be shared.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .escape import one_line


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    everything: str
    """The option that filters nothing: 'Alle kommuner'."""
    options: list[tuple[str, str]]
    """(value, label) of the values that occur, in display order."""
    values: Callable[[Any], Iterable[str]]

    def attribute(self, entity: Any) -> str:
        return f'data-{self.name}="{" ".join(self.values(entity))}"'


def _vocabulary_facet(kb: Any, name: str, label: str, everything: str, vocabulary: str,
                      values: Callable[[Any], Iterable[str]], items: Iterable[Any]) -> Facet:
    used = {v for item in items for v in values(item)}
    options = [(tid, one_line(term.label)) for tid, term in kb.terms(vocabulary).items() if tid in used]
    return Facet(name, label, everything, options, values)


def _years(case: Any) -> list[str]:
    return [str(y) for y in range(case.period.start, (case.period.end or case.period.start) + 1)]


def _evaluation(case: Any) -> list[str]:
    done = case.kit.evaluation.done if case.kit.evaluation else None
    return ["ikke-oplyst" if done is None else ("ja" if done else "nej")]


def case_facets(kb: Any) -> list[Facet]:
    cases = list(kb.cases.values())
    region_of = {mid: term.region for mid, term in kb.terms("municipalities").items()}
    used_formats = {f for c in cases for f in c.formats}
    years = sorted({y for c in cases for y in _years(c)}, reverse=True)
    return [
        _vocabulary_facet(kb, "region", "Region", "Alle regioner", "regions",
                          lambda c: [region_of[c.municipality]], cases),
        _vocabulary_facet(kb, "municipality", "Kommune", "Alle kommuner", "municipalities",
                          lambda c: [c.municipality], cases),
        Facet("formats", "Format", "Alle formater",
              [(fid, one_line(f.title)) for fid, f in kb.formats.items() if fid in used_formats], lambda c: c.formats),
        _vocabulary_facet(kb, "areas", "Politikområde", "Alle områder", "policy-areas", lambda c: c.policy_areas, cases),
        _vocabulary_facet(kb, "groups", "Deltagere", "Alle deltagergrupper", "participant-groups",
                          lambda c: c.participants.groups, cases),
        _vocabulary_facet(kb, "purposes", "Formål", "Alle formål", "purposes", lambda c: c.purposes, cases),
        _vocabulary_facet(kb, "influence", "Lovet indflydelse", "Alle niveauer", "influence-levels",
                          lambda c: [c.influence] if c.influence else [], cases),
        _vocabulary_facet(kb, "recruitment", "Rekruttering", "Alle måder", "recruitment-methods",
                          lambda c: c.participants.recruitment_methods, cases),
        Facet("evaluated", "Evalueret", "Alle", [("ja", "Evalueret"), ("nej", "Ikke evalueret"),
                                                  ("ikke-oplyst", "Ikke oplyst")], _evaluation),
        Facet("year", "År", "Alle år", [(y, y) for y in years], _years),
    ]


def format_facets(kb: Any) -> list[Facet]:
    formats = list(kb.formats.values())
    return [
        _vocabulary_facet(kb, "purposes", "Formål", "Alle formål", "purposes", lambda f: f.purposes, formats),
        _vocabulary_facet(kb, "influence", "Indflydelse", "Alle niveauer", "influence-levels",
                          lambda f: f.influence_levels, formats),
        _vocabulary_facet(kb, "groups", "Deltagere", "Alle deltagergrupper", "participant-groups",
                          lambda f: f.participant_groups, formats),
        _vocabulary_facet(kb, "areas", "Politikområde", "Alle områder", "policy-areas",
                          lambda f: f.decision.policy_areas, formats),
        _vocabulary_facet(kb, "stages", "Fase", "Alle faser", "stages", lambda f: f.stages, formats),
        _vocabulary_facet(kb, "modes", "Form", "Alle former", "modes", lambda f: f.modes, formats),
    ]
