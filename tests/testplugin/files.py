"""``/<lang>/testplugin/files``: upload a file through ``api.storage`` and list one's own.

The plugin's ``file_access`` hook (``plugin.py``) lets the owner and moderators read
``testplugin.attachment`` files; everyone else gets 404 at ``/files/<key>``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tremplin.core.api import db, storage

from .views import blueprint

PURPOSE = "testplugin.attachment"


@blueprint.route("/files", methods=["GET", "POST"])
@login_required
def files() -> str | Response:
    error = None
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise storage.RejectedFile("Choisissez un fichier.")
            storage.save(
                upload.stream, filename=upload.filename, owner=current_user, purpose=PURPOSE
            )
        except storage.RejectedFile as exc:
            error = exc.message
        else:
            db.session.commit()
            flash("Fichier enregistré.")
            return redirect(url_for("testplugin.files"))
    mine = storage.files_of(current_user, PURPOSE)
    return render_template("testplugin/files.html", files=mine, error=error, storage=storage)
