"""Company profile pages: view, create (my company), edit, representatives."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from tremplin.core import api
from tremplin.core.api import can, db, guarded

from . import profiles, representatives, suggestions
from .access import COMPANY, load_company
from .forms import (
    REVENUE_LABELS,
    SIZE_LABELS,
    STAGE_LABELS,
    CompanyForm,
    ConfirmForm,
    InviteForm,
)
from .indexing import reindex_company
from .media import PLAYERS, file_url, provider
from .views import blueprint
from .visibility import COMPANY_FIELDS, viewer_level, visible_fields

SUGGESTIONS = 5


def _member() -> api.Member:
    member = api.current_member()
    if member is None:
        abort(404)
    return member


def _missions(company_id: int) -> list[Any]:
    from flask import current_app

    hook = current_app.extensions["tremplin"].pm.hook.company_missions
    return [m for answer in hook(company_id=company_id) for m in (answer or ())]


def _labels() -> dict[str, Any]:
    return {"sizes": SIZE_LABELS, "revenues": REVENUE_LABELS, "stages": STAGE_LABELS}


@blueprint.get("/companies/<int:company_id>")
@guarded("read", COMPANY, load=load_company)
def company(company_id: int) -> str:
    data = load_company(company_id)
    member = api.current_member()
    if data is None or not can("read", COMPANY, data):
        abort(404)
    viewer = viewer_level(member, company_id)
    shown = visible_fields(data.profile.visibility if data.profile else {}, COMPANY_FIELDS, viewer)
    editable = can("edit", COMPANY, data)
    body: str = render_template(
        "directory/company.html",
        data=data,
        shown=shown,
        editable=editable,
        reportable=can("report", COMPANY, data),
        completion=profiles.completion(data) if editable else None,
        logo=file_url(data.profile.logo_key if data.profile else None),
        media_urls={m.id: file_url(m.file_key) for m in data.media if m.file_key},
        provider=provider,
        representatives=representatives.representatives(company_id)
        if "representatives" in shown
        else [],
        missions=_missions(company_id),
        suggestions=suggestions.suggestions_for(company_id, SUGGESTIONS, member),
        lang=str(get_locale() or "fr"),
        **_labels(),
    )
    if any(m.kind == "video" for m in data.media) and "media" in shown:
        api.allow_frames(*PLAYERS)  # the script inserts a player only after a click
    return body


def _form_for(data: profiles.CompanyData | None) -> CompanyForm:
    """The edit form, filled from the stored company on GET."""
    if request.method == "POST" or data is None:
        return CompanyForm()
    c, p = data.company, data.profile
    vis = dict(COMPANY_FIELDS) | dict(p.visibility if p else {})
    values: dict[str, Any] = {name: getattr(c, name) for name in profiles.COMPANY_FIELDS}
    for name in profiles.PROFILE_FIELDS:
        values[name] = data.text(name) if name not in ("visibility", "free_tags") else None
    values["free_tags"] = ", ".join(data.text("free_tags"))
    values.update({f"vis_{name}": level for name, level in vis.items()})
    return CompanyForm(data=values)


@blueprint.route("/my-company", methods=["GET", "POST"])
@login_required
def my_company() -> Response | tuple[str, int] | str:
    """The member's company page, or the form to create it when they have none."""
    member = _member()
    if member.company is not None:
        profiles.ensure_profile(member.company.id)
        db.session.commit()
        return redirect(url_for("directory.edit_company", company_id=member.company.id))
    if member.is_staff:
        abort(404)
    form = _form_for(None)
    if form.validate_on_submit():
        company_id = profiles.create_own_company(member, form.values())
        reindex_company(company_id)
        db.session.commit()
        flash(_("Votre fiche entreprise est créée."), "success")
        return redirect(url_for("directory.company", company_id=company_id))
    status = 400 if request.method == "POST" else 200
    return render_template("directory/company_form.html", form=form, data=None), status


@blueprint.route("/companies/<int:company_id>/edit", methods=["GET", "POST"])
@guarded("edit", COMPANY, load=load_company)
def edit_company(company_id: int) -> Response | tuple[str, int] | str:
    data = load_company(company_id)
    if data is None or not can("edit", COMPANY, data):
        abort(404)
    form = _form_for(data)
    if form.validate_on_submit():
        profiles.save_company(company_id, form.values())
        reindex_company(company_id)
        db.session.commit()
        flash(_("Fiche enregistrée."), "success")
        return redirect(url_for("directory.company", company_id=company_id))
    status = 400 if request.method == "POST" else 200
    completion = profiles.completion(data)
    return render_template(
        "directory/company_form.html", form=form, data=data, completion=completion
    ), status


@blueprint.route("/companies/<int:company_id>/representatives", methods=["GET", "POST"])
@guarded("manage", COMPANY, load=load_company)
def company_representatives(company_id: int) -> Response | tuple[str, int] | str:
    data = load_company(company_id)
    if data is None or not can("manage", COMPANY, data):
        abort(404)
    form = InviteForm()
    status = 200
    if form.validate_on_submit():
        try:
            representatives.invite(company_id, form.email.data or "", _member())
        except representatives.RepresentativeError as exc:
            flash(str(exc.message), "error")
        else:
            db.session.commit()
            flash(
                _("Si un membre sans entreprise a cette adresse, il a reçu l'invitation."),
                "success",
            )
            return redirect(request.path)
    elif request.method == "POST":
        status = 400
    return render_template(
        "directory/representatives.html",
        data=data,
        form=form,
        confirm=ConfirmForm(),
        owner_id=profiles.owner_id_of(company_id),
        people=representatives.representatives(company_id),
        pending=representatives.pending_of(company_id),
    ), status


@blueprint.post("/companies/<int:company_id>/representatives/<int:user_id>/remove")
@guarded("manage", COMPANY, load=load_company)
def remove_representative(company_id: int, user_id: int) -> Response:
    data = load_company(company_id)
    if data is None or not can("manage", COMPANY, data):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        representatives.remove(company_id, user_id)
    except representatives.RepresentativeError as exc:
        flash(str(exc.message), "error")
    else:
        db.session.commit()
        flash(_("Représentant retiré."), "success")
    return redirect(url_for("directory.company_representatives", company_id=company_id))


@blueprint.get("/invitations")
@login_required
def invitations() -> str:
    member = _member()
    return render_template(
        "directory/invitations.html",
        pending=representatives.pending_for(member.id),
        confirm=ConfirmForm(),
    )


@blueprint.post("/invitations/<int:invitation_id>/<any(accept, decline):choice>")
@login_required
def answer_invitation(invitation_id: int, choice: str) -> Response:
    member = _member()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        company_id = representatives.answer(invitation_id, member, choice == "accept")
    except LookupError:
        abort(404)
    except representatives.RepresentativeError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("directory.invitations"))
    db.session.commit()
    if company_id is not None:
        reindex_company(company_id)
        db.session.commit()
        flash(_("Vous représentez maintenant cette entreprise."), "success")
        return redirect(url_for("directory.company", company_id=company_id))
    flash(_("Invitation déclinée."), "success")
    return redirect(url_for("directory.invitations"))
