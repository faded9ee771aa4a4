"""Shared CLI plumbing: the app for a command, one-line errors, the rich console."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import NoReturn, TypedDict

import typer
from flask import Flask
from rich.console import Console
from rich.markup import escape

from tremplin.core.config import ConfigError

console = Console()
err_console = Console(stderr=True)


class _State(TypedDict):
    config: str | None
    app: Flask | None


_STATE: _State = {"config": None, "app": None}


def set_config_path(path: str | None) -> None:
    if path != _STATE["config"]:
        _STATE["app"] = None
    _STATE["config"] = path


def set_app(app: Flask) -> None:
    """Use this app for the next commands (tests); its configuration file becomes the
    current one, so that a command without ``--config`` keeps it."""
    path = app.extensions["tremplin"].config.path
    _STATE["config"] = str(path) if path else None
    _STATE["app"] = app


def config_path() -> str | None:
    return _STATE["config"]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line on stderr and exit non-zero (never a traceback)."""
    err_console.print(f"[bold red]Erreur :[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def get_app() -> Flask:
    """Build the app once per command, from ``--config`` / ``TREMPLIN_CONFIG``."""
    if _STATE["app"] is None:
        from tremplin.core.app import create_app

        try:
            _STATE["app"] = app = create_app(config_path())
        except ConfigError as exc:
            fail(f"configuration : {exc}")
        return app
    return _STATE["app"]


@contextlib.contextmanager
def app_context() -> Iterator[Flask]:
    app = get_app()
    with app.app_context():
        yield app


def read_secret_stdin() -> str:
    value = sys.stdin.readline().rstrip("\n")
    if not value:
        fail("aucun mot de passe lu sur l'entrée standard")
    return value
