"""The mission delegation's time-boxed role (spec 6.2.4) through core's role grants:
given on confirmation until ``access_days`` after the end, gone at expiry (time
travel), on cancellation and on refusal, moved when the dates change; audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tremplin.core.accounts.role_grants.models import RoleGrant
from tremplin.core.accounts.role_grants.services import apply_due
from tremplin.core.accounts.sessions.store import utcnow
from tremplin.core.api import db, grant_role, revoke_grants
from tremplin.core.audit.models import AuditEvent
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.delegation import ROLE, grant_key
from tremplin.plugins.events.models import Event, Registration
from tremplin.plugins.events.registration import cancel, decide, register
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES, mission_form

CONFIG_OVERRIDES = OVERRIDES


def roles_of(app, user_id: int) -> set[str]:
    db.session.expire_all()
    return {r.name for r in app.appbuilder.sm.get_user_by_id(user_id).roles}


def grants(user_id: int) -> list[RoleGrant]:
    query = select(RoleGrant).where(RoleGrant.user_id == user_id).order_by(RoleGrant.id)
    return list(db.session.scalars(query))


def audit(user_id: int, name: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.subject_user_id == user_id)
    return list(db.session.scalars(query.where(AuditEvent.event == name)))


def test_the_role_is_declared_so_the_oif_can_give_it_permissions(app):
    role = app.appbuilder.sm.find_role(ROLE)
    assert role is not None
    assert ("can_read", "MissionDelegation") in {
        (p.permission.name, p.view_menu.name) for p in role.permissions
    }


def test_a_confirmed_participant_holds_the_role_until_access_days_after_the_end(
    app, member_with_company, make_event
):
    mission = make_event(kind="trade_mission", days=10, hours=48, access_days=30)
    awa = member_with_company("awa", "Saveurs du Sine")
    register(mission, awa.id)
    assert ROLE in roles_of(app, awa.id)
    (grant,) = grants(awa.id)
    ends = (utc(mission.ends_at) + timedelta(days=30)).replace(tzinfo=None)
    assert (grant.state, grant.ends_at) == ("active", ends)
    assert grant.reason.startswith(f"[{grant_key(mission)}] Mission : ")
    assert audit(awa.id, "role_granted")[-1].details["role"] == ROLE
    assert audit(awa.id, "user_roles_changed")[-1].details["added"] == [ROLE]
    register(mission, awa.id)  # a double submit: still one grant
    assert len(grants(awa.id)) == 1
    apply_due(now=ends - timedelta(minutes=1))
    assert ROLE in roles_of(app, awa.id)
    apply_due(now=ends + timedelta(minutes=1))  # time travel past the access period
    assert ROLE not in roles_of(app, awa.id) and grants(awa.id)[0].state == "ended"
    assert audit(awa.id, "user_roles_changed")[-1].details["removed"] == [ROLE]


def test_cancelling_takes_the_role_back_and_the_promoted_member_gets_it(
    app, client_for, member_with_company, make_event
):
    mission = make_event(kind="economic_mission", capacity=1)
    awa, ahmed = member_with_company("awa", "A"), member_with_company("ahmed", "B")
    register(mission, awa.id)
    assert register(mission, ahmed.id).state == "waiting"
    assert ROLE not in roles_of(app, ahmed.id) and grants(ahmed.id) == []
    member = client_for("awa")
    page = member.get(f"/fr/events/{mission.id}")
    member.post(f"/fr/events/{mission.id}/cancel", data={"csrf_token": csrf_token(page.text)})
    assert ROLE not in roles_of(app, awa.id)
    assert grants(awa.id)[0].state == "ended"
    assert audit(awa.id, "role_grant_revoked")[-1].details["role"] == ROLE
    assert ROLE in roles_of(app, ahmed.id)


def test_refused_and_non_mission_registrations_get_no_role(app, member_with_company, make_event):
    mission = make_event(kind="trade_mission", requires_approval=True)
    workshop = make_event(kind="workshop")
    awa, ahmed = member_with_company("awa", "A"), member_with_company("ahmed", "B")
    pending = register(mission, awa.id)
    assert pending.state == "pending" and ROLE not in roles_of(app, awa.id)
    decide(db.session.get(Registration, pending.id), approve=False)
    register(workshop, ahmed.id)
    assert grants(awa.id) == [] and grants(ahmed.id) == []
    second = register(mission, ahmed.id)
    decide(db.session.get(Registration, second.id), approve=True)
    assert ROLE in roles_of(app, ahmed.id)


def test_two_missions_keep_the_role_until_the_last_grant_ends(app, member_with_company, make_event):
    first = make_event(kind="trade_mission", days=5, access_days=0)
    second = make_event(kind="trade_mission", days=20, access_days=0)
    awa = member_with_company("awa", "A")
    register(first, awa.id)
    register(second, awa.id)
    cancel(db.session.get(Registration, register(first, awa.id).id))
    assert ROLE in roles_of(app, awa.id)  # still in the second delegation
    assert [g.state for g in grants(awa.id)] == ["ended", "active"]
    apply_due(now=utc(second.ends_at).replace(tzinfo=None) + timedelta(minutes=1))
    assert ROLE not in roles_of(app, awa.id)  # the last grant takes it away


def test_editing_the_missions_dates_moves_the_grant(
    app, client_for, make_user, member_with_company, make_event
):
    mission = make_event(kind="trade_mission", timezone="Africa/Dakar", access_days=10)
    awa = member_with_company("awa", "A")
    register(mission, awa.id)
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    page = orga.get(f"/fr/events/{mission.id}/edit")
    form = mission_form(csrf_token(page.text), starts_at="2031-03-02T09:00")
    form.update(ends_at="2031-03-04T18:00", access_days="5")
    assert orga.post(f"/fr/events/{mission.id}/edit", data=form).status_code == 302
    (grant,) = grants(awa.id)
    assert grant.ends_at == utc(mission.ends_at).replace(tzinfo=None) + timedelta(days=5)
    assert grant.ends_at.year == 2031 and grant.state == "active"


def test_the_core_api_refuses_bad_values_and_revokes_by_key(app, make_user):
    awa = make_user("awa")
    now = utcnow()
    for starts, ends in ((now, now - timedelta(hours=1)), (now - timedelta(days=2), now)):
        try:
            grant_role(awa.id, "Expert", starts, ends, "Mission", key="k.1")
        except ValueError:
            pass
        else:
            raise AssertionError("an ended or inverted period was accepted")
    grant_role(awa.id, "Expert", now, now + timedelta(days=1), "Mission A", key="k.1")
    grant_role(awa.id, "Expert", now, now + timedelta(days=2), "Mission B", key="k.10")
    assert revoke_grants(awa.id, "Expert", key="k.1") == 1  # not k.10
    assert "Expert" in roles_of(app, awa.id)
    assert revoke_grants(awa.id, "Expert") == 1
    assert "Expert" not in roles_of(app, awa.id)
    assert revoke_grants(awa.id, "NoSuchRole") == 0


def test_the_back_office_promotes_on_more_seats_and_ends_grants_on_deletion(
    app, client_for, make_user, member_with_company, make_event
):
    mission = make_event(kind="trade_mission", capacity=1, title="Mission Hanoï")
    awa, ahmed = member_with_company("awa", "A"), member_with_company("ahmed", "B")
    register(mission, awa.id)
    register(mission, ahmed.id)
    assert ROLE not in roles_of(app, ahmed.id)
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    page = orga.get(f"/admin/eventmodelview/edit/{mission.id}")
    form = {"csrf_token": csrf_token(page.text), "title": "Mission Hanoï", "capacity": "2"}
    form.update(organiser="OIF", published="y")
    assert orga.post(f"/admin/eventmodelview/edit/{mission.id}", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, register(mission, ahmed.id).id).state == "confirmed"
    assert ROLE in roles_of(app, ahmed.id)
    page = orga.get(f"/admin/eventmodelview/edit/{mission.id}")
    orga.post(
        f"/admin/eventmodelview/delete/{mission.id}", data={"csrf_token": csrf_token(page.text)}
    )
    assert db.session.get(Event, mission.id) is None
    assert ROLE not in roles_of(app, awa.id) and ROLE not in roles_of(app, ahmed.id)
    assert {g.state for g in grants(awa.id) + grants(ahmed.id)} == {"ended"}
