"""Where the bytes go: a local folder (on a shared mount with several web servers)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class LocalFolder:
    """Files named by key under ``root/<first two characters>/<key>``.

    Writes go to a temporary file in the same folder, then ``os.replace``: a reader on
    another server sees the whole file or none of it.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def relative(self, key: str) -> str:
        """The file's path under the root (what nginx's internal location appends)."""
        if not KEY.fullmatch(key):
            raise ValueError(f"not a storage key: {key!r}")
        return f"{key[:2]}/{key}"

    def path(self, key: str) -> Path:
        return self.root / self.relative(key)

    def save(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, 0o640)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int:
        return self.path(key).stat().st_size

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
