"""Column labels of the back-office views (kept apart: long, and only labels)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ITEM_LABELS = {
    "kind": _l("Type"),
    "slug": _l("Adresse (slug)"),
    "title_fr": _l("Titre (français)"),
    "title_en": _l("Titre (anglais)"),
    "summary_fr": _l("Résumé (français)"),
    "summary_en": _l("Résumé (anglais)"),
    "body_fr": _l("Contenu Markdown (français)"),
    "body_en": _l("Contenu Markdown (anglais)"),
    "url": _l("Lien externe"),
    "publisher": _l("Éditeur"),
    "coverage": _l("Couverture"),
    "study_date": _l("Date de l'étude"),
    "sectors": _l("Secteurs"),
    "countries": _l("Pays ou régions"),
    "tags": _l("Mots-clés"),
    "audiences": _l("Publics"),
    "access": _l("Qui lit la page"),
    "download_access": _l("Qui télécharge les documents"),
    "access_roles": _l("Rôles autorisés"),
    "preview_pages": _l("Pages de l'aperçu"),
    "state": _l("État"),
    "publish_at": _l("Publication programmée"),
    "published_at": _l("Publié le"),
    "review_at": _l("À relire le"),
    "updated_at": _l("Mis à jour le"),
    "downloads_total": _l("Téléchargements"),
}
SECTION_LABELS_COLUMNS = {
    "resource": _l("Ressource"),
    "key": _l("Rubrique"),
    "position": _l("Ordre"),
    "body_fr": _l("Texte Markdown (français)"),
    "body_en": _l("Texte Markdown (anglais)"),
}
REQUEST_LABELS = {
    "id": _l("N°"),
    "sector": _l("Secteur"),
    "markets": _l("Marchés visés"),
    "questions": _l("Questions"),
    "deadline": _l("Date souhaitée"),
    "state": _l("Statut"),
    "staff_note": _l("Réponse à l'équipe / au membre"),
    "created_at": _l("Reçue le"),
    "updated_at": _l("Mise à jour"),
}
