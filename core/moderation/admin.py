"""The back office's moderation queue (Admin and Moderator): the reports, the
reported object as its plugin shows it (second factor required), and the actions."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ..extensions import db
from . import services
from .models import Report

STATES = ("open", "hidden", "restored", "dismissed", "all")


class ModerationQueueView(BaseView):
    """``/admin/moderation/``: reports by state; one report with its object."""

    route_base = "/moderation"
    default_view = "queue"

    @expose("/")
    @has_access
    def queue(self) -> Any:
        state = request.args.get("state", "open")
        if state not in STATES:
            state = "open"
        return self.render_template(
            "moderation/queue.html",
            reports=services.queue(state),
            state=state,
            states=STATES,
            reasons=services.REASONS,
        )

    @expose("/<int:report_id>")
    @has_access
    def show(self, report_id: int) -> Any:
        item = db.session.get(Report, report_id) or abort(404)
        refusal = _second_factor_missing()
        if refusal is not None:
            return refusal
        services.audit.record(
            "moderation_read",
            item.author_id,
            report=item.id,
            kind=item.kind,
            object_id=item.object_id,
        )
        target = services.target_of(item)
        return self.render_template(
            "moderation/report.html",
            report=item,
            target=target,
            target_html=services.render_target(target),
            others=services.reports_on(item.kind, [item.object_id]),
            reasons=services.REASONS,
            actions=services.ACTIONS,
        )

    @expose("/<int:report_id>/action", methods=["POST"])
    @has_access
    def act(self, report_id: int) -> Response:
        item = db.session.get(Report, report_id) or abort(404)
        refusal = _second_factor_missing()
        if refusal is not None:
            return refusal
        action = request.form.get("action", "")
        try:
            services.apply(item, action, getattr(current_user, "id", None))
        except services.ModerationError:
            db.session.rollback()
            flash(_("Cette action n’a pas pu être appliquée."), "danger")
        else:
            flash(_("Action enregistrée."), "success")
        return redirect(url_for("ModerationQueueView.show", report_id=report_id))


def _second_factor_missing() -> Response | None:
    """Reading a reported object needs a second factor proven in this session."""
    from ..accounts.mfa.services import mfa_enabled, mfa_satisfied

    if mfa_satisfied(current_user):
        return None
    target = request.full_path.rstrip("?") if request.method == "GET" else request.referrer
    if not mfa_enabled(current_user):
        flash(_("Cette page demande la vérification en deux étapes : activez-la d’abord."), "info")
        return redirect(url_for("accounts.mfa_setup", next=target))
    return redirect(url_for("accounts.mfa_verify", next=target))
