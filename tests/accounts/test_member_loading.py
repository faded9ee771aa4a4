"""The signed-in member is read in one query; permission checks use a per-process
cache that database triggers invalidate on every change of role permissions."""

from __future__ import annotations

from sqlalchemy import select, text

from tremplin.core.extensions import db
from tremplin.core.security.access import PermissionGeneration
from tremplin.core.testing.queries import recorded_queries

# Core's own cost: the bundled plugins' widgets have their queries (bench/ measures
# the whole dashboard).
CONFIG_OVERRIDES = {"plugins": {"enabled": []}}


def generation() -> int:
    db.session.expire_all()
    return db.session.scalar(select(PermissionGeneration.value))


def dashboard_permission(app):  # type: ignore[no-untyped-def]
    sm = app.appbuilder.sm
    return sm, sm.find_role("Company"), sm.find_permission_view_menu("can_view", "Dashboard")


def test_the_dashboard_reads_the_member_once_and_checks_permissions_from_cache(
    app, client, make_user, login
):
    make_user("awa", roles=["Company"])
    login("awa")
    assert client.get("/fr/dashboard").status_code == 200  # the cache is filled here
    with recorded_queries() as sql:
        assert client.get("/fr/dashboard").status_code == 200
    assert not [s for s in sql if "ab_permission_view" in s], sql
    assert len([s for s in sql if "FROM ab_user" in s]) == 1, sql
    assert not [s for s in sql if s.startswith("SELECT core_user_security")], sql
    # the profile widget reuses the profile and company read with the member
    assert not [s for s in sql if s.startswith("SELECT core_profile")], sql
    # session, member with profile and company, the member's dashboard layout,
    # unread notifications (menu: cached)
    assert len(sql) <= 4, sql


def test_withdrawing_a_permission_in_the_back_office_applies_at_the_next_request(
    app, client, make_user, login
):
    make_user("awa", roles=["Company"])
    login("awa")
    assert client.get("/fr/dashboard").status_code == 200
    before = generation()
    sm, role, permission = dashboard_permission(app)
    sm.del_permission_role(role, permission)
    assert generation() != before
    assert client.get("/fr/dashboard").status_code == 403
    sm.add_permission_role(role, permission)
    assert client.get("/fr/dashboard").status_code == 200


def test_a_change_made_with_plain_sql_also_invalidates_the_cache(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    assert client.get("/fr/dashboard").status_code == 200
    _sm, role, permission = dashboard_permission(app)
    before = generation()
    db.session.execute(
        text(
            "DELETE FROM ab_permission_view_role WHERE role_id = :role AND permission_view_id = :pv"
        ),
        {"role": role.id, "pv": permission.id},
    )
    db.session.commit()
    assert generation() != before
    assert client.get("/fr/dashboard").status_code == 403


def test_the_generation_migration_goes_down_and_up_with_its_triggers(app):
    from sqlalchemy import inspect

    from tremplin.core import migrate

    migrate.downgrade(app, "core", "c7e2a9d41f08")
    assert "core_permission_generation" not in inspect(db.engine).get_table_names()
    _sm, role, permission = dashboard_permission(app)
    db.session.execute(
        text(
            "DELETE FROM ab_permission_view_role WHERE role_id = :role AND permission_view_id = :pv"
        ),
        {"role": role.id, "pv": permission.id},
    )  # no trigger left to fail
    db.session.commit()
    migrate.upgrade(app)
    before = generation()
    app.appbuilder.sm.add_permission_role(role, permission)
    assert generation() != before
