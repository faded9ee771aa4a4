"""Accounts: members, their companies, sign-in, and every account capability.

One sub-package per capability, each with the same inner shape (``models``,
``services``, ``views``, ``forms``, ``tasks``, ``admin`` as it needs): ``shared``,
``signin``, ``signup``, ``invitations``, ``participants``, ``confirmation``,
``consent``, ``mfa``, ``passwords``, ``reset``, ``sessions``, ``devices``, ``gdpr``,
``role_grants``, ``notices``, ``limits``, ``captcha``, ``profile``. ``models`` lists
every table; ``wiring`` plugs the capabilities into the app (see
``docs/architecture.md``).

The names below are the package face: the rest of core, the CLI and plugins may
import them from here. They load on first use, so importing a sub-package never
pulls in the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_FACE = {
    "events": ("shared", None),
    "Company": ("profile.models", "Company"),
    "Profile": ("profile.models", "Profile"),
    "security_manager": ("shared.services", "security_manager"),
    "find_user": ("shared.services", "find_user"),
    "create_user": ("shared.services", "create_user"),
    "validate_new_user": ("shared.services", "validate_new_user"),
    "set_roles": ("shared.services", "set_roles"),
    "set_active": ("shared.services", "set_active"),
    "authenticate": ("signin.services", "authenticate"),
    "erase_user": ("gdpr.erasure", "erase_user"),
    "ErasureRefused": ("gdpr.erasure", "ErasureRefused"),
    "password_problems": ("passwords.policy", "password_problems"),
}

__all__ = sorted(_FACE)


def __getattr__(name: str) -> Any:
    if name not in _FACE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _FACE[name]
    if attribute is None:
        return import_module(f"{__name__}.{module}.{name}")
    return getattr(import_module(f"{__name__}.{module}"), attribute)
