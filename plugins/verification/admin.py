"""The moderators' queue in the back office: companies awaiting review, the review
page (documents, findings, decision) behind a fresh second factor, and the admins'
"recommandé par l'OIF" mark."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_login import current_user

from tremplin.core import api
from tremplin.core.api import db

from . import findings as labels
from .access import mfa_max_age
from .decisions import DecisionError, decide, history, set_recommended
from .forms import DecisionForm, RecommendForm
from .models import Case
from .review import document_views, queue
from .services import ACTION_LABELS, DOC_LABELS, STATE_LABELS, effective_state


def fresh_mfa(view: Any) -> Any:
    """Documents are shown only after a second factor proved in the last minutes."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return api.require_mfa(view, max_age=mfa_max_age())(*args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    return case


class QueueView(BaseView):
    """Companies awaiting review, riskiest first, and each one's review page."""

    route_base = "/verification"
    default_view = "queue"

    @expose("/")
    @has_access
    def queue(self) -> Any:
        return self.render_template(
            "verification/queue.html", rows=queue(), labels=labels, state_labels=STATE_LABELS
        )

    @expose("/<int:case_id>")
    @has_access
    @fresh_mfa
    def review(self, case_id: int) -> Any:
        return self._page(_case(case_id), DecisionForm(), RecommendForm())

    def _page(self, case: Case, form: DecisionForm, mark: RecommendForm, code: int = 200) -> Any:
        company = api.company(case.company_id)
        return self.render_template(
            "verification/review.html",
            case=case,
            company=company,
            state=effective_state(case),
            state_labels=STATE_LABELS,
            action_labels=ACTION_LABELS,
            doc_labels=DOC_LABELS,
            documents=document_views(case),
            history=history(case),
            labels=labels,
            form=form,
            mark=mark,
            may_recommend=api.can("can_mark", "RecommendView"),
            rejected_by_me=case.appeal and case.rejected_by == current_user.id,
        ), code

    @expose("/<int:case_id>/decision", methods=["POST"])
    @has_access
    @fresh_mfa
    def decision(self, case_id: int) -> Any:
        case = _case(case_id)
        form = DecisionForm()
        if not form.validate_on_submit():
            return self._page(case, form, RecommendForm(), 400)
        try:
            decide(case, current_user.id, form.action.data or "", form.reason.data or "")
        except DecisionError as exc:
            db.session.rollback()
            form.reason.errors = [exc.message]
            return self._page(_case(case_id), form, RecommendForm(), 400)
        flash(_("Décision enregistrée et notifiée à l’entreprise."), "success")
        return redirect(url_for("QueueView.queue"))


class RecommendView(BaseView):
    """Admins only: mark or unmark a verified company "recommandé par l'OIF"."""

    route_base = "/verification-mark"
    default_view = "mark"

    @expose("/<int:case_id>/<int:value>", methods=["POST"])
    @has_access
    @fresh_mfa
    def mark(self, case_id: int, value: int) -> Any:
        case = _case(case_id)
        form = RecommendForm()
        error = None
        if not form.validate_on_submit():
            error = _("Indiquez le motif de la décision : il est obligatoire.")
        else:
            try:
                set_recommended(case, current_user.id, bool(value), form.reason.data or "")
            except DecisionError as exc:
                db.session.rollback()
                error = exc.message
        if error:
            flash(error, "danger")
        else:
            flash(_("Mention « Recommandé par l’OIF » mise à jour."), "success")
        return redirect(url_for("QueueView.review", case_id=case_id))
