"""The directory plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    MenuItem,
    ModelSet,
    NotificationType,
    PersonalData,
    PortalBlueprint,
    SearchDocType,
    SearchHit,
    Setting,
    SettingsSection,
    Widget,
    hookimpl,
    positive,
)

HERE = Path(__file__).resolve().parent


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "directory",
        "Company and expert directory.",
        (
            Setting(
                "public_directory",
                bool,
                False,
                "Let visitors who are not signed in see the profiles (and fields) their "
                "owners made public. Off: the directory is for members only.",
            ),
            Setting("page_size", int, 20, "Profiles per page of the directory.", check=positive),
            Setting(
                "report_rate",
                str,
                "10 per hour",
                'How many profiles one member may report to the moderation, e.g. "10 per hour".',
            ),
        ),
    )


@hookimpl
def register_hookspecs() -> Any:
    from . import hookspecs

    return hookspecs


@hookimpl
def register_models() -> ModelSet:
    from .models import CompanyMedia, CompanyProfile, ExpertProfile, RepresentativeInvitation, Tag

    return ModelSet(
        "directory",
        (CompanyProfile, CompanyMedia, RepresentativeInvitation, ExpertProfile, Tag),
        HERE / "migrations" / "versions",
    )


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import blueprint, static

    return [PortalBlueprint(blueprint), PortalBlueprint(static, localized=False)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import CompanyProfileView, ExpertProfileView, TagView

    common = {"category": "Annuaire", "category_label": _l("Annuaire")}
    return [
        AdminView(
            CompanyProfileView,
            "Fiches entreprises",
            icon="fa-building",
            label=_l("Fiches entreprises"),
            roles=("Admin", "Moderator"),
            **common,
        ),
        AdminView(
            ExpertProfileView,
            "Profils d'experts",
            icon="fa-user-tie",
            label=_l("Profils d'experts"),
            roles=("Admin", "Moderator"),
            **common,
        ),
        AdminView(
            TagView, "Thèmes", icon="fa-tags", label=_l("Thèmes"), roles=("Admin",), **common
        ),
    ]


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from .indexing import (
        all_company_documents,
        all_expert_documents,
        company_hits,
        expert_hits,
    )

    def one(hits: Any) -> Any:
        def hit(key: str, language: str) -> SearchHit | None:
            found: SearchHit | None = hits([key], language).get(key)
            return found

        return hit

    return [
        SearchDocType(
            "company", _l("Entreprise"), all_company_documents, one(company_hits), company_hits
        ),
        SearchDocType("expert", _l("Expert"), all_expert_documents, one(expert_hits), expert_hits),
    ]


@hookimpl
def register_access_rules() -> list[AccessRule]:
    from .access import access_rules

    return access_rules()


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "directory.representative_invited",
            _l("Invitation à représenter une entreprise"),
            _l("Vous êtes invité à représenter « %(company)s » dans l'annuaire."),
            default_channel="email",
        )
    ]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Annuaire"), "directory.index", order=20)]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .widgets import my_profile_widget

    found = my_profile_widget(user)
    return [found] if found is not None else []


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    from .media import file_access as answer

    return answer(file, member)


@hookimpl(trylast=True)
def suggest_partners(company_id: int, limit: int) -> list[Any]:
    from .suggestions import built_in

    return built_in(company_id, limit)


@hookimpl(optionalhook=True)
def company_verification_changed(company_id: int, state: str, recommended: bool) -> None:
    """The verification plugin's event: badges changed, so do the facets."""
    from .indexing import reindex_company

    reindex_company(company_id, after_commit=False)  # delivered after its commit


@hookimpl
def moderation_target(kind: str, object_id: str) -> Any:
    from .moderating import target

    return target(kind, object_id)


@hookimpl
def moderation_apply(kind: str, object_id: str, action: str) -> bool | None:
    from .moderating import apply

    return apply(kind, object_id, action)


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    from .privacy import export

    return export(user_id)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .privacy import erase

    erase(user_id)


@hookimpl
def demo_data(password: str | None) -> int:
    from .demo import load

    return load(password)


@hookimpl(optionalhook=True)
def assessment_recommendations(result: Any) -> list[dict[str, Any]]:
    """Mentors matching the weakest dimensions (the assessment plugin's hook, by name)."""
    from .recommendations import expert_recommendations

    return expert_recommendations(result)


@hookimpl
def onboarding_steps(member: Any) -> list[Any]:
    """ "Complete your company's profile": a presentation, products and target markets."""
    from flask import url_for

    from tremplin.core.api import OnboardingStep

    from .profiles import profile_of

    if member is None or member.is_staff or member.has_role("Expert"):
        return []
    company = member.company
    row = profile_of(company.id) if company is not None else None
    done = bool(
        company is not None
        and row is not None
        and (company.description or row.description_en)
        and (row.products_fr or row.products_en)
        and row.markets
    )
    return [
        OnboardingStep(
            "directory.profile",
            _l("Compléter la fiche de votre entreprise"),
            done,
            url_for("directory.my_company"),
            order=10,
            hint=_l("Présentation, produits et marchés cibles : ce que les partenaires cherchent."),
        )
    ]
