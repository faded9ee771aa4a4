"""A questionnaire's definition (the JSON a model version holds), read and checked.

The definition is plain data (dimensions, questions, levels, recommendation rules, each
text in French and English); :func:`validate` lists what is wrong with one, in words,
and :func:`parse` turns a valid one into frozen objects the scoring and pages use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multiple", "scale", "yesno", "number")
LANGUAGES = ("fr", "en")
MAX_QUESTIONS = 200


def text(value: Mapping[str, str] | None, lang: str) -> str:
    """The text in ``lang``, French standing in when it is missing."""
    if not value:
        return ""
    return str(value.get(lang) or value.get("fr") or "")


@dataclass(frozen=True)
class Option:
    key: str
    label: Mapping[str, str]
    points: float


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: Mapping[str, str]
    required: bool = True
    help: Mapping[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    points: Any = None  # scale: max points; yesno: {"yes": p, "no": q}
    minimum: float = 0
    maximum: float = 0
    bands: tuple[tuple[float, float], ...] = ()  # number: (from, points), ascending
    max_points_cap: float | None = None
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unit: Mapping[str, str] = field(default_factory=dict)

    @property
    def max_points(self) -> float:
        """The most points an answer to this question can earn."""
        if self.type == "single":
            return max((o.points for o in self.options), default=0)
        if self.type == "multiple":
            total = sum(o.points for o in self.options if o.points > 0)
            return min(total, self.max_points_cap) if self.max_points_cap is not None else total
        if self.type == "scale":
            return float(self.points)
        if self.type == "yesno":
            return float(max(self.points.get("yes", 0), self.points.get("no", 0)))
        return max((p for _, p in self.bands), default=0)


@dataclass(frozen=True)
class Dimension:
    key: str
    weight: float
    title: Mapping[str, str]
    description: Mapping[str, str]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Level:
    key: str
    minimum: float
    title: Mapping[str, str]
    description: Mapping[str, str]


@dataclass(frozen=True)
class Rule:
    key: str
    priority: int
    when: Mapping[str, Any]
    text: Mapping[str, str]
    links: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Definition:
    key: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    dimensions: tuple[Dimension, ...]
    levels: tuple[Level, ...]  # ascending by minimum
    rules: tuple[Rule, ...] = ()

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def level(self, key: str | None) -> Level | None:
        return next((lv for lv in self.levels if lv.key == key), None)

    def questions(self) -> dict[str, Question]:
        return {q.key: q for d in self.dimensions for q in d.questions}


def parse(data: Mapping[str, Any]) -> Definition:
    """The definition as objects; ``data`` must have passed :func:`validate`."""
    return Definition(
        key=str(data["key"]),
        title=data["title"],
        description=data.get("description") or {},
        dimensions=tuple(_dimension(d) for d in data["dimensions"]),
        levels=tuple(
            sorted(
                (
                    Level(lv["key"], float(lv["min"]), lv["title"], lv.get("description") or {})
                    for lv in data["levels"]
                ),
                key=lambda lv: lv.minimum,
            )
        ),
        rules=tuple(
            Rule(
                r["key"],
                int(r.get("priority", 3)),
                r["when"],
                r["text"],
                tuple(r.get("links") or ()),
            )
            for r in data.get("rules") or ()
        ),
    )


def _dimension(d: Mapping[str, Any]) -> Dimension:
    return Dimension(
        d["key"],
        float(d.get("weight", 1)),
        d["title"],
        d.get("description") or {},
        tuple(_question(q) for q in d["questions"]),
    )


def _question(q: Mapping[str, Any]) -> Question:
    return Question(
        key=q["key"],
        type=q["type"],
        text=q["text"],
        required=bool(q.get("required", True)),
        help=q.get("help") or {},
        options=tuple(
            Option(o["key"], o["label"], float(o.get("points", 0))) for o in q.get("options") or ()
        ),
        points=q.get("points"),
        minimum=float(q.get("min", 0)),
        maximum=float(q.get("max", 0)),
        bands=tuple(sorted((float(b["from"]), float(b["points"])) for b in q.get("bands") or ())),
        max_points_cap=float(q["max_points"]) if q.get("max_points") is not None else None,
        labels=q.get("labels") or {},
        unit=q.get("unit") or {},
    )
