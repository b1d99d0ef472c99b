"""The schema of every collection, as pydantic models with Danish titles and descriptions.

The models check shape, types and plausible values of one file at a time. Whether an id that a
file names really exists is checked afterwards by ``xref`` (it needs all files), which finds the
reference fields by their mark: each is made with ``Ref`` and carries ``x-nybrud-ref``, naming the
collection or vocabulary it points into. ``jsonschema_export`` turns that mark into an ``enum`` of
the ids that exist.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal, Optional

from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MIN_YEAR, MAX_YEAR = 1950, 2100

# Raw HTML, script URLs and event handlers are never allowed in editors' text: the site renders
# text as Markdown, and Markdown passes HTML through.
_UNSAFE = re.compile(
    r"<\s*/?\s*[a-zA-Z!?]|\b(?:javascript|vbscript)\s*:|\bdata:[a-z]+/|\bon[a-z]+\s*=|&#|!\[|\{\{|\{%",
    re.IGNORECASE,
)


_UNSAFE_START = re.compile(r"[<:=&!\[{]")  # a cheap first look: every unsafe pattern has one of these


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")


def _safe_text(value: str) -> str:
    control = _CONTROL.search(value)
    if control:
        char = control.group()[0]
        raise PydanticCustomError(
            "control_character",
            "teksten indeholder det usynlige kontroltegn U+{code} (tegn nr. {pos}); slet det – det stammer ofte fra "
            "kopiering fra et andet program",
            {"code": f"{ord(char):04X}", "pos": control.start() + 1})
    match = _UNSAFE.search(value) if _UNSAFE_START.search(value) else None
    if match:
        raise PydanticCustomError(
            "unsafe_text",
            "teksten indeholder '{found}'; HTML, skabelonkode og script-adresser er ikke tilladt i indholdet",
            {"found": match.group(0)},
        )
    value = value.strip()
    if not value:
        raise PydanticCustomError("blank_text", "teksten må ikke være tom")
    return value


def _safe_line(value: str) -> str:
    value = _safe_text(value)
    if "\n" in value:
        raise PydanticCustomError("multiline", "teksten skal stå på én linje")
    return value


# What JSON Schema (editors' autocomplete) can say of the same rules: not empty, and for a line, one line.
_LINE_SCHEMA = {"minLength": 1, "pattern": r"^\s*[^\n]*\S[^\n]*\s*$"}
_TEXT_SCHEMA = {"minLength": 1, "pattern": r"\S"}

Line = Annotated[str, Field(max_length=200, json_schema_extra=_LINE_SCHEMA), AfterValidator(_safe_line)]
"""A short, single-line Danish text (a title, a name, a label)."""

Text = Annotated[str, Field(max_length=4000, json_schema_extra=_TEXT_SCHEMA), AfterValidator(_safe_text)]
"""A Danish text of one or more paragraphs. Plain text; blank lines separate paragraphs."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80,
                          description="Id med små bogstaver a–z, tal og bindestreg (æ→ae, ø→oe, å→aa).")]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
def _web_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or "." not in parts.hostname:
        raise PydanticCustomError("bad_url", "'{value}' er ikke en webadresse; den skal begynde med https:// og have et "
                                             "domæne, fx https://www.vejle.dk/…", {"value": value[:60]})
    return value


Url = Annotated[str, AfterValidator(_web_address), Field(pattern="^https?://[^\\s<>\"'`]+$", max_length=500,
                           description="En webadresse, der begynder med https:// eller http://.")]
Certainty = Literal["sikker", "sandsynlig", "usikker"]


def Ref(target: str, description: str = "") -> type:
    """An id that must exist in ``target`` (a collection such as ``formats`` or ``vocab:barriers``)."""
    return Annotated[str, Field(pattern=ID_PATTERN, max_length=80, description=description or None,
                                json_schema_extra={"x-nybrud-ref": target})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: object) -> object:
        """An optional key left empty (``principles:``), or an optional section whose keys are all left empty (as
        the template leaves them), means its default, e.g. an empty list."""
        if isinstance(data, dict) and any(v is None or _all_empty(v) for v in data.values()):
            fields = cls.model_fields
            return {k: v for k, v in data.items()
                    if not ((v is None or _all_empty(v)) and k in fields and not fields[k].is_required())}
        return data


def _all_empty(value: object) -> bool:
    """A section in which nothing is filled in: every key empty (or itself such a section)."""
    return isinstance(value, dict) and bool(value) and all(v is None or v == [] or _all_empty(v) for v in value.values())


# --- Building blocks -------------------------------------------------------------------------------

def _real_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise PydanticCustomError("no_such_date", "datoen '{value}' findes ikke; skriv år-måned-dag, fx 2022-11-28",
                                  {"value": value}) from None
    if not MIN_YEAR <= parts[0] <= MAX_YEAR:
        raise PydanticCustomError("no_such_date", "året i '{value}' skal ligge mellem {lo} og {hi}",
                                  {"value": value, "lo": MIN_YEAR, "hi": MAX_YEAR})
    return value


def _year_as_text(value: object) -> object:
    """A bare year (2024) is a date too: YAML reads it as a number, editors mean the year."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


_YEAR_SCHEMA = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
PartialDate = Annotated[str, BeforeValidator(_year_as_text), Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
                        AfterValidator(_real_date),
                        WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, _YEAR_SCHEMA],
                                        "description": "En dato som år, år-måned eller år-måned-dag, fx 2023, 2023-03 "
                                                       "eller 2023-03-14."})]
Date = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="En dato som år-måned-dag, fx 2026-12-02."),
                 AfterValidator(_real_date)]
UNDATED = "udateret"
Published = Annotated[str, BeforeValidator(_year_as_text), Field(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?|udateret)$"),
                      AfterValidator(lambda v: v if v == UNDATED else _real_date(v)),
                      WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?|udateret)$"},
                                                _YEAR_SCHEMA],
                                      "description": "Udgivelsesdatoen som 2022, 2022-11 eller 2022-11-28, eller 'udateret'."})]
Span = Annotated[str, Field(pattern=r"^\d+(-\d+)?(, ?\d+(-\d+)?)*$")]


class SourceRef(Strict):
    """Et sted i en kilde, som oplysningerne bygger på."""

    source: Ref("sources") = Field(title="Kilde", description="Id på kilden (en fil i sources/).")
    section: Line = Field(title="Afsnit", description="Hvor i kilden: kapitel, afsnit, overskrift eller case, på dansk.")
    pages: Optional[Span] = Field(None, title="Sider", description="Sidetal i en PDF eller trykt kilde, fx 12 eller 12-14.")
    lines: Optional[Span] = Field(
        None, title="Linjer", description="Kun for de fem grundkilder: linjenumre i projektets tekstudgave, fx 1785-1788.")


class Figure(Strict):
    """Et tal fra en kilde, med antal svar (N), sikkerhed og kildehenvisning."""

    label: Line = Field(title="Hvad tallet viser")
    percent: Optional[Annotated[float, Field(ge=0, le=100)]] = Field(None, title="Procent", description="0–100.")
    value: Optional[Line] = Field(None, title="Værdi", description="Et tal, der ikke er en procent, fx '18 budgetposter'.")
    n: Optional[Annotated[int, Field(ge=1, le=1_000_000)]] = Field(None, title="N", description="Antal svar bag tallet.")
    period: Optional[Line] = Field(None, title="Periode", description="Fx '2018–2021'.")
    certainty: Certainty = Field("sikker", title="Sikkerhed",
                                 description="'sikker' når tallet står direkte i kilden; 'sandsynlig' eller 'usikker' når "
                                             "det er aflæst af en figur; forklar i 'note'.")
    note: Optional[Text] = Field(None, title="Note", description="Forbehold, fx hvordan tallet er aflæst.")
    source: SourceRef = Field(title="Kilde")

    @model_validator(mode="after")
    def _has_value(self) -> "Figure":
        if self.percent is None and self.value is None:
            raise PydanticCustomError("figure_value", "et tal skal have 'percent' eller 'value'")
        if self.certainty != "sikker" and not self.note:
            raise PydanticCustomError("figure_note", "et usikkert eller sandsynligt tal skal have en 'note', der forklarer hvorfor")
        return self


class Person(Strict):
    """En navngiven person: kun navn og titel (ingen private oplysninger)."""

    name: Line = Field(title="Navn")
    title: Line = Field(title="Titel", description="Stillingsbetegnelse, fx 'kommunaldirektør'.")
    organisation: Optional[Line] = Field(None, title="Organisation")


class Quote(Strict):
    """Et kort, ordret citat med afsender og kilde."""

    text: Annotated[str, Field(max_length=320, json_schema_extra=_TEXT_SCHEMA), AfterValidator(_safe_text)] = Field(
        title="Citat", description="Ordret og kort (højst 320 tegn), uden anførselstegn.")
    speaker: Line = Field(title="Afsender", description="Navn, eller fx 'En kommunaldirektør' ved anonyme citater.")
    role: Optional[Line] = Field(None, title="Afsenderens titel")
    source: SourceRef = Field(title="Kilde")


class Roles(Strict):
    """Hvem gjorde hvad."""

    chief_executive: Optional[Text] = Field(None, title="Kommunaldirektørens rolle")
    politicians: Optional[Text] = Field(None, title="Politikernes rolle")
    administration: Optional[Text] = Field(None, title="Forvaltningens rolle")
    citizens: Optional[Text] = Field(None, title="Borgernes rolle")


class Period(Strict):
    """Hvornår forløbet fandt sted."""

    start: Year = Field(title="Startår")
    end: Optional[Year] = Field(None, title="Slutår", description="Udelad, hvis forløbet er i gang eller slutåret ikke er oplyst.")
    note: Optional[Annotated[Text, Field(max_length=400)]] = Field(
        None, title="Note", description="Fx 'september–november 2020' eller et forbehold om årstallet.")
    approximate: bool = Field(False, title="Omtrentligt årstal",
                              description="true, hvis kilden ikke oplyser årstallet, og det er udledt, fx af udgivelsesåret. "
                                          "Siden viser da 'ca.' foran.")

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("period_order", "slutåret ({end}) ligger før startåret ({start})",
                                      {"end": self.end, "start": self.start})
        return self


class Participants(Strict):
    """Hvem deltog, hvor mange, og hvordan de blev fundet."""

    count: Optional[Annotated[int, Field(ge=1, le=10_000_000)]] = Field(None, title="Antal deltagere")
    count_note: Optional[Annotated[Text, Field(max_length=400)]] = Field(
        None, title="Note om antal", description="Fx 'mere end 500' eller 'ikke oplyst'.")
    groups: list[Ref("vocab:participant-groups")] = Field(default_factory=list, title="Deltagergrupper")
    recruitment_methods: list[Ref("vocab:recruitment-methods")] = Field(
        default_factory=list, title="Rekrutteringsmetoder", description="Ids fra vocab/recruitment-methods.yml.")
    recruitment: Optional[Text] = Field(None, title="Rekruttering", description="Hvordan deltagerne blev fundet eller udvalgt.")
    reached: Optional[Text] = Field(None, title="Hvem blev nået")
    not_reached: Optional[Text] = Field(None, title="Hvem blev ikke nået")


class Cost(Strict):
    """Hvad forløbet kostede."""

    dkk: Optional[Annotated[int, Field(ge=0, le=10_000_000_000)]] = Field(None, title="Beløb i kroner", description="Et helt tal, fx 450000.")
    covers: Optional[Text] = Field(None, title="Hvad beløbet dækker", description="Fx 'ekstern facilitering og forplejning'.")
    note: Optional[Text] = Field(None, title="Note")


class Staff(Strict):
    """Hvem der bemandede forløbet."""

    people: Optional[Annotated[int, Field(ge=1, le=100_000)]] = Field(None, title="Antal medarbejdere")
    hours: Optional[Annotated[int, Field(ge=1, le=10_000_000)]] = Field(None, title="Timer i alt")
    note: Optional[Text] = Field(None, title="Note", description="Fx hvilke funktioner, eller et forbehold.")


class CouncilDecision(Strict):
    """Hvad kommunalbestyrelsen eller udvalget besluttede med borgernes input."""

    text: Text = Field(title="Beslutningen")
    date: Optional[PartialDate] = Field(None, title="Dato", description="Fx 2023-03 eller 2023-03-14.")


class Implementation(Strict):
    """Hvor langt det besluttede er ført ud i livet."""

    status: Ref("vocab:implementation-status") = Field(title="Status", description="Id fra vocab/implementation-status.yml.")
    date: Optional[PartialDate] = Field(None, title="Dato for status", description="Hvornår kilden oplyste status.")
    note: Optional[Text] = Field(None, title="Note")


class Evaluation(Strict):
    """Om forløbet er evalueret."""

    done: Optional[bool] = Field(None, title="Evalueret", description="true eller false, kun når en kilde siger det; "
                                                                      "tomt, når kilden ikke siger det.")
    by: Optional[Line] = Field(None, title="Af hvem", description="Fx 'VIVE' eller 'kommunen selv'.")
    url: Optional[Url] = Field(None, title="Evalueringen", description="Webadressen på evalueringen.")
    note: Optional[Text] = Field(None, title="Note")


class Document(Strict):
    """Et dokument fra forløbet, fx anbefalingerne eller en dagsorden."""

    title: Line = Field(title="Titel")
    url: Url = Field(title="Webadresse")


class Kit(Strict):
    """Det skal der til: det, en kommune skal vide for at gøre det samme. Kun det, kilderne oplyser."""

    cost: Cost = Field(default_factory=Cost, title="Udgifter")
    staff: Staff = Field(default_factory=Staff, title="Bemanding")
    duration_weeks: Optional[Annotated[int, Field(ge=1, le=520)]] = Field(
        None, title="Varighed i uger", description="Fra start til overdragelse, kun når kilden giver datoer at regne fra.")
    council_decision: Optional[CouncilDecision] = Field(None, title="Politisk beslutning")
    implementation: Optional[Implementation] = Field(None, title="Gennemførelse")
    evaluation: Optional[Evaluation] = Field(None, title="Evaluering")
    contact: Optional[Line] = Field(None, title="Kontakt", description="En enhed eller funktion i kommunen, aldrig en privatperson.")
    documents: list[Document] = Field(default_factory=list, title="Dokumenter")

    def is_empty(self) -> bool:
        return self == Kit()


# --- Collections -----------------------------------------------------------------------------------

class Case(Strict):
    """En dansk case: et konkret forløb med borgerinddragelse i en kommune."""

    id: Id = Field(title="Id", description="Samme som filnavnet uden .yml, fx 'furesoe-fremtidens-furesoe'.")
    title: Line = Field(title="Titel")
    summary: Annotated[Text, Field(max_length=700)] = Field(title="Resumé", description="To–fire sætninger: hvad, hvorfor, hvad kom der ud af det.")
    municipality: Ref("vocab:municipalities") = Field(title="Kommune")
    period: Period = Field(title="Periode")
    policy_areas: Annotated[list[Ref("vocab:policy-areas")], Field(min_length=1)] = Field(title="Politikområder")
    formats: Annotated[list[Ref("formats")], Field(min_length=1)] = Field(title="Formater", description="Ids fra formats/.")
    purposes: list[Ref("vocab:purposes")] = Field(default_factory=list, title="Formål")
    influence: Optional[Ref("vocab:influence-levels")] = Field(None, title="Borgernes indflydelse")
    influence_note: Optional[Text] = Field(None, title="Om indflydelsen")
    background: Optional[Text] = Field(None, title="Baggrund", description="Hvorfor forløbet blev sat i gang.")
    participants: Participants = Field(default_factory=Participants, title="Deltagere")
    process: list[Text] = Field(default_factory=list, title="Forløbet trin for trin")
    outcomes: list[Text] = Field(default_factory=list, title="Resultater", description="Med tal, hvor kilden har dem.")
    challenges: list[Text] = Field(default_factory=list, title="Det, der gik mindre godt")
    barriers: list[Ref("vocab:barriers")] = Field(default_factory=list, title="Barrierer", description="Kun hvor kilden understøtter det.")
    lessons: list[Text] = Field(default_factory=list, title="Erfaringer")
    roles: Roles = Field(default_factory=Roles, title="Roller")
    kit: Kit = Field(default_factory=Kit, title="Det skal der til",
                     description="Udgifter, bemanding, varighed, beslutning, gennemførelse, evaluering, kontakt og dokumenter.")
    people: list[Person] = Field(default_factory=list, title="Personer")
    quotes: list[Quote] = Field(default_factory=list, title="Citater")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper og indsigter")
    tools: list[Ref("tools")] = Field(default_factory=list, title="Værktøjer")
    related_cases: list[Ref("cases")] = Field(default_factory=list, title="Beslægtede cases")
    keywords: list[Line] = Field(default_factory=list, title="Søgeord", description="Ekstra ord, som siden skal kunne findes på.")
    sources: Annotated[list[SourceRef], Field(min_length=1)] = Field(title="Kilder")


Level = Literal["lav", "middel", "hoej"]


Rating = Annotated[int, Field(ge=1, le=5)]


class Profile(Strict):
    """Formatets værdiprofil: 1 (lav) til 5 (høj) på hver værdi, Formatvælgeren vejer op mod hinanden, og grundlaget."""

    representativitet: Rating = Field(title="Repræsentativitet", description="Hvor godt deltagerne ligner befolkningen.")
    bredde: Rating = Field(title="Bredde", description="Hvor mange der kan deltage.")
    dybde: Rating = Field(title="Dybde", description="Hvor grundigt deltagerne kan sætte sig ind i sagen og drøfte den.")
    legitimitet: Rating = Field(title="Legitimitet", description="Hvor meget resultatet vejer i offentligheden og politisk.")
    hastighed: Rating = Field(title="Hastighed", description="Hvor hurtigt formatet giver et resultat.")
    pris: Rating = Field(title="Lav pris", description="5: billigt; 1: dyrt.")
    basis: Text = Field(title="Grundlag", description="Hvad vurderingen bygger på; Nybruds egen vurdering skal stå som sådan.")

    def values(self) -> dict[str, int]:
        return {k: v for k, v in self.model_dump().items() if k != "basis"}


class DecisionFit(Strict):
    """Hvordan Formatvælgeren vurderer formatet, ud over formål, indflydelse, deltagere, faser, ressourcer og form."""

    min_weeks: Annotated[int, Field(ge=0, le=260)] = Field(
        title="Mindst antal uger", description="Kalenderuger, formatet mindst kræver fra start til beslutning, når det "
                                               "skal sættes op fra bunden.")
    min_weeks_existing: Optional[Annotated[int, Field(ge=0, le=260)]] = Field(
        None, title="Mindst antal uger for et råd, der findes", description="Kun for stående råd: hvor lang tid det tager "
                                                                            "at spørge et råd, kommunen allerede har.")
    standing: bool = Field(False, title="Stående råd", description="true for et fast råd (ældreråd, lokalråd …), som "
                                                                  "kommunen måske allerede har.")
    statutory: bool = Field(False, title="Lovpligtig", description="true for en inddragelse, loven kræver; den foreslås "
                                                                  "som lovens minimum, ikke som et frit valg.")
    supplement: bool = Field(True, title="Kan bruges som supplement",
                             description="false for et format, der ikke kan lægges ved siden af et andet, fx en "
                                         "afstemning eller et udbud.")
    secondary_purposes: list[Ref("vocab:purposes")] = Field(
        default_factory=list, title="Sekundære formål", description="Formål, formatet tjener delvist (formålene i "
                                                                   "'purposes' er dets hovedformål, højst tre).")
    secondary_groups: list[Ref("vocab:participant-groups")] = Field(
        default_factory=list, title="Sekundære deltagergrupper", description="Grupper, formatet kun delvist når.")
    profile: Profile = Field(title="Værdiprofil")
    conflict: Annotated[list[Level], Field(min_length=1)] = Field(
        title="Konfliktniveau", description="De konfliktniveauer (lav, middel, hoej), formatet kan håndtere godt.")
    policy_areas: list[Ref("vocab:policy-areas")] = Field(
        default_factory=list, title="Særligt egnet til politikområder",
        description="Tom liste: formatet er ikke knyttet til bestemte områder.")
    note: Optional[Text] = Field(None, title="Begrundelse", description="Hvorfor vurderingen er, som den er.")


class Format(Strict):
    """Et format for borgerinddragelse, fx borgermøde eller borgersamling."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Navn")
    also_known_as: list[Line] = Field(default_factory=list, title="Andre navne")
    summary: Annotated[Text, Field(max_length=700)] = Field(title="Resumé")
    description: Text = Field(title="Hvad det er")
    when_fits: list[Text] = Field(default_factory=list, title="Passer godt, når …")
    when_not: list[Text] = Field(default_factory=list, title="Passer dårligt, når …")
    purposes: list[Ref("vocab:purposes")] = Field(default_factory=list, title="Formål")
    influence_levels: list[Ref("vocab:influence-levels")] = Field(default_factory=list, title="Indflydelsesniveauer")
    stages: list[Ref("vocab:stages")] = Field(default_factory=list, title="Faser")
    participant_groups: list[Ref("vocab:participant-groups")] = Field(default_factory=list, title="Egnede deltagergrupper")
    participants_note: Optional[Line] = Field(None, title="Typisk antal deltagere")
    duration: Optional[Line] = Field(None, title="Typisk varighed")
    resources: Optional[Ref("vocab:resource-levels")] = Field(None, title="Ressourcer")
    resources_note: Optional[Text] = Field(None, title="Om ressourcerne")
    modes: list[Ref("vocab:modes")] = Field(default_factory=list, title="Fysisk, digitalt eller hybridt")
    legal_basis: Optional[Text] = Field(None, title="Lovgrundlag", description="Dansk lovgrundlag, hvor der er et.")
    strengths: list[Text] = Field(default_factory=list, title="Styrker")
    risks: list[Ref("vocab:barriers")] = Field(default_factory=list, title="Risici (barrierer)")
    risk_notes: list[Text] = Field(default_factory=list, title="Om risiciene")
    roles: Roles = Field(default_factory=Roles, title="Roller")
    combines_with: list[Ref("formats")] = Field(default_factory=list, title="Kombineres godt med")
    survey: Optional[Figure] = Field(None, title="Udbredelse", description="Andel af kommunerne, der har brugt formatet.")
    cases_note: Optional[Text] = Field(None, title="Om de danske cases",
                                       description="Når vidensbasen har færre end to danske cases: hvad der er søgt efter.")
    decision: DecisionFit = Field(title="Formatvælgeren",
                                  description="Data, som Formatvælgeren bruger til at vurdere formatet.")

    @model_validator(mode="after")
    def _few_main_purposes(self) -> "Format":
        if len(self.purposes) > 3:
            raise PydanticCustomError("main_purposes", "højst tre hovedformål i 'purposes'; flyt resten til "
                                                       "'decision.secondary_purposes', så formatet ikke vinder på bredde alene")
        return self
    keywords: list[Line] = Field(default_factory=list, title="Søgeord")
    sources: list[SourceRef] = Field(default_factory=list, title="Kilder")


class Principle(Strict):
    """Et princip eller en indsigt i et navngivet sæt, fx Gentoftes seks principper."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Titel")
    set: Ref("vocab:principle-sets") = Field(title="Sæt")
    kind: Ref("vocab:principle-kinds") = Field(title="Slags")
    number: Annotated[int, Field(ge=1, le=99)] = Field(title="Nummer i sættet")
    summary: Annotated[Text, Field(max_length=700)] = Field(title="Resumé")
    description: Optional[Text] = Field(None, title="Uddybning")
    commitment: Optional[Text] = Field(None, title="Kommunens forpligtelse", description="Fx Gentoftes løfte til borgerne.")
    key_figures: list[Figure] = Field(default_factory=list, title="Nøgletal")
    quotes: list[Quote] = Field(default_factory=list, title="Citater")
    related: list[Ref("principles")] = Field(default_factory=list, title="Beslægtede principper")
    keywords: list[Line] = Field(default_factory=list, title="Søgeord")
    sources: Annotated[list[SourceRef], Field(min_length=1)] = Field(title="Kilder")


class Tool(Strict):
    """Et værktøj eller en metode, fx dialogkort eller problemtræ."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Navn")
    kind: Ref("vocab:tool-kinds") = Field(title="Slags")
    summary: Annotated[Text, Field(max_length=700)] = Field(title="Resumé")
    purpose: Text = Field(title="Formål")
    users: Optional[Text] = Field(None, title="Hvem bruger det")
    steps: list[Text] = Field(default_factory=list, title="Trin")
    time: Optional[Line] = Field(None, title="Tidsforbrug")
    municipality: Optional[Ref("vocab:municipalities")] = Field(None, title="Kommune", description="Hvor værktøjet er udviklet, hvis det er ét sted.")
    formats: list[Ref("formats")] = Field(default_factory=list, title="Bruges med formaterne")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper")
    keywords: list[Line] = Field(default_factory=list, title="Søgeord")
    sources: Annotated[list[SourceRef], Field(min_length=1)] = Field(title="Kilder")


class Bar(Strict):
    """En søjle i et diagram: en betegnelse og en procent."""

    label: Line = Field(title="Betegnelse")
    percent: Annotated[float, Field(ge=0, le=100)] = Field(title="Procent")
    certainty: Certainty = Field("sikker", title="Sikkerhed",
                                 description="'sikker' når tallet står i teksten; ellers 'sandsynlig' eller 'usikker'.")


class Chart(Strict):
    """Et diagram med tal fra kilden, tegnet som tilgængelig SVG på siden om undersøgelsen."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Titel")
    question: Optional[Text] = Field(None, title="Spørgsmålet", description="Spørgsmålet, som tallene svarer på.")
    n: Optional[Annotated[int, Field(ge=1, le=1_000_000)]] = Field(None, title="N", description="Antal svar.")
    n_note: Optional[Line] = Field(None, title="Om N", description="Fx 'N er ikke oplyst ved figuren'.")
    period: Optional[Line] = Field(None, title="Periode")
    note: Optional[Text] = Field(None, title="Note", description="Forbehold, fx hvordan tallene er aflæst.")
    section: Line = Field(title="Afsnit", description="Hvor i kilden tallene står.")
    lines: Optional[Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]] = Field(None, title="Linjer")
    bars: Annotated[list[Bar], Field(min_length=1)] = Field(title="Søjler")

    @model_validator(mode="after")
    def _uncertain_explained(self) -> "Chart":
        if any(b.certainty != "sikker" for b in self.bars) and not self.note:
            raise PydanticCustomError("figure_note", "et diagram med aflæste tal skal have en 'note', der forklarer aflæsningen")
        if self.n is None and not self.n_note:
            raise PydanticCustomError("chart_n", "et diagram skal have 'n' eller en 'n_note', der siger, at N ikke er oplyst")
        return self


class Source(Strict):
    """En kilde: en publikation, som oplysninger i vidensbasen bygger på."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Titel")
    subtitle: Optional[Line] = Field(None, title="Undertitel")
    publishers: Annotated[list[Line], Field(min_length=1)] = Field(title="Udgivere")
    published: Optional[Published] = Field(
        None, title="Udgivet", description="Datoen, kilden er udgivet, som den står på siden: 2022-11-28, 2022-11 eller 2022, "
                                          "eller 'udateret'.")
    accessed: Optional[Date] = Field(None, title="Læst", description="Datoen, du læste en webside, fx 2026-12-02.")
    year: Optional[Year] = Field(None, title="Udgivelsesår", description="Kun når der ikke står en dato i 'published'.")
    year_inferred: bool = Field(False, title="Året er udledt", description="true, når året ikke står i kilden, men er udledt.")
    year_note: Optional[Text] = Field(None, title="Om årstallet")
    kind: Ref("vocab:source-kinds") = Field(title="Slags")
    description: Text = Field(title="Beskrivelse")
    contents: list[Text] = Field(default_factory=list, title="Indhold")
    url: Optional[Url] = Field(None, title="Webadresse")
    charts: list[Chart] = Field(default_factory=list, title="Diagrammer",
                                description="Tal fra kilden, der vises som diagrammer på siden om undersøgelsen.")

    @model_validator(mode="after")
    def _dated(self) -> "Source":
        if self.year_inferred and not self.year_note:
            raise PydanticCustomError("year_note", "et udledt årstal skal forklares i 'year_note'")
        if self.year is None and self.published is None:
            raise PydanticCustomError("source_date", "kilden mangler en dato: skriv 'published: 2022-11-28' (eller "
                                                     "2022-11, 2022 eller 'udateret')")
        if self.url and not self.accessed:
            raise PydanticCustomError("source_accessed", "skriv, hvornår du læste siden, fx 'accessed: 2026-12-02'")
        return self

    @property
    def year_shown(self) -> int | None:
        """The publication year, from 'published' or 'year'."""
        if self.published and self.published != UNDATED:
            return int(self.published[:4])
        return self.year


class Term(Strict):
    """Et begreb i et kontrolleret ordforråd."""

    id: Id = Field(title="Id")
    label: Line = Field(title="Betegnelse")
    definition: Text = Field(title="Definition")
    region: Optional[Ref("vocab:regions")] = Field(None, title="Region", description="Kun for kommuner.")
    figure: Optional[Figure] = Field(None, title="Tal", description="Fx andelen af kommunaldirektører, der nævner barrieren.")


class Vocabulary(Strict):
    """Et kontrolleret ordforråd: begreber med fast id, dansk betegnelse og definition."""

    id: Id = Field(title="Id")
    title: Line = Field(title="Titel")
    description: Text = Field(title="Beskrivelse")
    terms: Annotated[list[Term], Field(min_length=1)] = Field(title="Begreber")


COLLECTIONS: dict[str, type[Strict]] = {
    "cases": Case,
    "formats": Format,
    "principles": Principle,
    "tools": Tool,
    "sources": Source,
    "vocab": Vocabulary,
}
"""Folder name → the model each YAML file in it must satisfy."""

REQUIRED_VOCABULARIES = (
    "policy-areas", "purposes", "participant-groups", "influence-levels", "stages", "barriers",
    "municipalities", "regions", "modes", "resource-levels", "principle-sets", "principle-kinds",
    "tool-kinds", "source-kinds",
)
