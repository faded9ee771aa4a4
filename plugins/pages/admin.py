"""Back-office editing of the pages (Admin and Moderator)."""

from __future__ import annotations

from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length, Regexp

from tremplin.core.api import index_document

from .models import Page
from .services import SLUG, clean_html, search_documents


class PageModelView(ModelView):
    datamodel = SQLAInterface(Page)
    list_title = _l("Pages")
    list_columns = ["slug", "title_fr", "title_en", "published", "in_footer", "updated_at"]
    edit_columns = add_columns = [
        "slug",
        "title_fr",
        "title_en",
        "summary_fr",
        "summary_en",
        "body_fr",
        "body_en",
        "published",
        "in_footer",
        "in_menu",
        "position",
    ]
    show_columns = edit_columns + ["updated_at"]
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
        "in_footer": _l("Lien en pied de page"),
        "in_menu": _l("Lien dans le menu"),
        "position": _l("Ordre"),
        "updated_at": _l("Mise à jour"),
    }
    description_columns = {
        "slug": _l("Lettres minuscules, chiffres et tirets, p. ex. mentions-legales."),
        "body_fr": _l("HTML simple : paragraphes, titres h2-h4, listes, liens, tableaux."),
    }
    formatters_columns = {
        name: (lambda value: _("Oui") if value else _("Non"))
        for name in ("published", "in_footer", "in_menu")
    }
    validators_columns = {
        "slug": [
            Regexp(SLUG, message=_l("Lettres minuscules, chiffres et tirets seulement.")),
            Length(max=80),
        ],
        "title_fr": [Length(min=1, max=200)],
        "title_en": [Length(min=1, max=200)],
    }

    def _clean(self, item: Page) -> None:
        item.body_fr = clean_html(item.body_fr)
        item.body_en = clean_html(item.body_en)

    def pre_add(self, item: Page) -> None:
        self._clean(item)

    def pre_update(self, item: Page) -> None:
        self._clean(item)

    def post_add(self, item: Page) -> None:
        self._reindex(item)

    def post_update(self, item: Page) -> None:
        self._reindex(item)

    def _reindex(self, item: Page) -> None:
        for doc in search_documents():
            if doc.key.startswith(f"{item.slug}:"):
                index_document("pages", doc)
