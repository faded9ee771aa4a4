"""CLI fixtures: a TOML configuration on a throw-away database, and ``invoke``.

The database is a copy of the session's migrated template (SQLite, or PostgreSQL when
``TREMPLIN_TEST_DATABASE_URL`` is set); ``fresh_config`` points at an empty one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tremplin.cli import context
from tremplin.cli.main import app as cli
from tremplin.core.testing import databases
from tremplin.core.testing.plugins import load_uninstalled

STRONG_PASSWORD = "Lac-Rose-Tremplin-9f3k2-mangrove"
TESTS = Path(__file__).resolve().parent.parent


def _write_config(folder: Path, url: str, environment: str = "test") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tremplin.toml"
    path.write_text(
        f"""[app]
environment = "{environment}"
secret_key = "cli-test-secret-{"k9x2" * 10}"
instance_path = "{folder / "instance"}"

[database]
url = "{url}"

[tasks]
immediate = true

[logging]
level = "WARNING"
""",
        encoding="utf-8",
    )
    return path


def _forget_cached_app() -> None:
    app = context._STATE.get("app")
    if app is not None:
        with app.app_context():
            from tremplin.core.extensions import db

            db.session.remove()
            db.engine.dispose()
    context._STATE.update(config=None, app=None)


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """Rich tables as wide as a terminal, so that cells are not folded in the output."""
    consoles = (context.console, context.err_console)
    saved = [c._width for c in consoles]
    for c in consoles:
        c._width = 240
    yield
    for c, width in zip(consoles, saved, strict=True):
        c._width = width
    _forget_cached_app()


def _database(tmp_path: Path, template: str | None) -> Iterator[str]:
    url = databases.new_database_url(tmp_path, template)
    yield url
    _forget_cached_app()
    databases.drop_database(url)


@pytest.fixture
def migrated_url(tmp_path: Path, template_database: str) -> Iterator[str]:
    yield from _database(tmp_path, template_database)


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    yield from _database(tmp_path, None)


@pytest.fixture
def cli_config(tmp_path: Path, migrated_url: str) -> Path:
    """A configuration on a migrated database."""
    return _write_config(tmp_path / "site", migrated_url)


@pytest.fixture
def fresh_config(tmp_path: Path, empty_url: str) -> Path:
    """A configuration on an empty database (nothing migrated)."""
    return _write_config(tmp_path / "fresh", empty_url)


@pytest.fixture
def invoke_fresh(fresh_config: Path) -> Invoke:
    """Like ``invoke``, on the empty database of ``fresh_config``."""
    return _invoker(fresh_config)


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(cli_config: Path) -> Invoke:
    """``invoke("users", "list", input=None, config_path=None)`` through Typer's CliRunner."""
    return _invoker(cli_config)


def _invoker(config: Path) -> Invoke:
    def run(*args: str, input: str | None = None, config_path: Path | None = None) -> Result:
        return CliRunner().invoke(cli, ["--config", str(config_path or config), *args], input=input)

    return run


@pytest.fixture
def write_config() -> Callable[..., Path]:
    """``write_config(folder, url, environment="test")``: a TOML file for the CLI."""
    return _write_config


@pytest.fixture
def password() -> str:
    return STRONG_PASSWORD


@pytest.fixture
def testplugin() -> tuple[ModuleType, ModuleType]:
    """The test plugin and its listener (``tests/testplugin``)."""
    return _load_testplugin("plugin"), _load_testplugin("listener")


def _load_testplugin(module: str) -> ModuleType:
    """``tests/testplugin`` as the package ``tremplin_testplugin`` (it is not installed)."""
    return load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", module)
