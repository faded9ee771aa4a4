"""Operations commands: backup, restore, purge."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from .context import console, fail, get_app


def os_error(exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    return escape(f"{exc.strerror or exc}{where}")


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} Ko"
    return f"{size / 1024 / 1024:.1f} Mo"


def say(markup: str) -> None:
    """One line for the operator, never wrapped (scripts may read it)."""
    console.print(markup, highlight=False, soft_wrap=True)


def backup(
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help="Dossier de l'archive (défaut : [retention] backup_dir, sinon <instance>/backups).",
    ),
) -> None:
    """Sauvegarder base, fichiers déposés et configuration (sans secrets) dans une archive."""
    from tremplin.core.ops.archive import ArchiveError
    from tremplin.core.ops.backup import create_backup

    flask_app = get_app()
    try:
        archive = create_backup(flask_app, output)
    except ArchiveError as exc:
        fail(f"sauvegarde impossible : {escape(str(exc))}")
    except OSError as exc:
        fail(f"sauvegarde impossible : {os_error(exc)}")
    say(
        f"[green]Sauvegarde écrite :[/] {escape(str(archive))} "
        f"({human_size(archive.stat().st_size)})"
    )


def restore(
    archive: Path = typer.Argument(..., help="Archive tremplin-backup-*.tar.gz."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Ne pas demander de confirmation."),
    check: bool = typer.Option(
        False, "--check", help="Vérifier l'archive seulement (rien n'est modifié)."
    ),
) -> None:
    """Vérifier une archive puis restaurer base et fichiers (configuration actuelle gardée)."""
    from tremplin.core.ops.archive import ArchiveError
    from tremplin.core.ops.restore import restore_archive

    if check:
        return check_archive(archive)
    flask_app = get_app()
    config = flask_app.extensions["tremplin"].config
    if not yes and not typer.confirm(
        f"La base et les fichiers de {config.instance_path} seront remplacés par ceux de "
        f"{archive.name}. Continuer ?",
        default=False,
    ):
        fail("restauration annulée")
    try:
        report = restore_archive(flask_app, archive)
    except ArchiveError as exc:
        fail(f"archive refusée : {escape(str(exc))}")
    except OSError as exc:
        fail(f"restauration impossible : {os_error(exc)}")
    manifest = report.manifest
    say(
        f"[green]Restauration terminée[/] : sauvegarde du "
        f"{escape(str(manifest.get('created_at', '?')))} (version "
        f"{escape(str(manifest.get('app_version', '?')))}), {report.files} fichier(s) déposé(s)."
    )
    if report.pending_migrations:
        say(
            "[yellow]Migrations en attente pour : "
            f"{', '.join(report.pending_migrations)}. Lancez `tremplin db upgrade` "
            "puis `tremplin search reindex`.[/]"
        )
    else:
        say(f"Index de recherche reconstruit : {report.indexed} documents.")


def check_archive(archive: Path) -> None:
    """``restore --check``: every checksum and member name; unpacks into $TMPDIR only."""
    from tremplin.core.ops.archive import ArchiveError
    from tremplin.core.ops.restore import verify_archive

    try:
        manifest = verify_archive(archive)
    except ArchiveError as exc:
        fail(f"archive refusée : {escape(str(exc))}")
    revisions = manifest.get("revisions")
    listed = (
        ", ".join(f"{k} {'+'.join(map(str, v)) or '-'}" for k, v in revisions.items())
        if isinstance(revisions, dict)
        else "?"
    )
    say(
        f"[green]Archive intacte[/] : {len(manifest['files'])} fichier(s) vérifié(s), "
        f"base {manifest['database_backend']}, "
        f"sauvegarde du {escape(str(manifest.get('created_at', '?')))}, "
        f"version {escape(str(manifest.get('app_version', '?')))}, révisions {escape(listed)}."
    )


def purge(
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Afficher ce qui serait supprimé, sans supprimer."
    ),
) -> None:
    """Supprimer sauvegardes, exports, courriels de développement et journaux trop anciens."""
    from tremplin.core.ops.purge import purge as run_purge

    config = get_app().extensions["tremplin"].config
    try:
        removals = run_purge(config, dry_run=dry_run)
    except OSError as exc:
        fail(f"purge impossible : {os_error(exc)}")
    verb = "serait supprimé" if dry_run else "supprimé"
    for removal in removals:
        say(f"{verb} : {removal.category} {escape(str(removal.path))} ({removal.age_days:g} jours)")
    summary = "à supprimer" if dry_run else "supprimé(s)"
    say(f"{len(removals)} fichier(s) {summary}, {human_size(sum(r.size for r in removals))}.")
