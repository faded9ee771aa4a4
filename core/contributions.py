"""The small frozen dataclasses that hooks return; core does the wiring.

Plugins build these and never touch Flask, Flask-AppBuilder, Huey or Typer
registration themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Blueprint

from .settings import Setting, SettingsSection


@dataclass(frozen=True)
class PortalBlueprint:
    """A blueprint of portal pages. ``localized`` blueprints are mounted under
    ``/<lang>/`` (e.g. ``/fr/about``); others at their own ``url_prefix``."""

    blueprint: Blueprint
    localized: bool = True


@dataclass(frozen=True)
class ModelSet:
    """A plugin's tables and migrations.

    ``label`` is the Alembic branch label and the prefix of every table name;
    ``migrations`` is the folder holding the plugin's Alembic revisions.
    """

    label: str
    models: tuple[type, ...]
    migrations: Path


@dataclass(frozen=True)
class AdminView:
    """A Flask-AppBuilder view for the back office.

    ``view`` is a FAB view class (``ModelView``, ``BaseView``...). With ``name``
    set, it gets a menu entry in ``category``; without, it is registered without
    menu (e.g. a related view). ``roles`` get every permission of the view and
    its menu entry when roles are synchronised (Admin always has them).
    """

    view: type
    name: str | None = None
    category: str | None = None
    icon: str = "fa-file"
    label: str | None = None
    category_label: str | None = None
    roles: tuple[str, ...] = ("Admin",)


@dataclass(frozen=True)
class MenuItem:
    """A portal navigation link. ``endpoint`` + ``values`` are passed to ``url_for``."""

    label: str
    endpoint: str
    values: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100
    login_required: bool = False


@dataclass(frozen=True)
class FooterLink:
    """A link in the footer of every portal page (legal notices, accessibility...)."""

    label: str
    endpoint: str
    values: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class Widget:
    """A dashboard card: ``template`` is rendered with ``context`` inside the card.

    ``stages`` limits who sees it by default to members whose company is at one of
    these export stages (``first_time``, ``growing``, ``experienced``); empty: every
    member. Members can still show, hide and reorder every widget."""

    key: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class HelpLink:
    """The "Besoin d'aide ?" link shown near a portal page's heading: ``url`` (a help
    article, or the help centre's search) and ``label``, the link's text (e.g. the
    article's title)."""

    url: str
    label: str


@dataclass(frozen=True)
class Figure:
    """A number on the back office's home (activity and backlogs): ``value`` with its
    ``label``, optionally a ``hint`` and the back-office page that details it."""

    key: str
    label: str
    value: int | float | str
    url: str = ""
    hint: str = ""
    order: int = 100


@dataclass(frozen=True)
class OnboardingStep:
    """One item of a new member's checklist: ``done`` when the member did it, with the
    page that does it (``url``) and an optional one-line ``hint``."""

    key: str
    label: str
    done: bool
    url: str
    order: int = 100
    hint: str = ""


@dataclass(frozen=True)
class Badge:
    """A badge earned automatically, its rule given as data: the member has at least
    ``count`` activity records named ``event`` (``api.record``), whose data contain
    every pair of ``where``."""

    key: str
    label: str
    description: str
    event: str
    count: int = 1
    where: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchHit:
    """How a search result is shown: its title, link and a short excerpt."""

    title: str
    url: str
    excerpt: str = ""


@dataclass(frozen=True)
class SearchDocument:
    """One indexed document. ``key`` is unique within its type; ``language`` is
    ``fr`` or ``en`` (or empty for both); ``public`` documents show to visitors.

    ``facets`` are exact-value filter fields, by name, e.g.
    ``{"country": ("SN",), "markets": ("FR", "CA")}`` (names: lowercase letters,
    digits and ``_``). ``audience`` is who may find it: ``"public"``,
    ``"members"`` or ``"verified"``; empty means ``"public"`` when ``public``,
    else ``"members"``. ``updated`` orders the "recently updated" sort.
    """

    key: str
    title: str
    body: str
    language: str = ""
    public: bool = True
    tags: tuple[str, ...] = ()
    _: KW_ONLY
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    audience: str = ""
    updated: datetime | None = None

    @property
    def effective_audience(self) -> str:
        """The audience, with the empty default resolved from ``public``."""
        return self.audience or ("public" if self.public else "members")


@dataclass(frozen=True)
class SearchDocType:
    """A kind of searchable thing a plugin owns.

    ``documents()`` yields every :class:`SearchDocument` to index (called on
    rebuild); ``hit(key, language)`` returns the :class:`SearchHit` to display or
    ``None`` when the document is gone. A type with many hits per search should
    also give ``hits(keys, language)``: the hits of all those keys at once (a dict
    by key, gone documents left out), so one search page costs one query per type
    instead of one per result.
    """

    name: str
    label: str
    documents: Callable[[], Iterable[SearchDocument]]
    hit: Callable[[str, str], SearchHit | None]
    hits: Callable[[Sequence[str], str], Mapping[str, SearchHit]] | None = None

    def resolve(self, keys: Sequence[str], language: str) -> Mapping[str, SearchHit]:
        """The hits to display for ``keys`` (through ``hits`` when given)."""
        if self.hits is not None:
            return self.hits(keys, language)
        found = {key: self.hit(key, language) for key in keys}
        return {key: hit for key, hit in found.items() if hit is not None}


@dataclass(frozen=True)
class Permission:
    """A permission on a resource, granted by default to the roles named."""

    action: str
    resource: str
    description: str
    roles: tuple[str, ...] = ("Admin",)


@dataclass(frozen=True)
class ScheduledTask:
    """A periodic Huey task. ``schedule`` takes crontab fields, e.g.
    ``{"hour": "3", "minute": "0"}``; ``func`` takes no argument."""

    name: str
    func: Callable[[], Any]
    schedule: Mapping[str, str]


@dataclass(frozen=True)
class CliGroup:
    """A Typer application mounted as ``tremplin <name> ...``."""

    name: str
    app: Any
    help: str = ""


@dataclass(frozen=True)
class HealthCheck:
    """A readiness probe: ``check()`` returns ``None`` when fine, else a reason."""

    name: str
    check: Callable[[], str | None]


@dataclass(frozen=True)
class PersonalData:
    """A plugin's share of a member's data export (GDPR right of access)."""

    label: str
    records: tuple[Mapping[str, Any], ...]
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class SitemapEntry:
    """A public page for ``/sitemap.xml``, listed once per language."""

    endpoint: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SlotBlock:
    """A block that a plugin puts into a named template slot of another page.

    Give either ``template`` (rendered with the slot's context, then ``context``)
    or ``html`` (already safe ``Markup``). Blocks are shown by ascending ``order``.
    """

    template: str | None = None
    html: Any = None
    order: int = 50
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AccessRule:
    """Who may do ``action`` on one object of ``resource`` (object-level access).

    ``check(member, obj)`` gets the :class:`~tremplin.core.members.services.Member`
    (``None`` for a visitor) and the object, and says whether this rule allows; build
    it with ``api.rules`` (``owner()``, ``role("Moderator")``, ``any_of(...)``...).
    ``api.can(action, resource, obj=...)`` allows when any rule registered for the
    pair allows, and refuses when none is registered.
    """

    resource: str
    action: str
    check: Callable[[Any, Any], bool]
    description: str = ""


NOTIFICATION_CHANNELS = ("platform", "email", "digest", "off")


@dataclass(frozen=True)
class NotificationType:
    """A kind of notification a plugin sends with ``api.notify(user, name, **context)``.

    ``label`` names it on the member's preferences page; ``message`` is the text shown
    in the notification centre and used as the e-mail subject, a French msgid
    (``lazy_gettext``) with ``%(key)s`` placeholders filled from the context.
    ``default_channel`` is used until the member chooses: ``"platform"`` (the centre
    only), ``"email"`` (at once), ``"digest"`` (one e-mail a day) or ``"off"``.
    ``email_template`` optionally names a text template for the e-mail body (an
    ``.html`` twin next to it is used for the HTML part); by default the message and
    the link are sent.
    """

    name: str
    label: Any
    message: Any
    default_channel: str = "platform"
    email_template: str | None = None

    def __post_init__(self) -> None:
        if self.default_channel not in NOTIFICATION_CHANNELS:
            raise ValueError(
                f"notification type {self.name!r}: default_channel must be one of "
                f"{', '.join(NOTIFICATION_CHANNELS)}"
            )


__all__ = [
    "AccessRule",
    "AdminView",
    "Badge",
    "CliGroup",
    "Figure",
    "FooterLink",
    "HealthCheck",
    "HelpLink",
    "MenuItem",
    "ModelSet",
    "NotificationType",
    "OnboardingStep",
    "Permission",
    "PersonalData",
    "PortalBlueprint",
    "ScheduledTask",
    "SearchDocType",
    "SearchDocument",
    "SearchHit",
    "Setting",
    "SettingsSection",
    "SitemapEntry",
    "SlotBlock",
    "Widget",
]


@dataclass(frozen=True)
class ModerationTarget:
    """How a plugin shows a reported object in the moderation queue.

    Give either ``template`` (rendered with ``context`` inside the report page)
    or ``html`` (safe ``Markup``). ``author_id`` is who wrote the object.
    """

    title: str
    template: str | None = None
    html: Any = None
    context: Mapping[str, Any] = field(default_factory=dict)
    author_id: int | None = None
