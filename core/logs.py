"""Logs as JSON lines, each carrying the request id that error pages also show (ET10)."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id")
            entry["method"] = request.method
            entry["path"] = request.path
        for key in ("status", "duration_ms", "remote_addr", "user_id", "event"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(app: Flask, level: str, as_json: bool) -> None:
    """Send the app's and the libraries' logs to stderr, as JSON lines when asked."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if as_json
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_tremplin", False):
            root.removeHandler(existing)
    handler._tremplin = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    app.logger.handlers.clear()
    app.logger.propagate = True
    logging.getLogger("werkzeug").setLevel(max(logging.WARNING, root.level))
    # FAB narrates its start-up at INFO and warns about filters it cannot build.
    logging.getLogger("flask_appbuilder").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("flask_appbuilder.models.filters").setLevel(logging.ERROR)


def install_request_id(app: Flask) -> None:
    """Give each request an id (kept from a trusted proxy's X-Request-ID) and log it."""
    access = logging.getLogger("tremplin.access")

    @app.before_request
    def assign_request_id() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        trusted = app.config.get("TREMPLIN_TRUSTED_PROXIES", 0) > 0
        g.request_id = incoming if trusted and _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        request_id = g.get("request_id")
        if request_id:
            response.headers["X-Request-ID"] = request_id
        started = g.get("request_started")
        if started is not None and app.config.get("TREMPLIN_ACCESS_LOG", True):
            access.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "status": response.status_code,
                    "remote_addr": request.remote_addr,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        return response
