"""The schema of Formatvælgeren's configuration (decision/formatvaelger.yml): weights, gate and questions.

Weights and texts are data that domain experts edit; ``recommend`` holds the logic that applies them.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .schema import Id, Line, Ref, Strict, Text

QUESTION_IDS = ("outcome_open", "council_commitment", "purposes", "influence", "participants", "stage",
                "policy_area", "conflict", "weeks_available", "budget", "mode")
SCORED = ("purposes", "influence", "participants", "stage", "policy_area", "conflict", "weeks_available",
          "budget", "mode")
Weight = Annotated[float, Field(ge=0, le=10)]


class Option(Strict):
    id: Id = Field(title="Id")
    label: Line = Field(title="Betegnelse")
    help: Optional[Text] = Field(None, title="Hjælpetekst")


class Question(Strict):
    """Et spørgsmål i Formatvælgeren."""

    id: Literal[QUESTION_IDS] = Field(title="Id")  # type: ignore[valid-type]
    label: Line = Field(title="Spørgsmål")
    help: Text = Field(title="Hjælpetekst")
    kind: Literal["one", "many", "ranked", "number"] = Field(title="Svartype")
    max_choices: Optional[Annotated[int, Field(ge=1, le=10)]] = Field(None, title="Højst antal valg")
    vocabulary: Optional[Id] = Field(None, title="Ordforråd", description="Svarmuligheder fra et ordforråd i vocab/.")
    options: list[Option] = Field(default_factory=list, title="Svarmuligheder")

    @model_validator(mode="after")
    def _has_options(self) -> "Question":
        if self.kind != "number" and not self.options and not self.vocabulary:
            raise PydanticCustomError("question_options", "et spørgsmål skal have 'options' eller 'vocabulary'")
        return self


class Weights(Strict):
    """Hvor meget hvert spørgsmål vægter i scoren."""

    purposes: Weight
    influence: Weight
    participants: Weight
    stage: Weight
    policy_area: Weight
    conflict: Weight
    weeks_available: Weight
    budget: Weight
    mode: Weight


class Gate(Strict):
    message: Text = Field(title="Svar, når der ikke er noget at inddrage om")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper om mandat og forventninger")


class DecisionConfig(Strict):
    """Formatvælgerens vægte, spærre og spørgsmål."""

    title: Line = Field(title="Titel")
    intro: Text = Field(title="Indledning")
    weights: Weights = Field(title="Vægte")
    purpose_rank_factors: Annotated[list[Annotated[float, Field(ge=0, le=1)]], Field(min_length=3, max_length=3)] = Field(
        title="Vægt for 1., 2. og 3. formål")
    partial: Annotated[float, Field(ge=0, le=1)] = Field(title="Delvis pasform", description="Fx 0,5.")
    neutral: Annotated[float, Field(ge=0, le=1)] = Field(title="Neutral (ved ikke eller ikke besvaret)")
    gate: Gate = Field(title="Spærre")
    principles: list[Ref("principles")] = Field(default_factory=list, title="Principper, der altid skal tjekkes")
    questions: list[Question] = Field(title="Spørgsmål")

    @model_validator(mode="after")
    def _all_questions(self) -> "DecisionConfig":
        missing = [q for q in QUESTION_IDS if q not in {x.id for x in self.questions}]
        if missing:
            raise PydanticCustomError("questions_missing", "spørgsmålene mangler: {missing}",
                                      {"missing": ", ".join(missing)})
        return self
