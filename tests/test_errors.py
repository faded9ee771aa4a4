"""Friendly error pages (400, 403, 404, 413, 429, 500) in both languages, with the
request id to quote; JSON for API clients."""

from __future__ import annotations

import re

import pytest
from flask import Blueprint, abort

from tremplin.core.api import PortalBlueprint, hookimpl
from tremplin.core.testing.fixtures import csrf_token

TITLES = {
    400: ("Requête incorrecte", "Bad request"),
    403: ("Accès refusé", "Access denied"),
    404: ("Page introuvable", "Page not found"),
    413: ("Fichier trop volumineux", "File too large"),
    429: ("Trop de tentatives", "Too many attempts"),
    500: ("Erreur interne", "Internal error"),
}


class ErrorRoutes:
    """Test-only routes that fail on purpose (registered on the test app only)."""

    __name__ = "error_routes"

    @hookimpl
    def register_blueprints(self) -> list[PortalBlueprint]:
        blueprint = Blueprint("error_routes", __name__, url_prefix="/test-errors")

        @blueprint.get("/boom")
        def boom() -> str:
            raise RuntimeError("secret detail <script>alert(1)</script>")

        @blueprint.get("/forbidden")
        def forbidden() -> str:
            abort(403)

        return [PortalBlueprint(blueprint)]


EXTRA_PLUGINS = [ErrorRoutes()]


def assert_friendly(response, code: int, lang: str) -> None:
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = response.text
    assert f'<html lang="{lang}"' in html
    title = TITLES[code][0 if lang == "fr" else 1]
    assert re.search(rf"<h1>{re.escape(title)} <span[^>]*>\({code}\)</span></h1>", html), html
    assert f"<title>{title} ·" in html
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert f"<code>{request_id}</code>" in html
    assert 'class="skip-link"' in html and "<main" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_400_bad_request(client, lang):
    assert_friendly(client.get(f"/{lang}/search", query_string={"q": "x" * 201}), 400, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_403_forbidden(client, lang):
    assert_friendly(client.get(f"/{lang}/test-errors/forbidden"), 403, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_404_not_found(client, lang):
    assert_friendly(client.get(f"/{lang}/no-such-page-<b>"), 404, lang)


def test_404_outside_language_prefix_follows_accept_language(client):
    response = client.get("/nothing-here", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert_friendly(response, 404, "en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_500_internal_error_hides_the_exception(client, lang):
    response = client.get(f"/{lang}/test-errors/boom")
    assert_friendly(response, 500, lang)
    assert "secret detail" not in response.text and "<script>alert" not in response.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_413_body_over_max_upload(app_factory, lang):
    app = app_factory({"app": {"max_upload_mb": 1}}, [ErrorRoutes()])
    client = app.test_client()
    token = csrf_token(client.get(f"/{lang}/login").text)
    body = {"csrf_token": token, "login": "a", "password": "b" * (1024 * 1024 + 10)}
    assert_friendly(client.post(f"/{lang}/login", data=body), 413, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_429_rate_limit(app_factory, lang):
    app = app_factory({"limits": {"default": "3 per minute"}}, [ErrorRoutes()])
    client = app.test_client()
    statuses = [client.get(f"/{lang}/search").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert_friendly(client.get(f"/{lang}/search"), 429, lang)


def test_api_clients_get_json_errors(client):
    response = client.get("/fr/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    body = response.get_json()
    assert body["status"] == 404 and body["request_id"] == response.headers["X-Request-ID"]
    boom = client.get("/en/test-errors/boom", headers={"Accept": "application/json"})
    assert boom.status_code == 500 and boom.get_json()["error"] == "Internal error"
