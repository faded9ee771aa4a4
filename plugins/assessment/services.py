"""Questionnaire versions and members' attempts (no request objects here)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tremplin.core.api import company_of, db, emit, per_request, record

from .models import COMPLETED, DRAFT, IN_PROGRESS, PUBLISHED, RETIRED, Attempt, Questionnaire
from .scoring import score

DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "default_model.json"
DEFAULT_KEY = "export-maturity"


def default_definition() -> dict[str, Any]:
    return dict(json.loads(DEFAULT_MODEL.read_text(encoding="utf-8")))


# --- questionnaire versions -------------------------------------------------------


def published(key: str = DEFAULT_KEY) -> Questionnaire | None:
    return db.session.scalar(
        select(Questionnaire).where(Questionnaire.key == key, Questionnaire.status == PUBLISHED)
    )


def versions() -> list[Questionnaire]:
    return list(
        db.session.scalars(
            select(Questionnaire).order_by(Questionnaire.key, Questionnaire.version.desc())
        )
    )


def result_counts() -> dict[int, int]:
    rows = db.session.execute(
        select(Attempt.questionnaire_id, func.count()).group_by(Attempt.questionnaire_id)
    )
    return {int(qid): int(n) for qid, n in rows}


def draft_of(key: str) -> Questionnaire | None:
    return db.session.scalar(
        select(Questionnaire).where(Questionnaire.key == key, Questionnaire.status == DRAFT)
    )


def new_draft(source: Questionnaire) -> Questionnaire:
    """Editing starts from a copy: published versions are never changed. One draft
    per model: asking again returns the existing one."""
    existing = draft_of(source.key)
    if existing is not None:
        return existing
    return _add_version(copy.deepcopy(source.definition))


def _add_version(definition: dict[str, Any]) -> Questionnaire:
    key = str(definition["key"])
    last = db.session.scalar(
        select(func.max(Questionnaire.version)).where(Questionnaire.key == key)
    )
    draft = Questionnaire(key=key, version=(last or 0) + 1, status=DRAFT, definition=definition)
    db.session.add(draft)
    db.session.flush()
    return draft


def save_draft(draft: Questionnaire, definition: dict[str, Any]) -> None:
    """Replace a draft's definition (already validated); its key cannot change."""
    if draft.status != DRAFT:
        raise ValueError("only drafts are edited")
    definition = dict(definition, key=draft.key)
    draft.definition = definition


def import_definition(definition: dict[str, Any]) -> Questionnaire:
    """An imported (validated) definition becomes the draft of its model."""
    draft = draft_of(str(definition["key"]))
    if draft is None:
        return _add_version(definition)
    save_draft(draft, definition)
    return draft


def publish(draft: Questionnaire) -> None:
    if draft.status != DRAFT:
        raise ValueError("only drafts are published")
    current = published(draft.key)
    if current is not None:
        current.status = RETIRED
        db.session.flush()
    draft.status = PUBLISHED
    draft.published_at = datetime.now(UTC)
    record("assessment.published", draft, version=draft.version)


# --- attempts ---------------------------------------------------------------------


@per_request
def in_progress(user_id: int) -> Attempt | None:
    return db.session.scalar(
        select(Attempt)
        .where(Attempt.user_id == user_id, Attempt.status == IN_PROGRESS)
        .order_by(Attempt.id.desc())
    )


def completed(user_id: int) -> list[Attempt]:
    """The member's results, oldest first."""
    return list(_completed(user_id))


@per_request
def _completed(user_id: int) -> tuple[Attempt, ...]:
    return tuple(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.user_id == user_id, Attempt.status == COMPLETED)
            .order_by(Attempt.completed_at, Attempt.id)
        )
    )


def latest(user_id: int) -> Attempt | None:
    results = completed(user_id)
    return results[-1] if results else None


def start(user_id: int) -> Attempt | None:
    """The member's attempt in progress, or a new one on the published version
    (a double submit resumes rather than starting twice); ``None`` without one."""
    current = in_progress(user_id)
    if current is not None:
        return current
    questionnaire = published()
    if questionnaire is None:
        return None
    attempt = Attempt(user_id=user_id, questionnaire=questionnaire, answers={}, scores={})
    db.session.add(attempt)
    db.session.flush()
    record("assessment.started", attempt, version=questionnaire.version)
    return attempt


def save_answers(attempt: Attempt, answers: dict[str, Any], step: int) -> None:
    merged = dict(attempt.answers or {})
    for key, value in answers.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    attempt.answers = merged
    attempt.step = max(0, step)


def first_incomplete_step(attempt: Attempt) -> int | None:
    """The first step with an unanswered required question, or ``None``."""
    definition = attempt.questionnaire.parsed()
    for index, dimension in enumerate(definition.dimensions):
        for question in dimension.questions:
            if question.required and attempt.answers.get(question.key) in (None, "", []):
                return index
    return None


def complete(attempt: Attempt) -> None:
    """Score the attempt once and keep the result; announced after commit."""
    result = score(attempt.questionnaire.parsed(), attempt.answers)
    attempt.scores = dict(result.dimensions)
    attempt.overall = result.overall
    attempt.level = result.level
    attempt.status = COMPLETED
    attempt.completed_at = datetime.now(UTC)
    company = company_of(attempt.user_id)
    if company is not None:
        attempt.company_id = company.id
        attempt.country = company.country or ""
        attempt.sector = company.sector or ""
        attempt.size_band = str(getattr(company, "size_band", "") or "")
    record(
        "assessment.completed",
        attempt,
        score=result.overall,
        level=result.level,
        version=attempt.questionnaire.version,
    )
    emit("assessment_completed", result_id=attempt.id, user_id=attempt.user_id)


def erase(user_id: int) -> None:
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id == user_id)):
        db.session.delete(attempt)
    from .models import Sharing

    sharing = db.session.get(Sharing, user_id)
    if sharing is not None:
        db.session.delete(sharing)


def export_records(user_id: int) -> tuple[dict[str, Any], ...]:
    rows = db.session.scalars(
        select(Attempt).where(Attempt.user_id == user_id).order_by(Attempt.id)
    )
    return tuple(
        {
            "id": a.id,
            "questionnaire": a.questionnaire.key,
            "version": a.questionnaire.version,
            "status": a.status,
            "answers": a.answers,
            "scores": a.scores,
            "overall": a.overall,
            "level": a.level,
            "started_at": a.started_at.isoformat() if a.started_at else None,
            "completed_at": a.completed_at.isoformat() if a.completed_at else None,
        }
        for a in rows
    )
