"""``/<lang>/messages/new``: find members (company, sector, country, verified) and
start a conversation with one or a few of them."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tremplin.core.api import Member, db, members

from . import services
from .forms import ContactSearchForm, NewConversationForm
from .views import blueprint, me, send

LIST_SIZE = 50


def find_contacts(form: ContactSearchForm, company_id: int | None) -> list[Member]:
    """Reachable members matching the filters (the signed-in member left out)."""
    found = members(
        country=(form.country.data or "").strip().upper() or None,
        sector=(form.sector.data or "").strip().upper() or None,
        company_id=company_id,
        limit=200,
    )
    name = (form.company.data or "").strip().casefold()
    result = [
        m
        for m in found
        if m.id != current_user.id
        and m.kind in services.REACHABLE_KINDS
        and (not name or (m.company is not None and name in m.company.name.casefold()))
        and (not form.verified.data or m.verification == "verified")
    ]
    return result[:LIST_SIZE]


def _ids(raw: list[str]) -> list[int]:
    return [int(v) for v in raw if v.isdigit()]


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Any:
    search = ContactSearchForm(request.args)
    company = request.args.get("company_id", "")
    company_id = int(company) if company.isdigit() else None
    contacts = find_contacts(search, company_id) if (search.validate() or company_id) else []
    chosen = _ids(request.values.getlist("to")) or _ids(request.form.getlist("recipients"))
    extra = (
        [m for m in services.reachable(chosen) if m.id not in {c.id for c in contacts}]
        if chosen
        else []
    )
    contacts = extra + contacts
    form = NewConversationForm()
    form.recipients.choices = [(m.id, _label(m)) for m in contacts]
    if request.method == "GET":
        form.recipients.data = chosen
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            outcome = _start(form)
            if not isinstance(outcome, tuple):
                return outcome
            status = outcome[1]
    return render_template(
        "messaging/new.html", search=search, form=form, contacts=contacts
    ), status


def _label(m: Member) -> str:
    return f"{m.display_name} — {m.company.name}" if m.company else m.display_name


def _start(form: NewConversationForm) -> Any:
    started: list[Any] = []

    def write() -> Any:
        conversation, message = services.start(
            me(),
            form.recipients.data or [],
            form.body.data or "",
            getattr(current_user, "created_on", None),
        )
        started.append(conversation)
        return message

    status, message = send(form, write)
    if message is None:
        return None, status
    db.session.commit()
    return redirect(url_for("messaging.conversation", conversation_id=started[0].id))
