"""Who may read an item's page and who may download its files.

Each item has two levels, ``access`` (the page: summary, body, preview of the first
pages) and ``download_access`` (the files): ``public``, ``members`` (signed in),
``verified`` (a member of a verified company) or ``roles`` (members holding one of
``access_roles``, e.g. the participants of a mission). Editors (Admin, Moderator,
ContentManager) see everything, drafts included; readers see published items only.
"""

from __future__ import annotations

from typing import Any

from .models import Resource

EDITOR_ROLES = ("Admin", "Moderator", "ContentManager")
LEVEL_RANK = {"public": 0, "members": 1, "verified": 2, "roles": 3}


def is_editor(member: Any) -> bool:
    return member is not None and bool(set(EDITOR_ROLES) & set(member.roles))


def meets(level: str, member: Any, roles: list[str]) -> bool:
    """Whether ``member`` (a ``Member`` or ``None``) meets one access level."""
    if level == "public":
        return True
    if member is None:
        return False
    if level == "members":
        return True
    if level == "verified":
        return bool(member.is_verified)
    if level == "roles":
        return bool(set(roles) & set(member.roles))
    return False


def may_read(member: Any, item: Resource | None) -> bool:
    """The item's page (summary, body, first pages of a study)."""
    if item is None:
        return False
    if is_editor(member):
        return True
    return item.state == "published" and meets(item.access, member, item.listed("access_roles"))


def may_download(member: Any, item: Resource | None) -> bool:
    """The item's files: the page's level and the download level, whichever is stricter."""
    if not may_read(member, item) or item is None:
        return False
    if is_editor(member):
        return True
    return meets(item.download_access, member, item.listed("access_roles"))


def search_audience(item: Resource) -> str:
    """The core search audience an item is indexed under (``public``/``members``/
    ``verified``); role-restricted items are indexed for verified members and
    filtered again when shown."""
    if item.access == "public":
        return "public"
    if item.access == "members":
        return "members"
    return "verified"
