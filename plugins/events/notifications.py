"""The kinds of notification the events plugin sends."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tremplin.core.api import NotificationType


def notification_types() -> list[NotificationType]:
    def kind(name: str, label: str, message: str, channel: str = "email") -> NotificationType:
        return NotificationType(f"events.{name}", label, message, default_channel=channel)

    return [
        kind(
            "confirmed",
            _l("Inscription confirmée"),
            _l("Votre inscription à « %(title)s » est confirmée."),
        ),
        kind(
            "waiting",
            _l("Liste d'attente"),
            _l("L'événement « %(title)s » est complet : vous êtes sur la liste d'attente."),
        ),
        kind(
            "pending",
            _l("Inscription en attente de validation"),
            _l("Votre inscription à « %(title)s » attend la validation de l'organisateur."),
        ),
        kind(
            "promoted",
            _l("Place libérée"),
            _l("Une place s'est libérée : votre inscription à « %(title)s » est confirmée."),
        ),
        kind(
            "refused",
            _l("Inscription refusée"),
            _l("Votre inscription à « %(title)s » n'a pas été retenue."),
        ),
        kind(
            "meeting_requested",
            _l("Demande de rendez-vous"),
            _l("Un participant de « %(title)s » vous propose un rendez-vous."),
        ),
        kind(
            "meeting_accepted",
            _l("Rendez-vous accepté"),
            _l("Votre demande de rendez-vous pour « %(title)s » est acceptée."),
        ),
        kind(
            "meeting_declined",
            _l("Rendez-vous décliné"),
            _l("Votre demande de rendez-vous pour « %(title)s » est déclinée."),
            "platform",
        ),
    ]
