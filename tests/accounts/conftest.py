"""Accounts tests: each request sees only its own client's session (see
``tremplin.core.testing.accounts.isolate_requests``)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_requests(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        from tremplin.core.testing.accounts import isolate_requests

        isolate_requests(request.getfixturevalue("app"))
