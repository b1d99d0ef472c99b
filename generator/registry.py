"""The collections of a Nybrud project, one declaration each.

Loading, validation, cross-references, back-links, rendering, the open-data exports, the JSON Schemas,
the ``new`` command and the MkDocs plugin all read this list. Adding a collection means one
declaration here (or a call to ``register``), its model in ``schema``, its templates and its YAML.
Which fields refer to which collections is not declared here: each reference field is made with
``schema.Ref`` and the schema walker (``fields``) finds it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .facets import case_facets, format_facets
from .schema import Case, Format, Principle, Source, Strict, Tool, Vocabulary


@dataclass(frozen=True)
class Collection:
    name: str
    """The folder of the YAML files, the attribute on the knowledge base and the reference target."""
    model: type[Strict]
    """The model each file must satisfy."""
    what: str
    """Danish noun for one item, used in messages: 'ukendt format-id …'."""
    plural: str
    """Danish plural for counts: '23 formater'."""
    section: str | None = None
    """The site folder of its pages (Danish URL), or None when it has no pages."""
    page_template: str | None = None
    """Template of one item's page, in the template folders."""
    index_template: str | None = None
    """Template of the list page, ``<section>/index.md``."""
    order: Callable[[Any, Any], Any] | None = None
    """Sort key ``(entity, kb)`` for lists and back-links; None: by id."""
    schema_file: str | None = None
    """JSON Schema written to ``schemas/`` for editors' autocomplete."""
    new_kind: str | None = None
    """``python -m generator new <kind> ID`` writes ``templates/new/<kind>.yml``."""
    export: bool = True
    """Written to ``api/<name>.json``, each record with its page URL and its back-links."""
    backlink_names: tuple[tuple[str, str], ...] = ()
    """Names of back-link keys in the export that differ from the referring collection's name,
    as (referring collection, key): a case's record lists the cases naming it as 'related_by'."""
    cited_by: bool = False
    """Export every referrer in one list 'cited_by' of {collection, id} (for sources)."""
    terms: bool = False
    """Each file is a vocabulary whose terms are reference targets ``<name>:<file id>``."""
    nav_title: str | None = None
    """Title of the list page in the navigation. mkdocs.yml's nav names the list pages; the plugin adds those
    it does not name (a new collection) at the end, under this title or the plural."""
    template_dir: Path | None = None
    """A folder with this collection's templates, for collections declared outside the package."""
    page_context: Callable[[Any, Any], dict[str, Any]] | None = None
    """Extra values ``(entity, kb) → {name: value}`` for an item's page template (a tool page's toolkit)."""
    index_context: Callable[[Any], dict[str, Any]] | None = None
    """Extra values ``kb → {name: value}`` for the list page's template (its filters)."""


COLLECTIONS: dict[str, Collection] = {}


def register(collection: Collection) -> Collection:
    """Add (or replace) a collection. The order of registration is the order of lists, exports and back-links."""
    COLLECTIONS[collection.name] = collection
    return collection


def unregister(name: str) -> None:
    COLLECTIONS.pop(name, None)


# In the order they are listed, exported and counted, and their back-links are kept (cases first).
register(Collection(
    "cases", Case, what="case", plural="cases", section="cases", page_template="cases.md.j2",
    index_template="cases-index.md.j2", order=lambda c, kb: (-c.period.start, c.title), schema_file="case.schema.json",
    new_kind="case", backlink_names=(("cases", "related_by"),), index_context=lambda kb: {"facets": case_facets(kb)}))
register(Collection(
    "formats", Format, what="format", plural="formater", section="formater", page_template="formats.md.j2",
    index_template="formats-index.md.j2", order=lambda f, kb: f.title.lower(), schema_file="format.schema.json",
    new_kind="format", backlink_names=(("formats", "combined_by"),),
    index_context=lambda kb: {"facets": format_facets(kb)}))
register(Collection(
    "principles", Principle, what="princip", plural="principper og indsigter", section="principper",
    page_template="principles.md.j2", index_template="principles-index.md.j2",
    order=lambda p, kb: (kb.term_index("principle-sets", p.set), p.number), schema_file="principle.schema.json",
    new_kind="principle", backlink_names=(("principles", "related_by"),)))
register(Collection(
    "tools", Tool, what="værktøj", plural="værktøjer", section="vaerktoejer", page_template="tools.md.j2",
    index_template="tools-index.md.j2", order=lambda t, kb: t.title.lower(), schema_file="tool.schema.json",
    new_kind="tool", page_context=lambda t, kb: _toolkit_context(t, kb)))
register(Collection(
    "sources", Source, what="kilde", plural="kilder", section="kilder", page_template="sources.md.j2",
    index_template="sources-index.md.j2", order=lambda s, kb: (s.year_shown or 0, s.title), schema_file="source.schema.json",
    new_kind="source", cited_by=True))
register(Collection(
    "vocab", Vocabulary, what="ordforråd", plural="ordforråd", section="begreber", page_template="vocabulary.md.j2",
    index_template="vocab-index.md.j2", order=lambda v, kb: _vocabulary_rank(v.id), schema_file="vocabulary.schema.json",
    terms=True))

REQUIRED_VOCABULARIES = (
    "policy-areas", "purposes", "participant-groups", "influence-levels", "stages", "barriers",
    "municipalities", "regions", "modes", "resource-levels", "principle-sets", "principle-kinds",
    "tool-kinds", "source-kinds", "recruitment-methods", "implementation-status",
)
"""Vocabularies the models and templates rely on; each is a file in vocab/."""

GLOSSARY_ORDER = (
    "policy-areas", "purposes", "participant-groups", "influence-levels", "stages", "barriers",
    "modes", "resource-levels", "recruitment-methods", "implementation-status", "principle-sets", "principle-kinds",
    "tool-kinds", "source-kinds",
)
"""The order of the vocabularies under begreber/ (those not named come after, by id)."""

NO_GLOSSARY_PAGE = ("municipalities", "regions")
"""Vocabularies shown under kommuner/ instead of a page of their own under begreber/."""

VOCAB_WHAT = {
    "municipalities": "kommune", "policy-areas": "politikområde", "purposes": "formål",
    "participant-groups": "deltagergruppe", "influence-levels": "indflydelsesniveau", "stages": "fase",
    "barriers": "barriere", "regions": "region", "modes": "form", "resource-levels": "ressourceniveau",
    "principle-sets": "principsæt", "principle-kinds": "principtype", "tool-kinds": "værktøjstype",
    "source-kinds": "kildetype", "recruitment-methods": "rekrutteringsmetode",
    "implementation-status": "status",
}
"""Danish noun for a term of each vocabulary, used in messages: 'ukendt kommune-id …'."""

RESERVED_IDS = frozenset({"index", "sammenlign"})
"""Ids no file may have: the site uses them for its own pages (``cases/index.md`` is the case list,
``formater/sammenlign.md`` the comparison of formats)."""

DECISION_FILE = "decision/formatvaelger.yml"
"""Formatvælgeren's configuration: one file, not a collection."""

DECISION_DIR = "decision"


def _toolkit_context(tool: Any, kb: Any) -> dict[str, Any]:
    from . import toolkits  # the toolkits' modules use the rendering helpers, which use this registry

    return toolkits.page_context(kb, tool.id)


def _vocabulary_rank(vid: str) -> tuple[int, str]:
    return (GLOSSARY_ORDER.index(vid) if vid in GLOSSARY_ORDER else len(GLOSSARY_ORDER), vid)


def collection(name: str) -> Collection:
    return COLLECTIONS[name]


def referring(target: str) -> list[str]:
    """The collections whose files can name an id in ``target`` (a collection or 'vocab:<id>'), in registry order."""
    from .fields import targets_of

    return [name for name, c in COLLECTIONS.items() if target in targets_of(c.model)]


def by_section() -> dict[str, Collection]:
    return {c.section: c for c in COLLECTIONS.values() if c.section}


def by_new_kind() -> dict[str, Collection]:
    return {c.new_kind: c for c in COLLECTIONS.values() if c.new_kind}


def what(target: str) -> str:
    """The Danish noun for an id in ``target`` (a collection or 'vocab:<id>')."""
    if target.startswith("vocab:"):
        return VOCAB_WHAT.get(target[len("vocab:"):], "begreb")
    c = COLLECTIONS.get(target)
    return c.what if c else target


def where_to_look(target: str) -> str:
    """Where an editor finds the ids of ``target``: 'formats/' or 'vocab/purposes.yml'."""
    if target.startswith("vocab:"):
        return f"vocab/{target[len('vocab:'):]}.yml"
    return f"{target}/"
