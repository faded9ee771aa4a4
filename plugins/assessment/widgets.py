"""The dashboard card and the level shown on a company's page."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core.api import SlotBlock, Widget, db

from . import services
from .definition import text
from .models import COMPLETED, Attempt, Sharing


def _level_title(attempt: Attempt) -> str:
    level = attempt.questionnaire.parsed().level(attempt.level)
    return text(level.title, str(get_locale() or "fr")) if level else str(attempt.level)


def dashboard_widget(user: Any) -> list[Widget]:
    if not getattr(user, "is_authenticated", False):
        return []
    latest = services.latest(user.id)
    context = {
        "latest": latest,
        "current": services.in_progress(user.id) if latest is None else None,
        "level_title": _level_title(latest) if latest else "",
        "report_url": url_for("assessment.result", attempt_id=latest.id) if latest else "",
        "index_url": url_for("assessment.index"),
    }
    return [Widget("assessment", _l("Diagnostic export"), "assessment/widget.html", context, 30)]


def company_level(company: Any) -> list[SlotBlock] | None:
    """The latest level of a member of ``company`` who chose to show it."""
    company_id = getattr(company, "id", None)
    if company_id is None:
        return None
    attempt = db.session.scalar(
        select(Attempt)
        .join(Sharing, Sharing.user_id == Attempt.user_id)
        .where(
            Attempt.company_id == company_id,
            Attempt.status == COMPLETED,
            Sharing.show_level.is_(True),
        )
        .order_by(Attempt.completed_at.desc(), Attempt.id.desc())
        .limit(1)
    )
    if attempt is None:
        return None
    return [
        SlotBlock(
            template="assessment/company_level.html",
            order=60,
            context={"level_title": _level_title(attempt), "date": attempt.completed_at},
        )
    ]
