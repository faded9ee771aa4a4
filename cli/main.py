"""``tremplin``: the administration command line (Typer + rich)."""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import typer

from tremplin.core import __version__

from . import accounts_gdpr, audit, db, docs_cmd, participants, plugins_cmd, roles, users
from .context import console, set_config_path

app = typer.Typer(
    name="tremplin",
    help="Tremplin : outil d'administration de la plateforme.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(roles.app, name="roles")
app.add_typer(plugins_cmd.app, name="plugins")
app.add_typer(participants.app, name="participants")
app.add_typer(docs_cmd.app, name="docs")
app.add_typer(audit.app, name="audit")
accounts_gdpr.register(users.app)  # tremplin users erase


PLUGIN_GROUPS: set[str] = set()


@app.callback()
def root(
    ctx: typer.Context,
    config: str = typer.Option(
        None, "--config", "-c", envvar="TREMPLIN_CONFIG", help="Fichier de configuration TOML."
    ),
    version: bool = typer.Option(False, "--version", help="Afficher la version."),
) -> None:
    """Options communes à toutes les commandes."""
    if version:
        console.print(f"tremplin {__version__}")
        raise typer.Exit()
    set_config_path(config)
    if ctx.invoked_subcommand in PLUGIN_GROUPS:
        # Plugins' commands run inside an application context (see register_commands).
        from .context import app_context

        ctx.with_resource(app_context())


from . import commands  # noqa: E402  (registers the top-level commands on ``app``)

commands.register(app)

from . import ops  # noqa: E402

app.command()(ops.backup)
app.command()(ops.restore)
app.command()(ops.purge)


def mount_plugin_groups(pm: Any) -> list[str]:
    """Add the plugins' command groups (``register_commands``) to ``tremplin``."""
    from tremplin.core.plugins import flatten

    for group in flatten(pm.hook.register_commands()):
        if group.name not in PLUGIN_GROUPS:
            app.add_typer(group.app, name=group.name, help=group.help or None)
            PLUGIN_GROUPS.add(group.name)
    return sorted(PLUGIN_GROUPS)


def _plugin_groups(argv: list[str]) -> None:
    """Mount the plugins' command groups (they need the configuration to be known)."""
    from tremplin.core.app import load_app_config

    try:
        _config, pm = load_app_config(_config_from_argv(argv))
    except Exception:
        return
    mount_plugin_groups(pm)


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
        _exit_with("interrompu", 130)
    except Exception as exc:
        if os.environ.get("TREMPLIN_TRACEBACK"):
            raise
        _exit_with(one_line_error(exc), 1)


def one_line_error(exc: BaseException) -> str:
    """An unexpected error as one line (``TREMPLIN_TRACEBACK=1`` shows the traceback)."""
    from tremplin.core.config import ConfigError

    if isinstance(exc, ConfigError):
        return f"configuration : {exc}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"{type(exc).__name__}: {first} (TREMPLIN_TRACEBACK=1 pour le détail)").replace(
        "  ", " "
    )


def _exit_with(message: str, code: int) -> NoReturn:
    from rich.markup import escape

    from .context import err_console

    err_console.print(f"[bold red]Erreur :[/] {escape(message)}", highlight=False, soft_wrap=True)
    sys.exit(code)
