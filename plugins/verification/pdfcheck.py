"""What pypdf can tell about a PDF offline: its text and its metadata."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger("tremplin.verification")
MAX_PAGES = 20
MAX_TEXT = 200_000
EDITING_TOOLS = (
    "photoshop",
    "illustrator",
    "gimp",
    "inkscape",
    "canva",
    "pdf-xchange",
    "foxit phantompdf",
    "sejda",
    "ilovepdf",
    "smallpdf",
    "pdfescape",
    "pdffiller",
    "nitro pro",
    "libreoffice draw",
    "acrobat pro",
)
_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class PdfFacts:
    """The extracted text and the metadata that matter for forgery checks."""

    text: str
    created: datetime | None
    modified: datetime | None
    producer: str
    creator: str


def parse_date(raw: Any) -> datetime | None:
    """A PDF date (``D:20260301120000+01'00'``) as naive UTC, or ``None``."""
    if isinstance(raw, datetime):
        return raw.astimezone(UTC).replace(tzinfo=None) if raw.tzinfo else raw
    match = _PDF_DATE.match(str(raw or "").strip())
    if not match:
        return None
    parts = [int(p) if p else d for p, d in zip(match.groups(), (0, 1, 1, 0, 0, 0), strict=True)]
    try:
        year, month, day, hour, minute, second = parts
        return datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 (naive UTC)
    except ValueError:
        return None


def read_pdf(data: bytes) -> PdfFacts:
    """Text of the first pages and the document information. Raises ``ValueError``
    when pypdf cannot read the file."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = reader.pages[:MAX_PAGES]
        text = "\n".join((page.extract_text() or "") for page in pages)[:MAX_TEXT]
        info: Mapping[str, Any] = reader.metadata or {}
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        log.info("unreadable pdf: %s", exc)
        raise ValueError(str(exc)) from exc
    return PdfFacts(
        text=text,
        created=parse_date(info.get("/CreationDate")),
        modified=parse_date(info.get("/ModDate")),
        producer=str(info.get("/Producer") or ""),
        creator=str(info.get("/Creator") or ""),
    )


def editing_tool(facts: PdfFacts) -> str:
    """The name of a known editing tool in the producer or creator, or ``""``."""
    for value in (facts.producer, facts.creator):
        lowered = value.lower()
        if any(tool in lowered for tool in EDITING_TOOLS):
            return value[:100]
    return ""
