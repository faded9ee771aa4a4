"""The notification types that plugins declare (``register_notification_types``)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from ..contributions import NotificationType
from ..plugins import flatten

REGISTRY = "tremplin.notification_types"


class NotificationError(ValueError):
    """An unknown notification type, a duplicate one, or a context that is not scalars."""


def notification_types() -> dict[str, NotificationType]:
    """Every declared type by name, collected once per app."""
    found = current_app.extensions.get(REGISTRY)
    if found is None:
        found = {}
        pm = current_app.extensions["tremplin"].pm
        for item in flatten(pm.hook.register_notification_types()):
            if item.name in found:
                raise NotificationError(f"notification type {item.name!r} is declared twice")
            found[item.name] = item
        current_app.extensions[REGISTRY] = found
    return found


def notification_type(name: str) -> NotificationType:
    try:
        return notification_types()[name]
    except KeyError:
        raise NotificationError(
            f"unknown notification type {name!r} (declare it with register_notification_types)"
        ) from None


def message(kind: NotificationType, context: dict[str, Any]) -> str:
    """The type's message in the current locale, its placeholders filled."""
    text = str(kind.message)
    try:
        return text % context if "%(" in text else text
    except (KeyError, TypeError, ValueError):
        return text
