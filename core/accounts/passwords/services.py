"""Password hashing (argon2id) and the one way a password is set.

Every path that sets a password (portal change, reset, CLI, back office through
``TremplinSecurityManager``) ends in :func:`set_password` or :func:`hash_password`.
Hashes made by Werkzeug (FAB's default) or with older argon2 parameters keep
working and are upgraded at the next successful sign-in (:func:`verify_password`
says when). Passwords are NFKC-normalised before hashing, as NIST SP 800-63B
recommends, so the same password typed on two keyboards matches.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from werkzeug.security import check_password_hash

from ...extensions import db
from ..sessions.security_state import bump_stamp, security_for
from ..shared import events
from .policy import password_problems

log = logging.getLogger("tremplin.accounts")
WERKZEUG_PREFIXES = ("scrypt:", "pbkdf2:")


class PasswordRejected(ValueError):
    """The password breaks the policy; ``problems`` are translated sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hasher() -> PasswordHasher:
    """An argon2id hasher with the configured cost (cached per app)."""
    state = current_app.extensions["tremplin"]
    cached = getattr(state, "_password_hasher", None)
    if cached is None:
        config = state.config
        cached = PasswordHasher(
            time_cost=config.get("accounts", "password_hash_time_cost"),
            memory_cost=config.get("accounts", "password_hash_memory_kib"),
            parallelism=2,
        )
        state._password_hasher = cached
    return cached


def hash_password(password: str) -> str:
    return hasher().hash(normalise(password))


def verify_password(stored: str | None, password: str) -> tuple[bool, bool]:
    """``(matches, needs_rehash)`` for a stored hash; never raises."""
    if not stored or not password:
        return False, False
    if stored.startswith("$argon2"):
        try:
            hasher().verify(stored, normalise(password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False, False
        return True, hasher().check_needs_rehash(stored)
    if stored.startswith(WERKZEUG_PREFIXES):
        try:
            return check_password_hash(stored, password), True
        except ValueError:
            return False, False
    return False, False


def spend_verify_time(password: str) -> None:
    """Hash once for nothing, so unknown accounts take as long as known ones."""
    hasher().hash(normalise(password or "x"))


def user_inputs(user: Any) -> list[str]:
    """Words zxcvbn should treat as guessable for this user."""
    words = [getattr(user, name, "") or "" for name in ("username", "first_name", "last_name")]
    email = getattr(user, "email", "") or ""
    words += [email, email.split("@")[0]]
    words.append(current_app.config.get("TREMPLIN_SITE_NAME", "Tremplin"))
    return [w for w in words if w]


def set_password(user: Any, password: str, via: str, by: Any = None, enforce: bool = True) -> None:
    """Check the policy, store the new hash, end every other session of the account
    (new security stamp) and emit ``password_changed``. Commits."""
    if enforce:
        problems = password_problems(password, user_inputs(user))
        if problems:
            raise PasswordRejected(problems)
    user.password = hash_password(password)
    security = security_for(user.id)
    security.password_changed_at = datetime.now(UTC)
    bump_stamp(user.id)
    db.session.commit()
    log.info(
        "password changed", extra={"event": "auth.password_changed", "user_id": user.id, "via": via}
    )
    events.password_changed.send(events.sender(), user=user, via=via, by=getattr(by, "id", None))


def upgrade_hash(user: Any, password: str) -> None:
    """Re-hash after a successful sign-in with an outdated hash (no event: the
    password itself did not change). The caller commits."""
    user.password = hash_password(password)
    log.info("password hash upgraded", extra={"event": "auth.rehash", "user_id": user.id})
