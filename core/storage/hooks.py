"""The storage service's hook implementations (registered as ``core.storage.hooks``)."""

from __future__ import annotations

from typing import Any

from ..contributions import PersonalData
from ..plugins import hookimpl


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    """The member's files: their description, and the files themselves in the export."""
    from .services import files_of, path_of

    found = files_of(user_id)
    if not found:
        return None
    records: tuple[dict[str, Any], ...] = tuple(
        {
            "filename": f.filename,
            "purpose": f.purpose,
            "content_type": f.content_type,
            "size": f.size,
            "created_at": f.created_at,
            "stored_as": f.key,
        }
        for f in found
    )
    return PersonalData("fichiers", records, tuple(path_of(f) for f in found))


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import erase_owner

    erase_owner(user_id)
