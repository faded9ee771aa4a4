"""The notifications the plugin sends (e-mailed by default, in the member's language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from tremplin.core.api import NotificationType


def notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "verification.approved",
            _l("Vérification approuvée"),
            _l("Le profil de « %(name)s » est vérifié. Motif : %(reason)s"),
            default_channel="email",
        ),
        NotificationType(
            "verification.rejected",
            _l("Vérification refusée"),
            _l(
                "La vérification de « %(name)s » est refusée. Motif : %(reason)s. "
                "Vous pouvez faire appel."
            ),
            default_channel="email",
        ),
        NotificationType(
            "verification.more_info",
            _l("Informations demandées"),
            _l(
                "La vérification de « %(name)s » demande des informations "
                "complémentaires : %(reason)s"
            ),
            default_channel="email",
        ),
        NotificationType(
            "verification.reminder",
            _l("Vérification à renouveler"),
            _l(
                "La vérification de « %(name)s » expire le %(date)s : envoyez des documents à jour."
            ),
            default_channel="email",
        ),
        NotificationType(
            "verification.expired",
            _l("Vérification expirée"),
            _l(
                "La vérification de « %(name)s » a expiré : le badge « Profil "
                "vérifié » est retiré jusqu’au renouvellement."
            ),
            default_channel="email",
        ),
    ]
