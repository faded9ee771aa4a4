"""The KPIs' scheduled work (wired by ``register_scheduled_tasks``)."""

from __future__ import annotations

from datetime import timedelta


def aggregate() -> None:
    """Nightly: aggregate every day not yet done, up to yesterday."""
    from .aggregation import catch_up

    catch_up()


def sample_health() -> None:
    """Every five minutes: ask the readiness check, keep ok / not ok."""
    from flask import current_app

    from tremplin.core.api import db

    from .models import HealthSample

    response = current_app.test_client().get("/readyz")
    db.session.add(HealthSample(ok=response.status_code == 200))
    db.session.commit()


def monthly_report() -> None:
    """On the 1st: e-mail last month's figures to the administrators."""
    from .models import utcnow
    from .report import email_report, month_range

    last_month = utcnow().date().replace(day=1) - timedelta(days=1)
    email_report(month_range(last_month.strftime("%Y-%m")))
