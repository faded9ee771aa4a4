"""The backup archive format: layout, manifest, checksums and member-name rules.

A backup is one ``tremplin-backup-<UTC timestamp>.tar.gz`` holding::

    MANIFEST.json            format version, app version, revisions, checksums
    database/tremplin.sqlite3  (SQLite, online backup API)  or
    database/tremplin.pgdump   (PostgreSQL, pg_dump --format=custom)
    files/uploads/...        the instance's uploaded files
    config/tremplin.toml     the configuration file, every secret blanked

The manifest lists the SHA-256 and size of every other member; a restore refuses
an archive whose members do not match it exactly.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT_VERSION = 1
MANIFEST = "MANIFEST.json"
TOP_LEVEL = ("database", "files", "config")
SQLITE_MEMBER = "database/tremplin.sqlite3"
PG_MEMBER = "database/tremplin.pgdump"
CONFIG_MEMBER = "config/tremplin.toml"
UPLOADS_PREFIX = "files/uploads/"
NAME_PATTERN = re.compile(r"^tremplin-backup-(\d{8}T\d{6}Z)(?:-\d+)?\.tar\.gz$")
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be trusted or read; the message says why (in French)."""


def timestamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def archive_time(name: str) -> datetime | None:
    """When a backup was taken, read from its file name."""
    match = NAME_PATTERN.match(name)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def sha256_stream(stream: IO[bytes], sink: IO[bytes] | None = None) -> tuple[str, int]:
    """Hash (and optionally copy) a stream; returns (hex digest, size)."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size


def file_entry(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        digest, size = sha256_stream(handle)
    return {"sha256": digest, "size": size}


def walk_files(root: Path) -> Iterator[Path]:
    """Regular files under ``root``, sorted; symbolic links are skipped."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def check_member_name(name: str) -> str:
    """The normalised member name, or :class:`ArchiveError` for a dangerous one."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        raise ArchiveError(f"chemin interdit dans l'archive : {name!r}")
    parts = PurePosixPath(name).parts
    if ".." in parts or (parts and ":" in parts[0]):
        raise ArchiveError(f"chemin interdit dans l'archive : {name!r}")
    clean = "/".join(p for p in parts if p not in ("", "."))
    if clean != MANIFEST and clean.split("/", 1)[0] not in TOP_LEVEL:
        raise ArchiveError(f"membre inattendu dans l'archive : {name!r}")
    return clean


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"{MANIFEST} illisible ({exc})") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ArchiveError(f"{MANIFEST} incomplet (liste des fichiers absente)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"format d'archive non pris en charge : "
            f"{manifest.get('format_version')!r} (attendu {FORMAT_VERSION})"
        )
    if manifest.get("database_backend") not in ("sqlite", "postgresql"):
        raise ArchiveError(f"{MANIFEST} : moteur de base inconnu")
    return manifest


def compare_with_manifest(manifest: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
    """Every listed file present with its checksum and size, and nothing else."""
    listed = manifest["files"]
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    if missing:
        raise ArchiveError(f"fichier manquant dans l'archive : {missing[0]}")
    if extra:
        raise ArchiveError(f"fichier absent du manifeste : {extra[0]}")
    for name, entry in sorted(listed.items()):
        if not isinstance(entry, dict) or found[name] != {
            "sha256": entry.get("sha256"),
            "size": entry.get("size"),
        }:
            raise ArchiveError(
                f"somme de contrôle incorrecte pour {name} (archive endommagée ou modifiée)"
            )
