"""The resources plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    CliGroup,
    MenuItem,
    ModelSet,
    NotificationType,
    Permission,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    SitemapEntry,
    Widget,
    hookimpl,
)

HERE = Path(__file__).resolve().parent
EDITORS = ("Admin", "Moderator", "ContentManager")


@hookimpl
def register_models() -> ModelSet:
    from .models import Resource, ResourceFile, ResourceSection, StudyRequest

    return ModelSet(
        "resources",
        (Resource, ResourceSection, ResourceFile, StudyRequest),
        HERE / "migrations" / "versions",
    )


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from . import study_views  # noqa: F401  (its pages join the blueprint)
    from .views import assets, blueprint

    return [PortalBlueprint(blueprint), PortalBlueprint(assets, localized=False)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import (
        ResourceFileView,
        ResourceSectionView,
        ResourceView,
        StudyRequestView,
        ToReviewView,
    )
    from .admin_upload import ResourceUploadView

    def entry(view: type, name: str | None, label: Any = None, icon: str = "fa-book") -> AdminView:
        return AdminView(
            view, name, category="Ressources" if name else None, icon=icon, label=label,
            category_label=_l("Ressources"), roles=EDITORS,
        )  # fmt: skip

    return [
        entry(ResourceView, "Ressources", _l("Ressources")),
        entry(ToReviewView, "À relire", _l("À relire"), "fa-clock"),
        entry(StudyRequestView, "Demandes d'études", _l("Demandes d'études"), "fa-inbox"),
        entry(ResourceSectionView, None),
        entry(ResourceFileView, None),
        entry(ResourceUploadView, None),
    ]


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission(
            "can_index",
            "AdminIndexView",
            "Content managers open the back office.",
            ("ContentManager",),
        )
    ]


@hookimpl
def register_access_rules() -> list[AccessRule]:
    from .access import may_download, may_read

    return [
        AccessRule("Resource", "read", may_read, "Public, members, verified, roles; editors."),
        AccessRule("Resource", "download", may_download, "The item's download level."),
    ]


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    """Documents follow their item's download level, previews its page level;
    images of rich text are public."""
    from .access import may_download, may_read
    from .files import IMAGE_PURPOSE, PREVIEW_PURPOSE, PURPOSE, file_by_key

    if file.purpose == IMAGE_PURPOSE:
        return True
    if file.purpose not in (PURPOSE, PREVIEW_PURPOSE):
        return None
    row = file_by_key(file.key)
    if row is None:
        return False
    if file.purpose == PREVIEW_PURPOSE:
        return may_read(member, row.resource)
    return may_download(member, row.resource)


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from .search import documents, hit, hits

    return [SearchDocType("resources", _l("Ressource"), documents, hit, hits)]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .tasks import publish_scheduled, remind_reviews

    return [
        ScheduledTask("resources-publish", publish_scheduled, {"minute": "*/10"}),
        ScheduledTask("resources-review", remind_reviews, {"hour": "6", "minute": "30"}),
    ]


@hookimpl
def register_notification_types() -> list[NotificationType]:
    from .notifications import notification_types

    return notification_types()


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def register_commands() -> list[CliGroup]:
    from .commands import app

    return [CliGroup("resources", app, help="Centre de ressources.")]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Ressources"), "resources.index", order=30)]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .recommend import widget

    return widget()


@hookimpl(optionalhook=True)
def assessment_recommendations(result: Any) -> list[Any]:
    """Answer the assessment plugin's question (declared by it, never imported;
    optional: without the assessment plugin there is no such hook)."""
    from .recommend import for_assessment

    return for_assessment(result)


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    from .services import published

    entries = [SitemapEntry("resources.index")]
    return entries + [
        SitemapEntry("resources.show", {"slug": i.slug})
        for i in published()
        if i.access == "public"
    ]


@hookimpl
def demo_data(password: str | None) -> int:
    """``tremplin demo`` (and ``make run``) seed the country sheets, guides and study
    (``tremplin resources demo`` does the same alone); loading twice adds nothing."""
    from .demo import load_demo_resources

    return load_demo_resources()


@hookimpl
def personal_data(user_id: int) -> PersonalData | None:
    from .studies import personal_records

    found = personal_records(user_id)
    return PersonalData("Demandes d'études", found) if found else None


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .studies import forget_member

    forget_member(user_id)
