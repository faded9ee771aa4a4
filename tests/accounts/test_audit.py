"""The append-only audit trail: what is recorded, that it cannot be changed,
the back-office view, the export (CSV guard) and the privileged-role report."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError
from typer.testing import CliRunner

from tremplin.core.accounts.shared import events
from tremplin.core.audit import services
from tremplin.core.audit.models import AppendOnlyError, AuditEvent, utcnow
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def audit(event: str | None = None, subject: int | None = None) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if event:
        query = query.where(AuditEvent.event == event)
    if subject is not None:
        query = query.where(AuditEvent.subject_user_id == subject)
    return list(db.session.scalars(query))


def run_cli(app, *args: str):
    from tremplin.cli import context
    from tremplin.cli.main import app as cli

    saved = dict(context._STATE)
    context._STATE.update(config=None, app=app)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        context._STATE.update(saved)


# --- What is recorded ---------------------------------------------------------------


def test_sign_in_and_failure_are_recorded_with_origin(app, client, make_user, login):
    user = make_user("awa")
    login("awa", password="wrong password 123")
    login("awa")
    [failed] = audit("login_failed", user.id)
    assert failed.details.get("login") == "awa" and failed.ip == "127.0.0.1"
    assert "wrong password" not in json.dumps(failed.details)
    [success] = audit("login_succeeded", user.id)
    assert success.actor_user_id == user.id and success.user_agent


def test_every_account_signal_is_audited(app, make_user):
    user = make_user("awa")
    events.mfa_enabled.send(app, user=user, method="totp")
    events.account_deactivated.send(app, user=user, by=None)
    assert audit("mfa_enabled", user.id)[0].details == {"method": "totp", "via": "system"}
    assert audit("account_deactivated", user.id)


def test_details_never_hold_secrets_and_are_bounded(app):
    services.record(
        "test_event",
        None,
        password="hunter2",
        reset_token="t0k",
        nested={"code": "123456", "kept": "x" * 2000},
        note="<script>",
    )
    [row] = audit("test_event")
    assert row.details["nested"] == {"kept": "x" * services.MAX_TEXT}
    assert "hunter2" not in json.dumps(row.details) and "t0k" not in json.dumps(row.details)
    assert row.details["note"] == "<script>"  # stored as data, escaped when shown


def test_role_changes_through_the_database_are_audited_once(app, make_user):
    from tremplin.core.accounts.shared.services import set_roles

    user = make_user("awa")
    set_roles("awa", ["Company", "Expert"])
    rows = audit("user_roles_changed", user.id)
    assert rows[-1].details["added"] == ["Expert"] and rows[-1].details["removed"] == []
    assert audit("role_changed", user.id) == []  # the signal repeats it: not written twice
    events.role_changed.send(app, user=user, added=["Guest"], removed=[], by=None)
    assert audit("role_changed", user.id)  # not seen in the database: written


def test_permission_changes_are_audited(app):
    sm = app.appbuilder.sm
    role = sm.find_role("Guest")
    pvm = sm.find_permission_view_menu("can_access", "BackOffice")
    sm.add_permission_role(role, pvm)
    [row] = audit("role_permissions_changed")[-1:]
    assert row.details["role"] == "Guest" and "BackOffice" in row.details["added"][0]


def test_back_office_role_edit_is_audited_with_the_admin(app, client, make_user, login):
    admin = make_user("root", roles=["Admin"])
    user = make_user("awa")
    login("root")
    page = client.get(f"/admin/users/edit/{user.id}")
    response = client.post(
        f"/admin/users/edit/{user.id}",
        data={
            "csrf_token": csrf_token(page.text),
            "first_name": "Awa",
            "last_name": "Test",
            "username": "awa",
            "active": "y",
            "email": "awa@example.org",
            "roles": ["3", "2"],
        },
    )
    assert response.status_code == 302
    row = audit("user_roles_changed", user.id)[-1]
    assert row.details["added"] == ["Moderator"]
    assert row.actor_user_id == admin.id and row.ip == "127.0.0.1"
    assert audit("account_updated_by_admin", user.id)[-1].actor_user_id == admin.id


def test_back_office_deactivation_and_deletion_are_audited(app, client, make_user, login):
    admin = make_user("root", roles=["Admin"])
    user = make_user("awa")
    login("root")
    page = client.get(f"/admin/users/edit/{user.id}")
    client.post(
        f"/admin/users/edit/{user.id}",
        data={
            "csrf_token": csrf_token(page.text),
            "first_name": "Awa",
            "last_name": "Test",
            "username": "awa",
            "email": "awa@example.org",
            "roles": ["3"],
        },
    )
    assert audit("account_updated_by_admin", user.id)[-1].details["fields"] == ["active"]
    assert audit("account_deactivated", user.id)[-1].actor_user_id == admin.id
    page = client.get("/admin/users/list/")
    client.post(f"/admin/users/delete/{user.id}", data={"csrf_token": csrf_token(page.text)})
    assert audit("account_deleted_by_admin", user.id)


# --- Append-only ----------------------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_an_event(app):
    services.record("test_event", None)
    row = audit("test_event")[0]
    row.event = "tampered"
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(audit("test_event")[0])
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(event="tampered"),
        delete(AuditEvent),
    ],
)
def test_the_database_refuses_to_change_or_delete_an_event(app, statement):
    services.record("test_event", None)
    with pytest.raises(DatabaseError, match="append-only"), db.engine.begin() as conn:
        conn.execute(statement)
    assert audit("test_event")


def test_the_database_refuses_raw_sql_too(app):
    services.record("test_event", None)
    with pytest.raises(DatabaseError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM core_audit_event"))


def test_purge_deletes_only_events_older_than_the_retention(app):
    old = {**services.build("old_event"), "at": utcnow() - timedelta(days=2000)}
    with db.engine.begin() as conn:  # inserting is allowed, even with an old date
        services.record_on(conn, [old])
    services.record("recent_event", None)
    assert services.purge(utcnow() - timedelta(days=1095)) == 1
    assert audit("old_event") == [] and audit("recent_event")
    assert audit("audit_purged")[0].details["count"] == 1
    # The marker is gone: the guard is back.
    with pytest.raises(DatabaseError), db.engine.begin() as conn:
        conn.execute(delete(AuditEvent))


def test_purge_task_uses_the_configured_retention(app):
    from tremplin.core.accounts.gdpr.tasks import purge_expired

    services.record("recent_event", None)
    assert purge_expired()["audit_events"] == 0
    assert audit("recent_event")


# --- Back-office view -------------------------------------------------------------------


def test_admin_reads_and_filters_the_audit_trail(app, client, make_user, login):
    make_user("root", roles=["Admin"])
    services.record("test_event", None, note="<img src=x onerror=alert(1)>")
    login("root")
    page = client.get("/admin/auditeventview/list/")
    assert page.status_code == 200 and "test_event" in page.text
    filtered = client.get("/admin/auditeventview/list/?_flt_0_event=login_succeeded")
    assert "login_succeeded" in filtered.text and "test_event" not in filtered.text
    row = audit("test_event")[0]
    shown = client.get(f"/admin/auditeventview/show/{row.id}")
    assert "<img src=x" not in shown.text and "&lt;img src=x" in shown.text


def test_the_audit_trail_is_read_only_and_admin_only(app, client, make_user, login):
    make_user("mod", roles=["Moderator"])
    services.record("test_event", None)
    row = audit("test_event")[0]
    login("mod")
    assert client.get("/admin/auditeventview/list/").status_code in (302, 403)
    assert client.get(f"/admin/auditeventview/edit/{row.id}").status_code in (302, 403, 404)
    assert client.post(f"/admin/auditeventview/delete/{row.id}").status_code in (302, 400, 403, 404)
    assert audit("test_event")


# --- Export and report --------------------------------------------------------------------


def test_csv_export_defuses_formulas(app, tmp_path):
    services.record('=HYPERLINK("http://evil")', None, note="+cmd|' /C calc'!A0")
    out = tmp_path / "audit.csv"
    result = run_cli(app, "audit", "export", "--since", "2000-01-01", "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    evil = next(r for r in rows if "HYPERLINK" in r["event"])
    assert evil["event"].startswith("'=")
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_json_export_and_bad_arguments(app):
    services.record("test_event", None)
    result = run_cli(app, "audit", "export", "--since", "2000-01-01", "--format", "json")
    assert result.exit_code == 0
    assert any(row["event"] == "test_event" for row in json.loads(result.output))
    bad = run_cli(app, "audit", "export", "--since", "yesterday'; DROP TABLE x;--")
    assert bad.exit_code == 1 and "date invalide" in bad.output
    assert (
        run_cli(app, "audit", "export", "--since", "2000-01-01", "--format", "xml").exit_code == 1
    )


def test_privileged_report_counts_sign_ins_and_actions(app, client, make_user, login):
    from tremplin.core.audit.report import build_report, format_report
    from tremplin.core.testing.accounts import outbox

    admin = make_user("root", roles=["Admin"])
    make_user("awa")
    login("root")
    month = utcnow().strftime("%Y-%m")
    rows = {r.username: r for r in build_report(month)}
    assert "awa" not in rows
    assert rows["root"].sign_ins == 1 and rows["root"].addresses == {"127.0.0.1"}
    assert "root" in format_report(month, list(rows.values()))
    result = run_cli(app, "audit", "report", "--month", month, "--send")
    assert result.exit_code == 0 and "connexions : 1" in result.output
    assert any(m["To"] == admin.email and "privilèges" in m["Subject"] for m in outbox(app))
    assert run_cli(app, "audit", "report", "--month", "2026-13").exit_code == 1
