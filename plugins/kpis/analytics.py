"""Cookie-less page analytics counted on the server: the route (never a URL with
an identifier or token in it), the referring site's domain, the device class and,
sent by a small script, the load time from the Navigation Timing API. No cookie,
no IP address, no user id; ``DNT: 1`` and ``Sec-GPC: 1`` are honoured."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from tremplin.core.api import db

from .models import PageView, utcnow

SKIPPED_PREFIXES = ("/admin", "/static", "/api", "/files", "/kpis/")
BOTS = ("bot", "crawler", "spider", "slurp", "curl", "wget", "python-requests", "headless")
MAX_LOAD_MS = 120_000


def opted_out() -> bool:
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def device_class(agent: str) -> str | None:
    lowered = agent.lower()
    if any(word in lowered for word in BOTS):
        return None
    if "ipad" in lowered or "tablet" in lowered:
        return "tablet"
    if "mobi" in lowered or "android" in lowered:
        return "mobile"
    return "desktop"


def page_path() -> str | None:
    """The page's route: the path when it has no variable but the language,
    otherwise the route pattern (``/<lang_code>/surveys/r/<token>``)."""
    rule = request.url_rule
    if rule is None:
        return None
    variables = set(rule.arguments) - {"lang_code"}
    return (request.path if not variables else rule.rule)[:200]


def referrer_domain() -> str:
    host = urlsplit(request.referrer or "").hostname or ""
    return "" if not host or host == request.host.split(":")[0] else host[:100]


def count(path: str, referrer: str, device: str, load_ms: int | None = None) -> None:
    """Add one view (or one load-time measure) on its own connection."""
    day = utcnow().date()
    key = (
        PageView.day == day,
        PageView.path == path,
        PageView.referrer == referrer,
        PageView.device == device,
    )
    if load_ms is None:
        changes: dict[str, Any] = {"views": PageView.views + 1}
    else:
        changes = {"load_ms": PageView.load_ms + load_ms, "loads": PageView.loads + 1}
    with db.engine.begin() as connection:
        if connection.execute(update(PageView).where(*key).values(**changes)).rowcount:
            return
    row = {
        "day": day,
        "path": path,
        "referrer": referrer,
        "device": device,
        "views": 0 if load_ms is not None else 1,
        "load_ms": load_ms or 0,
        "loads": 1 if load_ms is not None else 0,
    }
    try:
        with db.engine.begin() as connection:
            connection.execute(PageView.__table__.insert().values(**row))
    except IntegrityError:  # another request inserted it first
        with db.engine.begin() as connection:
            connection.execute(update(PageView).where(*key).values(**changes))


def after_request(response: Response) -> Response:
    if (
        request.method != "GET"
        or response.status_code != 200
        or response.mimetype != "text/html"
        or request.path.startswith(SKIPPED_PREFIXES)
        or opted_out()
    ):
        return response
    device = device_class(request.headers.get("User-Agent", ""))
    path = page_path()
    if device is None or path is None:
        return response
    try:
        count(path, referrer_domain(), device)
    except Exception:  # analytics must never break a page
        import logging

        logging.getLogger(__name__).exception("page view not counted")
    return response


def install(app: Flask) -> None:
    app.after_request(after_request)
