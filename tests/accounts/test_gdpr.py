"""GDPR rights: export of one's data (ZIP by a task, link by e-mail, download
signed in only), deletion with a grace period, erasure, retention."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tremplin.core.accounts.gdpr.erasure import erase_due
from tremplin.core.accounts.gdpr.models import DataExport, DeletionRequest
from tremplin.core.accounts.gdpr.services import purge_exports
from tremplin.core.accounts.profile.models import Company, Profile
from tremplin.core.accounts.sessions.store import SessionRecord, utcnow
from tremplin.core.api import PersonalData, hookimpl
from tremplin.core.audit.models import AuditEvent
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import body, outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
HOSTILE = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "SUPPRIMER\r\nBcc: x@evil.example",
    "a" * 5000,
]


class NotebookPlugin:
    """A plugin holding a note and a file about members."""

    def __init__(self) -> None:
        self.erased: list[int] = []
        self.folder: Path | None = None

    @hookimpl
    def personal_data(self, user_id: int) -> PersonalData:
        files = ()
        if self.folder is not None:
            path = self.folder / "cv de l'adhérent.pdf"
            path.write_bytes(b"%PDF-1.4 test")
            files = (path,)
        return PersonalData("carnet", ({"note": f"note of {user_id}"},), files)

    @hookimpl
    def erase_personal_data(self, user_id: int) -> None:
        self.erased.append(user_id)


PLUGIN = NotebookPlugin()
EXTRA_PLUGINS = [PLUGIN]


@pytest.fixture
def member(app, make_user, tmp_path):
    PLUGIN.folder = tmp_path
    user = make_user("awa")
    company = Company(name="Baobab SARL", country="SN")
    db.session.add(company)
    db.session.flush()
    db.session.add(Profile(user_id=user.id, company_id=company.id, job_title="Gérante"))
    db.session.commit()
    return user


def export_link(app) -> str:
    message = [m for m in outbox(app) if "prêtes" in m["Subject"]][-1]
    return re.search(r"http://\S+/account/data/export/\S+", body(message)).group(0)


def request_export(client) -> None:
    page = client.get("/fr/account/data")
    assert page.status_code == 200
    response = client.post("/fr/account/data/export", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302


# --- Export ----------------------------------------------------------------------------


def test_member_exports_their_data_as_a_zip(app, client, member, login):
    login("awa")
    request_export(client)
    export = db.session.scalar(select(DataExport))
    assert export.status == "ready" and len(export.token) >= 40
    files = list((Path(app.instance_path) / "exports").iterdir())
    assert [f.name for f in files] == [f"{export.token}.zip"]
    path = export_link(app).split("localhost", 1)[-1].split("127.0.0.1:5000", 1)[-1]
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("donnees.json"))
    assert data["account"]["email"] == "awa@example.org"
    assert data["company"]["name"] == "Baobab SARL"
    assert data["tables"]["core_profile"][0]["job_title"] == "Gérante"
    assert data["sessions"] and data["sessions"][0]["ip"] == "127.0.0.1"
    assert any(e["event"] == "login_succeeded" for e in data["audit_events"])
    assert data["plugins"]["carnet"] == [{"note": f"note of {member.id}"}]
    assert "fichiers/carnet/cv_de_l_adh_rent.pdf" in archive.namelist()
    text = archive.read("donnees.json").decode()
    assert '"password":' not in text and "$argon2" not in text and export.token not in text
    assert "secret" not in text and "csrf" not in text


def test_the_download_needs_the_owner_signed_in(app, client, member, make_user, login):
    make_user("binta")
    login("awa")
    request_export(client)
    path = "/fr/account/data/export/" + db.session.scalar(select(DataExport.token))
    stranger = app.test_client()
    assert stranger.get(path).status_code == 302  # to the sign-in page
    page = stranger.get("/fr/login")
    stranger.post(
        "/fr/login",
        data={"login": "binta", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert stranger.get(path).status_code == 404


@pytest.mark.parametrize("token", ["' OR 1=1 --", "<script>", "..%2F..%2Fetc%2Fpasswd", "x" * 200])
def test_unknown_tokens_are_not_found(client, member, login, token):
    login("awa")
    assert client.get(f"/fr/account/data/export/{token}").status_code == 404


def test_expired_exports_cannot_be_downloaded_and_are_purged(app, client, member, login):
    login("awa")
    request_export(client)
    export = db.session.scalar(select(DataExport))
    db.session.execute(update(DataExport).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert client.get(f"/fr/account/data/export/{export.token}").status_code == 404
    assert purge_exports() == 1
    assert list((Path(app.instance_path) / "exports").iterdir()) == []


def test_one_export_at_a_time(app, client, member, login):
    login("awa")
    request_export(client)
    request_export(client)
    assert len(db.session.scalars(select(DataExport)).all()) == 1
    assert "Un export vient d’être demandé" in client.get("/fr/account/data").text


# --- Deletion with a grace period ---------------------------------------------------------


def delete_form(client, password=TEST_PASSWORD, confirmation="SUPPRIMER"):
    page = client.get("/fr/account/delete")
    return client.post(
        "/fr/account/delete",
        data={
            "csrf_token": csrf_token(page.text),
            "password": password,
            "confirmation": confirmation,
        },
    )


def test_deletion_request_signs_out_everywhere_and_can_be_cancelled(app, client, member, login):
    phone = app.test_client()
    page = phone.get("/fr/login")
    phone.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    login("awa")
    response = delete_form(client)
    assert response.status_code == 302
    request = db.session.scalar(select(DeletionRequest))
    assert request.state == "pending"
    assert timedelta(days=13) < request.due_at - utcnow() <= timedelta(days=14)
    assert (
        db.session.scalars(select(SessionRecord).where(SessionRecord.user_id == member.id)).all()
        == []
    )
    assert phone.get("/fr/dashboard").status_code == 302
    assert "Connectez-vous avant cette date" in body(outbox(app)[-1])
    login("awa")
    db.session.expire_all()
    assert db.session.scalar(select(DeletionRequest.state)) == "cancelled"
    assert "annulée" in client.get("/fr/dashboard").text
    assert "annulée" in outbox(app)[-1]["Subject"]


def test_wrong_password_refuses_and_keeps_the_confirmation(client, member, login):
    login("awa")
    response = delete_form(client, password="not my password", confirmation="supprimer")
    assert response.status_code == 400
    assert "Mot de passe incorrect." in response.text
    assert 'value="supprimer"' in response.text
    assert db.session.scalar(select(DeletionRequest.id)) is None


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_confirmations_are_refused_and_shown_escaped(client, member, login, value):
    login("awa")
    response = delete_form(client, confirmation=value)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.text
    assert (
        "Recopiez exactement le mot SUPPRIMER." in response.text
        or "64 caractères au plus." in response.text
    )
    assert db.session.scalar(select(DeletionRequest.id)) is None


def test_oversized_password_is_refused(client, member, login):
    login("awa")
    response = delete_form(client, password="p" * 5000)
    assert response.status_code == 400 and "1024 caractères au plus." in response.text


# --- Erasure -------------------------------------------------------------------------------


def assert_erased(app, user_id: int) -> None:
    db.session.expire_all()
    user = app.appbuilder.sm.get_user_by_id(user_id)
    assert user.username == user.email == f"deleted-{user_id}@invalid"
    assert (user.first_name, user.last_name) == ("Membre", "supprimé")
    assert not user.active and user.roles == [] and user.password.startswith("!")
    assert db.session.scalar(select(Profile).where(Profile.user_id == user_id)) is None
    assert db.session.scalar(select(Company.name)) == "Baobab SARL"  # others need it
    assert user_id in PLUGIN.erased
    assert db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.event == "account_erased", AuditEvent.subject_user_id == user_id
        )
    )


def test_the_daily_task_erases_accounts_past_their_grace_period(app, client, member, login):
    login("awa")
    delete_form(client)
    assert erase_due() == 0  # still in the grace period
    db.session.execute(update(DeletionRequest).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert erase_due() == 1
    assert_erased(app, member.id)
    assert db.session.scalar(select(DeletionRequest.state)) == "erased"
    assert "supprimé" in outbox(app)[-1]["Subject"]
    assert login("awa").status_code == 200  # nobody can sign in any more


def test_admin_erases_from_the_cli(app, member):
    from tests.accounts.test_audit import run_cli

    assert run_cli(app, "users", "erase", "awa").exit_code == 1  # --yes required
    result = run_cli(app, "users", "erase", "awa", "--yes")
    assert result.exit_code == 0, result.output
    assert_erased(app, member.id)
    again = run_cli(app, "users", "erase", str(member.id), "--yes")
    assert again.exit_code == 1 and "déjà effacé" in again.output
    assert run_cli(app, "users", "erase", "nobody'; --", "--yes").exit_code == 1


def test_the_last_administrator_cannot_be_erased(app, make_user):
    from tests.accounts.test_audit import run_cli

    make_user("root", roles=["Admin"])
    result = run_cli(app, "users", "erase", "root", "--yes")
    assert result.exit_code == 1 and "dernier administrateur" in result.output


def test_admin_erases_from_the_back_office(app, client, member, make_user, login):
    make_user("root", roles=["Admin"])
    login("root")
    page = client.get("/admin/users/list/")
    response = client.post(
        "/admin/users/action_post",
        data={
            "csrf_token": csrf_token(page.text),
            "action": "erase_personal_data",
            "rowid": [str(member.id)],
        },
    )
    assert response.status_code == 302
    assert_erased(app, member.id)
