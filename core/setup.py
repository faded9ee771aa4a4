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
enabled = {plugins}
{plugins_note}"""

# Messaging encrypts with keys that only the operator can provide in production.
NEEDS_KEYS = ("messaging",)
KEYS_NOTE = (
    "# messaging: add it to `enabled` once [messaging] keys holds a key made by\n"
    "# `tremplin keys generate` (see docs/exploitation/messagerie.md).\n"
)


def initial_plugins(environment: str) -> list[str]:
    """Every bundled plugin; in production, not those that need keys first."""
    from .settings import BUNDLED_PLUGINS

    if environment == "production":
        return [name for name in BUNDLED_PLUGINS if name not in NEEDS_KEYS]
    return list(BUNDLED_PLUGINS)


def write_initial_config(path: Path, environment: str, secret: str) -> None:
    import json

    plugins = initial_plugins(environment)
    note = KEYS_NOTE if any(name not in plugins for name in NEEDS_KEYS) else ""
    text = TEMPLATE.format(
        environment=environment, secret=secret, plugins=json.dumps(plugins), plugins_note=note
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
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
