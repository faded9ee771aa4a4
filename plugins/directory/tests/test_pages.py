"""Company profile pages: who sees what (visibility), edit and create, 404 for others."""

from __future__ import annotations

import pytest

from tremplin.core.testing.fixtures import csrf_token

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company  # noqa: F401  (one app for all)


def test_a_member_sees_a_members_profile_and_a_visitor_gets_404(app, client, member_of, login):
    cid = add_company("Saveurs Test", products_fr="Fonio précuit", seeks="distributeurs")
    member_of("reader")
    assert client.get(f"/fr/directory/companies/{cid}").status_code == 404
    login("reader")
    page = client.get(f"/fr/directory/companies/{cid}")
    assert page.status_code == 200
    assert "Saveurs Test" in page.text and "Fonio précuit" in page.text
    assert "Modifier la fiche" not in page.text
    assert "Aucune participation à une mission" in page.text


def test_verified_only_fields_are_hidden_from_unverified_members(app, client, member_of, login):
    cid = add_company(
        "Secrète SARL",
        registration_number="RC-SECRET-42",
        address="12 rue Cachée",
        visibility={"identity": "verified", "figures": "verified"},
    )
    member_of("curious")
    login("curious")
    page = client.get(f"/fr/directory/companies/{cid}")
    assert page.status_code == 200
    assert "RC-SECRET-42" not in page.text and "12 rue Cachée" not in page.text
    assert "réservées aux membres" in page.text


def test_a_verified_only_profile_is_404_for_an_unverified_member(app, client, member_of, login):
    cid = add_company("Discrète SA", visibility={"profile": "verified"})
    member_of("nosy")
    login("nosy")
    assert client.get(f"/fr/directory/companies/{cid}").status_code == 404
    assert client.get(f"/fr/directory/companies/{cid}/edit").status_code == 404
    assert client.get("/fr/directory/companies/999999").status_code == 404


def test_representatives_see_everything_and_the_completion_indicator(app, client, member_of, login):
    cid = add_company(
        "Ma Boîte", registration_number="RC-MINE-1", visibility={"identity": "verified"}
    )
    member_of("mine", cid)
    login("mine")
    page = client.get(f"/fr/directory/companies/{cid}")
    assert "RC-MINE-1" in page.text
    assert "Fiche complète à" in page.text and "un logo" in page.text


def test_another_member_cannot_edit_or_manage(app, client, member_of, login):
    cid = add_company("Pas À Toi")
    member_of("intruder")
    login("intruder")
    for path in ("edit", "media", "representatives"):
        assert client.get(f"/fr/directory/companies/{cid}/{path}").status_code == 404
    edit = client.get("/fr/directory/my-company")
    response = client.post(
        f"/fr/directory/companies/{cid}/edit",
        data={"name": "Volée", "country": "SN", "csrf_token": csrf_token(edit.text)},
    )
    assert response.status_code == 404
    from tremplin.core import api

    found = api.company(cid)
    assert found is not None and found.name == "Pas À Toi"


def _form(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    return csrf_token(page.text)


BASE = {
    "name": "Wax Éthique Test",
    "country": "CI",
    "city": "Abidjan",
    "sector": "C14",
    "export_stage": "first_time",
    "description": "Mode éthique en pagne wax.",
    "vis_profile": "members",
    "vis_description": "members",
    "vis_products": "members",
    "vis_markets": "members",
    "vis_media": "members",
    "vis_representatives": "members",
    "vis_identity": "verified",
    "vis_figures": "verified",
    "size_band": "",
    "revenue_band": "",
}


def test_a_member_creates_their_company_and_becomes_its_owner(app, client, member_of, login):
    from tremplin.core import api
    from tremplin.plugins.directory import profiles

    user = member_of("aminata.test")
    login("aminata.test")
    token = _form(client, "/fr/directory/my-company")
    data = dict(BASE, markets=["BE", "CA"], free_tags="mode, wax", csrf_token=token)
    response = client.post("/fr/directory/my-company", data=data)
    assert response.status_code == 302, response.text[:800]
    company = api.company_of(user.id)
    assert company is not None and company.name == "Wax Éthique Test"
    assert profiles.owner_id_of(company.id) == user.id
    profile = profiles.profile_of(company.id)
    assert profile is not None and profile.markets == ["BE", "CA"]
    assert profile.free_tags == ["mode", "wax"]
    page = client.get(response.headers["Location"])
    assert "Fiche complète à" in page.text, page.text[page.text.find("<main") :][:1500]
    # the form now leads to the company's edit page
    assert client.get("/fr/directory/my-company").status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Ce champ est obligatoire."),
        ({"name": "x" * 201}, "200"),
        ({"website": "javascript:alert(1)"}, "https://"),
        ({"year_founded": "3000"}, "Une année entre 1800"),
        ({"country": "ZZ"}, "pas un choix valide"),
        ({"free_tags": "=cmd()"}, "Mot-clé invalide"),
        ({"export_share": "150"}, "0 à 100"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_created(
    app, client, member_of, login, changes, message
):
    from tremplin.core import api

    user = member_of("badinput")
    login("badinput")
    token = _form(client, "/fr/directory/my-company")
    response = client.post("/fr/directory/my-company", data=dict(BASE, csrf_token=token, **changes))
    assert response.status_code == 400
    assert message in response.text, response.text[response.text.find("error-summary") :][:600]
    assert 'value="Wax Éthique Test"' in response.text or changes.get("name") is not None
    assert api.company_of(user.id) is None


def test_hostile_text_is_escaped(app, client, member_of, login):
    cid = add_company("<script>alert(1)</script>", products_fr="<img src=x onerror=alert(1)>")
    member_of("xss.reader")
    login("xss.reader")
    page = client.get(f"/fr/directory/companies/{cid}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text and "<img src=x" not in page.text


def test_the_owner_edits_and_the_visibility_is_kept(app, client, member_of, login):
    from tremplin.plugins.directory import profiles

    cid = add_company("Éditée", country="SN")
    user = member_of("editor", cid)
    profiles.ensure_profile(cid).owner_id = user.id
    login("editor")
    token = _form(client, f"/fr/directory/companies/{cid}/edit")
    data = dict(
        BASE,
        name="Éditée SARL",
        country="SN",
        vis_figures="members",
        registration_number="SN-123",
        csrf_token=token,
    )
    response = client.post(f"/fr/directory/companies/{cid}/edit", data=data)
    assert response.status_code == 302, response.text[:800]
    profile = profiles.profile_of(cid)
    assert profile is not None and profile.visibility["figures"] == "members"
    from tremplin.core import api

    found = api.company(cid)
    assert found is not None and found.registration_number == "SN-123"
