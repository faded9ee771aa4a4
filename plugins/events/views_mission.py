"""Mission pages for participants: B2B offers and needs, meeting requests and
answers, the personal agenda (printable), meeting outcomes, and joining the
webinar. The B2B area is behind ``EventMission``/``meet`` (time-boxed access)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tremplin.core.api import can, db, members

from .blueprint import blueprint, event_or_404, signed_in_member, viewer_zone
from .forms import ActionForm, MeetingRequestForm, OffersForm, OutcomeForm
from .meetings import MeetingError, accept, decline, meetings_of, request_meeting
from .models import Event, Meeting
from .outcomes import OutcomeError, outcomes_of, record_outcome
from .providers import ProviderError
from .registration import registration_of, registrations
from .services import is_organiser
from .times import utc, utcnow
from .webinar import WebinarError, can_join_now, join_url

MEETING_ERRORS = {
    "self": _l("Vous ne pouvez pas vous proposer un rendez-vous."),
    "message": _l("Écrivez un message de présentation (1000 caractères au plus)."),
    "not_participant": _l("Les deux participants doivent être inscrits et confirmés."),
    "grid_full": _l("Aucun créneau commun n'est libre : l'organisateur vous placera."),
    "not_yours": _l("Cette demande ne vous concerne pas ou a déjà reçu une réponse."),
    "bad_place": _l("Ce créneau ou cette table n'existe pas."),
    "taken": _l("Ce créneau est déjà pris à cette table ou par l'un des participants."),
}


def _mission_or_404(event_id: int) -> tuple[Event, Any]:
    event = event_or_404(event_id)
    member = signed_in_member()
    if not event.is_mission or not can("meet", "EventMission", obj=event):
        abort(404)
    return event, member


def people(user_ids: list[int]) -> dict[int, Any]:
    ids = sorted(set(user_ids))
    return {m.id: m for m in members(user_ids=ids, limit=max(len(ids), 1))} if ids else {}


def _meeting_error(code: str) -> str:
    return str(MEETING_ERRORS.get(code, _l("Ce rendez-vous ne peut pas être enregistré.")))


@blueprint.get("/<int:event_id>/meetings")
def meetings(event_id: int) -> str:
    event, member = _mission_or_404(event_id)
    mine = registration_of(event.id, member.id)
    others = [r for r in registrations(event.id, ("confirmed",)) if r.user_id != member.id]
    my_meetings = meetings_of(event.id, member.id)
    who = people([r.user_id for r in others] + [m.other(member.id) for m in my_meetings])
    offers = OffersForm(offers=mine.offers if mine else "", needs=mine.needs if mine else "")
    return render_template(
        "events/meetings.html",
        event=event,
        member=member,
        others=others,
        who=who,
        my_meetings=my_meetings,
        offers=offers,
        request_form=MeetingRequestForm(),
        action=ActionForm(),
        zone_name=viewer_zone(),
        has_registration=mine is not None,
        busy={m.other(member.id) for m in my_meetings if m.state in ("requested", "accepted")},
    )


@blueprint.post("/<int:event_id>/offers")
def save_offers(event_id: int) -> ResponseReturnValue:
    event, member = _mission_or_404(event_id)
    mine = registration_of(event.id, member.id)
    form = OffersForm()
    if mine is None or not form.validate_on_submit():
        flash(_("Textes trop longs (2000 caractères au plus) ou session expirée."), "error")
        return redirect(url_for("events.meetings", event_id=event.id))
    mine.offers, mine.needs = (form.offers.data or "").strip(), (form.needs.data or "").strip()
    db.session.commit()
    flash(_("Votre offre et vos besoins sont publiés."), "success")
    return redirect(url_for("events.meetings", event_id=event.id))


@blueprint.post("/<int:event_id>/meetings/request")
def ask_meeting(event_id: int) -> ResponseReturnValue:
    event, member = _mission_or_404(event_id)
    form = MeetingRequestForm()
    if not form.validate_on_submit() or not str(form.recipient_id.data).isdigit():
        flash(_meeting_error("message"), "error")
        return redirect(url_for("events.meetings", event_id=event.id))
    try:
        request_meeting(event, member.id, int(form.recipient_id.data), form.message.data or "")
    except MeetingError as exc:
        flash(_meeting_error(exc.code), "error")
    else:
        flash(_("Votre demande de rendez-vous est envoyée."), "success")
    return redirect(url_for("events.meetings", event_id=event.id))


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not can("respond", "Meeting", obj=meeting):
        abort(404)
    return meeting


@blueprint.post("/meetings/<int:meeting_id>/<any(accept, decline):answer>")
def answer_meeting(meeting_id: int, answer: str) -> ResponseReturnValue:
    meeting = _meeting_or_404(meeting_id)
    member = signed_in_member()
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if answer == "accept":
            accept(meeting, member.id)
            flash(_("Rendez-vous accepté : il figure dans votre agenda."), "success")
        else:
            decline(meeting, member.id)
            flash(_("Rendez-vous décliné."), "success")
    except MeetingError as exc:
        flash(_meeting_error(exc.code), "error")
    return redirect(url_for("events.meetings", event_id=meeting.event_id))


@blueprint.get("/<int:event_id>/agenda")
def agenda(event_id: int) -> str:
    event, member = _mission_or_404(event_id)
    mine = [m for m in meetings_of(event.id, member.id, ("accepted",)) if m.slot is not None]
    mine.sort(key=lambda m: utc(m.slot.starts_at) if m.slot else utcnow())
    return render_template(
        "events/agenda.html",
        event=event,
        member=member,
        meetings=mine,
        who=people([m.other(member.id) for m in mine]),
        zone_name=viewer_zone(),
    )


@blueprint.route("/<int:event_id>/outcomes", methods=["GET", "POST"])
def outcomes(event_id: int) -> ResponseReturnValue:
    event, member = _mission_or_404(event_id)
    mine = meetings_of(event.id, member.id, ("accepted",))
    form = OutcomeForm()
    form.label_choices()
    if request.method == "POST":
        meeting = next((m for m in mine if str(m.id) == str(form.meeting_id.data)), None)
        if meeting is None or not form.validate_on_submit():
            flash(_("Choisissez la suite donnée à ce rendez-vous."), "error")
        else:
            try:
                record_outcome(
                    meeting, member.id, form.outcome.data or "", form.stage.data or "end"
                )
                flash(_("Merci : la suite de ce rendez-vous est enregistrée."), "success")
            except OutcomeError:
                flash(_("Cette réponse n'est pas possible."), "error")
        return redirect(url_for("events.outcomes", event_id=event.id))
    return render_template(
        "events/outcomes.html",
        event=event,
        member=member,
        meetings=mine,
        form=form,
        said=outcomes_of(member.id, [m.id for m in mine]),
        who=people([m.other(member.id) for m in mine]),
        zone_name=viewer_zone(),
        stage="followup" if request.args.get("stage") == "followup" else "end",
    )


@blueprint.post("/<int:event_id>/join")
def join(event_id: int) -> ResponseReturnValue:
    event = event_or_404(event_id)
    member = signed_in_member()
    if not ActionForm().validate_on_submit():
        abort(400)
    organiser = is_organiser(member, event)
    registration = registration_of(event.id, member.id)
    allowed = organiser or (registration is not None and registration.state == "confirmed")
    if not allowed or not (organiser or can_join_now(event)):
        abort(404)
    try:
        return redirect(join_url(event, member, moderator=organiser))
    except (WebinarError, ProviderError, OSError):
        flash(_("La salle du webinaire ne répond pas ; réessayez dans un instant."), "error")
        return redirect(url_for("events.show", event_id=event.id))
