"""Core's member events, emitted from core's own hook implementations.

``member_erased`` is emitted while ``erase_personal_data`` runs (the GDPR erasure
calls it on every plugin, then commits), so listeners hear of it once the erasure
is committed.
"""

from __future__ import annotations

from .events import emit
from .plugins import hookimpl


@hookimpl
def erase_personal_data(user_id: int) -> None:
    emit("member_erased", user_id=user_id)
