"""The storage service's hook implementations (registered as ``core.storage.hooks``)."""

from __future__ import annotations

from typing import Any

from ..contributions import HealthCheck, PersonalData
from ..plugins import hookimpl


def check_folder() -> str | None:
    """The storage folder exists (or can be made) and this process may write in it."""
    import os

    from .services import backend

    root = backend().root
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"storage folder unavailable: {type(exc).__name__}"
    return None if os.access(root, os.W_OK | os.X_OK) else "storage folder not writable"


@hookimpl
def register_health_checks() -> list[HealthCheck]:
    return [HealthCheck("storage", check_folder)]


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    """The member's files: their description, and the files themselves in the export
    (not those a plugin keeps sealed: their owner exports them in clear, or only
    describes them)."""
    from flask import current_app

    from .services import files_of, path_of

    found = files_of(user_id)
    if not found:
        return None
    pm = current_app.extensions["tremplin"].pm
    sealed = {f.key for f in found if pm.hook.file_bytes(file=f) is not None}
    records: tuple[dict[str, Any], ...] = tuple(
        {
            "filename": f.filename,
            "purpose": f.purpose,
            "content_type": f.content_type,
            "size": f.size,
            "created_at": f.created_at,
            "stored_as": f.key,
            "encrypted": f.key in sealed,
        }
        for f in found
    )
    paths = tuple(path_of(f) for f in found if f.key not in sealed)
    return PersonalData("fichiers", records, paths)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import erase_owner

    erase_owner(user_id)
