"""Storage test helpers that plugins reuse: sample files (images with metadata, PDFs
sound and not) and a fake ClamAV daemon on a Unix socket."""

from __future__ import annotations

import io
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin
from pypdf import PdfWriter

EXIF_MAKE = 0x010F  # the camera maker tag
EXIF_GPS = 0x8825


def jpeg_with_exif(size: tuple[int, int] = (40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[EXIF_MAKE] = "Appareil secret"
    exif[0x010E] = "Domicile de Awa, Dakar"  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"commentaire cache")
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Awa Diop")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def pdf(encrypted: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypted:
        writer.encrypt("motdepasse")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nnot a pdf at all\n"
ZIP = b"PK\x03\x04" + b"\x00" * 60
TEXT = b"Bonjour, ceci est un simple texte.\n"


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@contextmanager
def folder_left_as_found(app: Any) -> Iterator[Path]:
    """Remove, on leaving, the files a test wrote into the app's storage folder (a
    cached app's folder outlives the test; database rows are rolled back anyway)."""
    from ..storage import services

    folder = services.folder(app.extensions["tremplin"].config)
    before = files_under(folder)
    try:
        yield folder
    finally:
        for path in files_under(folder) - before:
            path.unlink(missing_ok=True)


@contextmanager
def fake_clamd(path: Path, signature: bytes = b"EICAR") -> Iterator[list[bytes]]:
    """A clamd speaking ``zINSTREAM`` on ``path``: it answers ``FOUND`` when the stream
    contains ``signature``, else ``OK``. Yields the list of streams it received."""
    received: list[bytes] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(4)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                _answer(conn, received, signature)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        stop.set()
        thread.join(2)
        server.close()


def _answer(conn: socket.socket, received: list[bytes], signature: bytes) -> None:
    conn.settimeout(5)
    reader = conn.makefile("rb")
    if reader.read(len(b"zINSTREAM\0")) != b"zINSTREAM\0":
        conn.sendall(b"UNKNOWN COMMAND\0")
        return
    data = b""
    while True:
        (length,) = struct.unpack("!L", reader.read(4))
        if length == 0:
            break
        data += reader.read(length)
    received.append(data)
    verdict = b"stream: Eicar-Test-Signature FOUND" if signature in data else b"stream: OK"
    conn.sendall(verdict + b"\0")
