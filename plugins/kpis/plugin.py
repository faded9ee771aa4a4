"""The kpis plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask, current_app, has_request_context, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tremplin.core.api import (
    AdminView,
    CliGroup,
    FooterLink,
    ModelSet,
    PortalBlueprint,
    ScheduledTask,
    Setting,
    SettingsSection,
    SlotBlock,
    app_cache,
    hookimpl,
    not_negative,
)

HERE = Path(__file__).resolve().parent
INCIDENTS = ["account_locked", "mfa_replay_refused", "login_throttled", "csrf_refused"]


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "kpis",
        "Key performance indicators, page analytics and feedback.",
        (
            Setting(
                "incident_events",
                list,
                INCIDENTS,
                "Audit-log event names counted as security incidents.",
            ),
            Setting(
                "matomo_url",
                str,
                "",
                "The operator's own Matomo (https://...), loaded only after the visitor "
                "accepted audience measurement ([analytics] enabled); empty: none.",
            ),
            Setting("matomo_site_id", str, "1", "The site id in that Matomo."),
            Setting(
                "page_analytics",
                bool,
                True,
                "Count page views on the server (no cookie, DNT respected) and load times.",
            ),
            Setting(
                "page_view_flush_seconds",
                float,
                30.0,
                "Page views are counted in memory and written at most this often (and at "
                "exit), so that a page costs no database write; 0 writes each view at once.",
                check=not_negative,
            ),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import MODELS

    return ModelSet("kpis", MODELS, HERE / "migrations" / "versions")


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import beacon, blueprint

    return [PortalBlueprint(blueprint), PortalBlueprint(beacon, localized=False)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import FeedbackModelView, KpiDashboardView

    return [
        AdminView(
            KpiDashboardView,
            "Indicateurs",
            category="Impact",
            icon="fa-chart-line",
            label=_l("Indicateurs (KPI)"),
            category_label=_l("Impact"),
            roles=("Admin",),
        ),
        AdminView(
            FeedbackModelView,
            "Avis",
            category="Impact",
            icon="fa-comment",
            label=_l("Avis des visiteurs"),
            category_label=_l("Impact"),
            roles=("Admin", "Moderator"),
        ),
    ]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .tasks import aggregate, monthly_report, sample_health

    return [
        ScheduledTask("kpis-aggregate", aggregate, {"hour": "2", "minute": "15"}),
        ScheduledTask("kpis-health-sample", sample_health, {"minute": "*/5"}),
        ScheduledTask(
            "kpis-monthly-report", monthly_report, {"day": "1", "hour": "6", "minute": "30"}
        ),
    ]


@hookimpl
def register_commands() -> list[CliGroup]:
    from .cli import app

    return [CliGroup("kpis", app, help="Indicateurs clés (KPI) et rapport mensuel.")]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def app_ready(app: Flask) -> None:
    from .analytics import install
    from .matomo import install as install_matomo

    if app.extensions["tremplin"].config.get("kpis", "page_analytics"):
        install(app)
    install_matomo(app)
    from .views import timing

    csrf = app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(timing)  # a beacon without session: it changes only counters
    limiter = getattr(getattr(app, "appbuilder", None), "sm", None)
    limiter = getattr(limiter, "limiter", None)
    if limiter is not None:  # per address, POST only: no flood of counters or feedback
        for endpoint, rate in (
            ("kpis_beacon.timing", "120 per minute"),
            ("kpis.feedback", "10 per minute"),
        ):
            view = app.view_functions.get(endpoint)
            if view is not None:
                app.view_functions[endpoint] = limiter.limit(rate, methods=["POST"])(view)


@hookimpl
def footer_links() -> list[FooterLink]:
    page = request.path if has_request_context() else ""
    return [FooterLink(str(_l("Votre avis")), "kpis.feedback", {"page": page[:200]}, order=5)]


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    if name != "portal.body.end":
        return None
    from tremplin.core.api import setting

    from .analytics import opted_out, page_path
    from .matomo import tag

    blocks = [SlotBlock(html=matomo, order=95)] if (matomo := tag()) is not None else []
    path = page_path()
    if not setting("kpis", "page_analytics") or opted_out() or path is None:
        return blocks
    script, beacon = _beacon_urls()
    html = Markup('<script src="{}" data-path="{}" data-url="{}" defer></script>').format(
        script, path, beacon
    )
    return [SlotBlock(html=html, order=90), *blocks]


BEACON_URLS = app_cache("kpis.beacon_urls")


def _beacon_urls() -> tuple[str, str]:
    """The timing script's and the beacon's URLs (not localised), built once per
    mount point."""
    urls: dict[str, tuple[str, str]] = current_app.extensions.setdefault(BEACON_URLS, {})
    root = request.script_root
    if root not in urls:
        urls[root] = (
            url_for("kpis_beacon.static", filename="kpis/timing.js"),
            url_for("kpis_beacon.timing"),
        )
    return urls[root]
