"""Documents: stored through core storage, their text extracted and found by search."""

from __future__ import annotations

import io

import pytest

from tremplin.core.api import db, storage
from tremplin.core.testing.storage import BROKEN_PDF, jpeg_with_exif
from tremplin.plugins.resources.extract import DOCX, XLSX, extract
from tremplin.plugins.resources.files import attach
from tremplin.plugins.resources.pdfgen import text_pdf

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules


def docx_bytes(text: str, macro: bool = False) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    if not macro:
        return out.getvalue()
    import zipfile

    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"macro")
    return out.getvalue()


def xlsx_bytes(value: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_text_of_pdf_docx_and_xlsx():
    assert "passementerie" in extract(text_pdf([["la passementerie"]]), "application/pdf").text
    assert "bogolan" in extract(docx_bytes("tissu bogolan"), DOCX).text
    assert "indigo" in extract(xlsx_bytes("teinture indigo"), XLSX).text
    assert extract(b"not a pdf", "application/pdf").text == ""


def test_a_word_only_inside_the_pdf_finds_the_guide(client, make_item, storage_folder):
    item = make_item("guide-douane", summary_fr="Formalités pour la France")
    attach(item, text_pdf([["Consultez la base TARIC"]]), "guide.pdf", None)
    from tremplin.plugins.resources.services import reindex

    reindex(item)
    db.session.commit()
    page = client.get("/fr/resources/?q=taric")
    assert "Titre guide-douane" in page.text
    assert "Titre guide-douane" not in client.get("/fr/resources/?q=introuvable").text
    assert "/fr/resources/guide-douane" in client.get("/fr/search?q=TARIC").text


def test_docx_and_xlsx_are_stored_and_indexed(app, make_item, storage_folder):
    item = make_item("guide-office")
    word = attach(item, docx_bytes("coton biologique"), "guide.docx", None)
    sheet = attach(item, xlsx_bytes("droits de douane"), "tarifs.xlsx", None)
    assert "coton biologique" in word.text and "droits de douane" in sheet.text
    assert word.preview_key is None  # previews are cut from PDFs only


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (jpeg_with_exif(), "photo.jpg", "image JPEG"),
        (docx_bytes("renomme"), "guide.pdf", "extension"),
        (BROKEN_PDF, "casse.pdf", "illisible"),
        (b"", "vide.pdf", "vide"),
        (docx_bytes("macro", macro=True), "macro.docx", "macros"),
        (b"PK\x03\x04garbage" * 10, "faux.docx", "Formats acceptés"),
    ],
)
def test_refused_documents_say_why_and_store_nothing(
    app, make_item, storage_folder, data, name, message
):
    item = make_item("guide-refus")
    with pytest.raises(storage.RejectedFile) as refused:
        attach(item, data, name, None)
    assert message in refused.value.message
    db.session.rollback()
    from tremplin.core.storage.models import StoredFile

    assert db.session.query(StoredFile).filter_by(purpose="resources.document").count() == 0


def test_back_office_upload_refuses_a_wrong_type_with_a_message(
    app, make_item, make_user, client_for, storage_folder
):
    from tremplin.core.testing.fixtures import csrf_token

    item = make_item("guide-upload")
    make_user("redac2", roles=["ContentManager"])
    client = client_for("redac2")
    form = client.get(f"/admin/resource-files/{item.id}")
    assert form.status_code == 200
    answer = client.post(
        f"/admin/resource-files/{item.id}",
        data={"csrf_token": csrf_token(form.text), "file": (io.BytesIO(b"hello"), "a.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400 and "alert-danger" in answer.text
    good = client.post(
        f"/admin/resource-files/{item.id}",
        data={"csrf_token": csrf_token(form.text), "label": "<script>x</script>",
              "file": (io.BytesIO(text_pdf([["ok"]])), "b.pdf")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert good.status_code == 303
    db.session.refresh(item)
    assert [f.label for f in item.files] == [
        "<script>x</script>"
    ]  # stored as text, escaped on display
    shown = client.get(f"/admin/resource-files/{item.id}").text
    assert "<script>x</script>" not in shown and "&lt;script&gt;" in shown


def test_removing_a_document_in_the_back_office_deletes_its_files(
    app, make_item, make_user, client_for, storage_folder
):
    from tremplin.core.testing.fixtures import csrf_token

    item = make_item("guide-suppression")
    row = attach(item, text_pdf([["a"], ["b"], ["c"]]), "g.pdf", None)
    db.session.commit()
    keys = (row.file_key, row.preview_key)
    make_user("redac-del", roles=["ContentManager"])
    client = client_for("redac-del")
    page = client.get(f"/admin/resourcefileview/edit/{row.id}")
    assert page.status_code == 200
    client.post(
        f"/admin/resourcefileview/delete/{row.id}", data={"csrf_token": csrf_token(page.text)}
    )
    assert all(storage.get(key) is None for key in keys)


def test_images_for_the_content_go_through_storage_and_are_public(
    app, client, make_item, make_user, client_for, storage_folder
):
    import re

    from tremplin.core.testing.fixtures import csrf_token

    item = make_item("guide-image", body_fr="Texte")
    make_user("redac-img", roles=["ContentManager"])
    editor = client_for("redac-img")
    form = editor.get(f"/admin/resource-files/{item.id}")
    bad = editor.post(
        f"/admin/resource-files/{item.id}/image",
        data={"csrf_token": csrf_token(form.text), "image": (io.BytesIO(b"%PDF-1.4"), "x.png")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    good = editor.post(
        f"/admin/resource-files/{item.id}/image",
        data={
            "csrf_token": csrf_token(form.text),
            "image": (io.BytesIO(jpeg_with_exif()), "p.jpg"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    link = re.search(r"\((/files/[A-Za-z0-9_-]+)\)", good.text).group(1)
    served = client.get(link)  # a visitor: images of public content are public
    assert served.status_code == 200 and b"Appareil secret" not in served.data
