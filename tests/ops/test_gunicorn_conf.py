"""The gunicorn settings module: environment overrides and JSON access lines."""

from __future__ import annotations

import importlib
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from tremplin.core import gunicorn_conf


def load(monkeypatch: pytest.MonkeyPatch, **env: str):  # type: ignore[no-untyped-def]
    for name in ("WORKERS", "BIND", "FORWARDED_ALLOW_IPS", "TIMEOUT", "ACCESS_LOG"):
        monkeypatch.delenv(f"TREMPLIN_GUNICORN_{name}", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(f"TREMPLIN_GUNICORN_{name}", value)
    return importlib.reload(gunicorn_conf)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(monkeypatch)
    assert conf.workers == gunicorn_conf.default_workers() >= 3
    assert conf.bind == ["127.0.0.1:8000"] and conf.forwarded_allow_ips == "127.0.0.1"
    assert conf.control_socket_disable is True and conf.graceful_timeout > 0
    assert gunicorn_conf.default_workers(4) == 9


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(
        monkeypatch,
        WORKERS="3",
        BIND="0.0.0.0:9000",
        FORWARDED_ALLOW_IPS="10.0.0.5",
        ACCESS_LOG="off",
    )
    assert (conf.workers, conf.bind, conf.forwarded_allow_ips) == (3, ["0.0.0.0:9000"], "10.0.0.5")
    assert conf.accesslog is None


@pytest.mark.parametrize("value", ["deux", "0", "-1"])
def test_bad_worker_count_stops_with_the_variable_name(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    with pytest.raises(SystemExit, match="TREMPLIN_GUNICORN_WORKERS"):
        load(monkeypatch, WORKERS=value)


def test_every_setting_is_known_to_gunicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(monkeypatch)
    cfg = Config()
    for name in (
        "bind",
        "workers",
        "timeout",
        "graceful_timeout",
        "forwarded_allow_ips",
        "control_socket_disable",
        "access_log_format",
        "logger_class",
        "accesslog",
    ):
        cfg.set(name, getattr(conf, name))
    assert cfg.logger_class is gunicorn_conf.JsonAccessLogger


def test_access_line_is_json_whatever_the_client_sends(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    conf = load(monkeypatch)
    cfg = Config()
    cfg.set("access_log_format", conf.access_log_format)
    cfg.set("accesslog", "-")
    logger = conf.JsonAccessLogger(cfg)
    nasty = 'x"y\\z\n<script>\u00e9'
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": '/fr/?q=a"b',
        "PATH_INFO": '/fr/"quoted"',
        "QUERY_STRING": 'q=a"b',
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": nasty,
        "HTTP_REFERER": nasty,
    }
    response = SimpleNamespace(
        status="200 OK", sent=1234, headers=[("X-Request-ID", "abc123def456")]
    )
    request = SimpleNamespace(headers=[("User-Agent", nasty)])
    logger.access_log.propagate = True
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access(response, request, environ, timedelta(milliseconds=12))
    entry = json.loads(caplog.records[-1].getMessage())
    assert entry["user_agent"] == nasty and entry["path"] == '/fr/"quoted"'
    assert (entry["status"], entry["bytes"], entry["duration_ms"]) == (200, 1234, 12)
    assert entry["request_id"] == "abc123def456" and entry["method"] == "GET"
