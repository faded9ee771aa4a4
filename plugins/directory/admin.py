"""Back office of the directory: company and expert profiles (Admin, Moderator) and
the curated tags (Admin). Identity fields are edited on the portal's edit page,
which administrators may open for every company."""

from __future__ import annotations

from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length, Regexp

from .indexing import reindex_company, reindex_expert
from .models import CompanyProfile, ExpertProfile, Tag

TEXT_LIMIT = [Length(max=4000)]


class CompanyProfileView(ModelView):
    datamodel = SQLAInterface(CompanyProfile)
    list_title = _l("Fiches entreprises")
    list_columns = ["company_name", "company_country", "owner_id", "updated_at", "portal_link"]
    edit_columns = ["description_en", "products_fr", "products_en", "seeks", "objectives"]
    show_columns = ["company_name", "company_country", *edit_columns, "updated_at", "portal_link"]
    base_order = ("updated_at", "desc")
    base_permissions = ["can_list", "can_show", "can_edit"]
    label_columns = {
        "company_name": _l("Entreprise"),
        "company_country": _l("Pays"),
        "owner_id": _l("Propriétaire (compte)"),
        "updated_at": _l("Mise à jour"),
        "portal_link": _l("Fiche complète"),
        "description_en": _l("Présentation (anglais)"),
        "products_fr": _l("Produits et services (français)"),
        "products_en": _l("Produits et services (anglais)"),
        "seeks": _l("Recherche"),
        "objectives": _l("Objectifs à l'international"),
    }
    validators_columns = dict.fromkeys(edit_columns, TEXT_LIMIT)

    def post_update(self, item: CompanyProfile) -> None:
        reindex_company(item.company_id, after_commit=False)


class ExpertProfileView(ModelView):
    datamodel = SQLAInterface(ExpertProfile)
    list_title = _l("Profils d'experts")
    list_columns = ["expert_name", "headline", "mentoring", "updated_at", "portal_link"]
    edit_columns = ["headline", "bio_fr", "bio_en", "mentoring"]
    show_columns = ["expert_name", *edit_columns, "updated_at", "portal_link"]
    base_order = ("updated_at", "desc")
    base_permissions = ["can_list", "can_show", "can_edit"]
    label_columns = {
        "expert_name": _l("Expert"),
        "headline": _l("Titre"),
        "mentoring": _l("Mentorat"),
        "updated_at": _l("Mise à jour"),
        "portal_link": _l("Profil"),
        "bio_fr": _l("Biographie (français)"),
        "bio_en": _l("Biographie (anglais)"),
    }
    validators_columns = {
        "headline": [Length(min=1, max=200)],
        "bio_fr": TEXT_LIMIT,
        "bio_en": TEXT_LIMIT,
    }

    def post_update(self, item: ExpertProfile) -> None:
        reindex_expert(item.user_id, after_commit=False)


class TagView(ModelView):
    datamodel = SQLAInterface(Tag)
    list_title = _l("Thèmes de l'annuaire")
    list_columns = ["slug", "label_fr", "label_en", "position"]
    add_columns = edit_columns = show_columns = list_columns
    base_order = ("position", "asc")
    label_columns = {
        "slug": _l("Code (slug)"),
        "label_fr": _l("Libellé (français)"),
        "label_en": _l("Libellé (anglais)"),
        "position": _l("Ordre"),
    }
    description_columns = {"slug": _l("Lettres minuscules, chiffres et tirets, p. ex. bio.")}
    validators_columns = {
        "slug": [
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Lettres minuscules, chiffres et tirets seulement."),
            ),
            Length(max=60),
        ],
        "label_fr": [Length(min=1, max=80)],
        "label_en": [Length(max=80)],
    }
