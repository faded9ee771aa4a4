"""Translated names of the codes the resource centre stores."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core import api

KIND_LABELS = {
    "guide": _l("Guide"),
    "country_sheet": _l("Fiche pays"),
    "study": _l("Étude de marché"),
    "link": _l("Lien et ressource partenaire"),
}
AUDIENCE_LABELS = {
    "first_time": _l("Primo-exportateurs"),
    "growing": _l("En croissance internationale"),
    "experienced": _l("Exportateurs expérimentés"),
}
ACCESS_LABELS = {
    "public": _l("Tout public"),
    "members": _l("Membres"),
    "verified": _l("Membres vérifiés"),
    "roles": _l("Rôles ou missions choisis"),
}
STATE_LABELS = {
    "draft": _l("Brouillon"),
    "review": _l("En relecture"),
    "published": _l("Publié"),
    "archived": _l("Archivé"),
}
SECTION_LABELS = {
    "economy": _l("Économie"),
    "trade": _l("Commerce et douanes"),
    "regulation": _l("Réglementation et protection des données"),
    "culture": _l("Culture des affaires"),
    "contacts": _l("Contacts utiles"),
    "financing": _l("Aides au financement"),
}
REQUEST_STATE_LABELS = {
    "submitted": _l("Envoyée"),
    "in_review": _l("En cours d'examen"),
    "in_progress": _l("Étude en cours"),
    "delivered": _l("Livrée"),
    "declined": _l("Refusée"),
}
LANGUAGE_LABELS = {"fr": _l("Français"), "en": _l("Anglais")}
FACET_LABELS = {
    "kind": _l("Type"),
    "sector": _l("Secteur"),
    "country": _l("Pays ou région"),
    "audience": _l("Public"),
    "language": _l("Langue"),
}
# Names of the demo and common codes until core's reference data is available.
COUNTRY_FALLBACK = {
    "SN": "Sénégal", "MA": "Maroc", "CI": "Côte d'Ivoire", "FR": "France",
    "CA": "Canada", "CA-QC": "Québec", "BE": "Belgique", "TN": "Tunisie",
}  # fmt: skip


def country_label(code: str, locale: str = "fr") -> str:
    lookup: Any = getattr(api, "country_name", None)
    if lookup is not None:
        try:
            found = lookup(code, locale)
        except Exception:  # an unknown code: show it as is
            found = None
        if found:
            return str(found)
    return COUNTRY_FALLBACK.get(code, code)


def sector_label(code: str, locale: str = "fr") -> str:
    lookup: Any = getattr(api, "sector_label", None)
    if lookup is not None:
        try:
            found = lookup(code, locale)
        except Exception:
            found = None
        if found:
            return str(found)
    return code


def facet_value_label(name: str, value: str, locale: str = "fr") -> str:
    tables: dict[str, Any] = {
        "kind": KIND_LABELS,
        "audience": AUDIENCE_LABELS,
        "language": LANGUAGE_LABELS,
    }
    if name in tables:
        return str(tables[name].get(value, value))
    if name == "country":
        return country_label(value, locale)
    if name == "sector":
        return sector_label(value, locale)
    return value
