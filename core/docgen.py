"""Reference pages generated from the code: data model, configuration, OpenAPI.

``tremplin docs datamodel|config|openapi`` write them; ``tests/test_docs_reference.py``
fails when the committed pages under ``docs/reference/`` differ from what these
functions produce. Generation never reads the operator's configuration: it builds a
throw-away application with every *installed* plugin enabled, so the output depends
on the code only.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Column, MetaData, Table, UniqueConstraint
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from .settings import CORE_SECTIONS, Setting, SettingsSection

GENERATED = "<!-- Généré par `tremplin docs {command}` : ne pas modifier à la main. -->"

# Flask-AppBuilder's tables carry no docstring: say what they hold.
FAB_TABLES = {
    "ab_user": "Comptes : identifiant, e-mail, mot de passe haché, état, dates de connexion.",
    "ab_role": "Rôles (Admin, Moderator, Company, Expert, Guest, Public...).",
    "ab_user_role": "Rôles de chaque compte (association).",
    "ab_permission": "Actions possibles (`can_list`, `can_edit`, `menu_access`...).",
    "ab_view_menu": "Ressources protégées : vues, menus, API, permissions déclarées.",
    "ab_permission_view": "Couples action × ressource.",
    "ab_permission_view_role": "Matrice rôle × permission (association).",
    "ab_register_user": "Inscriptions en attente de Flask-AppBuilder (non utilisée).",
    "ab_group": "Groupes de comptes de Flask-AppBuilder.",
    "ab_group_role": "Rôles de chaque groupe (association).",
    "ab_user_group": "Groupes de chaque compte (association).",
    "ab_api_key": "Clés d'API de Flask-AppBuilder.",
}


# --- A throw-away application with every installed plugin ---------------------------


@contextlib.contextmanager
def reference_app() -> Iterator[Flask]:
    """An app on an in-memory database, every installed plugin enabled, inside its
    app context. Independent of ``--config`` and of ``TREMPLIN_*`` variables' values."""
    from .app import create_app
    from .plugins import installed_plugins

    with tempfile.TemporaryDirectory(prefix="tremplin-docs-") as folder:
        overrides: dict[str, dict[str, Any]] = {
            "app": {
                "environment": "test",
                "instance_path": folder,
                "secret_key": "docs-" + "k7q2w9" * 8,
                "base_url": "https://tremplin.example.org",
            },
            "database": {"url": "sqlite://"},
            "tasks": {"immediate": True, "redis_url": ""},
            "mail": {"backend": "file"},
            "limits": {"storage_url": "memory://"},
            "logging": {"level": "ERROR", "json": True},
            "plugins": {"enabled": sorted(installed_plugins())},
        }
        app = create_app(overrides=overrides)
        with app.app_context():
            yield app
            from .extensions import db

            db.session.remove()
            db.engine.dispose()


# --- Data model ------------------------------------------------------------------------


def component_tables(app: Flask, metadata: MetaData) -> list[tuple[Any, list[Table]]]:
    """(component, its tables sorted by name) for core then each plugin with tables."""
    from .migrate import components

    grouped = []
    for component in components(app):
        tables = [t for name, t in sorted(metadata.tables.items()) if component.owns(name)]
        if tables:
            grouped.append((component, tables))
    return grouped


def _table_docs(app: Flask) -> dict[str, str]:
    from flask_appbuilder import Model

    docs = dict(FAB_TABLES)
    for mapper in Model.registry.mappers:
        doc = (mapper.class_.__doc__ or "").strip()
        table = getattr(mapper, "local_table", None)
        if doc and table is not None and table.name not in FAB_TABLES:
            docs[table.name] = " ".join(doc.split("\n\n")[0].split())
    return docs


def _type(column: Column[Any]) -> str:
    try:
        return str(column.type)
    except Exception:
        return type(column.type).__name__


def _default(column: Column[Any]) -> str:
    if column.server_default is not None:
        arg = getattr(column.server_default, "arg", "")
        return f"`{getattr(arg, 'text', None) or str(arg)}` (base)"
    default = column.default
    if default is None:
        return ""
    if isinstance(default, ScalarElementColumnDefault):
        return f"`{default.arg!r}`"
    if getattr(default, "is_sequence", False):
        return "séquence"
    return "calculée"


def _keys(column: Column[Any], table: Table) -> list[str]:
    keys = []
    if column.primary_key:
        keys.append("PK")
    if column.foreign_keys:
        keys.append("FK")
    unique = column.unique or any(
        len(c.columns) == 1 and column.name in c.columns
        for c in table.constraints
        if isinstance(c, UniqueConstraint)
    )
    if unique and not column.primary_key:
        keys.append("UK")
    return keys


def _mermaid_type(column: Column[Any]) -> str:
    return type(column.type).__name__


def _mermaid_entity(table: Table) -> list[str]:
    lines = [f"    {table.name} {{"]
    for column in table.columns:
        keys = _keys(column, table)
        if "PK" in keys or "FK" in keys:
            lines.append(f"        {_mermaid_type(column)} {column.name} {', '.join(keys)}")
    return lines + ["    }"]


def _mermaid_relations(tables: Iterable[Table]) -> list[str]:
    lines = []
    for table in tables:
        for column in table.columns:
            for fk in sorted(column.foreign_keys, key=lambda f: f.target_fullname):
                parent = fk.column.table.name
                left = "|o" if column.nullable else "||"
                right = "o|" if "UK" in _keys(column, table) else "o{"
                lines.append(f'    {parent} {left}--{right} {table.name} : "{column.name}"')
    return lines


def render_erdiagram(tables: list[Table]) -> str:
    """A Mermaid ``erDiagram``: every table, its key columns, its foreign keys."""
    lines = ["erDiagram"]
    for table in tables:
        lines += _mermaid_entity(table)
    lines += _mermaid_relations(tables)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_table(table: Table, doc: str) -> list[str]:
    lines = [f"### `{table.name}`", ""]
    if doc:
        lines += [_cell(doc), ""]
    lines += [
        "| Colonne | Type | Nul | Clé | Défaut | Référence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for column in table.columns:
        refs = ", ".join(
            sorted(
                f"`{fk.target_fullname}`" + (f" ({fk.ondelete})" if fk.ondelete else "")
                for fk in column.foreign_keys
            )
        )
        lines.append(
            f"| `{column.name}` | {_cell(_type(column))} | "
            f"{'oui' if column.nullable else 'non'} | {' '.join(_keys(column, table))} | "
            f"{_cell(_default(column))} | {refs} |"
        )
    indexes = sorted(i.name or "" for i in table.indexes)
    if indexes:
        lines += ["", "Index : " + ", ".join(f"`{name}`" for name in indexes) + "."]
    return lines + [""]


def render_datamodel(app: Flask) -> str:
    """The Markdown page ``docs/reference/modele-de-donnees.md``."""
    from .extensions import db

    grouped = component_tables(app, db.metadata)
    docs = _table_docs(app)
    every = [t for _, tables in grouped for t in tables]
    lines = [
        GENERATED.format(command="datamodel"),
        "",
        "# Modèle de données",
        "",
        "Page générée depuis les modèles SQLAlchemy (cœur et tous les plugins "
        "installés) par `tremplin docs datamodel --output "
        "docs/reference/modele-de-donnees.md`. Un test échoue si elle n'est plus à jour.",
        "",
        f"{len(every)} tables réparties en {len(grouped)} composants. "
        "Chaque composant a son historique de migrations Alembic et sa propre table "
        "de version. Le diagramme ne montre que les clés (PK, FK) ; "
        "les tableaux plus bas donnent toutes les colonnes.",
        "",
        "## Diagramme entité-association",
        "",
        "```mermaid",
        render_erdiagram(every),
        "```",
        "",
    ]
    for component, tables in grouped:
        title = "Cœur" if component.label == "core" else f"Plugin `{component.label}`"
        lines += [
            f"## {title}",
            "",
            f"Table de version Alembic : `{component.version_table}` ; "
            f"préfixes : {', '.join(f'`{p}`' for p in component.table_prefixes)}.",
            "",
        ]
        for table in tables:
            lines += render_table(table, docs.get(table.name, ""))
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Configuration -----------------------------------------------------------------------

TYPE_NAMES = {str: "texte", int: "entier", bool: "booléen", float: "nombre", list: "liste"}


def section_owners(app: Flask) -> dict[str, str]:
    """Section name -> ``core`` or the plugin that declares it."""
    owners = {section.name: "core" for section in CORE_SECTIONS}
    pm = app.extensions["tremplin"].pm
    for impl in pm.hook.register_settings.get_hookimpls():
        section = impl.function()
        if section is not None and section.name not in owners:
            owners[section.name] = impl.plugin_name
    return owners


def _value(value: Any) -> str:
    from .config import _toml_value

    if value in ("", []):
        return "*(vide)*"
    return f"`{_toml_value(value)}`"


def render_setting(section: str, setting: Setting) -> str:
    details = [_cell(setting.description)]
    if setting.choices:
        details.append("Valeurs : " + ", ".join(f"`{c}`" for c in setting.choices) + ".")
    if setting.secret:
        details.append("**Secret** : jamais affiché.")
    if setting.example is not None and setting.example != setting.default and not setting.secret:
        details.append(f"Exemple : {_value(setting.example)}.")
    env = f"TREMPLIN_{section.upper()}__{setting.key.upper()}"
    return (
        f"| `{setting.key}` | {TYPE_NAMES.get(setting.type, setting.type.__name__)} | "
        f"{_value(setting.default)} | `{env}` | {' '.join(details)} |"
    )


def render_section(section: SettingsSection, owner: str) -> list[str]:
    origin = "cœur" if owner == "core" else f"plugin `{owner}`"
    lines = [
        f"## `[{section.name}]`",
        "",
        f"{_cell(section.description)} (Déclarée par : {origin}.)",
        "",
        "| Clé | Type | Défaut | Variable d'environnement | Description |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [render_setting(section.name, s) for s in section.settings]
    return lines + [""]


def render_config(app: Flask) -> str:
    """The Markdown page ``docs/reference/configuration.md``."""
    sections = app.extensions["tremplin"].config.sections
    owners = section_owners(app)
    core_names = [s.name for s in CORE_SECTIONS]
    order = core_names + sorted(n for n in sections if n not in core_names)
    lines = [
        GENERATED.format(command="config"),
        "",
        "# Référence de la configuration",
        "",
        "Page générée depuis les réglages déclarés (`core/settings.py` et le hook "
        "`register_settings` des plugins) par `tremplin docs config --output "
        "docs/reference/configuration.md`. Un test échoue si elle n'est plus à jour.",
        "",
        "Ordre de priorité : valeur par défaut < fichier TOML (`--config` ou "
        "`TREMPLIN_CONFIG`) < variable d'environnement `TREMPLIN_<SECTION>__<CLÉ>` "
        "(listes : valeurs séparées par des virgules ; booléens : `true`/`false`). "
        "Une clé ou une section inconnue arrête le démarrage avec un message qui la nomme. "
        "`tremplin config example` écrit un fichier d'exemple commenté.",
        "",
        "Les descriptions sont celles déclarées dans le code (en anglais).",
        "",
    ]
    for name in order:
        lines += render_section(sections[name], owners.get(name, "?"))
    return "\n".join(lines).rstrip("\n") + "\n"


# --- OpenAPI -----------------------------------------------------------------------------


def render_openapi(app: Flask, version: str = "v1") -> str:
    """The OpenAPI document Flask-AppBuilder serves at ``/api/v1/_openapi``, as JSON."""
    from flask_appbuilder.api import BaseApi
    from flask_appbuilder.api.manager import OpenApi

    base_url = app.config["TREMPLIN_BASE_URL"]
    with app.test_request_context("/", base_url=base_url), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # apispec's duplicate-schema notes, as when FAB serves it
        spec = OpenApi._create_api_spec(version)
        for view in app.appbuilder.baseviews:  # type: ignore[attr-defined]
            if isinstance(view, BaseApi) and view.version == version:
                view.add_api_spec(spec)
        document = spec.to_dict()
    document["servers"] = [{"url": base_url}]
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- All three at once ---------------------------------------------------------------------

REFERENCE_FILES = {
    "modele-de-donnees.md": render_datamodel,
    "configuration.md": render_config,
    "openapi.json": render_openapi,
}


def render_references() -> dict[str, str]:
    """File name under ``docs/reference/`` -> its generated text (one app for all)."""
    with reference_app() as app:
        return {name: render(app) for name, render in REFERENCE_FILES.items()}


def write_references(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_references().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
