"""Core's own contributions, made through the same hooks as any plugin."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from .contributions import (
    AdminView,
    CliGroup,
    Figure,
    HealthCheck,
    MenuItem,
    NotificationType,
    OnboardingStep,
    Permission,
    PortalBlueprint,
    ScheduledTask,
    SitemapEntry,
    Widget,
)
from .plugins import hookimpl

ALL_MEMBERS = ("Admin", "Moderator", "Company", "Expert", "Guest")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .accounts import wiring
    from .portal.views import blueprint as portal
    from .portal.views import root
    from .storage.views import blueprint as storage

    return [
        PortalBlueprint(portal),
        *(PortalBlueprint(blueprint) for blueprint in wiring.blueprints()),
        PortalBlueprint(root, localized=False),
        PortalBlueprint(storage, localized=False),
    ]


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("can_view", "Dashboard", "Open one's personal dashboard.", ALL_MEMBERS),
        Permission("can_search", "Search", "Search members-only content.", ALL_MEMBERS),
        Permission("can_access", "BackOffice", "Open the back office.", ("Admin", "Moderator")),
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    items = [
        MenuItem(_l("Accueil"), "portal.home", order=0),
        MenuItem(_l("Rechercher"), "portal.search", order=90),
    ]
    if user.is_authenticated:
        items.append(
            MenuItem(_l("Tableau de bord"), "portal.dashboard", order=10, login_required=True)
        )
        items.append(
            MenuItem(_l("Sécurité du compte"), "accounts.mfa_setup", order=80, login_required=True)
        )
    else:
        items.append(MenuItem(_l("S'inscrire"), "onboarding.signup", order=95))
    return items


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .dashboard.widgets import core_widgets

    return core_widgets(user)


@hookimpl
def backoffice_figures() -> list[Figure]:
    from .backoffice.figures import member_figures
    from .moderation.services import figures as moderation_figures

    return member_figures() + moderation_figures()


@hookimpl
def onboarding_steps(member: Any) -> list[OnboardingStep]:
    from .dashboard.widgets import core_onboarding_steps

    return core_onboarding_steps(member)


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("portal.home")]


@hookimpl
def register_health_checks() -> list[HealthCheck]:
    from .health import check_database, check_tasks

    return [HealthCheck("database", check_database), HealthCheck("tasks", check_tasks)]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .accounts.gdpr.tasks import erase_due_accounts, purge_expired
    from .accounts.role_grants.services import scheduled_apply
    from .audit.report import send_monthly_report
    from .dashboard.badges import scheduled_award
    from .mail import purge_outbox
    from .moderation.sanctions import scheduled_lift_ended

    return [
        ScheduledTask("purge-dev-outbox", purge_outbox, {"hour": "4", "minute": "0"}),
        ScheduledTask("apply-role-grants", scheduled_apply, {"minute": "*/15"}),
        ScheduledTask("award-badges", scheduled_award, {"minute": "7"}),
        ScheduledTask("end-suspensions", scheduled_lift_ended, {"minute": "*/5"}),
        ScheduledTask("erase-deleted-accounts", erase_due_accounts, {"hour": "3", "minute": "30"}),
        ScheduledTask("retention-purge", purge_expired, {"hour": "3", "minute": "45"}),
        ScheduledTask(
            "privilege-report", send_monthly_report, {"day": "1", "hour": "6", "minute": "0"}
        ),
    ]


@hookimpl(specname="register_admin_views")
def security_admin_views() -> list[AdminView]:
    """Audit trail, time-boxed role grants, account deletions (Admin only)."""
    from .accounts.gdpr.admin import DeletionRequestView
    from .accounts.role_grants.admin import RoleGrantView
    from .audit.admin import AuditEventView

    category, label = "Security", _l("Sécurité")
    return [
        AdminView(
            AuditEventView,
            "AuditTrail",
            category,
            "fa-list-alt",
            label=_l("Journal d'audit"),
            category_label=label,
        ),
        AdminView(
            RoleGrantView,
            "RoleGrants",
            category,
            "fa-clock-o",
            label=_l("Rôles temporaires"),
            category_label=label,
        ),
        AdminView(
            DeletionRequestView,
            "AccountDeletions",
            category,
            "fa-user-times",
            label=_l("Suppressions de comptes"),
            category_label=label,
        ),
    ]


@hookimpl(specname="dashboard_widgets")
def privacy_widgets(user: Any) -> list[Widget]:
    return [Widget("privacy", _l("Sécurité et données"), "accounts/sessions_widget.html", order=90)]


@hookimpl(specname="register_admin_views")
def onboarding_admin_views() -> list[AdminView]:
    """Invitations and mission participants (Admin and Moderator)."""
    from .backoffice.invitations import admin_views

    return admin_views()


@hookimpl(specname="register_admin_views")
def moderation_admin_views() -> list[AdminView]:
    """The one moderation queue of reported content (Admin and Moderator)."""
    from .moderation.admin import ModerationQueueView

    return [
        AdminView(
            ModerationQueueView,
            "ModerationQueue",
            "Moderation",
            "fa-flag",
            label=_l("File de modération"),
            category_label=_l("Modération"),
            roles=("Admin", "Moderator"),
        )
    ]


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "core.moderation_warning",
            _l("Avertissement de la modération"),
            _l(
                "La modération vous adresse un avertissement à la suite d’un signalement "
                "(%(reason)s). Merci de respecter la charte de la plateforme."
            ),
            default_channel="email",
        ),
        NotificationType(
            "core.moderation_hidden",
            _l("Contenu masqué par la modération"),
            _l(
                "Un contenu que vous avez publié (%(title)s) est masqué par la modération "
                "à la suite d’un signalement (%(reason)s)."
            ),
            default_channel="email",
        ),
        NotificationType(
            "core.moderation_suspended",
            _l("Suspension du compte"),
            _l(
                "Votre compte est suspendu jusqu’au %(until)s à la suite d’un signalement "
                "(%(reason)s)."
            ),
            default_channel="email",
            email_template="moderation/sanction_email.txt",
        ),
        NotificationType(
            "core.moderation_banned",
            _l("Bannissement du compte"),
            _l(
                "Votre compte est fermé par la modération à la suite d’un signalement (%(reason)s)."
            ),
            default_channel="email",
            email_template="moderation/sanction_email.txt",
        ),
    ]


@hookimpl
def register_commands() -> list[CliGroup]:
    return []


@hookimpl(trylast=True)
def send_sms(number: str, text: str) -> bool | None:
    """Development gateway, tried after every plugin's: writes the SMS to the outbox
    and logs "SMS sent to +221…12" (never the text: it holds codes) outside
    production, where it leaves the answer to a real gateway (``None``: not sent)."""
    from .accounts.mfa.sms import dev_gateway

    return dev_gateway(number, text)
