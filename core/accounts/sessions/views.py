"""``/<lang>/account/sessions``: a member sees where they are signed in and ends
sessions; ``/<lang>/cookies``: the audience-measurement choice (only when
``[analytics] enabled``)."""

from __future__ import annotations

import re
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import csrf
from .forms import ConsentForm, EndOthersForm, EndSessionForm
from .services import current_key, describe_device, end_session, end_sessions, sessions_of

blueprint = Blueprint("sessions", __name__)
CONSENT_COOKIE = "tremplin_analytics"
CONSENT_DAYS = 180


def _rows() -> list[dict[str, Any]]:
    here = current_key()
    return [
        {
            "key": r.key,
            "device": describe_device(r.user_agent),
            "ip": r.ip or "—",
            "created_at": r.created_at,
            "last_seen": r.last_seen,
            "current": r.key == here,
        }
        for r in sessions_of(int(current_user.id))
    ]


def _page(status: int = 200) -> tuple[str, int]:
    return render_template(
        "accounts/sessions.html", rows=_rows(), form=EndSessionForm(), others_form=EndOthersForm()
    ), status


@blueprint.route("/account/sessions")
@login_required
def index() -> tuple[str, int]:
    return _page()


@blueprint.route("/account/sessions/end", methods=["POST"])
@login_required
def end() -> ResponseReturnValue:
    form = EndSessionForm()
    if not form.validate_on_submit():
        flash(_("Cette session n'existe pas ou n'est plus active."), "error")
        return _page(400)
    key = form.session_id.data or ""
    if key == current_key():
        return redirect(url_for("accounts.logout"))
    if not end_session(int(current_user.id), key, by=current_user):
        flash(_("Cette session n'existe pas ou n'est plus active."), "error")
        return _page(404)
    flash(_("La session a été fermée."), "success")
    return redirect(url_for("sessions.index"))


@blueprint.route("/account/sessions/end-others", methods=["POST"])
@login_required
def end_others() -> ResponseReturnValue:
    form = EndOthersForm()
    if not form.validate_on_submit():
        flash(_("La session du formulaire a expiré. Veuillez renvoyer le formulaire."), "error")
        return _page(400)
    count = end_sessions(int(current_user.id), keep=current_key(), by=current_user)
    flash(_("%(count)s autre(s) session(s) fermée(s).", count=count), "success")
    return redirect(url_for("sessions.index"))


# --- Audience-measurement consent ---------------------------------------------------


def analytics_enabled() -> bool:
    return bool(current_app.extensions["tremplin"].config.get("analytics", "enabled"))


def analytics_choice() -> str | None:
    """``"accept"``, ``"refuse"`` or ``None`` (not asked yet)."""
    value = request.cookies.get(CONSENT_COOKIE)
    return value if value in ("accept", "refuse") else None


def _safe_next(target: str | None) -> str:
    if target and re.fullmatch(r"/[A-Za-z0-9/_.~%?=&-]*", target) and not target.startswith("//"):
        return target
    return url_for("portal.home")


def _same_site_post() -> bool:
    """The consent form's CSRF check: the browser says the POST comes from here."""
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    host = request.host_url.rstrip("/")
    return origin == host or origin.startswith(host + "/")


@blueprint.route("/cookies", methods=["GET", "POST"])
@csrf.exempt
def cookies() -> ResponseReturnValue:
    if not analytics_enabled():
        abort(404)
    form = ConsentForm()
    if request.method == "POST":
        if not _same_site_post():
            abort(400)
        if not form.validate_on_submit():
            return render_template(
                "accounts/sessions_cookies.html", form=form, choice=analytics_choice()
            ), 400
        response = redirect(_safe_next(form.next.data))
        response.set_cookie(
            CONSENT_COOKIE,
            form.choice.data or "refuse",
            max_age=CONSENT_DAYS * 86400,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
        flash(_("Votre choix est enregistré."), "success")
        return response
    return render_template(
        "accounts/sessions_cookies.html", form=form, choice=analytics_choice()
    ), 200


def install_cookie_consent(app: Flask) -> None:
    """Templates get ``cookie_banner()``: whether to show the consent banner."""

    @app.context_processor
    def consent_context() -> dict[str, Any]:
        def cookie_banner() -> bool:
            return (
                analytics_enabled()
                and analytics_choice() is None
                and request.endpoint != "sessions.cookies"
            )

        return {"cookie_banner": cookie_banner, "consent_form": ConsentForm}
