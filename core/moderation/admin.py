"""The back office's moderation queue (Admin and Moderator): the reports, the
reported object as its plugin shows it (second factor required), the actions, and
the sanctions in force (a moderator lifts a suspension early; only an administrator
lifts a ban)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ..extensions import db
from ..members.services import display_names
from . import sanctions, services
from .forms import BanForm, LiftForm, SuspendForm
from .models import Report, Sanction

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
        return self._report_page(item)

    def _report_page(self, item: Report, forms: dict[str, Any] | None = None) -> Any:
        forms = forms or {}
        target = services.target_of(item)
        suspend = forms.get("suspend") or SuspendForm(prefix="suspend", reason=item.reason)
        ban = forms.get("ban") or BanForm(prefix="ban", reason=item.reason)
        return self.render_template(
            "moderation/report.html",
            report=item,
            target=target,
            target_html=services.render_target(target),
            others=services.reports_on(item.kind, [item.object_id]),
            reasons=services.REASONS,
            actions=[a for a in services.ACTIONS if a not in services.SANCTIONS],
            suspend_form=suspend,
            ban_form=ban,
            in_force=sanctions.in_force(item.author_id) if item.author_id else [],
        )

    @expose("/<int:report_id>/action", methods=["POST"])
    @has_access
    def act(self, report_id: int) -> Any:
        item = db.session.get(Report, report_id) or abort(404)
        refusal = _second_factor_missing()
        if refusal is not None:
            return refusal
        action = request.form.get("action", "")
        options: dict[str, Any] = {}
        if action in services.SANCTIONS:
            form = _sanction_form(action)
            if not form.validate_on_submit():
                flash(_("La sanction n’est pas appliquée : corrigez le formulaire."), "danger")
                return self._report_page(item, {action: form}), 400
            options = _sanction_options(form)
        try:
            services.apply(item, action, getattr(current_user, "id", None), **options)
        except services.ModerationError:
            db.session.rollback()
            flash(_("Cette action n’a pas pu être appliquée."), "danger")
        else:
            flash(_("Action enregistrée."), "success")
        return redirect(url_for("ModerationQueueView.show", report_id=report_id))

    @expose("/sanctions/")
    @has_access
    def sanctions(self) -> Any:
        rows = sanctions.current()
        return self.render_template(
            "moderation/sanctions.html",
            rows=rows,
            names=display_names([r.user_id for r in rows]),
            reasons=services.REASONS,
            lift_form=LiftForm(),
            admin="Admin" in {r.name for r in getattr(current_user, "roles", ())},
        )

    @expose("/sanctions/<int:sanction_id>/lift", methods=["POST"])
    @has_access
    def lift(self, sanction_id: int) -> Response:
        row = db.session.get(Sanction, sanction_id) or abort(404)
        admin = "Admin" in {r.name for r in getattr(current_user, "roles", ())}
        if not LiftForm().validate_on_submit() or (row.kind == "ban" and not admin):
            abort(403 if row.kind == "ban" and not admin else 400)
        sanctions.lift(row, getattr(current_user, "id", None))
        flash(_("Sanction levée : le compte est rouvert."), "success")
        return redirect(url_for("ModerationQueueView.sanctions"))


def _sanction_form(action: str) -> SuspendForm | BanForm:
    return SuspendForm(prefix="suspend") if action == "suspend" else BanForm(prefix="ban")


def _sanction_options(form: SuspendForm | BanForm) -> dict[str, Any]:
    options: dict[str, Any] = {"reason": form.reason.data, "note": form.note.data or ""}
    if isinstance(form, SuspendForm):
        until = form.until.data if form.days() is None else None
        options["ends_at"] = sanctions.end_of(form.days(), until)
    return options


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
