"""Attaching documents to items: stored through ``api.storage``, text extracted,
first pages cut for the preview; and the counted, authorised download."""

from __future__ import annotations

from typing import IO, Any

from sqlalchemy import select, update

from tremplin.core.api import db, record, storage

from .extract import extract, first_pages_pdf
from .models import Resource, ResourceFile

PURPOSE = "resources.document"
PREVIEW_PURPOSE = "resources.preview"
IMAGE_PURPOSE = "resources.image"
KINDS = ("pdf", "docx", "xlsx")


def attach(
    item: Resource, stream: IO[bytes] | bytes, filename: str, owner: Any, label: str = "",
    language: str = "fr",
) -> ResourceFile:  # fmt: skip
    """Store a document for ``item`` and extract its text; raises
    ``storage.RejectedFile`` (translated message) when the file is refused."""
    stored = storage.save(stream, filename=filename, owner=owner, purpose=PURPOSE, kinds=KINDS)
    with storage.open(stored) as handle:
        data = handle.read()
    found = extract(data, stored.content_type, item.preview_pages)
    row = ResourceFile(
        resource=item,
        file_key=stored.key,
        label=(label or stored.filename)[:200],
        language=language if language in ("fr", "en") else "fr",
        text=found.text,
        preview_text=found.first_pages,
        pages=found.pages,
    )
    db.session.add(row)
    if found.pages:
        preview = first_pages_pdf(data, item.preview_pages)
        if preview is not None:
            cut = storage.save(
                preview, filename=f"apercu-{stored.filename}", owner=owner,
                purpose=PREVIEW_PURPOSE, kinds=("pdf",),
            )  # fmt: skip
            row.preview_key = cut.key
    db.session.flush()
    return row


def delete_stored(row: ResourceFile) -> None:
    """Delete the document's stored bytes and its preview (the row stays to the caller)."""
    for key in (row.file_key, row.preview_key):
        stored = storage.get(key) if key else None
        if stored is not None:
            storage.delete(stored)


def file_by_key(key: str) -> ResourceFile | None:
    return db.session.scalar(
        select(ResourceFile).where(
            (ResourceFile.file_key == key) | (ResourceFile.preview_key == key)
        )
    )


def count_download(row: ResourceFile) -> None:
    """One more download of ``row`` (the counter and the KPI activity), in the caller's
    transaction; the counter is incremented in SQL so that parallel downloads add up."""
    db.session.execute(
        update(ResourceFile)
        .where(ResourceFile.id == row.id)
        .values(downloads=ResourceFile.downloads + 1)
    )
    record("resources.downloaded", row.resource, file_id=row.id, kind=row.resource.kind)


def count_view(item: Resource) -> None:
    record("resources.consulted", item, kind=item.kind)
