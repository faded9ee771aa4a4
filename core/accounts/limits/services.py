"""Throttling of the account forms, over the storage of Flask-AppBuilder's limiter.

Two kinds of limits share the limiter's storage (``[limits] storage_url``: memory
for one server, Redis so that limits hold across several web servers):

* per-IP ceilings on form submissions, applied by Flask-Limiter itself to the
  endpoints listed in :data:`LIMITED_ENDPOINTS` (see :func:`install_route_limits`);
* failure counters per account and per IP, that views update and read with
  :func:`register_failure`, :func:`too_many_failures` and :func:`captcha_required`.

Account keys are hashed: no e-mail address is written to Redis.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Flask, current_app, request
from limits import RateLimitItem, parse
from limits.strategies import FixedWindowRateLimiter

# Endpoints whose POSTs count against ``[limits] form_posts`` per IP: sign-in, code
# entry, sign-up, confirmation resend, and every ``accounts.reset*`` endpoint.
LIMITED_ENDPOINTS = frozenset(
    {
        "accounts.login",
        "accounts.mfa_challenge",
        "accounts.mfa_send_sms",
        "onboarding.signup",
        "onboarding.resend_confirmation",
    }
)
LIMITED_PREFIXES = ("accounts.reset", "accounts.password_reset")


def _setting(key: str) -> Any:
    return current_app.extensions["tremplin"].config.get("limits", key)


def limiter() -> Any:
    return current_app.appbuilder.sm.limiter  # type: ignore[attr-defined]


def enabled() -> bool:
    flask_limiter = limiter()
    return bool(flask_limiter.enabled and flask_limiter.initialized)


def _strategy() -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(limiter().storage)


def account_key(login: str) -> str:
    """A stable, non-reversible key for what the visitor typed as login."""
    normalised = (login or "").strip().lower().encode("utf-8", "replace")
    return hashlib.sha256(b"tremplin-login:" + normalised).hexdigest()[:32]


def client_ip() -> str:
    """The client address (``ProxyFix`` has already applied trusted proxies)."""
    return request.remote_addr or "unknown"


def _item(key: str) -> RateLimitItem:
    return parse(_setting(key))


def _counters(login: str, ip: str, scope: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    return [
        (_item("account_failures"), (f"fail-{scope}-account", account_key(login))),
        (_item("ip_failures"), (f"fail-{scope}-ip", ip)),
    ]


def _used(item: RateLimitItem, identifiers: tuple[str, ...]) -> int:
    stats = _strategy().get_window_stats(item, *identifiers)
    return item.amount - stats.remaining


def register_failure(login: str, ip: str, scope: str = "login") -> None:
    """Count one failed attempt (wrong password, wrong code) for the account and the IP."""
    if not enabled():
        return
    strategy = _strategy()
    for item, identifiers in _counters(login, ip, scope):
        strategy.hit(item, *identifiers)


def too_many_failures(login: str, ip: str, scope: str = "login") -> bool:
    """Whether the account or the IP has used up its failures: answer 429."""
    if not enabled():
        return False
    strategy = _strategy()
    return any(
        not strategy.test(item, *identifiers) for item, identifiers in _counters(login, ip, scope)
    )


def captcha_required(login: str, ip: str, scope: str = "login") -> bool:
    """Whether the next attempt must come with a solved CAPTCHA."""
    if not enabled():
        return False
    threshold = int(_setting("captcha_after"))
    return any(
        _used(item, identifiers) >= min(threshold, item.amount)
        for item, identifiers in _counters(login, ip, scope)
    )


def clear_failures(login: str, scope: str = "login") -> None:
    """Forget the account's failures after a success (the IP counter stays)."""
    if not enabled():
        return
    item = _item("account_failures")
    _strategy().clear(item, f"fail-{scope}-account", account_key(login))


def allow(limit_key: str, *identifiers: str) -> bool:
    """Count one action against ``[limits] <limit_key>``; False once it is used up."""
    if not enabled():
        return True
    return _strategy().hit(_item(limit_key), f"action-{limit_key}", *identifiers)


def within_limit(limit: str, scope: str, *identifiers: str) -> bool:
    """Count one action against ``limit`` (``"20 per minute"``) for ``scope`` and
    the identifiers (e.g. a member id), in the limiter's storage: ``False`` once
    used up (answer 429). Always ``True`` when rate limits are off. For plugins
    (``api.within_limit``): a limit that depends on the member, not on the route."""
    if not enabled():
        return True
    return _strategy().hit(parse(limit), f"plugin-{scope}", *identifiers)


def first_use(namespace: str, token: str, seconds: int) -> bool:
    """True the first time ``token`` is seen in ``namespace`` within ``seconds``
    (replay protection shared by every web server). Without a limiter storage,
    falls back to a per-process set."""
    key = f"tremplin/once/{namespace}/{hashlib.sha256(token.encode()).hexdigest()}"
    if enabled():
        return int(limiter().storage.incr(key, seconds)) == 1
    seen: set[str] = current_app.extensions.setdefault("tremplin_once", set())
    if key in seen:
        return False
    seen.add(key)
    return True


def install_route_limits(app: Flask) -> None:
    """Apply ``[limits] form_posts`` (per IP, POST only) to the account forms."""
    flask_limiter = app.appbuilder.sm.limiter  # type: ignore[attr-defined]
    value = app.extensions["tremplin"].config.get("limits", "form_posts")
    for endpoint, view in list(app.view_functions.items()):
        if endpoint not in LIMITED_ENDPOINTS and not endpoint.startswith(LIMITED_PREFIXES):
            continue
        if getattr(view, "_tremplin_limited", False):
            continue
        limited = flask_limiter.limit(value, methods=["POST"])(view)
        limited._tremplin_limited = True
        app.view_functions[endpoint] = limited
