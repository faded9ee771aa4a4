"""Object-level access: the rule builders, ``api.can`` with and without an object
(fail closed), and ``api.require(..., load=...)`` answering 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_login import login_user

from tremplin.core import api
from tremplin.core.api import AccessRule, Member, rules
from tremplin.core.security.access import load_member
from tremplin.core.security.permissions import guarded_endpoints
from tremplin.core.security.rules import allowed, describe, registered_rules
from tremplin.core.testing.plugins import load_uninstalled
from tremplin.core.testing.urlwalk import sign_in

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}  # MFA is tested elsewhere


def sign_in_request(user_id: int) -> None:
    """Inside a test request context: the member signed in as the loader would."""
    from flask import g

    from tremplin.core.testing.accounts import REQUEST_SCOPED

    for key in REQUEST_SCOPED:
        g.pop(key, None)
    user = load_member(user_id)
    login_user(user)
    g.user = user


def member(
    user_id: int = 1, roles: tuple[str, ...] = ("Company",), verification: str = "unverified"
) -> Member:
    return Member(
        user_id, f"u{user_id}", "U", f"u{user_id}@example.org", "fr", roles, "company", verification
    )


NOTE = SimpleNamespace(author_id=1, user_id=2)


# --- Builders --------------------------------------------------------------------


def test_owner_allows_only_the_member_named_by_the_attribute():
    assert rules.owner("author_id")(member(1), NOTE)
    assert not rules.owner("author_id")(member(2), NOTE)
    assert rules.owner()(member(2), NOTE)  # default attribute: user_id
    assert not rules.owner("author_id")(None, NOTE)
    assert not rules.owner("missing")(member(1), NOTE)
    assert not rules.owner("author_id")(member(1), SimpleNamespace(author_id=None))


def test_participant_asks_the_callable_for_signed_in_members_only():
    seen = []

    def among(m, obj):
        seen.append(m)
        return m.id in obj.people

    check = rules.participant(among)
    assert check(member(3), SimpleNamespace(people={3, 4}))
    assert not check(member(5), SimpleNamespace(people={3, 4}))
    assert not check(None, SimpleNamespace(people={3}))
    assert None not in seen


def test_verified_member_needs_the_verified_state():
    check = rules.verified_member()
    assert check(member(verification="verified"), NOTE)
    assert not check(member(verification="pending"), NOTE)
    assert not check(member(), NOTE)
    assert not check(None, NOTE)


def test_role_allows_any_of_the_names():
    check = rules.role("Moderator", "Admin")
    assert check(member(roles=("Company", "Moderator")), NOTE)
    assert not check(member(roles=("Company", "Expert")), NOTE)
    assert not check(None, NOTE)


def test_granted_holds_between_start_and_expiry():
    now = datetime.now(UTC)
    ends = {"value": now + timedelta(hours=1)}
    starts = {"value": None}
    check = rules.granted(lambda m, o: ends["value"], lambda m, o: starts["value"])
    assert check(member(), NOTE)
    assert not check(None, NOTE)
    ends["value"] = now - timedelta(seconds=1)
    assert not check(member(), NOTE)
    ends["value"] = None  # no grant at all
    assert not check(member(), NOTE)
    ends["value"] = (now + timedelta(hours=1)).replace(tzinfo=None)  # naive = UTC
    assert check(member(), NOTE)
    starts["value"] = (now + timedelta(minutes=5)).replace(tzinfo=None)  # not begun yet
    assert not check(member(), NOTE)


def test_signed_in_and_anyone():
    assert rules.signed_in()(member(), NOTE)
    assert not rules.signed_in()(None, NOTE)
    assert rules.anyone()(None, NOTE)


def test_combinators_and_their_empty_cases():
    owner_or_mod = rules.any_of(rules.owner("author_id"), rules.role("Moderator"))
    assert owner_or_mod(member(1), NOTE)
    assert owner_or_mod(member(9, ("Moderator",)), NOTE)
    assert not owner_or_mod(member(9), NOTE)
    owner_and_verified = rules.all_of(rules.owner("author_id"), rules.verified_member())
    assert not owner_and_verified(member(1), NOTE)
    assert owner_and_verified(member(1, verification="verified"), NOTE)
    assert not rules.any_of()(member(1), NOTE)
    assert not rules.all_of()(member(1), NOTE)  # fail closed
    assert "owner (author_id)" in describe(owner_or_mod)


# --- api.can -----------------------------------------------------------------------


def test_the_plugins_rules_are_registered(app):
    found = registered_rules(app)[("TestpluginNote", "read")]
    assert [r.description for r in found] == ["A note is read by its author and by moderators."]
    assert all(isinstance(r, AccessRule) for r in found)


def test_can_with_an_object_but_no_rule_is_refused(app):
    with app.test_request_context():
        assert not api.can("read", "NoSuchResource", obj=NOTE, member=member(1, ("Admin",)))
        assert not api.can("delete", "TestpluginNote", obj=NOTE, member=member(1, ("Admin",)))
        assert api.can("read", "TestpluginNote", obj=NOTE, member=member(1))
        assert not api.can("read", "TestpluginNote", obj=NOTE, member=member(2))
        assert not api.can("read", "TestpluginNote", obj=NOTE)  # visitor


def test_can_with_an_object_uses_the_current_member(app, make_user):
    user = make_user("ownerx", roles=["Company"])
    note = SimpleNamespace(author_id=user.id)
    with app.test_request_context():
        sign_in_request(user.id)
        assert api.can("read", "TestpluginNote", obj=note)
        assert not api.can("read", "TestpluginNote", obj=SimpleNamespace(author_id=user.id + 1))


def test_can_without_an_object_keeps_the_role_permission_meaning(app, make_user):
    user = make_user("dashx", roles=["Guest"])
    with app.test_request_context():
        assert not api.can("can_view", "Dashboard")  # visitor
    with app.test_request_context():
        sign_in_request(user.id)
        assert api.can("can_view", "Dashboard")
        assert not api.can("can_access", "BackOffice")
        # no rule is consulted without an object, even for a pair that has rules
        assert not api.can("read", "TestpluginNote")


# --- api.require with load -----------------------------------------------------------


@pytest.fixture
def note_of(app, make_user):
    from tremplin_testplugin.services import add_note

    owner = make_user("noteowner", roles=["Company"])
    return owner, add_note("secret plan", author_id=owner.id)


def test_the_owner_and_a_moderator_read_the_note(app, client, login, make_user, note_of):
    _owner, note = note_of
    login("noteowner")
    page = client.get(f"/fr/testplugin/notes/{note.id}")
    assert page.status_code == 200 and "secret plan" in page.text
    make_user("modx", roles=["Moderator"])
    moderator = app.test_client()
    sign_in(moderator, "modx")
    assert moderator.get(f"/fr/testplugin/notes/{note.id}").status_code == 200


def test_someone_else_gets_404_like_a_missing_note(app, client, login, make_user, note_of):
    _owner, note = note_of
    make_user("otherx", roles=["Company"])
    login("otherx")
    refused = client.get(f"/fr/testplugin/notes/{note.id}")
    missing = client.get(f"/fr/testplugin/notes/{note.id + 1000}")
    assert refused.status_code == missing.status_code == 404
    assert "secret plan" not in refused.text


def test_a_visitor_gets_404(client, note_of):
    _owner, note = note_of
    assert client.get(f"/fr/testplugin/notes/{note.id}").status_code == 404


def test_require_without_load_still_answers_403(client):
    assert client.get("/fr/dashboard").status_code in (302, 403)  # visitor: sign in first


def test_guarded_endpoints_lists_the_note_view(app):
    guards = guarded_endpoints(app)
    guard = guards["testplugin.note"]
    assert (guard.action, guard.resource) == ("read", "TestpluginNote")
    assert guard.loader(note_id=999999) is None
    assert "portal.dashboard" not in guards


def test_allowed_is_false_for_every_pair_without_rules(app):
    assert not allowed("read", "Nothing", NOTE, member(1, ("Admin",)))
