"""The GDPR e-mails (export ready or failed, deletion requested, cancelled, done),
in the member's language."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ...mail import send_mail

log = logging.getLogger("tremplin.gdpr")

SUBJECTS = {
    "gdpr_export_ready": _l("Vos données personnelles sont prêtes"),
    "gdpr_export_failed": _l("L’export de vos données a échoué"),
    "gdpr_deletion_requested": _l("Demande de suppression de votre compte"),
    "gdpr_deletion_cancelled": _l("Suppression de votre compte annulée"),
    "gdpr_erased": _l("Votre compte a été supprimé"),
}


def link(endpoint: str, language: str, **values: Any) -> str:
    base = current_app.config["TREMPLIN_BASE_URL"]
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, lang_code=language, _external=True, **values)


def notify(user: Any, name: str, language: str | None = None, **details: Any) -> None:
    """One GDPR e-mail in the member's language; failures are logged, not raised."""
    from ..notices.services import member_language

    try:
        language = language or member_language(user)
        with force_locale(language):
            context = {
                "user": user,
                "site_name": current_app.config["TREMPLIN_SITE_NAME"],
                "data_url": link("gdpr.index", language),
                "login_url": link("accounts.login", language),
                **details,
            }
            text = render_template(f"mail/{name}.txt", **context)
            subject = (
                f"{context['site_name']} : {SUBJECTS[name]}"
                if language == "fr"
                else f"{context['site_name']}: {SUBJECTS[name]}"
            )
        send_mail(user.email, subject, text)
    except Exception:
        log.exception("gdpr notice failed", extra={"event": "gdpr.notice_failed", "notice": name})
