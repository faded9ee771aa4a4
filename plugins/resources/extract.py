"""Text of stored documents (PDF, DOCX, XLSX), for full-text search and previews.

Extraction never fails an upload: a document whose text cannot be read is kept and
indexed by its title and summary only (``Extracted.text`` is then empty).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_TEXT = 500_000  # characters kept per document (the index has no use for more)
MAX_CELLS = 200_000


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: int = 0
    first_pages: str = ""


def squeeze(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\n\s*\n+", "\n\n", text or "")).strip()


def extract(data: bytes, content_type: str, preview_pages: int = 2) -> Extracted:
    """The text of a document; for PDFs also the page count and the first pages' text."""
    try:
        if content_type == PDF:
            return _pdf(data, preview_pages)
        if content_type == DOCX:
            return Extracted(squeeze(_docx(data))[:MAX_TEXT])
        if content_type == XLSX:
            return Extracted(squeeze(_xlsx(data))[:MAX_TEXT])
    except Exception:  # a damaged document: keep it, index it without its text
        log.warning("resources: could not extract the text of a %s document", content_type)
    return Extracted("")


def _pdf(data: bytes, preview_pages: int) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    texts = [page.extract_text() or "" for page in reader.pages]
    return Extracted(
        squeeze("\n\n".join(texts))[:MAX_TEXT],
        len(texts),
        squeeze("\n\n".join(texts[: max(0, preview_pages)]))[:MAX_TEXT],
    )


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: list[str] = []
    cells = 0
    for sheet in book.worksheets:
        parts.append(str(sheet.title))
        for row in sheet.iter_rows(values_only=True):
            values = [str(v) for v in row if v is not None]
            cells += len(values)
            if values:
                parts.append(" ".join(values))
            if cells > MAX_CELLS:
                break
    book.close()
    return "\n".join(parts)


def first_pages_pdf(data: bytes, pages: int) -> bytes | None:
    """A PDF of the first ``pages`` pages of ``data`` (the preview members may open),
    or ``None`` when the document is not a readable PDF."""
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        writer = PdfWriter()
        for page in reader.pages[: max(1, pages)]:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception:
        log.warning("resources: could not cut the preview of a PDF")
        return None
