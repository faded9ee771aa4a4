"""The KPI plugin's own hooks: other plugins answer them without importing it."""

from __future__ import annotations

from datetime import date

import pluggy

hookspec = pluggy.HookspecMarker("tremplin")


@hookspec
def kpis_support_resolution(start: date, end: date) -> dict[str, int] | None:
    """Support requests closed between ``start`` and ``end`` (inclusive):
    ``{"tickets": n, "first_contact": m}``, ``m`` of them solved at the first answer
    (the support plugin answers; the first-contact resolution rate is m / n)."""
