"""``tremplin testplugin ...``: the plugin's command group."""

from __future__ import annotations

import typer

from .services import add_note, all_notes

app = typer.Typer(help="Carnet de notes du plugin de test.", no_args_is_help=True)


@app.command()
def add(text: str = typer.Argument(..., help="Texte de la note.")) -> None:
    """Ajouter une note."""
    note = add_note(text)
    typer.echo(f"note {note.id} ajoutée")


@app.command()
def count() -> None:
    """Afficher le nombre de notes."""
    typer.echo(f"{len(all_notes())} note(s)")
