"""Back office (Admin, Moderator): events and their registrations, with the
registrations' CSV export."""

from __future__ import annotations

from typing import Any

from flask import Response, abort
from flask_appbuilder import ModelView, expose, has_access
from flask_appbuilder.fieldwidgets import BS3TextAreaFieldWidget, BS3TextFieldWidget
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from tremplin.core.api import db

from .exports import registrations_csv
from .forms import web_address
from .models import Event, Organiser, Registration


def _blank(value: Any) -> str:
    return value or ""


def optional_fields() -> dict[str, Any]:
    """FAB makes every NOT NULL column required (``InputRequired``), so an event
    without a place or with an unticked box could not be saved: these may be empty."""
    text, area, blank = BS3TextFieldWidget(), BS3TextAreaFieldWidget(), [_blank]
    return {
        "description": TextAreaField(_l("Description"), filters=blank, widget=area),
        "place": StringField(_l("Lieu"), [Length(max=300)], filters=blank, widget=text),
        "reminder_text": TextAreaField(_l("Texte des rappels"), filters=blank, widget=area),
        "recording_url": StringField(
            _l("Enregistrement"),
            [Optional(), Length(max=500), web_address()],
            filters=blank,
            widget=text,
        ),
        "requires_approval": BooleanField(_l("Validation requise")),
        "published": BooleanField(_l("Publié")),
    }


class EventModelView(ModelView):
    datamodel = SQLAInterface(Event)
    list_title = _l("Événements")
    show_template = "events/admin_event_show.html"  # with the registrations' CSV button
    list_columns = ["title", "kind", "starts_at", "timezone", "capacity", "published"]
    show_columns = [
        "title",
        "kind",
        "description",
        "starts_at",
        "ends_at",
        "timezone",
        "place",
        "online",
        "countries",
        "sectors",
        "capacity",
        "language",
        "organiser",
        "requires_approval",
        "webinar_provider",
        "recording_url",
        "published",
    ]
    edit_columns = [
        "title",
        "description",
        "place",
        "capacity",
        "organiser",
        "requires_approval",
        "reminder_text",
        "recording_url",
        "published",
    ]
    add_columns: list[str] = []  # events are created from the portal (time zones, grid)
    edit_form_extra_fields = optional_fields()
    base_order = ("starts_at", "desc")
    label_columns = {
        "title": _l("Titre"),
        "kind": _l("Type"),
        "description": _l("Description"),
        "starts_at": _l("Début (UTC)"),
        "ends_at": _l("Fin (UTC)"),
        "timezone": _l("Fuseau"),
        "place": _l("Lieu"),
        "online": _l("En ligne"),
        "countries": _l("Pays"),
        "sectors": _l("Secteurs"),
        "capacity": _l("Places"),
        "language": _l("Langue"),
        "organiser": _l("Organisateur"),
        "requires_approval": _l("Validation requise"),
        "reminder_text": _l("Texte des rappels"),
        "webinar_provider": _l("Webinaire"),
        "recording_url": _l("Enregistrement"),
        "published": _l("Publié"),
    }

    def pre_update(self, item: Event) -> None:
        item.sequence = (item.sequence or 0) + 1  # calendars pick the change up

    def post_update(self, item: Event) -> None:
        from .delegation import sync_event
        from .registration import fill_free_seats, registrations
        from .search import reindex

        if fill_free_seats(item):  # more seats: members waiting are promoted
            db.session.commit()
        sync_event(registrations(item.id, ("confirmed",)))
        reindex(item)

    def pre_delete(self, item: Event) -> None:
        from .delegation import end_mission

        end_mission(item)

    @expose("/csv/<int:event_id>")
    @has_access
    def csv(self, event_id: int) -> Any:
        event = db.session.get(Event, event_id)
        if event is None:
            abort(404)
        return Response(
            registrations_csv(event),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="inscriptions-{event.id}.csv"'},
        )


class RegistrationModelView(ModelView):
    datamodel = SQLAInterface(Registration)
    list_title = _l("Inscriptions")
    list_columns = ["event", "user_id", "state", "attended", "created_at"]
    show_columns = ["event", "user_id", "company_id", "state", "answers", "attended", "created_at"]
    edit_columns = ["attended"]
    add_columns: list[str] = []
    base_order = ("created_at", "desc")
    label_columns = {
        "event": _l("Événement"),
        "user_id": _l("Membre (id)"),
        "company_id": _l("Entreprise (id)"),
        "state": _l("Statut"),
        "answers": _l("Réponses"),
        "attended": _l("Présent"),
        "created_at": _l("Inscrit le"),
    }


class OrganiserModelView(ModelView):
    """The organiser team of each event (members who manage it besides Admin and
    Moderator): add one by the member's account id."""

    datamodel = SQLAInterface(Organiser)
    list_title = _l("Équipes d'organisation")
    list_columns = ["event_id", "user_id"]
    add_columns = edit_columns = ["event_id", "user_id"]
    label_columns = {"event_id": _l("Événement (id)"), "user_id": _l("Membre (id)")}
