"""The verification plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AdminView,
    CliGroup,
    MenuItem,
    ModelSet,
    NotificationType,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SettingsSection,
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
    from .models import Case, Decision, Document

    return ModelSet("verification", (Case, Document, Decision), HERE / "migrations" / "versions")


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from . import tasks  # noqa: F401  (declares the checks task before the queue starts)
    from .views import blueprint

    return [PortalBlueprint(blueprint)]


MODERATOR_ROLE = "Modérateur vérification"


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import QueueView, RecommendView

    return [
        AdminView(
            QueueView,
            "Verification queue",
            category="Vérification",
            icon="fa-user-check",
            label=_l("Dossiers à examiner"),
            category_label=_l("Vérification"),
            # The dedicated least-privilege role is created with the others at
            # `tremplin db upgrade` (`tremplin verification moderator-role` also
            # adds the back office's home and can name another role).
            roles=("Admin", "Moderator", MODERATOR_ROLE),
        ),
        AdminView(RecommendView, roles=("Admin",)),
    ]


@hookimpl
def register_commands() -> list[CliGroup]:
    from .commands import app

    return [CliGroup("verification", app, help="Vérification des entreprises.")]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def register_notification_types() -> list[NotificationType]:
    from .notifications import notification_types

    return notification_types()


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .tasks import reverification_round

    return [
        ScheduledTask("verification-renewal", reverification_round, {"hour": "4", "minute": "10"})
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    from tremplin.core.api import current_member

    member = current_member() if getattr(user, "is_authenticated", False) else None
    if member is None or member.company is None:
        return []
    return [MenuItem(_l("Vérification"), "verification.status", order=60, login_required=True)]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from tremplin.core.api import current_member

    from .services import STATE_LABELS, state_of

    member = current_member() if getattr(user, "is_authenticated", False) else None
    if member is None or member.company is None:
        return []
    state = state_of(member.company.id)
    return [
        Widget(
            "verification",
            _l("Vérification de l’entreprise"),
            "verification/widget.html",
            {"state": state, "label": str(STATE_LABELS.get(state, state))},
            order=30,
        )
    ]


@hookimpl
def member_verification(company_id: int) -> str | None:
    from .services import shown_state

    return shown_state(company_id)


@hookimpl
def company_recommended(company_id: int) -> bool | None:
    from .services import shown_recommended

    return shown_recommended(company_id)


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    if not file.purpose.startswith("verification."):
        return None
    from .access import may_read_document

    return may_read_document(file, member)


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    from .gdpr import export

    return export(user_id)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .gdpr import erase

    erase(user_id)


@hookimpl
def backoffice_figures() -> list[Any]:
    """The verification backlog, for the administrators' activity report."""
    from flask import url_for
    from flask_babel import gettext as _
    from sqlalchemy import func, select

    from tremplin.core.api import Figure, db

    from .models import Case

    waiting = db.session.scalar(select(func.count(Case.id)).where(Case.state == "pending"))
    return [
        Figure(
            "verification.pending",
            _("Dossiers de vérification à examiner"),
            int(waiting or 0),
            url_for("QueueView.queue"),
            order=20,
        )
    ]


@hookimpl
def onboarding_steps(member: Any) -> list[Any]:
    """ "Submit your documents": done once the company's case left "unverified"."""
    from flask import url_for

    from tremplin.core.api import OnboardingStep

    from .services import state_of

    if member is None or member.company is None:
        return []
    return [
        OnboardingStep(
            "verification.submit",
            _l("Déposer les justificatifs de votre entreprise"),
            state_of(member.company.id) != "unverified",
            url_for("verification.status"),
            order=30,
            hint=_l("Une entreprise vérifiée inspire confiance et voit plus d’informations."),
        )
    ]
