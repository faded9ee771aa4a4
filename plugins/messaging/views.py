"""Portal pages: ``/<lang>/messages/`` (inbox, search), a conversation, its reply
form and the small JSON endpoint the page polls for new messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tremplin.core.api import current_member, db, require, setting, storage, within_limit

from . import reading, services
from .forms import MessageForm, PreferencesForm
from .models import Conversation, Message
from .text import render

HERE = Path(__file__).resolve().parent
blueprint = Blueprint(
    "messaging", __name__, url_prefix="/messages", template_folder=str(HERE / "templates")
)
assets = Blueprint(
    "messaging_assets",
    __name__,
    static_folder=str(HERE / "static"),
    static_url_path="/assets/messaging",
)
RESOURCE = "messaging.Conversation"
blueprint.add_app_template_filter(render, "messaging_text")


def load_conversation(conversation_id: int, **_: Any) -> Conversation | None:
    return db.session.get(Conversation, conversation_id)


def me() -> Any:
    member = current_member()
    if member is None:
        abort(404)
    return member


@blueprint.get("/")
@login_required
def inbox() -> str:
    archived = request.args.get("archived") == "1"
    query = (request.args.get("q") or "").strip()[:200]
    hits = reading.search(current_user.id, query) if query else []
    return render_template(
        "messaging/inbox.html",
        rows=reading.inbox(current_user.id, archived=archived),
        archived=archived,
        query=query,
        hits=hits,
    )


@blueprint.get("/unread.json")
@login_required
def unread() -> Response:
    return jsonify(unread=reading.total_unread(current_user.id))


@blueprint.get("/<int:conversation_id>")
@require("read", RESOURCE, load=load_conversation)
def conversation(conversation_id: int) -> Any:
    item = load_conversation(conversation_id)
    assert item is not None  # checked by require
    if services.mark_read(item, current_user.id):
        db.session.commit()
    return _page(item, MessageForm())


def _page(item: Conversation, form: MessageForm) -> str:
    everyone = services.participants(item.id)
    names = reading.names_of({p.user_id for p in everyone})
    before = request.args.get("before", "")
    shown = reading.messages(item, before_id=int(before) if before.isdigit() else None, names=names)
    people = [p for p in everyone if p.user_id not in (None, current_user.id)]
    mine = next((p for p in everyone if p.user_id == current_user.id), None)
    return render_template(
        "messaging/conversation.html",
        conversation=item,
        shown=shown,
        others=[(p.user_id, reading.display(names, p.user_id)) for p in people],
        blocked=services.blocked_ids(current_user.id),
        archived=bool(mine and mine.archived),
        form=form,
        report_url=url_for("messaging.report", conversation_id=item.id),
        poll_seconds=setting("messaging", "poll_seconds"),
        last_id=shown[-1].id if shown else 0,
        older=shown[0].id if shown and reading.has_older(item, shown[0].id) else None,
        latest=not before,
        storage=storage,
    )


@blueprint.post("/<int:conversation_id>")
@require("write", RESOURCE, load=load_conversation)
def reply(conversation_id: int) -> Any:
    item = load_conversation(conversation_id)
    assert item is not None
    form = MessageForm()
    if not form.validate_on_submit():
        return _page(item, form), 400
    status, message = send(form, lambda: services.post(item, me(), form.body.data or ""))
    if message is None:
        return _page(item, form), status
    db.session.commit()
    return redirect(
        url_for("messaging.conversation", conversation_id=item.id, _anchor=f"m{message.id}")
    )


def send(form: MessageForm, write: Callable[[], Message]) -> tuple[int, Message | None]:
    """Write a message (``write()``) with the form's attachment, in the request's
    transaction: ``(200, message)``, or the status and ``None`` with the error set on
    the form and nothing kept (rate limit 429, refusal or rejected file 400)."""
    if not within_limit(setting("messaging", "send_rate"), "messaging-send", str(current_user.id)):
        form.body.errors = [_("Vous envoyez trop de messages : patientez une minute.")]
        return 429, None
    try:
        message = write()
        upload = form.attachment.data
        if upload is not None and getattr(upload, "filename", None):
            services.attach(message, upload.stream, upload.filename, me())
    except services.Refused as exc:
        db.session.rollback()
        form.body.errors = [exc.message]
        return 400, None
    except storage.RejectedFile as exc:
        db.session.rollback()
        form.attachment.errors = [exc.message]
        return 400, None
    return 200, message


@blueprint.get("/<int:conversation_id>/poll")
@require("read", RESOURCE, load=load_conversation)
def poll(conversation_id: int) -> Response:
    item = load_conversation(conversation_id)
    assert item is not None
    after = request.args.get("after", "0")
    shown = reading.messages(item, after_id=int(after) if after.isdigit() else 0, limit=100)
    if shown and services.mark_read(item, current_user.id):
        db.session.commit()
    report_url = url_for("messaging.report", conversation_id=item.id)
    html = [
        render_template(
            "messaging/_poll_message.html",
            m=m,
            me_id=current_user.id,
            report_url=report_url,
            storage=storage,
        )
        for m in shown
    ]
    return jsonify(
        messages=[{"id": m.id, "html": h} for m, h in zip(shown, html, strict=True)],
        unread=reading.total_unread(current_user.id),
    )


@blueprint.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences() -> Any:
    from .alerts import set_text_in_email, text_in_email

    form = PreferencesForm(text_in_email=text_in_email(current_user.id))
    if form.validate_on_submit():
        set_text_in_email(current_user.id, bool(form.text_in_email.data))
        db.session.commit()
        flash(_("Préférences enregistrées."), "success")
        return redirect(url_for("messaging.preferences"))
    status = 400 if request.method == "POST" else 200
    return render_template("messaging/preferences.html", form=form), status


from . import actions as _actions  # noqa: E402, F401  (routes on the same blueprint)
from . import contacts as _contacts  # noqa: E402, F401
