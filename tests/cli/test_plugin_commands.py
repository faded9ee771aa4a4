"""A plugin's command group is mounted on ``tremplin`` and runs in an app context."""

from __future__ import annotations

from typer.testing import CliRunner


def test_plugin_group_runs_inside_an_app_context(testplugin, write_config, migrated_url, tmp_path):
    from tremplin.cli import context
    from tremplin.cli.main import app as cli
    from tremplin.cli.main import mount_plugin_groups
    from tremplin.core.app import create_app
    from tremplin.core.testing.fixtures import base_overrides

    overrides = base_overrides(tmp_path / "instance", migrated_url)
    flask_app = create_app(overrides=overrides, extra_plugins=list(testplugin))
    from tremplin.core import migrate

    with flask_app.app_context():
        migrate.upgrade(flask_app)
    assert "testplugin" in mount_plugin_groups(flask_app.extensions["tremplin"].pm)
    context.set_config_path(None)
    context.set_app(flask_app)
    runner = CliRunner()
    added = runner.invoke(cli, ["testplugin", "add", "Note depuis tremplin"])
    assert added.exit_code == 0, added.output
    counted = runner.invoke(cli, ["testplugin", "count"])
    assert "1 note(s)" in counted.output
    assert flask_app.extensions["testplugin_events"][0][1] == "Note depuis tremplin"
