"""The notification service's hook implementations (registered as ``core.notifications.hooks``)."""

from __future__ import annotations

from typing import Any

from ..contributions import PersonalData, PortalBlueprint, ScheduledTask, SlotBlock
from ..plugins import hookimpl

HEADER_SLOT = "portal.header.account"


def sweep_notifications() -> None:
    """Every minute: send the e-mails the after-commit task missed."""
    from .delivery import sweep

    sweep()


def send_daily_digests() -> None:
    """Daily: one e-mail per member grouping their digest notifications."""
    from .delivery import send_digests

    send_digests()


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import blueprint

    return [PortalBlueprint(blueprint)]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    return [
        ScheduledTask("core-notifications-sweep", sweep_notifications, {"minute": "*"}),
        ScheduledTask(
            "core-notifications-digest", send_daily_digests, {"hour": "7", "minute": "0"}
        ),
    ]


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    """The unread count beside the member's name in the portal's header."""
    if name != HEADER_SLOT:
        return None
    from flask_login import current_user

    if not current_user.is_authenticated:
        return None
    from .services import header_count

    return [
        SlotBlock(
            template="notifications/_badge.html",
            order=10,
            context={"unread": header_count(int(current_user.id))},
        )
    ]


@hookimpl
def personal_data(user_id: int) -> PersonalData:
    from .services import personal_records

    return PersonalData("notifications", personal_records(user_id))


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import erase

    erase(user_id)
