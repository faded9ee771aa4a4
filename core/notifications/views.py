"""Portal pages ``/<lang>/notifications/``: the centre, the unread count, preferences
and the one-click unsubscribe (no sign-in needed). Every action is a POST form."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..contributions import NOTIFICATION_CHANNELS
from ..extensions import csrf, db
from . import services
from .emails import read_unsubscribe_token
from .types import message, notification_types

blueprint = Blueprint("notifications", __name__, url_prefix="/notifications")


def _me() -> int:
    return int(current_user.id)


@blueprint.get("/")
@login_required
def centre() -> str:
    types = notification_types()
    items = [
        {"row": n, "message": message(types[n.type], n.context) if n.type in types else n.type}
        for n in services.latest(_me())
    ]
    return render_template(
        "notifications/centre.html", items=items, unread=services.unread_count(_me())
    )


@blueprint.get("/count")
@login_required
def count() -> Response:
    response = jsonify(unread=services.unread_count(_me()))
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.post("/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int) -> Response:
    services.mark_read(_me(), notification_id)
    return redirect(url_for("notifications.centre"))


@blueprint.post("/read-all")
@login_required
def mark_all_read() -> Response:
    changed = services.mark_read(_me())
    flash(_("%(count)s notification(s) marquée(s) comme lue(s).", count=changed), "success")
    return redirect(url_for("notifications.centre"))


@blueprint.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences() -> str | Response | tuple[str, int]:
    chosen = services.preferences(_me())
    if request.method == "POST":
        fields = {name: f"channel-{name}" for name in notification_types()}
        wanted = {
            name: request.form[field] for name, field in fields.items() if field in request.form
        }
        if any(channel not in NOTIFICATION_CHANNELS for channel in wanted.values()):
            flash(_("Choisissez l’une des options proposées pour chaque notification."), "error")
            return _preferences_page({**chosen, **wanted}), 400
        for name, channel in wanted.items():
            services.set_preference(_me(), name, channel)
        db.session.commit()
        flash(_("Vos préférences de notification sont enregistrées."), "success")
        return redirect(url_for("notifications.preferences"))
    return _preferences_page(chosen)


def _preferences_page(chosen: dict[str, str]) -> str:
    return render_template(
        "notifications/preferences.html",
        types=notification_types(),
        chosen=chosen,
        channels=NOTIFICATION_CHANNELS,
    )


@blueprint.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail providers POST without a form; the signed token is the proof
def unsubscribe(token: str) -> str | Response:
    found = read_unsubscribe_token(token)
    types = notification_types()
    if found is None or not all(name in types for name in found[1]):
        abort(404)
    user_id, names = found
    if current_app.appbuilder.sm.get_user_by_id(user_id) is None:  # type: ignore[attr-defined]
        abort(404)  # the account was erased since the e-mail left
    labels = [str(types[name].label) for name in names]
    if request.method == "POST":
        for name in names:
            services.unsubscribe(user_id, name)
        return render_template("notifications/unsubscribed.html", labels=labels)
    return render_template("notifications/unsubscribe.html", labels=labels, token=token)
