"""File storage through the test plugin's upload page and ``/files/<key>``: refused
uploads, EXIF gone, downloads for the owner only (404 for anyone else), signed links,
nginx's X-Accel-Redirect, two app instances on one shared folder."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from tremplin.core.api import db, storage
from tremplin.core.storage.models import StoredFile
from tremplin.core.testing import storage as samples
from tremplin.core.testing.fixtures import build_app, csrf_token
from tremplin.core.testing.plugins import load_uninstalled

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


@pytest.fixture(autouse=True)
def _leave_the_folder_as_found(app):
    with samples.folder_left_as_found(app):
        yield


def upload(client, data: bytes, filename: str):
    page = client.get("/fr/testplugin/files")
    return client.post(
        "/fr/testplugin/files",
        data={"csrf_token": csrf_token(page.text), "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def fetch(client, url: str):
    """GET ``url`` and close the response (``send_file`` keeps the file open until then)."""
    response = client.get(url)
    response.get_data()  # read before closing
    response.close()
    return response


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(StoredFile)) or 0


def only_file() -> StoredFile:
    [found] = db.session.scalars(select(StoredFile)).all()
    return found


def test_png_renamed_pdf_is_refused_on_the_page(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    response = upload(client, samples.png_with_text(), "attestation.pdf")
    assert response.status_code == 200
    assert "« attestation.pdf » porte l&#39;extension .pdf" in response.text
    assert 'role="alert"' in response.text
    assert stored_count() == 0


def test_uploaded_photo_loses_its_exif_and_is_served_to_its_owner(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    response = upload(client, samples.jpeg_with_exif(), "photo.jpg")
    assert response.status_code == 200 and "photo.jpg" in response.text
    stored = only_file()
    link = re.search(r'href="(/files/[^"]+)"', response.text).group(1)
    assert link == f"/files/{stored.key}"
    download = fetch(client, link)
    assert download.status_code == 200
    assert download.mimetype == "image/jpeg"
    assert dict(Image.open(io.BytesIO(download.data)).getexif()) == {}
    assert b"Appareil secret" not in download.data
    assert download.headers["Cache-Control"] == "private, no-store"
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_download_is_refused_to_another_member_with_404(app, client, make_user, login):
    awa = make_user("awa", roles=["Company"])
    make_user("kofi", roles=["Company"])
    stored = storage.save(
        samples.pdf(), filename="cv.pdf", owner=awa, purpose="testplugin.attachment"
    )
    db.session.commit()
    assert client.get(f"/files/{stored.key}").status_code == 404  # visitor
    login("kofi")
    assert client.get(f"/files/{stored.key}").status_code == 404
    assert client.get(f"/files/{'x' * 32}").status_code == 404  # guessed key
    assert client.get("/files/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_moderator_may_read_and_owner_downloads_pdf_as_attachment(app, client, make_user, login):
    awa = make_user("awa", roles=["Company"])
    make_user("modo", roles=["Moderator"])
    stored = storage.save(
        samples.pdf(), filename="cv.pdf", owner=awa, purpose="testplugin.attachment"
    )
    db.session.commit()
    login("modo")
    response = fetch(client, f"/files/{stored.key}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "cv.pdf" in response.headers["Content-Disposition"]


def test_file_of_a_purpose_nobody_answers_for_is_served_to_nobody(app, client, make_user, login):
    awa = make_user("awa", roles=["Company"])
    stored = storage.save(samples.pdf(), filename="a.pdf", owner=awa, purpose="elsewhere.doc")
    db.session.commit()
    login("awa")
    assert client.get(f"/files/{stored.key}").status_code == 404


def test_signed_link_serves_a_visitor_until_it_expires(app, client):
    stored = storage.save(samples.pdf(), filename="a.pdf", owner=None, purpose="elsewhere.doc")
    db.session.commit()
    with app.test_request_context():
        good = storage.url_for_download(stored)
        expired = storage.url_for_download(stored, expires=-1)
    assert fetch(client, good).status_code == 200
    assert client.get(expired).status_code == 404
    assert client.get(good[:-3] + "abc").status_code == 404


@pytest.mark.app_config({"storage": {"x_accel_prefix": "/_files/"}})
def test_nginx_sends_the_bytes_in_production(app, client):
    stored = storage.save(samples.pdf(), filename="é t.pdf", owner=None, purpose="x.y")
    db.session.commit()
    with app.test_request_context():
        url = storage.url_for_download(stored)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["X-Accel-Redirect"] == f"/_files/{stored.key[:2]}/{stored.key}"
    assert response.data == b""
    assert response.headers["Content-Disposition"] == "attachment; filename*=UTF-8''%C3%A9%20t.pdf"


@pytest.mark.fresh_app
def test_two_app_instances_share_one_folder(fresh_app_factory, tmp_path):
    shared = tmp_path / "shared-mount"
    overrides = {"storage": {"folder": str(shared)}, **CONFIG_OVERRIDES}
    first = fresh_app_factory(overrides, EXTRA_PLUGINS)
    url = first.config["SQLALCHEMY_DATABASE_URI"]
    second = build_app(tmp_path / "second", url, overrides, EXTRA_PLUGINS)
    try:
        with first.app_context():
            stored = storage.save(samples.pdf(), filename="a.pdf", owner=None, purpose="x.y")
            db.session.commit()
            key = stored.key
        with first.test_request_context():
            link = storage.url_for_download(storage.get(key))
        written = (shared / key[:2] / key).read_bytes()
        assert fetch(second.test_client(), link).data == written
        with second.app_context():
            found = storage.get(key)
            with storage.open(found) as handle:
                assert handle.read().startswith(b"%PDF")
            storage.delete(found)
            db.session.commit()
        with first.app_context():
            assert storage.get(key) is None
        assert samples.files_under(shared) == set()
    finally:
        with second.app_context():
            db.session.remove()
            db.engine.dispose()
