"""The surveys' scheduled work (wired by ``register_scheduled_tasks``)."""

from __future__ import annotations


def daily_distribution() -> None:
    """Start due recurring waves, remind non-respondents, close past closing dates."""
    from .distribution import close_due, run_recurring, send_reminders

    close_due()
    run_recurring()
    send_reminders()


def purge_responses() -> None:
    """Delete responses past their survey's retention period."""
    from .distribution import purge_expired

    purge_expired()
