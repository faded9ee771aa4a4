"""Every hook a Tremplin plugin can implement.

Naming follows Datasette: ``register_*`` hooks are called once at start-up and
declare things; plain nouns (``menu_items``, ``dashboard_widgets``...) are
called per request and return what to show; the rest are events.
Hooks return the frozen dataclasses of :mod:`tremplin.core.contributions`
(or lists of them); core does all the wiring. ``docs/plugins.md`` is generated
from these docstrings (``tremplin plugins docs``).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from .events import eventspec

if TYPE_CHECKING:
    from flask import Flask

    from .contributions import (
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
        SitemapEntry,
        SlotBlock,
        Widget,
    )
    from .settings import SettingsSection
    from .storage.models import StoredFile

hookspec = pluggy.HookspecMarker("tremplin")


# --- Declared once, at start-up -------------------------------------------------


@hookspec
def register_settings() -> SettingsSection | None:
    """Declare the plugin's configuration section.

    Called while the configuration is loaded, before the app exists. Return a
    ``SettingsSection`` whose ``name`` is the TOML table (by convention the
    plugin's name); its keys are validated like core's, get their defaults, can
    be overridden by ``TREMPLIN_<SECTION>__<KEY>`` and appear in
    ``config.example.toml``. Read the values with ``api.setting(section, key)``.
    """


@hookspec
def register_models() -> ModelSet | None:
    """Declare the plugin's tables and where its Alembic revisions live.

    Called when the app is built and by ``tremplin db ...``. Return a
    ``ModelSet(label, models, migrations)``: ``label`` is the branch label and
    the prefix of every table, ``models`` the mapped classes (subclasses of
    ``api.Model``), ``migrations`` the folder of revisions. Each plugin gets its own
    version table (``alembic_version_<label>``) and is upgraded after core.
    """


@hookspec
def register_blueprints() -> list[PortalBlueprint]:
    """Contribute portal pages.

    Called once when the app is built. Return ``PortalBlueprint`` objects;
    localized ones are mounted under ``/<lang>/`` so that every page exists in
    each configured language. Templates should extend ``"portal/base.html"``.
    """


@hookspec
def register_admin_views() -> list[AdminView]:
    """Contribute Flask-AppBuilder back-office views and their menu entries.

    Called once after Flask-AppBuilder is initialised. Return ``AdminView``
    objects wrapping FAB view classes; core sets their URL under ``/admin/``
    and adds them to the menu. Their permissions join the role matrix.
    """


@hookspec
def register_permissions() -> list[Permission]:
    """Declare permissions that are not tied to a back-office view.

    Called when roles are synchronised (``tremplin db upgrade``). Return
    ``Permission(action, resource, description, roles)``; the named roles get it
    by default. Check them in code with ``api.can(action, resource)``.
    """


@hookspec
def register_search_types() -> list[SearchDocType]:
    """Declare what the plugin puts in the full-text index and how hits look.

    Called when the search service starts and on ``tremplin search reindex``.
    Return ``SearchDocType(name, label, documents, hit)``. Call
    ``api.index_document(type_name, doc)`` when one document changes.
    """


@hookspec
def register_scheduled_tasks() -> list[ScheduledTask]:
    """Declare periodic background tasks.

    Called when the task queue is set up. Return ``ScheduledTask(name, func,
    schedule)``; ``tremplin worker`` runs them on their crontab schedule inside
    an application context.
    """


@hookspec
def register_commands() -> list[CliGroup]:
    """Contribute sub-commands to the ``tremplin`` command line.

    Called when the CLI starts. Return ``CliGroup(name, app)`` where ``app`` is
    a ``typer.Typer``; it becomes ``tremplin <name> ...``. Commands run inside
    an application context.
    """


@hookspec
def register_translations() -> str | None:
    """Return the path of the plugin's ``translations`` folder (gettext catalogues).

    Called once when Flask-Babel is set up; the catalogues merge with core's.
    """


@hookspec
def register_health_checks() -> list[HealthCheck]:
    """Contribute readiness checks to ``/readyz`` and ``tremplin check``.

    Return ``HealthCheck(name, check)``; ``check()`` returns ``None`` when the
    dependency answers, else a short reason.
    """


@hookspec
def register_hookspecs() -> ModuleType | None:
    """Return a module of hook specifications that this plugin owns.

    Use it for the plugin's own events (``member_verified`` in the verification
    plugin); other plugins implement them as optional hooks, never importing
    each other. Called once, right after every plugin is registered.
    """


# --- Called per request ---------------------------------------------------------


@hookspec
def menu_items(user: Any) -> list[MenuItem]:
    """Links of the portal's main navigation for this visitor.

    Called on every portal page; ``user`` is the signed-in user or an anonymous
    user (``user.is_authenticated`` tells). Items are sorted by ``order``.
    """


@hookspec
def footer_links() -> list[FooterLink]:
    """Links of the portal's footer (legal notices, accessibility, privacy...)."""


@hookspec
def dashboard_widgets(user: Any) -> list[Widget]:
    """Cards of the signed-in member's dashboard.

    Called when ``/<lang>/dashboard`` renders; return an empty list for members
    the plugin has nothing to show. Cards are sorted by ``order``, then each member
    may reorder and hide them (their choice wins); ``Widget.stages`` shows a card by
    default only to members at those export stages (a first-time exporter's first
    steps, an experienced exporter's opportunities).
    """


@hookspec
def backoffice_figures() -> list[Figure]:
    """Figures for the back office's home, the administrators' activity report: new
    members, verification backlog, pending reports, support backlog... Called when
    staff open ``/admin/``; keep each one to a cheap count query.
    """


@hookspec
def onboarding_steps(member: Any) -> list[OnboardingStep]:
    """Items of a new member's checklist (complete the profile, submit documents,
    take the assessment, join an event...), each telling whether ``member`` (a
    ``Member``) did it. The dashboard shows the checklist with its progress until
    every step is done. Keep it cheap: called on each dashboard view.
    """


@hookspec
def register_badges() -> list[Badge]:
    """Badges earned automatically from activity, declared as data:
    ``Badge(key, label, description, event="assessment.completed", count=1)``.
    They are awarded when the activity is recorded (same transaction) and by an
    hourly task for everyone; a badge once earned stays. ``key`` is unique across
    plugins (prefix it).
    """


@hookspec(firstresult=True)
def contextual_help(endpoint: str, lang: str, title: str) -> HelpLink | None:
    """The help link of a portal page (spec 7.1.6: contextual help on every form).

    Called once per portal page, with the page's ``endpoint`` (e.g.
    ``"directory.edit_company"``), its language and its title (plain text). The help
    plugin returns a ``HelpLink`` to the article that explains the page (or to its
    search, pre-filled with the title); ``None`` shows no link. ``portal/base.html``
    shows it as "Besoin d'aide ?" next to the page's heading. Keep it cheap (no query
    per page: cache what you read).
    """


@hookspec
def sitemap_entries() -> list[SitemapEntry]:
    """Public pages for ``/sitemap.xml``; each is listed in every language."""


# --- Events ---------------------------------------------------------------------


@hookspec
def app_ready(app: Flask) -> None:
    """The application is fully built. Connect signals or warm caches here."""


@hookspec
def personal_data(user_id: int) -> PersonalData | None:
    """The plugin's data about one member, for their GDPR export."""


@hookspec
def erase_personal_data(user_id: int) -> None:
    """Erase or anonymise what the plugin holds about a member who is deleted.

    Keep what other members need (e.g. a message thread), without the person.
    """


@hookspec
def demo_data(password: str | None) -> int | None:
    """Add the plugin's demonstration data (development only, never in production).

    Called by ``tremplin demo`` and ``tremplin init --demo`` after core's demo
    companies and personas exist (their accounts only when ``password`` is given).
    Loading twice must add nothing. Return how many records were added.
    """


@hookspec(firstresult=True)
def send_sms(number: str, text: str) -> bool | None:
    """Deliver an SMS through a gateway; the first plugin that returns a
    result wins. Return ``True`` when sent, ``False`` when it failed, ``None``
    to let another plugin try. Core's development gateway logs the message."""


# --- Template slots and platform events -------------------------------------------


@hookspec
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    """Blocks for the named slot of a page, rendered by ``{{ slot(name, **context) }}``.

    Called each time a template renders the slot; ``context`` holds what the page
    passed (``{{ slot("company_profile.aside", company=c) }}`` gives
    ``context["company"]``). Return ``SlotBlock`` objects for slots you fill and
    ``None`` for the others; blocks of every plugin are rendered in ``order``,
    autoescaped. A slot nobody fills renders nothing.
    """


@eventspec
def member_erased(user_id: int) -> None:
    """A member's account was erased (GDPR), after every ``erase_personal_data`` ran.

    Delivered after the erasure is committed; ``user_id`` no longer names anyone.
    """


# --- Members and access ---------------------------------------------------------


@hookspec
def register_access_rules() -> list[AccessRule]:
    """Object-level access rules: who may do an action on one object of a resource.

    ``api.can(action, resource, obj=...)`` and ``api.require(action, resource,
    load=...)`` allow when any rule registered for (resource, action) allows;
    with no rule registered for the pair, everyone is refused. Build checks with
    ``api.rules``: ``owner()``, ``participant(fn)``, ``verified_member()``,
    ``role(*names)``, ``granted(expiry)``, ``signed_in()``, ``anyone()``,
    ``any_of(...)``, ``all_of(...)``. Called once, at the first check.
    """


@hookspec(firstresult=True)
def member_verification(company_id: int) -> str | None:
    """The verification state of a company (e.g. ``"pending"``, ``"verified"``),
    shown on every ``Member`` of that company and used by ``rules.verified_member()``.

    The first plugin that answers wins (the directory and verification plugin);
    ``None`` lets another answer; with no answer the state is ``"unverified"``.
    Called once per request for the signed-in member and once per company in
    ``api.members()``: keep it cheap (cache per request if it queries).
    """


# --- File storage ----------------------------------------------------------------


@hookspec
def file_access(file: StoredFile, member: Any) -> bool | None:
    """May ``member`` (a ``Member``, or ``None`` for a visitor) read this stored file?

    Called on each request of ``/files/<key>`` without a signed link. The plugin that
    stored the file answers for its own ``file.purpose`` (``"<plugin>.<what>"``) with
    ``True`` or ``False`` and returns ``None`` for the others. The file is served when
    some plugin says ``True`` and none says ``False``; otherwise the answer is 404.
    """


@hookspec(firstresult=True)
def file_bytes(file: StoredFile) -> bytes | None:
    """The clear bytes of a file the plugin stored sealed (``storage.save(...,
    seal=...)``), e.g. decrypted with its own keys.

    Called when ``/files/<key>`` serves a file that some plugin let the member
    read. Answer for your own ``file.purpose`` and ``None`` for the others; with
    no answer the stored bytes are sent as they are.
    """


# --- Moderation -------------------------------------------------------------------


@hookspec(firstresult=True)
def moderation_target(kind: str, object_id: str) -> ModerationTarget | None:
    """How the reported object ``(kind, object_id)`` shows in the moderation queue.

    Called when a moderator opens a report filed with ``api.report(kind, ...)``.
    The plugin that owns ``kind`` (``"<plugin>.<what>"``) returns a
    ``ModerationTarget`` (a template and its context, e.g. the reported message
    with the conversation around it) and ``None`` for other kinds.
    """


@hookspec(firstresult=True)
def moderation_apply(kind: str, object_id: str, action: str) -> bool | None:
    """Apply a moderator's ``action`` (``"hide"`` or ``"restore"``) to a reported object.

    The plugin that owns ``kind`` applies it in the current transaction (core
    commits and audits) and returns ``True``; ``None`` for other kinds. A hidden
    object stays in the database and can be restored.
    """


# --- Notifications ----------------------------------------------------------------


@hookspec
def register_notification_types() -> list[NotificationType]:
    """Declare the kinds of notification the plugin sends.

    Called once, at the first notification. Return
    ``NotificationType(name, label, message, default_channel)``; ``name`` is unique
    across plugins (prefix it with the plugin's name). Send with
    ``api.notify(user, name, **context)`` inside the transaction of the change: the
    notification and its e-mail are stored with it and delivered after commit,
    exactly once, even if the mail server or the worker was down. Members choose per
    type: in the platform, e-mail at once, daily digest, or off.
    """
