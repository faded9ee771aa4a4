"""Plugins talking to plugins: own hooks, events after commit, template slots."""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

import pytest

from tremplin.core.api import after_commit, db, emit, hookimpl
from tremplin.core.events import EventError
from tremplin.core.hookdocs import render_reference
from tremplin.core.testing.plugins import load_uninstalled

TESTS = Path(__file__).resolve().parents[1]
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
listener = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "listener")
EXTRA_PLUGINS = [plugin, listener]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def received(app):  # type: ignore[no-untyped-def]
    return app.extensions.get(listener.EVENTS, [])


def new_note(text: str):  # type: ignore[no-untyped-def]
    from tremplin_testplugin.models import Note

    note = Note(text=text)
    db.session.add(note)
    db.session.flush()
    return note


# --- Plugin-declared hooks -------------------------------------------------------------


def test_plugin_declared_question_is_answered_by_the_other_plugin(app):
    from tremplin_testplugin.services import suggestions

    assert suggestions("le budget") == ["Relire le budget", "Partager le budget"]
    source = inspect.getsource(listener)
    assert "tremplin_testplugin" not in source and "from ." not in source  # no import


def test_reference_has_a_section_per_plugin_with_its_hooks(app):
    text = render_reference(app.extensions["tremplin"].pm)
    section = text.split("## Hooks declared by `tremplin_testplugin.plugin`", 1)[1]
    assert "### `testplugin_suggestions(topic: str) -> list[str]`" in section
    assert "### `testplugin_note_added(note_id: int, text: str) -> None`" in section
    event_part = section.split("testplugin_note_added", 1)[1]
    assert "*Event:" in event_part.split("###", 1)[0]
    assert "*Event:" not in section.split("testplugin_note_added", 1)[0]
    assert "### `member_erased(user_id: int) -> None`\n\n*Event:" in text


# --- Events after commit ---------------------------------------------------------------


def test_event_is_delivered_after_commit_only(app):
    note = new_note("à annoncer")
    emit("testplugin_note_added", note_id=note.id, text=note.text)
    db.session.flush()
    assert received(app) == []
    db.session.commit()
    assert received(app) == [(note.id, "à annoncer")]
    db.session.commit()
    assert received(app) == [(note.id, "à annoncer")]  # once


def test_event_is_dropped_on_rollback(app):
    note_id = new_note("annulée").id
    emit("testplugin_note_added", note_id=note_id, text="annulée")
    db.session.rollback()
    db.session.commit()
    assert received(app) == []


def test_savepoint_rollback_drops_only_its_own_events(app):
    emit("testplugin_note_added", note_id=1, text="dehors")
    nested = db.session.begin_nested()
    emit("testplugin_note_added", note_id=2, text="dedans")
    nested.rollback()
    kept = db.session.begin_nested()
    emit("testplugin_note_added", note_id=3, text="gardée")
    kept.commit()
    assert received(app) == []
    db.session.commit()
    assert received(app) == [(1, "dehors"), (3, "gardée")]


def test_released_savepoint_events_go_with_a_rolled_back_parent(app):
    nested = db.session.begin_nested()
    emit("testplugin_note_added", note_id=4, text="perdue")
    nested.commit()
    db.session.rollback()
    db.session.commit()
    assert received(app) == []


def test_add_note_announces_it_after_its_commit(app):
    from tremplin_testplugin.services import add_note

    note = add_note("par le service")
    assert received(app) == [(note.id, "par le service")]


def test_after_commit_runs_plain_callables(app):
    calls: list[str] = []
    after_commit(lambda: calls.append("done"))
    assert calls == []
    db.session.commit()
    assert calls == ["done"]


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("testplugin_note_added", {"note_id": 1}, "missing text"),
        ("testplugin_note_added", {"note_id": 1, "text": "x", "extra": 2}, "unexpected extra"),
        ("testplugin_suggestions", {"topic": "x"}, "not a declared event"),
        ("no_such_event", {}, "not a declared event"),
    ],
)
def test_bad_event_or_payload_is_refused_at_once(app, name, payload, message):
    with pytest.raises(EventError, match=message):
        emit(name, **payload)
    db.session.commit()
    assert received(app) == []


class Failing:
    @hookimpl
    def testplugin_note_added(self, note_id: int, text: str) -> None:
        raise RuntimeError("listener is broken")


@pytest.fixture
def failing_listener(app):  # type: ignore[no-untyped-def]
    pm = app.extensions["tremplin"].pm
    pm.register(Failing(), name="failing")
    yield
    pm.unregister(name="failing")


def test_listener_failure_is_logged_in_production_and_others_still_run(
    app, failing_listener, caplog
):
    app.testing = False
    try:
        emit("testplugin_note_added", note_id=7, text="malgré tout")
        with caplog.at_level(logging.ERROR, logger="tremplin.core.events"):
            db.session.commit()
    finally:
        app.testing = True
    assert received(app) == [(7, "malgré tout")]
    failures = [r for r in caplog.records if r.name == "tremplin.core.events"]
    assert len(failures) == 1
    assert "testplugin_note_added (failing)" in failures[0].getMessage()
    assert "listener is broken" in failures[0].exc_text


def test_listener_failure_is_raised_under_testing(app, failing_listener):
    emit("testplugin_note_added", note_id=8, text="x")
    with pytest.raises(RuntimeError, match="listener is broken"):
        db.session.commit()


# --- Template slots --------------------------------------------------------------------


def test_slot_is_filled_by_both_plugins_in_order_and_escaped(app, client):
    note = new_note("<i>note</i>")
    db.session.commit()
    page = client.get("/fr/testplugin/").text
    first = page.index('<span class="listener-aside">&lt;i&gt;note&lt;/i&gt;</span>')
    second = page.index(f"<b>brut {note.id}</b>".replace("<", "&lt;").replace(">", "&gt;"))
    third = page.index(f'<small class="testplugin-aside">★ {note.id}</small>')
    assert first < second < third
    assert "<i>note</i>" not in page


def test_unknown_slot_renders_nothing(app):
    with app.test_request_context("/fr/"):
        rendered = app.jinja_env.from_string('[{{ slot("nobody.fills.this", x=1) }}]').render()
    assert rendered == "[]"


# --- Core events -----------------------------------------------------------------------


def test_member_erased_is_emitted_after_the_erasure_commits(app, make_user):
    from tremplin.core.accounts.gdpr.erasure import erase_user

    user = make_user("awa", roles=["Company"])
    assert app.extensions.get(plugin.ERASED, []) == []
    erase_user(user.id)
    assert app.extensions[plugin.ERASED] == [user.id]
