"""``--help`` of every command answers, in French, without touching a database."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from tremplin.cli.main import app as cli


def command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path (typer vendors its own click: duck-type the groups)."""
    paths = [prefix]
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            paths += command_paths(sub, (*prefix, name))
    return paths


def test_every_command_has_help(cli_config):
    root = typer.main.get_command(cli)
    paths = command_paths(root)
    names = {" ".join(p) for p in paths}
    assert {
        "init",
        "check",
        "demo",
        "db upgrade",
        "db current",
        "db downgrade",
        "users create",
        "users list",
        "users set-role",
        "users deactivate",
        "roles matrix",
        "plugins list",
        "plugins docs",
        "search reindex",
        "search rebuild",
        "config example",
    } <= names
    runner = CliRunner()
    for path in paths:
        result = runner.invoke(cli, ["--config", str(cli_config), *path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
        assert "Traceback" not in result.output


def test_no_arguments_shows_help():
    result = CliRunner().invoke(cli, [])
    assert "Usage" in result.output
    assert "init" in result.output and "users" in result.output
