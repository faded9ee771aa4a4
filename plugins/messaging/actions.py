"""A participant's actions on a conversation: archive, report, block a member."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tremplin.core.api import db, require

from . import moderating, reading, services
from .forms import ReportForm
from .models import Message
from .views import RESOURCE, blueprint, load_conversation


def _back(conversation_id: int) -> Response:
    return redirect(url_for("messaging.conversation", conversation_id=conversation_id))


@blueprint.post("/<int:conversation_id>/archive")
@require("write", RESOURCE, load=load_conversation)
def archive(conversation_id: int) -> Response:
    item = load_conversation(conversation_id)
    assert item is not None
    archived = request.form.get("archived") == "1"
    services.set_archived(item, current_user.id, archived)
    db.session.commit()
    flash(
        _("Conversation archivée.")
        if archived
        else _("Conversation remise dans la boîte de réception."),
        "success",
    )
    return redirect(url_for("messaging.inbox"))


def _reported_message(item: Any, raw: str) -> Any:
    """The message ``raw`` names in this conversation (404 otherwise), or None."""
    if not raw:
        return None
    message = db.session.get(Message, int(raw)) if raw.isdigit() else None
    if message is None or message.conversation_id != item.id or message.hidden:
        abort(404)
    return message


@blueprint.route("/<int:conversation_id>/report", methods=["GET", "POST"])
@require("read", RESOURCE, load=load_conversation)
def report(conversation_id: int) -> Any:
    item = load_conversation(conversation_id)
    assert item is not None
    message = _reported_message(item, request.values.get("message_id", ""))
    form = ReportForm()
    if form.validate_on_submit():
        reason, comment = form.reason.data or "", form.comment.data or ""
        if message is not None:
            moderating.report_message(message, current_user, reason, comment)
        else:
            moderating.report_conversation(item, current_user, reason, comment)
        db.session.commit()
        flash(_("Merci : le signalement est transmis à la modération."), "success")
        return _back(conversation_id)
    shown = None
    if message is not None:
        shown = next(m for m in reading.messages(item, before_id=message.id + 1, limit=1))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "messaging/report.html", conversation=item, message=shown, form=form
    ), status


@blueprint.post("/<int:conversation_id>/block/<int:user_id>")
@require("read", RESOURCE, load=load_conversation)
def block(conversation_id: int, user_id: int) -> Response:
    if services.participant_of(conversation_id, user_id) is None:
        abort(404)
    if request.form.get("unblock") == "1":
        services.unblock(current_user.id, user_id)
        flash(_("Ce membre peut de nouveau vous écrire."), "success")
    else:
        services.block(current_user.id, user_id)
        flash(_("Ce membre ne peut plus vous écrire."), "success")
    db.session.commit()
    return _back(conversation_id)
