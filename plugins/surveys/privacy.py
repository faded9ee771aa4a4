"""A member's survey data: identified answers in their export, and erasure
(invitations deleted, identified responses detached from the account)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from tremplin.core.api import db

from .models import Answer, Invitation, Question, Response, Survey


def identified_answers(user_id: int) -> tuple[dict[str, Any], ...]:
    rows = db.session.execute(
        select(Survey.title_fr, Question.label_fr, Answer.row, Answer.value, Response.submitted_on)
        .join(Response, Response.survey_id == Survey.id)
        .join(Answer, Answer.response_id == Response.id)
        .join(Question, Question.id == Answer.question_id)
        .where(Response.user_id == user_id)
        .order_by(Response.id, Question.position)
    ).all()
    return tuple(
        {"survey": r[0], "question": r[1], "row": r[2], "answer": r[3], "date": r[4].isoformat()}
        for r in rows
    )


def erase(user_id: int) -> None:
    db.session.execute(delete(Invitation).where(Invitation.user_id == user_id))
    db.session.execute(update(Response).where(Response.user_id == user_id).values(user_id=None))
