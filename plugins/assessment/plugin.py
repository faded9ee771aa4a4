"""The assessment plugin's hook implementations."""

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
