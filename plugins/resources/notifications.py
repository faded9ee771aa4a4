"""The kinds of notification the resource centre sends."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tremplin.core.api import NotificationType


def notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "resources.study_in_review",
            _l("Demande d'étude : en cours d'examen"),
            _l("Votre demande d'étude n° %(number)s (%(sector)s) est en cours d'examen."),
            default_channel="email",
        ),
        NotificationType(
            "resources.study_in_progress",
            _l("Demande d'étude : étude en cours"),
            _l("L'étude demandée (n° %(number)s, %(sector)s) est en cours de réalisation."),
            default_channel="email",
        ),
        NotificationType(
            "resources.study_delivered",
            _l("Demande d'étude : livrée"),
            _l("L'étude demandée (n° %(number)s, %(sector)s) est livrée."),
            default_channel="email",
        ),
        NotificationType(
            "resources.study_declined",
            _l("Demande d'étude : refusée"),
            _l("Votre demande d'étude n° %(number)s (%(sector)s) n'a pas pu être retenue."),
            default_channel="email",
        ),
        NotificationType(
            "resources.review_due",
            _l("Ressource à relire"),
            _l("« %(title)s » a passé sa date de relecture : vérifiez qu'elle est à jour."),
            default_channel="platform",
        ),
    ]
