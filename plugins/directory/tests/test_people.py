"""Representatives (one owner, invitations, removal) and expert profiles."""

from __future__ import annotations

from tremplin.core import api
from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.directory import profiles

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company, signed_in_client  # noqa: F401


def test_the_owner_invites_a_member_who_accepts_then_is_removed(app, client, member_of, login):
    owner = member_of("owner")
    cid = add_company("Équipe SARL", owner=owner)
    guest = member_of("newrep")
    guest_user = api.members(user_ids=[guest.id], limit=1)[0]
    login("owner")
    page = client.get(f"/fr/directory/companies/{cid}/representatives")
    assert page.status_code == 200
    token = csrf_token(page.text)
    sent = client.post(
        f"/fr/directory/companies/{cid}/representatives",
        data={"csrf_token": token, "email": guest_user.email.upper()},
    )
    assert sent.status_code == 302
    unknown = client.post(
        f"/fr/directory/companies/{cid}/representatives",
        data={"csrf_token": token, "email": "nobody@example.org"},
    )
    assert unknown.status_code == 302  # same answer: nobody learns who has an account
    bad = client.post(
        f"/fr/directory/companies/{cid}/representatives",
        data={"csrf_token": token, "email": "not-an-address"},
    )
    assert bad.status_code == 400 and "Adresse e-mail invalide" in bad.text
    rep = signed_in_client(app, "newrep")
    listing = rep.get("/fr/directory/invitations")
    assert "Équipe SARL" in listing.text
    import re

    accept = re.search(r'action="(/fr/directory/invitations/\d+/accept)"', listing.text)
    assert accept is not None
    # someone else cannot answer it
    member_of("thief")
    thief = signed_in_client(app, "thief")
    token_thief = csrf_token(thief.get("/fr/directory/invitations").text)
    assert thief.post(accept.group(1), data={"csrf_token": token_thief}).status_code == 404
    assert (
        rep.post(accept.group(1), data={"csrf_token": csrf_token(listing.text)}).status_code == 302
    )
    assert api.company_member_ids(cid) == [owner.id, guest.id]
    # a representative may edit but not manage
    assert rep.get(f"/fr/directory/companies/{cid}/edit").status_code == 200
    assert rep.get(f"/fr/directory/companies/{cid}/representatives").status_code == 404
    # the owner cannot be removed; the representative can
    me = client.post(
        f"/fr/directory/companies/{cid}/representatives/{owner.id}/remove",
        data={"csrf_token": token},
    )
    assert me.status_code == 302 and api.company_member_ids(cid) == [owner.id, guest.id]
    gone = client.post(
        f"/fr/directory/companies/{cid}/representatives/{guest.id}/remove",
        data={"csrf_token": token},
    )
    assert gone.status_code == 302 and api.company_member_ids(cid) == [owner.id]
    assert profiles.owner_id_of(cid) == owner.id


def test_expert_profile_edit_view_and_visibility(app, client, member_of, login):
    expert = member_of("expert.one", roles=["Expert"])
    login("expert.one")
    page = client.get("/fr/directory/me/expert")
    assert page.status_code == 200
    token = csrf_token(page.text)
    data = {
        "csrf_token": token,
        "headline": "Consultante export",
        "expertise": "douane, export, douane",
        "sectors": ["C10"],
        "countries": ["SN", "FR"],
        "languages": ["fr", "wo"],
        "bio_fr": "Quinze ans d'export.",
        "bio_en": "",
        "mentoring": "y",
        "vis_profile": "members",
        "vis_bio": "verified",
        "vis_countries": "members",
    }
    too_many = dict(data, expertise=", ".join(f"d{i}" for i in range(20)))
    assert client.post("/fr/directory/me/expert", data=too_many).status_code == 400
    saved = client.post("/fr/directory/me/expert", data=data)
    assert saved.status_code == 302
    own = client.get(f"/fr/directory/experts/{expert.id}")
    assert "Quinze ans" in own.text and "douane, export" in own.text
    member_of("reader.two")
    other = signed_in_client(app, "reader.two")
    seen = other.get(f"/fr/directory/experts/{expert.id}")
    assert seen.status_code == 200 and "Consultante export" in seen.text
    assert "Quinze ans" not in seen.text  # the biography is for verified members
    assert app.test_client().get(f"/fr/directory/experts/{expert.id}").status_code == 404
    assert other.get("/fr/directory/me/expert").status_code == 404  # not an expert
    assert other.get("/fr/directory/experts/999999").status_code == 404


def test_an_erased_expert_leaves_nothing_behind(app, member_of):
    from tremplin.plugins.directory import experts, privacy

    expert = member_of("erased.expert", roles=["Expert"])
    experts.save(expert.id, {"headline": "X", "expertise": ["a"]})
    db.session.commit()
    exported = privacy.export(expert.id)
    assert exported is not None and exported.records[0]["headline"] == "X"
    privacy.erase(expert.id)
    db.session.commit()
    assert experts.profile_of(expert.id) is None and privacy.export(expert.id) is None
