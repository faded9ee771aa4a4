"""Reporting a company or an expert profile to the moderation (signed-in members,
not the profile's owners; rate-limited)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from tremplin.core import api
from tremplin.core.api import can, db, guarded

from . import moderating
from .access import COMPANY, EXPERT, load_company, load_expert
from .forms import ReportForm
from .views import blueprint


def _refuse_own(member: Any, owned: bool, back: str) -> Response | None:
    if member is None:
        abort(404)
    if owned:
        flash(_("Vous ne pouvez pas signaler votre propre profil."), "error")
        return redirect(back)
    return None


def _within_limit(member: Any) -> bool:
    limit = str(api.setting("directory", "report_rate"))
    return api.within_limit(limit, "directory-report", str(member.id))


def _report_page(form: ReportForm, name: str, back: str, action: str, status: int) -> Any:
    return render_template(
        "directory/report.html", form=form, name=name, back=back, action=action
    ), status


def _handle(form: ReportForm, member: Any, send: Any, back: str) -> Response | int:
    """Files the report when the form is valid (the redirect), else the status."""
    if not form.is_submitted():
        return 200
    if not form.validate():
        return 400
    if not _within_limit(member):
        flash(_("Trop de signalements en peu de temps : réessayez plus tard."), "error")
        return 429
    send(member, form.reason.data or "", form.comment.data or "")
    db.session.commit()
    flash(_("Merci : le signalement est transmis à la modération."), "success")
    return redirect(back)


def _report(readable: bool, owned: bool, name: str, back: str, action: str, send: Any) -> Any:
    """The report page of one profile: 404 when it cannot be read, refused on one's
    own profile, else the form (filed on a valid post)."""
    member = api.current_member()
    if not readable:
        abort(404)
    refusal = _refuse_own(member, member is not None and owned, back)
    if refusal is not None:
        return refusal
    form = ReportForm()
    outcome = _handle(form, member, send, back)
    if isinstance(outcome, Response):
        return outcome
    return _report_page(form, name, back, action, outcome)


@blueprint.route("/companies/<int:company_id>/report", methods=["GET", "POST"])
@login_required
@guarded("read", COMPANY, load=load_company)
def report_company(company_id: int) -> Any:
    data = load_company(company_id)
    member = api.current_member()
    return _report(
        data is not None and can("read", COMPANY, data),
        member is not None and member.company_id == company_id,
        data.company.name if data is not None else "",
        url_for("directory.company", company_id=company_id),
        url_for("directory.report_company", company_id=company_id),
        lambda m, r, c: moderating.report_company(company_id, m, r, c),
    )


@blueprint.route("/experts/<int:user_id>/report", methods=["GET", "POST"])
@login_required
@guarded("read", EXPERT, load=load_expert)
def report_expert(user_id: int) -> Any:
    data = load_expert(user_id)
    member = api.current_member()
    return _report(
        data is not None and can("read", EXPERT, data),
        member is not None and member.id == user_id,
        data.name if data is not None else "",
        url_for("directory.expert", user_id=user_id),
        url_for("directory.report_expert", user_id=user_id),
        lambda m, r, c: moderating.report_expert(user_id, m, r, c),
    )
