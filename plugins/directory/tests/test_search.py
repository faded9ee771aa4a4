"""The directory page: full-text search, filters in the URL, facet counts, badges,
pagination, and what each audience may find."""

from __future__ import annotations

from tremplin.core.api import db

from . import verification_stub
from .fixtures import (  # noqa: F401
    CONFIG_OVERRIDES,
    EXTRA_PLUGINS,
    add_company,
    signed_in_client,
)


def indexed(name: str, **fields):  # type: ignore[no-untyped-def]
    from tremplin.plugins.directory.indexing import reindex_company

    cid = add_company(name, **fields)
    reindex_company(cid)
    db.session.commit()
    return cid


def test_text_search_with_a_country_filter_and_facet_counts(app, client, member_of, login):
    sn = indexed(
        "Saveurs Dakar",
        country="SN",
        sector="C10",
        description="Transformation de céréales, fonio et bissap.",
    )
    ci = indexed("Cacao Abidjan", country="CI", sector="C10", description="Cacao équitable.")
    ma = indexed("Code Rabat", country="MA", sector="J62", description="Logiciels éducatifs.")
    member_of("searcher")
    login("searcher")
    page = client.get("/fr/directory/?q=agroalimentaire")
    assert page.status_code == 200
    assert "Saveurs Dakar" in page.text and "Cacao Abidjan" in page.text
    assert "Code Rabat" not in page.text
    assert "Sénégal (1)" in page.text and "Côte d’Ivoire (1)" in page.text
    filtered = client.get("/fr/directory/?q=agroalimentaire&country=SN")
    assert f"/fr/directory/companies/{sn}" in filtered.text
    assert f"/fr/directory/companies/{ci}" not in filtered.text
    assert "1 profil trouvé" in filtered.text
    # accent-insensitive, and a section filter from the sector select
    assert f"/companies/{ma}" in client.get("/fr/directory/?q=logiciel&sector=J").text
    assert f"/companies/{ma}" not in client.get("/fr/directory/?q=logiciel&sector=C").text


def test_verified_and_recommended_companies_are_badged_and_filterable(
    app, client, member_of, login
):
    plain = indexed("Ordinaire SARL", description="Commerce de gros.")
    verification_stub.VERIFIED.add(plain + 1)
    verification_stub.RECOMMENDED.add(plain + 1)
    star = indexed("Vedette SA", description="Commerce de gros.")
    assert star == plain + 1
    member_of("badges")
    login("badges")
    page = client.get("/fr/directory/?q=commerce")
    assert "Profil vérifié" in page.text and "Recommandé par l’OIF" in page.text
    only = client.get("/fr/directory/?q=commerce&verified=yes&recommended=yes")
    assert "Vedette SA" in only.text and "Ordinaire SARL" not in only.text
    profile = client.get(f"/fr/directory/companies/{star}")
    assert "Profil vérifié" in profile.text


def test_visitors_find_only_public_profiles_and_public_fields(
    app, client, member_of, public_directory
):
    indexed(
        "Publique SARL",
        products_fr="miel de forêt",
        seeks="",
        visibility={"profile": "public", "products": "members"},
    )
    indexed("Privée SARL", products_fr="miel de montagne")
    assert "Publique SARL" in client.get("/fr/directory/?q=sarl").text
    assert "Privée SARL" not in client.get("/fr/directory/?q=sarl").text
    assert "Publique SARL" not in client.get("/fr/directory/?q=miel").text


def test_the_directory_is_closed_to_visitors_by_default(app, client):
    indexed("Cachée SARL", visibility={"profile": "public"})
    page = client.get("/fr/directory/")
    assert page.status_code == 200
    assert "réservé aux membres" in page.text and "Cachée SARL" not in page.text


def test_fields_for_verified_members_are_not_searchable_by_others(app, client, member_of, login):
    cid = indexed(
        "Réservée SA", products_fr="turbines hydrauliques", visibility={"products": "verified"}
    )
    member_of("plain.member")
    login("plain.member")
    assert "Réservée SA" not in client.get("/fr/directory/?q=turbines").text
    other = add_company("Vérifiée SARL")
    verification_stub.VERIFIED.add(other)
    member_of("verified.member", other)
    second = signed_in_client(app, "verified.member")
    assert f"/companies/{cid}" in second.get("/fr/directory/?q=turbines").text


def test_pagination_and_sorting_keep_the_state_in_the_url(
    app, client, member_of, login, monkeypatch
):
    from tremplin.plugins.directory import search_page

    monkeypatch.setattr(search_page, "page_size", lambda: 2)
    for name in ("Alpha Agro", "Bravo Agro", "Charlie Agro"):
        indexed(name, country="SN", description="agro")
    member_of("pager")
    login("pager")
    first = client.get("/fr/directory/?q=agro&country=SN&sort=title")
    assert "Page 1 sur 2" in first.text
    assert first.text.index("Alpha Agro") < first.text.index("Bravo Agro")
    assert "Charlie Agro" not in first.text
    assert "page=2" in first.text and "country=SN" in first.text and "sort=title" in first.text
    second = client.get("/fr/directory/?q=agro&country=SN&sort=title&page=2")
    assert "Charlie Agro" in second.text
    assert client.get("/fr/directory/?page=abc&sort=nope&type=bad").status_code == 200


def test_a_profile_restricted_later_leaves_the_members_index(app, client, member_of, login):
    from tremplin.plugins.directory import profiles
    from tremplin.plugins.directory.indexing import reindex_company

    cid = indexed("Bientôt Discrète", description="unique-mot-zebre")
    member_of("watcher")
    login("watcher")
    assert "Bientôt Discrète" in client.get("/fr/directory/?q=zebre").text
    row = profiles.profile_of(cid)
    assert row is not None
    row.visibility = {"profile": "verified"}
    db.session.flush()
    reindex_company(cid)
    db.session.commit()
    assert "Bientôt Discrète" not in client.get("/fr/directory/?q=zebre").text
