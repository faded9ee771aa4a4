"""A stand-in for the verification plugin in the directory's tests: it answers core's
``member_verification`` and the ``company_recommended`` question for the companies
a test puts in ``VERIFIED`` / ``RECOMMENDED`` (the directory never imports it)."""

from __future__ import annotations

from tremplin.core.api import hookimpl

VERIFIED: set[int] = set()
RECOMMENDED: set[int] = set()


@hookimpl
def member_verification(company_id: int) -> str | None:
    return "verified" if company_id in VERIFIED else None


@hookimpl(optionalhook=True)
def company_recommended(company_id: int) -> bool | None:
    return True if company_id in RECOMMENDED else None
