"""Back office (Admin, Moderator): events and their registrations, with the
registrations' CSV export."""

from __future__ import annotations

from typing import Any

from flask import Response, abort
from flask_appbuilder import ModelView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from tremplin.core.api import db

from .exports import registrations_csv
from .models import Event, Organiser, Registration


class EventModelView(ModelView):
    datamodel = SQLAInterface(Event)
    list_title = _l("Événements")
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
        from .search import reindex

        reindex(item)

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
