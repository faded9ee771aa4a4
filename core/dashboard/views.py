"""The dashboard page and its no-JavaScript arrangement form."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..extensions import db
from ..plugins import flatten
from . import cache, layout


def _widgets() -> list[Any]:
    pm = current_app.extensions["tremplin"].pm
    return flatten(pm.hook.dashboard_widgets(user=current_user))


def _stage() -> str | None:
    from ..accounts.profile.services import loaded_profile_of

    profile = loaded_profile_of(current_user)
    return profile.company.export_stage if profile and profile.company else None


def _arranged() -> layout.Arranged:
    return layout.arrange(_widgets(), layout.layout_of(current_user.id), _stage())


def _render(widgets: list[Any]) -> dict[str, str]:
    """Each widget's template, with the page's context computed once."""
    context: dict[str, Any] = {}
    current_app.update_template_context(context)
    html: dict[str, str] = {}
    for widget in widgets:
        template = current_app.jinja_env.get_template(widget.template)
        html[widget.key] = Markup(template.render({**context, "widget": widget}))
    return html


def _build() -> cache.Cards:
    arranged = _arranged()
    return cache.Cards(arranged.visible, arranged.hidden, _render(arranged.visible))


def show(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    cards = cache.cards(current_user.id, _build)
    page = render_template(
        "portal/dashboard.html",
        widgets=cards.visible,
        hidden_widgets=cards.hidden,
        cards_html=cards.html,
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
