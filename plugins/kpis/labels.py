"""The KPIs shown on the dashboard and in the reports, in order, with their labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# (key, label, unit)
METRICS = (
    ("mau", _l("Membres actifs sur 30 jours (MAU)"), ""),
    ("registrations", _l("Inscriptions"), ""),
    ("registration_growth", _l("Croissance des inscriptions (vs période précédente)"), " %"),
    ("retention_30", _l("Rétention à 30 jours"), " %"),
    ("retention_60", _l("Rétention à 60 jours"), " %"),
    ("retention_90", _l("Rétention à 90 jours"), " %"),
    ("sessions_per_active_day", _l("Sessions par membre actif et par jour"), ""),
    ("session_minutes", _l("Durée moyenne d’une session (minutes)"), ""),
    ("connections", _l("Mises en relation réussies"), ""),
    ("assessment_rate", _l("Autodiagnostics pour 100 membres actifs"), ""),
    ("event_participation", _l("Taux de participation aux événements"), " %"),
    ("resources_viewed", _l("Ressources consultées"), ""),
    ("resources_downloaded", _l("Ressources téléchargées"), ""),
    ("impact_markets", _l("Nouveaux marchés explorés (déclarés)"), ""),
    ("impact_revenue", _l("Évolution moyenne du CA export déclarée"), " %"),
    ("impact_partnerships", _l("Partenariats conclus (déclarés)"), ""),
    ("nps", _l("NPS"), ""),
    ("csat", _l("Satisfaction (CSAT)"), " %"),
    ("first_contact_resolution", _l("Résolution au premier contact (support)"), " %"),
    ("page_load_ms", _l("Temps de chargement moyen des pages (ms)"), ""),
    ("page_views", _l("Pages vues (sans cookie)"), ""),
    ("availability", _l("Disponibilité (contrôles de santé)"), " %"),
    ("security_incidents", _l("Incidents de sécurité (journal d’audit)"), ""),
    ("feedback", _l("Avis reçus (bouton « Votre avis »)"), ""),
    ("feedback_rating", _l("Note moyenne des avis (sur 5)"), ""),
)


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return text + unit
