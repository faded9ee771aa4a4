"""Portal pages ``/<lang>/assessment/``: taking the questionnaire, the report, history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tremplin.core.api import db, require

from . import services
from .definition import text
from .forms import displayed, field_name, read_step
from .models import COMPLETED, Attempt, Sharing
from .report import build

blueprint = Blueprint(
    "assessment",
    __name__,
    url_prefix="/assessment",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)
assets = Blueprint(
    "assessment_assets",
    __name__,
    url_prefix="/assessment-assets",
    static_folder=str(Path(__file__).resolve().parent / "static"),
)
RESOURCE = "AssessmentAttempt"


@blueprint.context_processor
def _helpers() -> dict[str, Any]:
    lang = _lang()
    return {"tr": lambda value: text(value, lang), "radar": _radar, "history_chart": _history}


def _radar(report: Any) -> Any:
    from .charts import radar_svg

    described = "; ".join(
        f"{n}. {r.title} : {'—' if r.score is None else r.score}"
        for n, r in enumerate(report.dimensions, 1)
    )
    peers = [r.peer for r in report.dimensions] if report.peers else None
    return radar_svg(
        [r.score for r in report.dimensions],
        _("Graphique radar de vos scores par thème"),
        described,
        peers,
    )


def _history(results: list[Attempt]) -> Any:
    from flask_babel import format_date

    from .charts import history_svg

    points = [(format_date(a.completed_at, "short"), float(a.overall or 0)) for a in results]
    return history_svg(
        points, _("Score global de chaque diagnostic, du plus ancien au plus récent")
    )


def _lang() -> str:
    return str(get_locale() or "fr")


def load_attempt(attempt_id: int, **_: Any) -> Attempt | None:
    return db.session.get(Attempt, attempt_id)


@blueprint.get("/")
@login_required
def index() -> str:
    questionnaire = services.published()
    return render_template(
        "assessment/index.html",
        questionnaire=questionnaire,
        definition=questionnaire.parsed() if questionnaire else None,
        current=services.in_progress(current_user.id),
        results=services.completed(current_user.id),
        sharing=db.session.get(Sharing, current_user.id),
        lang=_lang(),
    )


@blueprint.post("/start")
@login_required
def start() -> Response:
    attempt = services.start(current_user.id)
    if attempt is None:
        flash(_("Aucun questionnaire n’est publié pour le moment."), "error")
        return redirect(url_for(".index"))
    db.session.commit()
    return redirect(url_for(".step", attempt_id=attempt.id, number=attempt.step + 1))


@blueprint.route("/attempts/<int:attempt_id>/steps/<int:number>", methods=["GET", "POST"])
@login_required
@require("read", RESOURCE, load=load_attempt)
def step(attempt_id: int, number: int) -> Any:
    attempt = load_attempt(attempt_id)
    assert attempt is not None
    if attempt.status == COMPLETED:
        return redirect(url_for(".result", attempt_id=attempt.id))
    definition = attempt.questionnaire.parsed()
    count = len(definition.dimensions)
    if not 1 <= number <= count:
        abort(404)
    dimension = definition.dimensions[number - 1]
    if request.method == "GET":
        return _render_step(attempt, definition, number, None, {})
    answers, errors, missing = read_step(dimension, request.form)
    action = request.form.get("action", "next")
    services.save_answers(attempt, answers, number - 1)
    db.session.commit()
    blocking = errors if action in ("previous", "save_exit") else {**missing, **errors}
    if blocking:
        return _render_step(attempt, definition, number, request.form, blocking), 400
    if action == "previous":
        return redirect(url_for(".step", attempt_id=attempt.id, number=max(1, number - 1)))
    if action == "save_exit":
        flash(
            _(
                "Vos réponses sont enregistrées : reprenez quand vous voulez, "
                "sur n’importe quel appareil."
            ),
            "success",
        )
        return redirect(url_for(".index"))
    if number < count:
        services.save_answers(attempt, {}, number)
        db.session.commit()
        return redirect(url_for(".step", attempt_id=attempt.id, number=number + 1))
    return _finish(attempt)


def _finish(attempt: Attempt) -> Response:
    gap = services.first_incomplete_step(attempt)
    if gap is not None:
        flash(_("Il reste des questions obligatoires sans réponse à cette étape."), "error")
        return redirect(url_for(".step", attempt_id=attempt.id, number=gap + 1))
    services.complete(attempt)
    db.session.commit()
    return redirect(url_for(".result", attempt_id=attempt.id))


def _render_step(
    attempt: Attempt, definition: Any, number: int, raw: Any, errors: dict[str, str]
) -> str:
    dimension = definition.dimensions[number - 1]
    values = {q.key: displayed(attempt.answers, q, raw) for q in dimension.questions}
    return render_template(
        "assessment/step.html",
        attempt=attempt,
        definition=definition,
        dimension=dimension,
        number=number,
        count=len(definition.dimensions),
        values=values,
        errors=errors,
        field_name=field_name,
        lang=_lang(),
    )


def _completed(attempt_id: int) -> Attempt:
    attempt = load_attempt(attempt_id)
    if attempt is None or attempt.status != COMPLETED:
        abort(404)
    return attempt


@blueprint.get("/results/<int:attempt_id>")
@login_required
@require("read", RESOURCE, load=load_attempt)
def result(attempt_id: int) -> str:
    report = build(_completed(attempt_id), _lang())
    return render_template("assessment/report.html", report=report, lang=_lang())


@blueprint.get("/results/<int:attempt_id>/rapport.docx")
@login_required
@require("read", RESOURCE, load=load_attempt)
def result_docx(attempt_id: int) -> Response:
    from .word import report_docx

    attempt = _completed(attempt_id)
    name = f"{current_user.first_name} {current_user.last_name}".strip()
    data = report_docx(build(attempt, _lang()), name)
    filename = (
        f"diagnostic-export-{attempt.id}.docx"
        if _lang() == "fr"
        else f"export-assessment-{attempt.id}.docx"
    )
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.get("/history")
@login_required
def history() -> str:
    results = services.completed(current_user.id)
    return render_template(
        "assessment/history.html", results=results, rows=_history_rows(results), lang=_lang()
    )


def _history_rows(results: list[Attempt]) -> list[tuple[str, str]]:
    """(dimension key, title) over every version the member answered, newest title."""
    seen: dict[str, str] = {}
    for attempt in results:
        for dimension in attempt.questionnaire.parsed().dimensions:
            seen[dimension.key] = text(dimension.title, _lang())
    return list(seen.items())


@blueprint.get("/compare")
@login_required
def compare() -> Any:
    from .scoring import compare as compare_scores

    mine = {a.id: a for a in services.completed(current_user.id)}
    try:
        first, second = (mine[int(request.args.get(k, ""))] for k in ("a", "b"))
    except (KeyError, ValueError):
        flash(_("Choisissez deux de vos résultats à comparer."), "error")
        return redirect(url_for(".history")), 303
    titles = dict(_history_rows([first, second]))
    rows = compare_scores(first.scores, second.scores)
    return render_template(
        "assessment/compare.html",
        first=first,
        second=second,
        rows=rows,
        titles=titles,
        lang=_lang(),
    )


@blueprint.post("/sharing")
@login_required
def sharing() -> Response:
    choice = request.form.get("show_level")
    if choice not in ("yes", "no"):
        abort(400)
    row = db.session.get(Sharing, current_user.id) or Sharing(user_id=current_user.id)
    row.show_level = choice == "yes"
    db.session.add(row)
    db.session.commit()
    flash(_("Votre choix est enregistré."), "success")
    return redirect(url_for(".index"))
