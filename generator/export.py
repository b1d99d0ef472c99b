"""Open-data exports of the knowledge base: JSON per collection and a CSV of the cases."""
from __future__ import annotations

import csv
import io
import json
from typing import Callable

from .gcpause import cycle_collector_paused
from .model import KnowledgeBase
from .render import Renderer

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.da",
    "attribution": "Nybrud – åben vidensbase om borgerinddragelse",
}

UrlFor = Callable[[str], str]
"""Maps a page's source path (``cases/x.md``) to its URL relative to the site root."""


def _dump(entity) -> dict:
    return entity.model_dump(mode="json", exclude_none=True)


def collections(kb: KnowledgeBase, url_for: UrlFor) -> dict[str, list[dict]]:
    """Every collection as a list of records, with page URLs and computed back-links."""
    page = lambda kind, ident: url_for(Renderer.uri(kind, ident))  # noqa: E731
    cases = [{**_dump(c), "url": page("cases", cid),
              "related_by": kb.cases_related_by.get(cid, [])} for cid, c in kb.cases.items()]
    formats = [{**_dump(f), "url": page("formats", fid), "cases": kb.cases_by_format.get(fid, []),
                "tools": kb.tools_by_format.get(fid, []), "combined_by": kb.formats_combined_by.get(fid, [])}
               for fid, f in kb.formats.items()]
    principles = [{**_dump(p), "url": page("principles", pid), "cases": kb.cases_by_principle.get(pid, []),
                   "tools": kb.tools_by_principle.get(pid, [])} for pid, p in kb.principles.items()]
    tools = [{**_dump(t), "url": page("tools", tid), "cases": kb.cases_by_tool.get(tid, [])}
             for tid, t in kb.tools.items()]
    sources = [{**_dump(s), "url": page("sources", sid),
                "cited_by": [{"collection": c, "id": i} for c, i in kb.citations.get(sid, [])]}
               for sid, s in kb.sources.items()]
    vocab = [_dump(v) for v in kb.vocab.values()]
    return {"cases": cases, "formats": formats, "principles": principles, "tools": tools,
            "sources": sources, "vocab": vocab}


@cycle_collector_paused
def exports(kb: KnowledgeBase, url_for: UrlFor) -> dict[str, bytes]:
    """Files to write into the built site: ``api/<collection>.json`` and ``cases.csv``."""
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
               "policy_areas", "formats", "purposes", "influence", "participants", "summary", "sources", "url")


def cases_csv(kb: KnowledgeBase, url_for: UrlFor) -> bytes:
    """The cases as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read æ, ø and å)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for cid, c in kb.cases.items():
        municipality = kb.term("municipalities", c.municipality)
        writer.writerow([
            cid, c.title, c.municipality, municipality.label, municipality.region or "",
            c.period.start, c.period.end or "", ";".join(c.policy_areas), ";".join(c.formats),
            ";".join(c.purposes), c.influence or "", c.participants.count or "", " ".join(c.summary.split()),
            ";".join(dict.fromkeys(ref.source for ref in c.sources)), url_for(Renderer.uri("cases", cid)),
        ])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
