"""Shared helpers of the KPI tests: seeding activity at chosen moments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest


@pytest.fixture
def seed_activity(app: Any) -> Any:
    """``seed_activity(user_id, event, at, **data)``: one activity row at ``at``."""
    from tremplin.core.api import db, record

    def add(user_id: int | None, event: str, at: datetime, **data: Any) -> None:
        row = record(event, user_id=user_id, **data)
        row.at = at
        db.session.flush()

    return add
