"""Portal answering page: ``/<lang>/surveys/r/<token>`` (a personal single-use link)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale

from .answering import (
    conditions,
    find_invitation,
    profile_of,
    profile_questions,
    read_submission,
    submit,
)
from .forms import ActionForm
from .services import is_open

blueprint = Blueprint(
    "surveys",
    __name__,
    url_prefix="/surveys",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)
MAX_TOKEN = 64


@blueprint.route("/r/<token>", methods=["GET", "POST"])
def answer(token: str) -> Any:
    found = find_invitation(token) if len(token) <= MAX_TOKEN else None
    if found is None:
        abort(404)
    invitation, survey = found
    lang = str(get_locale() or "fr")
    if invitation.used_at is not None:
        return render_template("surveys/done.html", survey=survey, lang=lang, already=True), 410
    if not is_open(survey):
        return render_template("surveys/done.html", survey=survey, lang=lang, closed=True), 410
    profile = profile_of(invitation.user_id)
    form = ActionForm()
    submission = None
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        submission = read_submission(survey, profile, request.form)
        if submission.ok:
            if not submit(invitation, survey, submission, lang):
                return render_template(
                    "surveys/done.html", survey=survey, lang=lang, already=True
                ), 410
            return render_template("surveys/done.html", survey=survey, lang=lang, already=False)
    questions = profile_questions(survey, profile)
    return render_template(
        "surveys/answer.html",
        survey=survey,
        questions=questions,
        form=form,
        lang=lang,
        submission=submission,
        conditions=conditions(survey, lang),
        posted=request.form if request.method == "POST" else {},
    ), (400 if submission is not None else 200)
