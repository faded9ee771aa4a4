"""Reporting company and expert profiles, and what hiding one does: gone from the
directory, the search and its page for others; its owners see a notice; restoring
brings it back. Reports go through the core moderation queue."""

from __future__ import annotations

import pytest

from tremplin.core.api import db, moderation
from tremplin.core.testing.accounts import answer_second_step
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.plugins.directory import experts
from tremplin.plugins.directory.indexing import reindex_company, reindex_expert
from tremplin.plugins.directory.moderating import COMPANY, EXPERT

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company, signed_in_client  # noqa: F401


def _company(member_of):  # type: ignore[no-untyped-def]
    owner = member_of("owner.co")
    cid = add_company("Arnaque Export SARL", owner=owner, products_fr="Fonio magique")
    reindex_company(cid)
    db.session.commit()
    return owner, cid


def _expert(member_of):  # type: ignore[no-untyped-def]
    expert = member_of("faux.expert", roles=["Expert"])
    experts.save(expert.id, {"headline": "Gourou douanier", "visibility": {}})
    reindex_expert(expert.id)
    db.session.commit()
    return expert


def _moderator(app, make_user):  # type: ignore[no-untyped-def]
    make_user("modo.dir", roles=["Moderator"], mfa=True)
    modo = app.test_client()
    page = modo.get("/fr/login")
    response = modo.post(
        "/fr/login",
        data={"login": "modo.dir", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    answer_second_step(modo, response, "modo.dir", "fr")
    return modo


def _act(modo, report_id: int, action: str):  # type: ignore[no-untyped-def]
    page = modo.get(f"/admin/moderation/{report_id}")
    assert page.status_code == 200
    return modo.post(
        f"/admin/moderation/{report_id}/action",
        data={"action": action, "csrf_token": csrf_token(page.text)},
    )


def test_a_member_reports_a_company_profile(app, client, member_of, login):
    owner, cid = _company(member_of)
    reporter = member_of("reporter.one")
    login("reporter.one")
    page = client.get(f"/fr/directory/companies/{cid}")
    assert "Signaler ce profil" in page.text
    form = client.get(f"/fr/directory/companies/{cid}/report")
    assert form.status_code == 200 and "Spam ou démarchage abusif" in form.text
    token = csrf_token(form.text)
    empty = client.post(
        f"/fr/directory/companies/{cid}/report", data={"csrf_token": token, "comment": "Louche"}
    )
    assert empty.status_code == 400 and "Choisissez un motif." in empty.text
    assert "Louche" in empty.text  # nothing typed is lost
    assert moderation.reports_on(COMPANY, [cid]) == []
    sent = client.post(
        f"/fr/directory/companies/{cid}/report",
        data={"csrf_token": token, "reason": "fraud", "comment": "Faux produits"},
    )
    assert sent.status_code == 302
    [item] = moderation.reports_on(COMPANY, [cid])
    assert (item.reporter_id, item.author_id, item.reason) == (reporter.id, owner.id, "fraud")


def test_no_csrf_no_report(app, client, member_of, login):
    _owner, cid = _company(member_of)
    member_of("reporter.csrf")
    login("reporter.csrf")
    response = client.post(f"/fr/directory/companies/{cid}/report", data={"reason": "spam"})
    assert response.status_code == 400
    assert moderation.reports_on(COMPANY, [cid]) == []


def test_one_cannot_report_ones_own_profiles_nor_as_a_visitor(app, client, member_of, login):
    _owner, cid = _company(member_of)
    expert = _expert(member_of)
    assert client.get(f"/fr/directory/companies/{cid}/report").status_code == 302  # sign in
    login("owner.co")
    assert "Signaler ce profil" not in client.get(f"/fr/directory/companies/{cid}").text
    own = client.get(f"/fr/directory/companies/{cid}/report", follow_redirects=True)
    assert "Vous ne pouvez pas signaler votre propre profil." in own.text
    expert_client = signed_in_client(app, "faux.expert")
    page = expert_client.get(f"/fr/directory/experts/{expert.id}")
    assert "Signaler ce profil" not in page.text
    refused = expert_client.post(
        f"/fr/directory/experts/{expert.id}/report",
        data={"csrf_token": csrf_token(page.text), "reason": "spam"},
    )
    assert refused.status_code == 302
    assert moderation.reports_on(COMPANY, [cid]) == moderation.reports_on(EXPERT, [expert.id]) == []


@pytest.mark.app_config({"limits": {"enabled": True}, "directory": {"report_rate": "2 per hour"}})
def test_reports_are_rate_limited(app, client, member_of, login):
    ids = [add_company(f"Limite {n}") for n in range(3)]
    member_of("reporter.fast")
    login("reporter.fast")
    token = csrf_token(client.get(f"/fr/directory/companies/{ids[0]}/report").text)
    codes = [
        client.post(
            f"/fr/directory/companies/{cid}/report", data={"csrf_token": token, "reason": "spam"}
        ).status_code
        for cid in ids
    ]
    assert codes == [302, 302, 429]
    assert moderation.reports_on(COMPANY, [ids[2]]) == []


def test_a_hidden_company_leaves_the_directory_and_comes_back(app, client, member_of, make_user):
    owner, cid = _company(member_of)
    member_of("reporter.two")
    reader = signed_in_client(app, "reporter.two")
    assert f"/companies/{cid}" in reader.get("/fr/directory/?q=fonio").text
    assert f"/companies/{cid}" in reader.get("/fr/search?q=fonio").text
    token = csrf_token(reader.get(f"/fr/directory/companies/{cid}/report").text)
    reader.post(
        f"/fr/directory/companies/{cid}/report", data={"csrf_token": token, "reason": "fraud"}
    )
    [item] = moderation.reports_on(COMPANY, [cid])
    modo = _moderator(app, make_user)
    shown = modo.get(f"/admin/moderation/{item.id}")
    assert "Arnaque Export SARL" in shown.text and 'data-profile-hidden="no"' in shown.text
    assert _act(modo, item.id, "hide").status_code == 302
    assert reader.get(f"/fr/directory/companies/{cid}").status_code == 404
    assert f"/companies/{cid}" not in reader.get("/fr/directory/?q=fonio").text
    assert f"/companies/{cid}" not in reader.get("/fr/search?q=fonio").text
    mine = signed_in_client(app, "owner.co").get(f"/fr/directory/companies/{cid}")
    assert mine.status_code == 200 and "masquée par la modération" in mine.text
    assert 'data-profile-hidden="yes"' in modo.get(f"/admin/moderation/{item.id}").text
    assert _act(modo, item.id, "restore").status_code == 302
    assert reader.get(f"/fr/directory/companies/{cid}").status_code == 200
    assert f"/companies/{cid}" in reader.get("/fr/directory/?q=fonio").text
    assert owner.id == moderation.reports_on(COMPANY, [cid])[0].author_id


def test_a_hidden_expert_profile(app, client, member_of, make_user):
    expert = _expert(member_of)
    member_of("reporter.three")
    reader = signed_in_client(app, "reporter.three")
    assert "Gourou douanier" in reader.get("/fr/directory/?type=expert&q=gourou").text
    page = reader.get(f"/fr/directory/experts/{expert.id}")
    assert "Signaler ce profil" in page.text
    token = csrf_token(reader.get(f"/fr/directory/experts/{expert.id}/report").text)
    sent = reader.post(
        f"/fr/directory/experts/{expert.id}/report",
        data={"csrf_token": token, "reason": "spam", "comment": "Publicité"},
    )
    assert sent.status_code == 302
    [item] = moderation.reports_on(EXPERT, [expert.id])
    assert item.author_id == expert.id
    modo = _moderator(app, make_user)
    assert _act(modo, item.id, "hide").status_code == 302
    assert reader.get(f"/fr/directory/experts/{expert.id}").status_code == 404
    assert "Gourou douanier" not in reader.get("/fr/directory/?type=expert&q=gourou").text
    own = signed_in_client(app, "faux.expert").get(f"/fr/directory/experts/{expert.id}")
    assert own.status_code == 200 and "masqué par la modération" in own.text
    _act(modo, item.id, "restore")
    assert reader.get(f"/fr/directory/experts/{expert.id}").status_code == 200
