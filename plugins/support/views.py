"""Portal pages: the help centre, a member's requests and the accessibility channel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tremplin.core.api import db, search_audiences, search_query, storage

from . import services
from .forms import (
    CATEGORY_LABELS,
    STATUS_LABELS,
    AccessibilityForm,
    ReplyForm,
    SatisfactionForm,
    TicketForm,
)
from .knowledge import article_by_slug, article_html, published_articles
from .models import Ticket

blueprint = Blueprint(
    "support",
    __name__,
    url_prefix="/support",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)
ATTACHMENT = "support.attachment"


def _lang() -> str:
    return str(get_locale() or "fr")


def _labels() -> dict[str, Any]:
    return {"categories": CATEGORY_LABELS, "statuses": STATUS_LABELS}


@blueprint.get("/")
def index() -> str:
    query = request.args.get("q", "").strip()[:200]
    results = None
    if query:
        from tremplin.core.api import current_member

        results = search_query(
            query,
            types=["support_article"],
            audiences=search_audiences(current_member()),
            language=_lang(),
            per_page=20,
        ).results
    return render_template(
        "support/index.html",
        articles=published_articles(),
        query=query,
        results=results,
        lang=_lang(),
    )


@blueprint.get("/articles/<slug>")
def article(slug: str) -> str:
    found = article_by_slug(slug)
    if found is None:
        abort(404)
    lang = _lang()
    return render_template(
        "support/article.html",
        article=found,
        title=found.title(lang),
        body=article_html(found, lang),
    )


def _attachment(field: Any, owner: Any) -> tuple[str, str | None]:
    """The stored attachment's key, or an error message (nothing stored)."""
    upload = field.data
    if upload is None or not getattr(upload, "filename", ""):
        return "", None
    try:
        stored = storage.save(
            upload.stream, filename=upload.filename, owner=owner, purpose=ATTACHMENT
        )
    except storage.RejectedFile as refused:
        return "", str(refused.message)
    return stored.key, None


@blueprint.route("/tickets/new", methods=["GET", "POST"])
@login_required
def new_ticket() -> ResponseReturnValue:
    form = TicketForm()
    if request.method == "GET" and request.args.get("category") in CATEGORY_LABELS:
        form.category.data = request.args["category"]
    error = None
    if form.validate_on_submit():
        key, error = _attachment(form.attachment, current_user)
        if error is None:
            ticket = services.open_ticket(
                user_id=current_user.id,
                category=form.category.data or "other",
                subject=form.subject.data or "",
                description=form.description.data or "",
                language=_lang(),
                attachment_key=key,
            )
            db.session.commit()
            flash(
                _(
                    "Votre demande n° %(id)d est enregistrée. Nous vous répondrons ici "
                    "et par e-mail.",
                    id=ticket.id,
                ),
                "success",
            )
            return redirect(url_for("support.ticket", ticket_id=ticket.id))
    status = 400 if request.method == "POST" else 200
    return render_template("support/new.html", form=form, upload_error=error), status


@blueprint.get("/tickets/")
@login_required
def my_tickets() -> str:
    return render_template(
        "support/tickets.html", tickets=services.tickets_of(current_user.id), **_labels()
    )


def _own_ticket(ticket_id: int) -> Ticket:
    """The signed-in member's ticket; anyone else's (or a missing one) is a 404."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.user_id != current_user.id:
        abort(404)
    return ticket


def _ticket_page(
    ticket: Ticket,
    reply: ReplyForm,
    rating: SatisfactionForm,
    error: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    public = [m for m in ticket.messages if not m.internal]
    files = {m.attachment_key: storage.get(m.attachment_key) for m in public if m.attachment_key}
    page = render_template(
        "support/ticket.html",
        ticket=ticket,
        messages=public,
        files={k: storage.url_for_file(f) for k, f in files.items() if f is not None},
        reply=reply,
        rating=rating,
        upload_error=error,
        **_labels(),
    )
    return page, status


@blueprint.get("/tickets/<int:ticket_id>")
@login_required
def ticket(ticket_id: int) -> ResponseReturnValue:
    return _ticket_page(_own_ticket(ticket_id), ReplyForm(), SatisfactionForm())


@blueprint.post("/tickets/<int:ticket_id>/reply")
@login_required
def reply(ticket_id: int) -> ResponseReturnValue:
    found = _own_ticket(ticket_id)
    form = ReplyForm()
    if found.status == "closed":
        flash(_("Cette demande est clôturée : ouvrez-en une nouvelle si besoin."), "danger")
        return _ticket_page(found, form, SatisfactionForm(), status=400)
    if not form.validate_on_submit():
        return _ticket_page(found, form, SatisfactionForm(), status=400)
    key, error = _attachment(form.attachment, current_user)
    if error is not None:
        return _ticket_page(found, form, SatisfactionForm(), error, 400)
    services.member_reply(found, current_user.id, form.body.data or "", key)
    db.session.commit()
    flash(_("Votre message est envoyé."), "success")
    return redirect(url_for("support.ticket", ticket_id=found.id) + "#messages")


@blueprint.post("/tickets/<int:ticket_id>/rate")
@login_required
def rate(ticket_id: int) -> ResponseReturnValue:
    found = _own_ticket(ticket_id)
    form = SatisfactionForm()
    if found.status != "resolved":
        flash(_("Vous pourrez donner votre avis quand la demande sera résolue."), "danger")
        return _ticket_page(found, ReplyForm(), form, status=400)
    if not form.validate_on_submit():
        return _ticket_page(found, ReplyForm(), form, status=400)
    services.rate(found, int(form.score.data or 0), form.comment.data or "")
    db.session.commit()
    flash(_("Merci pour votre avis : la demande est clôturée."), "success")
    return redirect(url_for("support.ticket", ticket_id=found.id))


@blueprint.route("/accessibility", methods=["GET", "POST"])
def accessibility() -> ResponseReturnValue:
    form = AccessibilityForm()
    if request.method == "GET":
        form.page_url.data = request.args.get("page", "")[:500]
        if current_user.is_authenticated:
            form.email.data = current_user.email
    if form.validate_on_submit():
        signed_in = current_user.is_authenticated
        services.open_ticket(
            user_id=current_user.id if signed_in else None,
            contact_email=form.email.data or "",
            category="accessibility",
            subject=_("Signalement d’accessibilité"),
            description=form.description.data or "",
            page_url=form.page_url.data or "",
            language=_lang(),
        )
        db.session.commit()
        return render_template("support/accessibility_done.html")
    status = 400 if request.method == "POST" else 200
    return render_template("support/accessibility.html", form=form), status
