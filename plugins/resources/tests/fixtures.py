"""Shared fixtures of the resources plugin's tests: items, members with companies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.storage import folder_left_as_found

from . import verified

ENABLED = {"plugins": {"enabled": ["pages", "resources"]}}


@pytest.fixture
def storage_folder(app: Flask) -> Any:
    with folder_left_as_found(app) as folder:
        yield folder


@pytest.fixture
def make_item(app: Flask) -> Callable[..., Any]:
    """``make_item("slug", state="published", access="members", ...)``."""
    from tremplin.core.api import db
    from tremplin.plugins.resources.models import Resource
    from tremplin.plugins.resources.services import reindex

    def make(slug: str = "guide-test", **fields: Any) -> Resource:
        values = {"kind": "guide", "title_fr": f"Titre {slug}", "state": "published"}
        values.update(fields)
        item = Resource(slug=slug, **values)
        db.session.add(item)
        db.session.flush()
        if item.state == "published":
            reindex(item)
        db.session.commit()
        return item

    return make


@pytest.fixture
def make_member(app: Flask, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """A company member: ``make_member("awa", verified=True, roles=[...])``."""
    from tremplin.core.accounts import Company, Profile
    from tremplin.core.api import db

    def make(username: str, verified_company: bool = False, **kwargs: Any) -> Any:
        user = make_user(username, **kwargs)
        company = Company(name=f"Entreprise {username}", country="CI", sector="C14")
        db.session.add(company)
        db.session.flush()
        db.session.add(Profile(user_id=user.id, company_id=company.id))
        db.session.commit()
        if verified_company:
            app.extensions.setdefault(verified.VERIFIED, set()).add(company.id)
        return user

    return make


@pytest.fixture
def client_for(app: Flask) -> Callable[..., Any]:
    """``client_for("awa")``: a new test client signed in as that user."""
    from tremplin.core.testing.accounts import answer_second_step
    from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

    def make(username: str) -> Any:
        client = app.test_client()
        page = client.get("/fr/login")
        response = client.post(
            "/fr/login",
            data={
                "login": username,
                "password": TEST_PASSWORD,
                "csrf_token": csrf_token(page.text),
            },
        )
        answer_second_step(client, response, username, "fr")
        return client

    return make


def get(client: Any, url: str) -> Any:
    """``client.get(url)`` in an app context of its own: the test's app context holds
    ``g``, where the previous request of *another* client left its signed-in member."""
    with client.application.app_context():
        response = client.get(url)
        response.get_data()
        return response
