"""``tremplin kpis ...``: aggregate the activity log, write the monthly report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

app = typer.Typer(help="Indicateurs clés (KPI) et rapport mensuel.", no_args_is_help=True)


@app.command()
def report(
    month: str = typer.Option(..., "--month", help="Mois du rapport, AAAA-MM."),
    output: Path = typer.Option(Path("."), "--output", help="Dossier où écrire les fichiers."),
    email: bool = typer.Option(False, "--email", help="L’envoyer aussi aux administrateurs."),
) -> None:
    """Écrire le rapport mensuel (Word et CSV), après avoir agrégé les jours manquants."""
    from .aggregation import catch_up
    from .models import utcnow
    from .report import MonthError, email_report, month_range, report_csv, report_docx

    try:
        span = month_range(month)
    except MonthError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    if not output.is_dir():
        typer.echo(f"Dossier introuvable : {output}", err=True)
        raise typer.Exit(2)
    catch_up(until=min(span.end, utcnow().date()))
    name = output / f"tremplin-kpis-{month}"
    name.with_suffix(".docx").write_bytes(report_docx(span))
    name.with_suffix(".csv").write_text(report_csv(span), encoding="utf-8-sig")
    typer.echo(f"{name}.docx\n{name}.csv")
    if email:
        typer.echo(f"envoyé à {email_report(span)} administrateur(s)")


@app.command()
def aggregate(
    since: str = typer.Option("", "--since", help="Recalculer depuis ce jour (AAAA-MM-JJ)."),
) -> None:
    """Agréger le journal d’activité jusqu’à hier (les jours manquants, ou depuis --since)."""
    from .aggregation import catch_up

    try:
        start = date.fromisoformat(since) if since else None
    except ValueError as exc:
        typer.echo("Date invalide : écrivez AAAA-MM-JJ.", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{catch_up(since=start)} jour(s) agrégé(s)")
