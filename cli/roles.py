"""``tremplin roles``: the role × permission matrix."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .context import app_context, console

app = typer.Typer(help="Rôles et permissions.", no_args_is_help=True)


@app.command()
def matrix(
    markdown: bool = typer.Option(
        False, "--markdown", help="Sortie Markdown (docs/permissions.md)."
    ),
    output: Path = typer.Option(None, help="Écrire dans ce fichier."),
) -> None:
    """Afficher la matrice rôles × permissions."""
    from tremplin.core.backoffice.roles import role_matrix

    with app_context() as flask_app:
        roles, rows = role_matrix(flask_app.appbuilder)  # type: ignore[attr-defined]
    if markdown or output:
        text = render_markdown(roles, rows)
        if output:
            output.write_text(text, encoding="utf-8")
            console.print(f"[green]{output} écrit.[/]")
        else:
            typer.echo(text, nl=False)
        return
    table = Table("ressource", "action", *roles)
    for resource, action, held in rows:
        table.add_row(resource, action, *("✔" if h else "·" for h in held))
    console.print(table)


def render_markdown(roles: list[str], rows: list[tuple[str, str, list[bool]]]) -> str:
    lines = [
        "# Matrice des rôles et permissions",
        "",
        "Générée par `tremplin roles matrix --markdown` à partir des rôles de départ "
        "(`core/backoffice/roles.py`) et des permissions déclarées par le cœur et les "
        "plugins. Un administrateur peut ensuite la modifier dans le back-office "
        "(Sécurité › Rôles).",
        "",
        "| ressource | action | " + " | ".join(roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for resource, action, held in rows:
        lines.append(
            f"| {resource} | {action} | " + " | ".join("✔" if h else "" for h in held) + " |"
        )
    return "\n".join(lines) + "\n"
