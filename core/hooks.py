"""Core's own contributions, made through the same hooks as any plugin."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .contributions import (AdminView, CliGroup, HealthCheck, MenuItem, Permission,
                            PortalBlueprint, ScheduledTask, SitemapEntry, Widget)
from .plugins import hookimpl

ALL_MEMBERS = ("Admin", "Moderator", "Company", "Expert", "Guest")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .accounts.views import blueprint as accounts
    from .portal.views import blueprint as portal
    from .accounts.signup_views import blueprint as onboarding
    from .portal.views import root
    return [PortalBlueprint(portal), PortalBlueprint(accounts), PortalBlueprint(onboarding),
            PortalBlueprint(root, localized=False)]


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("can_view", "Dashboard", "Open one's personal dashboard.", ALL_MEMBERS),
        Permission("can_search", "Search", "Search members-only content.", ALL_MEMBERS),
        Permission("can_access", "BackOffice", "Open the back office.", ("Admin", "Moderator")),
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    items = [MenuItem(_l("Accueil"), "portal.home", order=0),
             MenuItem(_l("Rechercher"), "portal.search", order=90)]
    if user.is_authenticated:
        items.append(MenuItem(_l("Tableau de bord"), "portal.dashboard", order=10,
                              login_required=True))
    else:
        items.append(MenuItem(_l("S'inscrire"), "onboarding.signup", order=95))
    return items


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .accounts.profile import profile_widget_context
    return [Widget("profile", _l("Mon profil"), "portal/widgets/profile.html",
                   profile_widget_context(user), order=0)]


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("portal.home")]


@hookimpl
def register_health_checks() -> list[HealthCheck]:
    from .health import check_database, check_tasks
    return [HealthCheck("database", check_database), HealthCheck("tasks", check_tasks)]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .mail import purge_outbox
    return [ScheduledTask("purge-dev-outbox", purge_outbox, {"hour": "4", "minute": "0"})]


@hookimpl(specname="register_admin_views")
def onboarding_admin_views() -> list[AdminView]:
    """Invitations and mission participants (Admin and Moderator)."""
    from .backoffice.invitations import admin_views
    return admin_views()


@hookimpl
def register_commands() -> list[CliGroup]:
    return []


@hookimpl(trylast=True)
def send_sms(number: str, text: str) -> bool | None:
    """Development gateway, tried after every plugin's: writes the SMS to the outbox
    and logs "SMS sent to +221…12" (never the text: it holds codes) outside
    production, where it leaves the answer to a real gateway (``None``: not sent)."""
    from .accounts.sms import dev_gateway
    return dev_gateway(number, text)
