"""The messaging plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    CliGroup,
    HealthCheck,
    MenuItem,
    ModelSet,
    ModerationTarget,
    NotificationType,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SlotBlock,
    hookimpl,
    rules,
)

from .settings import section

HERE = Path(__file__).resolve().parent
COMPANY_ACTIONS = "directory.company.actions"
HEADER = "portal.header.account"


@hookimpl
def register_settings() -> Any:
    return section()


@hookimpl
def register_models() -> ModelSet:
    from .models import MODELS

    return ModelSet("messaging", MODELS, HERE / "migrations" / "versions")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import assets, blueprint

    return [PortalBlueprint(blueprint), PortalBlueprint(assets, localized=False)]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def register_access_rules() -> list[AccessRule]:
    from .services import is_participant

    only = rules.participant(is_participant)
    return [
        AccessRule(
            "messaging.Conversation", "read", only, "Only its participants read a conversation."
        ),
        AccessRule("messaging.Conversation", "write", only, "Only its participants write in it."),
    ]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import MessagingStatsView

    return [
        AdminView(
            MessagingStatsView,
            "MessagingStats",
            "Moderation",
            "fa-envelope",
            label=_l("Messagerie : chiffres"),
            category_label=_l("Modération"),
            roles=("Admin", "Moderator"),
        )
    ]


@hookimpl
def register_commands() -> list[CliGroup]:
    from .commands import app

    return [CliGroup("keys", app, help="Clés de chiffrement des messages.")]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .tasks import alert_due_participants

    return [ScheduledTask("messaging-alerts", alert_due_participants, {"minute": "*"})]


@hookimpl
def register_health_checks() -> list[HealthCheck]:
    from .crypto import check_keys

    return [HealthCheck("messaging-keys", check_keys)]


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "messaging.new_messages",
            _l("Nouveaux messages"),
            _l("%(sender)s vous a écrit : %(count)s message(s) non lu(s)."),
            default_channel="email",
        ),
        NotificationType(
            "messaging.new_messages_text",
            _l("Nouveaux messages, avec leur texte"),
            _l("%(sender)s vous a écrit (%(count)s non lu(s)) : « %(excerpt)s »"),
            default_channel="email",
        ),
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    if not user.is_authenticated:
        return []
    return [MenuItem(_l("Messages"), "messaging.inbox", order=30, login_required=True)]


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    from .slots import company_actions, header_link

    if name == COMPANY_ACTIONS:
        return company_actions(context)
    if name == HEADER:
        return header_link()
    return None


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    from .access import may_read_file

    if not file.purpose.startswith("messaging."):
        return None
    return may_read_file(file, member)


@hookimpl
def file_bytes(file: Any) -> bytes | None:
    from .access import clear_bytes

    if not file.purpose.startswith("messaging."):
        return None
    return clear_bytes(file)


@hookimpl
def moderation_target(kind: str, object_id: str) -> ModerationTarget | None:
    from .moderating import target

    return target(kind, object_id)


@hookimpl
def moderation_apply(kind: str, object_id: str, action: str) -> bool | None:
    from .moderating import apply

    return apply(kind, object_id, action)


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    from .gdpr import personal_data as collect

    return collect(user_id)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .gdpr import erase

    erase(user_id)
