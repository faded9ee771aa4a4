"""Shared fixtures of the directory's tests: companies with profiles, members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tremplin.core import api
from tremplin.core.api import db

from . import verification_stub

# Every test module of the directory uses this configuration: one app for all.
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
EXTRA_PLUGINS = [verification_stub]


def add_company(
    name: str,
    country: str = "SN",
    sector: str = "C10",
    owner: Any = None,
    **profile: Any,
) -> int:
    """A company with a directory profile; ``owner`` (a user) represents it."""
    from tremplin.plugins.directory import profiles

    core = {k: profile.pop(k) for k in list(profile) if k in profiles.COMPANY_FIELDS}
    made = api.create_company(name=name, country=country, sector=sector, **core)
    if owner is not None:
        api.set_member_company(owner.id, made.id)
    row = profiles.ensure_profile(made.id, owner_id=owner.id if owner is not None else None)
    for key, value in profile.items():
        setattr(row, key, value)
    db.session.commit()
    return made.id


@pytest.fixture(autouse=True)
def _no_badges() -> Any:
    """Badges the verification stand-in gives are per test."""
    from . import verification_stub

    verification_stub.VERIFIED.clear()
    verification_stub.RECOMMENDED.clear()
    yield
    verification_stub.VERIFIED.clear()
    verification_stub.RECOMMENDED.clear()


@pytest.fixture
def public_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The operator opened the public directory (without building another app)."""
    from tremplin.plugins.directory import visibility

    monkeypatch.setattr(visibility, "public_directory", lambda: True)


@pytest.fixture
def company_factory(app: Any) -> Callable[..., int]:
    return add_company


@pytest.fixture
def member_of(make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``member_of("awa", company_id)``: an account representing the company."""

    def make(username: str, company_id: int | None = None, roles: list[str] | None = None) -> Any:
        user = make_user(username, roles=roles or ["Company"], mfa=False)
        if company_id is not None:
            api.set_member_company(user.id, company_id)
            db.session.commit()
        return user

    return make


@pytest.fixture(autouse=True)
def _isolated_requests(request: pytest.FixtureRequest) -> None:
    """Each request sees only its own member (``isolate_requests``): the ``app``
    fixture keeps one application context, hence one ``g``, for the whole test."""
    if "app" in request.fixturenames:
        from tremplin.core.testing.accounts import isolate_requests

        isolate_requests(request.getfixturevalue("app"))


def signed_in_client(app: Any, username: str) -> Any:
    """Another browser: a new test client signed in as ``username`` (no MFA here)."""
    from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

    other = app.test_client()
    page = other.get("/fr/login")
    other.post(
        "/fr/login",
        data={"login": username, "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    return other
