"""Loading the signed-in member in one query, and a per-process permission cache.

Every request of a signed-in member needs the account, its roles (direct and
through groups), its security row (stamp, MFA), whether a time-boxed role grant
is due, and then, for each permission check, the permissions of those roles.
Flask-AppBuilder reads them with one query each, and one more per check.

:func:`load_member` reads all of it in one statement. Permission checks then use
:class:`PermissionCache`: the set of (permission, view) pairs of a set of roles,
kept per process and keyed by the **permission generation**, a value that database
triggers change whenever a role's permissions change (migration ``d4b8f1a2c3e5``),
read in the same statement as the member (the security manager's
``exist_permission_on_roles`` asks the cache). So a permission granted or withdrawn
from the back office, the CLI, another web server or plain SQL is honoured from
the next request on, on every server, without asking the database per check.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import has_request_context
from flask_appbuilder.security.sqla.models import Group, User
from flask_login import current_user
from sqlalchemy import BigInteger, Integer, bindparam, exists, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column

from ..extensions import db

STATE = "_tremplin_access"  # attribute set on the loaded user object


class PermissionGeneration(db.Model):  # type: ignore[name-defined]
    """One row; triggers give ``value`` a new random value at every change of the
    role-permission tables (random, not a counter, so that a restored older database
    cannot come back to a value a running process has seen with other contents)."""

    __tablename__ = "core_permission_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


@dataclass(frozen=True)
class AccessState:
    """What :func:`load_member` learnt besides the member (for this request only)."""

    generation: int | None
    grants_due: bool
    # Held so that the row stays in the session's (weak) identity map for the
    # request: the stamp and MFA checks then find it without a query.
    security: Any = None
    # The member's profile and company rows, read in the same statement
    # (``profile_loaded`` tells "no profile" from "not read"): see core/members.
    profile: Any = None
    company: Any = None
    profile_loaded: bool = False


def load_member(user_id: int) -> Any | None:
    """The account with its roles, groups, security row, profile and company, in one
    query; ``None`` when it does not exist. Its :func:`access_state` is set for this
    request."""
    from ..accounts.sessions.store import utcnow

    row = (
        db.session.execute(_member_statement(), {"user_id": user_id, "now": utcnow()})
        .unique()
        .first()
    )
    if row is None:
        return None
    user = row[0]
    setattr(user, STATE, AccessState(row.generation, bool(row.due), row[1], row[2], row[3], True))
    return user


@functools.cache
def _member_statement() -> Any:
    """Built once: the statement and its cache key are reused by every request."""
    from ..accounts.role_grants.models import RoleGrant
    from ..accounts.role_grants.services import due_condition
    from ..accounts.shared.models import UserSecurity
    from ..members.models import Company, Profile

    due = exists().where(RoleGrant.user_id == User.id, due_condition(bindparam("now")))
    generation = (
        select(PermissionGeneration.value).where(PermissionGeneration.id == 1).scalar_subquery()
    )
    groups = User.groups  # a backref: defined once the mappers are configured
    return (
        select(
            User,
            UserSecurity,
            Profile,
            Company,
            due.label("due"),
            generation.label("generation"),
        )
        .outerjoin(UserSecurity, UserSecurity.user_id == User.id)
        .outerjoin(Profile, Profile.user_id == User.id)
        .outerjoin(Company, Company.id == Profile.company_id)
        .options(joinedload(User.roles), joinedload(groups).joinedload(Group.roles))
        .where(User.id == bindparam("user_id"))
    )


def access_state(user: Any) -> AccessState | None:
    """What the loader learnt about ``user`` in this request, if it loaded it."""
    state = getattr(user, STATE, None)
    return state if isinstance(state, AccessState) else None


def request_generation() -> int | None:
    """The permission generation read with this request's signed-in member, or
    ``None`` (visitor, API token, member not loaded by :func:`load_member`)."""
    if not has_request_context():
        return None
    state = access_state(current_user._get_current_object())
    return state.generation if state is not None else None


class PermissionCache:
    """(permission, view) pairs per set of roles, for one permission generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._pairs: dict[tuple[int, ...], frozenset[tuple[str, str]]] = {}

    def pairs(
        self,
        generation: int,
        role_ids: tuple[int, ...],
        read: Callable[[tuple[int, ...]], frozenset[tuple[str, str]]],
    ) -> frozenset[tuple[str, str]]:
        """The pairs of ``role_ids``, from ``read(role_ids)`` on a miss."""
        with self._lock:
            if generation != self._generation:
                self._generation, self._pairs = generation, {}
            found = self._pairs.get(role_ids)
        if found is None:
            found = read(role_ids)
            with self._lock:
                if generation == self._generation:
                    self._pairs[role_ids] = found
        return found
