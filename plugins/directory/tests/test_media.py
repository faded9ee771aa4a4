"""Logo, photos, brochures (through api.storage, served per request) and videos
(privacy-enhanced embeds, loaded only after a click)."""

from __future__ import annotations

import io

import pytest

from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.storage import jpeg_with_exif, pdf, png_with_text
from tremplin.plugins.directory import media

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company, signed_in_client  # noqa: F401


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_video_links_become_privacy_enhanced_embeds(url, embed):
    assert media.embed_address(url) == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com.evil.example/123456",
    ],
)
def test_other_links_are_refused(url):
    with pytest.raises(media.MediaError):
        media.embed_address(url)


def _token(client, cid):  # type: ignore[no-untyped-def]
    page = client.get(f"/fr/directory/companies/{cid}/media")
    assert page.status_code == 200
    return csrf_token(page.text)


def test_uploads_are_checked_stored_and_served_only_to_allowed_viewers(
    app, client, member_of, login
):
    cid = add_company("Images SARL", visibility={"media": "verified"})
    member_of("uploader", cid)
    login("uploader")
    token = _token(client, cid)
    logo = client.post(
        f"/fr/directory/companies/{cid}/media/logo",
        data={"csrf_token": token, "file": (io.BytesIO(jpeg_with_exif()), "l.jpg")},
        content_type="multipart/form-data",
    )
    assert logo.status_code == 302
    photo = client.post(
        f"/fr/directory/companies/{cid}/media/photo",
        data={
            "csrf_token": token,
            "title": "Atelier",
            "file": (io.BytesIO(png_with_text()), "atelier.png"),
        },
        content_type="multipart/form-data",
    )
    assert photo.status_code == 302
    fake = client.post(
        f"/fr/directory/companies/{cid}/media/brochure",
        data={"csrf_token": token, "file": (io.BytesIO(png_with_text()), "b.pdf")},
        content_type="multipart/form-data",
    )
    assert fake.status_code == 400 and "PDF" in fake.text
    empty = client.post(
        f"/fr/directory/companies/{cid}/media/brochure",
        data={"csrf_token": token},
        content_type="multipart/form-data",
    )
    assert empty.status_code == 400 and "Choisissez un fichier" in empty.text
    good = client.post(
        f"/fr/directory/companies/{cid}/media/brochure",
        data={
            "csrf_token": token,
            "title": "Catalogue",
            "file": (io.BytesIO(pdf()), "catalogue.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert good.status_code == 302
    page = client.get(f"/fr/directory/companies/{cid}")
    assert "Catalogue" in page.text and "Atelier" in page.text
    import re

    files = re.findall(r'(?:src|href)="(/files/[^"]+)"', page.text)
    assert len(files) == 3  # logo, photo, brochure
    for link in files:
        assert client.get(link).status_code == 200
    member_of("outsider")
    other = signed_in_client(app, "outsider")
    logo_link = re.search(r'class="dir-logo" src="(/files/[^"]+)"', page.text)
    assert logo_link is not None
    assert other.get(logo_link.group(1)).status_code == 200  # the logo goes with the profile
    hidden = [f for f in files if f != logo_link.group(1)]
    assert all(other.get(f).status_code == 404 for f in hidden)  # media: verified only
    assert app.test_client().get(logo_link.group(1)).status_code == 404  # visitor


def test_a_video_loads_only_after_a_click(app, client, member_of, login):
    cid = add_company("Vidéo SARL")
    member_of("filmmaker", cid)
    login("filmmaker")
    token = _token(client, cid)
    bad = client.post(
        f"/fr/directory/companies/{cid}/media/video",
        data={"csrf_token": token, "url": "https://evil.example/v.mp4"},
    )
    assert bad.status_code == 400 and "YouTube ou Vimeo" in bad.text
    added = client.post(
        f"/fr/directory/companies/{cid}/media/video",
        data={
            "csrf_token": token,
            "title": "Notre usine",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
    )
    assert added.status_code == 302
    page = client.get(f"/fr/directory/companies/{cid}")
    assert "<iframe" not in page.text  # nothing from YouTube before the click
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page.text
    assert "frame-src https://www.youtube-nocookie.com" in page.headers["Content-Security-Policy"]
    import re

    link = re.search(r'href="(/fr/directory/companies/\d+/videos/\d+)"', page.text)
    assert link is not None
    player = client.get(link.group(1))
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in player.text
    assert "frame-src" in player.headers["Content-Security-Policy"]
    assert "frame-src" not in client.get("/fr/directory/").headers["Content-Security-Policy"]


def test_media_of_another_company_cannot_be_deleted(app, client, member_of, login):
    mine = add_company("Mienne")
    theirs = add_company("Leur")
    row = media.add_video(theirs, "https://vimeo.com/76979871", "Leur film")
    from tremplin.core.api import db

    db.session.commit()
    member_of("deleter", mine)
    login("deleter")
    token = _token(client, mine)
    response = client.post(
        f"/fr/directory/companies/{mine}/media/{row.id}/delete", data={"csrf_token": token}
    )
    assert response.status_code == 404
    assert (
        client.post(
            f"/fr/directory/companies/{theirs}/media/{row.id}/delete", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert db.session.get(type(row), row.id) is not None
