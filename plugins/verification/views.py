"""Portal pages of a company's verification: ``/<lang>/verification/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from tremplin.core import api
from tremplin.core.api import db

from . import findings as labels
from .decisions import history
from .forms import AppealForm, UploadForm
from .services import (
    ACTION_LABELS,
    DOC_LABELS,
    STATE_LABELS,
    UploadError,
    add_document,
    appeal,
    case_of,
    document_url,
    effective_state,
    required_types,
)

blueprint = Blueprint(
    "verification",
    __name__,
    url_prefix="/verification",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)


def _company_member() -> Any:
    member = api.current_member()
    if member is None or member.company is None:
        abort(404)
    return member


@blueprint.get("/")
@login_required
def status() -> Any:
    member = api.current_member()
    if member is None or member.company is None:
        return render_template("verification/no_company.html"), 200
    return _render(member, UploadForm(), AppealForm())


def _render(member: Any, form: UploadForm, appeal_form: AppealForm, code: int = 200) -> Any:
    case = case_of(member.company.id)
    documents = case.current_documents() if case else []
    by_type = {d.doc_type: d for d in documents}
    return render_template(
        "verification/status.html",
        company=member.company,
        case=case,
        state=effective_state(case),
        state_labels=STATE_LABELS,
        action_labels=ACTION_LABELS,
        doc_labels=DOC_LABELS,
        required=required_types(),
        by_type=by_type,
        extra=[d for d in documents if d.doc_type not in required_types()],
        form=form,
        appeal_form=appeal_form,
        history=history(case) if case else [],
        labels=labels,
        document_url=document_url,
    ), code


@blueprint.post("/documents")
@login_required
def upload() -> Any:
    member = _company_member()
    form = UploadForm()
    if not form.validate_on_submit():
        return _render(member, form, AppealForm(), 400)
    upload = request.files.get(form.file.name)
    try:
        if upload is None or not upload.filename:
            raise UploadError(_("Choisissez un fichier."))
        add_document(
            member,
            member.company.id,
            form.doc_type.data or "",
            upload.stream,
            upload.filename,
            form.issued_on.data and _midnight(form.issued_on.data),
        )
    except UploadError as exc:
        db.session.rollback()
        form.file.errors = [exc.message]
        return _render(member, form, AppealForm(), 400)
    db.session.commit()
    flash(_("Document reçu : les vérifications automatiques sont lancées."), "success")
    return redirect(url_for("verification.status"))


def _midnight(day: Any) -> Any:
    from datetime import datetime

    return datetime(day.year, day.month, day.day)  # noqa: DTZ001 (dates are naive UTC)


@blueprint.post("/appeal")
@login_required
def submit_appeal() -> Any:
    member = _company_member()
    form = AppealForm()
    case = case_of(member.company.id)
    if case is None:
        abort(404)
    if not form.validate_on_submit():
        return _render(member, UploadForm(), form, 400)
    try:
        appeal(case, member, form.text.data or "")
    except UploadError as exc:
        form.text.errors = [exc.message]
        return _render(member, UploadForm(), form, 400)
    db.session.commit()
    flash(_("Appel envoyé : un autre modérateur réexaminera votre dossier."), "success")
    return redirect(url_for("verification.status"))
