"""Engagementsanalysen: the survey from idea sketch 3 (a printable form and a CSV layout) and a dashboard that reads
the answers in the browser.

The data file (``toolkit/engagementsanalyse-og-dashboard.yml``) holds the questions, their options and every text
the page shows. From it come the printable form, the documented CSV layout, a CSV template and a synthetic sample
data set (drawn here from a fixed seed, so every build writes the same file). The dashboard's logic lives in
``content/javascripts/toolkits/engagement.js``; this module gives it the questions as JSON.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
from typing import Annotated, Any, Literal, Optional

from pydantic import Field

from ..escape import script_json
from ..messages import suggest
from ..schema import Id, Line, Strict, Text
from . import Toolkit, register

TOOL = "engagementsanalyse-og-dashboard"
TEMPLATE_FILE = "engagement-skabelon.csv"
SAMPLE_FILE = "eksempeldata-syntetisk.csv"
SAMPLE_ROWS = 400
SAMPLE_SEED = 20251118  # the day of the 2025 local elections; any fixed number would do
SAMPLE_START = dt.date(2025, 11, 19)
SAMPLE_DAYS = 75
MULTI_SEPARATOR = "|"
MAX_OPTIONS = 30  # the browser keeps a respondent's choices of one question as bits of a 32-bit number


def normalise(value: str) -> str:
    """How the dashboard compares a value in the file with an option: case, spaces and dashes do not matter.

    The same rule is in engagement.js (``normalise``)."""
    value = value.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return " ".join(value.split()).casefold()


class Option(Strict):
    """Et svar, man kan vælge."""

    id: Id = Field(title="Kode", description="Koden i CSV-filen, fx 'klima-og-miljoe'.")
    label: Line = Field(title="Tekst", description="Teksten på skemaet; den må også stå i CSV-filen i stedet for koden.")
    aliases: list[Line] = Field(default=[], title="Andre skrivemåder",
                                description="Værdier, som surveysystemer ofte skriver, fx '80+' eller 'K'.")
    sample_weight: Annotated[float, Field(ge=0, le=100)] = Field(
        1.0, title="Vægt i eksempeldata", description="Hvor ofte svaret forekommer i de syntetiske eksempeldata "
                                                       "(1 = normalt; 0,05 = sjældent).")


class Question(Strict):
    """Et spørgsmål på skemaet og en kolonne i CSV-filen."""

    id: Id = Field(title="Kolonne", description="Spørgsmålets id og kolonnens navn i CSV-filen, fx 'alder'.")
    label: Line = Field(title="Spørgsmål", description="Spørgsmålet, som det står på skemaet.")
    short: Line = Field(title="Kort navn", description="Navnet på dashboardet, fx 'Alder'.")
    help: Optional[Line] = Field(None, title="Hjælpetekst", description="Fx 'Sæt gerne flere krydser.'")
    kind: Literal["one", "many"] = Field(title="Slags", description="'one': ét svar; 'many': flere svar.")
    options: Annotated[list[Option], Field(min_length=2, max_length=MAX_OPTIONS)] = Field(title="Svarmuligheder")
    own_values: bool = Field(False, title="Kommunens egne værdier",
                             description="true: dashboardet godtager de værdier, der står i filen (fx kommunens egne "
                                         "områdenavne); svarmulighederne er da eksempler.")
    filter: bool = Field(True, title="Filter", description="Om dashboardet kan filtrere på spørgsmålet.")


class DateColumn(Strict):
    """Kolonnen med svardatoen (tid på dashboardet)."""

    id: Id = Field(title="Kolonne")
    label: Line = Field(title="Navn", description="Fx 'Svardato'.")
    help: Text = Field(title="Forklaring")


class ContactField(Strict):
    label: Line = Field(title="Felt", description="Fx 'E-mail'.")
    autocomplete: Literal["name", "email", "tel", "street-address"] = Field(
        title="Slags", description="Hvad feltet rummer, så browseren kan udfylde det: name, email, tel eller street-address.")


class Paragraph(Strict):
    heading: Line = Field(title="Overskrift")
    text: Text = Field(title="Tekst")


class Consent(Strict):
    """Samtykketeksten: Nybruds skabelon, som kommunen udfylder og selv står inde for."""

    title: Line = Field(title="Overskrift")
    notice: Text = Field(title="Forbehold", description="At teksten er Nybruds skabelon og ikke juridisk rådgivning.")
    paragraphs: Annotated[list[Paragraph], Field(min_length=1)] = Field(title="Afsnit")
    checkbox: Line = Field(title="Afkrydsning", description="Teksten ved feltet, hvor borgeren giver samtykke.")


class Survey(Strict):
    title: Line = Field(title="Skemaets overskrift")
    letter: Text = Field(title="Følgebrev", description="Teksten over spørgsmålene (Nybruds forslag; [felter] udfyldes).")
    note: Text = Field(title="Om spørgsmålene", description="Hvad der kommer fra idéskitsen, og hvad der er Nybruds.")
    questions: Annotated[list[Question], Field(min_length=1)] = Field(title="Spørgsmål")
    contact_question: Id = Field(title="Kontaktspørgsmål",
                                 description="Id på spørgsmålet, hvor borgeren siger ja til at blive kontaktet; "
                                             "kontaktfelterne står lige efter det på skemaet.")
    contact_title: Line = Field(title="Overskrift: kontaktoplysninger")
    contact_help: Line = Field(title="Om kontaktfelterne")
    contact_fields: list[ContactField] = Field(title="Kontaktfelter",
                                               description="Kun på skemaet; de hører ikke hjemme i CSV-filen.")
    date: DateColumn = Field(title="Svardato")
    consent: Consent = Field(title="Samtykke")


class Example(Strict):
    """Et spørgsmål, dashboardet kan besvare med ét klik: det sætter filtrene."""

    label: Line = Field(title="Spørgsmål", description="Fx 'Hvilke formater vil de unge helst?'")
    filters: dict[Id, list[Id]] = Field(title="Filtre", description="Spørgsmålets id → de koder, der vælges.")
    show: Id = Field(title="Vis", description="Id på spørgsmålet, hvis diagram svaret står i.")


class Texts(Strict):
    """Sidens tekster og dashboardets beskeder. {felter} i krøllede parenteser udfyldes af dashboardet."""

    intro: Text = Field(title="Indledning")
    survey_heading: Line = Field(title="Overskrift: skemaet")
    survey_intro: Text = Field(title="Om skemaet")
    print_form: Line = Field(title="Knap: udskriv skemaet")
    layout_heading: Line = Field(title="Overskrift: filformatet")
    layout_intro: Text = Field(title="Om filformatet")
    layout_columns: Annotated[list[Line], Field(min_length=4, max_length=4)] = Field(
        title="Tabellens kolonner", description="Kolonne, spørgsmål, antal svar og tilladte værdier.")
    layout_one: Line = Field(title="Ét svar")
    layout_many: Line = Field(title="Flere svar")
    layout_own: Line = Field(title="Om kommunens egne værdier")
    layout_aliases: Line = Field(title="Andre skrivemåder")
    layout_rules: Annotated[list[Line], Field(min_length=1)] = Field(title="Regler for filen")
    template_link: Line = Field(title="Link: CSV-skabelon")
    sample_link: Line = Field(title="Link: eksempeldata")
    dashboard_heading: Line = Field(title="Overskrift: dashboardet")
    privacy: Text = Field(title="Om data i browseren")
    suppression: Text = Field(title="Om små tal")
    time_note: Text = Field(title="Om tid", description="Hvordan 'tid' fra idéskitsens dashboard er læst.")
    no_script: Line = Field(title="Uden JavaScript")
    file_label: Line = Field(title="Felt: vælg fil")
    drop_hint: Line = Field(title="Træk og slip")
    sample_button: Line = Field(title="Knap: prøv med eksempeldata")
    print_dashboard: Line = Field(title="Knap: udskriv dashboardet")
    filters_heading: Line = Field(title="Overskrift: filtre")
    examples_heading: Line = Field(title="Overskrift: eksempler")
    reset_filters: Line = Field(title="Knap: nulstil filtre")
    from_month: Line = Field(title="Felt: fra måned")
    to_month: Line = Field(title="Felt: til måned")
    all_months: Line = Field(title="Alle måneder")
    results_heading: Line = Field(title="Overskrift: resultat")
    not_answered: Line = Field(title="Ikke besvaret")
    no_date: Line = Field(title="Ingen dato")
    col_answer: Line = Field(title="Tabel: svar")
    col_count: Line = Field(title="Tabel: antal")
    col_share: Line = Field(title="Tabel: andel")
    show_table: Line = Field(title="Vis tabel")
    suppressed_note: Line = Field(title="Note: <5")
    hidden_note: Line = Field(title="Note: skjult")
    hidden_value: Line = Field(title="Skjult værdi")
    many_note: Line = Field(title="Note: flere svar")
    msg_loading: Line = Field(title="Besked: læser")
    msg_loaded: Line = Field(title="Besked: indlæst")
    msg_showing: Line = Field(title="Besked: viser")
    msg_too_few: Line = Field(title="Besked: for få svar")
    msg_ignored_columns: Line = Field(title="Besked: kolonner sprunget over")
    err_heading: Line = Field(title="Fejl: overskrift")
    err_more: Line = Field(title="Fejl: flere")
    err_empty: Line = Field(title="Fejl: tom fil")
    err_no_rows: Line = Field(title="Fejl: ingen svar")
    err_binary: Line = Field(title="Fejl: ikke en CSV-fil")
    err_too_big: Line = Field(title="Fejl: for stor")
    err_read: Line = Field(title="Fejl: kan ikke læses")
    err_separator: Line = Field(title="Fejl: skilletegn")
    err_missing_column: Line = Field(title="Fejl: kolonne mangler")
    err_duplicate_column: Line = Field(title="Fejl: kolonne to gange")
    err_field_count: Line = Field(title="Fejl: for få felter")
    err_field_count_more: Line = Field(title="Fejl: for mange felter")
    err_unknown_value: Line = Field(title="Fejl: ukendt værdi")
    err_many_in_one: Line = Field(title="Fejl: flere svar i et ét-svars-spørgsmål")
    err_date: Line = Field(title="Fejl: dato")
    err_quote: Line = Field(title="Fejl: anførselstegn")
    err_too_many_values: Line = Field(title="Fejl: for mange egne værdier")


class EngagementToolkit(Strict):
    """Engagementsanalysen: skemaet, CSV-formatet og dashboardets tekster."""

    min_cell: Annotated[int, Field(ge=3, le=50)] = Field(
        title="Mindste antal", description="Tal under dette vises som '<5' (og uden andel), så ingen kan genkendes.")
    survey: Survey = Field(title="Skemaet")
    examples: list[Example] = Field(default=[], title="Eksempler")
    texts: Texts = Field(title="Tekster")

    def problems(self) -> list[tuple[tuple, str]]:
        out: list[tuple[tuple, str]] = []
        questions = self.survey.questions
        seen: dict[str, int] = {}
        for i, q in enumerate(questions):
            if q.id in seen:
                out.append((("survey", "questions", i, "id"),
                            f"spørgsmålet '{q.id}' findes allerede (spørgsmål nr. {seen[q.id] + 1}); hvert spørgsmål "
                            "er en kolonne i CSV-filen og skal have sit eget id"))
            else:
                seen[q.id] = i
            if q.id == self.survey.date.id:
                out.append((("survey", "questions", i, "id"), f"'{q.id}' er også navnet på datokolonnen; vælg et andet"))
            out.extend(_option_problems(q, ("survey", "questions", i, "options")))
        by_id = {q.id: q for q in questions}
        contact = by_id.get(self.survey.contact_question)
        if contact is None:
            out.append((("survey", "contact_question"), _unknown("spørgsmålet", self.survey.contact_question, by_id)))
        for i, example in enumerate(self.examples):
            where = ("examples", i)
            if example.show not in by_id:
                out.append(((*where, "show"), _unknown("spørgsmålet", example.show, by_id)))
            for qid, values in example.filters.items():
                q = by_id.get(qid)
                if q is None:
                    out.append(((*where, "filters", qid), _unknown("spørgsmålet", qid, by_id)))
                    continue
                if not q.filter:
                    out.append(((*where, "filters", qid), f"dashboardet kan ikke filtrere på '{qid}' (filter: false)"))
                known = {o.id: o for o in q.options}
                for j, value in enumerate(values):
                    if value not in known:
                        out.append(((*where, "filters", qid, j), _unknown(f"svaret i '{qid}'", value, known)))
        return out


def _unknown(what: str, value: str, known: dict) -> str:
    return f"{what} '{value}' findes ikke{suggest(value, known) or '; mulige: ' + ', '.join(known)}"


def _option_problems(q: Question, where: tuple) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    ids: dict[str, int] = {}
    spellings: dict[str, tuple[int, str]] = {}  # every way of writing an option in the file → (option, shown as)
    for j, option in enumerate(q.options):
        if option.id in ids:
            out.append(((*where, j, "id"), f"svaret '{option.id}' findes allerede i spørgsmålet '{q.id}'"))
            continue
        ids[option.id] = j
        for key, text in [("id", option.id), ("label", option.label),
                          *((("aliases", k), a) for k, a in enumerate(option.aliases))]:
            loc = (*where, j, *(key if isinstance(key, tuple) else (key,)))
            if MULTI_SEPARATOR in text:
                out.append((loc, f"'{text}' indeholder '{MULTI_SEPARATOR}', som adskiller flere svar i CSV-filen"))
            other = spellings.get(normalise(text))
            if other is not None and other[0] != j:
                out.append((loc, f"'{text}' kan ikke skelnes fra '{other[1]}' i svar nr. {other[0] + 1}; i CSV-filen "
                                 "skal hver værdi pege på ét svar"))
            spellings.setdefault(normalise(text), (j, text))
    return out


# --- what the page and the site get --------------------------------------------------------------------------------

def columns(data: EngagementToolkit) -> list[str]:
    """The CSV layout's columns, in order: the date, then one column per question."""
    return [data.survey.date.id, *(q.id for q in data.survey.questions)]


def browser_data(data: EngagementToolkit) -> dict[str, Any]:
    s = data.survey
    return {
        "minCell": data.min_cell,
        "separator": MULTI_SEPARATOR,
        "date": {"id": s.date.id, "label": s.date.label},
        "questions": [{"id": q.id, "label": q.label, "short": q.short, "kind": q.kind, "ownValues": q.own_values,
                       "filter": q.filter,
                       "options": [{"id": o.id, "label": o.label, "aliases": list(o.aliases)} for o in q.options]}
                      for q in s.questions],
        "examples": [{"label": e.label, "filters": e.filters, "show": e.show} for e in data.examples],
        "texts": {k: v for k, v in data.texts.model_dump().items() if isinstance(v, str)},
    }


def page_context(data: EngagementToolkit, kb: Any) -> dict[str, Any]:
    return {"engagement_json": script_json(browser_data(data)), "engagement_columns": columns(data),
            "engagement_files": {"template": TEMPLATE_FILE, "sample": SAMPLE_FILE}}


def _csv(rows: list[list[str]]) -> bytes:
    """CSV as Danish Excel writes and reads it: semicolons, CRLF, UTF-8 with a byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sample_rows(data: EngagementToolkit, n: int = SAMPLE_ROWS, seed: int = SAMPLE_SEED) -> list[list[str]]:
    """Synthetic answers with some structure (younger people lean to digital formats, older to meetings), drawn
    from a fixed seed. Values are the options' labels, as a survey system's export writes them."""
    rng = random.Random(seed)
    questions = data.survey.questions
    rows = [columns(data)]
    for _ in range(n):
        day = SAMPLE_START + dt.timedelta(days=min(int(rng.expovariate(1 / 12)), SAMPLE_DAYS - 1))
        row = [day.isoformat()]
        lean = rng.random()  # one latent trait per respondent: where in the option lists they tend to choose
        for q in questions:
            labels = [o.label for o in q.options]
            weights = [o.sample_weight * (1 + 3 * max(0.0, 1 - abs(lean - (k + 0.5) / len(labels)) * 2.5))
                       for k, o in enumerate(q.options)]
            if rng.random() < 0.04 or not any(weights):
                row.append("")  # not answered
            elif q.kind == "one":
                row.append(rng.choices(labels, weights=weights)[0])
            else:
                chosen = {rng.choices(labels, weights=weights)[0] for _ in range(1 + int(rng.expovariate(0.7)))}
                row.append(MULTI_SEPARATOR.join(label for label in labels if label in chosen))
        rows.append(row)
    return [rows[0], *sorted(rows[1:], key=lambda r: r[0])]  # in the order the answers came in, as an export is


def site_files(data: EngagementToolkit, kb: Any, url_for) -> dict[str, bytes]:
    folder = f"vaerktoejer/{TOOL}"
    return {f"{folder}/{TEMPLATE_FILE}": _csv([columns(data)]),
            f"{folder}/{SAMPLE_FILE}": _csv(sample_rows(data))}


register(Toolkit(tool=TOOL, model=EngagementToolkit, site_files=site_files, page_context=page_context))
