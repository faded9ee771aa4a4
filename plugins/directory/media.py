"""A company's logo, photos, brochures (files through ``api.storage``) and video links.

Videos are kept as their privacy-enhanced embed address (youtube-nocookie.com,
player.vimeo.com with ``dnt=1``); pages show a link first and load the player only
after a click. Company files belong to the company, not to the member who uploaded
them (stored without owner), so they stay when a representative leaves.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db, storage

from . import profiles
from .models import CompanyMedia, CompanyProfile
from .visibility import COMPANY_FIELDS, field_level, sees, viewer_level

MAX_PHOTOS = 12
MAX_BROCHURES = 6
MAX_VIDEOS = 6
KINDS = {"photo": ("image",), "brochure": ("pdf",)}
LIMITS = {"photo": MAX_PHOTOS, "brochure": MAX_BROCHURES, "video": MAX_VIDEOS}
PURPOSES = ("directory.logo", "directory.photo", "directory.brochure")
YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})(?:[?&#].*)?$"
)
VIMEO = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d{5,12})(?:[/?#].*)?$")
PLAYERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


class MediaError(ValueError):
    """A media that cannot be added; ``message`` is translated for the member."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def embed_address(url: str) -> str:
    """The privacy-enhanced player address of a YouTube or Vimeo link."""
    url = (url or "").strip()
    found = YOUTUBE.match(url)
    if found:
        return f"https://www.youtube-nocookie.com/embed/{found.group(1)}"
    found = VIMEO.match(url)
    if found:
        return f"https://player.vimeo.com/video/{found.group(1)}?dnt=1"
    raise MediaError(_l("Seules les vidéos YouTube ou Vimeo sont acceptées (adresse de la vidéo)."))


def provider(embed: str) -> str:
    return "Vimeo" if embed.startswith("https://player.vimeo.com") else "YouTube"


def _count(company_id: int, kind: str) -> int:
    return sum(1 for m in profiles.media_of([company_id])[company_id] if m.kind == kind)


def _check_room(company_id: int, kind: str) -> None:
    if _count(company_id, kind) >= LIMITS[kind]:
        raise MediaError(
            _l("%(max)d éléments de ce type au plus : supprimez-en un d'abord.", max=LIMITS[kind])
        )


def add_file(company_id: int, kind: str, upload: Any, title: str) -> CompanyMedia:
    """Store an uploaded photo or brochure (``storage.RejectedFile`` on a bad file)."""
    if upload is None or not getattr(upload, "filename", ""):
        raise MediaError(_l("Choisissez un fichier."))
    _check_room(company_id, kind)
    stored = storage.save(
        upload.stream,
        filename=upload.filename,
        owner=None,
        purpose=f"directory.{kind}",
        kinds=KINDS[kind],
    )
    row = CompanyMedia(
        company_id=company_id, kind=kind, file_key=stored.key, title=title or stored.filename
    )
    db.session.add(row)
    db.session.flush()
    api.record("directory.media_added", ("company", company_id), kind=kind)
    return row


def add_video(company_id: int, url: str, title: str) -> CompanyMedia:
    embed = embed_address(url)
    _check_room(company_id, "video")
    row = CompanyMedia(company_id=company_id, kind="video", url=embed, title=title)
    db.session.add(row)
    db.session.flush()
    api.record("directory.media_added", ("company", company_id), kind="video")
    return row


def set_logo(company_id: int, upload: Any) -> None:
    if upload is None or not getattr(upload, "filename", ""):
        raise MediaError(_l("Choisissez un fichier."))
    stored = storage.save(
        upload.stream,
        filename=upload.filename,
        owner=None,
        purpose="directory.logo",
        kinds=("image",),
    )
    profile = profiles.ensure_profile(company_id)
    old = storage.get(profile.logo_key) if profile.logo_key else None
    profile.logo_key = stored.key
    if old is not None:
        storage.delete(old)
    db.session.flush()


def remove(company_id: int, media_id: int) -> bool:
    row = db.session.get(CompanyMedia, media_id)
    if row is None or row.company_id != company_id:
        return False
    stored = storage.get(row.file_key) if row.file_key else None
    if stored is not None:
        storage.delete(stored)
    db.session.delete(row)
    db.session.flush()
    return True


def file_url(key: str | None) -> str | None:
    stored = storage.get(key) if key else None
    return storage.url_for_file(stored) if stored is not None else None


def file_access(file: Any, member: Any) -> bool | None:
    """Our files are readable by whoever may see the company's logo or media."""
    if file.purpose not in PURPOSES:
        return None
    if file.purpose == "directory.logo":
        company_id = db.session.scalar(
            select(CompanyProfile.company_id).where(CompanyProfile.logo_key == file.key)
        )
        field = "profile"
    else:
        company_id = db.session.scalar(
            select(CompanyMedia.company_id).where(CompanyMedia.file_key == file.key)
        )
        field = "media"
    profile = profiles.profile_of(company_id) if company_id is not None else None
    if company_id is None:
        return False
    if profile is None:
        return viewer_level(member, company_id) == "all"
    return sees(
        viewer_level(member, company_id), field_level(profile.visibility, field, COMPANY_FIELDS)
    )
