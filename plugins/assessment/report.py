"""A completed attempt as a report: level, dimensions, strengths, gaps, recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from .definition import Definition, Rule, text
from .models import Attempt
from .peers import peer_averages

STRENGTH, GAP = 70.0, 50.0


@dataclass(frozen=True)
class ResultSummary:
    """What the ``assessment_recommendations`` hook receives."""

    id: int
    user_id: int
    company_id: int | None
    language: str
    overall: float
    level: str
    scores: dict[str, float | None]
    weak_topics: tuple[str, ...]


@dataclass(frozen=True)
class DimensionRow:
    key: str
    title: str
    score: float | None
    weight: float
    peer: float | None = None


@dataclass(frozen=True)
class Recommendation:
    text: str
    priority: int
    links: tuple[tuple[str, str], ...] = ()  # (label, url)
    dimension: str | None = None
    source: str = "rules"


@dataclass
class Report:
    attempt: Attempt
    definition: Definition
    language: str
    level_title: str
    level_description: str
    dimensions: list[DimensionRow]
    strengths: list[DimensionRow]
    gaps: list[DimensionRow]
    recommendations: list[Recommendation]
    peers: dict[str, Any] = field(default_factory=dict)


def _score(row: DimensionRow) -> float:
    return row.score if row.score is not None else 0.0


def build(attempt: Attempt, lang: str) -> Report:
    definition = attempt.questionnaire.parsed()
    level = definition.level(attempt.level)
    peers = peer_averages(attempt)
    averages = peers.get("averages", {})
    rows = [
        DimensionRow(
            d.key, text(d.title, lang), attempt.scores.get(d.key), d.weight, averages.get(d.key)
        )
        for d in definition.dimensions
    ]
    scored = [r for r in rows if r.score is not None]
    strengths = sorted((r for r in scored if _score(r) >= STRENGTH), key=lambda r: -_score(r))
    gaps = sorted((r for r in scored if _score(r) < GAP), key=_score)
    return Report(
        attempt,
        definition,
        lang,
        text(level.title, lang) if level else str(attempt.level),
        text(level.description, lang) if level else "",
        rows,
        strengths,
        gaps,
        recommendations(attempt, definition, lang, gaps),
        peers,
    )


def localised(url: str, lang: str) -> str:
    """A portal link written for French (``/fr/...``) in the reader's language."""
    return f"/{lang}/{url[4:]}" if url.startswith("/fr/") and lang != "fr" else url


def _matches(rule: Rule, attempt: Attempt) -> bool:
    when = rule.when
    if "dimension" in when:
        value = attempt.scores.get(when["dimension"])
        return value is not None and value < float(when["below"])
    if "question" in when:
        answer = attempt.answers.get(when["question"])
        chosen = answer if isinstance(answer, list) else [answer]
        return any(a in when["answer_in"] for a in chosen if a is not None)
    return bool(when.get("overall") == attempt.level)


def recommendations(
    attempt: Attempt, definition: Definition, lang: str, gaps: list[DimensionRow]
) -> list[Recommendation]:
    """The questionnaire's matching rules, then what other plugins contribute; by
    priority, and within one priority the weakest dimension first."""
    found = [
        Recommendation(
            text(rule.text, lang),
            rule.priority,
            tuple(
                (text(link.get("label"), lang), localised(str(link["url"]), lang))
                for link in rule.links
            ),
            rule.when.get("dimension"),
        )
        for rule in definition.rules
        if _matches(rule, attempt)
    ]
    found += contributed(attempt, lang, tuple(g.key for g in gaps))
    scores = attempt.scores

    def order(r: Recommendation) -> tuple[int, int, float]:
        value = scores.get(r.dimension) if r.dimension else None
        return (r.priority, r.source != "rules", value if value is not None else 100.0)

    return sorted(found, key=order)


def contributed(attempt: Attempt, lang: str, weak: tuple[str, ...]) -> list[Recommendation]:
    summary = ResultSummary(
        attempt.id,
        attempt.user_id,
        attempt.company_id,
        lang,
        float(attempt.overall or 0),
        str(attempt.level),
        dict(attempt.scores),
        weak,
    )
    pm = current_app.extensions["tremplin"].pm
    answers = pm.hook.assessment_recommendations(result=summary)
    found = []
    for item in (r for answer in answers for r in (answer or ())):
        get = item.get if isinstance(item, dict) else (lambda k, d=None, i=item: getattr(i, k, d))
        body = str(get("text") or get("title") or "").strip()
        if not body:
            continue
        url = str(get("url") or "")
        label = str(get("title") or body)
        links = ((label, localised(url, lang)),) if url.startswith(("/", "https://")) else ()
        found.append(
            Recommendation(body, int(get("priority") or 3), links, get("dimension"), "plugins")
        )
    return found
