"""Back office: questionnaire versions (draft → publish), preview, JSON import/export,
usage statistics. Published versions are never edited: editing makes a new draft."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from tremplin.core.api import db

from . import services
from .forms import DefinitionForm, ImportForm
from .models import DRAFT, Questionnaire
from .usage import usage
from .validation import MAX_JSON_BYTES, load_json


def _version(questionnaire_id: int) -> Questionnaire:
    questionnaire = db.session.get(Questionnaire, questionnaire_id)
    if questionnaire is None:
        abort(404)
    return questionnaire


class AssessmentAdminView(BaseView):
    route_base = "/assessment"
    default_view = "versions"

    @expose("/")
    @has_access
    def versions(self) -> Any:
        return self.render_template(
            "assessment/admin_versions.html",
            versions=services.versions(),
            counts=services.result_counts(),
            import_form=ImportForm(),
        )

    @expose("/<int:questionnaire_id>/draft", methods=["POST"])
    @has_access
    def new_draft(self, questionnaire_id: int) -> Response:
        draft = services.new_draft(_version(questionnaire_id))
        db.session.commit()
        return redirect(url_for(".edit", questionnaire_id=draft.id))

    @expose("/<int:questionnaire_id>/edit", methods=["GET", "POST"])
    @has_access
    def edit(self, questionnaire_id: int) -> Any:
        draft = _version(questionnaire_id)
        if draft.status != DRAFT:
            flash(
                _("Une version publiée ne se modifie pas : créez une nouvelle version."), "warning"
            )
            return redirect(url_for(".versions"))
        form = DefinitionForm()
        errors: list[str] = []
        if request.method == "GET":
            form.definition.data = json.dumps(draft.definition, ensure_ascii=False, indent=2)
        elif form.validate_on_submit():
            data, errors = load_json(form.definition.data or "")
            if data is not None:
                services.save_draft(draft, data)
                db.session.commit()
                flash(_("Brouillon enregistré."), "success")
                return redirect(url_for(".edit", questionnaire_id=draft.id))
        else:
            errors = [_("Le contenu est vide.")]
        status = 400 if errors else 200
        return self.render_template(
            "assessment/admin_edit.html", draft=draft, form=form, errors=errors
        ), status

    @expose("/<int:questionnaire_id>/publish", methods=["POST"])
    @has_access
    def publish(self, questionnaire_id: int) -> Response:
        draft = _version(questionnaire_id)
        if draft.status == DRAFT:
            services.publish(draft)
            db.session.commit()
            flash(
                _(
                    "Version %(n)d publiée : les nouveaux diagnostics l’utilisent ; "
                    "les résultats précédents gardent leur version.",
                    n=draft.version,
                ),
                "success",
            )
        return redirect(url_for(".versions"))

    @expose("/<int:questionnaire_id>/export.json")
    @has_access
    def export(self, questionnaire_id: int) -> Response:
        questionnaire = _version(questionnaire_id)
        body = json.dumps(questionnaire.definition, ensure_ascii=False, indent=2)
        name = f"{questionnaire.key}-v{questionnaire.version}.json"
        return Response(
            body,
            mimetype="application/json",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @expose("/import", methods=["POST"])
    @has_access
    def import_json(self) -> Any:
        form = ImportForm()
        errors: list[str] = []
        upload = form.file.data if form.validate_on_submit() else None
        if not upload or not getattr(upload, "filename", ""):
            errors = [_("Choisissez un fichier JSON.")]
        else:
            data, errors = load_json(upload.stream.read(MAX_JSON_BYTES + 1))
            if data is not None:
                draft = services.import_definition(data)
                db.session.commit()
                flash(_("Import réussi : le brouillon est prêt à relire puis publier."), "success")
                return redirect(url_for(".edit", questionnaire_id=draft.id))
        return self.render_template(
            "assessment/admin_versions.html",
            versions=services.versions(),
            counts=services.result_counts(),
            import_form=form,
            errors=errors,
        ), 400

    @expose("/<int:questionnaire_id>/preview")
    @has_access
    def preview(self, questionnaire_id: int) -> Any:
        questionnaire = _version(questionnaire_id)
        lang = request.args.get("lang", "fr")
        return self.render_template(
            "assessment/admin_preview.html",
            questionnaire=questionnaire,
            definition=questionnaire.parsed(),
            preview_lang="en" if lang == "en" else "fr",
        )

    @expose("/usage")
    @has_access
    def statistics(self) -> Any:
        questionnaire = services.published()
        levels = questionnaire.parsed().levels if questionnaire else ()
        return self.render_template(
            "assessment/admin_usage.html",
            usage=usage(),
            levels=levels,
            level_lang=str(get_locale() or "fr"),
        )
