"""``tremplin purge``: retention rules over backups, exports, development e-mails and logs.

Ages come from the time in a backup's name (else the file's modification time).
A rule set to 0 days never removes anything; the newest ``backups_keep_min``
backups are kept whatever their age.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..config import Config
from .archive import archive_time
from .backup import backup_dir

BACKUP_GLOB = "tremplin-backup-*.tar.gz"


@dataclass(frozen=True)
class Removal:
    category: str
    path: Path
    age_days: float
    size: int


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _older(
    paths: Iterable[Path],
    category: str,
    days: int,
    now: datetime,
    when: Callable[[Path], datetime] = _modified,
) -> Iterator[Removal]:
    if days <= 0:
        return
    limit = now - timedelta(days=days)
    for path in paths:
        taken = when(path)
        if taken < limit:
            yield Removal(
                category, path, round((now - taken).total_seconds() / 86400, 1), path.stat().st_size
            )


def _backup_time(path: Path) -> datetime:
    return archive_time(path.name) or _modified(path)


def _files(folder: Path, pattern: str = "*", recursive: bool = True) -> list[Path]:
    if not folder.is_dir():
        return []
    found = folder.rglob(pattern) if recursive else folder.glob(pattern)
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def plan(config: Config, now: datetime | None = None) -> list[Removal]:
    """What the retention rules remove, without removing anything."""
    now = now or datetime.now(UTC)
    rules = config["retention"]
    instance = config.instance_path
    backups = sorted(
        _files(backup_dir(config), BACKUP_GLOB, recursive=False), key=_backup_time, reverse=True
    )
    keep = max(rules["backups_keep_min"], 0)
    removals = list(_older(backups[keep:], "sauvegarde", rules["backups_days"], now, _backup_time))
    removals += _older(_files(instance / "exports"), "export", rules["exports_days"], now)
    removals += _older(
        _files(instance / "outbox"), "courriel de développement", rules["outbox_days"], now
    )
    removals += _older(
        _files(instance / "logs", "*.log*", recursive=False), "journal", rules["logs_days"], now
    )
    return removals


def purge(config: Config, dry_run: bool = False, now: datetime | None = None) -> list[Removal]:
    """Apply the rules; returns what was removed (or would be, with ``dry_run``)."""
    removals = plan(config, now)
    if not dry_run:
        for removal in removals:
            removal.path.unlink(missing_ok=True)
        _prune_empty_dirs(config.instance_path / "exports")
    return removals


def _prune_empty_dirs(root: Path) -> None:
    if not root.is_dir():
        return
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
