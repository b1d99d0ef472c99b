"""Dialogkortene: printable card decks for a council's theme day on citizen dialogue in the welfare areas.

The working version of idéskitse 2 in *Lokaldemokrati i nybrud* (``tools/dialogkort-velfaerd.yml``). Three decks:
welfare-theme cards (one per welfare area), dialogue-format cards (one per format in ``formats/``, each with the
dilemma that names it, if there is one) and politician-role cards. The data (``toolkit/dialogkort-velfaerd.yml``)
holds the texts; this module checks it and turns it, with the formats, into the ordered list of cards the page
template renders as an accessible list on screen and as A6 cards, four to an A4 sheet, in print.

Whose text a card is, is part of the data: ``by: kilde`` for the cards the source shows (with the lines), ``by:
nybrud`` for Nybrud's own. A format card's description comes from the knowledge base's format and is Nybrud's; its
dilemma carries its own ``by``. A format without a dilemma still gets its card, without a dilemma.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..schema import Figure, Id, Line, Ref, SourceRef, Strict, Text
from . import Toolkit, register

TOOL = "dialogkort-velfaerd"

By = Literal["kilde", "nybrud"]
KILDE, NYBRUD = "kilde", "nybrud"

# The decks, in the order the page shows them: the id used in the page and its URL → the key in the data's 'decks'.
DECKS = {"tema": "themes", "format": "formats", "rolle": "roles"}

# What fits on an A6 card (the browser tests check that every card does).
Short = Annotated[Text, Field(max_length=300)]
Story = Annotated[Text, Field(max_length=520)]
Ask = Annotated[Text, Field(max_length=200)]


class Authored(Strict):
    """Whose text a card is, and what it builds on."""

    by: By = Field(title="Hvis tekst", description="'kilde', når kortet står i kilden (skriv 'source'); 'nybrud', når "
                                                   "Nybrud har skrevet det (skriv, hvad det bygger på, under 'basis').")
    source: Optional[SourceRef] = Field(None, title="Stedet i kilden",
                                        description="Kun for 'by: kilde': afsnit og linjer, hvor kortet står i kilden.")
    basis: list[SourceRef] = Field(default_factory=list, title="Bygger på",
                                   description="For Nybruds tekst: de kilder og steder, teksten bygger på, fx en "
                                               "indsigt eller en lov.")
    figure: Optional[Figure] = Field(None, title="Tal fra undersøgelsen", description="Et tal, kortet bygger på.")
    cases: Annotated[list[Ref("cases")], Field(max_length=3)] = Field(
        default_factory=list, title="Se også", description="Højst tre cases fra cases/, som kortet viser hen til.")

    @model_validator(mode="after")
    def _attributed(self) -> "Authored":
        if self.by == KILDE and self.source is None:
            raise PydanticCustomError("card_source", "et kort fra kilden ('by: kilde') skal have 'source' med afsnit "
                                                     "og linjer i kilden")
        if self.by == NYBRUD and self.source is not None:
            raise PydanticCustomError("card_not_source", "Nybruds egen tekst ('by: nybrud') har ikke 'source'; skriv "
                                                         "det, teksten bygger på, under 'basis'")
        return self


class Question(Authored):
    question: Ask = Field(title="Spørgsmål", description="Spørgsmålet til byrådet. På et kort fra kilden står kildens "
                                                         "spørgsmål ordret; siden sætter det i anførselstegn.")
    question_by: Optional[By] = Field(None, title="Hvis spørgsmål",
                                      description="Kun når spørgsmålet ikke er kortets egen tekst: 'nybrud' på et kort "
                                                  "fra kilden, hvis Nybrud har tilføjet spørgsmålet.")

    @model_validator(mode="after")
    def _question_source(self) -> "Question":
        if self.question_by == KILDE and self.by != KILDE:
            raise PydanticCustomError("question_source", "et spørgsmål fra kilden ('question_by: kilde') kræver et kort "
                                                         "fra kilden ('by: kilde' med 'source')")
        return self

    @property
    def question_from_source(self) -> bool:
        return (self.question_by or self.by) == KILDE


class Deck(Strict):
    """En bunke kort."""

    title: Line = Field(title="Navn", description="Bunkens navn i flertal, fx 'Velfærdstemaer'; står på bagsiden.")
    label: Line = Field(title="Betegnelse på kortet", description="I ental, fx 'Velfærdstema'.")
    description: Annotated[Text, Field(max_length=400)] = Field(title="Beskrivelse")


class Decks(Strict):
    themes: Deck = Field(title="Velfærdstemakort")
    formats: Deck = Field(title="Dialogformatkort")
    roles: Deck = Field(title="Politikerrollekort")


class Area(Strict):
    """Et velfærdsområde, som kortene kan filtreres efter."""

    id: Id = Field(title="Id")
    label: Line = Field(title="Navn")
    policy_areas: Annotated[list[Ref("vocab:policy-areas")], Field(min_length=1)] = Field(
        title="Politikområder", description="Et dialogformat hører til området, når formatet er særligt egnet til et "
                                            "af disse politikområder (formatets 'decision.policy_areas').")


class ThemeCard(Question):
    """Et velfærdstemakort: ét velfærdsområde."""

    id: Id = Field(title="Id")
    area: Id = Field(title="Område", description="Id fra 'areas' ovenfor.")
    title: Line = Field(title="Titel")
    frame: Short = Field(title="Rammebetingelser")
    room: Short = Field(title="Handlerum")
    expertise: Short = Field(title="Faglighed")
    law: Short = Field(title="Lovgivning", description="Nævn kun en lov, der har en kilde i sources/ (skriv den under "
                                                       "'basis').")


class Dilemma(Question):
    """Et dilemma, der står på kortet for et dialogformat."""

    format: Ref("formats") = Field(title="Format", description="Id fra formats/: det format, dilemmaet står ved.")
    title: Line = Field(title="Titel")
    text: Story = Field(title="Dilemmaet")
    areas: list[Id] = Field(default_factory=list, title="Områder", description="Ids fra 'areas' ovenfor.")
    note: Optional[Annotated[Text, Field(max_length=400)]] = Field(
        None, title="Note", description="Forbehold om gengivelsen; vises på siden, ikke på det udskrevne kort.")


class RoleCard(Question):
    """Et politikerrollekort."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Rollen")
    tagline: Annotated[Line, Field(max_length=80)] = Field(
        title="Kendetegn", description="Én kort sætning. På et kort fra kilden står den ordret; siden sætter den i "
                                       "anførselstegn.")
    text: Short = Field(title="Beskrivelse")


class DialogueCards(Strict):
    """Dialogkortene: velfærdstemaer, dilemmaer til dialogformaterne og politikerroller."""

    intro: Text = Field(title="Indledning")
    print_help: Text = Field(title="Sådan udskrives kortene")
    decks: Decks = Field(title="Bunkerne")
    areas: Annotated[list[Area], Field(min_length=1)] = Field(title="Velfærdsområder")
    themes: list[ThemeCard] = Field(default_factory=list, title="Velfærdstemakort")
    dilemmas: list[Dilemma] = Field(default_factory=list, title="Dilemmaer",
                                    description="Højst ét pr. format; et format uden dilemma får sit kort uden.")
    roles: list[RoleCard] = Field(default_factory=list, title="Politikerrollekort")

    def problems(self) -> list[tuple[tuple, str]]:
        found: list[tuple[tuple, str]] = []
        area_ids = [a.id for a in self.areas]
        found += _duplicates([("areas", i, a.id) for i, a in enumerate(self.areas)],
                             "området '{id}' står allerede som {first}")
        found += _duplicates([(key, i, c.id) for key in ("themes", "roles") for i, c in enumerate(getattr(self, key))],
                             "kort-id'et '{id}' bruges allerede af kortet {first}; giv kortet sit eget id")
        found += _duplicates([("dilemmas", i, d.format) for i, d in enumerate(self.dilemmas)],
                             "formatet '{id}' har allerede et dilemma ({first}); et format har højst ét dilemma",
                             field="format")
        found += _duplicates([("themes", i, t.area) for i, t in enumerate(self.themes)],
                             "området '{id}' har allerede et velfærdstemakort ({first})", field="area")
        for i, theme in enumerate(self.themes):
            if theme.area not in area_ids:
                found.append((("themes", i, "area"), _unknown_area(theme.area, area_ids)))
        for i, dilemma in enumerate(self.dilemmas):
            for j, area in enumerate(dilemma.areas):
                if area not in area_ids:
                    found.append((("dilemmas", i, "areas", j), _unknown_area(area, area_ids)))
        return found

    def dilemma_for(self, format_id: str) -> Dilemma | None:
        return next((d for d in self.dilemmas if d.format == format_id), None)

    def area_label(self, area_id: str) -> str:
        return next(a.label for a in self.areas if a.id == area_id)


def _where(key: str, index: int) -> str:
    return f"nr. {index + 1} under '{key}'"


def _duplicates(items: list[tuple[str, int, str]], message: str, field: str = "id") -> list[tuple[tuple, str]]:
    seen: dict[str, tuple[str, int]] = {}
    found = []
    for key, index, value in items:
        if value in seen:
            found.append(((key, index, field), message.format(id=value, first=_where(*seen[value]))))
        else:
            seen[value] = (key, index)
    return found


def _unknown_area(area: str, known: list[str]) -> str:
    return f"ukendt område '{area}'; mulige: {', '.join(known)}"


# --- The cards, as the page shows them ------------------------------------------------------------

@dataclass(frozen=True)
class Card:
    deck: str
    """'tema', 'format' or 'rolle' (the keys of DECKS)."""
    id: str
    title: str
    areas: tuple[str, ...]
    """The welfare areas the card belongs to; a role card belongs to every area."""
    item: Any
    """The card's data: a ThemeCard or a RoleCard, or for a format card the Format from formats/."""
    dilemma: Dilemma | None = None

    @property
    def key(self) -> str:
        return f"{self.deck}-{self.id}"


def format_areas(data: DialogueCards, fmt: Any, dilemma: Dilemma | None) -> tuple[str, ...]:
    """A format card's areas: those the format is especially suited to (by policy area) and those of its dilemma."""
    suited = set(fmt.decision.policy_areas)
    named = set(dilemma.areas) if dilemma else set()
    return tuple(a.id for a in data.areas if a.id in named or suited.intersection(a.policy_areas))


def cards(data: DialogueCards, kb: Any) -> list[Card]:
    """Every card in deck order: the welfare themes, one card per format in the knowledge base, the roles."""
    every_area = tuple(a.id for a in data.areas)
    out = [Card("tema", t.id, t.title, (t.area,), t) for t in data.themes]
    for fid, fmt in kb.formats.items():
        dilemma = data.dilemma_for(fid)
        out.append(Card("format", fid, fmt.title, format_areas(data, fmt, dilemma), fmt, dilemma))
    out += [Card("rolle", r.id, r.title, every_area, r) for r in data.roles]
    return out


def basis_groups(refs: list[SourceRef]) -> list[tuple[str, list[str]]]:
    """The sources a text builds on, each once, with the places in it: [(source id, ["linje 756–767", …])]."""
    groups: dict[str, list[str]] = {}
    for ref in refs:
        places = groups.setdefault(ref.source, [])
        if ref.lines:
            places.append("linje " + ref.lines.replace("-", "–"))
        elif ref.pages:
            places.append("s. " + ref.pages.replace("-", "–"))
    return list(groups.items())


def short_title(title: str) -> str:
    """A case's title up to its dash: "Thisteds skolestruktur 2023 – otte ugers høring …" → "Thisteds skolestruktur 2023"."""
    return title.split(" – ")[0]


def page_context(data: DialogueCards, kb: Any) -> dict[str, Any]:
    deck_cards = cards(data, kb)
    return {
        "dk_cards": deck_cards,
        "dk_decks": {deck: getattr(data.decks, key) for deck, key in DECKS.items()},
        "dk_counts": {deck: sum(1 for c in deck_cards if c.deck == deck) for deck in DECKS},
        "dk_basis": basis_groups,
        "dk_short": short_title,
    }


register(Toolkit(tool=TOOL, model=DialogueCards, page_context=page_context))
