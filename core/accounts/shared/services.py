"""Account operations shared by views, CLI and tasks (no request objects)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from ...extensions import db


def security_manager() -> Any:
    return current_app.appbuilder.sm  # type: ignore[attr-defined]


def find_user(login: str) -> Any | None:
    """A user by e-mail (case-insensitive) or user name."""
    sm = security_manager()
    login = login.strip()
    if "@" in login:
        user = (
            sm.session.query(sm.user_model)
            .filter(db.func.lower(sm.user_model.email) == login.lower())
            .one_or_none()
        )
        if user is not None:
            return user
    return sm.find_user(username=login)


def create_user(
    username: str, email: str, first_name: str, last_name: str, password: str, role_names: list[str]
) -> Any:
    """Create an account with the given roles; raises ``ValueError`` with the reason."""
    sm = security_manager()
    if find_user(username) or find_user(email):
        raise ValueError("a user with this user name or e-mail already exists")
    roles = []
    for name in role_names:
        role = sm.find_role(name)
        if role is None:
            raise ValueError(f"unknown role {name!r}")
        roles.append(role)
    user = sm.add_user(username, first_name, last_name, email, roles, password=password)
    if not user:
        raise ValueError("the account could not be created")
    return user


def validate_new_user(username: str, email: str, first_name: str, last_name: str) -> str | None:
    """Why these account fields are unacceptable, or ``None``."""
    import re

    if not re.fullmatch(r"[A-Za-z0-9._-]{3,64}", username):
        return "identifiant invalide : 3 à 64 lettres, chiffres, points, tirets ou soulignés"
    if len(email) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        return "adresse e-mail invalide"
    for label, value in (("prénom", first_name), ("nom", last_name)):
        if not value.strip() or len(value) > 64 or any(ord(c) < 32 for c in value):
            return f"{label} invalide (1 à 64 caractères imprimables)"
    return None


def _require_user(login: str) -> Any:
    user = find_user(login)
    if user is None:
        raise LookupError(f"aucun compte ne correspond à {login!r}")
    return user


def set_roles(login: str, role_names: list[str]) -> None:
    sm = security_manager()
    user = _require_user(login)
    roles = []
    for name in role_names:
        role = sm.find_role(name)
        if role is None:
            raise ValueError(f"rôle inconnu : {name!r}")
        roles.append(role)
    user.roles = roles
    sm.update_user(user)


def set_active(login: str, active: bool) -> None:
    sm = security_manager()
    user = _require_user(login)
    user.active = active
    sm.update_user(user)
