"""Alembic per component: core first, then each enabled plugin.

Every component has its own revisions folder and its own version table
(``alembic_version`` for core, ``alembic_version_<label>`` for a plugin), so a
plugin can be disabled, or added later, without touching the others' history.
All share one ``env.py`` (``core/migrations``) and Flask-AppBuilder's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from .extensions import db

CORE_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class Component:
    """A set of tables with its own migration history."""

    label: str
    versions: Path
    table_prefixes: tuple[str, ...]

    @property
    def version_table(self) -> str:
        return "alembic_version" if self.label == "core" else f"alembic_version_{self.label}"

    def owns(self, table: str) -> bool:
        return table.startswith(self.table_prefixes)


CORE = Component("core", CORE_MIGRATIONS / "versions", ("ab_", "core_"))


def components(app: Flask) -> list[Component]:
    """Core, then every enabled plugin that declares models."""
    found = [CORE]
    for model_set in app.extensions["tremplin"].model_sets:
        found.append(
            Component(model_set.label, Path(model_set.migrations), (f"{model_set.label}_",))
        )
    return found


def find_component(app: Flask, label: str) -> Component:
    for component in components(app):
        if component.label == label:
            return component
    known = ", ".join(c.label for c in components(app))
    raise LookupError(f"unknown component {label!r} (known: {known})")


def alembic_config(component: Component) -> Config:
    config = Config()
    config.set_main_option("script_location", str(CORE_MIGRATIONS))
    config.set_main_option("version_locations", str(component.versions))
    config.set_main_option("path_separator", "os")
    config.attributes["component"] = component
    return config


def upgrade(app: Flask, revision: str = "heads") -> None:
    """Create or upgrade every component's tables (inside an app context)."""
    for component in components(app):
        command.upgrade(alembic_config(component), revision)


def downgrade(app: Flask, label: str, revision: str) -> None:
    command.downgrade(alembic_config(find_component(app, label)), revision)


def revision(app: Flask, label: str, message: str, autogenerate: bool = True) -> None:
    command.revision(
        alembic_config(find_component(app, label)), message=message, autogenerate=autogenerate
    )


def current_heads(component: Component) -> tuple[set[str], set[str]]:
    """(revisions applied in the database, head revisions in the files)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": component.version_table}
        )
        applied = set(context.get_current_heads())
    script = ScriptDirectory.from_config(alembic_config(component))
    return applied, set(script.get_heads())


def pending(app: Flask) -> list[str]:
    """Components whose database revision is not the latest one."""
    late = []
    for component in components(app):
        applied, heads = current_heads(component)
        if applied != heads:
            late.append(component.label)
    return late
