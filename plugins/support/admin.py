"""Back office: the support agents' queue (assignment, statuses, internal notes,
canned answers, SLA), canned answers and knowledge-base articles."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms.validators import Length, Regexp

from tremplin.core.api import db, storage

from . import services
from .contextual import forget
from .forms import CATEGORY_LABELS, STATUS_LABELS, AgentReplyForm
from .knowledge import reindex
from .models import CannedAnswer, HelpArticle, Ticket, utcnow


class SupportQueueView(BaseView):
    """The agents' queue and each ticket's page."""

    route_base = "/support-queue"
    default_view = "queue"

    @expose("/")
    @has_access
    def queue(self) -> Any:
        status = request.args.get("status", "")
        category = request.args.get("category", "")
        mine = request.args.get("mine") == "1"
        overdue = request.args.get("overdue") == "1"
        tickets = services.queue(
            status=status if status in STATUS_LABELS or status == "open_all" else "",
            category=category if category in CATEGORY_LABELS else "",
            assignee_id=current_user.id if mine else None,
            overdue=overdue,
        )
        return self.render_template(
            "support/admin_queue.html",
            tickets=tickets,
            now=utcnow(),
            status=status,
            category=category,
            mine=mine,
            overdue=overdue,
            categories=CATEGORY_LABELS,
            statuses=STATUS_LABELS,
        )

    def _ticket(self, ticket_id: int) -> Ticket:
        found = db.session.get(Ticket, ticket_id)
        if found is None:
            abort(404)
        return found

    def _form(self, ticket: Ticket) -> AgentReplyForm:
        form = AgentReplyForm()
        canned = db.session.scalars(select(CannedAnswer).order_by(CannedAnswer.title)).all()
        form.canned.choices = [("", "—")] + [(str(c.id), c.title) for c in canned]
        if request.method == "GET":
            form.status.data = ticket.status
        return form

    @expose("/<int:ticket_id>", methods=["GET", "POST"])
    @has_access
    def ticket(self, ticket_id: int) -> Any:
        ticket = self._ticket(ticket_id)
        form = self._form(ticket)
        if request.method == "POST" and form.validate_on_submit():
            body = form.body.data or ""
            if not body.strip() and form.canned.data:
                answer = db.session.get(CannedAnswer, int(form.canned.data))
                body = answer.body(ticket.language) if answer else ""
            if request.form.get("assign") == "me":
                ticket.assignee_id = current_user.id
            services.agent_reply(
                ticket,
                current_user.id,
                body,
                internal=form.internal.data == "1",
                status=form.status.data,
            )
            db.session.commit()
            flash(_("Demande n° %(id)d mise à jour.", id=ticket.id), "success")
            return redirect(self.get_redirect_url("ticket", ticket_id=ticket.id))
        files = {
            m.attachment_key: storage.get(m.attachment_key)
            for m in ticket.messages
            if m.attachment_key
        }
        page = self.render_template(
            "support/admin_ticket.html",
            ticket=ticket,
            form=form,
            now=utcnow(),
            files={k: storage.url_for_file(f) for k, f in files.items() if f is not None},
            categories=CATEGORY_LABELS,
            statuses=STATUS_LABELS,
        )
        return page, 400 if request.method == "POST" else 200

    def get_redirect_url(self, endpoint: str, **values: Any) -> str:
        from flask import url_for

        return url_for(f"{self.endpoint}.{endpoint}", **values)


class CannedAnswerView(ModelView):
    datamodel = SQLAInterface(CannedAnswer)
    list_title = _l("Réponses types")
    list_columns = ["title"]
    add_columns = edit_columns = show_columns = ["title", "body_fr", "body_en"]
    label_columns = {
        "title": _l("Titre"),
        "body_fr": _l("Texte (français)"),
        "body_en": _l("Texte (anglais)"),
    }


class HelpArticleView(ModelView):
    datamodel = SQLAInterface(HelpArticle)
    list_title = _l("Aide en ligne (FAQ et guides)")
    list_columns = ["slug", "title_fr", "title_en", "category", "published", "updated_at"]
    add_columns = edit_columns = [
        "slug",
        "category",
        "title_fr",
        "title_en",
        "body_fr",
        "body_en",
        "published",
    ]
    show_columns = edit_columns + ["updated_at"]
    label_columns = {
        "slug": _l("Adresse (slug)"),
        "category": _l("Rubrique"),
        "title_fr": _l("Titre (français)"),
        "title_en": _l("Titre (anglais)"),
        "body_fr": _l("Texte (français)"),
        "body_en": _l("Texte (anglais)"),
        "published": _l("Publié"),
        "updated_at": _l("Mise à jour"),
    }
    description_columns = {
        "body_fr": _l(
            "Texte simple : une ligne vide sépare les paragraphes, « - » fait une liste."
        ),
        "category": _l("account, verification, technical, content, accessibility ou other."),
    }
    validators_columns = {
        "slug": [
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message=_l("Lettres minuscules, chiffres et tirets, p. ex. premiers-pas."),
            ),
            Length(max=80),
        ],
        "category": [
            Regexp(
                r"^(account|verification|technical|content|accessibility|other)$",
                message=_l("Choisissez une rubrique de la liste."),
            )
        ],
    }

    def pre_update(self, item: HelpArticle) -> None:
        from sqlalchemy import inspect

        history: Any = inspect(item).attrs.slug.history
        self._old_slug = history.deleted[0] if history.deleted else None

    def post_add(self, item: HelpArticle) -> None:
        reindex(item)
        forget()

    def post_update(self, item: HelpArticle) -> None:
        reindex(item, getattr(self, "_old_slug", None))
        forget()

    def post_delete(self, item: HelpArticle) -> None:
        item.published = False
        reindex(item)
        forget()
