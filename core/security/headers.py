"""HTTP security headers: a strict Content-Security-Policy and friends.

No page gets ``unsafe-inline`` for scripts. Portal pages load every script and
style from files served by the package. Flask-AppBuilder's back-office templates
carry inline ``<script nonce=...>`` blocks, so back-office pages allow the
per-request nonce (``csp_nonce()`` in templates); they also use a few
``style="..."`` attributes, hence ``style-src-attr 'unsafe-inline'`` there only.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

PORTAL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
BACKOFFICE_CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self' 'nonce-{nonce}'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
BACKOFFICE_PREFIXES = ("/admin", "/swagger", "/static/appbuilder", "/lang/", "/back")


def csp_nonce() -> str:
    """The nonce of this response's inline scripts (created on first use)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def allow_frames(*origins: str) -> None:
    """Let this response's page embed frames from ``origins`` (``https://host``), e.g.
    a video player inserted after a click; every other page keeps refusing frames."""
    for origin in origins:
        if not origin.startswith("https://") or any(c in origin for c in " ;,'\""):
            raise ValueError(f"not an https origin: {origin!r}")
    g.csp_frames = (*g.get("csp_frames", ()), *origins)


def content_security_policy(path: str) -> str:
    if path.startswith(BACKOFFICE_PREFIXES):
        return BACKOFFICE_CSP.format(nonce=csp_nonce())
    frames = g.get("csp_frames", ())
    return PORTAL_CSP + ("; frame-src " + " ".join(frames) if frames else "")


def install(app: Flask, https: bool, hsts_seconds: int) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if https and request.is_secure:
            headers.setdefault(
                "Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains"
            )
        return response
