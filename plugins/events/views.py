"""Portal pages: the calendar (list and month, filters in the URL), an event's
page with registration, its ``.ics`` and the member's calendar feed. The mission
pages (:mod:`.views_mission`) and organiser pages (:mod:`.views_manage`) add their
routes to the same blueprint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core.api import (
    can,
    country_choices,
    current_member,
    db,
    members,
    sector_choices,
)

from . import views_manage, views_mission  # noqa: F401  (routes of the same blueprint)
from .blueprint import blueprint, event_or_404, signed_in_member, viewer_zone
from .forms import ActionForm, RegisterForm, ZoneForm, kind_labels
from .ics import event_file, google_link, outlook_link, uid_host
from .models import KINDS, Event
from .registration import (
    RegistrationError,
    cancel,
    confirmed_count,
    confirmed_user_ids,
    register,
    registration_of,
    waiting_position,
)
from .services import (
    Filters,
    can_create_events,
    find_events,
    is_organiser,
    member_settings,
    month_grid,
    reset_feed_token,
    set_member_zone,
)
from .times import utc, utcnow, zone_names
from .webinar import can_join_now, join_opens, recordings


def _filter_choices() -> dict[str, object]:
    lang = str(get_locale())
    return {
        "kinds": [(k, kind_labels()[k]) for k in KINDS],
        "countries": country_choices(lang),
        "sectors": sector_choices(lang),
    }


@blueprint.get("/")
def index() -> str:
    filters = Filters.from_args(request.args)
    events = find_events(filters, upcoming=True)
    return render_template(
        "events/index.html",
        events=events,
        filters=filters,
        zone_name=viewer_zone(),
        view="list",
        **_filter_choices(),
    )


@blueprint.get("/month")
def month() -> str:
    filters = Filters.from_args(request.args)
    today = utcnow().date()
    year = request.args.get("year", type=int) or today.year
    number = request.args.get("month", type=int) or today.month
    if not (1 <= number <= 12 and 1970 <= year <= 2200):
        abort(404)
    first = date(year, number, 1)
    previous = date(year - 1, 12, 1) if number == 1 else date(year, number - 1, 1)
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    zone_name = viewer_zone()
    weeks = month_grid(year, number, filters, zone_name)
    return render_template(
        "events/month.html",
        weeks=weeks,
        has_events=any(c.events for week in weeks for c in week if c.in_month),
        first=first,
        previous=previous,
        following=following,
        filters=filters,
        zone_name=zone_name,
        view="month",
        **_filter_choices(),
    )


@blueprint.get("/<int:event_id>")
def show(event_id: int) -> str:
    return _show_page(event_or_404(event_id))


def _show_page(event: Event, answers: Sequence[str] = (), too_long: Sequence[int] = ()) -> str:
    """The event page; after a refused registration, with the answers as typed."""
    member = current_member()
    registration = registration_of(event.id, member.id) if member else None
    url = url_for("events.show", event_id=event.id, _external=True)
    return render_template(
        "events/show.html",
        event=event,
        member=member,
        registration=registration,
        position=waiting_position(registration) if registration else 0,
        seats_taken=confirmed_count(event.id),
        organiser=is_organiser(member, event),
        zone_name=viewer_zone(),
        form=RegisterForm(),
        action=ActionForm(),
        google=google_link(event, url),
        outlook=outlook_link(event, url),
        join_open=can_join_now(event),
        join_opens=join_opens(event),
        recordings=recordings(event) if registration or is_organiser(member, event) else [],
        is_over=utc(event.ends_at) < utcnow(),
        delegation=_delegation(event),
        answers=list(answers),
        too_long=list(too_long),
    )


def _delegation(event: Event) -> list[str]:
    """The companies of a mission's confirmed participants, for those who may see
    the mission area (participants within their access period, organisers)."""
    if not event.is_mission or not can("meet", "EventMission", obj=event):
        return []
    ids = confirmed_user_ids(event.id)
    found = members(user_ids=ids, limit=max(len(ids), 1)) if ids else []
    return sorted({m.company.name for m in found if m.company is not None})


@blueprint.post("/<int:event_id>/register")
def register_view(event_id: int) -> ResponseReturnValue:
    event = event_or_404(event_id)
    member = signed_in_member()
    form = RegisterForm()
    if not form.validate_on_submit():
        flash(_("La session du formulaire a expiré. Veuillez renvoyer le formulaire."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    if utc(event.ends_at) < utcnow():
        flash(_("Cet événement est terminé : les inscriptions sont closes."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    answers = [request.form.get(f"answer_{i}", "") for i in range(len(event.question_list))]
    too_long = [i for i, answer in enumerate(answers) if len(answer) > 1000]
    if too_long:  # shown again as typed, with the error (nothing is lost)
        return _show_page(event, answers, too_long), 400
    try:
        found = register(event, member.id, answers)
    except RegistrationError:
        flash(_("Votre inscription à cet événement n'a pas été retenue."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    flash(_state_message(found.state), "success")
    return redirect(url_for("events.show", event_id=event.id))


def _state_message(state: str) -> str:
    return str(
        {
            "confirmed": _("Votre inscription est confirmée."),
            "waiting": _("L'événement est complet : vous êtes sur la liste d'attente."),
            "pending": _("Votre inscription attend la validation de l'organisateur."),
        }.get(state, _("Votre inscription est enregistrée."))
    )


@blueprint.post("/<int:event_id>/cancel")
def cancel_view(event_id: int) -> ResponseReturnValue:
    event = event_or_404(event_id)
    member = signed_in_member()
    registration = registration_of(event.id, member.id)
    if not ActionForm().validate_on_submit() or registration is None:
        abort(400)
    if registration.state != "cancelled":
        cancel(registration)
    flash(_("Votre inscription est annulée."), "success")
    return redirect(url_for("events.show", event_id=event.id))


@blueprint.get("/<int:event_id>/event.ics")
def event_ics(event_id: int) -> ResponseReturnValue:
    event = event_or_404(event_id)
    url = url_for("events.show", event_id=event.id, _external=True)
    body = event_file(event, uid_host(), url)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="evenement-{event.id}.ics"'},
    )


@blueprint.route("/calendar", methods=["GET", "POST"])
def my_calendar() -> ResponseReturnValue:
    """The member's feed address and time zone."""
    member = signed_in_member()
    form = ZoneForm()
    form.timezone.choices = [(z, z) for z in zone_names()]
    reset = ActionForm(prefix="reset")
    if request.method == "POST" and request.form.get("reset-submit") and reset.validate_on_submit():
        reset_feed_token(member.id)
        flash(
            _("Une nouvelle adresse d'abonnement a été créée ; l'ancienne ne fonctionne plus."),
            "success",
        )
        return redirect(url_for("events.my_calendar"))
    if form.validate_on_submit():
        set_member_zone(member.id, form.timezone.data or "")
        flash(_("Votre fuseau horaire est enregistré."), "success")
        return redirect(url_for("events.my_calendar"))
    settings = member_settings(member.id)
    db.session.commit()
    form.timezone.data = form.timezone.data or viewer_zone()
    feed = url_for("events_feed.feed", token=settings.feed_token, _external=True)
    return render_template(
        "events/calendar.html",
        form=form,
        reset=reset,
        feed=feed,
        webcal="webcal://" + feed.split("://", 1)[1],
        can_create=can_create_events(member),
    )
