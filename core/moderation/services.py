"""Filing reports, reading the queue and applying moderators' actions.

No request objects here except in :func:`handling`, which asks whether the
signed-in moderator proved their second factor in this session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select

from ..audit import services as audit
from ..extensions import db
from .models import Report, utcnow

# What a member may give as reason, and how it reads in the queue.
REASONS = {
    "spam": _l("Spam ou démarchage abusif"),
    "abuse": _l("Propos injurieux ou harcèlement"),
    "fraud": _l("Fraude ou usurpation"),
    "illegal": _l("Contenu illicite"),
    "other": _l("Autre raison"),
}
# Actions of the queue: hide/restore are applied by the owning plugin; suspend (for a
# period) and ban close the author's account (see :mod:`.sanctions`).
ACTIONS = ("hide", "restore", "warn", "suspend", "ban", "dismiss")
SANCTIONS = ("suspend", "ban")
MODERATOR_ROLES = frozenset({"Admin", "Moderator"})
MAX_COMMENT = 1000


class ModerationError(ValueError):
    """An action that cannot be applied (unknown action, object gone...)."""


def report(
    kind: str,
    object_id: int | str,
    *,
    reporter: Any,
    reason: str,
    comment: str = "",
    author_id: int | None = None,
) -> Report:
    """File a report in the caller's transaction (commit it). One open report per
    member and object: reporting twice returns the first one."""
    if reason not in REASONS:
        raise ValueError(f"unknown report reason {reason!r}")
    reporter_id = _id(reporter)
    found: Report | None = db.session.scalar(
        select(Report).where(
            Report.kind == kind,
            Report.object_id == str(object_id),
            Report.reporter_id == reporter_id,
            Report.state == "open",
        )
    )
    if found is not None:
        return found
    row = Report(
        kind=kind,
        object_id=str(object_id),
        reporter_id=reporter_id,
        author_id=author_id,
        reason=reason,
        comment=(comment or "").strip()[:MAX_COMMENT],
    )
    db.session.add(row)
    db.session.flush()
    return row


def reports_on(kind: str, object_ids: Sequence[int | str]) -> list[Report]:
    """Reports on these objects, oldest first."""
    keys = [str(i) for i in object_ids]
    if not keys:
        return []
    query = select(Report).where(Report.kind == kind, Report.object_id.in_(keys))
    return list(db.session.scalars(query.order_by(Report.id)))


def queue(state: str = "open", limit: int = 100) -> list[Report]:
    query = select(Report)
    if state != "all":
        query = query.where(Report.state == state)
    return list(db.session.scalars(query.order_by(Report.id.desc()).limit(limit)))


def is_moderator(member: Any) -> bool:
    return member is not None and bool(MODERATOR_ROLES & set(getattr(member, "roles", ())))


def handling(kind: str, object_ids: Sequence[int | str], member: Any) -> bool:
    """Whether ``member`` may read these objects as a moderator handling a report:
    a moderator, with a verified second factor in this session, and a report on one
    of them that was not dismissed. Each read so allowed is audited."""
    if not is_moderator(member):
        return False
    from ..accounts.mfa.services import mfa_satisfied

    if not (current_user.is_authenticated and current_user.id == member.id):
        return False
    if not mfa_satisfied(current_user):
        return False
    found = [r for r in reports_on(kind, object_ids) if r.state != "dismissed"]
    if not found:
        return False
    audit.record("moderation_read", found[0].author_id, kind=kind, object_id=found[0].object_id)
    return True


def target_of(item: Report) -> Any:
    """What the owning plugin shows of the reported object, or ``None`` if gone."""
    pm = current_app.extensions["tremplin"].pm
    return pm.hook.moderation_target(kind=item.kind, object_id=item.object_id)


def render_target(target: Any) -> Markup:
    """The target's block: its template rendered with its context, or its HTML."""
    if target is None:
        return Markup("")
    if target.template is not None:
        return Markup(render_template(target.template, **dict(target.context)))
    return escape(target.html)


def apply(
    item: Report,
    action: str,
    moderator_id: int | None,
    *,
    note: str = "",
    ends_at: Any = None,
    reason: str | None = None,
) -> None:
    """Apply ``action`` to the report's object or author, commit and audit it.

    ``suspend`` needs ``ends_at``; ``suspend`` and ``ban`` take the ``reason`` (by
    default the report's) and the ``note`` told to the member."""
    if action not in ACTIONS:
        raise ModerationError(f"unknown action {action!r}")
    details: dict[str, Any] = {}
    if action in ("hide", "restore"):
        pm = current_app.extensions["tremplin"].pm
        if not pm.hook.moderation_apply(kind=item.kind, object_id=item.object_id, action=action):
            raise ModerationError(f"{item.kind} {item.object_id}: {action} not applied")
        _close_all(item, "hidden" if action == "hide" else "restored", moderator_id)
        if action == "hide":
            _notify_hidden(item)
    elif action == "dismiss":
        _close(item, "dismissed", moderator_id)
    elif action == "warn":
        _warn(item)
    else:
        details = _sanction(item, action, moderator_id, reason or item.reason, note, ends_at)
    db.session.commit()
    audit.record(
        f"moderation_{action}",
        item.author_id,
        report=item.id,
        kind=item.kind,
        object_id=item.object_id,
        **details,
    )


def _close(item: Report, state: str, moderator_id: int | None) -> None:
    item.state, item.handled_by, item.handled_at = state, moderator_id, utcnow()


def _close_all(item: Report, state: str, moderator_id: int | None) -> None:
    """Hiding or restoring answers every report on the same object."""
    for other in reports_on(item.kind, [item.object_id]):
        if other.state in ("open", "hidden", "restored"):
            _close(other, state, moderator_id)


def _warn(item: Report) -> None:
    from ..notifications.services import notify

    if item.author_id is None:
        raise ModerationError("no author to warn")
    notify(item.author_id, "core.moderation_warning", reason=str(REASONS[item.reason]))


def _notify_hidden(item: Report) -> None:
    """The author learns that their object is hidden, and why (in their language)."""
    from flask_appbuilder.security.sqla.models import User
    from flask_babel import force_locale

    from ..notifications.emails import member_language
    from ..notifications.services import notify

    author = db.session.get(User, item.author_id) if item.author_id else None
    if author is None:
        return
    target = target_of(item)
    with force_locale(member_language(author)):
        reason = str(REASONS[item.reason])
    title = str(target.title)[:200] if target is not None else item.kind
    notify(author.id, "core.moderation_hidden", title=title, reason=reason)


def figures() -> list[Any]:
    """The back office's figures: reports waiting for a moderator, sanctions in force."""
    from flask import url_for
    from flask_babel import gettext as _
    from sqlalchemy import func

    from ..contributions import Figure
    from .sanctions import count_in_force

    waiting = db.session.scalar(select(func.count(Report.id)).where(Report.state == "open"))
    return [
        Figure(
            "core.reports_open",
            _("Signalements à traiter"),
            int(waiting or 0),
            url_for("ModerationQueueView.queue"),
            order=30,
        ),
        Figure(
            "core.sanctions",
            _("Sanctions en cours"),
            count_in_force(),
            url_for("ModerationQueueView.sanctions"),
            hint=_("suspensions et bannissements"),
            order=31,
        ),
    ]


def _sanction(
    item: Report, action: str, moderator_id: int | None, reason: str, note: str, ends_at: Any
) -> dict[str, Any]:
    from . import sanctions

    if item.author_id is None:
        raise ModerationError("no author to sanction")
    try:
        row = sanctions.give(
            action,
            item.author_id,
            reason=reason,
            note=note,
            by=moderator_id,
            ends_at=ends_at,
            report_id=item.id,
        )
    except sanctions.SanctionError as exc:
        raise ModerationError(str(exc)) from exc
    return sanctions.details(row)


def _id(user: Any) -> int | None:
    if user is None or isinstance(user, int):
        return user
    return int(user.id)
