"""Notification e-mails: rendered in the member's language, HTML and plain text, with
a signed one-click unsubscribe link per type (RFC 8058 headers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from ..extensions import db
from .models import Notification
from .types import message, notification_type

TOKEN_SALT = "tremplin.notifications.unsubscribe"


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def unsubscribe_token(user_id: int, type_names: Sequence[str]) -> str:
    """A signed token naming the member and the types; it needs no sign-in."""
    return str(_serializer().dumps([user_id, sorted(type_names)]))


def read_unsubscribe_token(token: str) -> tuple[int, tuple[str, ...]] | None:
    """``(user_id, types)`` of a genuine token, else ``None``."""
    try:
        user_id, type_names = _serializer().loads(token)
        return int(user_id), tuple(str(name) for name in type_names)
    except (BadSignature, TypeError, ValueError):
        return None


def unsubscribe_url(user_id: int, type_names: Sequence[str], language: str) -> str:
    return url_for(
        "notifications.unsubscribe",
        lang_code=language,
        token=unsubscribe_token(user_id, type_names),
        _external=True,
    )


def member_language(user: Any) -> str:
    """The language of the member's profile when the site offers it, else the first."""
    from ..accounts import Profile

    languages = list(current_app.config["TREMPLIN_LANGUAGES"])
    language = db.session.scalar(select(Profile.language).where(Profile.user_id == user.id))
    return str(language) if language in languages else str(languages[0])


def _item(notification: Notification) -> dict[str, Any]:
    kind = notification_type(notification.type)
    url = notification.context.get("url")
    base = current_app.config["TREMPLIN_BASE_URL"]
    return {
        "type": kind,
        "label": str(kind.label),
        "message": message(kind, notification.context),
        "url": f"{base}{url}" if isinstance(url, str) and url.startswith("/") else None,
        "context": notification.context,
        "created_at": notification.created_at,
    }


def render_email(user: Any, notifications: Sequence[Notification], digest: bool) -> Email:
    """One e-mail to ``user`` about ``notifications`` (one, or a day's digest)."""
    language = member_language(user)
    base = current_app.config["TREMPLIN_BASE_URL"]
    site = current_app.config["TREMPLIN_SITE_NAME"]
    with current_app.test_request_context("/", base_url=base), force_locale(language):
        items = [_item(n) for n in notifications]
        types = sorted({n.type for n in notifications})
        unsubscribe = {name: unsubscribe_url(user.id, [name], language) for name in types}
        one_click = unsubscribe_url(user.id, types, language)
        context = {
            "user": user,
            "site_name": site,
            "items": items,
            "digest": digest,
            "unsubscribe": unsubscribe,
            "labels": {name: str(notification_type(name).label) for name in types},
            "centre_url": url_for("notifications.centre", lang_code=language, _external=True),
            "preferences_url": url_for(
                "notifications.preferences", lang_code=language, _external=True
            ),
        }
        template = None if digest else notification_type(notifications[0].type).email_template
        text = render_template(template or "notifications/email.txt", **context)
        html_name = template[: -len(".txt")] + ".html" if template else "notifications/email.html"
        html = render_template(html_name, **context)
        separator = " : " if language == "fr" else ": "
        title = _("Votre résumé du jour") if digest else items[0]["message"]
        subject = f"{site}{separator}{title}"
    headers = {
        "List-Unsubscribe": f"<{one_click}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return Email(user.email, subject, text, html, headers)
