"""``tremplin docs``: reference pages generated from the code (data model, settings, API)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from flask import Flask

from .context import console, fail

app = typer.Typer(
    help="Documentation : pages de référence générées depuis le code.", no_args_is_help=True
)

OUTPUT_HELP = "Fichier à écrire (sinon la sortie standard)."


def _generate(render: Callable[[Flask], str], output: Path | None) -> None:
    """Build the reference app (every installed plugin), render, write or print."""
    from tremplin.core.docgen import reference_app

    try:
        with reference_app() as flask_app:
            text = render(flask_app)
    except Exception as exc:
        fail(f"génération impossible : {type(exc).__name__}: {exc}")
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(f"[green]{output} écrit.[/]")


@app.command("datamodel")
def datamodel(output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP)) -> None:
    """Modèle de données (diagramme Mermaid erDiagram et tables par composant)."""
    from tremplin.core.docgen import render_datamodel

    _generate(render_datamodel, output)


@app.command("config")
def config(output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP)) -> None:
    """Référence de la configuration, depuis les réglages déclarés (cœur et plugins)."""
    from tremplin.core.docgen import render_config

    _generate(render_config, output)


@app.command("openapi")
def openapi(output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP)) -> None:
    """Document OpenAPI de l'API REST (celui servi sur /api/v1/_openapi)."""
    from tremplin.core.docgen import render_openapi

    _generate(render_openapi, output)


@app.command("all")
def generate_all(
    folder: Path = typer.Option(
        Path("docs/reference"), "--folder", help="Dossier des pages de référence."
    ),
) -> None:
    """Régénérer les trois pages de référence dans docs/reference/."""
    from tremplin.core.docgen import write_references

    try:
        written = write_references(folder)
    except Exception as exc:
        fail(f"génération impossible : {type(exc).__name__}: {exc}")
    for path in written:
        console.print(f"[green]{path} écrit.[/]")
