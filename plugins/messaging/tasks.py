"""Background work of the messaging plugin."""

from __future__ import annotations


def alert_due_participants() -> None:
    """Every minute: one batched e-mail per member with messages waiting."""
    from .alerts import send_due_alerts

    send_due_alerts()
