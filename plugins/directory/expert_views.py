"""Expert profile pages: view and the expert's own edit page."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from tremplin.core import api
from tremplin.core.api import can, db, guarded

from . import experts
from .access import EXPERT, load_expert
from .experts import LANGUAGES
from .forms import ExpertForm
from .indexing import reindex_expert
from .views import blueprint
from .visibility import EXPERT_FIELDS, viewer_level, visible_fields


@blueprint.get("/experts/<int:user_id>")
@guarded("read", EXPERT, load=load_expert)
def expert(user_id: int) -> str:
    data = load_expert(user_id)
    if data is None or not can("read", EXPERT, data):
        abort(404)
    member = api.current_member()
    viewer = "all" if member is not None and member.id == user_id else viewer_level(member)
    return render_template(
        "directory/expert.html",
        data=data,
        shown=visible_fields(data.profile.visibility, EXPERT_FIELDS, viewer),
        editable=can("edit", EXPERT, data),
        reportable=can("report", EXPERT, data),
        languages=LANGUAGES,
        lang=str(get_locale() or "fr"),
    )


def _initial(user_id: int) -> dict[str, Any]:
    row = experts.profile_of(user_id)
    if row is None:
        return {}
    values: dict[str, Any] = {name: getattr(row, name) for name in experts.FIELDS}
    values["expertise"] = ", ".join(row.expertise)
    vis = dict(EXPERT_FIELDS) | dict(row.visibility or {})
    values.update({f"vis_{name}": level for name, level in vis.items()})
    return values


@blueprint.route("/me/expert", methods=["GET", "POST"])
@login_required
def edit_expert() -> Response | tuple[str, int] | str:
    member = api.current_member()
    if member is None or not member.has_role("Expert"):
        abort(404)
    form = ExpertForm() if request.method == "POST" else ExpertForm(data=_initial(member.id))
    if form.validate_on_submit():
        experts.save(member.id, form.values())
        reindex_expert(member.id)
        db.session.commit()
        flash(_("Profil d'expert enregistré."), "success")
        return redirect(url_for("directory.expert", user_id=member.id))
    status = 400 if request.method == "POST" else 200
    return render_template("directory/expert_form.html", form=form), status
