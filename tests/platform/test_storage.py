"""File storage (``api.storage``): checks by content, clean images, sound PDFs, virus
scan, random names, atomic local folder, signed links, GDPR export and erasure."""

from __future__ import annotations

import io

import pytest
from flask_babel import force_locale
from PIL import Image
from sqlalchemy import func, select

from tremplin.core import api
from tremplin.core.api import db, storage
from tremplin.core.storage import services
from tremplin.core.storage.backends import LocalFolder
from tremplin.core.storage.checks import Limits, check_upload
from tremplin.core.storage.models import StoredFile
from tremplin.core.testing import storage as samples

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


@pytest.fixture(autouse=True)
def _leave_the_folder_as_found(app):
    with samples.folder_left_as_found(app):
        yield


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(StoredFile)) or 0


def save(data: bytes, filename: str, **kwargs) -> StoredFile:
    kwargs.setdefault("owner", None)
    kwargs.setdefault("purpose", "tests.sample")
    return storage.save(io.BytesIO(data), filename=filename, **kwargs)


def test_api_exposes_the_storage_service():
    assert {"save", "open", "delete", "get", "url_for_download", "RejectedFile"} <= set(
        storage.__all__
    )
    assert api.storage is storage


# --- Checks by content -------------------------------------------------------------


def test_png_renamed_pdf_is_refused_with_a_clear_message_and_nothing_stored(app):
    folder = services.folder(app.extensions["tremplin"].config)
    before = samples.files_under(folder)
    with pytest.raises(storage.RejectedFile) as refused:
        save(samples.png_with_text(), "facture.pdf")
    assert "« facture.pdf » porte l'extension .pdf" in refused.value.message
    assert "une image PNG" in refused.value.message
    assert count() == 0
    assert samples.files_under(folder) == before


def test_refusal_is_translated(app):
    with (
        app.test_request_context("/en/"),
        force_locale("en"),
        pytest.raises(storage.RejectedFile) as refused,
    ):
        save(samples.png_with_text(), "invoice.pdf")
    assert refused.value.message.startswith("“invoice.pdf” has the .pdf extension")
    assert "a PNG image" in refused.value.message


def test_type_comes_from_the_content_not_the_name(app):
    stored = save(samples.pdf(), "scan.bin")
    assert stored.content_type == "application/pdf"
    assert stored.filename == "scan.bin"


@pytest.mark.parametrize(
    ("data", "kinds", "message"),
    [
        (samples.TEXT, ("image", "pdf"), "n'est pas reconnu"),
        (samples.ZIP, ("image", "pdf"), "Formats acceptés"),
        (b"", ("image",), "vide"),
        (samples.pdf(), ("image",), "Ce fichier est un document PDF"),
        (samples.png_with_text(), ("pdf",), "Ce fichier est une image PNG"),
        (samples.BROKEN_PDF, ("pdf",), "PDF est illisible"),
        (samples.pdf()[:200], ("pdf",), "PDF est illisible"),
        (samples.pdf(encrypted=True), ("pdf",), "protégé par un mot de passe"),
        (samples.png_with_text()[:60], ("image",), "illisible ou endommagée"),
    ],
)
def test_unwanted_or_damaged_content_is_refused(app, data, kinds, message):
    with pytest.raises(storage.RejectedFile, match=message):
        save(data, "fichier", kinds=kinds)
    assert count() == 0


@pytest.mark.app_config({"storage": {"max_bytes": 1000}})
def test_size_is_limited_by_config(app):
    with pytest.raises(storage.RejectedFile, match="taille maximale de 1 ko"):
        save(samples.pdf() + b"\n" * 1000, "gros.pdf")
    assert count() == 0


def test_unknown_kind_or_purpose_is_a_programming_error(app):
    with pytest.raises(ValueError, match="kinds"):
        save(samples.pdf(), "a.pdf", kinds=("video",))
    with pytest.raises(ValueError, match="purpose"):
        save(samples.pdf(), "a.pdf", purpose="Not A Purpose")


# --- Images re-encoded ---------------------------------------------------------------


def test_jpeg_exif_and_comment_are_gone(app):
    original = samples.jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()[samples.EXIF_MAKE] == "Appareil secret"
    stored = save(original, "photo.jpg")
    with storage.open(stored) as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == (40, 30)
    assert dict(image.getexif()) == {}
    assert "comment" not in image.info
    assert b"Appareil secret" not in data and b"Dakar" not in data
    assert stored.size == len(data)


def test_png_text_chunks_are_gone(app):
    stored = save(samples.png_with_text(), "logo.png")
    with storage.open(stored) as handle:
        data = handle.read()
    assert b"Awa Diop" not in data
    assert Image.open(io.BytesIO(data)).mode == "RGBA"


# --- Names, folder, rows ---------------------------------------------------------------


def test_file_is_stored_under_a_random_name_never_the_members(app, make_user):
    user = make_user("awa", roles=["Company"])
    stored = save(samples.pdf(), "../../etc/Mon CV\x00.pdf", owner=user)
    db.session.commit()
    path = services.path_of(stored)
    assert path.is_file() and "CV" not in str(path)
    assert path.name == stored.key and len(stored.key) >= 32
    assert stored.filename == "Mon CV.pdf"
    assert (stored.owner_id, stored.purpose) == (user.id, "tests.sample")
    assert len(stored.sha256) == 64
    assert storage.get(stored.key) is stored
    assert storage.files_of(user) == [stored]
    assert storage.get("../../etc/passwd") is None


def test_delete_removes_the_bytes_once_committed(app):
    stored = save(samples.pdf(), "a.pdf")
    db.session.commit()
    path = services.path_of(stored)
    storage.delete(stored)
    assert path.is_file()  # not before the commit
    db.session.commit()
    assert not path.exists()
    assert count() == 0


def test_rolled_back_upload_leaves_no_file(app):
    kept = save(samples.pdf(), "gardé.pdf")
    db.session.commit()
    dropped = save(samples.pdf(), "annulé.pdf")
    kept_path, dropped_path = services.path_of(kept), services.path_of(dropped)
    db.session.rollback()
    assert kept_path.is_file() and not dropped_path.exists()


def test_rolled_back_savepoint_removes_only_its_own_files(app):
    outer = save(samples.pdf(), "a.pdf")
    with db.session.begin_nested() as savepoint:
        inner = save(samples.pdf(), "b.pdf")
        inner_path = services.path_of(inner)
        savepoint.rollback()
    assert not inner_path.exists() and services.path_of(outer).is_file()
    db.session.commit()
    assert services.path_of(outer).is_file()


def test_local_folder_writes_atomically_and_refuses_bad_keys(tmp_path):
    folder = LocalFolder(tmp_path)
    key = "A" * 32
    folder.save(key, b"one")
    folder.save(key, b"two")
    with folder.open(key) as handle:
        assert handle.read() == b"two"
    assert (folder.size(key), folder.exists(key)) == (3, True)
    assert [p.name for p in (tmp_path / "AA").iterdir()] == [key]  # no temporary left
    folder.delete(key)
    folder.delete(key)
    assert not folder.exists(key)
    with pytest.raises(ValueError):
        folder.path("../secret")


# --- Signed links ----------------------------------------------------------------------


def test_signed_link_is_for_one_file_and_expires(app, monkeypatch):
    one = save(samples.pdf(), "a.pdf")
    other = save(samples.pdf(), "b.pdf")
    with app.test_request_context():
        url = storage.url_for_download(one, expires=60)
    token = url.split("t=", 1)[1]
    assert url.startswith(f"/files/{one.key}?")
    assert services.signed_for(one.key, token)
    assert not services.signed_for(other.key, token)
    assert not services.signed_for(one.key, token[:-2] + "xx")
    later = services.time.time() + 61
    monkeypatch.setattr(services.time, "time", lambda: later)
    assert not services.signed_for(one.key, token)


# --- Virus scan ------------------------------------------------------------------------


def test_clamd_instream_accepts_clean_and_refuses_infected_files(app, tmp_path):
    sock = tmp_path / "clamd.sock"
    limits = Limits(10_000_000, str(sock), 5)
    big = samples.pdf() + b"%" * 200_000  # several INSTREAM chunks
    with samples.fake_clamd(sock) as received:
        assert check_upload(big, "a.pdf", ("pdf",), limits).content_type == "application/pdf"
        infected = samples.pdf() + b"%" + samples.EICAR
        with pytest.raises(storage.RejectedFile, match="virus"):
            check_upload(infected, "a.pdf", ("pdf",), limits)
    assert received[0] == big
    assert len(received) == 2


@pytest.mark.app_config({"storage": {"clamd_socket": "/nonexistent/clamd.sock"}})
def test_unreachable_clamd_refuses_the_upload(app):
    with pytest.raises(storage.RejectedFile, match="antivirus est indisponible"):
        save(samples.pdf(), "a.pdf")
    assert count() == 0


def test_infected_upload_is_not_stored(app_factory, tmp_path):
    sock = tmp_path / "clamd.sock"
    application = app_factory({"storage": {"clamd_socket": str(sock)}})
    with application.app_context(), samples.fake_clamd(sock):
        with pytest.raises(storage.RejectedFile, match="virus"):
            save(samples.pdf() + samples.EICAR, "a.pdf")
        assert count() == 0
        assert save(samples.pdf(), "a.pdf").content_type == "application/pdf"


# --- GDPR --------------------------------------------------------------------------------


def test_files_are_in_the_members_export_and_go_with_erasure(app, make_user):
    from tremplin.core.accounts.gdpr.data import plugin_data
    from tremplin.core.accounts.gdpr.erasure import erase_user

    awa, kofi = make_user("awa", roles=["Company"]), make_user("kofi", roles=["Company"])
    mine = save(samples.pdf(), "cv.pdf", owner=awa)
    theirs = save(samples.pdf(), "autre.pdf", owner=kofi)
    db.session.commit()
    records, files = plugin_data(awa.id)
    assert [r["filename"] for r in records["fichiers"]] == ["cv.pdf"]
    assert files == [("fichiers", services.path_of(mine))]
    path = services.path_of(mine)
    erase_user(awa.id)
    db.session.commit()
    assert storage.files_of(awa.id) == [] and not path.exists()
    assert storage.get(theirs.key) is not None


def test_core_file_table_matches_its_migration(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def mine(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return table == "core_file"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": mine, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []


def test_readiness_checks_the_storage_folder(client):
    assert client.get("/readyz").json["checks"]["storage"] == "ok"


@pytest.mark.app_config({"storage": {"folder": "/dev/null/files"}})
def test_unusable_storage_folder_makes_readyz_503(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["storage"] == "storage folder unavailable: NotADirectoryError"
