"""The surveys plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AdminView,
    ModelSet,
    NotificationType,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    Setting,
    SettingsSection,
    hookimpl,
    positive,
)

HERE = Path(__file__).resolve().parent


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "surveys",
        "Surveys and impact follow-up.",
        (
            Setting(
                "min_group",
                int,
                5,
                "Anonymous surveys never show results for fewer answers than this.",
                check=positive,
            ),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import MODELS

    return ModelSet("surveys", MODELS, HERE / "migrations" / "versions")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import blueprint

    static = Blueprint(
        "surveys_static",
        __name__,
        static_folder=str(HERE / "static"),
        static_url_path="/static/surveys-plugin",
    )
    return [PortalBlueprint(blueprint), PortalBlueprint(static, localized=False)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import SurveysAdminView

    return [
        AdminView(
            SurveysAdminView,
            "Enquêtes",
            category="Impact",
            icon="fa-square-poll-vertical",
            label=_l("Enquêtes"),
            category_label=_l("Impact"),
            roles=("Admin",),
        )
    ]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .tasks import daily_distribution, purge_responses

    return [
        ScheduledTask("surveys-distribution", daily_distribution, {"hour": "8", "minute": "5"}),
        ScheduledTask("surveys-purge", purge_responses, {"hour": "3", "minute": "55"}),
    ]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "surveys.invited",
            _l("Enquête"),
            _l("Votre avis compte : répondez à l’enquête « %(title)s »."),
            default_channel="email",
        ),
        NotificationType(
            "surveys.reminder",
            _l("Rappel d’enquête"),
            _l("Rappel : l’enquête « %(title)s » attend encore votre réponse."),
            default_channel="email",
        ),
    ]


@hookimpl(optionalhook=True)
def event_ended(event_id: int) -> None:
    """The events plugin's event (not declared when it is not installed)."""
    from .distribution import on_event_ended

    on_event_ended(event_id)


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    from .privacy import identified_answers

    records = identified_answers(user_id)
    return (
        PersonalData(str(_l("Réponses aux enquêtes (mode identifié)")), records)
        if records
        else None
    )


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .privacy import erase

    erase(user_id)
