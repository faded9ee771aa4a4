"""The dashboard page and its no-JavaScript arrangement form."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..plugins import flatten
from . import layout


def _arranged() -> layout.Arranged:
    from ..accounts.profile.services import loaded_profile_of

    pm = current_app.extensions["tremplin"].pm
    profile = loaded_profile_of(current_user)
    stage = profile.company.export_stage if profile and profile.company else None
    widgets: list[Any] = flatten(pm.hook.dashboard_widgets(user=current_user))
    return layout.arrange(widgets, layout.layout_of(current_user.id), stage)


def show(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    arranged = _arranged()
    page = render_template(
        "portal/dashboard.html",
        widgets=arranged.visible,
        hidden_widgets=arranged.hidden,
        layout_error=error,
    )
    return page, status


def change_layout() -> ResponseReturnValue:
    action = request.form.get("action", "")
    key = request.form.get("widget", "")
    try:
        layout.apply(current_user.id, _arranged(), action, key)
    except layout.LayoutError:
        db.session.rollback()
        return show(_("Cette action sur le tableau de bord n’existe pas. Rien n’a changé."), 400)
    db.session.commit()
    messages = {
        "up": _("Le bloc a été remonté."),
        "down": _("Le bloc a été descendu."),
        "hide": _("Le bloc a été masqué. Vous pouvez le réafficher en bas de page."),
        "show": _("Le bloc est de nouveau affiché."),
        "reset": _("Le tableau de bord a retrouvé sa disposition par défaut."),
    }
    flash(messages[action], "success")
    anchor = f"widget-{key}" if action in ("up", "down", "show") else "dashboard-layout"
    return redirect(url_for("portal.dashboard") + "#" + anchor)
