"""Organiser pages: create and edit an event, its programme, meeting grid and
webinar; approve registrations, mark attendance, export them (CSV); place B2B
meetings on the full grid; the funnel after the mission."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core.api import country_choices, db, record, sector_choices

from .blueprint import blueprint, organised_or_404, signed_in_member
from .delegation import sync_event
from .exports import registrations_csv
from .forms import (
    ActionForm,
    EventForm,
    GridForm,
    PlaceForm,
    ProgrammeForm,
    RecordingForm,
    WebinarForm,
)
from .meetings import MeetingError, all_meetings, grid, make_slots, place
from .models import Event, ProgrammeItem, Registration
from .outcomes import funnel
from .providers import ProviderError, provider_choices
from .registration import (
    RegistrationError,
    answers_of,
    decide,
    fill_free_seats,
    mark_attended,
    registrations,
)
from .search import reindex
from .services import can_create_events, touch
from .times import in_zone, to_utc, zone_names
from .views_mission import _meeting_error, people
from .webinar import WebinarError, create_webinar

FIELDS = (
    "title",
    "kind",
    "description",
    "timezone",
    "online",
    "place",
    "capacity",
    "language",
    "organiser",
    "requires_approval",
    "questions",
    "reminder_text",
    "published",
)


def _event_form(event: Event | None = None) -> EventForm:
    form = EventForm(obj=event)
    lang = str(get_locale())
    form.fill_choices(country_choices(lang), sector_choices(lang), zone_names())
    if event is not None and request.method == "GET":
        form.countries.data, form.sectors.data = event.country_codes, event.sector_codes
        form.starts_at.data = in_zone(event.starts_at, event.timezone).replace(tzinfo=None)
        form.ends_at.data = in_zone(event.ends_at, event.timezone).replace(tzinfo=None)
    return form


def _save(form: EventForm, event: Event) -> bool:
    starts = to_utc(form.starts_at.data, form.timezone.data or "UTC")
    ends = to_utc(form.ends_at.data, form.timezone.data or "UTC")
    if ends <= starts:
        form.ends_at.errors = [_("La fin doit être postérieure au début.")]
        return False
    for name in FIELDS:
        setattr(event, name, getattr(form, name).data)
    event.title = event.title.strip()
    event.starts_at, event.ends_at = starts, ends
    event.countries = " ".join(form.countries.data or [])
    event.sectors = " ".join(form.sectors.data or [])
    event.access_days = form.access_days.data or 0
    return True


@blueprint.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    member = signed_in_member()
    if not can_create_events(member):
        abort(404)
    form = _event_form()
    event = Event(created_by_id=member.id, sequence=0)
    if form.validate_on_submit() and _save(form, event):
        db.session.add(event)
        db.session.flush()
        record("events.created", event, kind=event.kind)
        db.session.commit()
        reindex(event)
        flash(_("L'événement est créé."), "success")
        return redirect(url_for("events.manage", event_id=event.id))
    return render_template("events/form.html", form=form, event=None), 400 if form.errors else 200


@blueprint.route("/<int:event_id>/edit", methods=["GET", "POST"])
def edit(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = _event_form(event)
    if form.validate_on_submit() and _save(form, event):
        touch(event)
        db.session.flush()
        fill_free_seats(event)
        db.session.commit()
        sync_event(registrations(event.id, ("confirmed",)), signed_in_member().id)
        reindex(event)
        flash(_("L'événement est mis à jour."), "success")
        return redirect(url_for("events.manage", event_id=event.id))
    return render_template("events/form.html", form=form, event=event), 400 if form.errors else 200


@blueprint.get("/<int:event_id>/manage")
def manage(event_id: int) -> str:
    event = organised_or_404(event_id)
    rows = registrations(event.id)
    webinar = WebinarForm()
    webinar.provider.choices = provider_choices()
    return render_template(
        "events/manage.html",
        event=event,
        rows=rows,
        who=people([r.user_id for r in rows]),
        answers={r.id: answers_of(r) for r in rows},
        action=ActionForm(),
        programme=ProgrammeForm(),
        grid_form=GridForm(tables=event.meeting_tables or 10),
        webinar=webinar,
        recording=RecordingForm(recording_url=event.recording_url),
    )


def _back(event: Event) -> ResponseReturnValue:
    return redirect(url_for("events.manage", event_id=event.id))


@blueprint.post("/<int:event_id>/programme")
def add_programme(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = ProgrammeForm()
    if not form.validate_on_submit() or form.ends_at.data <= form.starts_at.data:
        flash(_("Indiquez un intitulé, un début et une fin postérieure au début."), "error")
        return _back(event)
    db.session.add(
        ProgrammeItem(
            event=event,
            title=(form.title.data or "").strip(),
            place=form.place.data or "",
            starts_at=to_utc(form.starts_at.data, event.timezone),
            ends_at=to_utc(form.ends_at.data, event.timezone),
        )
    )
    touch(event)
    db.session.commit()
    flash(_("La séance est ajoutée au programme."), "success")
    return _back(event)


@blueprint.post("/<int:event_id>/grid")
def make_grid(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = GridForm()
    if not form.validate_on_submit():
        flash(
            _("Grille invalide : créneaux de 5 à 240 minutes, 1 à 200 créneaux, 1 à 500 tables."),
            "error",
        )
        return _back(event)
    event.meeting_tables = max(event.meeting_tables, form.tables.data or 1)
    try:
        make_slots(
            event,
            to_utc(form.first_slot.data, event.timezone),
            form.minutes.data or 30,
            form.count.data or 1,
        )
    except MeetingError:
        flash(
            _("Grille invalide : créneaux de 5 à 240 minutes, 1 à 200 créneaux, 1 à 500 tables."),
            "error",
        )
        return _back(event)
    db.session.commit()
    flash(_("La grille de rendez-vous est créée."), "success")
    return _back(event)


@blueprint.post("/<int:event_id>/webinar")
def webinar(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = WebinarForm()
    form.provider.choices = provider_choices()
    if not form.validate_on_submit():
        flash(_("Choisissez une solution de webinaire proposée."), "error")
        return _back(event)
    try:
        create_webinar(event, form.provider.data or "")
    except (WebinarError, ProviderError, OSError):
        flash(_("La salle n'a pas pu être créée : le serveur de webinaire ne répond pas."), "error")
        return _back(event)
    flash(_("La salle du webinaire est créée."), "success")
    return _back(event)


@blueprint.post("/<int:event_id>/recording")
def recording(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = RecordingForm()
    if not form.validate_on_submit() or not (form.recording_url.data or "").startswith("https://"):
        flash(_("Indiquez une adresse https:// valide."), "error")
        return _back(event)
    event.recording_url = form.recording_url.data or ""
    db.session.commit()
    flash(_("L'enregistrement est lié à l'événement."), "success")
    return _back(event)


@blueprint.post("/registrations/<int:registration_id>/<any(approve, refuse, attended):what>")
def decide_view(registration_id: int, what: str) -> ResponseReturnValue:
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        abort(404)
    event = organised_or_404(registration.event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if what == "attended":
            mark_attended(registration, not registration.attended)
        else:
            decide(registration, what == "approve", signed_in_member().id)
    except RegistrationError:
        flash(_("Cette inscription n'attend plus de décision."), "error")
    return _back(event)


@blueprint.get("/<int:event_id>/registrations.csv")
def export_csv(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    return Response(
        registrations_csv(event),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="inscriptions-{event.id}.csv"'},
    )


@blueprint.route("/<int:event_id>/grid/full", methods=["GET", "POST"])
def full_grid(event_id: int) -> ResponseReturnValue:
    event = organised_or_404(event_id)
    form = PlaceForm()
    meetings = [m for m in all_meetings(event.id) if m.state in ("requested", "accepted")]
    who = people([m.requester_id for m in meetings] + [m.recipient_id for m in meetings])
    form.meeting_id.choices = [(m.id, _names(m, who)) for m in meetings]
    form.slot_id.choices = [
        (s.id, str(in_zone(s.starts_at, event.timezone).strftime("%d/%m %H:%M")))
        for s in event.slots
    ]
    if request.method == "POST":
        meeting = next((m for m in meetings if m.id == form.meeting_id.data), None)
        if meeting is None or not form.validate_on_submit():
            flash(_("Choisissez un rendez-vous, un créneau et une table."), "error")
        else:
            try:
                place(meeting, form.slot_id.data or 0, form.table.data or 0)
                flash(_("Le rendez-vous est placé."), "success")
            except MeetingError as exc:
                flash(_meeting_error(exc.code), "error")
        return redirect(url_for("events.full_grid", event_id=event.id))
    return render_template("events/grid.html", event=event, rows=grid(event), who=who, form=form)


def _names(meeting: Any, who: dict[int, Any]) -> str:
    def name(uid: int) -> str:
        return who[uid].display_name if uid in who else "—"

    return f"{name(meeting.requester_id)} ↔ {name(meeting.recipient_id)}"


@blueprint.get("/<int:event_id>/funnel")
def funnel_view(event_id: int) -> str:
    event = organised_or_404(event_id)
    return render_template("events/funnel.html", event=event, funnel=funnel(event))
