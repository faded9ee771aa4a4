"""``tremplin keys ...``: the encryption keys of messages and attachments."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

app = typer.Typer(help="Clés de chiffrement des messages.", no_args_is_help=True)


@app.command()
def generate() -> None:
    """Afficher une nouvelle clé, à placer en tête de [messaging] keys (ou du fichier de clés)."""
    from .crypto import generate_key

    typer.echo(generate_key())


@app.command()
def status() -> None:
    """Nombre de messages chiffrés par chaque clé, et ce qu'il reste à rechiffrer."""
    from .crypto import keyring
    from .rotation import by_key, pending

    ring = keyring()
    for key, count in sorted(by_key().items()):
        mark = " (actuelle)" if key == ring.current_id else ""
        known = "" if key in ring.ids else " — CLÉ ABSENTE DE LA CONFIGURATION"
        typer.echo(f"{key}{mark} : {count} message(s){known}")
    left = pending()
    typer.echo(f"À rechiffrer : {left.messages} message(s), {left.attachments} pièce(s) jointe(s)")


@app.command()
def rotate(
    batch_size: int = typer.Option(
        500, min=1, max=10000, help="Messages par lot (un commit par lot)."
    ),
) -> None:
    """Rechiffrer messages et pièces jointes avec la première clé ; interruptible et reprenable."""
    from .rotation import pending, rotate_attachments, rotate_messages

    left = pending()
    console = Console()
    if left.total == 0:
        console.print("Rien à rechiffrer : tout est chiffré avec la clé actuelle.")
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console) as bar:
            task = bar.add_task("Messages", total=left.messages)
            rotate_messages(batch_size, lambda n: bar.advance(task, n))
            files = bar.add_task("Pièces jointes", total=left.attachments)
            rotate_attachments(max(batch_size // 5, 1), lambda n: bar.advance(files, n))
    except KeyboardInterrupt:
        console.print(
            "Interrompu : relancez « tremplin keys rotate » pour reprendre. "
            "Aucun message n'est perdu."
        )
        raise typer.Exit(130) from None
    console.print("Rotation terminée : l'ancienne clé peut être retirée de la configuration.")
