"""Storing, reading, deleting files and signing their download links.

Domain logic only, no request objects: plugins, the CLI and tasks share it. The
row joins the caller's transaction (commit it); the bytes are on disk at once, gone
again if that transaction is rolled back, and removed from disk only once a deletion
is committed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import IO, Any, BinaryIO

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from ..config import Config
from ..events import after_commit
from ..extensions import db
from .backends import KEY, LocalFolder
from .checks import Checked, Limits, check_upload
from .cleanup import forget_on_rollback
from .models import StoredFile

PURPOSE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
SALT = "tremplin.storage.download"


def folder(config: Config) -> Path:
    """``[storage] folder``, by default ``uploads/`` in the instance folder."""
    configured = config.get("storage", "folder")
    return Path(configured).expanduser() if configured else config.instance_path / "uploads"


def _config() -> Config:
    return current_app.extensions["tremplin"].config  # type: ignore[no-any-return]


def backend() -> LocalFolder:
    return LocalFolder(folder(_config()))


def limits() -> Limits:
    config = _config()
    return Limits(
        config.get("storage", "max_bytes"),
        config.get("storage", "clamd_socket"),
        config.get("storage", "clamd_timeout"),
    )


def save(
    stream: IO[bytes] | bytes,
    *,
    filename: str,
    owner: Any,
    purpose: str,
    kinds: Iterable[str] = ("image", "pdf"),
    seal: Callable[[bytes], bytes] | None = None,
) -> StoredFile:
    """Check ``stream`` by its content and store it under a random key.

    ``owner``: a user, a ``Member``, a user id or ``None``. ``purpose``: what the file
    is for, ``"<plugin>.<what>"``, which the plugin's ``file_access`` hook reads.
    ``kinds``: among ``"image"``, ``"pdf"``, ``"docx"`` and ``"xlsx"``. Raises
    ``RejectedFile`` (its ``message`` is translated, for the member); nothing is
    stored then.
    ``seal``: encrypts the checked bytes before they are written (size and sha256
    are the clear file's); the plugin then gives them back through ``file_bytes``.
    """
    if not PURPOSE.fullmatch(purpose) or len(purpose) > 64:
        raise ValueError(f"storage purpose {purpose!r}: '<plugin>.<what>', lowercase")
    checked = check_upload(stream, filename, tuple(kinds), limits())
    key = secrets.token_urlsafe(24)
    store = backend()
    store.save(key, seal(checked.data) if seal is not None else checked.data)
    forget_on_rollback(db.session(), lambda: store.delete(key))
    row = _row(key, checked, filename, owner, purpose)
    db.session.add(row)
    db.session.flush()
    return row


def _row(key: str, checked: Checked, filename: str, owner: Any, purpose: str) -> StoredFile:
    return StoredFile(
        key=key,
        owner_id=_owner_id(owner),
        purpose=purpose,
        filename=display_name(filename),
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
    )


def _owner_id(owner: Any) -> int | None:
    if owner is None or isinstance(owner, int):
        return owner
    return int(owner.id)


def display_name(filename: str) -> str:
    """The member's file name, for display only: no folders, no control characters."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:255] or "fichier"


def get(key: str) -> StoredFile | None:
    """The file of that key, or ``None`` (malformed keys included)."""
    if not KEY.fullmatch(key or ""):
        return None
    return db.session.scalar(select(StoredFile).where(StoredFile.key == key))


def files_of(owner: Any, purpose: str | None = None) -> list[StoredFile]:
    """A member's files, oldest first, optionally of one purpose."""
    query = select(StoredFile).where(StoredFile.owner_id == _owner_id(owner))
    if purpose is not None:
        query = query.where(StoredFile.purpose == purpose)
    return list(db.session.scalars(query.order_by(StoredFile.id)))


def open(file: StoredFile) -> BinaryIO:
    """The stored bytes, to read (close it, or use ``with``)."""
    return backend().open(file.key)


def replace_bytes(file: StoredFile, data: bytes) -> None:
    """Overwrite a file's stored bytes at once (atomically), e.g. re-sealed with a
    new key; the row is unchanged."""
    backend().save(file.key, data)


def path_of(file: StoredFile) -> Path:
    return backend().path(file.key)


def delete(file: StoredFile) -> None:
    """Delete the row in the caller's transaction; the bytes go once it is committed."""
    store, key = backend(), file.key
    db.session.delete(file)
    after_commit(lambda: store.delete(key))


def url_for_download(file: StoredFile, expires: int | None = None) -> str:
    """A link anyone holding it may follow for ``expires`` seconds (default
    ``[storage] url_seconds``), e.g. in an e-mail; without it, ``/files/<key>`` asks
    the ``file_access`` hook on each request."""
    seconds = expires if expires is not None else _config().get("storage", "url_seconds")
    token = _signer().dumps([file.key, int(time.time()) + int(seconds)])
    return url_for("storage.download", key=file.key, t=token)


def url_for_file(file: StoredFile) -> str:
    """The file's plain link: served to members the owning plugin lets read it."""
    return url_for("storage.download", key=file.key)


def signed_for(key: str, token: str | None) -> bool:
    """Whether ``token`` is an unexpired signed link to ``key``."""
    if not token:
        return False
    try:
        signed_key, until = _signer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return False
    return bool(signed_key == key and isinstance(until, int) and until >= time.time())


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def may_read(file: StoredFile, member: Any) -> bool:
    """Whether ``member`` (a ``Member`` or ``None``) may read ``file``: some plugin's
    ``file_access`` answers ``True`` and none answers ``False``."""
    pm = current_app.extensions["tremplin"].pm
    answers = pm.hook.file_access(file=file, member=member)
    return True in answers and False not in answers


def erase_owner(user_id: int) -> int:
    """Delete every file of a member (GDPR erasure); the number deleted."""
    found = files_of(user_id)
    for file in found:
        delete(file)
    return len(found)
