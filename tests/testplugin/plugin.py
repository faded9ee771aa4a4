"""The test plugin's hook implementations: one of each hook in ``core/hookspecs.py``."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AccessRule,
    AdminView,
    Badge,
    CliGroup,
    Figure,
    FooterLink,
    HealthCheck,
    HelpLink,
    MenuItem,
    ModelSet,
    ModerationTarget,
    NotificationType,
    OnboardingStep,
    Permission,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    SearchHit,
    Setting,
    SettingsSection,
    SitemapEntry,
    SlotBlock,
    Widget,
    app_cache,
    hookimpl,
    rules,
    setting,
)

HERE = Path(__file__).resolve().parent
SMS_PREFIX = "+999"
SENT_SMS = app_cache("testplugin_sms")
HIDDEN_NOTES = app_cache(
    "testplugin_hidden_notes"
)  # notes hidden by moderators  # what this process "sent": dropped after each test
ERASED = app_cache("testplugin_erased")  # member_erased events received
# {company_id: state} answered by member_verification (tests fill it; dropped after each test)
VERIFIED = app_cache("testplugin_verified")


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "testplugin",
        "Test plugin (tests only).",
        (
            Setting("greeting", str, "Bonjour", "Greeting shown on the notebook page."),
            Setting("max_notes", int, 10, "Largest number of notes kept."),
            Setting("healthy", bool, True, "Whether the plugin's readiness check passes."),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import Note

    return ModelSet("testplugin", (Note,), HERE / "migrations" / "versions")


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from . import files  # noqa: F401  (its upload page joins the blueprint)
    from .views import blueprint

    return [PortalBlueprint(blueprint)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import TestpluginNoteView

    return [AdminView(TestpluginNoteView, "Notes de test", category="Test", roles=("Admin",))]


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission(
            "can_moderate", "TestpluginNote", "Moderate the test notes.", ("Admin", "Moderator")
        )
    ]


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from .services import search_documents

    return [SearchDocType("testplugin_note", _l("Note de test"), search_documents, _hit)]


def _hit(key: str, language: str) -> SearchHit | None:
    from flask import url_for

    from tremplin.core.api import db

    from .models import Note

    note = db.session.get(Note, int(key))
    if note is None:
        return None
    return SearchHit(note.text, url_for("testplugin.index", lang_code=language), "note")


def purge_notes() -> None:
    """Keep at most ``[testplugin] max_notes`` notes (the scheduled task)."""
    from tremplin.core.api import db

    from .services import all_notes

    for note in all_notes()[: -setting("testplugin", "max_notes")]:
        db.session.delete(note)
    db.session.commit()


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    return [ScheduledTask("testplugin-purge", purge_notes, {"hour": "2", "minute": "30"})]


@hookimpl
def register_commands() -> list[CliGroup]:
    from .commands import app

    return [CliGroup("testplugin", app, help="Carnet de notes du plugin de test.")]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


def _check() -> str | None:
    return None if setting("testplugin", "healthy") else "testplugin backend is down"


@hookimpl
def register_health_checks() -> list[HealthCheck]:
    return [HealthCheck("testplugin", _check)]


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Carnet de test"), "testplugin.index", order=70)]


@hookimpl
def footer_links() -> list[FooterLink]:
    return [FooterLink(_l("À propos du carnet de test"), "testplugin.index", order=5)]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .services import all_notes

    return [
        Widget(
            "testplugin",
            _l("Mes notes de test"),
            "testplugin/widget.html",
            {"count": len(all_notes())},
        )
    ]


@hookimpl
def onboarding_steps(member: Any) -> list[OnboardingStep]:
    from flask import url_for

    from .services import all_notes

    return [
        OnboardingStep(
            "testplugin.note",
            "Écrire une première note",
            bool(all_notes()),
            url_for("testplugin.index"),
        )
    ]


@hookimpl
def backoffice_figures() -> list[Figure]:
    from .services import all_notes

    return [Figure("testplugin.notes", "Notes de test", len(all_notes()), order=200)]


@hookimpl
def register_badges() -> list[Badge]:
    return [Badge("testplugin.writer", "Plume", "A écrit une note.", event="testplugin.note_saved")]


@hookimpl
def contextual_help(endpoint: str, lang: str, title: str) -> HelpLink | None:
    """The notebook's pages link to the notebook's own help (with the page's title)."""
    if not endpoint.startswith("testplugin."):
        return None
    from flask import url_for

    return HelpLink(url_for("testplugin.index", lang_code=lang) + "#help", f"Aide : {title}")


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("testplugin.index")]


@hookimpl
def app_ready(app: Flask) -> None:
    app.extensions["testplugin_ready"] = True


@hookimpl
def personal_data(user_id: int) -> PersonalData:
    from .services import notes_of

    return PersonalData(
        "testplugin notes", tuple({"id": n.id, "text": n.text} for n in notes_of(user_id))
    )


@hookimpl
def erase_personal_data(user_id: int) -> None:
    from .services import forget_author

    forget_author(user_id)


@hookimpl
def demo_data(password: str | None) -> int:
    """Demo notes: one, added once (loading twice adds nothing)."""
    from .services import add_demo_note

    return add_demo_note()


@hookimpl
def send_sms(number: str, text: str) -> bool | None:
    """Claims only the fake ``+999`` numbering plan; others are left to other gateways."""
    if not number.startswith(SMS_PREFIX):
        return None
    from flask import current_app

    current_app.extensions.setdefault(SENT_SMS, []).append((number, text))
    return True


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    """Its own page's slot gets a block from a template too (the listener adds others)."""
    if name != "testplugin.note.aside":
        return None
    return [SlotBlock(template="testplugin/aside.html", order=70, context={"mark": "★"})]


@hookimpl
def member_erased(user_id: int) -> None:
    from flask import current_app

    current_app.extensions.setdefault(ERASED, []).append(user_id)


@hookimpl
def register_access_rules() -> list[AccessRule]:
    return [
        AccessRule(
            "TestpluginNote",
            "read",
            rules.any_of(rules.owner("author_id"), rules.role("Moderator", "Admin")),
            "A note is read by its author and by moderators.",
        )
    ]


@hookimpl
def member_verification(company_id: int) -> str | None:
    from flask import current_app

    return current_app.extensions.get(VERIFIED, {}).get(company_id)  # type: ignore[no-any-return]


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    """Its attachments are read by their owner and by moderators; other files are
    not its business."""
    if not file.purpose.startswith("testplugin."):
        return None
    if member is None:
        return False
    return member.id == file.owner_id or bool({"Moderator", "Admin"} & set(member.roles))


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "testplugin.note_saved",
            _l("Note enregistrée"),
            _l("Votre note « %(text)s » est enregistrée."),
            default_channel="email",
        )
    ]


@hookimpl
def file_bytes(file: Any) -> bytes | None:
    """``testplugin.sealed`` files are stored reversed (a stand-in for encryption)."""
    if file.purpose != "testplugin.sealed":
        return None
    from tremplin.core.api import storage

    with storage.open(file) as stored:
        return stored.read()[::-1]


@hookimpl
def moderation_target(kind: str, object_id: str) -> ModerationTarget | None:
    """A reported note, shown as its text."""
    if kind != "testplugin.note" or not object_id.isdigit():
        return None
    from tremplin.core.api import db

    from .models import Note

    note = db.session.get(Note, int(object_id))
    if note is None:
        return None
    return ModerationTarget(f"Note {note.id}", html=note.text, author_id=note.author_id)


@hookimpl
def moderation_apply(kind: str, object_id: str, action: str) -> bool | None:
    """Hidden notes are remembered by this process (the plugin has no column for it)."""
    if kind != "testplugin.note":
        return None
    from flask import current_app

    hidden: set[str] = current_app.extensions.setdefault(HIDDEN_NOTES, set())
    if action == "hide":
        hidden.add(object_id)
    else:
        hidden.discard(object_id)
    return True
