"""``tremplin verification ...``: the plugin's command group."""

from __future__ import annotations

import typer

from .roles import DEFAULT_NAME, create_moderator_role

app = typer.Typer(help="Vérification des entreprises.", no_args_is_help=True)


@app.command("moderator-role")
def moderator_role(name: str = typer.Option(DEFAULT_NAME, help="Nom du rôle.")) -> None:
    """Créer le rôle des modérateurs de la vérification (file, examen, décisions)."""
    try:
        added = create_moderator_role(name)
    except LookupError as exc:
        typer.echo(f"Impossible : {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Rôle « {name} » : {len(added)} permission(s) ajoutée(s).")
    typer.echo(
        f"Ajoutez « {name} » à [accounts] mfa_required_roles pour imposer la MFA à ses membres."
    )
