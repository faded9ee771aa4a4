"""What may be stored: the type sniffed from the content, the size, a clean
re-encoding of images, a readable unencrypted PDF, and an optional ClamAV scan.

Every refusal is a :class:`RejectedFile` carrying a translated message to show the
member as is.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import clamd

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNZIPPED = 200 * 1024 * 1024  # an Office document that inflates beyond this is refused
# The kinds a caller may allow, and the content types each accepts.
KINDS: dict[str, tuple[str, ...]] = {
    "image": ("image/png", "image/jpeg", "image/gif", "image/webp"),
    "pdf": ("application/pdf",),
    "docx": (DOCX,),
    "xlsx": (XLSX,),
}
KIND_NAMES = {
    "image": _l("image (PNG, JPEG, GIF, WebP)"),
    "pdf": _l("PDF"),
    "docx": _l("Word (DOCX)"),
    "xlsx": _l("Excel (XLSX)"),
}
CONTENT_NAMES = {
    "image/png": _l("une image PNG"),
    "image/jpeg": _l("une image JPEG"),
    "image/gif": _l("une image GIF"),
    "image/webp": _l("une image WebP"),
    "application/pdf": _l("un document PDF"),
    DOCX: _l("un document Word (DOCX)"),
    XLSX: _l("un classeur Excel (XLSX)"),
}
# What a file name's extension promises, to catch a PNG renamed ".pdf".
EXTENSIONS = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": DOCX,
    "xlsx": XLSX,
}
PILLOW_FORMATS = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
MAX_PIXELS = 40_000_000  # larger images are refused (decompression bombs)


class RejectedFile(ValueError):
    """An upload that was not stored; ``message`` is translated, for the member."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Checked:
    """The bytes to store (re-encoded for images) and their sniffed type."""

    data: bytes
    content_type: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    clamd_socket: str = ""
    clamd_timeout: int = 30


def check_upload(
    stream: IO[bytes] | bytes, filename: str, kinds: Iterable[str], limits: Limits
) -> Checked:
    """The checked content of ``stream``, or :class:`RejectedFile`."""
    allowed = allowed_types(kinds)
    data = read_limited(stream, limits.max_bytes)
    content_type = sniff(data, allowed, kinds)
    check_extension(filename, content_type)
    if content_type.startswith("image/"):
        stored = reencode_image(data, content_type)
    elif content_type in (DOCX, XLSX):
        check_office(data)
        stored = data
    else:
        check_pdf(data)
        stored = data
    if limits.clamd_socket:
        scan(data, limits)
    return Checked(stored, content_type)


def allowed_types(kinds: Iterable[str]) -> tuple[str, ...]:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"storage kinds must be among {sorted(KINDS)}, not {unknown}")
    return tuple(t for k in kinds for t in KINDS[k])


def read_limited(stream: IO[bytes] | bytes, max_bytes: int) -> bytes:
    data = stream if isinstance(stream, bytes) else stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RejectedFile(
            _("Le fichier dépasse la taille maximale de %(size)s.", size=human_size(max_bytes))
        )
    if not data:
        raise RejectedFile(_("Le fichier est vide."))
    return data


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return str(_("%(size)s Mo", size=format(size / (1024 * 1024), ".0f")))
    return str(_("%(size)s ko", size=max(1, size // 1024)))


def accepted(kinds: Iterable[str]) -> str:
    return ", ".join(str(KIND_NAMES[k]) for k in kinds)


def sniff(data: bytes, allowed: tuple[str, ...], kinds: Iterable[str]) -> str:
    """The content type read from the bytes (never from the name)."""
    guess: Any = filetype.guess(data[:8192])
    if guess is None:
        raise RejectedFile(
            _(
                "Le type de ce fichier n'est pas reconnu. Formats acceptés : %(kinds)s.",
                kinds=accepted(kinds),
            )
        )
    if guess.mime not in allowed:
        raise RejectedFile(
            _(
                "Ce fichier est %(found)s. Formats acceptés : %(kinds)s.",
                found=describe(guess.mime),
                kinds=accepted(kinds),
            )
        )
    return str(guess.mime)


def describe(content_type: str) -> str:
    name = CONTENT_NAMES.get(content_type)
    return str(name) if name else _("un fichier %(type)s", type=content_type)


def check_extension(filename: str, content_type: str) -> None:
    """Refuse a name whose extension promises another type than the content's."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    promised = EXTENSIONS.get(extension)
    if promised is not None and promised != content_type:
        raise RejectedFile(
            _(
                "« %(name)s » porte l'extension .%(ext)s mais son contenu est %(found)s : "
                "rien n'a été enregistré. Choisissez le bon fichier.",
                name=PurePath(filename).name,
                ext=extension,
                found=describe(content_type),
            )
        )


def reencode_image(data: bytes, content_type: str) -> bytes:
    """The image decoded and written again: EXIF, GPS, comments and anything hidden
    after the pixels are gone; the orientation EXIF asked for is applied first."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise RejectedFile(_("L'image est trop grande (en pixels)."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            return _encode(upright, PILLOW_FORMATS[content_type])
    except RejectedFile:
        raise
    except Exception:  # Pillow raises many kinds for a damaged file
        raise RejectedFile(_("L'image est illisible ou endommagée.")) from None


def _encode(image: Any, fmt: str) -> bytes:
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.info.clear()
    out = io.BytesIO()
    image.save(out, format=fmt)  # no exif=, icc_profile= or pnginfo=: no metadata
    return out.getvalue()


def check_pdf(data: bytes) -> None:
    """Refuse a PDF that pypdf cannot read, that has no page, or that is encrypted."""
    from pypdf import PdfReader

    try:
        # Not strict: real-world PDFs often carry small xref errors that readers repair.
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
        if pages:
            reader.pages[0].mediabox  # noqa: B018  (parses the first page)
    except Exception:  # pypdf raises many kinds for a damaged file
        raise RejectedFile(_("Le document PDF est illisible ou endommagé.")) from None
    if encrypted:
        raise RejectedFile(
            _("Le document PDF est protégé par un mot de passe ; envoyez-le sans protection.")
        )
    if pages == 0:
        raise RejectedFile(_("Le document PDF est illisible ou endommagé."))


def check_office(data: bytes) -> None:
    """Refuse a DOCX or XLSX that is not a sound zip, inflates beyond
    ``MAX_UNZIPPED`` (a zip bomb) or carries macros (``vbaProject.bin``)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_UNZIPPED:
                raise RejectedFile(_("Le document est trop volumineux une fois décompressé."))
            if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
                raise RejectedFile(_("Les documents contenant des macros sont refusés."))
            if archive.testzip() is not None:
                raise zipfile.BadZipFile
    except RejectedFile:
        raise
    except Exception:  # zipfile raises several kinds for a damaged archive
        raise RejectedFile(_("Le document est illisible ou endommagé.")) from None


def scan(data: bytes, limits: Limits) -> None:
    try:
        found = clamd.instream(limits.clamd_socket, data, limits.clamd_timeout)
    except clamd.ScanUnavailable:
        raise RejectedFile(
            _("L'analyse antivirus est indisponible pour le moment ; réessayez plus tard.")
        ) from None
    if found is not None:
        raise RejectedFile(
            _(
                "Le fichier contient un virus ou un logiciel malveillant ; il n'a pas été "
                "enregistré."
            )
        )
