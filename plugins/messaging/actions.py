"""A participant's actions on a conversation: archive, report, block a member."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tremplin.core.api import db, require

from . import moderating, services
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


@blueprint.post("/<int:conversation_id>/report")
@require("read", RESOURCE, load=load_conversation)
def report(conversation_id: int) -> Any:
    item = load_conversation(conversation_id)
    assert item is not None
    form = ReportForm()
    if not form.validate_on_submit():
        flash(_("Choisissez un motif de signalement."), "error")
        return _back(conversation_id)
    raw = request.form.get("message_id", "")
    if raw:
        message = db.session.get(Message, int(raw)) if raw.isdigit() else None
        if message is None or message.conversation_id != item.id:
            abort(404)
        moderating.report_message(
            message, current_user, form.reason.data or "", form.comment.data or ""
        )
    else:
        moderating.report_conversation(
            item, current_user, form.reason.data or "", form.comment.data or ""
        )
    db.session.commit()
    flash(_("Merci : le signalement est transmis à la modération."), "success")
    return _back(conversation_id)


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
