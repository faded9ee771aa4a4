"""The assessment plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    Badge,
    Figure,
    MenuItem,
    ModelSet,
    OnboardingStep,
    PersonalData,
    PortalBlueprint,
    Setting,
    SettingsSection,
    SlotBlock,
    Widget,
    hookimpl,
    positive,
    rules,
)

HERE = Path(__file__).resolve().parent


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "assessment",
        "Export-maturity self-assessment.",
        (
            Setting(
                "peer_minimum",
                int,
                5,
                "Fewest companies whose results make a peer average shown in a report "
                "(below it, no comparison is shown, so nobody can be singled out).",
                check=positive,
            ),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import Attempt, Questionnaire, Sharing

    return ModelSet(
        "assessment", (Questionnaire, Attempt, Sharing), HERE / "migrations" / "versions"
    )


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import assets, blueprint

    return [PortalBlueprint(blueprint), PortalBlueprint(assets, localized=False)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import AssessmentAdminView

    return [
        AdminView(
            AssessmentAdminView,
            "Diagnostic export",
            category="Contenu",
            icon="fa-clipboard-check",
            label=_l("Diagnostic export"),
            category_label=_l("Contenu"),
            roles=("Admin",),
        )
    ]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def register_access_rules() -> list[AccessRule]:
    return [
        AccessRule(
            "AssessmentAttempt",
            "read",
            rules.owner("user_id"),
            "An assessment, in progress or completed, is seen only by the member who took it.",
        )
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Diagnostic export"), "assessment.index", order=40, login_required=True)]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .widgets import dashboard_widget

    return dashboard_widget(user)


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    if name != "directory.company.sections":
        return None
    from .widgets import company_level

    return company_level(context.get("company"))


@hookimpl
def personal_data(user_id: int) -> PersonalData:
    from .services import export_records

    return PersonalData("Diagnostic export", export_records(user_id))


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import erase

    erase(user_id)


@hookimpl
def onboarding_steps(member: Any) -> list[OnboardingStep]:
    from flask import url_for

    from .services import latest

    return [
        OnboardingStep(
            "assessment.take",
            _l("Faire le diagnostic export"),
            latest(member.id) is not None,
            url_for("assessment.index"),
            order=40,
            hint=_l("Une quinzaine de minutes pour savoir par où commencer."),
        )
    ]


@hookimpl
def register_badges() -> list[Badge]:
    return [
        Badge(
            "assessment.first",
            _l("Premier diagnostic"),
            _l("A terminé un diagnostic de maturité à l’export."),
            event="assessment.completed",
        ),
        Badge(
            "assessment.confirmed",
            _l("Exportateur confirmé"),
            _l("A atteint le niveau « Exportateur confirmé » au diagnostic export."),
            event="assessment.completed",
            where={"level": "confirmed"},
        ),
    ]


@hookimpl
def backoffice_figures() -> list[Figure]:
    from flask import url_for

    from .usage import usage

    figures = usage()
    return [
        Figure(
            "assessment.completion",
            _l("Diagnostics export terminés"),
            figures.completed,
            url_for("AssessmentAdminView.statistics"),
            hint=_l("%(rate)s %% des diagnostics commencés", rate=figures.completion_rate),
            order=60,
        )
    ]
