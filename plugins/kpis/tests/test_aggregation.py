"""Incremental daily aggregation and the figures computed from it, on seeded
activity whose expected values are known."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

from tremplin.core.api import db
from tremplin.plugins.kpis import aggregation
from tremplin.plugins.kpis.aggregation import aggregate_day, catch_up
from tremplin.plugins.kpis.figures import Range, figures
from tremplin.plugins.kpis.models import AggregatedDay, DailyMetric, MemberDay

from .fixtures import SUPPORT

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "kpis"]}}
EXTRA_PLUGINS = [SUPPORT]
DAY0 = date(2030, 1, 1)


def at(offset: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(DAY0 + timedelta(days=offset), datetime.min.time()).replace(
        hour=hour, minute=minute
    )


def _seed(seed_activity) -> None:
    for user in (1, 2, 3, 4):
        seed_activity(user, "account.signed_up", at(0), via="form", kind="company")
    for user in (1, 2, 3):
        seed_activity(user, "account.signed_in", at(35), method="password")
    seed_activity(5, "account.signed_in", at(40, 9), method="password")
    seed_activity(5, "resources.consulted", at(40, 9, 10))
    seed_activity(5, "events.meeting_accepted", at(40, 11))  # a second session
    seed_activity(1, "events.meeting_accepted", at(35, 10, 5))
    seed_activity(None, "surveys.answered", at(36), nps=10, csat=5, impact_partnerships=2.0)
    seed_activity(None, "surveys.answered", at(36), nps=3, impact_partnerships=1.0)
    db.session.commit()


def test_mau_retention_and_counts(app, seed_activity):
    _seed(seed_activity)
    assert catch_up(since=DAY0, until=DAY0 + timedelta(days=59)) == 60
    values = figures(Range(DAY0, DAY0 + timedelta(days=59))).values
    assert values["mau"] == 4  # active between day 30 and 59: members 1, 2, 3 and 5
    assert values["registrations"] == 4
    assert values["retention_30"] == 75.0  # 3 of the 4 registered on day 0 came back
    assert values["retention_60"] is None  # that window is not over yet
    assert values["connections"] == 2
    assert values["resources_viewed"] == 1
    assert values["nps"] == 0.0  # one promoter, one detractor
    assert values["csat"] == 100.0
    assert values["impact_partnerships"] == 3.0
    assert values["first_contact_resolution"] == 75.0
    assert values["session_minutes"] == round(600 / 6 / 60, 1)  # 6 sessions, 10 minutes in all
    early = figures(Range(DAY0, DAY0 + timedelta(days=20))).values
    assert early["mau"] == 4 and early["retention_30"] == 75.0  # by cohort: day 0 is in range
    assert (
        figures(Range(DAY0 + timedelta(days=1), DAY0 + timedelta(days=20))).values["retention_30"]
        is None
    )


def test_aggregation_is_incremental_and_idempotent(app, seed_activity):
    _seed(seed_activity)
    catch_up(since=DAY0, until=DAY0 + timedelta(days=40))
    rows = db.session.query(DailyMetric).count()
    assert catch_up(until=DAY0 + timedelta(days=40)) == 0  # nothing left to do
    assert catch_up(until=DAY0 + timedelta(days=42)) == 2  # only the new days
    assert db.session.query(AggregatedDay).count() == 43
    aggregate_day(DAY0 + timedelta(days=35))
    db.session.commit()
    aggregate_day(DAY0 + timedelta(days=35))
    db.session.commit()
    assert db.session.query(MemberDay).filter_by(day=DAY0 + timedelta(days=35)).count() == 3
    assert db.session.query(DailyMetric).count() >= rows


def test_country_and_sector_filters(app, seed_activity, monkeypatch):
    countries = {1: ("SN", "C10"), 2: ("SN", "A01"), 3: ("CA", "C10"), 4: ("CA", "C10")}

    def fake_members(user_ids, **_):
        return [
            SimpleNamespace(
                id=u, company=SimpleNamespace(country=countries[u][0], sector=countries[u][1])
            )
            for u in user_ids
            if u in countries
        ]

    monkeypatch.setattr(aggregation, "members", fake_members)
    _seed(seed_activity)
    catch_up(since=DAY0, until=DAY0 + timedelta(days=59))
    span = Range(DAY0, DAY0 + timedelta(days=59))
    senegal = figures(Range(span.start, span.end, country="SN")).values
    assert senegal["registrations"] == 2 and senegal["retention_30"] == 100.0
    canada = figures(Range(span.start, span.end, country="CA", sector="C10")).values
    assert canada["retention_30"] == 50.0 and canada["mau"] == 1
