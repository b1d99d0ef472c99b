"""Render the knowledge base into Markdown pages with Jinja2 templates.

Which pages exist comes from the registry: one page per entity of each collection with a section,
and its list page; besides them the municipality pages, the survey page and Formatvælgeren's pages.
Pages link to each other with relative Markdown links, so MkDocs' strict mode checks every one of
them. Editors' text goes through the ``md``/``para`` filters (``escape``) and renders as plain text.
"""
from __future__ import annotations

import html
import json
from urllib.parse import quote
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from . import pages, registry
from .compare import COMPARE_PAGE, compare_context
from .decision_page import DECISION_PAGES, decision_context
from .escape import number, one_line, paragraphs
from .front import FRONT_PAGE, front_context
from .gitdates import MONTHS
from .text import capitalize_first, first_sentence
from .model import KnowledgeBase
from .pages import Page, directory_url
from .survey import SURVEY_PAGE, survey_charts

NOT_STATED = "Ikke oplyst i kilderne."
SEARCH_PAGE = "soeg.md"
_CONFLICT = {"lav": "Lav", "middel": "Middel", "hoej": "Høj"}


def href(url: str) -> str:
    """A web address for an href attribute in Markdown: every character Markdown could read as syntax inside the
    attribute ([ ] ( ) { } * _ ` ! | \\ < > ") percent-encoded, which leaves the address the same."""
    return html.escape(quote(url, safe=":/?#@&=+$,;%~.-"), quote=True)


def front_str(text: Any) -> str:
    """A value for the page's front matter: one line, every Unicode character kept as it is (JSON is YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def environment(template_dirs: Iterable[Path] = ()) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in template_dirs] + [PackageLoader("generator", "templates")]
    return Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # output is Markdown; editors' text goes through the `md`/`para` filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )


class PageContext:
    """What a template may call, for one page: links relative to it and editors' values formatted for it."""

    def __init__(self, renderer: "Renderer", here: str) -> None:
        self.kb = renderer.kb
        self.here = here
        self._renderer = renderer

    # --- links ----------------------------------------------------------------------------------
    def rel(self, target: str) -> str:
        """Relative path from this page to another page's source path (both inside docs_dir)."""
        return pages.relative(self.here, target)

    def href_to(self, target: str) -> str:
        """A relative URL (not a source path) to another page, for links inside raw HTML, which MkDocs leaves alone."""
        return pages.relative_url(self._renderer.url_for(self.here), self._renderer.url_for(target))

    def asset(self, path: str) -> str:
        """A relative URL from this page to a file of the site that is not a page (a script, a stylesheet, a
        download), for raw HTML: ``asset("javascripts/search.js")``."""
        return pages.relative_url(self._renderer.url_for(self.here), path)

    def rel_page(self, kind: str, ident: str | None = None) -> str:
        return self.rel(pages.uri(kind, ident))

    def link(self, kind: str, ident: str) -> str:
        """A Markdown link to an entity page, titled with its title."""
        return f"[{self._renderer.link_title(kind, ident)}]({self.rel_page(kind, ident)})"

    def links(self, kind: str, ids: Iterable[str]) -> str:
        return ", ".join(self.link(kind, i) for i in ids)

    def term_link(self, vocabulary: str, term_id: str) -> str:
        label = one_line(self.kb.label(vocabulary, term_id))
        if vocabulary == "municipalities":
            if self._renderer.municipality_has_page(term_id):
                return f"[{label}]({self.rel_page('municipalities', term_id)})"
            return label
        if vocabulary == "regions":
            return f"[{label}]({self.rel_page('municipalities')}#{term_id})"
        return f"[{label}]({self.rel_page('vocab', vocabulary)}#{term_id})"

    def term_links(self, vocabulary: str, ids: Iterable[str]) -> str:
        return ", ".join(self.term_link(vocabulary, i) for i in ids)

    # --- values ---------------------------------------------------------------------------------
    def source_ref(self, ref: Any) -> str:
        where = one_line(ref.section)
        if ref.pages:
            where += f" (s. {ref.pages.replace('-', '–')})"
        if ref.lines:
            where += f" (linje {ref.lines.replace('-', '–')} i tekstudgaven)"
        return f"{self.link('sources', ref.source)}: {where}"

    @staticmethod
    def years(p: Any) -> str:
        span = f"{p.start}" if p.end is None or p.end == p.start else f"{p.start}–{p.end}"
        return f"ca. {span}" if p.approximate else span

    def period(self, p: Any) -> str:
        return self.years(p) + (f" ({one_line(p.note)})" if p.note else "")

    @staticmethod
    def percent(value: float) -> str:
        return f"{number(value)} %"

    def figure(self, f: Any) -> str:
        value = self.percent(f.percent) if f.percent is not None else one_line(f.value)
        if f.percent is not None and f.value:
            value += f" ({one_line(f.value)})"
        meta = []
        if f.n:
            meta.append(f"N={f.n}")
        if f.period:
            meta.append(one_line(f.period))
        if f.certainty != "sikker":
            meta.append("aflæst af figur, " + ("sandsynlig" if f.certainty == "sandsynlig" else "usikker") + " aflæsning")
        return f"**{value}** {one_line(f.label)}" + (f" ({'; '.join(meta)})" if meta else "")

    @staticmethod
    def date(value: str) -> str:
        """2022-11-28 → 28. november 2022; 2022-11 → november 2022; 2022 → 2022."""
        parts = [int(p) for p in str(value).split("-")]
        if len(parts) == 3:
            return f"{parts[2]}. {MONTHS[parts[1] - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[parts[1] - 1]} {parts[0]}"
        return str(parts[0])

    @staticmethod
    def url_link(url: str, text: str | None = None) -> str:
        """A web address as a link: written as an HTML attribute, never through Markdown's link syntax. A link whose
        text is not the address itself is marked, so that print writes the address after it."""
        if text and text != url:
            return f'<a class="nb-ext" href="{href(url)}">{one_line(text)}</a>'
        return f'<a href="{href(url)}">{one_line(url)}</a>'

    def term_labels(self, vocabulary: str, ids: Iterable[str]) -> str:
        return ", ".join(one_line(self.kb.label(vocabulary, i)) for i in ids)

    @staticmethod
    def kroner(amount: int) -> str:
        return f"{amount:,}".replace(",", ".") + " kr."

    def kit_cost(self, cost: Any) -> str:
        parts = [self.kroner(cost.dkk)] if cost.dkk is not None else []
        if cost.covers:
            parts.append(("til " if parts else "") + one_line(cost.covers))
        return " ".join(parts)

    @staticmethod
    def kit_staff(staff: Any) -> str:
        parts = []
        if staff.people:
            parts.append("1 medarbejder" if staff.people == 1 else f"{staff.people} medarbejdere")
        if staff.hours:
            parts.append(f"{staff.hours:,} timer".replace(",", "."))
        return ", ".join(parts)

    def titles(self, kind: str, ids: Iterable[str]) -> str:
        entities = getattr(self.kb, kind)
        return ", ".join(one_line(entities[i].title) for i in ids)

    def as_dict(self) -> dict[str, Any]:
        names = ("rel", "href_to", "asset", "rel_page", "link", "links", "term_link", "term_links", "source_ref", "years", "period",
                 "percent", "figure", "titles", "date", "url_link", "term_labels", "kit_cost", "kit_staff")
        return {name: getattr(self, name) for name in names}


class Renderer:
    def __init__(self, kb: KnowledgeBase, url_for: Callable[[str], str] = directory_url) -> None:
        self.kb = kb
        self.url_for = url_for
        self._link_titles: dict[tuple[str, str], str] = {}  # (kind, id) → the escaped title, shared by all pages
        dirs = [c.template_dir for c in registry.COLLECTIONS.values() if c.template_dir]
        self.env = environment(dirs)
        self.env.filters.update(md=one_line, para=paragraphs, extract_label=self._label, front_str=front_str,
                                brief_text=first_sentence, capitalize_first=capitalize_first)

    def _label(self, term_id: str, vocabulary: str) -> str:
        if vocabulary == "conflict":
            return _CONFLICT[term_id]
        return one_line(self.kb.label(vocabulary, term_id))

    def link_title(self, kind: str, ident: str) -> str:
        title = self._link_titles.get((kind, ident))
        if title is None:
            title = self._link_titles[(kind, ident)] = one_line(getattr(self.kb, kind)[ident].title)
        return title

    def municipality_has_page(self, mid: str) -> bool:
        return bool(self.kb.term_referrers("municipalities", mid, "cases")
                    or self.kb.term_referrers("municipalities", mid, "tools"))

    def context(self, here: str, **extra: Any) -> dict[str, Any]:
        return dict(kb=self.kb, here=here, has_page=self.municipality_has_page, NOT_STATED=NOT_STATED,
                    **PageContext(self, here).as_dict(), **extra)

    def render(self, template: str, uri: str, **extra: Any) -> str:
        return self.env.get_template(template).render(self.context(uri, **extra))

    def files_of(self, collection: str) -> tuple[str, ...]:
        return tuple(f for (c, _), f in self.kb.files.items() if c == collection)

    # --- the pages ------------------------------------------------------------------------------
    def pages(self) -> Iterator[Page]:
        entity_collections = [c for c in registry.COLLECTIONS.values() if c.section and not c.terms]
        for collection in entity_collections:
            yield from self.collection_pages(collection)
        yield from self.municipality_pages()
        yield from self.survey_page()
        yield from self.decision_pages()
        yield Page(SEARCH_PAGE, self.render("search.md.j2", SEARCH_PAGE))
        yield Page(COMPARE_PAGE, self.render("compare.md.j2", COMPARE_PAGE, **compare_context(self.kb, self.url_for)),
                   dated_by=self.files_of("formats"))
        yield Page(FRONT_PAGE, self.render("front.md.j2", FRONT_PAGE, **front_context(self.kb)),
                   dated_by=self.files_of("cases"))
        for collection in registry.COLLECTIONS.values():
            if collection.section and collection.terms:
                yield from self.glossary_pages(collection)

    def collection_pages(self, collection: registry.Collection) -> Iterator[Page]:
        name = collection.name
        template = self.env.get_template(collection.page_template)
        for ident, entity in getattr(self.kb, name).items():
            uri = pages.uri(name, ident)
            extra = collection.page_context(entity, self.kb) if collection.page_context else {}
            dated_by = self.kb.files.get((name, ident))
            yield Page(uri, template.render(self.context(uri, entity=entity, **extra)), dated_by)
        if collection.index_template:
            uri = pages.uri(name)
            extra = collection.index_context(self.kb) if collection.index_context else {}
            yield Page(uri, self.render(collection.index_template, uri, **extra), dated_by=self.files_of(name))

    def municipality_pages(self) -> Iterator[Page]:
        template = self.env.get_template("municipality.md.j2")
        for mid in self.kb.terms("municipalities"):
            if self.municipality_has_page(mid):
                uri = pages.uri("municipalities", mid)
                yield Page(uri, template.render(self.context(uri, term=self.kb.term("municipalities", mid))),
                           self.kb.files.get(("vocab", "municipalities")))
        uri = pages.uri("municipalities")
        yield Page(uri, self.render("municipalities-index.md.j2", uri), dated_by=self.files_of("cases"))

    def survey_page(self) -> Iterator[Page]:
        charts = survey_charts(self.kb)
        if charts:
            source = self.kb.files.get(("sources", charts[-1]["source"].source))
            yield Page(SURVEY_PAGE, self.render("survey.md.j2", SURVEY_PAGE, charts=charts), source)

    def decision_pages(self) -> Iterator[Page]:
        if self.kb.decision is None:
            return
        extra = decision_context(self.kb, self.url_for)
        for uri, template in DECISION_PAGES:
            yield Page(uri, self.render(template, uri, **extra), self.kb.files.get(("decision", "formatvaelger")))

    def glossary_pages(self, collection: registry.Collection) -> Iterator[Page]:
        name = collection.name
        template = self.env.get_template(collection.page_template)
        for vid, vocabulary in getattr(self.kb, name).items():
            if vid in registry.NO_GLOSSARY_PAGE:
                continue
            uri = pages.uri(name, vid)
            yield Page(uri, template.render(self.context(uri, vocabulary=vocabulary)), self.kb.files.get((name, vid)))
        uri = pages.uri(name)
        glossary = [vid for vid in getattr(self.kb, name) if vid not in registry.NO_GLOSSARY_PAGE]
        yield Page(uri, self.render(collection.index_template, uri, glossary=glossary), dated_by=self.files_of(name))


def render_pages(kb: KnowledgeBase, url_for: Callable[[str], str] = directory_url) -> list[Page]:
    return list(Renderer(kb, url_for).pages())
