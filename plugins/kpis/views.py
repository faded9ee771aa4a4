"""Portal side of the KPIs: the feedback form (``/<lang>/feedback``) and the
load-time beacon (``/kpis/timing``, sent by the analytics script)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, flash, redirect, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core.api import db, record

from .analytics import MAX_LOAD_MS, count, device_class, opted_out
from .forms import FeedbackForm
from .models import Feedback

HERE = Path(__file__).resolve().parent
blueprint = Blueprint(
    "kpis", __name__, url_prefix="/feedback", template_folder=str(HERE / "templates")
)
beacon = Blueprint(
    "kpis_beacon",
    __name__,
    url_prefix="/kpis",
    static_folder=str(HERE / "static"),
    static_url_path="/static",
)


def _local_path(value: str) -> str:
    """Only a path of this site (never a full URL, query or fragment)."""
    parts = urlsplit(value or "")
    path = parts.path if not parts.netloc and parts.path.startswith("/") else ""
    return path[:200]


@blueprint.route("/", methods=["GET", "POST"])
def feedback() -> Any:
    form = FeedbackForm()
    if request.method == "GET":
        form.page.data = _local_path(request.args.get("page", ""))
    if form.validate_on_submit():
        item = Feedback(
            page=_local_path(form.page.data or ""),
            rating=int(form.rating.data),
            comment=(form.comment.data or "").strip(),
            language=str(get_locale() or "fr"),
        )
        db.session.add(item)
        record("kpis.feedback", item, user_id=None, rating=item.rating)
        db.session.commit()
        flash(_("Merci pour votre avis !"), "success")
        return redirect(item.page or request.path)
    status = 400 if request.method == "POST" else 200
    return render_template("kpis/feedback.html", form=form), status


@beacon.post("/timing")
def timing() -> Response:
    """``path`` and ``ms`` from the Navigation Timing API; always 204."""
    path = _local_path(request.form.get("path", ""))
    try:
        load_ms = int(float(request.form.get("ms", "")))
    except ValueError:
        load_ms = -1
    device = device_class(request.headers.get("User-Agent", ""))
    if path and 0 <= load_ms <= MAX_LOAD_MS and device and not opted_out():
        count(path, "", device, load_ms)
    return Response(status=204)
