"""Permission checks for portal code: ask, never import Flask-AppBuilder."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app

F = TypeVar("F", bound=Callable[..., Any])


def can(action: str, resource: str) -> bool:
    """Whether the current visitor holds ``action`` on ``resource``."""
    return bool(current_app.appbuilder.sm.has_access(action, resource))  # type: ignore[attr-defined]


def require(action: str, resource: str) -> Callable[[F], F]:
    """View decorator: 403 unless the visitor holds the permission."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not can(action, resource):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate
