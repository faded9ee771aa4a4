"""Cookie-less page analytics counted on the server: the route (never a URL with
an identifier or token in it), the referring site's domain, the device class and,
sent by a small script, the load time from the Navigation Timing API. No cookie,
no IP address, no user id; ``DNT: 1`` and ``Sec-GPC: 1`` are honoured.

Counts are buffered per process and written in one transaction every
``[kpis] page_view_flush_seconds`` (additive UPDATEs, so several workers add up):
a page view costs a dictionary update, not a database write. A crash loses at most
that many seconds of one worker's counts."""

from __future__ import annotations

import atexit
import logging
import sys
import threading
import time
import weakref
from datetime import date
from typing import cast
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from tremplin.core.api import app_cache, db

from .models import PageView, utcnow

SKIPPED_PREFIXES = ("/admin", "/static", "/api", "/files", "/kpis/")
BOTS = ("bot", "crawler", "spider", "slurp", "curl", "wget", "python-requests", "headless")
MAX_LOAD_MS = 120_000
BUFFER_KEY = app_cache("kpis.page_views")  # dropped when the database goes back in time
MAX_PENDING_ROWS = 2_000  # flush early rather than hold more rows
_WITH_BUFFERS: weakref.WeakSet[Flask] = weakref.WeakSet()


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
    """Add one view (or one load-time measure) to this process's buffer; the buffer
    is written (one transaction, one additive UPDATE per distinct row) once
    ``[kpis] page_view_flush_seconds`` have passed, at exit, and by :func:`flush`."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    pending = _buffer(app)
    key = (utcnow().date(), path, referrer, device)
    with pending.lock:
        totals = pending.rows.setdefault(key, [0, 0, 0])
        if load_ms is None:
            totals[0] += 1
        else:
            totals[1] += load_ms
            totals[2] += 1
        due = time.monotonic() - pending.flushed_at >= _flush_seconds()
    if due or len(pending.rows) >= MAX_PENDING_ROWS:
        flush(app)


class _Pending:
    """Views and load times counted but not yet written: ``(day, path, referrer,
    device) -> [views, load_ms, loads]``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: dict[tuple[date, str, str, str], list[int]] = {}
        self.flushed_at = time.monotonic()


def _buffer(app: Flask) -> _Pending:
    pending = app.extensions.get(BUFFER_KEY)
    if pending is None:
        pending = app.extensions.setdefault(BUFFER_KEY, _Pending())
        _WITH_BUFFERS.add(app)
    return cast(_Pending, pending)


def _flush_seconds() -> float:
    from tremplin.core.api import setting

    return float(setting("kpis", "page_view_flush_seconds"))


def flush(app: Flask) -> int:
    """Write the buffered counts of ``app``'s process; returns the rows touched."""
    pending = _buffer(app)
    with pending.lock:
        rows, pending.rows = pending.rows, {}
        pending.flushed_at = time.monotonic()
    if not rows:
        return 0
    with app.app_context():
        for key, (views, load_ms, loads) in rows.items():
            _add(key, views, load_ms, loads)
    return len(rows)


def _add(key: tuple[date, str, str, str], views: int, load_ms: int, loads: int) -> None:
    day, path, referrer, device = key
    where = (
        PageView.day == day,
        PageView.path == path,
        PageView.referrer == referrer,
        PageView.device == device,
    )
    changes = {
        "views": PageView.views + views,
        "load_ms": PageView.load_ms + load_ms,
        "loads": PageView.loads + loads,
    }
    with db.engine.begin() as connection:
        if connection.execute(update(PageView).where(*where).values(**changes)).rowcount:
            return
    row = {"day": day, "path": path, "referrer": referrer, "device": device}
    try:
        with db.engine.begin() as connection:
            connection.execute(
                PageView.__table__.insert().values(**row, views=views, load_ms=load_ms, loads=loads)
            )
    except IntegrityError:  # another process inserted it first
        with db.engine.begin() as connection:
            connection.execute(update(PageView).where(*where).values(**changes))


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
        logging.getLogger(__name__).exception("page view not counted")
    return response


def install(app: Flask) -> None:
    app.after_request(after_request)


@atexit.register
def _flush_at_exit() -> None:
    """Write what every live app of this process still holds (a worker stopping)."""
    for app in list(_WITH_BUFFERS):
        try:
            flush(app)
        except Exception as error:  # the database may be gone; logging may be closed
            sys.stderr.write(f"tremplin kpis: buffered page views not written: {error}\n")
