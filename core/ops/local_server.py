"""A throw-away gunicorn on a loopback port, for the reload test and the benchmark.

Never used in production: it writes a TOML file for a scratch instance and starts
``gunicorn -c python:tremplin.core.gunicorn_conf`` on 127.0.0.1 with it.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..config import _toml_value


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(
    path: Path,
    instance: Path,
    database_url: str,
    secret_key: str,
    extra: dict[str, dict[str, object]] | None = None,
) -> Path:
    """A minimal TOML configuration for a scratch instance."""
    sections: dict[str, dict[str, object]] = {
        "app": {
            "environment": "development",
            "instance_path": str(instance),
            "secret_key": secret_key,
        },
        "database": {"url": database_url},
        "tasks": {"immediate": True},
        "limits": {"enabled": False},
        "logging": {"level": "WARNING"},
    }
    for name, values in (extra or {}).items():
        sections.setdefault(name, {}).update(values)
    lines = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class LocalGunicorn:
    """``with LocalGunicorn(config, workers=2) as server: server.port``."""

    def __init__(
        self,
        config: Path,
        workers: int = 2,
        app: str = "tremplin.core.wsgi:app",
        log_path: Path | None = None,
        extra_env: dict[str, str] | None = None,
        priority: int = 0,
    ) -> None:
        self.config, self.workers, self.app = config, workers, app
        self.priority = priority  # a nice increment: negative (root only) = favoured
        self.port = free_port()
        self.log_path = log_path or config.with_suffix(".gunicorn.log")
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> LocalGunicorn:
        env = dict(
            os.environ,
            TREMPLIN_CONFIG=str(self.config),
            TREMPLIN_GUNICORN_BIND=f"127.0.0.1:{self.port}",
            TREMPLIN_GUNICORN_WORKERS=str(self.workers),
            TREMPLIN_GUNICORN_ACCESS_LOG="off",
            **self.extra_env,
        )
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [gunicorn, "-c", "python:tremplin.core.gunicorn_conf", self.app],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=self._set_priority if self.priority else None,
            )
        self.wait_ready()
        return self

    def _set_priority(self) -> None:
        with contextlib.suppress(OSError):  # not allowed (not root): normal priority
            os.nice(self.priority)

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log_path.read_text(errors="replace"))
            try:
                if self.get("/healthz")[0] == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError("gunicorn did not answer:\n" + self.log_path.read_text(errors="replace"))

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def worker_pids(self) -> set[int]:
        """The master's children (Linux ``/proc``)."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.pid:
                pids.add(int(stat.parent.name))
        return pids

    def reload(self) -> None:
        os.kill(self.pid, signal.SIGHUP)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
