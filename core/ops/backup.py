"""``tremplin backup``: one consistent archive of the database, uploads and configuration."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.engine import make_url

from .. import __version__
from ..config import Config, _toml_value, read_toml
from . import dbdump
from .archive import (
    CONFIG_MEMBER,
    FORMAT_VERSION,
    MANIFEST,
    PG_MEMBER,
    SQLITE_MEMBER,
    UPLOADS_PREFIX,
    file_entry,
    timestamp,
    walk_files,
)

# Keys of sections this version does not declare (disabled plugins) blanked on sight.
SECRET_LOOKING = re.compile(r"secret|password|passwd|token|key$|api_key|private", re.I)


def uploads_dir(config: Config) -> Path:
    """The stored files' folder (``[storage] folder``, by default ``<instance>/uploads``)."""
    from ..storage.services import folder

    return folder(config)


def backup_dir(config: Config) -> Path:
    configured = config.get("retention", "backup_dir")
    return Path(configured).expanduser() if configured else config.instance_path / "backups"


def create_backup(app: Flask, output: Path | None = None, now: datetime | None = None) -> Path:
    """Write the archive and return its path (written under a temporary name, then renamed)."""
    config = app.extensions["tremplin"].config
    folder = (output or backup_dir(config)).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    created = now or datetime.now(UTC)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as scratch:
        staging = Path(scratch)
        members = _stage(app, config, staging)
        manifest = build_manifest(app, config, staging, members, created)
        (staging / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        target = _free_name(folder, timestamp(created))
        partial = staging / "archive.part"
        _write_tar(partial, staging, [MANIFEST, *members])
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    return target


def _stage(app: Flask, config: Config, staging: Path) -> list[str]:
    """Copy every part into ``staging``; returns the member names (manifest excluded)."""
    url = config.database_url
    member = SQLITE_MEMBER if dbdump.backend(url) == "sqlite" else PG_MEMBER
    (staging / "database").mkdir()
    with app.app_context():
        from ..extensions import db

        db.session.remove()
    if member == SQLITE_MEMBER:
        dbdump.sqlite_backup(url, staging / member)
    else:
        dbdump.pg_dump(url, staging / member)
    members = [member]
    uploads = uploads_dir(config)
    for path in walk_files(uploads):
        name = UPLOADS_PREFIX + path.relative_to(uploads).as_posix()
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, staging / name)
        members.append(name)
    if config.path is not None:
        (staging / "config").mkdir()
        (staging / CONFIG_MEMBER).write_text(sanitized_config(config), encoding="utf-8")
        members.append(CONFIG_MEMBER)
    return members


def build_manifest(
    app: Flask, config: Config, staging: Path, members: list[str], created: datetime
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created_at": created.isoformat(timespec="seconds"),
        "database_backend": dbdump.backend(config.database_url),
        "revisions": revisions(app),
        "plugins": list(config.get("plugins", "enabled")),
        "files": {name: file_entry(staging / name) for name in members},
    }


def revisions(app: Flask) -> dict[str, list[str]]:
    """Applied Alembic revisions per component (core and each plugin)."""
    from .. import migrate

    found = {}
    with quiet_alembic(), app.app_context():
        for component in migrate.components(app):
            applied, _heads = migrate.current_heads(component)
            found[component.label] = sorted(applied)
    return found


@contextlib.contextmanager
def quiet_alembic() -> Iterator[None]:
    """Silence Alembic's "Context impl SQLiteImpl." lines in operators' output."""
    logger = logging.getLogger("alembic.runtime.migration")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def sanitized_config(config: Config) -> str:
    """The configuration file as TOML with every secret value replaced by ``""``."""
    assert config.path is not None
    raw = read_toml(config.path)
    lines = [
        "# Configuration sauvegardée par `tremplin backup`. Les secrets sont vides :",
        "# reprenez-les du coffre (ansible-vault) avant de l'utiliser.",
        "",
    ]
    for section, values in raw.items():
        if not isinstance(values, dict):
            continue
        declared = config.sections.get(section)
        lines.append(f"[{section}]")
        for key, value in values.items():
            setting = declared.get(key) if declared else None
            secret = setting.secret if setting else bool(SECRET_LOOKING.search(key))
            if secret:
                value = ""
            elif section == "database" and key == "url" and isinstance(value, str):
                value = mask_password(value)
            lines.append(f"{_toml_key(key)} = {_toml_any(value)}")
        lines.append("")
    return "\n".join(lines)


def mask_password(url: str) -> str:
    """The database URL without its password (``***`` in its place)."""
    if not url:
        return url
    parsed = make_url(url)
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_any(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_any(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_any(v) for v in value) + "]"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):  # a JSON string is a valid TOML basic string
        return json.dumps(value, ensure_ascii=False)
    return _toml_value(value)


def _free_name(folder: Path, stamp: str) -> Path:
    target = folder / f"tremplin-backup-{stamp}.tar.gz"
    index = 1
    while target.exists():
        target = folder / f"tremplin-backup-{stamp}-{index}.tar.gz"
        index += 1
    return target


def _write_tar(target: Path, staging: Path, members: list[str]) -> None:
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        for name in members:
            info = tar.gettarinfo(str(staging / name), arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o600
            with (staging / name).open("rb") as handle:
                tar.addfile(info, handle)
