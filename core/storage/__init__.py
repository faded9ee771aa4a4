"""File storage (``api.storage``): checked uploads under random names, served only
to members the owning plugin lets read them.

``backends`` writes bytes to a folder, ``checks`` decides what may be stored,
``services`` is the public surface, ``views`` serves ``/files/<key>``.
"""

from .checks import KINDS, RejectedFile
from .models import StoredFile
from .services import (
    delete,
    files_of,
    get,
    may_read,
    open,
    replace_bytes,
    save,
    url_for_download,
    url_for_file,
)

__all__ = [
    "KINDS",
    "RejectedFile",
    "StoredFile",
    "delete",
    "files_of",
    "get",
    "may_read",
    "open",
    "replace_bytes",
    "save",
    "url_for_download",
    "url_for_file",
]
