"""Writing a first configuration file (``tremplin init``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .settings import SettingsSection

TEMPLATE = """# Tremplin configuration written by `tremplin init`.
# Every key is described in config.example.toml and docs/configuration.md.

[app]
environment = "{environment}"
secret_key = "{secret}"

[plugins]
enabled = ["pages"]
"""


def write_initial_config(path: Path, environment: str, secret: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(environment=environment, secret=secret), encoding="utf-8")
    path.chmod(0o600)


def example_sections() -> list[SettingsSection]:
    """Core's sections, then those of every installed plugin (enabled or not)."""
    from . import hooks
    from .plugins import build_plugin_manager, flatten, installed_plugins
    from .settings import CORE_SECTIONS

    pm = build_plugin_manager(sorted(installed_plugins()), builtin=hooks)
    plugin_sections = sorted(flatten(pm.hook.register_settings()), key=lambda s: s.name)
    return [*CORE_SECTIONS, *plugin_sections]


def example_config() -> str:
    """The text of ``config.example.toml`` (``tremplin config example``)."""
    from .config import render_example

    return render_example(example_sections())
