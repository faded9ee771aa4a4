"""``/files/<key>``: a stored file, to whoever holds a signed link or may read it.

Anything else answers 404, never 403, so that keys cannot be probed. In production
nginx sends the bytes (``X-Accel-Redirect`` to ``[storage] x_accel_prefix``).

Files are sandboxed and PDFs downloaded, except ``?view=inline`` on a PDF: it is
shown inline and may be framed by the site's own pages only (a moderator reading a
company's documents in the back office), never by another site.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, request, send_file

from ..members.services import current_member
from . import services
from .models import StoredFile

blueprint = Blueprint("storage", __name__)


@blueprint.get("/files/<key>")
def download(key: str) -> Response:
    file = services.get(key)
    if file is None:
        abort(404)
    if not services.signed_for(key, request.args.get("t")) and not services.may_read(
        file, current_member()
    ):
        abort(404)
    inline = request.args.get("view") == "inline" and file.content_type == "application/pdf"
    response = _send(file, inline)
    response.headers["Cache-Control"] = "private, no-store"
    if inline:  # the browser's PDF viewer does not run in a sandboxed document
        response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _send(file: StoredFile, inline: bool = False) -> Response:
    prefix = current_app.extensions["tremplin"].config.get("storage", "x_accel_prefix")
    disposition = "inline" if file.is_image or inline else "attachment"
    if not prefix:
        return send_file(
            services.path_of(file),
            mimetype=file.content_type,
            as_attachment=disposition == "attachment",
            download_name=file.filename,
            conditional=False,
        )
    response = Response(status=200, mimetype=file.content_type)
    response.headers["X-Accel-Redirect"] = (
        prefix.rstrip("/") + "/" + (services.backend().relative(file.key))
    )
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename*=UTF-8''{quote(file.filename)}"
    )
    return response
