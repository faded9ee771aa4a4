"""A stand-in for the verification plugin in tests: companies listed in
``app.extensions[VERIFIED]`` are verified."""

from __future__ import annotations

from flask import current_app

from tremplin.core.api import app_cache, hookimpl

VERIFIED = app_cache("resources_tests_verified")


@hookimpl
def member_verification(company_id: int) -> str | None:
    return "verified" if company_id in current_app.extensions.get(VERIFIED, set()) else None
