"""``tremplin restore``: check an archive completely, then put its data back.

Nothing on disk or in the database changes until every member has been read,
its name checked and its checksum compared with the manifest.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask

from . import dbdump
from .archive import (
    MANIFEST,
    PG_MEMBER,
    SQLITE_MEMBER,
    UPLOADS_PREFIX,
    ArchiveError,
    check_member_name,
    compare_with_manifest,
    read_manifest,
    sha256_stream,
)
from .backup import quiet_alembic, uploads_dir


@dataclass
class Verified:
    """An archive unpacked into ``folder`` whose members all match the manifest."""

    folder: Path
    manifest: dict[str, Any]
    uploads: list[str] = field(default_factory=list)

    @property
    def database(self) -> Path:
        member = SQLITE_MEMBER if self.manifest["database_backend"] == "sqlite" else PG_MEMBER
        return self.folder / member


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    files: int
    indexed: int
    pending_migrations: list[str]


def unpack_verified(archive: Path, folder: Path) -> Verified:
    """Unpack into ``folder`` (hashing as it goes) and compare with the manifest."""
    if not archive.is_file():
        raise ArchiveError(f"archive introuvable : {archive}")
    found: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                _unpack_member(tar, member, folder, found)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise ArchiveError(f"archive illisible ou tronquée ({exc})") from None
    if MANIFEST not in found:
        raise ArchiveError(f"{MANIFEST} absent : ce n'est pas une sauvegarde Tremplin")
    del found[MANIFEST]
    manifest = read_manifest(folder / MANIFEST)
    compare_with_manifest(manifest, found)
    expected = SQLITE_MEMBER if manifest["database_backend"] == "sqlite" else PG_MEMBER
    if expected not in found:
        raise ArchiveError("la base de données manque dans l'archive")
    uploads = sorted(n for n in found if n.startswith(UPLOADS_PREFIX))
    return Verified(folder, manifest, uploads)


def _unpack_member(
    tar: tarfile.TarFile, member: tarfile.TarInfo, folder: Path, found: dict[str, dict[str, Any]]
) -> None:
    name = check_member_name(member.name)
    if member.isdir():
        return
    if not member.isfile():
        raise ArchiveError(f"membre interdit (lien ou fichier spécial) : {member.name!r}")
    if name in found:
        raise ArchiveError(f"membre en double dans l'archive : {name}")
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(member)
    assert source is not None
    with target.open("wb") as sink:
        digest, size = sha256_stream(source, sink)
    found[name] = {"sha256": digest, "size": size}


def verify_archive(archive: Path, scratch_parent: Path | None = None) -> dict[str, Any]:
    """Check every member against the manifest without changing anything; the manifest."""
    with tempfile.TemporaryDirectory(dir=scratch_parent, prefix=".verify-") as scratch:
        return unpack_verified(archive, Path(scratch)).manifest


def restore_archive(app: Flask, archive: Path) -> RestoreReport:
    """Verify, then replace the database and uploaded files, then rebuild the index."""
    config = app.extensions["tremplin"].config
    config.instance_path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=config.instance_path, prefix=".restore-") as scratch:
        verified = unpack_verified(archive, Path(scratch))
        current = dbdump.backend(config.database_url)
        archived = verified.manifest["database_backend"]
        if archived != current:
            raise ArchiveError(
                f"l'archive contient une base {archived}, la configuration pointe vers {current}"
            )
        _restore_database(app, config.database_url, verified)
        files = _restore_uploads(verified, uploads_dir(config))
    return _after_restore(app, verified.manifest, files)


def _restore_database(app: Flask, url: str, verified: Verified) -> None:
    from ..extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if verified.manifest["database_backend"] == "sqlite":
        dbdump.sqlite_restore(url, verified.database)
    else:
        dbdump.pg_restore(url, verified.database)
    with app.app_context():
        db.engine.dispose()


def _restore_uploads(verified: Verified, uploads: Path) -> int:
    """Swap the uploads folder for the archived one (the old one is removed at the end)."""
    incoming = verified.folder / UPLOADS_PREFIX.rstrip("/")
    incoming.mkdir(parents=True, exist_ok=True)
    if os.path.ismount(uploads):  # a shared mount cannot be renamed: swap its contents
        return _replace_contents(incoming, uploads, len(verified.uploads))
    previous = uploads.with_name(uploads.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if uploads.exists():
        uploads.rename(previous)
    shutil.move(str(incoming), str(uploads))
    shutil.rmtree(previous, ignore_errors=True)
    return len(verified.uploads)


def _replace_contents(incoming: Path, uploads: Path, count: int) -> int:
    for child in list(uploads.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in list(incoming.iterdir()):
        shutil.move(str(child), str(uploads / child.name))
    return count


def _after_restore(app: Flask, manifest: dict[str, Any], files: int) -> RestoreReport:
    from .. import migrate, search

    with quiet_alembic(), app.app_context():
        pending = migrate.pending(app)
        indexed = search.rebuild() if not pending else 0
    return RestoreReport(manifest, files, indexed, pending)
