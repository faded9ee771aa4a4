"""Roles granted for a period: start, expiry by the task and at request time,
the back-office form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tremplin.core.accounts.role_grants.models import RoleGrant
from tremplin.core.accounts.role_grants.services import (
    apply_due,
    create_grant,
    revoke,
    scheduled_apply,
)
from tremplin.core.accounts.sessions.store import utcnow
from tremplin.core.audit.models import AuditEvent
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def role(app, name: str):
    return app.appbuilder.sm.find_role(name)


def roles_of(app, user_id: int) -> set[str]:
    db.session.expire_all()
    return {r.name for r in app.appbuilder.sm.get_user_by_id(user_id).roles}


def grant(app, user, name="Expert", start=-1, end=24, reason="Mission économique à Dakar"):
    now = utcnow()
    return create_grant(
        user, role(app, name), now + timedelta(hours=start), now + timedelta(hours=end), reason
    )


def test_a_started_grant_gives_the_role_at_once(app, make_user):
    user = make_user("awa")
    item = grant(app, user)
    assert item.state == "active" and item.added_role
    assert roles_of(app, user.id) == {"Company", "Expert"}
    changes = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.subject_user_id == user.id, AuditEvent.event == "user_roles_changed"
        )
    ).all()
    assert changes[-1].details["added"] == ["Expert"]


def test_a_future_grant_starts_when_the_task_runs(app, make_user):
    user = make_user("awa")
    item = grant(app, user, start=2, end=48)
    assert item.state == "pending" and roles_of(app, user.id) == {"Company"}
    assert scheduled_apply() == 0
    db.session.execute(update(RoleGrant).values(starts_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert scheduled_apply() == 1
    assert roles_of(app, user.id) == {"Company", "Expert"}


def test_the_task_removes_an_expired_role(app, make_user):
    user = make_user("awa")
    grant(app, user)
    db.session.execute(update(RoleGrant).values(ends_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert apply_due() == 1
    assert roles_of(app, user.id) == {"Company"}
    assert db.session.scalar(select(RoleGrant.state)) == "ended"


def test_an_expired_grant_is_never_honoured_even_before_the_task(app, client, make_user, login):
    user = make_user("awa", roles=["Guest"])
    grant(app, user, name="Admin")
    login("awa")
    assert client.get("/admin/auditeventview/list/").status_code == 200
    db.session.execute(update(RoleGrant).values(ends_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = client.get("/admin/auditeventview/list/")  # the task has not run
    assert response.status_code in (302, 403)
    assert roles_of(app, user.id) == {"Guest"}


def test_a_role_held_before_the_grant_stays_after_it(app, make_user):
    user = make_user("awa", roles=["Company", "Expert"])
    item = grant(app, user)
    assert not item.added_role
    revoke(item)
    assert roles_of(app, user.id) == {"Company", "Expert"}


def test_overlapping_grants_keep_the_role_until_the_last_ends(app, make_user):
    user = make_user("awa")
    first = grant(app, user, end=1)
    grant(app, user, end=48)
    revoke(first)
    assert "Expert" in roles_of(app, user.id)


def test_role_change_from_a_grant_rotates_sessions(app, client, make_user, login):
    from tremplin.core.accounts.sessions.store import SessionRecord

    user = make_user("awa")
    login("awa")
    grant(app, user)
    db.session.expire_all()
    assert all(
        r.rotate
        for r in db.session.scalars(select(SessionRecord).where(SessionRecord.user_id == user.id))
    )


@pytest.mark.parametrize(
    "start,end,reason,problem",
    [
        (-1, -2, "Mission", "postérieure"),
        (-5, -1, "Mission", "passée"),
        (-1, 24, "   ", "motif"),
        (-1, 24, "x" * 501, "motif"),
        (-1, 24, "Mission\r\nBcc: evil@example.org\x00", "contrôle"),
    ],
)
def test_invalid_grants_are_refused(app, make_user, start, end, reason, problem):
    user = make_user("awa")
    with pytest.raises(ValueError, match=problem):
        grant(app, user, start=start, end=end, reason=reason)
    assert db.session.scalar(select(RoleGrant.id)) is None


def _form(page: str, user_id: int, role_id: int, start: str, end: str, reason: str) -> dict:
    return {
        "csrf_token": csrf_token(page),
        "user": str(user_id),
        "role": str(role_id),
        "starts_at": start,
        "ends_at": end,
        "reason": reason,
    }


def test_admin_creates_a_grant_in_the_back_office(app, client, make_user, login):
    admin = make_user("root", roles=["Admin"])
    user = make_user("awa")
    login("root")
    page = client.get("/admin/rolegrantview/add")
    now = utcnow()
    response = client.post(
        "/admin/rolegrantview/add",
        data=_form(
            page.text,
            user.id,
            role(app, "Expert").id,
            (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
            (now + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
            "Mission économique à Kinshasa",
        ),
    )
    assert response.status_code == 302
    item = db.session.scalar(select(RoleGrant))
    assert item.granted_by_id == admin.id and item.state == "active"
    assert roles_of(app, user.id) == {"Company", "Expert"}
    listing = client.get("/admin/rolegrantview/list/")
    assert "Kinshasa" in listing.text


@pytest.mark.parametrize("reason", ["<script>alert(1)</script>", "' OR 1=1; --"])
def test_back_office_form_keeps_input_and_explains(app, client, make_user, login, reason):
    make_user("root", roles=["Admin"])
    user = make_user("awa")
    login("root")
    page = client.get("/admin/rolegrantview/add")
    now = utcnow()
    response = client.post(
        "/admin/rolegrantview/add",
        data=_form(
            page.text,
            user.id,
            role(app, "Expert").id,
            now.strftime("%Y-%m-%d %H:%M:%S"),
            (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S"),
            reason,
        ),
    )
    assert response.status_code == 200
    assert "Dates invalides" in response.text
    assert "<script>alert(1)</script>" not in response.text
    escaped = reason.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    assert escaped in response.text  # what was typed is still there
    assert db.session.scalar(select(RoleGrant.id)) is None


def test_grants_are_admin_only(app, client, make_user, login):
    make_user("mod", roles=["Moderator"])
    login("mod")
    assert client.get("/admin/rolegrantview/list/").status_code in (302, 403)


def test_periodic_tasks_are_declared(app):
    from tremplin.core.plugins import flatten

    tasks = {
        t.name: t for t in flatten(app.extensions["tremplin"].pm.hook.register_scheduled_tasks())
    }
    assert tasks["apply-role-grants"].schedule == {"minute": "*/15"}
    assert tasks["privilege-report"].schedule["day"] == "1"
    assert {"erase-deleted-accounts", "retention-purge"} <= set(tasks)


def test_overlapping_grants_keep_the_role_until_the_last_one_ends(app, make_user):
    user = make_user("awa")
    first = grant(app, user, end=24)
    second = grant(app, user, end=48)
    assert (first.added_role, second.added_role) == (True, False)
    revoke(first)
    assert roles_of(app, user.id) == {"Company", "Expert"}
    apply_due(now=utcnow() + timedelta(hours=49))
    assert roles_of(app, user.id) == {"Company"}


def test_the_plugin_api_creates_the_role_moves_a_keyed_grant_and_audits(app, make_user):
    from tremplin.core.api import grant_role, revoke_grants

    user = make_user("awa")
    now = utcnow()
    first = grant_role(user.id, "Delegate", now, now + timedelta(days=1), "Mission", key="m.1")
    again = grant_role(user.id, "Delegate", now, now + timedelta(days=3), "Mission", key="m.1")
    assert first == again and role(app, "Delegate") is not None
    item = db.session.get(RoleGrant, first)
    assert item.ends_at == now + timedelta(days=3) and item.reason == "[m.1] Mission"
    assert roles_of(app, user.id) == {"Company", "Delegate"}
    assert revoke_grants(user.id, "Delegate", key="m.2") == 0
    assert revoke_grants(user.id, "Delegate", key="m.1") == 1
    assert roles_of(app, user.id) == {"Company"}
    names = db.session.scalars(
        select(AuditEvent.event).where(AuditEvent.subject_user_id == user.id)
    ).all()
    assert names.count("role_granted") == 2 and "role_grant_revoked" in names
    again = grant_role(user.id, "Delegate", now, now + timedelta(days=5), "Mission", key="m.1")
    assert again != first  # the first one ended: a new grant
    grant_role(user.id, "Delegate", now, now + timedelta(days=5), "Mission", key="m.1")
    names = db.session.scalars(
        select(AuditEvent.event).where(AuditEvent.subject_user_id == user.id)
    ).all()
    assert names.count("role_granted") == 3  # the same dates again change nothing
    with pytest.raises(ValueError):
        grant_role(user.id, "Delegate", now, now - timedelta(days=1), "Mission")
    with pytest.raises(ValueError):
        grant_role(999999, "Delegate", now, now + timedelta(days=1), "Mission")
