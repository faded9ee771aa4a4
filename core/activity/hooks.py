"""The activity service's hook implementations (registered as ``core.activity.hooks``)."""

from __future__ import annotations

from ..contributions import ScheduledTask
from ..plugins import hookimpl


def purge_activity() -> None:
    """Daily: drop activity older than ``[activity] retention_days``."""
    from .services import purge

    purge()


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    return [ScheduledTask("core-activity-purge", purge_activity, {"hour": "3", "minute": "40"})]


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import anonymise

    anonymise(user_id)
