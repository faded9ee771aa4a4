"""Partner suggestions: complementary data, one line of reason each, replaceable
through the first-result hook ``suggest_partners``."""

from __future__ import annotations

from tremplin.plugins.directory import suggestions

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company  # noqa: F401


def test_complementary_companies_come_first_with_their_reason(app, client, member_of, login):
    me = add_company(
        "Fonio Sénégal",
        country="SN",
        sector="C10",
        markets=["FR"],
        seeks="distributeurs épicerie fine",
        products_fr="farine de fonio",
    )
    importer = add_company(
        "Épicerie Paris",
        country="FR",
        sector="G46",
        markets=["SN"],
        products_fr="distribution en épicerie fine",
        seeks="farine africaine",
    )
    same = add_company("Mil Mali", country="ML", sector="C10")
    neighbour = add_company("Boissons Togo", country="TG", sector="C11")
    unrelated = add_company("Code Rabat", country="MA", sector="J62")
    found = suggestions.built_in(me, 10)
    ids = [s.company_id for s in found]
    assert ids[0] == importer
    assert same in ids and neighbour in ids and unrelated not in ids
    assert ids.index(same) < ids.index(neighbour)
    reasons = {s.company_id: s.reason for s in found}
    assert "Sénégal" in reasons[importer] or "cherchez" in reasons[importer]
    assert reasons[same].startswith("Même secteur")
    assert reasons[neighbour].startswith("Secteur voisin")
    member_of("suggested", me)
    login("suggested")
    page = client.get(f"/fr/directory/companies/{me}")
    assert "Entreprises avec qui travailler" in page.text
    assert f"/fr/directory/companies/{importer}" in page.text


def test_suggestions_hide_companies_the_viewer_may_not_see(app, member_of):
    me = add_company("Visible", country="SN", sector="C10")
    add_company("Invisible", country="SN", sector="C10", visibility={"profile": "verified"})
    user = member_of("looker", me)
    from tremplin.core import api

    with app.test_request_context():
        member = api.members(user_ids=[user.id], limit=1)[0]
        shown = suggestions.suggestions_for(me, 5, member)
    assert [data.company.name for data, _reason in shown] == []


def test_a_matchmaker_plugin_can_answer_first(app, member_of):
    from tremplin.core.api import hookimpl

    me = add_company("Cherche", country="SN", sector="C10")
    other = add_company("Trouvée", country="MA", sector="J62")

    class Matchmaker:
        @hookimpl
        def suggest_partners(self, company_id, limit):  # type: ignore[no-untyped-def]
            return [{"company_id": other, "reason": "Choisie par l'IA."}]

    pm = app.extensions["tremplin"].pm
    plugin = Matchmaker()
    pm.register(plugin)
    try:
        user = member_of("matched", me)
        from tremplin.core import api

        with app.test_request_context():
            member = api.members(user_ids=[user.id], limit=1)[0]
            shown = suggestions.suggestions_for(me, 5, member)
    finally:
        pm.unregister(plugin)
    assert [(d.id, reason) for d, reason in shown] == [(other, "Choisie par l'IA.")]
