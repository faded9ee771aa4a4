"""Permission checks for portal code: ask, never import Flask-AppBuilder.

Two kinds of question:

- ``can(action, resource)``: does the visitor hold the Flask-AppBuilder
  permission (role based, declared with ``register_permissions``)?
- ``can(action, resource, obj=...)``: may this member do ``action`` on this very
  object? Answered by the rules plugins register (:mod:`.rules`); no rule, no access.

``require(action, resource, load=...)`` guards a view on an object and answers 404
when the object is missing *or* refused (a visitor never learns it exists; an
anonymous visitor gets 404 too rather than a sign-in redirect). Each guarded view
is listed by :func:`guarded_endpoints` so that tests can walk them
(:mod:`tremplin.core.testing.urlwalk`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, abort, current_app

from . import rules

F = TypeVar("F", bound=Callable[..., Any])
GUARD = "tremplin_guard"  # attribute set on guarded view functions
GUARDS = "tremplin_guards"  # app.extensions key: {endpoint: GuardedEndpoint}


@dataclass(frozen=True)
class Guard:
    """What a view checks: ``action`` on the ``resource`` object ``load(**view_args)``."""

    action: str
    resource: str
    loader: Callable[..., Any]


@dataclass(frozen=True)
class GuardedEndpoint:
    """An endpoint of the app with its object-level guard."""

    endpoint: str
    action: str
    resource: str
    loader: Callable[..., Any]


def can(action: str, resource: str, obj: Any = None, member: Any = None) -> bool:
    """Without ``obj``: whether the current visitor holds the Flask-AppBuilder
    permission ``action`` on ``resource`` (``member`` is then ignored).

    With ``obj``: whether ``member`` (default: the current member, ``None`` for a
    visitor) may do ``action`` on ``obj``, by the registered access rules."""
    if obj is None:
        return bool(current_app.appbuilder.sm.has_access(action, resource))  # type: ignore[attr-defined]
    if member is None:
        from ..members.services import current_member

        member = current_member()
    return rules.allowed(action, resource, obj, member)


def require(action: str, resource: str, load: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """View decorator.

    Without ``load``: 403 unless the visitor holds the permission. With ``load``:
    ``load(**view_kwargs)`` gives the object (or ``None``); 404 unless it exists and
    the access rules allow the current member ``action`` on it."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if load is None:
                if not can(action, resource):
                    abort(403)
                return view(*args, **kwargs)
            obj = load(**kwargs)
            if obj is None or not can(action, resource, obj):
                abort(404)
            return view(*args, **kwargs)

        if load is not None:
            setattr(wrapped, GUARD, Guard(action, resource, load))
        return wrapped  # type: ignore[return-value]

    return decorate


def guarded(action: str, resource: str, load: Callable[..., Any]) -> Callable[[F], F]:
    """Declare, without enforcing, that a view shows ``load(**view_kwargs)`` only to
    those the rules allow: for views that check inside (with
    ``can(action, resource, obj)``). The URL walker then verifies that they do."""

    def decorate(view: F) -> F:
        setattr(view, GUARD, Guard(action, resource, load))
        return view

    return decorate


def guarded_endpoints(app: Flask | None = None) -> dict[str, GuardedEndpoint]:
    """Every endpoint of ``app`` guarded with ``require(..., load=...)`` or
    declared with :func:`guarded`, by endpoint name (kept on the app)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    found: dict[str, GuardedEndpoint] = {}
    for endpoint, view in app.view_functions.items():
        guard = getattr(view, GUARD, None)
        if isinstance(guard, Guard):
            found[endpoint] = GuardedEndpoint(endpoint, guard.action, guard.resource, guard.loader)
    app.extensions[GUARDS] = found
    return found
