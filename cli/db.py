"""``tremplin db``: create, upgrade and inspect the schema (core and plugins)."""

from __future__ import annotations

import typer
from rich.table import Table

from .context import app_context, console, fail

app = typer.Typer(help="Base de données : migrations du cœur et des plugins.", no_args_is_help=True)


@app.command()
def upgrade(
    sync_roles: bool = typer.Option(True, help="Synchroniser rôles et permissions."),
) -> None:
    """Créer ou mettre à jour toutes les tables (cœur puis plugins activés)."""
    from tremplin.core import migrate
    from tremplin.core.roles_sync import sync_all_roles

    with app_context() as flask_app:
        try:
            migrate.upgrade(flask_app)
        except Exception as exc:
            fail(f"migration impossible : {type(exc).__name__}: {exc}")
        if sync_roles:
            sync_all_roles(flask_app)
    console.print("[green]Base de données à jour.[/]")


@app.command(context_settings={"ignore_unknown_options": True})  # so that -1 is a revision
def downgrade(
    component: str = typer.Argument(..., help="core ou le nom d'un plugin"),
    revision: str = typer.Argument("-1", help="Révision cible (par défaut : -1)"),
) -> None:
    """Revenir à une révision antérieure d'un composant."""
    from tremplin.core import migrate

    with app_context() as flask_app:
        try:
            migrate.downgrade(flask_app, component, revision)
        except LookupError as exc:
            fail(str(exc))
    console.print(f"[green]{component} ramené à {revision}.[/]")


@app.command()
def current() -> None:
    """Afficher la révision appliquée de chaque composant."""
    from tremplin.core import migrate

    table = Table("composant", "révision appliquée", "dernière révision", "à jour")
    with app_context() as flask_app:
        for component in migrate.components(flask_app):
            applied, heads = migrate.current_heads(component)
            table.add_row(
                component.label,
                ", ".join(sorted(applied)) or "-",
                ", ".join(sorted(heads)) or "-",
                "oui" if applied == heads else "non",
            )
    console.print(table)


@app.command()
def revision(
    component: str = typer.Argument(..., help="core ou le nom d'un plugin"),
    message: str = typer.Option(..., "-m", "--message", help="Description"),
    autogenerate: bool = typer.Option(True, help="Comparer modèles et base"),
) -> None:
    """Créer une révision pour un composant (développeurs)."""
    from tremplin.core import migrate

    with app_context() as flask_app:
        try:
            migrate.revision(flask_app, component, message, autogenerate)
        except LookupError as exc:
            fail(str(exc))
