"""``tremplin audit``: export the audit trail, print the privileged-role report."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import typer

from .context import app_context, console, fail

app = typer.Typer(help="Journal d'audit (sécurité).", no_args_is_help=True)


def parse_day(text: str, option: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")  # noqa: DTZ007  naive UTC, as stored
    except ValueError:
        fail(f"{option} : date invalide {text!r} (attendu AAAA-MM-JJ)")


@app.command()
def export(
    since: str = typer.Option(..., "--since", help="Depuis cette date (AAAA-MM-JJ, UTC)."),
    until: str = typer.Option(None, "--until", help="Jusqu'à cette date exclue."),
    fmt: str = typer.Option("csv", "--format", help="csv ou json."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Fichier à écrire (défaut : sortie standard)."
    ),
) -> None:
    """Exporter les événements d'audit (CSV protégé contre l'injection de formules, ou JSON)."""
    from tremplin.core.audit.services import acting_as, events_since, record, to_csv, to_json

    if fmt not in ("csv", "json"):
        fail(f"--format : {fmt!r} inconnu (csv ou json)")
    start = parse_day(since, "--since")
    end = parse_day(until, "--until") if until else None
    with app_context():
        writer = to_csv if fmt == "csv" else to_json
        if output is None:
            count = writer(events_since(start, end), sys.stdout)
        else:
            try:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    count = writer(events_since(start, end), handle)
            except OSError as exc:
                fail(f"impossible d'écrire {output} : {exc.strerror}")
        with acting_as(None, "cli"):
            record("audit_exported", None, since=since, until=until, format=fmt, count=count)
    if output is not None:
        console.print(f"[green]{count} événement(s) écrit(s) dans {output}.[/]")


@app.command()
def report(
    month: str = typer.Option(None, "--month", help="Mois AAAA-MM (défaut : le mois dernier)."),
    send: bool = typer.Option(False, "--send", help="Envoyer aussi aux administrateurs."),
) -> None:
    """Rapport d'utilisation des rôles à privilèges (Admin, Moderator) sur un mois."""
    from tremplin.core.audit.report import (
        build_report,
        format_report,
        month_bounds,
        previous_month,
        send_monthly_report,
    )

    chosen = month or previous_month()
    try:
        month_bounds(chosen)
    except ValueError as exc:
        fail(f"--month : {exc}")
    with app_context():
        console.print(format_report(chosen, build_report(chosen)), highlight=False)
        if send:
            result = send_monthly_report(chosen)
            console.print(f"[green]Rapport envoyé à {result['recipients']} destinataire(s).[/]")
