"""The events plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    MenuItem,
    ModelSet,
    Permission,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    SettingsSection,
    SitemapEntry,
    Widget,
    hookimpl,
)

HERE = Path(__file__).resolve().parent


@hookimpl
def register_settings() -> SettingsSection:
    from .settings import section

    return section()


@hookimpl
def register_models() -> ModelSet:
    from .models import ALL_MODELS

    return ModelSet("events", ALL_MODELS, HERE / "migrations" / "versions")


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .blueprint import assets
    from .feed import feed_blueprint
    from .views import blueprint

    return [
        PortalBlueprint(blueprint),
        PortalBlueprint(feed_blueprint, localized=False),
        PortalBlueprint(assets, localized=False),
    ]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import EventModelView, OrganiserModelView, RegistrationModelView

    def view(cls: type, name: str, icon: str, label: Any) -> AdminView:
        return AdminView(
            cls,
            name,
            category="Evenements",
            icon=icon,
            label=label,
            category_label=_l("Événements"),
            roles=("Admin", "Moderator"),
        )

    return [
        view(EventModelView, "Events", "fa-calendar", _l("Événements")),
        view(RegistrationModelView, "Registrations", "fa-list", _l("Inscriptions")),
        view(OrganiserModelView, "Organisers", "fa-users", _l("Équipes d'organisation")),
    ]


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from .search import TYPE, documents, hit, hits

    return [SearchDocType(TYPE, _l("Événement"), documents, hit, hits)]


@hookimpl
def register_permissions() -> list[Permission]:
    from .delegation import ROLE

    return [
        Permission(
            "can_organise",
            "Events",
            "Create events and missions and organise any of them.",
            ("Admin", "Moderator"),
        ),
        Permission(
            "can_read",
            "MissionDelegation",
            f"Marks the {ROLE} role, held by a mission's confirmed participants until "
            "access_days after its end: give that role permissions, or name it in "
            "role-restricted resources.",
            ("Admin", "Moderator", ROLE),
        ),
    ]


@hookimpl
def register_access_rules() -> list[AccessRule]:
    from .access import access_rules

    return access_rules()


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .reminders import announce_ended, send_reminders

    return [
        ScheduledTask("events-reminders", send_reminders, {"minute": "*/15"}),
        ScheduledTask("events-ended", announce_ended, {"minute": "5,35"}),
    ]


@hookimpl
def register_notification_types() -> list[Any]:
    from .notifications import notification_types

    return notification_types()


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Événements"), "events.index", order=40)]


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("events.index")]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .dashboard import widget

    return widget(user)


@hookimpl
def event_participants(event_id: int) -> list[int] | None:
    from .registration import confirmed_user_ids
    from .services import get_event

    return confirmed_user_ids(event_id) if get_event(event_id, include_unpublished=True) else None


@hookimpl
def event_summary(event_id: int) -> dict[str, Any] | None:
    from .services import get_event, summary

    event = get_event(event_id, include_unpublished=True)
    return summary(event) if event is not None else None


@hookimpl(optionalhook=True)
def company_missions(company_id: int) -> list[dict[str, Any]] | None:
    """The directory's question (its own hookspec): the company's mission history."""
    from .services import mission_history

    return mission_history(company_id) or None


@hookimpl
def personal_data(user_id: int) -> PersonalData:
    from .gdpr import export

    return export(user_id)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .gdpr import erase

    erase(user_id)


@hookimpl(optionalhook=True)
def assessment_recommendations(result: Any) -> list[dict[str, Any]]:
    """Upcoming missions and events for the weakest dimensions (the assessment
    plugin's hook, by name)."""
    from .recommendations import event_recommendations

    return event_recommendations(result)


@hookimpl
def onboarding_steps(member: Any) -> list[Any]:
    """ "Join an event": done once the member registered for one (even waiting)."""
    from flask import url_for
    from sqlalchemy import select

    from tremplin.core.api import OnboardingStep, db

    from .models import Registration

    if member is None:
        return []
    joined = db.session.scalar(
        select(Registration.id)
        .where(
            Registration.user_id == member.id,
            Registration.state.in_(("confirmed", "waiting", "pending")),
        )
        .limit(1)
    )
    return [
        OnboardingStep(
            "events.join",
            _l("Vous inscrire à un événement ou à une mission"),
            joined is not None,
            url_for("events.index"),
            order=50,
            hint=_l("Webinaires, salons et missions économiques de l’OIF."),
        )
    ]
