"""Object-level access rules: the builders plugins use and the app's rule registry.

A rule's check is ``check(member, obj) -> bool``, ``member`` being a
:class:`~tremplin.core.members.services.Member` or ``None`` for a visitor. Plugins
return :class:`~tremplin.core.contributions.AccessRule` values from the
``register_access_rules`` hook, e.g.::

    AccessRule("Note", "read", rules.any_of(rules.owner("author_id"), rules.role("Moderator")))

:func:`allowed` answers for (resource, action): some rule allows; no rule, no access.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app

from ..contributions import AccessRule
from ..plugins import flatten

Check = Callable[[Any, Any], bool]
REGISTRY = "tremplin_access_rules"  # app.extensions key: {(resource, action): [AccessRule]}


def _described(check: Check, description: str) -> Check:
    check.description = description  # type: ignore[attr-defined]
    return check


def anyone() -> Check:
    """Everyone, visitors included."""
    return _described(lambda member, obj: True, "anyone")


def signed_in() -> Check:
    """Any signed-in member."""
    return _described(lambda member, obj: member is not None, "signed in")


def owner(attr: str = "user_id") -> Check:
    """The member whose id is ``obj.<attr>``."""

    def check(member: Any, obj: Any) -> bool:
        value = getattr(obj, attr, None)
        return member is not None and value is not None and value == member.id

    return _described(check, f"owner ({attr})")


def participant(is_participant: Callable[[Any, Any], bool]) -> Check:
    """A signed-in member for whom ``is_participant(member, obj)`` is true."""

    def check(member: Any, obj: Any) -> bool:
        return member is not None and bool(is_participant(member, obj))

    return _described(check, "participant")


def verified_member() -> Check:
    """A member whose company is verified (``member_verification`` hook)."""
    return _described(
        lambda member, obj: member is not None and member.verification == "verified",
        "verified member",
    )


def role(*names: str) -> Check:
    """A member holding one of the roles ``names``."""
    wanted = frozenset(names)

    def check(member: Any, obj: Any) -> bool:
        return member is not None and bool(wanted & set(member.roles))

    return _described(check, "role " + " or ".join(sorted(wanted)))


def _now_like(moment: datetime) -> datetime:
    now = datetime.now(UTC)
    return now if moment.tzinfo is not None else now.replace(tzinfo=None)


def granted(
    expiry: Callable[[Any, Any], datetime | None],
    starts: Callable[[Any, Any], datetime | None] | None = None,
) -> Check:
    """A time-boxed grant: allowed while ``expiry(member, obj)`` is in the future
    (and, with ``starts``, once ``starts(member, obj)`` has come). ``None`` means
    "no grant". Naive datetimes are read as UTC, like ``core_role_grant``."""

    def check(member: Any, obj: Any) -> bool:
        if member is None:
            return False
        ends = expiry(member, obj)
        if ends is None or ends <= _now_like(ends):
            return False
        begins = starts(member, obj) if starts is not None else None
        return begins is None or begins <= _now_like(begins)

    return _described(check, "time-boxed grant")


def any_of(*checks: Check) -> Check:
    """Allowed when one of ``checks`` allows (none given: refused)."""
    return _described(
        lambda member, obj: any(c(member, obj) for c in checks),
        "any of (" + ", ".join(describe(c) for c in checks) + ")",
    )


def all_of(*checks: Check) -> Check:
    """Allowed when every one of ``checks`` allows (none given: refused)."""
    return _described(
        lambda member, obj: bool(checks) and all(c(member, obj) for c in checks),
        "all of (" + ", ".join(describe(c) for c in checks) + ")",
    )


def describe(check: Check) -> str:
    return str(getattr(check, "description", getattr(check, "__name__", "check")))


def registered_rules(app: Flask | None = None) -> dict[tuple[str, str], list[AccessRule]]:
    """Every rule the plugins register, by (resource, action); collected once per app."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get(REGISTRY)
    if found is None:
        found = {}
        for rule in flatten(app.extensions["tremplin"].pm.hook.register_access_rules()):
            if not isinstance(rule, AccessRule):
                raise TypeError(f"register_access_rules returned {rule!r}, not an AccessRule")
            found.setdefault((rule.resource, rule.action), []).append(rule)
        app.extensions[REGISTRY] = found
    return found


def allowed(action: str, resource: str, obj: Any, member: Any) -> bool:
    """Whether some rule registered for (resource, action) allows ``member`` on ``obj``."""
    rules = registered_rules().get((resource, action), [])
    return any(rule.check(member, obj) for rule in rules)


__all__ = [
    "all_of",
    "any_of",
    "anyone",
    "granted",
    "owner",
    "participant",
    "role",
    "signed_in",
    "verified_member",
]
