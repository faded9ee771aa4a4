"""Results of a survey: per-question figures (counts, NPS, CSAT, means), filtered
by segment and wave, with groups smaller than ``[surveys] min_group`` hidden in
anonymous mode, and the longitudinal view of a recurring survey."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from tremplin.core.api import db, setting

from .models import Answer, Question, Response, Survey
from .services import allowed_values


@dataclass(frozen=True)
class Filters:
    country: str = ""
    sector: str = ""
    wave: int | None = None
    export_stage: str = ""


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    hidden: bool = False
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, n)
    matrix: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)
    score: float | None = None  # NPS, CSAT % or mean
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    survey: Survey
    responses: int
    hidden: bool
    min_group: int
    questions: list[QuestionResult]


def min_group() -> int:
    return int(setting("surveys", "min_group"))


def nps(scores: list[float]) -> float | None:
    """Net Promoter Score: % of promoters (9-10) minus % of detractors (0-6)."""
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return round(100 * (promoters - detractors) / len(scores), 1)


def csat(scores: list[float]) -> float | None:
    """Share of satisfied answers (4 or 5 out of 5), in %."""
    if not scores:
        return None
    return round(100 * sum(1 for s in scores if s >= 4) / len(scores), 1)


def filtered(query: Any, filters: Filters) -> Any:
    """``query`` on responses, restricted to the filters' segment and wave."""
    if filters.country:
        query = query.where(Response.country == filters.country)
    if filters.sector:
        query = query.where(Response.sector == filters.sector)
    if filters.export_stage:
        query = query.where(Response.export_stage == filters.export_stage)
    if filters.wave is not None:
        query = query.where(Response.wave == filters.wave)
    return query


def _responses(survey: Survey, filters: Filters) -> list[int]:
    query = select(Response.id).where(Response.survey_id == survey.id)
    return list(db.session.scalars(filtered(query, filters)))


def _question_result(question: Question, answers: list[Answer], lang: str) -> QuestionResult:
    result = QuestionResult(question, answered=len({a.response_id for a in answers}))
    numbers = [a.number for a in answers if a.number is not None]
    if question.kind == "matrix":
        for row in question.rows:
            counts = Counter(a.value for a in answers if a.row == row["value"])
            label = question.option_label(row["value"], lang, question.rows)
            result.matrix.append(
                (
                    label,
                    [(question.option_label(v, lang), counts[v]) for v in allowed_values(question)],
                )
            )
        return result
    if question.kind in ("single", "multiple", "nps", "scale", "csat"):
        counts = Counter(a.value for a in answers)
        result.counts = [
            (v, question.option_label(v, lang), counts[v]) for v in allowed_values(question)
        ]
    if question.kind == "nps":
        result.score = nps(numbers)
    elif question.kind == "csat":
        result.score = csat(numbers)
    elif question.kind in ("scale", "number") and numbers:
        result.score = round(sum(numbers) / len(numbers), 2)
    elif question.kind in ("text", "date"):
        result.texts = sorted(a.value for a in answers)
    return result


def results(survey: Survey, filters: Filters, lang: str) -> Results:
    ids = _responses(survey, filters)
    threshold = min_group()
    hidden = survey.anonymous and len(ids) < threshold
    answers: list[Answer] = []
    if ids and not hidden:
        answers = list(db.session.scalars(select(Answer).where(Answer.response_id.in_(ids))))
    by_question: dict[int, list[Answer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    items = []
    for question in survey.questions:
        item = _question_result(question, by_question.get(question.id, []), lang)
        if survey.anonymous and item.answered < threshold:
            item = QuestionResult(question, answered=item.answered, hidden=True)
        items.append(item)
    return Results(survey, len(ids), hidden, threshold, items)


def longitudinal(survey: Survey, lang: str) -> list[tuple[Question, list[tuple[int, int, Any]]]]:
    """For each scored question, (wave, answers, score) over the waves; a wave
    under the anonymity threshold shows no score."""
    waves = sorted(
        set(db.session.scalars(select(Response.wave).where(Response.survey_id == survey.id)))
    )
    lines = []
    for question in survey.questions:
        if question.kind not in ("nps", "csat", "scale", "number"):
            continue
        points = []
        for wave in waves:
            item = results(survey, Filters(wave=wave), lang).questions
            found = next(i for i in item if i.question.id == question.id)
            points.append((wave, found.answered, None if found.hidden else found.score))
        lines.append((question, points))
    return lines


def segments(survey: Survey) -> dict[str, list[str]]:
    """Countries, sectors and export stages present among the responses (for the
    filters)."""
    rows = db.session.execute(
        select(Response.country, Response.sector, Response.export_stage)
        .where(Response.survey_id == survey.id)
        .distinct()
    ).all()
    return {
        "country": sorted({r[0] for r in rows if r[0]}),
        "sector": sorted({r[1] for r in rows if r[1]}),
        "export_stage": sorted({r[2] for r in rows if r[2]}),
    }


def response_count(survey: Survey) -> int:
    return len(_responses(survey, Filters()))
