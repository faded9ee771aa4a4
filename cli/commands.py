"""Top-level commands: init, serve, worker, check, demo, config, search."""

from __future__ import annotations

import secrets
from pathlib import Path

import typer
from rich.markup import escape

from .context import app_context, config_path, console, fail, get_app, read_secret_stdin

config_app = typer.Typer(help="Fichier de configuration.", no_args_is_help=True)
search_app = typer.Typer(help="Index de recherche.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)
    app.command()(worker)
    app.command()(check)
    app.command()(demo)
    app.add_typer(config_app, name="config")
    app.add_typer(search_app, name="search")


def init(
    admin_username: str = typer.Option("admin", help="Identifiant du premier administrateur."),
    admin_email: str = typer.Option("admin@example.org", help="Son adresse e-mail."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Lire son mot de passe sur l'entrée standard."
    ),
    environment: str = typer.Option("development", help="development, test ou production."),
    with_demo: bool = typer.Option(False, "--demo", help="Ajouter les données de démonstration."),
) -> None:
    """Écrire une configuration (avec un secret neuf), créer la base et le premier administrateur.

    Relancer la commande garde la configuration et les données existantes.
    """
    from tremplin.core.setup import write_initial_config

    path = Path(config_path() or "tremplin.toml")
    if path.exists():
        console.print(f"Configuration existante gardée : {path}")
    else:
        write_initial_config(path, environment, secrets.token_urlsafe(48))
        console.print(f"[green]Configuration écrite : {path}[/]")
    from .context import set_config_path

    set_config_path(str(path))
    from tremplin.core import migrate
    from tremplin.core.roles_sync import sync_all_roles

    with app_context() as flask_app:
        migrate.upgrade(flask_app)
        sync_all_roles(flask_app)
        from tremplin.core.accounts.shared.services import create_user, find_user

        if find_user(admin_username) is None:
            password = (
                read_secret_stdin()
                if password_stdin
                else typer.prompt(
                    "Mot de passe de l'administrateur", hide_input=True, confirmation_prompt=True
                )
            )
            try:
                create_user(admin_username, admin_email, "Admin", "OIF", password, ["Admin"])
            except ValueError as exc:
                fail(str(exc))
            console.print(f"[green]Administrateur {admin_username} créé.[/]")
        else:
            console.print(f"Administrateur {admin_username} déjà présent.")
        if with_demo:
            added = _load_demo()
            console.print(f"[green]Démo : {added} entreprises ajoutées.[/]")
        from tremplin.core import search

        search.rebuild()


def serve(
    host: str = typer.Option("127.0.0.1", help="Adresse d'écoute."),
    port: int = typer.Option(5000, help="Port."),
    debug: bool = typer.Option(False, help="Rechargement automatique (développement)."),
) -> None:
    """Serveur de développement. En production : gunicorn (voir docs/deploiement.md)."""
    flask_app = get_app()
    if flask_app.extensions["tremplin"].config.is_production:
        console.print(
            "[yellow]Production : utilisez gunicorn -c python:tremplin.core.gunicorn_conf "
            "tremplin.core.wsgi:app[/]"
        )
    flask_app.run(host=host, port=port, debug=debug, use_reloader=debug)


def worker(
    workers: int = typer.Option(None, help="Nombre de fils (défaut : [tasks] workers)."),
) -> None:
    """Lancer le consommateur de tâches Huey (e-mails, tâches planifiées)."""
    from tremplin.core.tasks import run_worker

    flask_app = get_app()
    count = workers or flask_app.extensions["tremplin"].config.get("tasks", "workers")
    console.print(f"Consommateur Huey : {count} fil(s). Ctrl-C pour arrêter proprement.")
    run_worker(flask_app, count)


def check(
    production: bool = typer.Option(
        False, "--production", help="Vérifier aussi la préparation à la production."
    ),
) -> None:
    """Vérifier configuration, base, migrations et (option) préparation production."""
    from tremplin.core.checks import run_checks

    with app_context() as flask_app:
        problems, lines = run_checks(flask_app, production)
    for ok, text in lines:
        console.print(("[green]✔[/] " if ok else "[red]✘[/] ") + escape(text), highlight=False)
    if problems:
        fail(f"{problems} problème(s) à corriger")


def demo() -> None:
    """Ajouter les données de démonstration (personas et entreprises de l'espace francophone).

    Les comptes des personas (awa.ndiaye, ahmed.benali, aminata.kone) sont créés avec le
    mot de passe de TREMPLIN_DEMO_PASSWORD, s'il est défini (développement seulement).
    """
    with app_context():
        added = _load_demo()
        from tremplin.core import search

        search.rebuild()
    console.print(f"[green]{added} entreprises de démonstration ajoutées.[/]")


def _load_demo() -> int:
    """Demo companies, and the personas' accounts when TREMPLIN_DEMO_PASSWORD is set."""
    from tremplin.core.demo import DemoRefused, demo_password, load_demo

    try:
        return load_demo(demo_password())
    except DemoRefused:
        fail("les données de démonstration ne sont jamais chargées en production")
    except ValueError as exc:
        fail(f"comptes de démonstration : {exc}")


@config_app.command("example")
def config_example(
    output: Path = typer.Option(None, "--output", "-o", help="Fichier à écrire."),
) -> None:
    """Écrire config.example.toml depuis les réglages déclarés (cœur et plugins installés)."""
    from tremplin.core.setup import example_config

    text = example_config()
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"[green]{output} écrit.[/]")
    else:
        typer.echo(text, nl=False)


@search_app.command("reindex")
def search_reindex() -> None:
    """Reconstruire l'index de recherche depuis les données (barre de progression)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from tremplin.core import search

    with app_context():
        documents = [
            (name, doc)
            for name, doc_type in search.doc_types().items()
            for doc in doc_type.documents()
        ]
        columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            bar = progress.add_task("index", total=len(documents))
            count = search.reindex(documents, lambda: progress.advance(bar))
        backend = search.backend_name()
    console.print(f"[green]{count} documents indexés ({backend}).[/]")


@search_app.command("rebuild", hidden=True)
def search_rebuild() -> None:
    """Ancien nom de `tremplin search reindex`."""
    search_reindex()
