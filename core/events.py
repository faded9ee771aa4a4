"""Work that waits for the commit: ``after_commit(func)`` and ``emit(event, **payload)``.

The app's ORM session (:class:`Session`, installed in ``core/extensions.py``) keeps a
queue of callables. ``after_commit(func)`` appends to it; a successful
``db.session.commit()`` runs the queue once the transaction is committed, and a
rollback drops it: the whole queue when the transaction is rolled back, only what
was queued inside a savepoint (``begin_nested()``) when that savepoint is.

``emit(name, **payload)`` queues ``pm.hook.<name>(**payload)``: ``name`` must be a
hook declared with :func:`eventspec`, and the payload must name exactly its
arguments. Each listener runs on its own: one that fails is logged with the event's
name and the others still run; the request that emitted is not broken. Under
``app.testing`` the failure is raised instead, so that tests see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import pluggy
from flask import current_app
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import SessionTransaction

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

PENDING = "tremplin.after_commit.pending"
READY = "tremplin.after_commit.ready"
EVENT_MARK = "tremplin_event"

_hookspec = pluggy.HookspecMarker("tremplin")


class EventError(ValueError):
    """``emit`` was called with an unknown event or a payload that does not match."""


class Session(FlaskSession):
    """Flask-SQLAlchemy's session, with callables run after a successful commit."""

    def commit(self) -> None:
        super().commit()
        ready = self.info.pop(READY, [])
        for func in ready:
            _run(func, None)


def _owner(session: FlaskSession) -> SessionTransaction | None:
    return session.get_nested_transaction() or session.get_transaction()


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    """Whether ``transaction`` is ``ended`` or one of its (possibly closed) savepoints."""
    if ended.parent is None:
        return True  # the outermost transaction: everything goes with it
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint was released: its callables wait for the outer commit
    session.info.setdefault(READY, []).extend(func for _, func in session.info.pop(PENDING, []))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    pending = session.info.get(PENDING)
    if pending:
        session.info[PENDING] = [(t, f) for t, f in pending if not _within(t, previous)]


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING, None)  # closed without a commit (session.close())


def after_commit(func: Callable[[], Any]) -> None:
    """Run ``func()`` once the current transaction of ``db.session`` is committed.

    Nothing runs if it is rolled back (or if the savepoint it was queued in is).
    """
    from .extensions import db

    session = db.session()
    session.info.setdefault(PENDING, []).append((_owner(session), func))


def _run(func: Callable[[], Any], name: str | None) -> None:
    try:
        func()
    except Exception:
        if current_app.testing:
            raise
        label = name or getattr(func, "__qualname__", repr(func))
        log.exception("after-commit listener failed: %s", label, extra={"event": f"events.{label}"})


def eventspec(func: F) -> F:
    """Declare an event: a hookspec that is called with ``api.emit`` after commit.

    Use it instead of ``@hookspec`` in a hookspec module; the reference marks it.
    """
    setattr(func, EVENT_MARK, True)
    return _hookspec(func)


def is_event(spec_function: Callable[..., Any]) -> bool:
    return bool(getattr(spec_function, EVENT_MARK, False))


def _event_hook(pm: pluggy.PluginManager, name: str, payload: dict[str, Any]) -> Any:
    hook = getattr(pm.hook, name, None)
    spec = getattr(hook, "spec", None)
    if spec is None or not is_event(spec.function):
        raise EventError(f"{name!r} is not a declared event (declare it with @eventspec)")
    expected, given = set(spec.argnames), set(payload)
    if expected != given:
        missing = ", ".join(sorted(expected - given)) or "-"
        unknown = ", ".join(sorted(given - expected)) or "-"
        raise EventError(f"event {name!r}: missing {missing}; unexpected {unknown}")
    return hook


def emit(name: str, **payload: Any) -> None:
    """Announce event ``name`` to every plugin implementing it, after commit.

    Raises :class:`EventError` at once when ``name`` is not an event or the
    payload's keys are not exactly the event's arguments.
    """
    hook = _event_hook(current_app.extensions["tremplin"].pm, name, payload)

    def deliver() -> None:
        for impl in reversed(hook.get_hookimpls()):  # pluggy's order: last registered first
            _run(_bind(impl, payload), f"{name} ({impl.plugin_name})")

    after_commit(deliver)


def _bind(impl: Any, payload: dict[str, Any]) -> Callable[[], Any]:
    """One listener with the payload's arguments it asks for (pluggy allows fewer)."""
    arguments = {key: payload[key] for key in impl.argnames}

    def call() -> Any:
        return impl.function(**arguments)

    return call
