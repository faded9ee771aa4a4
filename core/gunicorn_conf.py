"""Gunicorn settings for production.

Load with ``gunicorn -c python:tremplin.core.gunicorn_conf tremplin.core.wsgi:app``.
Every value can be adjusted from the environment (the systemd unit or the shell):

- ``TREMPLIN_GUNICORN_WORKERS``: worker processes (default ``2 * CPU + 1``);
- ``TREMPLIN_GUNICORN_BIND``: address (default ``127.0.0.1:8000``; nginx in front);
- ``TREMPLIN_GUNICORN_TIMEOUT`` / ``TREMPLIN_GUNICORN_GRACEFUL_TIMEOUT``: seconds;
- ``TREMPLIN_GUNICORN_FORWARDED_ALLOW_IPS``: proxies whose X-Forwarded-* gunicorn trusts;
- ``TREMPLIN_GUNICORN_ACCESS_LOG``: ``-`` (stderr, default), a file path, or ``off``.

Graceful reload: ``kill -HUP <master pid>`` (new workers, no request dropped).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger

ENV = "TREMPLIN_GUNICORN_"


def _env(name: str, default: str) -> str:
    return os.environ.get(ENV + name, "").strip() or default


def _env_int(name: str, default: int) -> int:
    raw = _env(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{ENV}{name} doit être un nombre entier (reçu {raw!r})") from None
    if value < 1:
        raise SystemExit(f"{ENV}{name} doit être supérieur à 0 (reçu {value})")
    return value


def default_workers(cpus: int | None = None) -> int:
    """The classic ``2 * CPU + 1`` sync workers."""
    return 2 * (cpus or multiprocessing.cpu_count()) + 1


# One JSON object a line for each finished request. Gunicorn substitutes each
# ``%(x)s`` atom; ``JsonSafeAtoms`` escapes string values for JSON, so a line stays
# valid whatever the client sent. Numbers are written unquoted.
ACCESS_STRINGS = {
    "time": "iso_time",
    "remote_addr": "h",
    "method": "m",
    "path": "U",
    "query": "q",
    "protocol": "H",
    "referer": "f",
    "user_agent": "a",
    "request_id": "{x-request-id}o",
}
ACCESS_NUMBERS = {"status": "s", "bytes": "B", "duration_ms": "M", "pid": "pid"}


def json_access_format() -> str:
    parts = [f'"{key}": "%({atom})s"' for key, atom in ACCESS_STRINGS.items()]
    parts += [f'"{key}": %({atom})s' for key, atom in ACCESS_NUMBERS.items()]
    return "{" + ", ".join(parts) + "}"


class JsonSafeAtoms(dict[str, object]):
    """Gunicorn's atoms, string values escaped for a JSON string; unknown ones ``-``."""

    def __init__(self, atoms: dict[str, object]) -> None:
        super().__init__(
            {k: json.dumps(v)[1:-1] if isinstance(v, str) else v for k, v in atoms.items()}
        )

    def __getitem__(self, key: str) -> object:
        key = key.lower() if key.startswith("{") else key
        return super().__getitem__(key) if key in self else "-"


class JsonAccessLogger(Logger):
    """Gunicorn's logger whose access lines are JSON objects."""

    atoms_wrapper_class = JsonSafeAtoms

    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["iso_time"] = datetime.now(UTC).isoformat(timespec="milliseconds")
        atoms["B"] = atoms.get("B") or 0
        atoms["s"] = int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else 0
        atoms["pid"] = os.getpid()
        return atoms


wsgi_app = "tremplin.core.wsgi:app"
bind = [_env("BIND", "127.0.0.1:8000")]
workers = _env_int("WORKERS", default_workers())
worker_class = "sync"
timeout = _env_int("TIMEOUT", 30)
graceful_timeout = _env_int("GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _env_int("MAX_REQUESTS", 2000)
max_requests_jitter = 200
limit_request_line = 8190
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# gunicorn 27 opens a control socket under ~/.gunicorn/ and a second instance
# silently reuses it: never wanted here (reload is done with signals).
control_socket_disable = True
accesslog = None if _env("ACCESS_LOG", "-") == "off" else _env("ACCESS_LOG", "-")
errorlog = "-"
loglevel = _env("LOG_LEVEL", "info")
logger_class = JsonAccessLogger
access_log_format = json_access_format()
proc_name = "tremplin"
