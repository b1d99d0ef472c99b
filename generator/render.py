"""Render the knowledge base into Markdown pages (uri → text) with Jinja2 templates.

Pages link to each other with relative Markdown links, so MkDocs' strict mode checks every one of
them. Editors' text is escaped: it renders as plain text, never as Markdown structure or HTML.
"""
from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path
from typing import Any, Iterable

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from .charts import BarData, chart_html
from .gcpause import cycle_collector_paused
from .recommend import decision_data, trim_for_browser
from .model import KnowledgeBase
from .pages import Page, directory_url
from .schema import SourceRef

# Where each collection's pages live in the site (Danish URLs).
SECTIONS = {
    "cases": "cases",
    "formats": "formater",
    "principles": "principper",
    "tools": "vaerktoejer",
    "sources": "kilder",
    "municipalities": "kommuner",
    "vocab": "begreber",
}
# Vocabularies that get a page under begreber/ (municipalities and regions have kommuner/ instead).
GLOSSARY_VOCABULARIES = (
    "policy-areas", "purposes", "participant-groups", "influence-levels", "stages", "barriers",
    "modes", "resource-levels", "principle-sets", "principle-kinds", "tool-kinds", "source-kinds",
)

_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]{}<>]")
_LINE_START = re.compile(r"^(\s*)(?:([#+\->])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(m: re.Match) -> str:
    return m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))


def escape_md(text: Any) -> str:
    """Make editors' text render literally in Markdown (no emphasis, links, lists or headings).

    Runs for every text on every page, so it only substitutes when a search finds something to escape."""
    text = str(text)
    if _INLINE_SPECIAL.search(text):
        text = _INLINE_SPECIAL.sub(r"\\\g<0>", text)
    if "\n" in text or _LINE_START.match(text):
        text = _LINE_START.sub(_escape_line_start, text)
    return text


def paragraphs(text: Any) -> str:
    """Escaped text with its blank-line-separated paragraphs kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    return "\n\n".join(escape_md(" ".join(p.split())) for p in parts)


def one_line(text: Any) -> str:
    """Escaped text on a single line (for list items and definition lists)."""
    return escape_md(" ".join(str(text).split()))


def template_cache(folder: Path | None) -> BytecodeCache | None:
    """Jinja's cache of compiled templates in ``folder``, kept between builds; None where it cannot be written."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


class Renderer:
    def __init__(self, kb: KnowledgeBase, url_for=directory_url, cache: BytecodeCache | None = None):
        self.kb = kb
        self.url_for = url_for
        self._link_titles: dict[tuple[str, str], str] = {}  # (kind, id) → the escaped title, shared by all pages
        self.env = Environment(
            loader=PackageLoader("generator", "templates"),
            undefined=StrictUndefined,
            autoescape=False,  # output is Markdown; editors' text goes through the `md`/`para` filters
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
            bytecode_cache=cache,  # compiling the templates is most of a small site's render time
        )
        self.env.filters.update(md=one_line, para=paragraphs, extract_label=self._label)

    _CONFLICT = {"lav": "Lav", "middel": "Middel", "hoej": "Høj"}

    def _label(self, term_id: str, vocabulary: str) -> str:
        if vocabulary == "conflict":
            return self._CONFLICT[term_id]
        return one_line(self.kb.label(vocabulary, term_id))

    # --- addresses ----------------------------------------------------------------------------
    @staticmethod
    def uri(kind: str, ident: str | None = None) -> str:
        return f"{SECTIONS[kind]}/{ident}.md" if ident else f"{SECTIONS[kind]}/index.md"

    def municipality_has_page(self, mid: str) -> bool:
        return bool(self.kb.cases_by_municipality.get(mid) or self.tools_by_municipality.get(mid))

    @functools.cached_property
    def tools_by_municipality(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for tid, tool in self.kb.tools.items():
            if tool.municipality:
                out.setdefault(tool.municipality, []).append(tid)
        return out

    # --- rendering ----------------------------------------------------------------------------
    def pages(self) -> Iterable[Page]:
        kb = self.kb
        for kind, items in (("cases", kb.cases), ("formats", kb.formats), ("principles", kb.principles),
                            ("tools", kb.tools), ("sources", kb.sources)):
            template = self.env.get_template(f"{kind}.md.j2")
            for ident, entity in items.items():
                uri = self.uri(kind, ident)
                yield Page(uri, template.render(self._context(uri, entity=entity)), kb.files.get((kind, ident)))
            index = self.env.get_template(f"{kind}-index.md.j2")
            yield Page(self.uri(kind), index.render(self._context(self.uri(kind))))
        template = self.env.get_template("municipality.md.j2")
        for mid in kb.terms("municipalities"):
            if self.municipality_has_page(mid):
                uri = self.uri("municipalities", mid)
                yield Page(uri, template.render(self._context(uri, term=kb.term("municipalities", mid))),
                           kb.files.get(("vocab", "municipalities")))
        yield Page(self.uri("municipalities"),
                   self.env.get_template("municipalities-index.md.j2").render(self._context(self.uri("municipalities"))))
        charts = self.survey_charts()
        if charts:
            uri = "undersoegelsen/index.md"
            yield Page(uri, self.env.get_template("survey.md.j2").render(self._context(uri, charts=charts)),
                       kb.files.get(("sources", charts[-1]["source"].source)) if charts else None)
        if kb.decision is not None:
            for uri, name in (("formatvaelger/index.md", "decision.md.j2"),
                              ("formatvaelger/saadan-virker-den.md", "decision-method.md.j2")):
                yield Page(uri, self.env.get_template(name).render(self._context(uri, **self.decision_context())),
                           kb.files.get(("decision", "formatvaelger")))
        template = self.env.get_template("vocabulary.md.j2")
        for vid in GLOSSARY_VOCABULARIES:
            uri = self.uri("vocab", vid)
            yield Page(uri, template.render(self._context(uri, vocabulary=kb.vocab[vid])), kb.files.get(("vocab", vid)))
        yield Page(self.uri("vocab"), self.env.get_template("vocab-index.md.j2").render(self._context(self.uri("vocab"))))

    def decision_context(self) -> dict[str, Any]:
        """What the Formatvælgeren pages need: the questions with their options, and the data for the script."""
        kb, config = self.kb, self.kb.decision
        questions = []
        for q in config.questions:
            if q.vocabulary:
                options = [{"id": t.id, "label": t.label, "help": " ".join(t.definition.split())}
                           for t in kb.terms(q.vocabulary).values()]
            else:
                options = [{"id": o.id, "label": o.label, "help": " ".join((o.help or "").split())} for o in q.options]
            questions.append({"id": q.id, "label": q.label, "help": " ".join(q.help.split()), "kind": q.kind,
                              "max": q.max_choices, "options": options})
        data = trim_for_browser(decision_data(kb))
        data["questions"] = questions
        data["urls"] = {
            "formats": {fid: self.url_for(self.uri("formats", fid)) for fid in kb.formats},
            "cases": {cid: self.url_for(self.uri("cases", cid)) for cid in data["cases"]},
            "principles": {pid: self.url_for(self.uri("principles", pid)) for pid in kb.principles},
            "barriers": self.url_for(self.uri("vocab", "barriers")),
        }
        data["titles"] = {
            "principles": {pid: p.title for pid, p in kb.principles.items()},
            "barriers": {tid: t.label for tid, t in kb.terms("barriers").items()},
            "stages": {tid: t.label for tid, t in kb.terms("stages").items()},
            "resources": {tid: t.label for tid, t in kb.terms("resource-levels").items()},
            "formats_resources_note": {fid: " ".join((f.resources_note or "").split()) for fid, f in kb.formats.items()},
            "formats_duration": {fid: f.duration or "" for fid, f in kb.formats.items()},
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        return {"config": config, "questions": questions, "decision_json": payload,
                "labels": {q.id: q.label for q in config.questions}}

    def survey_charts(self) -> list[dict[str, Any]]:
        """Charts for the survey page: format use and barriers (from the data) and each source's own charts."""
        kb = self.kb
        charts: list[dict[str, Any]] = []
        used = [f for f in kb.formats.values() if f.survey and f.survey.percent is not None]
        if used:
            first = used[0].survey
            charts.append(dict(
                id="formater-brugt", kind="formats", title="Formater, kommunerne brugte i seneste valgperiode",
                question="Hvilke former for borgerinddragelse blev benyttet i seneste valgperiode?",
                n=first.n, n_note=None, period=first.period, note=None, source=first.source,
                bars=[BarData(f.title, f.survey.percent, f.survey.certainty) for f in used],
                entities=[("formats", f.id) for f in sorted(used, key=lambda f: -f.survey.percent)]))
        barriers = [t for t in kb.terms("barriers").values() if t.figure and t.figure.percent is not None]
        if barriers:
            first = barriers[0].figure
            charts.append(dict(
                id="barrierer", kind="barriers", title="Barrierer: derfor gik forløb mindre godt",
                question="Hvad var årsagerne til, at borgerinddragelsesforløb gik mindre godt?",
                n=first.n, n_note=None if first.n else "N er ikke oplyst ved figuren", period=first.period,
                note=first.note, source=first.source,
                bars=[BarData(t.label, t.figure.percent, t.figure.certainty) for t in barriers], entities=[]))
        for sid, source in kb.sources.items():
            for c in source.charts:
                charts.append(dict(
                    id=c.id, kind="source", title=c.title, question=c.question, n=c.n, n_note=c.n_note,
                    period=c.period, note=c.note, source=SourceRef(source=sid, section=c.section, lines=c.lines),
                    bars=[BarData(b.label, b.percent, b.certainty) for b in c.bars], entities=[]))
        for c in charts:
            c["html"] = chart_html(c["id"], c["title"], c["bars"], n=c["n"], n_note=c["n_note"],
                                   period=c["period"], question=c["question"])
        return charts

    def _context(self, here: str, **extra: Any) -> dict[str, Any]:
        kb = self.kb

        link_titles = self._link_titles
        here_dir = posixpath.dirname(here)
        depth = here_dir.count("/") + 1 if here_dir else 0

        def rel(target: str) -> str:
            """Relative path from this page to another page's source path (both inside docs_dir)."""
            if here_dir and target.startswith(here_dir + "/"):
                return target[len(here_dir) + 1:]
            return "../" * depth + target if "/" not in here_dir else posixpath.relpath(target, here_dir)

        def link(kind: str, ident: str) -> str:
            """A Markdown link to an entity page, titled with its title."""
            key = (kind, ident)
            title = link_titles.get(key)
            if title is None:
                title = link_titles[key] = one_line(getattr(kb, kind)[ident].title)
            return f"[{title}]({rel(self.uri(kind, ident))})"

        def term_link(vocabulary: str, term_id: str) -> str:
            label = one_line(kb.label(vocabulary, term_id))
            if vocabulary == "municipalities":
                if self.municipality_has_page(term_id):
                    return f"[{label}]({rel(self.uri('municipalities', term_id))})"
                return label
            if vocabulary == "regions":
                return f"[{label}]({rel(self.uri('municipalities'))}#{term_id})"
            return f"[{label}]({rel(self.uri('vocab', vocabulary))}#{term_id})"

        def links(kind: str, ids: Iterable[str]) -> str:
            return ", ".join(link(kind, i) for i in ids)

        def term_links(vocabulary: str, ids: Iterable[str]) -> str:
            return ", ".join(term_link(vocabulary, i) for i in ids)

        def source_ref(ref: Any) -> str:
            where = one_line(ref.section)
            if ref.lines:
                where += f" (linje {ref.lines.replace('-', '–')} i tekstudgaven)"
            return f"{link('sources', ref.source)}: {where}"

        def years(p: Any) -> str:
            span = f"{p.start}" if p.end is None or p.end == p.start else f"{p.start}–{p.end}"
            return f"ca. {span}" if p.approximate else span

        def period(p: Any) -> str:
            return years(p) + (f" ({one_line(p.note)})" if p.note else "")

        def figure(f: Any) -> str:
            value = percent(f.percent) if f.percent is not None else one_line(f.value)
            if f.percent is not None and f.value:
                value += f" ({one_line(f.value)})"
            bits = [f"**{value}**", one_line(f.label)]
            meta = []
            if f.n:
                meta.append(f"N={f.n}")
            if f.period:
                meta.append(one_line(f.period))
            if f.certainty != "sikker":
                meta.append("aflæst af figur, " + ("sandsynlig" if f.certainty == "sandsynlig" else "usikker") + " aflæsning")
            return " ".join(bits) + (f" ({'; '.join(meta)})" if meta else "")

        def titles(kind: str, ids: Iterable[str]) -> str:
            entities = getattr(kb, kind)
            return ", ".join(one_line(entities[i].title) for i in ids)

        def percent(value: float) -> str:
            return f"{_number(value)} %"

        def rel_page(kind: str, ident: str | None = None) -> str:
            return rel(self.uri(kind, ident))

        return dict(kb=kb, here=here, link=link, links=links, term_link=term_link, term_links=term_links,
                    source_ref=source_ref, period=period, years=years, figure=figure, rel=rel, rel_page=rel_page,
                    titles=titles, percent=percent,
                    has_page=self.municipality_has_page, tools_by_municipality=self.tools_by_municipality,
                    NOT_STATED="Ikke oplyst i kilderne.", **extra)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@cycle_collector_paused
def render_pages(kb: KnowledgeBase, url_for=directory_url, cache: BytecodeCache | None = None) -> list[Page]:
    return list(Renderer(kb, url_for, cache).pages())
