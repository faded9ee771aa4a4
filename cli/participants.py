"""``tremplin participants``: the list of mission participants allowed to sign up."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from .context import app_context, console, err_console, fail

app = typer.Typer(help="Participants aux missions (accès sur invitation).", no_args_is_help=True)


@app.command("import")
def import_csv(
    file: Path = typer.Argument(..., help="Fichier CSV exporté (en-tête requis)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Vérifier seulement, ne rien importer."),
) -> None:
    """Importer une liste de participants : tout ou rien, erreurs ligne par ligne."""
    from tremplin.core.accounts.participants.services import MAX_BYTES, import_bytes

    if not file.is_file():
        fail(f"fichier introuvable : {file}")
    if file.stat().st_size > MAX_BYTES:
        fail("fichier trop volumineux (2 Mo au plus)")
    data = file.read_bytes()
    with app_context():
        from flask_babel import force_locale

        with force_locale("fr"):
            result = import_bytes(data, dry_run=dry_run)
            errors = [(e.line, str(e.reason)) for e in result.errors]
    if errors:
        for line, reason in errors:
            where = f"ligne {line}" if line else "fichier"
            err_console.print(f"[red]{where}[/] : {escape(reason)}", highlight=False)
        fail(f"{len(errors)} erreur(s) : rien n'a été importé")
    verb = "seraient ajoutés" if dry_run else "ajoutés"
    console.print(
        f"[green]{result.created} participant(s) {verb}, {result.updated} mis à jour"
        f"{' (vérification seulement, rien importé)' if dry_run else ''}.[/]"
    )
