"""``tremplin resources ...``: demo content, scheduled work by hand."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("demo")
def demo() -> None:
    """Ajouter les fiches pays et guides de démonstration (jamais en production)."""
    from tremplin.core.api import setting

    from .demo import load_demo_resources

    if setting("app", "environment") == "production":
        console.print("[red]Les données de démonstration ne sont jamais chargées en production.[/]")
        raise typer.Exit(1)
    added = load_demo_resources()
    console.print(f"[green]{added} ressource(s) de démonstration ajoutée(s).[/]")


@app.command("publish-due")
def publish_due() -> None:
    """Publier tout de suite les ressources dont la date de publication est passée."""
    from .tasks import publish_scheduled

    console.print(f"{publish_scheduled()} ressource(s) publiée(s).")


@app.command("remind-reviews")
def remind_reviews() -> None:
    """Prévenir les gestionnaires de contenu des fiches à relire."""
    from .tasks import remind_reviews as remind

    console.print(f"{remind()} ressource(s) à relire signalée(s).")
