"""Server-side sessions (spec 6.3.3, annex ET09).

The cookie carries only a random id (256 bits); the data lives in a store
(:mod:`.store`): the database by default, Redis when ``[sessions]
redis_url`` is set, so every web server sees the same sessions and a member can
list and end theirs. Nothing is stored, and no cookie is sent, until something
is put in the session: anonymous visitors of public pages get no cookie.

A visitor who only opened a form (sign-in, sign-up) has nothing in the session but
the CSRF secret and perhaps a flash message. Those few keys (``CLIENT_SIDE_KEYS``)
travel in a second cookie, encrypted and authenticated (Fernet, key derived from
the instance secret), instead of costing a database write per visit (and a row
per robot). As soon as anything else is stored (sign-in), the session moves to the
store under a new random id and that cookie is deleted.

A session ends after ``idle_minutes`` without a request and ``absolute_hours``
after sign-in. Its id changes at sign-in and when the member's roles change;
signing out destroys it; a password change ends every other session.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from datetime import timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from flask import (
    Flask,
    Request,
    Response,
    current_app,
    g,
    has_request_context,
    request,
    session,
)
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from flask_babel import gettext as _
from werkzeug.datastructures import CallbackDict

from ..shared import events
from ..shared.crypto import fernet_for
from .store import DatabaseStore, RedisStore, SessionStore, StoredSession, key_for, utcnow

log = logging.getLogger("tremplin.sessions")
SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
TOUCH_SECONDS = 60  # last activity is written at most once a minute when nothing changed
CLIENT_SIDE_KEYS = frozenset({"csrf_token", "_flashes", "_fresh"})  # what a visitor's cookie
# may hold ("_fresh": Flask-Login marks a non-empty anonymous session not fresh)
CLIENT_COOKIE_SUFFIX = "-anon"
CLIENT_COOKIE_MAX = 3000  # characters: browsers drop cookies over about 4 KB
serializer = TaggedJSONSerializer()


class ServerSideSession(CallbackDict, SessionMixin):
    """The session dict of one request, with what the store knows about it."""

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        sid: str | None = None,
        record: StoredSession | None = None,
        client_side: bool = False,
    ) -> None:
        def on_update(self: ServerSideSession) -> None:
            self.modified = True
            self.accessed = True

        super().__init__(data or {}, on_update)
        self.sid = sid
        self.record = record
        self.modified = False
        self.accessed = False
        self.rotate_requested = False
        self.destroyed = False
        self.old_keys: list[str] = []
        self.client_side = client_side  # read from the visitor's encrypted cookie
        self.issued_at = 0  # when that cookie was encrypted (Unix time)

    @property
    def key(self) -> str | None:
        return key_for(self.sid) if self.sid else None

    def rotate(self, restart: bool = False) -> None:
        """Give the session a new id at the end of the request (same data).
        ``restart`` also restarts its absolute lifetime (sign-in)."""
        self.rotate_requested = True
        if restart and self.record is not None:
            self.record.created_at = utcnow()
        self.modified = True

    def destroy(self) -> None:
        """Forget the session: its record is deleted at the end of the request."""
        self.clear()
        self.destroyed = True
        self.modified = True


class ServerSideSessionInterface(SessionInterface):
    """Flask's session interface over a :class:`SessionStore`."""

    serializer = serializer

    def __init__(
        self, store: SessionStore, idle: timedelta, absolute: timedelta, cipher: Fernet
    ) -> None:
        self.store, self.idle, self.absolute, self.cipher = store, idle, absolute, cipher

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if not SID_PATTERN.fullmatch(sid):
            return self._open_client_side(app, request)
        try:
            record = self.store.load(key_for(sid))
        except Exception:
            log.exception("session store unavailable")
            return ServerSideSession()
        if record is None:
            return self._open_client_side(app, request)
        if record.expired(utcnow(), self.idle, self.absolute):
            self.store.delete([record.key])
            return ServerSideSession()
        found = ServerSideSession(self.serializer.loads(record.data), sid=sid, record=record)
        if record.rotate:
            found.rotate()
        return found

    def _open_client_side(self, app: Flask, request: Request) -> ServerSideSession:
        """A visitor's session from their encrypted cookie (empty when absent, expired
        or tampered with; the key changes with the instance secret)."""
        token = request.cookies.get(self.client_cookie_name(app), "")
        if not token or len(token) > CLIENT_COOKIE_MAX:
            return ServerSideSession()
        try:
            data = self.serializer.loads(
                self.cipher.decrypt(
                    token.encode("ascii", "replace"), ttl=int(self.idle.total_seconds())
                ).decode()
            )
        except (InvalidToken, ValueError, TypeError):
            return ServerSideSession(client_side=True)
        if not isinstance(data, dict) or not set(data) <= CLIENT_SIDE_KEYS:
            return ServerSideSession(client_side=True)
        found = ServerSideSession(data, client_side=True)
        found.issued_at = self.cipher.extract_timestamp(token.encode("ascii"))
        return found

    def client_cookie_name(self, app: Flask) -> str:
        return self.get_cookie_name(app) + CLIENT_COOKIE_SUFFIX

    def _cookie_args(self, app: Flask) -> dict[str, Any]:
        return {
            "domain": self.get_cookie_domain(app),
            "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app),
            "httponly": True,
            "samesite": self.get_cookie_samesite(app),
        }

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSideSession)
        name = self.get_cookie_name(app)
        if session.accessed:
            response.vary.add("Cookie")
        if session.destroyed or session.rotate_requested or not session:
            if session.key:
                session.old_keys.append(session.key)
            session.sid = None
        if session.old_keys:
            self._delete(session.old_keys)
        if (
            session.sid is None
            and session
            and set(session) <= CLIENT_SIDE_KEYS
            and not session.destroyed
            and self._save_client_side(app, session, response)
        ):
            return
        if session.client_side:  # moving to the store, or emptied: the visitor cookie goes
            response.delete_cookie(self.client_cookie_name(app), **self._cookie_args(app))
        if not session:
            if session.old_keys:
                response.delete_cookie(name, **self._cookie_args(app))
            return
        new = session.sid is None
        if session.sid is None:
            session.sid = secrets.token_urlsafe(32)
        sid = session.sid
        if new or session.modified or self._stale(session):
            self._write(session, new)
        if new:
            response.set_cookie(name, sid, **self._cookie_args(app))

    def _save_client_side(self, app: Flask, session: ServerSideSession, response: Response) -> bool:
        """Encrypt a visitor's few keys into their cookie (re-sent only when they
        changed, or once the cookie is half-way to its idle limit). ``False`` when
        they would not fit in a cookie (piled-up messages): the store takes them."""
        fresh = time.time() - session.issued_at < self.idle.total_seconds() / 2
        if not (session.client_side and not session.modified and fresh):
            token = self.cipher.encrypt(self.serializer.dumps(dict(session)).encode()).decode()
            if len(token) > CLIENT_COOKIE_MAX:
                return False
            response.set_cookie(self.client_cookie_name(app), token, **self._cookie_args(app))
        if session.old_keys:  # a stored session that shrank back (sign-out) loses its id
            response.delete_cookie(self.get_cookie_name(app), **self._cookie_args(app))
        return True

    def _stale(self, session: ServerSideSession) -> bool:
        record = session.record
        return record is None or (utcnow() - record.last_seen).total_seconds() > TOUCH_SECONDS

    def _write(self, session: ServerSideSession, new: bool) -> None:

        previous = session.record
        now = utcnow()
        user_id = str(session.get("_user_id") or "")
        record = StoredSession(
            key=key_for(session.sid or ""),
            data=self.serializer.dumps(dict(session)),
            user_id=int(user_id) if user_id.isdigit() else None,
            created_at=previous.created_at if previous and not session.destroyed else now,
            last_seen=now,
            ip=request.remote_addr or "",
            user_agent=request.user_agent.string or "",
            rotate=False,
        )
        try:
            self.store.save(record)
        except Exception:
            log.exception("session could not be saved")
        session.record = record

    def _delete(self, keys: list[str]) -> None:
        try:
            self.store.delete(keys)
        except Exception:
            log.exception("session could not be deleted")


# --- Queries and actions shared by views, tasks and the CLI ------------------------


def interface(app: Flask | None = None) -> ServerSideSessionInterface | None:
    found = (app or current_app).session_interface
    return found if isinstance(found, ServerSideSessionInterface) else None


def store() -> SessionStore:
    found = interface()
    if found is None:
        raise RuntimeError("server-side sessions are not installed")
    return found.store


def current_key() -> str | None:
    """Storage key of this request's session, if it has been stored."""
    if not has_request_context() or not isinstance(session, ServerSideSession):
        return None
    return session.key


def sessions_of(user_id: int) -> list[StoredSession]:
    """The member's live sessions, most recently used first."""
    found = interface()
    if found is None:
        return []
    now = utcnow()
    live = [
        r for r in found.store.for_user(user_id) if not r.expired(now, found.idle, found.absolute)
    ]
    return sorted(live, key=lambda r: r.last_seen, reverse=True)


def end_session(user_id: int, key: str, by: Any = None) -> bool:
    """End one of the member's sessions; ``False`` when it is not theirs."""
    if not any(r.key == key for r in sessions_of(user_id)):
        return False
    store().delete([key])
    _emit_revoked(user_id, key, by)
    return True


def end_sessions(user_id: int, keep: str | None = None, by: Any = None) -> int:
    """End every session of the member except ``keep``; returns how many ended."""
    keys = [r.key for r in store().for_user(user_id) if r.key != keep]
    store().delete(keys)
    for key in keys:
        _emit_revoked(user_id, key, by)
    return len(keys)


def _emit_revoked(user_id: int, key: str, by: Any) -> None:
    from ..shared.services import security_manager

    user = security_manager().get_user_by_id(user_id)
    events.session_revoked.send(
        events.sender(),
        user=user,
        session_id=key[:12],
        by=by,
    )


def purge_sessions() -> int:
    """Scheduled: delete sessions past their lifetime (database store)."""
    found = interface()
    return found.store.purge(utcnow()) if found else 0


# --- Wiring -------------------------------------------------------------------------


def make_store(app: Flask) -> SessionStore:
    config = app.extensions["tremplin"].config
    idle = timedelta(minutes=config.get("sessions", "idle_minutes"))
    absolute = timedelta(hours=config.get("sessions", "absolute_hours"))
    if config.get("sessions", "redis_url"):
        return RedisStore(config.get("sessions", "redis_url"), idle, absolute)
    return DatabaseStore(idle, absolute)


def init_app(app: Flask) -> None:
    """Install the server-side session interface (cookie flags from ``core/app.py``)."""
    config = app.extensions["tremplin"].config
    idle = timedelta(minutes=config.get("sessions", "idle_minutes"))
    absolute = timedelta(hours=config.get("sessions", "absolute_hours"))
    with app.app_context():
        cipher = fernet_for("visitor-session")
    app.session_interface = ServerSideSessionInterface(make_store(app), idle, absolute, cipher)
    app.config["PERMANENT_SESSION_LIFETIME"] = absolute

    @app.url_value_preprocessor  # runs before every before_request function
    def forget_previous_request(_endpoint: str | None, _values: Any) -> None:
        """Tests keep one app context (one ``g``) across requests: the member that
        Flask-Login loaded for another client's request must not leak into this one."""
        for name in ("_login_user", "user", "csrf_token", "_session_rotated", "_audit_roles_seen"):
            g.pop(name, None)


def rotate_current(restart: bool = False) -> None:
    """New id for this request's session (sign-in, privilege change)."""
    if (
        has_request_context()
        and isinstance(session, ServerSideSession)
        and (restart or not g.get("_session_rotated"))
    ):
        session.rotate(restart=restart)
        g._session_rotated = True


def destroy_current() -> None:
    """Sign-out: forget the session (Flask-Login's note to clear the remember-me
    cookie survives, so that cookie is deleted too)."""
    if has_request_context() and isinstance(session, ServerSideSession):
        remember = session.get("_remember")
        session.destroy()
        if remember == "clear":
            session["_remember"] = "clear"


BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str) -> str:
    """ "Firefox · Linux"-style label of a user agent (never the raw string)."""
    browser = next((name for token, name in BROWSERS if token in user_agent), "")
    system = next((name for token, name in SYSTEMS if token in user_agent), "")
    label = " · ".join(part for part in (browser, system) if part)
    return label or _("Appareil inconnu")
