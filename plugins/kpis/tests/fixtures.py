"""Shared helpers of the KPI tests: seeding activity at chosen moments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tremplin.core.api import hookimpl


class FakeSupport:
    """Answers the KPI plugin's support hook as a support plugin would."""

    @hookimpl
    def kpis_support_resolution(self, start: Any, end: Any) -> dict[str, int]:
        return {"tickets": 8, "first_contact": 6}


SUPPORT = FakeSupport()  # one object: every KPI test module shares one app


@pytest.fixture
def seed_activity(app: Any) -> Any:
    """``seed_activity(user_id, event, at, **data)``: one activity row at ``at``."""
    from tremplin.core.api import db, record

    def add(user_id: int | None, event: str, at: datetime, **data: Any) -> None:
        row = record(event, user_id=user_id, **data)
        row.at = at
        db.session.flush()

    return add
