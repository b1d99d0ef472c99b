"""Open-data exports of the knowledge base: JSON per collection and a CSV of the cases."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

from . import pages, registry
from .model import KnowledgeBase

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.da",
    "attribution": "Nybrud – åben vidensbase om borgerinddragelse",
}

UrlFor = Callable[[str], str]
"""Maps a page's source path (``cases/x.md``) to its URL relative to the site root."""


def _record(kb: KnowledgeBase, collection: registry.Collection, ident: str, entity: Any, url_for: UrlFor) -> dict:
    record = entity.model_dump(mode="json", exclude_none=True)
    if collection.section and not collection.terms:
        record["url"] = url_for(pages.uri(collection.name, ident))
    if collection.cited_by:
        record["cited_by"] = [{"collection": c, "id": i} for c, i in kb.referrers(collection.name, ident)]
        return record
    names = dict(collection.backlink_names)
    for by in registry.referring(collection.name):
        record[names.get(by, by)] = kb.referrers(collection.name, ident, by)
    return record


def collections(kb: KnowledgeBase, url_for: UrlFor) -> dict[str, list[dict]]:
    """Every exported collection as a list of records, with page URLs and computed back-links."""
    return {c.name: [_record(kb, c, ident, entity, url_for) for ident, entity in getattr(kb, c.name).items()]
            for c in registry.COLLECTIONS.values() if c.export}


def exports(kb: KnowledgeBase, url_for: UrlFor) -> dict[str, bytes]:
    """Files to write into the built site: ``api/<collection>.json``, ``api/index.json`` and ``cases.csv``."""
    out: dict[str, bytes] = {}
    data = collections(kb, url_for)
    for name, items in data.items():
        document = {"license": LICENSE, "collection": name, "count": len(items), "items": items}
        out[f"api/{name}.json"] = _json(document)
    out["api/index.json"] = _json({"license": LICENSE, "collections": {
        name: {"url": f"api/{name}.json", "count": len(items)} for name, items in data.items()},
        "csv": "cases.csv"})
    out["cases.csv"] = cases_csv(kb, url_for)
    return out


def _json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8") + b"\n"


CSV_COLUMNS = ("id", "title", "municipality", "municipality_name", "region", "start_year", "end_year",
               "year_approximate", "policy_areas", "formats", "purposes", "influence", "participants",
               "participant_groups", "recruitment_methods", "cost_dkk", "cost_covers", "staff_people", "staff_hours",
               "duration_weeks", "council_decision", "council_decision_date", "implementation_status",
               "implementation_date", "evaluated", "evaluated_by", "evaluation_url", "contact", "summary", "sources", "url")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet program will show as text: one starting like a formula gets a leading ' (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def cases_csv(kb: KnowledgeBase, url_for: UrlFor) -> bytes:
    """The cases as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read æ, ø and å); every cell that could
    start a formula is neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for cid, c in kb.cases.items():
        municipality = kb.term("municipalities", c.municipality)
        k = c.kit
        row = [
            cid, c.title, c.municipality, municipality.label, municipality.region or "",
            c.period.start, c.period.end or "", "ja" if c.period.approximate else "nej",
            ";".join(c.policy_areas), ";".join(c.formats), ";".join(c.purposes), c.influence or "",
            c.participants.count or "", ";".join(c.participants.groups), ";".join(c.participants.recruitment_methods),
            k.cost.dkk if k.cost.dkk is not None else "", _flat(k.cost.covers), k.staff.people or "", k.staff.hours or "",
            k.duration_weeks or "", _flat(k.council_decision.text) if k.council_decision else "",
            (k.council_decision.date or "") if k.council_decision else "",
            k.implementation.status if k.implementation else "", (k.implementation.date or "") if k.implementation else "",
            ("ja" if k.evaluation.done else "nej") if k.evaluation and k.evaluation.done is not None else "", (k.evaluation.by or "") if k.evaluation else "",
            (k.evaluation.url or "") if k.evaluation else "", k.contact or "", _flat(c.summary),
            ";".join(dict.fromkeys(ref.source for ref in c.sources)), url_for(pages.uri("cases", cid)),
        ]
        writer.writerow([spreadsheet_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
