"""An operator's own Matomo instead of a third-party tracker, loaded only after the
visitor accepted audience measurement (core's consent banner, ``[analytics]
enabled``). The page's Content-Security-Policy then allows that one origin."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, g, request, url_for
from markupsafe import Markup

from tremplin.core.api import setting

CONSENT_COOKIE = "tremplin_analytics"  # set by core's consent banner
FLAG = "kpis_matomo_origin"


def origin() -> str:
    parts = urlsplit(setting("kpis", "matomo_url") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme == "https" and parts.netloc else ""


def consented() -> bool:
    return bool(setting("analytics", "enabled")) and request.cookies.get(CONSENT_COOKIE) == "accept"


def tag() -> Markup | None:
    """The loader script when Matomo is configured and the visitor consented."""
    allowed = origin()
    if not allowed or not consented():
        return None
    g.setdefault(FLAG, allowed)
    url = setting("kpis", "matomo_url").rstrip("/") + "/"
    return Markup('<script src="{}" data-url="{}" data-site="{}" defer></script>').format(
        url_for("kpis_beacon.static", filename="kpis/matomo.js"),
        url,
        setting("kpis", "matomo_site_id"),
    )


def widen_csp(response: Response) -> Response:
    allowed = g.get(FLAG)
    policy = response.headers.get("Content-Security-Policy", "")
    if allowed and policy:
        for directive in ("script-src 'self'", "img-src 'self'", "connect-src 'self'"):
            policy = policy.replace(directive, f"{directive} {allowed}", 1)
        response.headers["Content-Security-Policy"] = policy
    return response


def install(app: Flask) -> None:
    # Runs after core's security headers (Flask calls after_request in reverse order).
    app.after_request_funcs.setdefault(None, []).insert(0, widen_csp)
