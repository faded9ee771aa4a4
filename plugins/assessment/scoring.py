"""The scoring algorithm (documented in docs/evaluation-maturite.md, pinned by tests).

Pure functions of a :class:`~.definition.Definition` and the answers (question key →
value): no database, no request. A question earns points between 0 and its maximum;
a dimension's score is its points over its maximum, on 0-100, counting only the
questions answered; the overall score is the weighted mean of the dimensions that
have a score; the level is the highest whose threshold the overall score reaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .definition import Definition, Dimension, Question


@dataclass(frozen=True)
class Scores:
    dimensions: dict[str, float | None]  # dimension key → 0-100, None when nothing answered
    overall: float
    level: str


def question_points(question: Question, answer: Any) -> float | None:
    """Points earned by ``answer``; ``None`` when the question was skipped."""
    if answer is None or answer == "" or answer == []:
        return None
    if question.type == "single":
        return next((o.points for o in question.options if o.key == answer), None)
    if question.type == "multiple":
        chosen = set(answer)
        total = sum(o.points for o in question.options if o.key in chosen)
        return max(0.0, min(total, question.max_points))
    if question.type == "scale":
        span = question.maximum - question.minimum
        value = min(max(float(answer), question.minimum), question.maximum)
        return float(question.points) * (value - question.minimum) / span
    if question.type == "yesno":
        return float(question.points.get(answer, 0)) if answer in ("yes", "no") else None
    reached = [p for start, p in question.bands if float(answer) >= start]
    return reached[-1] if reached else 0.0


def dimension_score(dimension: Dimension, answers: Mapping[str, Any]) -> float | None:
    earned = possible = 0.0
    for question in dimension.questions:
        points = question_points(question, answers.get(question.key))
        if points is None:
            continue
        earned += points
        possible += question.max_points
    if possible == 0:
        return None
    return round(100 * earned / possible, 1)


def overall_score(definition: Definition, dimensions: Mapping[str, float | None]) -> float:
    weighted = total = 0.0
    for dimension in definition.dimensions:
        score = dimensions.get(dimension.key)
        if score is None:
            continue
        weighted += dimension.weight * score
        total += dimension.weight
    return round(weighted / total, 1) if total else 0.0


def level_for(definition: Definition, overall: float) -> str:
    reached = [lv.key for lv in definition.levels if overall >= lv.minimum]
    return reached[-1] if reached else definition.levels[0].key


def score(definition: Definition, answers: Mapping[str, Any]) -> Scores:
    dimensions = {d.key: dimension_score(d, answers) for d in definition.dimensions}
    overall = overall_score(definition, dimensions)
    return Scores(dimensions, overall, level_for(definition, overall))


def compare(
    first: Mapping[str, float | None], second: Mapping[str, float | None]
) -> list[tuple[str, float | None, float | None, float | None]]:
    """Per dimension key (both versions' keys, first's order first): the two scores
    and the change; a dimension one attempt lacks has ``None`` there and no change."""
    keys = list(first) + [k for k in second if k not in first]
    rows = []
    for key in keys:
        a, b = first.get(key), second.get(key)
        rows.append((key, a, b, round(b - a, 1) if a is not None and b is not None else None))
    return rows
