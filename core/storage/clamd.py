"""A ClamAV daemon's ``INSTREAM`` command over its Unix socket (clamd's own protocol:
``zINSTREAM\\0``, chunks each preceded by their 4-byte big-endian length, a zero
length, then one reply such as ``stream: OK`` or ``stream: Eicar-Signature FOUND``)."""

from __future__ import annotations

import logging
import socket
import struct

CHUNK = 64 * 1024
log = logging.getLogger(__name__)


class ScanUnavailable(RuntimeError):
    """The daemon could not be reached or did not give a verdict."""


def instream(path: str, data: bytes, timeout: float) -> str | None:
    """The signature found in ``data``, or ``None`` when clean."""
    try:
        reply = _exchange(path, data, timeout)
    except OSError as exc:
        log.error("clamd unreachable at %s: %s", path, exc, extra={"event": "storage.clamd"})
        raise ScanUnavailable(str(exc)) from exc
    if reply.endswith(" OK"):
        return None
    if reply.endswith(" FOUND"):
        found = reply.removeprefix("stream:").removesuffix(" FOUND").strip()
        log.warning("clamd found %s", found, extra={"event": "storage.virus"})
        return found
    log.error("clamd answered %r", reply, extra={"event": "storage.clamd"})
    raise ScanUnavailable(reply)


def _exchange(path: str, data: bytes, timeout: float) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        conn.connect(path)
        conn.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            conn.sendall(struct.pack("!L", len(chunk)) + chunk)
        conn.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = conn.recv(4096)
            if not part:
                break
            reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
