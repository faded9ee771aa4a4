"""The plugin contract: the test plugin (``tests/testplugin``) implements every hook,
and each hook has its effect on the running application."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from tremplin.core import hookspecs, migrate, search
from tremplin.core.api import PersonalData, db, hookimpl
from tremplin.core.config import ConfigError, load_config, render_example
from tremplin.core.plugins import flatten, implemented_hooks
from tremplin.core.testing.plugins import load_uninstalled

PACKAGE = "tremplin_testplugin"
HERE = Path(__file__).resolve().parent


def load_testplugin(module: str = "plugin") -> ModuleType:
    """Import ``tests/testplugin`` as the package ``tremplin_testplugin`` (it is not installed)."""
    return load_uninstalled(HERE / "testplugin", PACKAGE, module)


plugin = load_testplugin("plugin")
listener = load_testplugin("listener")
EXTRA_PLUGINS = [plugin, listener]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}  # MFA is tested elsewhere
SPEC_NAMES = {
    name
    for name in dir(hookspecs)
    if getattr(getattr(hookspecs, name), "tremplin_spec", None) is not None
}


def pm(app):  # type: ignore[no-untyped-def]
    return app.extensions["tremplin"].pm


# --- Completeness ------------------------------------------------------------------


def test_the_test_plugin_implements_every_core_hook(app):
    assert len(SPEC_NAMES) >= 19
    assert set(implemented_hooks(pm(app), plugin)) >= SPEC_NAMES


# --- register_settings ---------------------------------------------------------------


def test_settings_have_their_defaults(app):
    config = app.extensions["tremplin"].config
    assert config.get("testplugin", "max_notes") == 10
    assert config.get("testplugin", "greeting") == "Bonjour"


def test_settings_bad_type_names_the_key(app_factory):
    with pytest.raises(ConfigError, match=r"\[testplugin\] max_notes must be a whole number"):
        app_factory({"testplugin": {"max_notes": "ten"}}, EXTRA_PLUGINS)


def test_settings_unknown_key_in_plugin_section(app_factory):
    with pytest.raises(ConfigError, match=r"unknown key \[testplugin\] colour"):
        app_factory({"testplugin": {"colour": "blue"}}, EXTRA_PLUGINS)


def test_settings_env_override(app_factory, monkeypatch):
    monkeypatch.setenv("TREMPLIN_TESTPLUGIN__MAX_NOTES", "3")
    app = app_factory(None, EXTRA_PLUGINS)
    assert app.extensions["tremplin"].config.get("testplugin", "max_notes") == 3


def test_settings_section_in_the_example_config(app):
    rendered = render_example(app.extensions["tremplin"].config.sections.values())
    assert "[testplugin]" in rendered
    assert "max_notes = 10" in rendered
    assert "# Largest number of notes kept." in rendered
    section = plugin.register_settings()
    reloaded = load_config(overrides={"testplugin": {"max_notes": 4}}, extra_sections=[section])
    assert reloaded.get("testplugin", "max_notes") == 4


# --- register_models ---------------------------------------------------------------


def test_migration_creates_the_table_with_its_own_version_table(app):
    names = set(inspect(db.engine).get_table_names())
    assert "testplugin_note" in names
    assert "alembic_version_testplugin" in names
    with db.engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version_testplugin")).scalar()
    assert version == "3b7e5f2a9c10"
    assert migrate.pending(app) == []
    assert "testplugin" in [c.label for c in migrate.components(app)]


def test_migration_downgrades_and_upgrades_again(app):
    migrate.downgrade(app, "testplugin", "base")
    assert "testplugin_note" not in inspect(db.engine).get_table_names()
    assert migrate.pending(app) == ["testplugin"]
    migrate.upgrade(app)
    assert "testplugin_note" in inspect(db.engine).get_table_names()


def test_hand_written_migration_matches_the_model(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    component = migrate.find_component(app, "testplugin")

    def mine(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return component.owns(table or "")

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": mine, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []


# --- register_blueprints, register_translations ------------------------------------


def test_page_is_served_in_french(client):
    response = client.get("/fr/testplugin/")
    assert response.status_code == 200
    assert "Carnet de notes du plugin de test" in response.text
    assert "Bonjour" in response.text


def test_page_is_served_in_english_from_the_plugin_catalogue(client):
    response = client.get("/en/testplugin/")
    assert response.status_code == 200
    assert "Test plugin notebook" in response.text
    assert "Carnet de notes du plugin de test" not in response.text


def test_page_escapes_hostile_notes(app, client):
    from tremplin_testplugin.services import add_note

    add_note('<script>alert("x")</script>')
    response = client.get("/fr/testplugin/")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text


def test_unknown_language_is_not_found(client):
    assert client.get("/de/testplugin/").status_code == 404


# --- register_admin_views, register_permissions --------------------------------------

ADMIN_LIST = "/admin/testpluginnoteview/list/"


def test_admin_view_is_reachable_for_admin(app, client, make_user, login):
    from tremplin_testplugin.services import add_note

    add_note("visible in the back office")
    make_user("root", roles=["Admin"])
    login("root")
    response = client.get(ADMIN_LIST)
    assert response.status_code == 200
    assert "visible in the back office" in response.text


def test_admin_view_is_forbidden_for_company(app, client, make_user, login):
    from tremplin_testplugin.services import add_note

    add_note("hidden from companies")
    make_user("awa", roles=["Company"])
    login("awa")
    response = client.get(ADMIN_LIST)
    assert response.status_code in (302, 403)
    assert "hidden from companies" not in response.text


def test_permissions_appear_in_the_role_matrix(app):
    from tremplin.core.backoffice.roles import role_matrix

    roles, rows = role_matrix(app.appbuilder)
    held = {(res, act): dict(zip(roles, flags, strict=True)) for res, act, flags in rows}
    moderate = held[("TestpluginNote", "can_moderate")]
    assert moderate["Admin"] and moderate["Moderator"]
    assert not moderate["Company"] and not moderate["Guest"]
    listing = held[("TestpluginNoteView", "can_list")]
    assert listing["Admin"] and not listing["Moderator"] and not listing["Company"]


# --- register_search_types -----------------------------------------------------------


def test_search_finds_the_plugin_documents_after_rebuild(app, client):
    from tremplin_testplugin.services import add_note

    add_note("Fonio biologique du Sine")
    assert search.rebuild() >= 1
    response = client.get("/fr/search?q=fonio")
    assert response.status_code == 200
    assert "Fonio biologique du Sine" in response.text
    assert 'href="/fr/testplugin/"' in response.text
    assert "Note de test" in response.text


def test_search_hit_renders_in_english(app, client):
    # One language per test: the ``app`` fixture keeps one app context (and ``g``,
    # where Flask-Babel caches the locale) for the whole test.
    from tremplin_testplugin.services import add_note

    add_note("Fonio biologique du Sine")
    search.rebuild()
    english = client.get("/en/search?q=fonio")
    assert 'href="/en/testplugin/"' in english.text
    assert "Test note" in english.text


# --- register_scheduled_tasks --------------------------------------------------------


def periodic(app, name):  # type: ignore[no-untyped-def]
    tasks = {t.name: t for t in app.extensions["huey"]._registry.periodic_tasks}
    return tasks.get(name)


def test_scheduled_task_is_registered_on_huey(app):
    task = periodic(app, "testplugin-purge")
    assert task is not None
    # Huey's crontab compares naive times.
    assert task.validate_datetime(datetime(2026, 3, 1, 2, 30))  # noqa: DTZ001
    assert not task.validate_datetime(datetime(2026, 3, 1, 2, 31))  # noqa: DTZ001


def test_scheduled_task_runs_in_an_app_context(app_factory):
    app = app_factory({"testplugin": {"max_notes": 2}}, EXTRA_PLUGINS)
    from tremplin_testplugin.services import add_note, all_notes

    with app.app_context():
        for number in range(4):
            add_note(f"note {number}")
    periodic(app, "testplugin-purge").execute()  # outside any app context
    with app.app_context():
        assert [n.text for n in all_notes()] == ["note 2", "note 3"]


# --- register_commands ---------------------------------------------------------------


def test_cli_group_runs_through_typer(app):
    groups = {g.name: g for g in flatten(pm(app).hook.register_commands())}
    runner = CliRunner()
    added = runner.invoke(groups["testplugin"].app, ["add", "depuis la ligne de commande"])
    assert added.exit_code == 0, added.output
    counted = runner.invoke(groups["testplugin"].app, ["count"])
    assert counted.exit_code == 0
    assert "1 note(s)" in counted.output


# --- register_health_checks ----------------------------------------------------------


def test_healthy_plugin_check_is_listed(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"]["testplugin"] == "ok"


def test_failing_health_check_makes_readyz_503(app_factory):
    app = app_factory({"testplugin": {"healthy": False}}, EXTRA_PLUGINS)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["checks"]["testplugin"] == "testplugin backend is down"
    assert response.json["checks"]["database"] == "ok"


# --- register_hookspecs ----------------------------------------------------------------


def test_own_hookspec_is_callable_and_implemented_by_another_plugin(app):
    hook = pm(app).hook.testplugin_note_added
    assert "testplugin_note_added" in implemented_hooks(pm(app), listener)
    from tremplin_testplugin.services import add_note

    note = add_note("évènement")
    assert app.extensions["testplugin_events"] == [(note.id, "évènement")]
    hook(note_id=99, text="direct")
    assert app.extensions["testplugin_events"][-1] == (99, "direct")


# --- menu_items, footer_links, dashboard_widgets, sitemap_entries -------------------


def test_menu_item_and_footer_link_appear_in_french(client):
    page = client.get("/fr/").text
    assert '<a href="/fr/testplugin/">Carnet de test</a>' in page
    assert ">À propos du carnet de test</a>" in page


def test_menu_item_and_footer_link_appear_in_english(client):
    english = client.get("/en/").text
    assert '<a href="/en/testplugin/">Test notebook</a>' in english
    assert ">About the test notebook</a>" in english


def test_dashboard_widget_appears(app, client, make_user, login):
    from tremplin_testplugin.services import add_note

    add_note("une")
    make_user("awa", roles=["Company"])
    login("awa")
    page = client.get("/fr/dashboard").text
    assert 'id="widget-title-testplugin">Mes notes de test</h2>' in page
    assert '<p class="testplugin-widget">1 note</p>' in page


def test_sitemap_entry_appears_in_every_language(app, client):
    base = app.config["TREMPLIN_BASE_URL"]
    xml = client.get("/sitemap.xml").text
    assert f"<loc>{base}/fr/testplugin/</loc>" in xml
    assert f"<loc>{base}/en/testplugin/</loc>" in xml


def test_contextual_help_link_shows_near_the_heading(client):
    page = client.get("/fr/testplugin/").text
    link = '<a href="/fr/testplugin/#help">Aide : Carnet de notes du plugin de test</a>'
    assert f'<p class="contextual-help">Besoin d’aide ? {link}</p>' in page
    assert page.index('class="contextual-help"') < page.index("<h1")


# --- Events: app_ready, personal_data, erase_personal_data, send_sms ---------------


def test_app_ready_was_called(app):
    assert app.extensions["testplugin_ready"] is True


def test_personal_data_and_erasure(app, make_user):
    from tremplin_testplugin.services import add_note, all_notes

    user = make_user("awa", roles=["Company"])
    add_note("écrite par Awa", author_id=user.id)
    add_note("anonyme")
    exports = [
        d
        for d in flatten(pm(app).hook.personal_data(user_id=user.id))
        if isinstance(d, PersonalData) and d.label == "testplugin notes"
    ]
    assert [r["text"] for r in exports[0].records] == ["écrite par Awa"]
    pm(app).hook.erase_personal_data(user_id=user.id)
    exports = [
        d
        for d in flatten(pm(app).hook.personal_data(user_id=user.id))
        if d.label == "testplugin notes"
    ]
    assert exports[0].records == ()
    assert [n.text for n in all_notes()] == ["écrite par Awa", "anonyme"]


def test_gdpr_export_and_erasure_reach_the_plugin(app, make_user):
    """Core's callers: the member's export holds the plugin's records; erasing the
    account makes the plugin forget the author and keep the note."""
    from tremplin_testplugin.services import add_note, all_notes

    from tremplin.core.accounts.gdpr.data import plugin_data
    from tremplin.core.accounts.gdpr.erasure import erase_user

    user = make_user("aminata", roles=["Company"])
    note = add_note("<b>écrite</b> par Aminata", author_id=user.id)
    records, files = plugin_data(user.id)
    assert records["testplugin notes"] == [{"id": note.id, "text": "<b>écrite</b> par Aminata"}]
    assert files == []
    erase_user(user.id)
    assert [(n.text, n.author_id) for n in all_notes()] == [("<b>écrite</b> par Aminata", None)]
    assert plugin_data(user.id)[0]["testplugin notes"] == []


def test_send_sms_first_result_wins(app):
    assert pm(app).hook.send_sms(number="+99912345678", text="Code : 123456") is True
    assert app.extensions["testplugin_sms"] == [("+99912345678", "Code : 123456")]
    # Other numbers fall through to core's development gateway (logs, answers True).
    assert pm(app).hook.send_sms(number="+221770000000", text="x") is True
    assert ("+221770000000", "x") not in app.extensions["testplugin_sms"]


def test_core_sms_gateway_sends_nothing_in_production(app):
    from tremplin.core import hooks

    app.extensions["tremplin"].config["app"]["environment"] = "production"
    try:
        assert hooks.send_sms(number="+221770000000", text="x") is None
    finally:
        app.extensions["tremplin"].config["app"]["environment"] = "test"


# --- Failures at start-up ------------------------------------------------------------


class Misspelt:
    """A plugin whose author wrote ``register_blueprint`` (no s)."""

    @hookimpl
    def register_blueprint(self) -> list[object]:
        return []


def test_misspelt_hook_fails_create_app_at_check_pending(app_factory):
    import pluggy

    with pytest.raises(ConfigError, match="register_blueprint") as caught:
        app_factory(None, [Misspelt()])
    assert isinstance(caught.value.__cause__, pluggy.PluginValidationError)


def test_unknown_enabled_plugin_is_a_one_line_config_error(app_factory):
    with pytest.raises(ConfigError) as caught:
        app_factory({"plugins": {"enabled": ["nope"]}})
    message = str(caught.value)
    assert "'nope'" in message and "[plugins] enabled" in message
    assert "\n" not in message
