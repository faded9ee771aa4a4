"""In headless Chromium: an administrator changes a role and finds it in the audit
trail; a member exports their data, downloads the ZIP, requests deletion, and the
erasure task anonymises the account. axe on the member pages (sessions, data,
deletion): no serious or critical violation."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from tremplin.core.testing.fixtures import TEST_PASSWORD

from .audit import axe_violations, structure, structure_problems
from .conftest import sign_in

pytestmark = pytest.mark.browser
MEMBER = "gdpr.member"
TARGET = "role.target"


def _make(app, username: str, first: str) -> int:
    from tremplin.core.accounts.shared.services import create_user, find_user
    from tremplin.core.extensions import db

    with app.app_context():
        user = find_user(username) or create_user(
            username, f"{username}@example.org", first, "Navigateur", TEST_PASSWORD, ["Company"]
        )
        db.session.commit()
        user_id = user.id
        db.session.remove()
    return user_id


def _accessible(page, where: str) -> None:
    problems = axe_violations(page) + structure_problems(structure(page))
    assert not problems, f"{where}:\n" + "\n".join(problems)


def test_admin_role_change_shows_in_the_audit_trail(admin, live_server):
    target = _make(live_server.app, TARGET, "Cible")
    page = admin.new_page()
    page.goto(live_server(f"/admin/users/edit/{target}"))
    moderator = page.locator("#roles option", has_text="Moderator").get_attribute("value")
    company = page.locator("#roles option", has_text="Company").get_attribute("value")
    page.select_option("#roles", [company, moderator], force=True)
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.goto(live_server("/admin/auditeventview/list/?_flt_0_event=user_roles_changed"))
    rows = page.locator("table tbody tr", has_text="Cible Navigateur")
    assert rows.count() >= 1, page.content()[:2000]
    row = rows.first.inner_text()
    assert "user_roles_changed" in row and "127.0.0.1" in row
    page.close()


def _export_link(app, since: set[str]) -> str:
    import email
    from email.policy import default

    from tremplin.core.testing.accounts import body

    folder = Path(app.instance_path) / "outbox"
    new = [p for p in sorted(folder.glob("*.eml")) if p.name not in since]
    text = "\n".join(body(email.message_from_bytes(p.read_bytes(), policy=default)) for p in new)
    match = re.search(r"http://127\.0\.0\.1:\d+/fr/account/data/export/[A-Za-z0-9_-]+", text)
    assert match, f"no export link in the new messages: {[p.name for p in new]}"
    return match.group(0)


def test_member_exports_downloads_then_deletes(browser, live_server, tmp_path):
    user_id = _make(live_server.app, MEMBER, "Exporte")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    sign_in(context, live_server, MEMBER)
    page = context.new_page()

    page.goto(live_server("/fr/account/sessions"))
    assert page.locator("table.data-table tbody tr").count() >= 1
    _accessible(page, "sessions")

    outbox = Path(live_server.app.instance_path) / "outbox"
    before = {p.name for p in outbox.glob("*.eml")} if outbox.is_dir() else set()
    page.goto(live_server("/fr/account/data"))
    _accessible(page, "data")
    with page.expect_navigation():
        page.get_by_role("button", name="Demander l’export de mes données").click()
    link = _export_link(live_server.app, before)
    download_link = page.locator("a[href*='/account/data/export/']").first
    assert live_server(download_link.get_attribute("href")) == link
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "export.zip"
    info.value.save_as(saved)
    data = json.loads(zipfile.ZipFile(saved).read("donnees.json"))
    assert data["account"]["username"] == MEMBER

    page.goto(live_server("/fr/account/delete"))
    with page.expect_navigation():
        page.get_by_role("button", name="Supprimer mon compte").click()  # empty: errors
    assert page.locator(".error-summary").count() == 1
    _accessible(page, "delete (errors)")
    page.fill("#password", TEST_PASSWORD)
    page.fill("#confirmation", "SUPPRIMER")
    with page.expect_navigation():
        page.get_by_role("button", name="Supprimer mon compte").click()
    assert "sera supprimé le" in page.content()
    context.close()
    _erase_and_check(live_server.app, user_id)


def _erase_and_check(app, user_id: int) -> None:
    from sqlalchemy import update

    from tremplin.core.accounts.gdpr.erasure import erase_due
    from tremplin.core.accounts.gdpr.models import DeletionRequest
    from tremplin.core.accounts.sessions.store import utcnow
    from tremplin.core.extensions import db

    with app.app_context():
        db.session.execute(
            update(DeletionRequest)
            .where(DeletionRequest.user_id == user_id)
            .values(due_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
        assert erase_due() == 1
        user = app.appbuilder.sm.get_user_by_id(user_id)
        assert user.email == f"deleted-{user_id}@invalid" and not user.active
        db.session.remove()
