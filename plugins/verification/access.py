"""Who may read a verification document: the company's own members, and reviewers who
proved their second factor recently (spec 6.1.4, documents viewable with MFA)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db

from .models import Case, Document

REVIEW = ("can_review", "QueueView")  # FAB permission of the review page


def mfa_max_age() -> int:
    return int(api.setting("verification", "mfa_max_age_minutes")) * 60


def reviewer_with_mfa() -> bool:
    """The signed-in member may review and proved their second factor recently."""
    return api.can(*REVIEW) and api.mfa_satisfied(max_age=mfa_max_age())


def company_of_file(key: str) -> int | None:
    return db.session.scalar(select(Case.company_id).join(Document).where(Document.file_key == key))


def may_read_document(file: Any, member: Any) -> bool:
    if member is None:
        return False
    company_id = company_of_file(file.key)
    if company_id is None:
        return False
    if member.company_id == company_id:
        return True
    return reviewer_with_mfa()
