"""Portal pages of custom-study requests: ``/<lang>/resources/studies/...``."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tremplin.core.api import db

from . import studies
from .forms import StudyRequestForm
from .views import blueprint


@blueprint.route("/studies/request", methods=["GET", "POST"])
@login_required
def request_study() -> str | Response | tuple[str, int]:
    form = StudyRequestForm()
    if form.validate_on_submit():
        studies.submit(
            int(current_user.id),
            form.sector.data or "",
            form.markets.data or "",
            form.questions.data or "",
            form.deadline.data,
        )
        db.session.commit()
        flash(_("Votre demande d'étude est envoyée. Vous serez averti de chaque étape."), "success")
        return redirect(url_for("resources.my_requests"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("resources/study_request.html", form=form), status


@blueprint.get("/studies/requests")
@login_required
def my_requests() -> str:
    return render_template(
        "resources/study_requests.html", requests=studies.requests_of(int(current_user.id))
    )
