"""The support plugin's hook implementations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import (
    AdminView,
    CliGroup,
    Figure,
    FooterLink,
    HelpLink,
    MenuItem,
    ModelSet,
    NotificationType,
    PersonalData,
    PortalBlueprint,
    ScheduledTask,
    SearchDocType,
    Setting,
    SettingsSection,
    SitemapEntry,
    Widget,
    hookimpl,
    positive,
)

HERE = Path(__file__).resolve().parent
AGENT_ROLES = ("Admin", "Moderator", "SupportAgent")


@hookimpl
def register_settings() -> SettingsSection:
    return SettingsSection(
        "support",
        "Support desk: service levels of members' requests.",
        (
            Setting(
                "first_response_hours",
                int,
                24,
                "Hours within which a request gets its first answer (SLA).",
                check=positive,
            ),
            Setting(
                "resolution_hours",
                int,
                72,
                "Hours within which a request is resolved (SLA).",
                check=positive,
            ),
        ),
    )


@hookimpl
def register_models() -> ModelSet:
    from .models import CannedAnswer, HelpArticle, Ticket, TicketMessage

    return ModelSet(
        "support",
        (Ticket, TicketMessage, CannedAnswer, HelpArticle),
        HERE / "migrations" / "versions",
    )


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    from .views import blueprint

    return [PortalBlueprint(blueprint)]


@hookimpl
def register_admin_views() -> list[AdminView]:
    from .admin import CannedAnswerView, HelpArticleView, SupportQueueView

    common = {"category": "Support", "category_label": _l("Assistance"), "roles": AGENT_ROLES}
    return [
        AdminView(
            SupportQueueView, "SupportQueue", icon="fa-life-ring", label=_l("Demandes"), **common
        ),
        AdminView(
            CannedAnswerView,
            "CannedAnswers",
            icon="fa-comment",
            label=_l("Réponses types"),
            **common,
        ),
        AdminView(
            HelpArticleView,
            "HelpArticles",
            icon="fa-circle-question",
            label=_l("Aide en ligne"),
            **common,
        ),
    ]


@hookimpl
def register_notification_types() -> list[NotificationType]:
    return [
        NotificationType(
            "support.reply",
            _l("Réponse à une demande d’assistance"),
            _l("L’assistance a répondu à votre demande « %(subject)s »."),
            default_channel="email",
        ),
        NotificationType(
            "support.status",
            _l("Suivi d’une demande d’assistance"),
            _l("Votre demande « %(subject)s » a changé de statut."),
        ),
        NotificationType(
            "support.overdue",
            _l("Demande en retard (agents)"),
            _l("La demande n° %(ticket)s « %(subject)s » a dépassé son délai."),
            default_channel="email",
        ),
    ]


@hookimpl
def register_search_types() -> list[SearchDocType]:
    from . import knowledge

    return [
        SearchDocType(
            knowledge.TYPE,
            _l("Aide en ligne"),
            knowledge.search_documents,
            knowledge.hit,
            knowledge.hits,
        )
    ]


@hookimpl
def register_scheduled_tasks() -> list[ScheduledTask]:
    from .services import scheduled_alert_overdue

    return [ScheduledTask("support-overdue", scheduled_alert_overdue, {"minute": "*/30"})]


@hookimpl
def register_commands() -> list[CliGroup]:
    from .commands import app

    return [CliGroup("support", app, help="Aide en ligne et assistance.")]


@hookimpl
def register_translations() -> str:
    return str(HERE / "translations")


@hookimpl
def menu_items(user: Any) -> list[MenuItem]:
    return [MenuItem(_l("Aide"), "support.index", order=85)]


@hookimpl
def footer_links() -> list[FooterLink]:
    return [
        FooterLink(_l("Signaler un problème d’accessibilité"), "support.accessibility", order=60)
    ]


@hookimpl
def contextual_help(endpoint: str, lang: str, title: str) -> HelpLink | None:
    """Every portal page links to the knowledge-base article that explains it."""
    from .contextual import help_link

    return help_link(endpoint, lang, title)


@hookimpl
def demo_data(password: str | None) -> int:
    """The default guides of the knowledge base (one per area of the platform)."""
    from .help_content import load_guides

    return load_guides()


@hookimpl
def sitemap_entries() -> list[SitemapEntry]:
    return [SitemapEntry("support.index")]


@hookimpl
def dashboard_widgets(user: Any) -> list[Widget]:
    from .services import tickets_of

    mine = [t for t in tickets_of(user.id) if t.status != "closed"]
    return [
        Widget(
            "support",
            _l("Mes demandes d’assistance"),
            "support/widget.html",
            {"tickets": mine[:3], "count": len(mine)},
            order=80,
        )
    ]


@hookimpl
def backoffice_figures() -> list[Figure]:
    from flask import url_for
    from flask_babel import gettext as _

    from .services import queue

    waiting = queue()
    late = [t for t in waiting if t.overdue()]
    link = url_for("SupportQueueView.queue")
    return [
        Figure("support.open", _("Demandes d’assistance ouvertes"), len(waiting), link, order=40),
        Figure(
            "support.overdue",
            _("Demandes d’assistance en retard"),
            len(late),
            link + "?overdue=1",
            hint=_("au-delà du délai de réponse ou de résolution"),
            order=41,
        ),
    ]


@hookimpl(optionalhook=True)
def kpis_support_resolution(start: Any, end: Any) -> dict[str, int]:
    """Answers the KPI plugin's hook (by name: the support plugin never imports it)."""
    from datetime import datetime, time, timedelta

    from .services import figures

    found = figures(
        datetime.combine(start, time()), datetime.combine(end, time()) + timedelta(days=1)
    )
    return {"tickets": found.resolved, "first_contact": found.first_contact}


@hookimpl
def file_access(file: Any, member: Any) -> bool | None:
    if file.purpose != "support.attachment":
        return None
    if member is None:
        return False
    if member.has_role(*AGENT_ROLES):
        return True
    return bool(member.id == file.owner_id)


@hookimpl
def personal_data(user_id: int) -> PersonalData:
    from .services import tickets_of

    records = tuple(
        {
            "ticket": t.id,
            "category": t.category,
            "subject": t.subject,
            "status": t.status,
            "created_at": t.created_at.isoformat(),
            "messages": [
                {"at": m.created_at.isoformat(), "from_support": m.from_agent, "text": m.body}
                for m in t.messages
                if not m.internal
            ],
            "satisfaction": t.satisfaction,
        }
        for t in tickets_of(user_id)
    )
    return PersonalData("Support requests", records)


@hookimpl
def erase_personal_data(user_id: int) -> None:
    """A member's requests go with them (agents' answers included: they only made
    sense with the request); KPIs keep the anonymous activity records."""
    from tremplin.core.api import db

    from .services import tickets_of

    for ticket in tickets_of(user_id):
        db.session.delete(ticket)
