"""``tremplin support ...``: the help centre's default guides."""

from __future__ import annotations

import typer

app = typer.Typer(help="Aide en ligne et assistance.", no_args_is_help=True)


@app.command("load-help")
def load_help() -> None:
    """Ajouter les guides par défaut de l'aide en ligne qui manquent (ceux déjà présents,
    même modifiés, sont gardés)."""
    from tremplin.core.api import db

    from .help_content import load_guides

    added = load_guides()
    db.session.commit()
    typer.echo(f"{added} guide(s) ajouté(s).")


@app.callback()
def main() -> None:
    """Aide en ligne et assistance."""
