"""Finding, loading and describing plugins (pluggy).

Bundled plugins register through the ``tremplin.plugins`` entry-point group,
exactly like third-party ones; ``[plugins] enabled`` decides which are loaded.
The manager is built by :func:`build_plugin_manager`, called from ``create_app``
and the CLI, never at import time.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .config import ConfigError

ENTRY_POINT_GROUP = "tremplin.plugins"
PROJECT = "tremplin"

hookimpl = pluggy.HookimplMarker(PROJECT)

# Core services that implement hooks in modules of their own, registered after
# ``builtin`` as ``core.<module>`` (two modules may then implement the same hook).
CORE_HOOK_MODULES = ("member_events", "activity.hooks", "storage.hooks", "notifications.hooks")


@dataclass(frozen=True)
class PluginInfo:
    """What ``tremplin plugins list`` prints about one plugin."""

    name: str
    version: str
    source: str
    enabled: bool
    hooks: tuple[str, ...]


def installed_plugins() -> dict[str, metadata.EntryPoint]:
    """Every plugin installed in this environment, by entry-point name."""
    return {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}


def build_plugin_manager(
    enabled: Sequence[str],
    extra: Iterable[ModuleType | object] = (),
    builtin: ModuleType | None = None,
) -> pluggy.PluginManager:
    """Load core's ``builtin`` hooks, the enabled plugins, and ``extra`` objects
    (plugins that are not installed, such as the test plugin); then check them."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    if builtin is not None:
        pm.register(builtin, name="core")
        for module in CORE_HOOK_MODULES:
            pm.register(importlib.import_module(f"{__package__}.{module}"), name=f"core.{module}")
    available = installed_plugins()
    for name in enabled:
        if name not in available:
            known = ", ".join(sorted(available)) or "none"
            raise ConfigError(
                f"[plugins] enabled names {name!r}, which is not installed (installed: {known})"
            )
        pm.register(available[name].load(), name=name)
    for plugin in extra:
        pm.register(plugin, name=getattr(plugin, "__name__", None))
    for module in pm.hook.register_hookspecs():
        if module is not None:
            pm.add_hookspecs(module)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise ConfigError(f"{exc} (misspelt hook? see docs/plugins.md)") from exc
    return pm


def implemented_hooks(pm: pluggy.PluginManager, plugin: object) -> tuple[str, ...]:
    return tuple(sorted(caller.name for caller in pm.get_hookcallers(plugin) or ()))


def describe_plugins(pm: pluggy.PluginManager | None) -> list[PluginInfo]:
    """Installed and loaded plugins, with version, origin and implemented hooks."""
    loaded = dict(pm.list_name_plugin()) if pm else {}
    infos: list[PluginInfo] = []
    for name, ep in sorted(installed_plugins().items()):
        dist = ep.dist
        version = dist.version if dist else "?"
        source = f"{dist.metadata['Name']} (entry point {ep.value})" if dist else ep.value
        plugin = loaded.get(name)
        hooks = implemented_hooks(pm, plugin) if pm and plugin is not None else ()
        infos.append(PluginInfo(name, version, source, plugin is not None, hooks))
    for name, plugin in loaded.items():
        if name in {i.name for i in infos} or plugin is hookspecs:
            continue
        source = (
            "tremplin (built in)"
            if name == "core" or name.startswith("core.")
            else f"module {getattr(plugin, '__name__', name)}"
        )
        infos.append(
            PluginInfo(
                name,
                _core_version() if name == "core" or name.startswith("core.") else "-",
                source,
                True,
                implemented_hooks(pm, plugin) if pm else (),
            )
        )
    return infos


def _core_version() -> str:
    from . import __version__

    return __version__


def flatten(results: Iterable[Any]) -> list[Any]:
    """Hook results as one list: hooks may return one item, a list, or ``None``."""
    items: list[Any] = []
    for result in results:
        if result is None:
            continue
        if isinstance(result, (list, tuple)):
            items.extend(r for r in result if r is not None)
        else:
            items.append(result)
    return items
