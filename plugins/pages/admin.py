"""Back-office editing of the pages (Admin and Moderator)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect
from flask_appbuilder import ModelView
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import Length, Regexp

from .models import Page
from .services import SLUG, STATE_LABELS, clean_html, reindex_page, schedule_or_publish

STATES = STATE_LABELS


class PageModelView(ModelView):
    datamodel = SQLAInterface(Page)
    list_title = _l("Pages")
    list_columns = [
        "slug",
        "title_fr",
        "title_en",
        "state",
        "publish_at",
        "in_footer",
        "updated_at",
    ]
    edit_columns = add_columns = [
        "slug",
        "title_fr",
        "title_en",
        "summary_fr",
        "summary_en",
        "body_fr",
        "body_en",
        "in_footer",
        "in_menu",
        "position",
        "publish_at",
    ]
    show_columns = ["state", *edit_columns, "updated_at"]
    order_columns = ["slug", "updated_at"]
    base_order = ("position", "asc")
    label_columns = {
        "slug": _l("Adresse (slug)"),
        "title_fr": _l("Titre (français)"),
        "title_en": _l("Titre (anglais)"),
        "summary_fr": _l("Résumé (français)"),
        "summary_en": _l("Résumé (anglais)"),
        "body_fr": _l("Contenu HTML (français)"),
        "body_en": _l("Contenu HTML (anglais)"),
        "published": _l("Publiée"),
        "state": _l("État"),
        "in_footer": _l("Lien en pied de page"),
        "in_menu": _l("Lien dans le menu"),
        "position": _l("Ordre"),
        "publish_at": _l("Publication programmée"),
        "updated_at": _l("Mise à jour"),
    }
    description_columns = {
        "slug": _l("Lettres minuscules, chiffres et tirets, p. ex. mentions-legales."),
        "body_fr": _l("HTML simple : paragraphes, titres h2-h4, listes, liens, tableaux."),
        "publish_at": _l(
            "Facultatif, heure UTC : « Publier » programme alors la page, qui paraît à "
            "cette date (aux lecteurs, dans le plan du site et la recherche)."
        ),
    }
    formatters_columns = {
        **{
            name: (lambda value: _("Oui") if value else _("Non"))
            for name in ("published", "in_footer", "in_menu")
        },
        "state": lambda value: str(STATES.get(value, value)),
        "title_en": lambda value: value or _("— traduction manquante —"),
    }
    # Non-null booleans would be "required" in FAB's form: an unticked box must pass.
    add_form_extra_fields = edit_form_extra_fields = {
        "in_footer": BooleanField(_l("Lien en pied de page")),
        "in_menu": BooleanField(_l("Lien dans le menu")),
    }
    validators_columns = {
        "slug": [
            Regexp(SLUG, message=_l("Lettres minuscules, chiffres et tirets seulement.")),
            Length(max=80),
        ],
        "title_fr": [Length(min=1, max=200)],
        "title_en": [Length(max=200)],
    }

    def _move(self, items: Any, state: str) -> Any:
        reached = set()
        for item in items if isinstance(items, list) else [items]:
            if state == "published":
                reached.add(schedule_or_publish(item))
            else:
                item.state, item.published = state, False
                reached.add(state)
        self.datamodel.session.commit()
        for item in items if isinstance(items, list) else [items]:
            self._reindex(item)
        names = ", ".join(str(STATES[s]) for s in sorted(reached))
        flash(_("État des pages mis à jour : %(state)s.", state=names), "success")
        self.update_redirect()
        return redirect(self.get_redirect())

    @action("submit_review", _l("Envoyer en relecture"), icon="fa-eye")
    def submit_review(self, items: Any) -> Any:
        return self._move(items, "review")

    @action("publish", _l("Publier (ou programmer)"), icon="fa-check")
    def publish(self, items: Any) -> Any:
        return self._move(items, "published")

    @action("to_draft", _l("Repasser en brouillon"), icon="fa-pencil")
    def to_draft(self, items: Any) -> Any:
        return self._move(items, "draft")

    def _clean(self, item: Page) -> None:
        item.body_fr = clean_html(item.body_fr)
        item.body_en = clean_html(item.body_en or "")

    def pre_add(self, item: Page) -> None:
        self._clean(item)
        item.state, item.published = "draft", False  # new pages start as drafts

    def pre_update(self, item: Page) -> None:
        self._clean(item)

    def post_add(self, item: Page) -> None:
        self._reindex(item)

    def post_update(self, item: Page) -> None:
        self._reindex(item)

    def _reindex(self, item: Page) -> None:
        reindex_page(item)
