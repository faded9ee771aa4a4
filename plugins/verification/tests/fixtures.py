"""Hand-made documents and a company with its representative, for the verification
tests (loaded automatically: ``plugins/<name>/tests/fixtures.py``)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

PLUGINS = {"plugins": {"enabled": ["pages", "verification"]}}


def pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def make_pdf(
    lines: Sequence[str] = (),
    *,
    created: datetime | None = None,
    modified: datetime | None = None,
    producer: str = "Greffe numérique 2.1",
) -> bytes:
    """A one-page PDF whose text is ``lines`` (Helvetica, WinAnsi: accents kept) and
    whose information dictionary carries the given dates and producer."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    body = b"BT /F1 12 Tf 50 800 Td 14 TL "
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        body += b"(" + escaped.encode("cp1252") + b") Tj T* "
    stream = DecodedStreamObject()
    stream.set_data(body + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    now = datetime.now(UTC)
    info: dict[str, Any] = {"/Producer": producer, "/CreationDate": pdf_date(created or now)}
    info["/ModDate"] = pdf_date(modified or created or now)
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


AMINATA_COMPANY = {
    "name": "Saveurs du Sahel SARL",
    "country": "SN",
    "registration_number": "SN-DKR-2019-B-12345",
    "address": "12 rue Carnot",
    "postal_code": "10200",
    "legal_form": "SARL",
    "city": "Dakar",
}


def trade_register(company: dict[str, str] | None = None, **options: Any) -> bytes:
    company = company or AMINATA_COMPANY
    return make_pdf(
        [
            "REPUBLIQUE DU SENEGAL - Registre du commerce et du credit mobilier",
            f"Denomination : {company['name'].upper()}",
            f"Numero RCCM : {company['registration_number']}",
            f"Siege : {company['address']}, {company['postal_code']} {company.get('city', '')}",
        ],
        **options,
    )


@pytest.fixture
def company_member(app: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``company_member("aminata", **fields)``: a Company account attached to a new
    company (Aminata's by default); returns ``(user, company)``."""
    from tremplin.core import api
    from tremplin.core.api import db

    def make(username: str, **fields: Any) -> tuple[Any, Any]:
        values = {**AMINATA_COMPANY, **fields}
        user = make_user(username, roles=["Company"])
        company = api.create_company(**values)
        api.set_member_company(user.id, company.id)
        db.session.commit()
        return user, company

    return make


def upload(
    client: Any, doc_type: str, data: bytes, filename: str = "doc.pdf", issued_on: str = ""
) -> Any:
    """Send one document through the member's form, as the browser would."""
    from tremplin.core.testing.fixtures import csrf_token

    page = client.get("/fr/verification/")
    return client.post(
        "/fr/verification/documents",
        data={
            "csrf_token": csrf_token(page.text),
            "doc_type": doc_type,
            "issued_on": issued_on,
            "file": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )


def submit_four(client: Any) -> None:
    """The four required documents: three consistent PDFs and a scanned ID card."""
    from tremplin.core.testing.storage import png_with_text

    for doc_type in ("trade_register", "financial_statements", "proof_of_address"):
        assert upload(client, doc_type, trade_register()).status_code == 302
    assert upload(client, "manager_id", png_with_text(), "id.png").status_code == 302


def logout(client: Any) -> None:
    from tremplin.core.testing.fixtures import csrf_token

    client.post("/fr/logout", data={"csrf_token": csrf_token(client.get("/fr/").text)})
