"""The schema of Formatvælgeren's configuration (decision/formatvaelger.yml).

Everything domain experts should be able to change is data here: the questions and their order, the gate's
conditions, the statutory duties and what they require, the weights and limits, the value dimensions and their
default priorities, how cases are matched, and every Danish text either engine shows. ``recommend`` (Python) and
``formatvaelger-engine.js`` (the browser) hold only the logic that applies them, and read the same data.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .schema import Id, Line, Ref, SourceRef, Strict, Text

QUESTION_IDS = ("purposes", "purpose_weighting", "influence", "participants", "weeks_available", "outcome_open",
                "council_commitment", "question_clear", "legal_duties", "existing_bodies", "stage", "policy_areas",
                "conflict", "budget", "mode")
"""The questions the logic knows. Their order, labels, help texts and options are data."""

CRITERIA = ("purposes", "participants", "stage", "policy_areas", "conflict", "budget", "mode")
"""The questions that give a format a fit (1, partial or 0); the rest are hard constraints, the gate or routing."""

Weight = Annotated[float, Field(ge=0, le=10)]
Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0, le=1000)]


class Option(Strict):
    id: Id = Field(title="Id")
    label: Line = Field(title="Betegnelse")
    help: Optional[Text] = Field(None, title="Hjælpetekst")


class Question(Strict):
    """Et spørgsmål i Formatvælgeren."""

    id: Literal[QUESTION_IDS] = Field(title="Id")  # type: ignore[valid-type]
    group: Literal["afgoerende", "praecisering"] = Field(
        title="Gruppe", description="'afgoerende': de spørgsmål, en kommunaldirektør svarer på først; 'praecisering': resten.")
    label: Line = Field(title="Spørgsmål")
    help: Text = Field(title="Hjælpetekst")
    kind: Literal["one", "many", "ranked", "number"] = Field(title="Svartype")
    max_choices: Optional[Annotated[int, Field(ge=1, le=10)]] = Field(None, title="Højst antal valg")
    vocabulary: Optional[Id] = Field(None, title="Ordforråd", description="Svarmuligheder fra et ordforråd i vocab/.")
    options: list[Option] = Field(default_factory=list, title="Svarmuligheder",
                                  description="Svarmuligheder; står der også et ordforråd, kommer disse først.")
    formats: bool = Field(False, title="Svarmulighederne er formater",
                          description="true: svarmulighederne er de stående råd blandt formaterne (decision.standing).")
    duties: bool = Field(False, title="Svarmulighederne er lovpligtige inddragelser",
                         description="true: svarmulighederne er pligterne under 'duties'.")
    unknown: bool = Field(True, title="Svaret 'ved ikke' er muligt")

    @model_validator(mode="after")
    def _has_options(self) -> "Question":
        if self.kind != "number" and not self.options and not self.vocabulary and not self.formats and not self.duties:
            raise PydanticCustomError("question_options", "et spørgsmål skal have 'options', 'vocabulary' eller 'formats'")
        return self


class Weights(Strict):
    """Hvor meget hvert kriterium vægter i scoren, når det skiller formaterne ad."""

    purposes: Weight
    participants: Weight
    stage: Weight
    policy_areas: Weight
    conflict: Weight
    budget: Weight
    mode: Weight


class Limits(Strict):
    max_recommendations: Annotated[int, Field(ge=1, le=10)] = Field(title="Højst antal anbefalede formater")
    max_supplements: Annotated[int, Field(ge=0, le=5)] = Field(title="Højst antal supplerende formater")
    max_near_misses: Annotated[int, Field(ge=0, le=10)] = Field(title="Højst antal formater, der er tæt på")
    max_cases: Annotated[int, Field(ge=0, le=10)] = Field(title="Højst antal cases")
    max_principles: Annotated[int, Field(ge=0, le=20)] = Field(title="Højst antal principper")
    max_risks: Annotated[int, Field(ge=0, le=20)] = Field(title="Højst antal risici")
    max_weeks: Annotated[int, Field(ge=1, le=10_000)] = Field(title="Højeste antal uger, der kan angives")
    fit_floor: Annotated[int, Field(ge=0, le=100)] = Field(title="Mindste score for at blive anbefalet")
    band_good: Annotated[int, Field(ge=0, le=100)] = Field(title="Mindste score for 'god'")
    band_possible: Annotated[int, Field(ge=0, le=100)] = Field(title="Mindste score for 'mulig'")
    partial: Share = Field(title="Delvis pasform", description="Fx 0,5.")
    secondary: Share = Field(title="Pasform for et sekundært formål eller en sekundær gruppe")
    generic_area: Share = Field(title="Pasform for et format, der ikke er knyttet til bestemte politikområder")
    profile_weight: Share = Field(title="Værdiprofilens andel af scoren")
    priority_max: Annotated[int, Field(ge=1, le=9)] = Field(title="Højeste prioritet for en værdi")
    case_floor: Annotated[float, Field(ge=0, le=100)] = Field(title="Mindste lighed for at vise en case")
    breadth_gap: Annotated[int, Field(ge=1, le=5)] = Field(
        title="Bredde, der kalder på et supplement", description="Et kerneformat med bredde herunder eller lig med får et "
                                                                "supplement, der giver bredde, når formålet kræver mange stemmer.")
    breadth_cover: Annotated[int, Field(ge=1, le=5)] = Field(title="Bredde, et supplement mindst skal give")


class Dimension(Strict):
    """En værdi, formaterne har en profil på, fx repræsentativitet."""

    id: Id = Field(title="Id")
    label: Line = Field(title="Betegnelse")
    help: Text = Field(title="Forklaring", description="Hvad en høj værdi betyder.")
    default: Annotated[int, Field(ge=0, le=9)] = Field(title="Standardprioritet")


class Similarity(Strict):
    """Hvor meget hvert træk tæller, når en case sammenlignes med situationen."""

    policy_areas: Weight
    purposes: Weight
    influence: Weight
    participants: Weight
    formats: Weight
    require_area_or_format: bool = Field(True, title="En case skal dele politikområde eller format med situationen")


class Condition(Strict):
    """En betingelse for meningsfuld inddragelse, som spærren tjekker."""

    question: Literal[QUESTION_IDS] = Field(title="Spørgsmålet, der afgør den")  # type: ignore[valid-type]
    label: Line = Field(title="Betingelsen")
    ok: list[Id] = Field(default_factory=list, title="Svar, der opfylder betingelsen")
    stop: list[Id] = Field(default_factory=list, title="Svar, der lukker spærren")
    warn: list[Id] = Field(default_factory=list, title="Svar, der giver en advarsel")
    stop_text: Optional[Text] = Field(None, title="Tekst, når spærren lukker")
    warn_text: Text = Field(title="Advarsel")
    missing_text: Optional[Text] = Field(None, title="Tekst, når spørgsmålet ikke er besvaret")


class Duty(Strict):
    """En lovpligtig inddragelse: hvad loven kræver som minimum, og hvad der er værd at lægge oven i."""

    id: Id = Field(title="Id")
    label: Line = Field(title="Betegnelse")
    format: Optional[Ref("formats")] = Field(None, title="Formatet, pligten opfyldes med",
                                             description="Tomt, når pligten ikke er en inddragelse, fx budgettets to behandlinger.")
    minimum: Text = Field(title="Det, loven kræver")
    add: Text = Field(title="Det, der er værd at lægge oven i")
    when: Ref("vocab:stages") = Field(title="Fasen, pligten hører til")
    weeks: Annotated[int, Field(ge=0, le=260)] = Field(
        title="Uger, pligten tager mindst", description="Lovens mindste frist, hvor loven har en; ellers en planlægningsværdi.")
    hint_areas: list[Ref("vocab:policy-areas")] = Field(default_factory=list, title="Politikområder, hvor pligten ofte gælder")
    sources: Annotated[list[SourceRef], Field(min_length=1)] = Field(title="Lovgrundlag", description="Loven eller den officielle vejledning.")


class Gate(Strict):
    message: Text = Field(title="Svar, når der ikke er noget at inddrage om")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper om mandat og forventninger")
    conditions: list[Condition] = Field(title="Betingelser for meningsfuld inddragelse")
    inform_levels: list[Ref("vocab:influence-levels")] = Field(
        title="Løfter, der fører til en informationsplan", description="Fx [informere].")
    information_plan: list[Text] = Field(title="Informationsplanen, trin for trin")


class FollowUp(Strict):
    answer: Text = Field(title="Hvem svarer offentligt, og hvornår")
    footprint: Text = Field(title="Hvordan deltagerne ser deres aftryk")
    indicators: list[Text] = Field(title="Indikatorer")


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class DecisionConfig(Strict):
    """Formatvælgerens spørgsmål, spærre, lovpligtige inddragelse, vægte, grænser, værdier og tekster."""

    title: Line = Field(title="Titel")
    intro: Text = Field(title="Indledning")
    questions: list[Question] = Field(title="Spørgsmål", description="I den rækkefølge, siden viser dem.")
    gate: Gate = Field(title="Spærren")
    duties: list[Duty] = Field(default_factory=list, title="Lovpligtig inddragelse")
    weights: Weights = Field(title="Vægte")
    purpose_rank_factors: Annotated[list[Share], Field(min_length=3, max_length=3)] = Field(
        title="Vægt for 1., 2. og 3. formål, når de er prioriteret")
    limits: Limits = Field(title="Grænser")
    dimensions: Annotated[list[Dimension], Field(min_length=1)] = Field(title="Værdier")
    similarity: Similarity = Field(title="Lighed mellem en case og situationen")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper, der altid skal tjekkes")
    breadth_purposes: list[Ref("vocab:purposes")] = Field(
        default_factory=list, title="Formål, der kræver mange stemmer",
        description="Når et af dem er valgt, og kerneformatet når få, foreslås et supplement, der giver bredde.")
    follow_up: FollowUp = Field(title="Opfølgning og evaluering (Nybruds forslag)")
    texts: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Text] = Field(
        title="Tekster", description="Alle tekster, resultatet viser; {navn} erstattes af en værdi.")

    @model_validator(mode="after")
    def _complete(self) -> "DecisionConfig":
        missing = [q for q in QUESTION_IDS if q not in {x.id for x in self.questions}]
        if missing:
            raise PydanticCustomError("questions_missing", "spørgsmålene mangler: {missing}", {"missing": ", ".join(missing)})
        missing = sorted(TEXT_KEYS - set(self.texts))
        if missing:
            raise PydanticCustomError("texts_missing", "teksterne mangler: {missing}", {"missing": ", ".join(missing)})
        return self


TEXT_KEYS = frozenset((
    "and", "empty", "nothing_fits", "nothing_strong", "weak_fit", "basis", "basis_none", "tie", "tie_more_fits",
    "tie_profile", "tie_alphabet", "band_god", "band_mulig", "band_svag", "reason_purposes_main",
    "reason_purposes_side", "reason_purposes_none", "groups_good", "groups_partial", "groups_none",
    "reason_stage_fit", "reason_stage_near", "reason_stage_off", "reason_area_fit", "reason_area_generic",
    "reason_area_other", "reason_conflict_fit", "reason_conflict_near", "reason_budget_fit",
    "reason_budget_near", "reason_mode_fit", "reason_mode_near", "reason_weeks", "reason_weeks_existing",
    "reason_influence", "reason_representative", "block_weeks", "block_influence", "block_representative",
    "block_mode", "block_budget", "block_conflict", "unlock_weeks", "unlock_influence", "unlock_representative",
    "unlock_mode", "unlock_budget", "unlock_conflict", "covers_groups", "covers_purposes", "covers_breadth",
    "covers_mode", "lower_promise", "sequence_too_long", "no_cases", "no_cases_generic", "duty_hint", "effort",
    "shown_number", "shown_list", "shown_object", "error_not_object", "error_unknown_question", "error_number",
    "error_one", "error_list", "error_unknown_option", "error_twice", "error_too_many", "error_priorities",
    "ui_brief_title", "ui_unknown", "ui_url_problems", "ui_weeks", "ui_priorities", "ui_fit_passer",
    "ui_fit_delvist", "ui_fit_passer_ikke", "ui_fit_ukendt", "ui_score", "ui_caveats", "ui_why", "ui_situation",
    "ui_warnings_heading", "ui_statutory_heading", "ui_duty_minimum", "ui_duty_add", "ui_duty_source",
    "ui_inform_heading", "ui_stop_heading", "ui_process_heading", "ui_core", "ui_supplement",
    "ui_alternatives_heading", "ui_alternative", "ui_near_heading", "ui_unlock", "ui_sequence_heading",
    "ui_step", "ui_role_kerne", "ui_role_supplement", "ui_role_lovpligtig", "ui_parallel", "ui_sequence_total",
    "ui_effort_heading", "ui_cases_heading", "ui_loading_cases", "ui_risks_heading", "ui_risk_share",
    "ui_principles_heading", "ui_followup_heading", "ui_followup_answer", "ui_followup_footprint",
    "ui_followup_indicators", "ui_made", "ui_link", "ui_qr_label", "ui_status_empty", "ui_status_inform",
    "ui_status_stop", "ui_status_result", "ui_status_supplements", "ui_status_nothing",
))
"""The texts the engines and the page use (a test checks that the code uses no other); each must be in the file."""
