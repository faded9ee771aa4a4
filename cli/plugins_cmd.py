"""``tremplin plugins``: what is installed, loaded, and which hooks each implements."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .context import console, get_app

app = typer.Typer(help="Plugins installés et leurs hooks.", no_args_is_help=True)


@app.command("list")
def list_plugins() -> None:
    """Lister les plugins : version, origine, activé ou non, hooks implémentés."""
    from tremplin.core.plugins import describe_plugins

    pm = get_app().extensions["tremplin"].pm
    table = Table("plugin", "version", "origine", "activé", show_lines=True)
    table.add_column("hooks", overflow="fold")  # whole hook names, never "…"
    for info in describe_plugins(pm):
        table.add_row(
            info.name,
            info.version,
            info.source,
            "oui" if info.enabled else "non",
            ", ".join(info.hooks) or "-",
        )
    console.print(table)


@app.command("docs")
def docs(
    output: Path = typer.Option(None, help="Fichier à écrire (sinon la sortie standard)."),
) -> None:
    """Générer la référence des hooks (docs/plugins.md) depuis hookspecs.py."""
    from tremplin.core.hookdocs import render_plugin_guide

    text = render_plugin_guide()
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"[green]{output} écrit.[/]")
    else:
        typer.echo(text, nl=False)
