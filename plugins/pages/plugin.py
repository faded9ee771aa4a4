"""The pages plugin's hook implementations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AdminView,
    FooterLink,
    MenuItem,
    ModelSet,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    SearchHit,
    Setting,
    SettingsSection,
    SitemapEntry,
    hookimpl,
    not_negative,
)

HERE = Path(__file__).resolve().parent


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "pages",
        "Static pages plugin (about, legal notices...).",
        (
            Setting(
                "contact_email",
                str,
                "contact@francophonie.org",
                "Address shown on the accessibility statement for feedback.",
            ),
            Setting(
                "cache_seconds",
                int,
                30,
                "How long each process keeps the published pages' links (menu, footer) "
                "before reading them again; changes made on the same server show at "
                "once. 0 reads them on every request.",
                check=not_negative,
            ),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import Page

    return ModelSet("pages", (Page,), HERE / "migrations" / "versions")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import blueprint

    return [PortalBlueprint(blueprint)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import PageModelView

    return [
        AdminView(
            PageModelView,
            "Pages",
            category="Contenu",
            icon="fa-file-lines",
            label=_l("Pages"),
            category_label=_l("Contenu"),
            roles=("Admin", "Moderator", "ContentManager"),
        )
    ]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .services import publish_scheduled

    return [ScheduledTask("pages-publish", publish_scheduled, {"minute": "*/5"})]


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from .services import search_documents

    return [SearchDocType("pages", _l("Page"), search_documents, _hit, _hits)]


def _hit(key: str, language: str) -> SearchHit | None:
    return _hits([key], language).get(key)


def _hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    """Hits from the published pages' snapshot the menu uses (no query of their
    own); a page unpublished since it was indexed drops out."""
    pages = {page.slug: page for page in _published()}
    found = {}
    for key in keys:
        slug, _, lang = key.partition(":")
        page = pages.get(slug)
        if page is not None:
            found[key] = SearchHit(
                page.title(lang),
                url_for("pages.show", slug=slug, lang_code=lang),
                page.summary(lang),
            )
    return found


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


def _published() -> list[Any]:
    """Published pages' links, from this process's snapshot (:mod:`.cache`); the
    menu, footer, sitemap and search hits share them."""
    from .cache import published_links

    try:
        return published_links()
    except Exception:
        from tremplin.core.api import db

        db.session.rollback()
        return []


@hookimpl
def footer_links() -> list[FooterLink]:
    lang = str(get_locale())
    return [
        FooterLink(p.title(lang), "pages.show", {"slug": p.slug}, p.position)
        for p in _published()
        if p.in_footer
    ]


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    lang = str(get_locale())
    return [
        MenuItem(p.title(lang), "pages.show", {"slug": p.slug}, order=80 + p.position)
        for p in _published()
        if p.in_menu
    ]


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("pages.show", {"slug": p.slug}) for p in _published()]
