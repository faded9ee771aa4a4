"""The figures on the back office's home: core's own (members) and the plugins'
(``backoffice_figures``), sorted by their order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..contributions import Figure
from ..extensions import db
from ..plugins import flatten


def member_figures() -> list[Figure]:
    from ..members.models import User

    now = datetime.now(UTC).replace(tzinfo=None)
    total, week, month = db.session.execute(
        select(
            func.count(User.id),
            func.count(User.id).filter(User.created_on >= now - timedelta(days=7)),
            func.count(User.id).filter(User.created_on >= now - timedelta(days=30)),
        ).where(User.active.is_(True))
    ).one()
    return [
        Figure("core.members", _("Membres actifs"), int(total), order=0),
        Figure(
            "core.new_members",
            _("Nouveaux membres"),
            int(week),
            hint=_("7 derniers jours ; %(month)s sur 30 jours", month=int(month)),
            order=1,
        ),
    ]


def all_figures() -> list[Figure]:
    pm = current_app.extensions["tremplin"].pm
    return sorted(flatten(pm.hook.backoffice_figures()), key=lambda f: (f.order, f.key))
