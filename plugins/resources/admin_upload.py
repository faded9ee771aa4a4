"""Back-office page to attach a document (PDF, DOCX, XLSX) to an item."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_login import current_user

from tremplin.core.api import db, storage

from .files import IMAGE_PURPOSE, attach
from .models import Resource
from .services import reindex


class ResourceUploadView(BaseView):
    route_base = "/resource-files"
    default_view = "upload"

    @expose("/<int:pk>", methods=["GET", "POST"])
    @has_access
    def upload(self, pk: int) -> Any:
        item = db.session.get(Resource, pk)
        if item is None:
            abort(404)
        error = None
        if request.method == "POST":
            upload = request.files.get("file")
            try:
                if upload is None or not upload.filename:
                    raise storage.RejectedFile(_("Choisissez un fichier."))
                attach(
                    item, upload.stream, upload.filename, current_user,
                    request.form.get("label", "")[:200], request.form.get("language", "fr"),
                )  # fmt: skip
            except storage.RejectedFile as exc:
                db.session.rollback()
                error = exc.message
            else:
                reindex(item)
                db.session.commit()
                flash(_("Document ajouté ; son texte est indexé."), "success")
                return redirect(url_for("ResourceUploadView.upload", pk=pk), code=303)
        return self.render_template(
            "resources/admin_upload.html", item=item, error=error
        ), 400 if error else 200

    @expose("/<int:pk>/image", methods=["POST"])
    @has_access
    def image(self, pk: int) -> Any:
        """An image for the item's Markdown, stored (re-encoded, metadata removed) by
        core storage; the page shows the line to paste."""
        item = db.session.get(Resource, pk)
        if item is None:
            abort(404)
        upload = request.files.get("image")
        try:
            if upload is None or not upload.filename:
                raise storage.RejectedFile(_("Choisissez une image."))
            stored = storage.save(
                upload.stream, filename=upload.filename, owner=current_user,
                purpose=IMAGE_PURPOSE, kinds=("image",),
            )  # fmt: skip
        except storage.RejectedFile as exc:
            db.session.rollback()
            return self.render_template(
                "resources/admin_upload.html", item=item, error=exc.message
            ), 400
        db.session.commit()
        alt = _("description de l’image")
        snippet = f"![{alt}]({storage.url_for_file(stored)})"
        flash(_("Image enregistrée. Collez dans le contenu : %(md)s", md=snippet), "success")
        return redirect(url_for("ResourceUploadView.upload", pk=pk), code=303)
