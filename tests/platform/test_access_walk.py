"""The URL walker (core/testing/urlwalk.py): every GET route as anonymous, guest,
company, expert and moderator; it must catch a view that forgets the object check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tremplin.core.testing.plugins import load_uninstalled
from tremplin.core.testing.urlwalk import (
    Finding,
    assert_no_findings,
    make_personas,
    plan,
    walk,
)

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]
wrong = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "wrong_access")


@pytest.fixture
def notes(make_user):
    from tremplin_testplugin.services import add_note

    owner = make_user("walkowner", roles=["Company"])
    return [add_note("owned", author_id=owner.id), add_note("orphan")]


def test_the_plan_covers_portal_and_api_routes_and_skips_static_and_admin(app):
    visits, skipped = plan(app, {"note_id": [1, 2]})
    urls = {v.url for v in visits}
    assert "/fr/testplugin/notes/1" in urls and "/fr/testplugin/notes/2" in urls
    assert any(u.startswith("/api/") for u in urls) or any("api" in v.endpoint for v in visits)
    assert not any("/static/" in u for u in urls)
    assert not any(u.startswith("/admin/") for u in urls)
    assert not any("logout" in u for u in urls)
    assert all("no sample for" in s for s in skipped)


def test_the_correct_plugin_walks_clean(app, make_user, notes):
    personas = make_personas(make_user)
    findings = walk(app, personas, {"note_id": [n.id for n in notes] + [999999]})
    assert_no_findings(findings)


def test_a_view_that_ignores_the_object_is_reported(app_factory, make_user):
    app = app_factory(None, [plugin, wrong])
    with app.app_context():
        from tremplin_testplugin.services import add_note

        owner = make_user("walkowner2", roles=["Company"])
        note = add_note("owned", author_id=owner.id)
        personas = make_personas(make_user, prefix="w2")
        findings = walk(app, personas, {"testplugin_wrong.note": {"note_id": [note.id]}})
    wrong_url = f"/fr/testplugin-wrong/notes/{note.id}"
    reported = {(f.persona, f.url) for f in findings}
    # every signed-in persona read a note the owner rule refuses them
    assert reported == {(p, wrong_url) for p in ("guest", "company", "expert", "moderator")}
    assert all(isinstance(f, Finding) and f.status == 200 for f in findings)
    assert "TestpluginWrongNote/read refuse" in str(findings[0])
    with pytest.raises(AssertionError, match="testplugin-wrong"):
        assert_no_findings(findings)


def test_server_errors_are_reported(app, make_user, monkeypatch):
    from tremplin_testplugin import views

    def broken(**_):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "all_notes", broken)
    findings = walk(app, make_personas(make_user, prefix="w3")[:2], {})
    assert {(f.endpoint, f.status, f.problem) for f in findings} >= {
        ("testplugin.index", 500, "server error")
    }
