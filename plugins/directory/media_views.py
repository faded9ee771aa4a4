"""Media pages of a company: logo, photos, brochures, video links; a video's player."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from tremplin.core import api
from tremplin.core.api import can, db, guarded, storage

from . import media
from .access import COMPANY, load_company
from .forms import ConfirmForm, UploadForm, VideoForm
from .indexing import reindex_company
from .views import blueprint
from .visibility import COMPANY_FIELDS, viewer_level, visible_fields


def _editable(company_id: int) -> None:
    data = load_company(company_id)
    if data is None or not can("edit", COMPANY, data):
        abort(404)


@blueprint.get("/companies/<int:company_id>/media")
@guarded("edit", COMPANY, load=load_company)
def company_media(company_id: int) -> str:
    data = load_company(company_id)
    if data is None or not can("edit", COMPANY, data):
        abort(404)
    return render_template(
        "directory/media.html",
        data=data,
        upload=UploadForm(),
        video=VideoForm(),
        confirm=ConfirmForm(),
        logo=media.file_url(data.profile.logo_key if data.profile else None),
        media_urls={m.id: media.file_url(m.file_key) for m in data.media if m.file_key},
        provider=media.provider,
        limits=media.LIMITS,
    )


def _done(company_id: int, message: str) -> Response:
    reindex_company(company_id)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("directory.company_media", company_id=company_id))


def _refused(company_id: int, message: str) -> tuple[str, int]:
    db.session.rollback()
    flash(message, "error")
    return company_media(company_id), 400


@blueprint.post("/companies/<int:company_id>/media/<any(photo, brochure, logo):kind>")
@guarded("edit", COMPANY, load=load_company)
def upload_media(company_id: int, kind: str) -> Response | tuple[str, int]:
    _editable(company_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _refused(company_id, _("Le formulaire a expiré ou contient une erreur : réessayez."))
    upload = request.files.get("file")
    try:
        if kind == "logo":
            media.set_logo(company_id, upload)
        else:
            media.add_file(company_id, kind, upload, form.title.data or "")
    except storage.RejectedFile as exc:
        return _refused(company_id, str(exc.message))
    except media.MediaError as exc:
        return _refused(company_id, str(exc.message))
    return _done(company_id, _("Fichier ajouté."))


@blueprint.post("/companies/<int:company_id>/media/video")
@guarded("edit", COMPANY, load=load_company)
def add_video(company_id: int) -> Response | tuple[str, int]:
    _editable(company_id)
    form = VideoForm()
    if not form.validate_on_submit():
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return _refused(company_id, " ".join(errors))
    try:
        media.add_video(company_id, form.url.data or "", form.title.data or "")
    except media.MediaError as exc:
        return _refused(company_id, str(exc.message))
    return _done(company_id, _("Vidéo ajoutée."))


@blueprint.post("/companies/<int:company_id>/media/<int:media_id>/delete")
@guarded("edit", COMPANY, load=load_company)
def delete_media(company_id: int, media_id: int) -> Response:
    _editable(company_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not media.remove(company_id, media_id):
        abort(404)
    return _done(company_id, _("Élément supprimé."))


@blueprint.get("/companies/<int:company_id>/videos/<int:media_id>")
@guarded("read", COMPANY, load=load_company)
def video(company_id: int, media_id: int) -> str:
    """A video's player, on its own page: reached by a click, so nothing is loaded
    from the video site before the member asks for it (works without JavaScript)."""
    data = load_company(company_id)
    if data is None or not can("read", COMPANY, data):
        abort(404)
    shown = visible_fields(
        data.profile.visibility if data.profile else {},
        COMPANY_FIELDS,
        viewer_level(api.current_member(), company_id),
    )
    found = next((m for m in data.media if m.id == media_id and m.kind == "video"), None)
    if found is None or "media" not in shown:
        abort(404)
    api.allow_frames(*media.PLAYERS)
    return render_template(
        "directory/video.html", data=data, video=found, provider=media.provider(found.url)
    )
