"""Back office of the resource centre: items (with their workflow), sections,
documents, the "to review" list, and custom-study requests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import flash, redirect
from flask_appbuilder import ModelView
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterSmaller
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import inspect
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, Regexp

from tremplin.core import api
from tremplin.core.api import db

from . import studies
from .admin_labels import ITEM_LABELS, REQUEST_LABELS, SECTION_LABELS_COLUMNS
from .files import delete_stored
from .labels import ACCESS_LABELS, KIND_LABELS, REQUEST_STATE_LABELS, SECTION_LABELS, STATE_LABELS
from .models import AUDIENCES, Resource, ResourceFile, ResourceSection, StudyRequest
from .search import reindex_item
from .services import SLUG, WorkflowError, move, reindex, slugify


def _choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(labels.items())


class ResourceSectionView(ModelView):
    datamodel = SQLAInterface(ResourceSection)
    list_columns = ["resource", "key", "position"]
    add_columns = edit_columns = ["resource", "key", "position", "body_fr", "body_en"]
    label_columns = SECTION_LABELS_COLUMNS
    add_form_extra_fields = edit_form_extra_fields = {
        "key": SelectField(_l("Rubrique"), choices=_choices(SECTION_LABELS))
    }
    formatters_columns = {"key": lambda v: str(SECTION_LABELS.get(v, v))}

    def post_add(self, item: ResourceSection) -> None:
        reindex(item.resource)
        db.session.commit()

    post_update = post_add


class ResourceFileView(ModelView):
    """Attached documents: listed and removed here, added from the item's upload page."""

    datamodel = SQLAInterface(ResourceFile)
    list_columns = ["resource", "label", "language", "pages", "downloads", "created_at"]
    show_columns = list_columns + ["preview_text"]
    edit_columns = ["label", "language"]
    base_permissions = ["can_list", "can_show", "can_edit", "can_delete"]
    label_columns = {
        "resource": _l("Ressource"),
        "label": _l("Libellé"),
        "language": _l("Langue"),
        "pages": _l("Pages"),
        "downloads": _l("Téléchargements"),
        "created_at": _l("Ajouté le"),
        "preview_text": _l("Texte de l'aperçu"),
    }

    def pre_delete(self, item: ResourceFile) -> None:
        delete_stored(item)

    def post_delete(self, item: ResourceFile) -> None:
        found = db.session.get(Resource, item.resource_id)
        if found is not None:
            reindex_item(found)  # FAB has committed: index at once


class ResourceView(ModelView):
    datamodel = SQLAInterface(Resource)
    list_title = _l("Ressources")
    list_columns = [
        "title_fr", "title_en", "kind", "state", "publish_at", "access", "review_at", "updated_at",
    ]  # fmt: skip
    search_columns = ["title_fr", "title_en", "kind", "state", "countries", "sectors", "tags"]
    add_columns = edit_columns = [
        "kind", "slug", "title_fr", "title_en", "summary_fr", "summary_en", "body_fr",
        "body_en", "url", "publisher", "coverage", "study_date", "sectors", "countries",
        "tags", "audiences", "access", "download_access", "access_roles", "preview_pages",
        "publish_at", "review_at",
    ]  # fmt: skip
    show_columns = ["state", "published_at", "downloads_total", *add_columns, "updated_at"]
    order_columns = ["title_fr", "updated_at", "review_at", "state"]
    base_order = ("updated_at", "desc")
    related_views = [ResourceSectionView, ResourceFileView]
    label_columns = ITEM_LABELS
    description_columns = {
        "body_fr": _l("Markdown : ## titre, **gras**, listes, [lien](https://...). Pas de HTML."),
        "sectors": _l("Codes séparés par des virgules (p. ex. C13, C14)."),
        "countries": _l("Codes séparés par des virgules (p. ex. FR, SN, CA-QC)."),
        "audiences": _l("first_time, growing, experienced (séparés par des virgules)."),
        "access_roles": _l("Pour l'accès « Rôles ou missions choisis » : noms des rôles."),
        "publish_at": _l("Publication programmée : l'élément paraît à cette date."),
        "review_at": _l("Date de relecture : un rappel est envoyé quand elle est passée."),
    }
    add_title = _l("Nouvelle ressource")
    edit_title = _l("Modifier la ressource")
    show_title = _l("Ressource")
    add_form_extra_fields = edit_form_extra_fields = {
        "slug": StringField(
            _l("Adresse (slug)"),
            validators=[
                Optional(),
                Regexp(SLUG, message=_l("Lettres minuscules, chiffres et tirets seulement.")),
                Length(max=120),
            ],
            description=_l("Laissé vide, il est tiré du titre."),
        ),
        "kind": SelectField(_l("Type"), choices=_choices(KIND_LABELS)),
        "access": SelectField(_l("Qui lit la page"), choices=_choices(ACCESS_LABELS)),
        "download_access": SelectField(
            _l("Qui télécharge les documents"), choices=_choices(ACCESS_LABELS)
        ),
    }
    validators_columns = {
        "title_fr": [Length(max=200)],
        "title_en": [Length(max=200)],
    }
    formatters_columns = {
        "kind": lambda v: str(KIND_LABELS.get(v, v)),
        "state": lambda v: str(STATE_LABELS.get(v, v)),
        "access": lambda v: str(ACCESS_LABELS.get(v, v)),
        "title_en": lambda v: v or _("— traduction manquante —"),
        "title_fr": lambda v: v or _("— traduction manquante —"),
    }

    def pre_add(self, item: Resource) -> None:
        check_codes(item)
        item.slug = item.slug or _unique_slug(item.title_fr or item.title_en or "")
        item.created_by = getattr(current_user, "id", None)
        item.state = "draft"

    def pre_update(self, item: Resource) -> None:
        check_codes(item)

    def post_add(self, item: Resource) -> None:
        reindex_item(item)  # FAB has committed: index at once

    def post_update(self, item: Resource) -> None:
        reindex_item(item)

    def _move(self, items: Any, state: str, done: str) -> Any:
        moved = 0
        for item in items if isinstance(items, list) else [items]:
            try:
                move(item, state, item.publish_at if state == "published" else None)
                moved += 1
            except WorkflowError:
                flash(
                    _("« %(title)s » ne peut pas passer à cet état.", title=item.title("fr")),
                    "warning",
                )
        db.session.commit()
        if moved:
            flash(done % {"n": moved}, "success")
        self.update_redirect()
        return redirect(self.get_redirect())

    @action("submit_review", _l("Envoyer en relecture"), icon="fa-eye")
    def submit_review(self, items: Any) -> Any:
        return self._move(items, "review", _("%(n)s élément(s) envoyé(s) en relecture."))

    @action("publish", _l("Publier (ou programmer)"), icon="fa-check")
    def publish(self, items: Any) -> Any:
        return self._move(items, "published", _("%(n)s élément(s) publié(s) ou programmé(s)."))

    @action("to_draft", _l("Repasser en brouillon"), icon="fa-pencil")
    def to_draft(self, items: Any) -> Any:
        return self._move(items, "draft", _("%(n)s élément(s) repassé(s) en brouillon."))

    @action("archive", _l("Archiver"), icon="fa-archive")
    def archive(self, items: Any) -> Any:
        return self._move(items, "archived", _("%(n)s élément(s) archivé(s)."))


def check_codes(item: Resource) -> None:
    """Refuse (FAB shows the message) a missing title and unknown country, sector or
    audience codes; codes are normalised (trimmed, countries in capitals)."""
    if not (item.title_fr or item.title_en):
        raise ValueError(_("Donnez un titre en français ou en anglais."))
    item.countries = ",".join(c.upper() for c in item.listed("countries"))
    item.sectors = ",".join(item.listed("sectors"))
    item.audiences = ",".join(item.listed("audiences"))
    wrong = [c for c in item.listed("countries") if not api.is_country(c)]
    wrong += [c for c in item.listed("sectors") if not api.is_sector(c)]
    wrong += [a for a in item.listed("audiences") if a not in AUDIENCES]
    if wrong:
        raise ValueError(_("Codes inconnus : %(codes)s.", codes=", ".join(wrong)))


def _unique_slug(title: str) -> str:
    from .services import get_by_slug

    base = slugify(title)
    slug, n = base, 2
    while get_by_slug(slug) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


class ToReviewView(ResourceView):
    """Published items whose review date has passed (spec: regular updates)."""

    list_title = _l("À relire")
    base_permissions = ["can_list", "can_show"]
    base_filters = [
        ["state", FilterEqual, "published"],
        ["review_at", FilterSmaller, lambda: date.today() + timedelta(days=1)],  # noqa: DTZ011
    ]
    base_order = ("review_at", "asc")
    related_views = []


class StudyRequestView(ModelView):
    datamodel = SQLAInterface(StudyRequest)
    list_title = _l("Demandes d'études")
    edit_title = show_title = _l("Demande d'étude")
    list_columns = ["id", "sector", "markets", "deadline", "state", "created_at"]
    show_columns = ["id", "sector", "markets", "questions", "deadline", "state", "staff_note",
                    "created_at", "updated_at"]  # fmt: skip
    edit_columns = ["state", "staff_note"]
    base_permissions = ["can_list", "can_show", "can_edit"]
    base_order = ("created_at", "desc")
    label_columns = REQUEST_LABELS
    edit_form_extra_fields = {
        "state": SelectField(_l("Statut"), choices=_choices(REQUEST_STATE_LABELS))
    }
    formatters_columns = {"state": lambda v: str(REQUEST_STATE_LABELS.get(v, v))}

    def pre_update(self, item: StudyRequest) -> None:
        history: Any = inspect(item).attrs.state.history
        previous = history.deleted[0] if history.deleted else item.state
        studies.notify_if_changed(item, previous)
