"""Activity events (``api.record``): the caller's transaction, no personal data,
retention purge and anonymisation on erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tremplin.core.activity.hooks import purge_activity
from tremplin.core.activity.models import Activity, utcnow
from tremplin.core.activity.services import ActivityError
from tremplin.core.api import db, record
from tremplin.core.plugins import flatten

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def rows() -> list[Activity]:
    return list(db.session.scalars(select(Activity).order_by(Activity.id)))


def test_record_is_written_in_the_callers_transaction(app, make_user):
    user = make_user("kofi", roles=["Company"])
    record("profile.viewed_offer", subject=("directory_listing", 12), count=3, user_id=user.id)
    db.session.rollback()
    assert rows() == []
    record("profile.viewed_offer", subject=user, premium=True, score=1.5, user_id=user.id)
    db.session.commit()
    [row] = rows()
    assert (row.event, row.user_id) == ("profile.viewed_offer", user.id)
    assert (row.subject_type, row.subject_id) == ("ab_user", str(user.id))
    assert row.data == {"premium": True, "score": 1.5}


def test_record_takes_the_signed_in_member_in_a_request(app, make_user):
    from flask_login import login_user

    user = make_user("nafi", roles=["Company"])
    with app.test_request_context("/fr/"):
        login_user(user)
        record("assessment.started")
    record("worker.ran")  # outside a request: nobody
    db.session.commit()
    assert [(r.event, r.user_id) for r in rows()] == [
        ("assessment.started", user.id),
        ("worker.ran", None),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "a@b.fr"}, "personal data"),
        ({"contact_phone": "+221"}, "personal data"),
        ({"last_name": "Diop"}, "personal data"),
        ({"ip": "10.0.0.1"}, "personal data"),
        ({"tags": ["a", "b"]}, "scalar values only"),
        ({"meta": {"k": 1}}, "scalar values only"),
        ({"note": "x" * 201}, "longer than 200"),
        ({"Bad-Key": 1}, "lowercase"),
    ],
)
def test_personal_or_nested_data_is_refused(app, data, message):
    with pytest.raises(ActivityError, match=message):
        record("survey.answered", **data)
    db.session.commit()
    assert rows() == []


def test_bad_event_name_or_subject_is_refused(app):
    with pytest.raises(ActivityError, match="event name"):
        record("Sign In!")
    with pytest.raises(ActivityError, match="subject"):
        record("x.y", subject="company 3")


@pytest.mark.app_config({"activity": {"retention_days": 30}})
def test_scheduled_purge_drops_rows_older_than_the_retention(app):
    record("old.one", user_id=None)
    record("recent.one", user_id=None)
    db.session.flush()
    old, recent = rows()
    old.at = utcnow() - timedelta(days=31)
    recent.at = utcnow() - timedelta(days=29)
    db.session.commit()
    tasks = flatten(app.extensions["tremplin"].pm.hook.register_scheduled_tasks())
    [task] = [t for t in tasks if t.name == "core-activity-purge"]
    assert task.func is purge_activity
    task.func()
    assert [r.event for r in rows()] == ["recent.one"]


def test_retention_defaults_to_two_years(app):
    assert app.extensions["tremplin"].config.get("activity", "retention_days") == 730


def test_erasure_anonymises_the_members_activity(app, make_user):
    from tremplin.core.accounts.gdpr.erasure import erase_user

    gone, stays = make_user("gone", roles=["Company"]), make_user("stays", roles=["Company"])
    record("event.registered", subject=("events_event", 5), user_id=gone.id)
    record("event.registered", subject=("events_event", 5), user_id=stays.id)
    db.session.commit()
    erase_user(gone.id)
    assert [(r.event, r.user_id, r.subject_id) for r in rows()] == [
        ("event.registered", None, "5"),
        ("event.registered", stays.id, "5"),
        ("account.erased", None, None),  # the erasure's own line, pointing at nobody
    ]
    assert db.session.scalar(select(func.count()).where(Activity.user_id == gone.id)) == 0
