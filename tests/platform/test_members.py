"""The member API: current_member (free once the member is loaded), company_of,
members(filters) in a fixed number of queries, kinds and verification."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import g

from tremplin.core import api
from tremplin.core.api import Member, db
from tremplin.core.members.models import Company, Profile
from tremplin.core.members.services import kind_of, member_by_id
from tremplin.core.security.access import load_member
from tremplin.core.testing.plugins import load_uninstalled
from tremplin.core.testing.queries import recorded_queries
from tremplin.core.testing.urlwalk import sign_in

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]
# Core's own cost: a verification plugin answering the hook adds its query (cached
# per request), measured with the plugin.
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}, "plugins": {"enabled": []}}


def company(name: str, country: str = "SN", sector: str = "agri") -> Company:
    found = Company(name=name, country=country, sector=sector)
    db.session.add(found)
    db.session.flush()
    return found


def with_profile(user, at: Company | None = None, language: str = "fr"):  # type: ignore[no-untyped-def]
    db.session.add(Profile(user_id=user.id, company_id=at.id if at else None, language=language))
    db.session.commit()
    return user


def signed_in_request(user_id: int) -> None:
    from flask_login import login_user

    from tremplin.core.testing.accounts import REQUEST_SCOPED

    for key in REQUEST_SCOPED:
        g.pop(key, None)
    user = load_member(user_id)
    login_user(user)
    g.user = user


def test_kinds_follow_the_roles_with_staff_first():
    assert kind_of(["Company", "Moderator"]) == "staff"
    assert kind_of(["Admin"]) == "staff"
    assert kind_of(["Expert", "Company"]) == "company"
    assert kind_of(["Expert"]) == "expert"
    assert kind_of(["Guest"]) == kind_of([]) == "guest"


def test_current_member_is_none_for_a_visitor(app):
    with app.test_request_context():
        g.pop("tremplin_member", None)
        assert api.current_member() is None
    assert api.current_member() is None  # outside a request


def test_current_member_of_a_signed_in_member_costs_no_query(app, make_user):
    user = with_profile(make_user("awa", roles=["Company"]), company("Awa SARL"), "en")
    with app.test_request_context():
        signed_in_request(user.id)
        with recorded_queries() as sql:
            first = api.current_member()
            again = api.current_member()
        assert sql == []
        assert first is again
    assert isinstance(first, Member)
    assert (first.id, first.username, first.email) == (user.id, "awa", "awa@example.org")
    assert first.display_name == "Awa Test"
    assert first.language == "en" and first.roles == ("Company",) and first.kind == "company"
    assert first.company is not None and first.company.name == "Awa SARL"
    assert first.company.country == "SN" and first.company.sector == "agri"
    assert first.profile is not None and first.verification == "unverified"


def test_a_guarded_page_reads_the_profile_only_with_the_member(app, make_user):
    from tremplin_testplugin.services import add_note

    user = with_profile(make_user("binta", roles=["Expert"]), company("Binta Conseil"))
    note = add_note("mine", author_id=user.id)
    client = app.test_client()
    sign_in(client, "binta")
    with recorded_queries() as sql:
        assert client.get(f"/fr/testplugin/notes/{note.id}").status_code == 200
    assert not [s for s in sql if "FROM core_profile" in s or "FROM core_company" in s], sql
    assert any("LEFT OUTER JOIN core_profile" in s for s in sql)  # the member loader's query


def test_verification_comes_from_the_hook(app, make_user):
    from tremplin_testplugin.plugin import VERIFIED

    at = company("Verified SA")
    user = with_profile(make_user("kofi", roles=["Company"]), at)
    app.extensions[VERIFIED] = {at.id: "verified"}
    try:
        found = member_by_id(user.id)
        assert found is not None and found.verification == "verified" and found.is_verified
    finally:
        app.extensions.pop(VERIFIED, None)
    assert member_by_id(user.id).verification == "unverified"  # type: ignore[union-attr]


def test_company_of_by_id_user_or_member(app, make_user):
    at = company("Diallo & fils", "CI", "textile")
    user = with_profile(make_user("diallo", roles=["Company"]), at)
    lone = with_profile(make_user("lone", roles=["Guest"]))
    assert api.company_of(user.id).name == "Diallo & fils"  # type: ignore[union-attr]
    assert api.company_of(user).country == "CI"  # type: ignore[union-attr]
    assert api.company_of(member_by_id(user.id)).sector == "textile"  # type: ignore[union-attr]
    assert api.company_of(lone) is None
    assert api.company_of(None) is None


@pytest.fixture
def population(make_user):
    sn, ci = company("Sénégal Agro", "SN", "agri"), company("Ivoire Tissus", "CI", "textile")
    made = {}
    for name, roles, at in (
        ("ama", ["Company"], sn),
        ("bob", ["Company"], ci),
        ("cheikh", ["Expert"], None),
        ("dede", ["Guest"], None),
        ("eve", ["Moderator", "Company"], sn),
        ("fatou", ["Company", "Expert"], ci),
    ):
        made[name] = with_profile(make_user(name, roles=roles), at)
    return made, sn, ci


def names(found: list[Member]) -> set[str]:
    return {m.username for m in found}


def test_members_filters(app, population):
    _made, sn, ci = population
    everyone = api.members(limit=100)
    assert {"ama", "bob", "cheikh", "dede", "eve", "fatou"} <= names(everyone)
    assert names(api.members(country="SN")) == {"ama", "eve"}
    assert names(api.members(country="ci", sector="textile")) == {"bob", "fatou"}
    assert names(api.members(company_id=sn.id)) == {"ama", "eve"}
    assert names(api.members(sector="agri", role="Moderator")) == {"eve"}
    assert {"cheikh", "fatou"} <= names(api.members(role="Expert", limit=100))
    assert names(api.members(kind="company", limit=100)) >= {"ama", "bob", "fatou"}
    assert "eve" not in names(api.members(kind="company", limit=100))  # staff first
    assert "fatou" not in names(api.members(kind="expert", limit=100))
    assert "cheikh" in names(api.members(kind="expert", limit=100))
    assert "dede" in names(api.members(kind="guest", limit=100))
    assert not {"ama", "cheikh", "eve"} & names(api.members(kind="guest", limit=100))
    eve = api.members(company_id=sn.id, role="Moderator")[0]
    assert eve.kind == "staff" and eve.roles == ("Company", "Moderator")
    assert eve.company is not None and eve.company.id == sn.id
    with pytest.raises(ValueError, match="unknown member kind"):
        api.members(kind="robot")
    assert ci.id != sn.id


def test_members_pages_with_limit_and_offset(app, population):
    first = api.members(country="SN", limit=1)
    second = api.members(country="SN", limit=1, offset=1)
    assert len(first) == len(second) == 1
    assert names(first) | names(second) == {"ama", "eve"}


def test_members_take_two_queries_whatever_the_count(app, make_user, population):
    at = company("Grand groupe", "SN", "mines")
    for i in range(12):
        with_profile(make_user(f"staff{i}", roles=["Company", "Expert"]), at)
    at_id = at.id
    db.session.expire_all()
    with recorded_queries() as small:
        assert len(api.members(company_id=at_id, limit=2)) == 2
    db.session.expire_all()
    with recorded_queries() as big:
        found = api.members(company_id=at_id, limit=50)
        assert [m.roles for m in found] == [("Company", "Expert")] * 12
        assert {m.company.name for m in found if m.company} == {"Grand groupe"}
    assert len(small) == len(big) <= 2, big


def test_roles_held_through_a_group_count(app, make_user):
    from flask_appbuilder.security.sqla.models import Group

    sm = app.appbuilder.sm
    user = with_profile(make_user("grouped", roles=["Guest"]))
    group = Group(name="Experts associés", label="", description="")
    group.roles = [sm.find_role("Expert")]
    group.users = [user]
    db.session.add(group)
    db.session.commit()
    found = member_by_id(user.id)
    assert found is not None and found.roles == ("Expert", "Guest") and found.kind == "expert"
    assert "grouped" in names(api.members(role="Expert", limit=100))
    with app.test_request_context():
        signed_in_request(user.id)
        assert api.current_member().roles == ("Expert", "Guest")  # type: ignore[union-attr]


def test_signing_in_during_the_request_renews_the_member(app, make_user):
    from flask_login import login_user, logout_user

    user = with_profile(make_user("latecomer", roles=["Company"]))
    with app.test_request_context():
        g.pop("tremplin_member", None)
        g.pop("_login_user", None)
        assert api.current_member() is None
        login_user(load_member(user.id))
        assert api.current_member().username == "latecomer"  # type: ignore[union-attr]
        logout_user()
        assert api.current_member() is None
