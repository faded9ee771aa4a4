"""``tremplin``: the administration command line (Typer + rich)."""

from __future__ import annotations

import sys

import typer

from tremplin.core import __version__

from . import db, docs_cmd, participants, plugins_cmd, roles, users
from .context import console, fail, set_config_path

app = typer.Typer(name="tremplin", help="Tremplin : outil d'administration de la plateforme.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(roles.app, name="roles")
app.add_typer(plugins_cmd.app, name="plugins")
app.add_typer(participants.app, name="participants")
app.add_typer(docs_cmd.app, name="docs")


@app.callback()
def root(config: str = typer.Option(None, "--config", "-c", envvar="TREMPLIN_CONFIG",
                                    help="Fichier de configuration TOML."),
         version: bool = typer.Option(False, "--version", help="Afficher la version.")) -> None:
    """Options communes à toutes les commandes."""
    if version:
        console.print(f"tremplin {__version__}")
        raise typer.Exit()
    set_config_path(config)


from . import commands  # noqa: E402  (registers the top-level commands on ``app``)

commands.register(app)

from . import ops  # noqa: E402

app.command()(ops.backup)
app.command()(ops.restore)
app.command()(ops.purge)


def _plugin_groups(argv: list[str]) -> None:
    """Mount the plugins' command groups (they need the configuration to be known)."""
    from tremplin.core.app import create_app
    from tremplin.core.plugins import flatten

    from .context import set_app
    path = _config_from_argv(argv)
    try:
        flask_app = create_app(path)
    except Exception:  # noqa: BLE001  (the command itself will report the problem)
        return
    set_config_path(path)
    set_app(flask_app)
    for group in flatten(flask_app.extensions["tremplin"].pm.hook.register_commands()):
        app.add_typer(group.app, name=group.name, help=group.help or None)


def _config_from_argv(argv: list[str]) -> str | None:
    import os
    for index, arg in enumerate(argv):
        if arg in ("--config", "-c") and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return os.environ.get("TREMPLIN_CONFIG")


def main() -> None:
    argv = sys.argv[1:]
    if argv and argv[0] not in ("--help", "--version", "init", "config", "docs"):
        _plugin_groups(argv)
    try:
        app(prog_name="tremplin")
    except KeyboardInterrupt:
        fail("interrompu", 130)
