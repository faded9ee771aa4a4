"""Benchmark-only WSGI entry: ``/__bare`` answers from a bare Flask app, everything
else from Tremplin, both inside the same gunicorn worker (so the comparison shares
the server, the socket and the process)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from tremplin.core.wsgi import app as tremplin

BARE_PATH = "/__bare"
bare = Flask("bare")


@bare.get(BARE_PATH)
def hello() -> str:
    return "<!doctype html><title>bare</title><p>Bonjour</p>"


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare(environ, start_response)
    return tremplin(environ, start_response)
